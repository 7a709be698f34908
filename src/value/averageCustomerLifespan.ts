import { fail, fraction, record } from "../_lib/assert.js";
import { clean, type Decimal, ONE } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link averageCustomerLifespan}.
 *
 * @category Value
 */
export interface AverageCustomerLifespanInput {
  /** Churn rate per period, a fraction in (0, 1] (5 % a month is `0.05`). */
  readonly churnRate: Numeric;
}

/**
 * Expected customer lifespan implied by a constant churn rate.
 *
 * @remarks
 * ```text
 * averageCustomerLifespan = 1 / churnRate
 * ```
 * In periods of the churn rate: a monthly churn gives months. This is the mean of a
 * geometric lifetime (a customer who may leave at the end of each period with probability
 * `churnRate`, counting the period of leaving). With zero churn the lifespan is unbounded,
 * so the function throws rather than return Infinity.
 *
 * @example
 * 5 % monthly churn:
 * ```ts
 * averageCustomerLifespan({ churnRate: '0.05' }).toString() //=> '20'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `churnRate` is 0;
 * `OUT_OF_RANGE` when it is outside [0, 1]; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable
 * values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Chart: Customer Lifetime Value" (lifetime as the inverse of churn).
 * @category Value
 */
export function averageCustomerLifespan(input: AverageCustomerLifespanInput): Decimal {
  const fn = "averageCustomerLifespan";
  const i = record<AverageCustomerLifespanInput>(input, fn);
  const churn = fraction(i.churnRate, fn, "churnRate");
  if (churn.isZero()) {
    fail(
      fn,
      "churnRate",
      "ZERO_DENOMINATOR",
      "must be greater than 0 (lifespan unbounded)",
      i.churnRate,
    );
  }
  return clean(ONE.div(churn));
}
