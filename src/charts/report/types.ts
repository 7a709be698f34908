import type { Decimal } from "../../_lib/decimal.js";
import type { PurchaseRule, RefundRule } from "../../_lib/eventRules.js";
import type {
  CohortColumns,
  CohortEvent,
  EventAccessors,
  InstantInput,
} from "../../cohorts/engine/types.js";
import type { Period, WeekStartsOn } from "../../types.js";

/**
 * The colour scheme of a report: `'light'` (dark text on white), `'dark'` (light text on a
 * dark page) or `'auto'` (follows the reader's system setting through
 * `prefers-color-scheme`; charts keep the light look).
 *
 * @category Report
 */
export type ReportTheme = "light" | "dark" | "auto";

/**
 * One figure of a {@link ReportKpisSection}.
 *
 * @category Report
 */
export interface ReportKpi {
  /** What the figure is (`'Net revenue'`). */
  readonly label: string;
  /** The figure as it should be read (`'€12,345.67'`), already formatted. */
  readonly value: string;
  /** An optional short note under the figure (`'refunds deducted'`). */
  readonly note?: string | undefined;
}

/**
 * A block of headline figures, shown as a definition list (label, value, note).
 *
 * @category Report
 */
export interface ReportKpisSection {
  /** Section kind. */
  readonly kind: "kpis";
  /** Optional section heading (an `<h2>`). */
  readonly heading?: string | undefined;
  /** The figures, in order. */
  readonly items: readonly ReportKpi[];
}

/**
 * A chart: an SVG string (from `customer-metrics/charts`) shown inline in a `<figure>` with
 * its caption. The SVG is checked, not escaped: it must be one `<svg>` element with no
 * script, no event handler attribute and no link to another document.
 *
 * @category Report
 */
export interface ReportChartSection {
  /** Section kind. */
  readonly kind: "chart";
  /** Optional section heading (an `<h2>`). */
  readonly heading?: string | undefined;
  /** The chart, one `<svg …>…</svg>` element. */
  readonly svg: string;
  /** The figure caption (`<figcaption>`), plain text. */
  readonly caption: string;
}

/**
 * How a table column aligns its cells: `'left'` for text, `'right'` for numbers
 * (tabular figures).
 *
 * @category Report
 */
export type ReportAlign = "left" | "right";

/**
 * A column of a {@link ReportTableSection}.
 *
 * @category Report
 */
export interface ReportColumn {
  /** The column header. */
  readonly label: string;
  /** Cell alignment. Default `'left'`. */
  readonly align?: ReportAlign | undefined;
}

/**
 * A table cell: text, a number shown as it converts to a string (`-0` as `0`), a Decimal shown
 * with its exact digits, or `null` for an absent value (shown as an en dash).
 *
 * @category Report
 */
export type ReportCell = string | number | Decimal | null;

/**
 * A data table: a header row of `<th scope="col">`, and each row's first cell a
 * `<th scope="row">` (the row's name) unless `rowHeaders` is `false`.
 *
 * @category Report
 */
export interface ReportTableSection {
  /** Section kind. */
  readonly kind: "table";
  /** Optional section heading (an `<h2>`). */
  readonly heading?: string | undefined;
  /** Optional table caption (`<caption>`). */
  readonly caption?: string | undefined;
  /** The columns; every row has one cell per column. */
  readonly columns: readonly ReportColumn[];
  /** The rows. */
  readonly rows: readonly (readonly ReportCell[])[];
  /** Whether each row's first cell names the row (`<th scope="row">`). Default `true`. */
  readonly rowHeaders?: boolean | undefined;
}

/**
 * Plain text: one `<p>` per paragraph.
 *
 * @category Report
 */
export interface ReportTextSection {
  /** Section kind. */
  readonly kind: "text";
  /** Optional section heading (an `<h2>`). */
  readonly heading?: string | undefined;
  /** The paragraphs, plain text (escaped, never read as HTML). */
  readonly paragraphs: readonly string[];
}

/**
 * One section of an {@link htmlReport}.
 *
 * @category Report
 */
export type ReportSection =
  | ReportKpisSection
  | ReportChartSection
  | ReportTableSection
  | ReportTextSection;

/**
 * Options of {@link htmlReport}.
 *
 * @category Report
 */
export interface HtmlReportOptions {
  /** The report's title: the page `<title>` and its `<h1>`. */
  readonly title: string;
  /** An optional line under the title (the data's period, the date of the data). */
  readonly subtitle?: string | undefined;
  /** The language of the text, a BCP 47 tag for `<html lang>`. Default `'en'`. */
  readonly lang?: string | undefined;
  /** The colour scheme. Default `'light'`. */
  readonly theme?: ReportTheme | undefined;
}

/**
 * Options of {@link customerReport}: the order log's accessors and time options as in
 * `cohortAnalysis`, and what the report shows.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Report
 */
export interface CustomerReportOptions<Row = CohortEvent> extends EventAccessors<Row> {
  /** The cohort period. Default `'month'`. */
  readonly period?: Period | undefined;
  /** IANA time zone for all calendar arithmetic. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /** First day of the week for `period: 'week'`. Default 1 (Monday). */
  readonly weekStartsOn?: WeekStartsOn | undefined;
  /**
   * The end of the data, read as every observation end of the library (a calendar date names
   * the last day observed, included in full). Default: the day of the last order, included
   * in full. Periods not ended by then are shown as incomplete.
   */
  readonly asOf?: InstantInput | undefined;
  /**
   * What a purchase is: `'positive'` (default) a row with revenue above 0; `'all'` every row
   * that is not a refund (a log of orders without amounts).
   */
  readonly purchases?: PurchaseRule | undefined;
  /**
   * How refunds (rows with negative revenue) count: `'net'` (default) subtracted from revenue
   * where they fall (the period's net revenue, the cohort cell, the RFM total, the purchase
   * day's spend); `'exclude'` left out of every sum.
   */
  readonly refunds?: RefundRule | undefined;
  /** ISO 4217 currency code of the amounts, for display (`'EUR'`). Default: no symbol. */
  readonly currency?: string | undefined;
  /**
   * Whether to fit a BG/NBD purchase model and a Gamma-Gamma spend model, and show their
   * parameters with 95 % intervals, their checks and the top customers. Default `false`.
   */
  readonly models?: boolean | undefined;
  /** How many customers the top-customers table lists (with `models`). Default 10. */
  readonly top?: number | undefined;
  /** The report's title. Default `'Customer report'`. */
  readonly title?: string | undefined;
  /** The language tag of the page. Default `'en'`. */
  readonly lang?: string | undefined;
  /** The colour scheme. Default `'light'`. */
  readonly theme?: ReportTheme | undefined;
}

/**
 * The orders {@link customerReport} reads: rows (read by the accessors) or columns.
 *
 * @typeParam Row - the row shape
 * @category Report
 */
export type ReportOrders<Row = CohortEvent> = Iterable<Row> | CohortColumns;
