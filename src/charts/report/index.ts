export { customerReport } from "./customerReport.js";
export { htmlReport } from "./htmlReport.js";
export type {
  CustomerReportOptions,
  HtmlReportOptions,
  ReportAlign,
  ReportCell,
  ReportChartSection,
  ReportColumn,
  ReportKpi,
  ReportKpisSection,
  ReportOrders,
  ReportSection,
  ReportTableSection,
  ReportTextSection,
  ReportTheme,
} from "./types.js";
