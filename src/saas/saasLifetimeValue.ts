import { fail, fraction, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal, ONE } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link saasLifetimeValue}.
 *
 * @category SaaS
 */
export interface SaasLifetimeValueInput {
  /** Average revenue per account per period (see {@link averageRevenuePerAccount}). */
  arpa: Numeric;
  /** Customer churn rate per the same period, a fraction in (0, 1]. */
  churnRate: Numeric;
  /** Gross margin, a fraction in [0, 1]. Default 1 (a revenue LTV). */
  grossMargin?: Numeric;
}

/**
 * Lifetime value of a subscription customer: margin per period times the expected number of
 * periods a customer stays.
 *
 * @remarks
 * ```text
 * saasLifetimeValue = arpa * grossMargin / churnRate
 * ```
 * Money, in `arpa`'s unit. `arpa` and `churnRate` must be per the same period (monthly
 * ARPA with monthly churn; convert churn with {@link convertRate}). `1 / churnRate` is the
 * expected lifetime in periods under a constant churn rate. Without `grossMargin` the
 * result is a revenue LTV, larger than the profit LTV that LTV:CAC comparisons assume.
 * Undiscounted; with zero churn the lifetime is unbounded and the function throws
 * `ZERO_DENOMINATOR` (use a discounted or finite-horizon CLV instead).
 *
 * @example
 * ARPA $500 a month, 80 % gross margin, 5 % monthly churn:
 * ```ts
 * saasLifetimeValue({ arpa: 500, grossMargin: '0.8', churnRate: '0.05' }).toString() //=> '8000'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `churnRate` is 0; `OUT_OF_RANGE`
 * when `churnRate` or `grossMargin` is outside [0, 1]; `NEGATIVE` / `NOT_A_NUMBER` /
 * `NOT_FINITE` for a bad amount or an input that is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Chart: Customer Lifetime Value"; D. Skok, "SaaS Metrics 2.0", For Entrepreneurs.
 * @category SaaS
 */
export function saasLifetimeValue(input: SaasLifetimeValueInput): Decimal {
  const fn = "saasLifetimeValue";
  const i = record<SaasLifetimeValueInput>(input, fn);
  const arpa = nonNegative(i.arpa, fn, "arpa");
  const churn = fraction(i.churnRate, fn, "churnRate");
  const margin = i.grossMargin === undefined ? ONE : fraction(i.grossMargin, fn, "grossMargin");
  if (churn.isZero()) {
    fail(
      fn,
      "churnRate",
      "ZERO_DENOMINATOR",
      "must be greater than 0 (with no churn the lifetime is unbounded)",
      i.churnRate,
    );
  }
  return clean(arpa.times(margin).div(churn));
}
