import { count, denominatorCount, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

const FN = "referralRate";

/**
 * Input of {@link referralRate}.
 *
 * @category Engagement
 */
export interface ReferralRateInput {
  /** New customers who came through a referral in the period. */
  referred: Numeric;
  /** All new customers acquired in the same period. */
  newCustomers: Numeric;
}

/**
 * Share of new customers who were referred by an existing customer.
 *
 * @remarks
 * ```text
 * referralRate = referred / newCustomers
 * ```
 * A fraction in [0, 1]. Both counts cover the same period and the same attribution rule;
 * referred customers are a subset of the new customers, so `referred > newCustomers` is
 * a contradiction. (The share of existing customers who refer someone is a different
 * measure: pass referring customers over all customers to compute it the same way.)
 *
 * @example
 * 45 of 300 new customers this quarter came through the referral programme:
 * ```ts
 * referralRate({ referred: 45, newCustomers: 300 }).toString() //=> '0.15'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a missing or
 * non-numeric count; `NEGATIVE` / `NOT_INTEGER` for a bad count; `ZERO_DENOMINATOR` when
 * `newCustomers` is 0; `INCONSISTENT` when `referred` exceeds `newCustomers`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Reichheld (2003), "The One Number You Need to Grow", Harvard Business Review (referrals as the outcome NPS predicts).
 * @category Engagement
 */
export function referralRate(input: ReferralRateInput): Decimal {
  const data = record<Record<string, unknown>>(input, FN);
  const referred = count(data.referred, FN, "referred");
  const newCustomers = denominatorCount(data.newCustomers, FN, "newCustomers");
  notAbove(referred, newCustomers, FN, "referred", "newCustomers", data.referred);
  return clean(referred.div(newCustomers));
}
