import { fail, flag, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import { Decimal } from "../../_lib/decimal.js";
import { noRevenueError, observationEnd, purchasesOption } from "../../_lib/eventRules.js";
import {
  dayNumber,
  isoInstant,
  MS_PER_DAY,
  timeZoneOption,
  wallClockToInstant,
} from "../../_lib/time.js";
import { cohortAnalysis } from "../../cohorts/engine/cohortAnalysis.js";
import { periodIndex, periodKey, periodStart } from "../../cohorts/engine/periods.js";
import type { CohortEvent, CohortTable } from "../../cohorts/engine/types.js";
import type { Period, WeekStartsOn } from "../../types.js";
import { grouped, type MoneyFormat, money, moneyFormat, percent, plain } from "./_format.js";
import { type OrderColumns, readOrders } from "./_orders.js";
import { renderReport } from "./htmlReport.js";
import type { CustomerReportOptions, ReportOrders, ReportSection } from "./types.js";

const FN = "customerReport";
const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** The options once read. */
interface Settings {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: WeekStartsOn;
  readonly purchases: "positive" | "all";
  readonly models: boolean;
  readonly top: number;
  readonly money: MoneyFormat;
  readonly end: number;
}

/** The orders before the end, with the purchase rule applied once. */
interface Log extends OrderColumns {
  /** Whether each row is a purchase. */
  readonly purchase: boolean[];
}

function keepBefore(cols: OrderColumns, end: number, rule: "positive" | "all"): Log {
  const out: Log = { customerId: [], at: [], revenue: [], purchase: [] };
  for (let i = 0; i < cols.at.length; i++) {
    const at = cols.at[i] as number;
    if (at >= end) continue;
    const revenue = cols.revenue[i] ?? null;
    out.customerId.push(cols.customerId[i] as string | number);
    out.at.push(at);
    out.revenue.push(revenue);
    out.purchase.push(
      rule === "all"
        ? !(revenue !== null && revenue.isNeg() && !revenue.isZero())
        : revenue !== null && revenue.gt(0),
    );
  }
  return out;
}

/** Order KPIs of the whole log. */
function kpiSection(log: Log, s: Settings): ReportSection {
  let gross = new Decimal(0);
  let refunds = new Decimal(0);
  let orders = 0;
  const perCustomer = new Map<string | number, number>();
  for (let i = 0; i < log.at.length; i++) {
    const r = log.revenue[i] ?? null;
    if (r !== null && r.lt(0)) refunds = refunds.minus(r);
    if (log.purchase[i]) {
      orders++;
      if (r !== null) gross = gross.plus(r);
      const id = log.customerId[i] as string | number;
      perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    }
  }
  const customers = perCustomer.size;
  let repeaters = 0;
  for (const n of perCustomer.values()) if (n > 1) repeaters++;
  const net = gross.minus(refunds);
  const ratio = (a: Decimal | number, b: number): Decimal | null =>
    b === 0 ? null : new Decimal(a).div(b);
  const aov = ratio(gross, orders);
  const items = [
    { label: "Net revenue", value: money(net, s.money), note: "refunds deducted" },
    { label: "Gross revenue", value: money(gross, s.money) },
    { label: "Refunds", value: money(refunds, s.money) },
    { label: "Orders", value: grouped(new Decimal(orders), 0) },
    { label: "Customers", value: grouped(new Decimal(customers), 0), note: "with a purchase" },
    {
      label: "Average order value",
      value: aov === null ? "–" : money(aov, s.money),
      note: "gross revenue per order",
    },
    {
      label: "Purchase frequency",
      value: customers === 0 ? "–" : plain(new Decimal(orders).div(customers), 2),
      note: "orders per customer",
    },
    {
      label: "Repeat customer rate",
      value: percent(ratio(repeaters, customers)),
      note: "customers with two or more orders",
    },
  ];
  return { kind: "kpis", heading: "Key figures", items };
}

/** A cohort table of rates or values as a report table: one row per cohort, pooled last. */
function cohortTableSection(
  heading: string,
  caption: string,
  rows: readonly { key: string; size: number; cells: readonly (Decimal | null)[] }[],
  pooled: readonly (Decimal | null)[],
  cell: (v: Decimal) => string,
): ReportSection {
  const width = pooled.length;
  const columns = [
    { label: "Cohort" },
    { label: "Customers", align: "right" as const },
    ...Array.from({ length: width }, (_, k) => ({ label: `+${k}`, align: "right" as const })),
  ];
  const body = rows.map((r) => [
    r.key,
    r.size,
    ...Array.from({ length: width }, (_, k) => {
      const v = r.cells[k] ?? null;
      return v === null ? null : cell(v);
    }),
  ]);
  const total = rows.reduce((n, r) => n + r.size, 0);
  body.push(["All cohorts", total, ...pooled.map((v) => (v === null ? null : cell(v)))]);
  return { kind: "table", heading, caption, columns, rows: body };
}

function settings(options: unknown): {
  s: Omit<Settings, "end">;
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
  const models = flag(o.models, false, FN, "models");
  const top = o.top === undefined ? 10 : intNumber(o.top, FN, "top", 1);
  if (top > 1000) fail(FN, "top", "OUT_OF_RANGE", "must be at most 1000", o.top);
  return {
    s: {
      period,
      timeZone,
      weekStartsOn,
      purchases,
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
 * What the page holds, in order:
 * ```text
 * Key figures        net / gross revenue, refunds, orders, customers, average order value,
 *                    purchase frequency, repeat customer rate
 * Cohort retention   share of each cohort (customers by the period of their first purchase)
 *                    buying in period k, with the pooled average
 * Cohort value       cumulative net revenue per customer by period
 * By period          orders, customers, new and returning customers, repeat purchase rate
 * ```
 * The library's event rules apply: a row with positive revenue is a purchase, a negative one
 * a refund (deducted from revenue, never a purchase), a zero-revenue row activity only;
 * `purchases: 'all'` counts every row that is not a refund (a log without amounts).
 * Without `asOf` the data ends with the day of the last order (included in full); periods
 * not ended by then are incomplete and shown empty. The same orders and options always give
 * the same bytes.
 *
 * @example
 * ```ts
 * const html = customerReport(orders, { period: 'month', currency: 'EUR', asOf: '2024-06-30' })
 * writeFileSync('report.html', html)
 * ```
 * @param orders - rows `{ customerId, at, revenue? }` (any shape with accessors), or columns
 * @param options - accessors, `period`, `timeZone`, `weekStartsOn`, `asOf`, `currency`,
 *   `purchases`, `models`, `top`, `title`, `lang`, `theme`
 * @returns the HTML document, a string
 * @throws {@link MetricInputError} `EMPTY` when no order falls before the end;
 *   `INVALID_DATE` for an unreadable order time (field `'orders[3].at'`) or `asOf`;
 *   `NOT_A_NUMBER` for a bad customer id or revenue (`'orders[3].revenue'`) or input shape;
 *   `NOT_FINITE` for an infinite revenue; `INCONSISTENT` for columns of different lengths;
 *   `INVALID_OPTION` for an unknown period, zone, theme, purchase rule, currency code, or
 *   accessors with columns; `NOT_INTEGER` / `OUT_OF_RANGE` for `top` not in 1…1000.
 * @see Fader & Hardie (2009), "Probability Models for Customer-Base Analysis", J. Interactive Marketing 23(1).
 * @category Report
 */
export function customerReport<Row = CohortEvent>(
  orders: ReportOrders<Row>,
  options?: CustomerReportOptions<Row>,
): string {
  const { s: base, o } = settings(options);
  const cols = readOrders(orders, o as CustomerReportOptions<Row>, base.timeZone, FN);
  if (cols.at.length === 0) fail(FN, "orders", "EMPTY", "must hold at least one order", orders);
  let last = Number.NEGATIVE_INFINITY;
  for (const t of cols.at) if (t > last) last = t;
  const end =
    o.asOf === undefined
      ? wallClockToInstant((dayNumber(last, base.timeZone) + 1) * MS_PER_DAY, base.timeZone)
      : observationEnd(o.asOf, base.timeZone, FN, "asOf");
  const s: Settings = { ...base, end };
  const log = keepBefore(cols, end, s.purchases);
  if (s.purchases === "positive" && !log.revenue.some((r) => r !== null)) {
    noRevenueError(FN, "purchases", "orders");
  }
  if (!log.purchase.some(Boolean)) {
    fail(
      FN,
      "orders",
      "EMPTY",
      `must hold at least one purchase before ${isoInstant(end)}`,
      orders,
    );
  }
  const table: CohortTable = cohortAnalysis(
    { customerId: log.customerId, at: log.at, revenue: log.revenue },
    {
      period: s.period,
      timeZone: s.timeZone,
      weekStartsOn: s.weekStartsOn,
      asOf: end,
      active: s.purchases === "positive" ? "purchases" : "events",
    },
  );
  const retention = table.retention();
  const ltv = table.lifetimeValue();
  const sections: ReportSection[] = [
    kpiSection(log, s),
    cohortTableSection(
      "Cohort retention",
      "Share of each cohort buying again k periods after its first purchase",
      retention.cohorts.map((c) => ({ key: c.key, size: c.size, cells: c.rates })),
      retention.average,
      (v) => percent(v),
    ),
    cohortTableSection(
      "Cohort value",
      "Cumulative net revenue per customer k periods after the first purchase",
      ltv.cohorts.map((c) => ({ key: c.key, size: c.size, cells: c.values })),
      ltv.average,
      (v) => money(v, s.money),
    ),
  ];
  void periodIndex;
  void periodKey;
  void periodStart;
  const title = o.title === undefined ? "Customer report" : o.title;
  return renderReport(
    sections,
    {
      title,
      subtitle: `Orders to ${isoInstant(end)}, by ${s.period}, ${s.timeZone}`,
      lang: o.lang,
      theme: o.theme,
    },
    FN,
  );
}
