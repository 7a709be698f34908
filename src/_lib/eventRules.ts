/**
 * The rules every event-log function shares (cohorts, summaries, RFM, repeat purchases, and
 * the event analytics built on them). Internal: not re-exported.
 *
 * **What an event is.** An event's kind follows from the sign of its revenue:
 * - revenue > 0: a **purchase**;
 * - revenue < 0: a **refund** (never a purchase, never activity);
 * - revenue 0, or no revenue (`undefined` / `null`, see `isNoRevenue`): **activity**.
 *
 * Two options, spelled and meaning the same in every function that has them:
 * - `purchases: 'positive'` (default) counts rows with positive revenue as purchases;
 *   `'all'` counts every row that is not a refund (logs of orders without amounts, free
 *   orders). A function that needs purchases and reads a log in which no row has revenue
 *   refuses it under `'positive'` and names this option, rather than finding no purchase.
 * - `refunds: 'net'` (default) subtracts a refund's amount in the bucket it falls in (the
 *   cohort cell of its period, the purchase day of a summary, the customer's total in RFM);
 *   a refund that falls in no bucket (before the customer's first event, on a day without a
 *   purchase, of a customer without purchases) is left out. `'exclude'` leaves refunds out of
 *   every sum.
 *
 * **Ends of time.** Every observation end (`asOf`, `observationEnd`, `calibrationEnd`,
 * `periodThrough`) is read as an exclusive instant, the first instant not observed:
 * - an instant (a Date, epoch milliseconds, a date-time string) is that instant: events at or
 *   after it are left out;
 * - a calendar date (a date-only string, `'2024-06-30'`) names the last day observed, which
 *   is included in full: the end is the start of the next day in the analysis time zone.
 *
 * The last day observed, where a function counts whole days to the end (recency, T), is the
 * day holding the last observed instant (`lastObservedDay`).
 */
import { fail, option } from "./assert.js";
import { dayNumber, MS_PER_DAY, parseInstant, wallClockToInstant } from "./time.js";

/**
 * What counts as a purchase in an event log: `'positive'` (default) a row with positive
 * revenue; `'all'` every row that is not a refund (see the guide "Event logs").
 *
 * @category Cohorts
 */
export type PurchaseRule = "positive" | "all";

/**
 * How refunds count in money sums: `'net'` (default) subtracted in the bucket they fall in;
 * `'exclude'` left out (see the guide "Event logs").
 *
 * @category Cohorts
 */
export type RefundRule = "net" | "exclude";

const PURCHASE_RULES: readonly PurchaseRule[] = ["positive", "all"];
const REFUND_RULES: readonly RefundRule[] = ["net", "exclude"];

/** The `purchases` option; default `'positive'`. */
export function purchasesOption(value: unknown, fn: string, field = "purchases"): PurchaseRule {
  return option(value, PURCHASE_RULES, "positive", fn, field);
}

/** The `refunds` option; default `'net'`. */
export function refundsOption(value: unknown, fn: string, field = "refunds"): RefundRule {
  return option(value, REFUND_RULES, "net", fn, field);
}

/**
 * Whether an event of revenue `units` (integer units; the sign is what matters, so a value
 * held exactly elsewhere passes its sign as ±1) with revenue present (`hasRevenue`) is a
 * purchase under `rule`.
 */
export function isPurchase(units: number, hasRevenue: boolean, rule: PurchaseRule): boolean {
  return rule === "all" ? !(units < 0) : hasRevenue && units > 0;
}

/**
 * The error for a log in which no row has revenue, read by a function that needs purchases
 * under `purchases: 'positive'`.
 */
export function noRevenueError(fn: string, field: string, root: string): never {
  return fail(
    fn,
    field,
    "INVALID_OPTION",
    `must be 'all' when no row of ${root} has revenue (a purchase is a row with positive ` +
      `revenue by default; purchases: 'all' counts every row that is not a refund)`,
    undefined,
  );
}

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/** Whether `value` is a calendar date (a date-only string) rather than an instant. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === "string" && DATE_ONLY.test(value);
}

/**
 * An observation end as an exclusive instant (epoch ms): an instant as given, a calendar date
 * as the start of the following day in `timeZone` (the named day is observed in full).
 * Throws `INVALID_DATE` naming `field` for anything unreadable.
 */
export function observationEnd(
  value: unknown,
  timeZone: string,
  fn: string,
  field: string,
): number {
  const t = parseInstant(value, timeZone, fn, field);
  if (!isCalendarDate(value)) return t;
  return wallClockToInstant((dayNumber(t, timeZone) + 1) * MS_PER_DAY, timeZone);
}

/** The calendar day (days since 1970-01-01 in `timeZone`) holding the last instant before `end`. */
export function lastObservedDay(end: number, timeZone: string): number {
  return dayNumber(end - 1, timeZone);
}
