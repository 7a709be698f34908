import { fail, flag, options as readOptions } from "../../_lib/assert.js";
import { clean, Decimal as D, type Decimal } from "../../_lib/decimal.js";
import { forEachEvent } from "../../_lib/events.js";
import {
  dayNumber,
  MS_PER_DAY,
  parseInstant,
  timeZoneOption,
  wallClockToInstant,
} from "../../_lib/time.js";
import type {
  CohortColumns,
  CohortEvent,
  CustomerId,
  EventAccessors,
  InstantInput,
} from "../engine/types.js";

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
   * End of the period, excluded: `[periodStart, periodEnd)`. A date-only string is the start of
   * that day, so `periodEnd: '2024-03-01'` ends the period with the last instant of 29 February.
   * Give exactly one of `periodEnd` and `periodThrough`.
   */
  periodEnd?: InstantInput | undefined;
  /**
   * The last calendar day of the period, included (in `timeZone`): `periodThrough: '2024-02-29'`
   * is the same period end as `periodEnd: '2024-03-01'`.
   */
  periodThrough?: InstantInput | undefined;
  /** IANA time zone for date-only and offset-less strings. Default `'UTC'`. */
  timeZone?: string | undefined;
  /**
   * Count only rows with a positive revenue as purchases (zero-revenue rows, refunds and rows
   * without revenue, `undefined` or `null`, are skipped). Default `false`: every row is a purchase, and revenue is
   * not read at all.
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
 * (they are neither eligible nor returning); purchases after the period are ignored. The
 * period is half-open; `periodThrough` names its last day instead. By default every row is a
 * purchase; `purchasesOnly: true` counts only rows with positive revenue (a revenue of
 * `undefined` or `null` is no revenue, as in every event-log function). Rows are
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
 * const r = repeatPurchaseRetention(events, { periodStart: '2024-01-01', periodEnd: '2024-03-01' })
 * r.rate.toString() //=> '0.45'
 * r.returning       //=> 900
 * r.eligible        //=> 2000
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when nobody bought before the period;
 * `INVALID_DATE` for a bad event date (field `'events[3].at'`) or period bound;
 * `INCONSISTENT` when the period is empty or both or neither of `periodEnd` / `periodThrough`
 * are given (or columns differ in length); `NOT_A_NUMBER` for a bad customer id, revenue or
 * `events`; `INVALID_OPTION` for a bad option.
 * @see Kpitree, "Customer Repeat Rate" (Shopify metrics); LittleStream Software, "Repeat Purchase Rate, and how to calculate it".
 * @category Cohorts
 */
export function repeatPurchaseRetention<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns,
  options: RepeatPurchaseRetentionOptions<Row>,
): RepeatPurchaseRetentionResult {
  const opts = readOptions<RepeatPurchaseRetentionOptions<Row>>(options, FN);
  const timeZone = timeZoneOption(opts.timeZone, FN);
  const purchasesOnly = flag(opts.purchasesOnly, false, FN, "purchasesOnly");
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
    end = parseInstant(opts.periodEnd, timeZone, FN, "periodEnd");
  } else if (opts.periodThrough !== undefined) {
    const last = dayNumber(
      parseInstant(opts.periodThrough, timeZone, FN, "periodThrough"),
      timeZone,
    );
    end = wallClockToInstant((last + 1) * MS_PER_DAY, timeZone);
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

  const before = new Set<CustomerId>();
  const inside = new Set<CustomerId>();
  forEachEvent(
    events,
    opts as Record<string, unknown>,
    timeZone,
    FN,
    (event) => {
      // revenue in hundredths; an amount beyond them (NaN) is in event.revenue
      if (
        purchasesOnly &&
        !(event.units > 0 || (Number.isNaN(event.units) && (event.revenue as Decimal).gt(0)))
      )
        return;
      if (event.at < start) before.add(event.id);
      else if (event.at < end) inside.add(event.id);
    },
    { readRevenue: purchasesOnly, revenueUnits: true },
  );
  const eligible = before.size;
  if (eligible === 0) {
    fail(FN, "events", "ZERO_DENOMINATOR", "must contain a purchase before periodStart", eligible);
  }
  let returning = 0;
  for (const id of before) if (inside.has(id)) returning++;
  return Object.freeze({
    rate: clean(new D(returning).div(eligible)),
    returning,
    eligible,
  });
}
