import { count, denominatorCount, fail, record } from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link retentionRate}: customer counts for one period.
 *
 * @category Retention
 */
export interface RetentionRateInput {
  /** Customers at the start of the period (the denominator). */
  start: Numeric;
  /** Customers at the end of the period, new and reactivated ones included. */
  end: Numeric;
  /** Customers acquired (first became customers) during the period and present at its end. */
  acquired: Numeric;
  /**
   * Customers who had churned before the period, came back during it and are present at its
   * end. Neither retained nor new; subtracted like `acquired`. Default 0.
   */
  reactivated?: Numeric;
}

/**
 * Share of customers present at the start of a period who were still there at its end.
 *
 * @remarks
 * ```text
 * retentionRate = (end - acquired - reactivated) / start      (reactivated defaults to 0)
 * ```
 * A fraction in [0, 1], not a percentage (`toPercent` converts). Customers acquired during
 * the period are excluded, and so are returning customers when `reactivated` is given. The
 * complement of {@link churnRate} (`{ start, end, acquired }` form) when nobody returns.
 *
 * The aggregate formula equals the share of the start cohort still active only when every
 * customer acquired in the period is still there at its end; new customers who also left
 * in the period make it understate retention.
 *
 * Contradictory counts throw `INCONSISTENT` rather than producing a rate outside [0, 1]:
 * more acquired (plus reactivated) customers than are present at the end, or more retained
 * customers (`end - acquired - reactivated`) than were there at the start, which means that
 * returning customers were counted neither as acquired nor as reactivated.
 *
 * @example
 * 2,000 customers on 1 January, 2,400 on 31 December, 600 of them new that year:
 * ```ts
 * retentionRate({ start: 2000, end: 2400, acquired: 600 }).toString() //=> '0.9'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `start` is 0;
 * `INCONSISTENT` when `acquired + reactivated > end` or `end - acquired - reactivated > start`;
 * `NEGATIVE` / `NOT_INTEGER` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad count; `NOT_A_NUMBER`
 * when the input is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Fader & Hardie (2007), "How to Project Customer Retention", Journal of Interactive Marketing 21(1).
 * @category Retention
 */
export function retentionRate(input: RetentionRateInput): Decimal {
  const fn = "retentionRate";
  const i = record<RetentionRateInput>(input, fn);
  const start = denominatorCount(i.start, fn, "start");
  const end = count(i.end, fn, "end");
  const acquired = count(i.acquired, fn, "acquired");
  const reactivated = i.reactivated === undefined ? ZERO : count(i.reactivated, fn, "reactivated");
  if (acquired.gt(end)) {
    fail(fn, "acquired", "INCONSISTENT", `must not exceed end (${end.toString()})`, i.acquired);
  }
  const retained = end.minus(acquired).minus(reactivated);
  if (retained.isNegative()) {
    fail(
      fn,
      "reactivated",
      "INCONSISTENT",
      `must not exceed end - acquired (${end.minus(acquired).toString()})`,
      i.reactivated,
    );
  }
  if (retained.gt(start)) {
    fail(
      fn,
      "end",
      "INCONSISTENT",
      `minus acquired and reactivated must not exceed start (${start.toString()}): returning customers must be counted as reactivated`,
      i.end,
    );
  }
  return clean(retained.div(start));
}
