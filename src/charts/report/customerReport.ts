import { fail, flag, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import { Decimal } from "../../_lib/decimal.js";
import {
  noRevenueError,
  observationEnd,
  purchasesOption,
  refundsOption,
} from "../../_lib/eventRules.js";
import {
  dayNumber,
  isoInstant,
  MS_PER_DAY,
  timeZoneOption,
  wallClockToInstant,
} from "../../_lib/time.js";
import { orderMetrics } from "../../analytics/orderMetrics.js";
import type { OrderFigures, OrderMetricsPeriod } from "../../analytics/orderMetricsTypes.js";
import { cohortAnalysis } from "../../cohorts/engine/cohortAnalysis.js";
import { dayKey, periodIndex, periodStart } from "../../cohorts/engine/periods.js";
import type { CohortEvent, CohortTable, CustomerId } from "../../cohorts/engine/types.js";
import { rfmSegments } from "../../cohorts/helpers/rfmSegments.js";
import type { Period, WeekStartsOn } from "../../types.js";
import { cohortHeatmap } from "../cohortHeatmap.js";
import { lifetimeValueCurves } from "../lifetimeValueCurves.js";
import { money, moneyFormat, percent, plain } from "./_format.js";
import { modelSections } from "./_models.js";
import {
  NEGATIVE,
  NONE,
  type OrderColumns,
  POSITIVE,
  type Revenue,
  readOrders,
} from "./_orders.js";
import type { ReportColumns, Settings } from "./_settings.js";
import { pageOptions, renderReport } from "./htmlReport.js";
import type { CustomerReportOptions, ReportOrders, ReportSection } from "./types.js";

const FN = "customerReport";
const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/**
 * The most periods a report shows: a cohort heat map of 200 cohorts has 20,100 cells (a few
 * megabytes of SVG); daily cohorts over years would make a page no browser opens.
 */
const MAX_PERIODS = 200;

/** The orders before the end (all of them, without copying, when none is later). */
function keepBefore(cols: OrderColumns, end: number): OrderColumns {
  let later = 0;
  for (const t of cols.at) if (t >= end) later++;
  if (later === 0) return cols;
  const n = cols.at.length - later;
  const out = {
    customerId: new Array<CustomerId>(n),
    at: new Float64Array(n),
    revenue: new Array<Revenue>(n),
    sign: new Uint8Array(n),
  };
  let j = 0;
  for (let i = 0; i < cols.at.length; i++) {
    const t = cols.at[i] as number;
    if (t >= end) continue;
    out.customerId[j] = cols.customerId[i] as CustomerId;
    out.at[j] = t;
    out.revenue[j] = cols.revenue[i] ?? null;
    out.sign[j] = cols.sign[i] as number;
    j++;
  }
  return out;
}

/** The log as columns for the library's functions. */
function columns(log: OrderColumns): ReportColumns {
  return { customerId: log.customerId, at: log.at, revenue: log.revenue };
}

/** Order KPIs of the whole log. */
function kpiSection(total: OrderFigures, s: Settings): ReportSection {
  const orNone = (v: Decimal | null, f: (d: Decimal) => string): string =>
    v === null ? "–" : f(v);
  const items = [
    {
      label: "Net revenue",
      value: money(total.netRevenue, s.money),
      note: s.refunds === "net" ? "refunds deducted" : "refunds left out",
    },
    { label: "Gross revenue", value: money(total.grossRevenue, s.money) },
    { label: "Refunds", value: money(total.refunds, s.money) },
    { label: "Orders", value: plain(total.orders, 0) },
    { label: "Customers", value: plain(total.customers, 0), note: "with an order" },
    {
      label: "Average order value",
      value: orNone(total.averageOrderValue, (v) => money(v, s.money)),
      note: "gross revenue per order",
    },
    {
      label: "Purchase frequency",
      value: orNone(total.purchaseFrequency, (v) => plain(v, 2)),
      note: "orders per customer",
    },
    {
      label: "Repeat customer rate",
      value: percent(total.repeatCustomerRate),
      note: "customers with two orders or more",
    },
  ];
  return { kind: "kpis", heading: "Key figures", items };
}

/** Orders, new and returning customers, and the repeat purchase rate of every period. */
function periodSection(periods: readonly OrderMetricsPeriod[], s: Settings): ReportSection {
  let eligible = 0;
  const rows = periods.map((p) => {
    // Customers who had ordered before the period: every customer new in an earlier one.
    const rate = eligible === 0 ? null : new Decimal(p.returningCustomers).div(eligible);
    const row = [
      p.complete ? p.key : `${p.key} (partial)`,
      p.orders,
      p.customers,
      p.newCustomers,
      p.returningCustomers,
      eligible,
      rate === null ? null : percent(rate),
      money(p.netRevenue, s.money),
      p.averageOrderValue === null ? null : money(p.averageOrderValue, s.money),
    ];
    eligible += p.newCustomers;
    return row;
  });
  const right = "right" as const;
  return {
    kind: "table",
    heading: `Repeat purchases by ${s.period}`,
    caption:
      "Repeat purchase rate: share of the customers who had ordered before the period " +
      "(earlier customers) who ordered again in it",
    columns: [
      { label: s.period[0]?.toUpperCase() + s.period.slice(1) },
      { label: "Orders", align: right },
      { label: "Customers", align: right },
      { label: "New", align: right },
      { label: "Returning", align: right },
      { label: "Earlier customers", align: right },
      { label: "Repeat purchase rate", align: right },
      { label: "Net revenue", align: right },
      { label: "Average order value", align: right },
    ],
    rows,
  };
}

/** The RFM segments: customers and share of each. */
function rfmSection(log: OrderColumns, s: Settings): ReportSection {
  const rfm = rfmSegments(columns(log), {
    asOf: s.end,
    timeZone: s.timeZone,
    purchases: s.purchases,
    refunds: s.refunds,
  });
  const spend = new Map<string, Decimal>();
  for (const c of rfm.customers) {
    const name = c.segment ?? "Others";
    spend.set(name, (spend.get(name) ?? new Decimal(0)).plus(c.monetary));
  }
  return {
    kind: "table",
    heading: "RFM segments",
    caption:
      "Customers by recency, frequency and monetary quintile scores (1 to 5), in the named " +
      "segments of the usual 11-segment map",
    columns: [
      { label: "Segment" },
      { label: "Customers", align: "right" },
      { label: "Share", align: "right" },
      { label: "Spend", align: "right" },
    ],
    rows: rfm.segments.map((g) => [
      g.name,
      g.customers,
      percent(g.share),
      money(spend.get(g.name) ?? new Decimal(0), s.money),
    ]),
  };
}

function settings(options: unknown): {
  s: Omit<Settings, "end" | "start" | "chartTheme">;
  o: Partial<CustomerReportOptions<unknown>>;
} {
  const o = readOptions<CustomerReportOptions<unknown>>(options, FN);
  const timeZone = timeZoneOption(o.timeZone, FN);
  const period = option(o.period, PERIODS, "month", FN, "period");
  const weekStartsOn = option<WeekStartsOn>(
    o.weekStartsOn,
    [0, 1, 2, 3, 4, 5, 6],
    1,
    FN,
    "weekStartsOn",
  );
  const purchases = purchasesOption(o.purchases, FN);
  const refunds = refundsOption(o.refunds, FN);
  const models = flag(o.models, false, FN, "models");
  const top = o.top === undefined ? 10 : intNumber(o.top, FN, "top", 1);
  if (top > 1000) fail(FN, "top", "OUT_OF_RANGE", "must be at most 1000", o.top);
  return {
    s: {
      period,
      timeZone,
      weekStartsOn,
      purchases,
      refunds,
      models,
      top,
      money: moneyFormat(o.currency, FN),
    },
    o,
  };
}

/**
 * A ready-made customer report of an order log, as one self-contained HTML page (see
 * {@link htmlReport}).
 *
 * @remarks
 * What the page holds, in order (each figure as the library's own function computes it):
 * ```text
 * Key figures             net and gross revenue, refunds, orders, customers, average order
 *                         value, purchase frequency, repeat customer rate   (orderMetrics)
 * Cohort retention        heatmap: share of each cohort (customers by the period of their
 *                         first purchase) buying k periods later, pooled row (cohortAnalysis)
 * Cohort value            heatmap: cumulative net revenue per customer by period
 * Lifetime value curves   the same per cohort and pooled, as lines
 * Repeat purchases        per period: orders, customers, new, returning, customers of earlier
 *                         periods, repeat purchase rate = returning / earlier customers
 *                         (repeatPurchaseRetention of that period), net revenue, AOV
 * RFM segments            customers, share and spend of each named segment (rfmSegments)
 * with models: true
 *   Purchase model        BG/NBD fitted to the summary in weeks: parameters with standard
 *                         errors and 95 % intervals (parameters())
 *   Spend model           Gamma-Gamma fitted to the repeat buyers, likewise
 *   Model checks          expected versus actual customers by repeat purchases
 *                         (periodTransactions); a BG/NBD fitted to the first two thirds of the
 *                         days, predicted against the last third (calibrationVsHoldout)
 *   Top customers         the `top` customers of most expected revenue in the next 12 months
 *                         (BG/NBD × Gamma-Gamma, undiscounted; rank), with P(active)
 * ```
 * The library's event rules apply: a row with positive revenue is a purchase, a negative one
 * a refund (deducted from net revenue in its period, never a purchase), a zero-revenue row
 * activity only; `purchases: 'all'` counts every row that is not a refund (a log without
 * amounts). `asOf` is the library's one observation end (a calendar date names the last day,
 * included; an instant is the first instant left out); without it the data end with the day
 * of the last order, included in full. Periods not ended by then are incomplete: blank in the
 * heatmaps, marked "(partial)" in the period table. A model that cannot be fitted to the
 * orders (too few repeat buyers, say) is replaced by a paragraph saying why; the rest of the
 * report stands. Charts are drawn by `customer-metrics/charts` in the report's theme (`'auto'`
 * draws them light). A report shows at most 200 periods (a heat map of 200 cohorts has
 * 20,100 cells): a longer span needs a longer `period`. The order log is read once (a one-pass iterable is fine) and checked
 * row by row, so an error names this function and the row. The same orders and options give
 * the same bytes: there is no clock in the page.
 *
 * @example
 * ```ts
 * const html = customerReport(orders, { period: 'month', currency: 'EUR', models: true })
 * html.includes('<h2 id="s0">Key figures</h2>') //=> true
 * writeFileSync('report.html', html)
 * ```
 * @param orders - rows `{ customerId, at, revenue? }` (any shape with accessors), or columns
 * @param options - accessors, `period` (default `'month'`), `timeZone` (default `'UTC'`),
 *   `weekStartsOn`, `asOf`, `currency` (an ISO 4217 code, for display), `purchases`, `models`
 *   (default `false`), `top` (default 10), `title`, `lang`, `theme`
 * @returns the HTML document, a string
 * @throws {@link index!MetricInputError} `EMPTY` when no order (or no purchase) falls before the
 *   end, or for an empty title; `INVALID_DATE` for an unreadable order time (field
 *   `'orders[3].at'`, `'orders.at[3]'` for columns) or `asOf`; `NOT_A_NUMBER` for a bad
 *   customer id or revenue (`'orders[3].revenue'`) or an input that is neither rows nor
 *   columns; `NOT_FINITE` for an infinite revenue; `INCONSISTENT` for columns of different
 *   lengths; `INVALID_OPTION` for an unknown period, zone, week start, theme, language tag,
 *   purchase rule, currency code, a non-boolean `models`, an accessor that is not a function,
 *   accessors with columns, or a log without revenue under `purchases: 'positive'` (field
 *   `purchases`); `NOT_INTEGER` / `OUT_OF_RANGE` for `top` not a whole number from 1 to 1000;
 *   `OUT_OF_RANGE` on `period` when the orders span more than 200 periods of it.
 * @see Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
 *   the Pareto/NBD Model", Marketing Science 24(2), 275–284 (the BG/NBD model and its checks).
 * @category Report
 */
export function customerReport<Row = CohortEvent>(
  orders: ReportOrders<Row>,
  options?: CustomerReportOptions<Row>,
): string {
  const { s: base, o } = settings(options);
  const title = o.title === undefined ? "Customer report" : o.title;
  // The page's options are checked now, not after the figures are computed.
  pageOptions({ title, lang: o.lang, theme: o.theme }, FN);
  const zone = base.timeZone;
  const input = readOrders(orders, o as CustomerReportOptions<Row>, zone, FN);
  if (input.at.length === 0) fail(FN, "orders", "EMPTY", "must hold at least one order", orders);
  let last = Number.NEGATIVE_INFINITY;
  for (const t of input.at) if (t > last) last = t;
  const end =
    o.asOf === undefined
      ? wallClockToInstant((dayNumber(last, zone) + 1) * MS_PER_DAY, zone)
      : observationEnd(o.asOf, zone, FN, "asOf");
  const log = keepBefore(input, end);
  if (log.at.length === 0) {
    fail(FN, "orders", "EMPTY", `must hold at least one order before ${isoInstant(end)}`, orders);
  }
  const all = base.purchases === "all";
  let hasRevenue = false;
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < log.at.length; i++) {
    const sign = log.sign[i];
    if (sign !== NONE) hasRevenue = true;
    const purchase = all ? sign !== NEGATIVE : sign === POSITIVE;
    if (purchase && (log.at[i] as number) < first) first = log.at[i] as number;
  }
  if (!all && !hasRevenue) noRevenueError(FN, "purchases", "orders");
  if (first === Number.POSITIVE_INFINITY) {
    fail(
      FN,
      "orders",
      "EMPTY",
      `must hold at least one purchase before ${isoInstant(end)}`,
      orders,
    );
  }
  const s: Settings = {
    ...base,
    end,
    start: wallClockToInstant(dayNumber(first, zone) * MS_PER_DAY, zone),
    chartTheme: o.theme === "dark" ? "dark" : "light",
  };
  const periods =
    periodIndex(end - 1, s.period, zone, s.weekStartsOn) -
    periodIndex(s.start, s.period, zone, s.weekStartsOn) +
    1;
  if (periods > MAX_PERIODS) {
    fail(
      FN,
      "period",
      "OUT_OF_RANGE",
      `must split the orders into at most ${MAX_PERIODS} periods (they span ${periods} of ` +
        `that length, ${dayKey(dayNumber(s.start, zone))} to ${dayKey(dayNumber(end - 1, zone))}); ` +
        "choose a longer period",
      s.period,
    );
  }
  const cols = columns(log);
  const table: CohortTable = cohortAnalysis(cols, {
    period: s.period,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    asOf: end,
    active: s.purchases === "positive" ? "purchases" : "events",
    refunds: s.refunds,
  });
  const metrics = orderMetrics(cols, {
    // From the start of the first order's period: the log holds the whole history, so the
    // first period is not cut short by the data starting in its middle.
    from: periodStart(
      periodIndex(s.start, s.period, s.timeZone, s.weekStartsOn),
      s.period,
      s.timeZone,
      s.weekStartsOn,
    ),
    to: end,
    by: s.period,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    purchases: s.purchases,
    refunds: s.refunds,
  });
  const currencySign = s.money.prefix.trim();
  const sections: ReportSection[] = [
    kpiSection(metrics.total, s),
    {
      kind: "chart",
      heading: "Cohort retention",
      svg: cohortHeatmap(table, {
        value: "retention",
        title: `Share of each cohort ordering, by ${s.period} since its first order`,
        theme: s.chartTheme,
      }),
      caption:
        `Customers grouped by the ${s.period} of their first order (cohort); each cell is the ` +
        `share of the cohort with an order ${s.period}s later. Periods not complete by the end ` +
        "of the data are left blank.",
    },
    {
      kind: "chart",
      heading: "Cohort value",
      svg: cohortHeatmap(table, {
        value: "lifetimeValue",
        title: `Cumulative net revenue per customer, by ${s.period} since the first order`,
        currency: currencySign,
        theme: s.chartTheme,
      }),
      caption:
        "Revenue of the cohort's orders up to each period, refunds deducted, divided by the " +
        "cohort's size: the cohort's lifetime value so far.",
    },
    {
      kind: "chart",
      heading: "Lifetime value curves",
      svg: lifetimeValueCurves(table, {
        title: `Cumulative net revenue per customer, by ${s.period} since the first order`,
        currency: currencySign,
        theme: s.chartTheme,
      }),
      caption:
        "One line per cohort and a thick line for all cohorts pooled: how a customer's value " +
        "grows with time since the first order.",
    },
    periodSection(metrics.periods, s),
    rfmSection(log, s),
  ];
  if (s.models) sections.push(...modelSections(cols, s));
  return renderReport(
    sections,
    {
      title,
      subtitle:
        `Orders from ${dayKey(dayNumber(first, s.timeZone))} to ` +
        `${dayKey(dayNumber(end - 1, s.timeZone))} (${s.timeZone}), by ${s.period}` +
        (o.currency === undefined ? "" : `, amounts in ${o.currency}`),
      lang: o.lang,
      theme: o.theme,
    },
    FN,
  );
}
