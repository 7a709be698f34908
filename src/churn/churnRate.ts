import { count, fail, notAbove, option, options as readOptions, record } from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link churnRate} with the number of customers lost counted directly.
 *
 * @category Churn
 */
export interface ChurnLostInput {
  /** Customers at the start of the period. */
  start: Numeric;
  /** Customers lost during the period. */
  lost: Numeric;
  /**
   * Customers acquired during the period: needed for `denominator: 'start-plus-acquired'`;
   * when given, `lost` may reach `start + acquired`.
   */
  acquired?: Numeric;
  /** Customers at the end of the period: needed for `denominator: 'average'`. */
  end?: Numeric;
}

/**
 * Input of {@link churnRate} that derives the customers lost as `start + acquired - end`.
 *
 * @category Churn
 */
export interface ChurnFlowInput {
  /** Customers at the start of the period. */
  start: Numeric;
  /** Customers at the end of the period. */
  end: Numeric;
  /** Customers acquired during the period. */
  acquired: Numeric;
  /** Not used in this form: `lost` is derived. */
  lost?: undefined;
}

/**
 * Input of {@link churnRate}: either `{ start, lost }` or `{ start, end, acquired }`.
 *
 * @category Churn
 */
export type ChurnRateInput = ChurnLostInput | ChurnFlowInput;

/**
 * What {@link churnRate} divides by.
 *
 * - `'start'`: customers at the start of the period (the default; the complement of
 *   {@link retentionRate}).
 * - `'start-plus-acquired'`: customers at the start plus those acquired during the period
 *   (Stripe's subscriber churn), so customers who join and leave in the same period count
 *   in the denominator as well as in `lost`.
 * - `'average'`: the mean of the start and end counts, `(start + end) / 2` (Shopify
 *   Engineering's argument against start-of-period denominators in fast-growing businesses).
 *
 * @category Churn
 */
export type ChurnDenominator = "start" | "start-plus-acquired" | "average";

/**
 * Options of {@link churnRate}.
 *
 * @category Churn
 */
export interface ChurnRateOptions {
  /** The denominator. Default `'start'`. */
  denominator?: ChurnDenominator;
}

const DENOMINATORS: readonly ChurnDenominator[] = ["start", "start-plus-acquired", "average"];

/**
 * Share of customers lost during a period, per customer at its start (by default).
 *
 * @remarks
 * ```text
 * lost      = lost                        ({ start, lost } form)
 *           = start + acquired - end      ({ start, end, acquired } form)
 * churnRate = lost / start                               denominator 'start' (default)
 *           = lost / (start + acquired)                  denominator 'start-plus-acquired'
 *           = lost / ((start + end) / 2)                 denominator 'average'
 * ```
 * A fraction (`toPercent` converts). With the default denominator and the
 * `{ start, end, acquired }` form, `churnRate + retentionRate = 1` exactly: both are measured
 * on the customers present at the start, assuming nobody returns.
 *
 * `lost` counts every customer who left, including customers acquired and lost within the
 * same period (some tools, such as ChartMogul's B2B churn and ProfitWell, leave those out:
 * pass such a `lost` count directly). So with the default denominator the rate can exceed 1
 * when more customers left than were there at the start; `'start-plus-acquired'` keeps it
 * in [0, 1].
 *
 * `(start - end) / start`, sometimes quoted as churn, is net customer decline: it equals
 * churn only when nobody was acquired.
 *
 * A rate for one period length converts to another with {@link convertRate}, which compounds.
 *
 * @example
 * 500 customers at the start of the month, 50 of them lost:
 * ```ts
 * churnRate({ start: 500, lost: 50 }).toString()                    //=> '0.1'
 * churnRate({ start: 100, end: 110, acquired: 20 }).toString()      //=> '0.1'
 * churnRate({ start: 1000, lost: 60, acquired: 200 },
 *   { denominator: 'start-plus-acquired' }).toString()              //=> '0.05'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when the denominator is 0 (with the
 * default, `start` 0); `INCONSISTENT` when `start + acquired - end` is negative (customers
 * returned without being counted as acquired), or when `lost` exceeds `start` (or
 * `start + acquired` when `acquired` is given); `NEGATIVE` / `NOT_INTEGER` /
 * `NOT_A_NUMBER` / `NOT_FINITE` for a bad count, `NOT_A_NUMBER` for a missing `end` or
 * `acquired` that the denominator needs, or an input that is not an object;
 * `INVALID_OPTION` for an unknown denominator.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see S. Noble (2011), "Defining Churn Rate (no really, this actually requires an entire blog post)", Shopify Engineering.
 * @category Churn
 */
export function churnRate(input: ChurnRateInput, options?: ChurnRateOptions): Decimal {
  const fn = "churnRate";
  const i = record<ChurnLostInput>(input, fn);
  const o = readOptions<ChurnRateOptions>(options, fn);
  const denominator = option(o.denominator, DENOMINATORS, "start", fn, "denominator");
  const start = count(i.start, fn, "start");
  let lost: Decimal;
  let end: Decimal | undefined;
  let acquired: Decimal | undefined;
  if (i.lost !== undefined) {
    lost = count(i.lost, fn, "lost");
    acquired = i.acquired === undefined ? undefined : count(i.acquired, fn, "acquired");
    end = i.end === undefined ? undefined : count(i.end, fn, "end");
    const limit = acquired === undefined ? start : start.plus(acquired);
    const what = acquired === undefined ? "start" : "start + acquired";
    notAbove(lost, limit, fn, "lost", what, i.lost);
  } else {
    end = count(i.end, fn, "end");
    acquired = count(i.acquired, fn, "acquired");
    lost = start.plus(acquired).minus(end);
    if (lost.isNegative()) {
      fail(
        fn,
        "end",
        "INCONSISTENT",
        `must not exceed start + acquired (${start.plus(acquired).toString()}): returning customers must be counted as acquired`,
        i.end,
      );
    }
  }
  let base = start;
  if (denominator === "start-plus-acquired") {
    base = start.plus(acquired ?? count(i.acquired, fn, "acquired"));
  } else if (denominator === "average") {
    base = start.plus(end ?? count(i.end, fn, "end")).div(2);
  }
  if (base.isZero()) {
    const what =
      denominator === "start"
        ? "must be greater than 0"
        : `must give a ${denominator} denominator greater than 0`;
    fail(fn, "start", "ZERO_DENOMINATOR", what, i.start);
  }
  return clean(lost.isZero() ? ZERO : lost.div(base));
}
