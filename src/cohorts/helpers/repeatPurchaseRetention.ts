import { fail, flag, options as readOptions } from "../../_lib/assert.js";
import { clean, Decimal as D, type Decimal } from "../../_lib/decimal.js";
import type { PurchaseRule, RefundRule } from "../../_lib/eventRules.js";
import {
  isCalendarDate,
  observationEnd,
  purchasesOption,
  refundsOption,
} from "../../_lib/eventRules.js";
import { parseInstant, timeZoneOption } from "../../_lib/time.js";
import { logSource, perCustomer } from "../engine/group/perCustomer.js";
import { RepeatScan } from "../engine/group/repeatScan.js";
import type { CohortColumns, CohortEvent, EventAccessors, InstantInput } from "../engine/types.js";

const FN = "repeatPurchaseRetention";

/**
 * Options of {@link repeatPurchaseRetention}.
 *
 * @category Cohorts
 */
export interface RepeatPurchaseRetentionOptions<Row = CohortEvent> extends EventAccessors<Row> {
  /** First instant of the period (included). A date-only string is the start of that day in `timeZone`. */
  periodStart: InstantInput;
  /**
   * End of the period, excluded: `[periodStart, periodEnd)`, an instant (a Date, epoch ms, a
   * date-time string such as `'2024-03-01T00:00:00Z'`). A calendar date is refused: every
   * observation end of the library reads a date as its last day included, so name the last
   * day with `periodThrough` instead. Give exactly one of `periodEnd` and `periodThrough`.
   */
  periodEnd?: InstantInput | undefined;
  /**
   * The last calendar day of the period, included (in `timeZone`): `periodThrough: '2024-02-29'`
   * is the same period end as `periodEnd: '2024-03-01T00:00:00Z'` in UTC.
   */
  periodThrough?: InstantInput | undefined;
  /** IANA time zone for date-only and offset-less strings. Default `'UTC'`. */
  timeZone?: string | undefined;
  /**
   * What a purchase is: `'positive'` (default) a row with revenue above 0; `'all'` every row
   * that is not a refund (a log of orders without amounts). A log in which no row has revenue
   * needs `'all'`.
   */
  purchases?: PurchaseRule | undefined;
  /**
   * Accepted for the library's common options; refunds are never purchases, so neither
   * `'net'` (default) nor `'exclude'` changes this figure.
   */
  refunds?: RefundRule | undefined;
  /**
   * The former spelling of `purchases`: `true` is `purchases: 'positive'`, `false` is
   * `purchases: 'all'`. Give at most one of the two.
   * @deprecated Use `purchases`.
   */
  purchasesOnly?: boolean | undefined;
}

/**
 * Result of {@link repeatPurchaseRetention}.
 *
 * @category Cohorts
 */
export interface RepeatPurchaseRetentionResult {
  /** `returning / eligible`, a fraction in [0, 1]. */
  readonly rate: Decimal;
  /** Customers who bought before the period and again inside it. */
  readonly returning: number;
  /** Customers who bought before the period. */
  readonly eligible: number;
}

/**
 * Share of the customers who bought before a period who bought again inside it.
 *
 * @remarks
 * ```text
 * eligible  = customers with a purchase before periodStart
 * returning = eligible customers with a purchase in [periodStart, periodEnd)
 * repeatPurchaseRetention = returning / eligible
 * ```
 * A fraction in [0, 1]. Customers whose first purchase falls inside the period are left out
 * (they are neither eligible nor returning); purchases at or after the period end are
 * ignored. The period is half-open; `periodThrough` names its last day (a calendar date,
 * included in full, as every observation end of the library) instead of `periodEnd`. What a
 * purchase is follows the library's event rules: a row with revenue above 0 by default
 * (`purchases: 'positive'`); with `purchases: 'all'`, every row that is not a refund
 * (negative revenue), including rows with revenue 0 or none (`undefined` / `null`). A
 * non-empty log in which no row has revenue needs `purchases: 'all'`. Rows are
 * `{ customerId, at, revenue? }`, or columns of the same names, or any shape read through
 * the `customerId` / `at` / `revenue` accessors.
 *
 * Unlike a cohort table (`cohortAnalysis`), which follows the customers acquired in each
 * period, this is one figure for the whole existing base: "of everyone who had bought by
 * 1 January, how many bought again in January–February?".
 *
 * @example
 * 2,000 customers bought in 2023; 900 of them bought again in January–February 2024:
 * ```ts
 * const r = repeatPurchaseRetention(events, { periodStart: '2024-01-01', periodThrough: '2024-02-29' })
 * r.rate.toString() //=> '0.45'
 * r.returning       //=> 900
 * r.eligible        //=> 2000
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when nobody bought before the period;
 * `INVALID_DATE` for a bad event date (field `'events[3].at'`) or period bound, or a
 * calendar date as `periodEnd`;
 * `INCONSISTENT` when the period is empty or both or neither of `periodEnd` / `periodThrough`
 * are given (or columns differ in length); `NOT_A_NUMBER` for a bad customer id, revenue or
 * `events`; `INVALID_OPTION` for a bad option, both `purchases` and `purchasesOnly`, or a
 * non-empty log in which no row has revenue under `purchases: 'positive'` (field `purchases`).
 * @see Kpitree, "Customer Repeat Rate" (Shopify metrics); LittleStream Software, "Repeat Purchase Rate, and how to calculate it".
 * @category Cohorts
 */
export function repeatPurchaseRetention<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns,
  options: RepeatPurchaseRetentionOptions<Row>,
): RepeatPurchaseRetentionResult {
  const opts = readOptions<RepeatPurchaseRetentionOptions<Row>>(options, FN);
  const timeZone = timeZoneOption(opts.timeZone, FN);
  let purchases: PurchaseRule;
  if (opts.purchasesOnly !== undefined) {
    if (opts.purchases !== undefined) {
      fail(
        FN,
        "purchasesOnly",
        "INVALID_OPTION",
        "cannot be given together with purchases (its former spelling)",
        opts.purchasesOnly,
      );
    }
    purchases = flag(opts.purchasesOnly, true, FN, "purchasesOnly") ? "positive" : "all";
  } else purchases = purchasesOption(opts.purchases, FN);
  refundsOption(opts.refunds, FN);
  if (opts.periodStart === undefined)
    fail(FN, "periodStart", "INVALID_DATE", "is required", undefined);
  const start = parseInstant(opts.periodStart, timeZone, FN, "periodStart");
  let end: number;
  if (opts.periodEnd !== undefined && opts.periodThrough !== undefined) {
    fail(
      FN,
      "periodThrough",
      "INCONSISTENT",
      "cannot be given together with periodEnd",
      opts.periodThrough,
    );
  }
  if (opts.periodEnd !== undefined) {
    if (isCalendarDate(opts.periodEnd)) {
      fail(
        FN,
        "periodEnd",
        "INVALID_DATE",
        "must be an instant (a date-time such as '2024-03-01T00:00:00Z'); name the last day " +
          "of the period with periodThrough instead",
        opts.periodEnd,
      );
    }
    end = parseInstant(opts.periodEnd, timeZone, FN, "periodEnd");
  } else if (opts.periodThrough !== undefined) {
    end = observationEnd(opts.periodThrough, timeZone, FN, "periodThrough");
  } else {
    return fail(FN, "periodEnd", "INCONSISTENT", "or periodThrough is required", undefined);
  }
  if (end <= start) {
    fail(
      FN,
      "periodEnd",
      "INCONSISTENT",
      "must be after periodStart",
      opts.periodEnd ?? opts.periodThrough,
    );
  }

  const { eligible, returning } = perCustomer(
    events,
    logSource(FN, opts, "events", false),
    { zone: timeZone, end, cut: start, days: false, purchases, keepRefunds: false },
    (ev) => new RepeatScan(ev.extra),
    (scan) => scan,
  );
  if (eligible === 0) {
    fail(FN, "events", "ZERO_DENOMINATOR", "must contain a purchase before periodStart", eligible);
  }
  return Object.freeze({
    rate: clean(new D(returning).div(eligible)),
    returning,
    eligible,
  });
}
