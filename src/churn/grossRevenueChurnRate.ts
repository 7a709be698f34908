import { flag, options as readOptions } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import { readRevenueMovements } from "../_lib/revenueMovements.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link grossRevenueChurnRate}: recurring revenue (MRR, or ARR) movements of one period.
 *
 * @category Churn
 */
export interface GrossRevenueChurnRateInput {
  /** Recurring revenue at the start of the period. */
  startRevenue: Numeric;
  /** Recurring revenue lost from customers who cancelled, as a positive amount. */
  churnedRevenue: Numeric;
  /** Recurring revenue lost to downgrades of customers who stayed, as a positive amount. Default 0. */
  contractionRevenue?: Numeric;
}

/**
 * Options of {@link grossRevenueChurnRate}.
 *
 * @category Churn
 */
export interface GrossRevenueChurnRateOptions {
  /** Count downgrades (contraction) as lost revenue. Default `true`. */
  includeContraction?: boolean;
}

/**
 * Share of the recurring revenue at the start of a period lost to cancellations and downgrades.
 *
 * @remarks
 * ```text
 * grossRevenueChurnRate = (churnedRevenue + contractionRevenue) / startRevenue
 *                       =  churnedRevenue / startRevenue      (includeContraction: false)
 * ```
 * A fraction, never negative: expansion does not offset it (see
 * {@link netRevenueChurnRate}). It is not capped at 1: revenue that grew during the period
 * before it was lost can make losses exceed the starting amount. With the same movements,
 * `grossRevenueRetention = 1 - grossRevenueChurnRate` while that stays non-negative.
 *
 * @example
 * $50,000 MRR at the start, $2,000 lost to cancellations (and $2,500 gained from upgrades,
 * which gross churn ignores):
 * ```ts
 * grossRevenueChurnRate({ startRevenue: '50000', churnedRevenue: '2000' }).toString() //=> '0.04'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `startRevenue` is 0; `NEGATIVE` /
 * `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an input that is not an object;
 * `INVALID_OPTION` for a non-boolean `includeContraction`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Metric: MRR Churn Rate".
 * @category Churn
 */
export function grossRevenueChurnRate(
  input: GrossRevenueChurnRateInput,
  options?: GrossRevenueChurnRateOptions,
): Decimal {
  const fn = "grossRevenueChurnRate";
  const o = readOptions<GrossRevenueChurnRateOptions>(options, fn);
  const includeContraction = flag(o.includeContraction, true, fn, "includeContraction");
  const m = readRevenueMovements(input, fn, false);
  const lost = includeContraction ? m.churned.plus(m.contraction) : m.churned;
  return clean(lost.div(m.start));
}
