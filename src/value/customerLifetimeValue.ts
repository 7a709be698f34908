import { fraction, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link customerLifetimeValue}.
 *
 * @category Value
 */
export interface CustomerLifetimeValueInput {
  /** Average order value, money per order. */
  readonly averageOrderValue: Numeric;
  /** Orders per customer per period (a year, say). */
  readonly purchaseFrequency: Numeric;
  /** Customer lifespan in the same period unit as `purchaseFrequency` (years, say). */
  readonly lifespan: Numeric;
  /** Optional gross margin, a fraction in [0, 1]; when given the result is gross profit, not revenue. */
  readonly grossMargin?: Numeric;
}

/**
 * Simple (historic, undiscounted) customer lifetime value.
 *
 * @remarks
 * ```text
 * customerLifetimeValue = averageOrderValue * purchaseFrequency * lifespan [* grossMargin]
 * ```
 * Money per customer. `purchaseFrequency` and `lifespan` must share a period unit
 * (purchases per year with a lifespan in years). Without `grossMargin` it is lifetime
 * revenue; with it, lifetime gross profit. No discounting and no decay of the customer base:
 * see {@link discountedLifetimeValue} for that. A lifespan can come from
 * {@link averageCustomerLifespan}.
 *
 * @example
 * 12 purchases a year, £50 per order, 8 years:
 * ```ts
 * customerLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 12, lifespan: 8 }).toString() //=> '4800'
 * customerLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 12, lifespan: 8, grossMargin: '0.25' }).toString() //=> '1200'
 * ```
 * @throws {@link MetricInputError} `NEGATIVE` when an amount is negative; `OUT_OF_RANGE`
 * when `grossMargin` is outside [0, 1]; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values
 * or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Gupta et al. (2006), "Modeling Customer Lifetime Value", Journal of Service Research 9(2).
 * @category Value
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): Decimal {
  const fn = "customerLifetimeValue";
  const i = record<CustomerLifetimeValueInput>(input, fn);
  const aov = nonNegative(i.averageOrderValue, fn, "averageOrderValue");
  const frequency = nonNegative(i.purchaseFrequency, fn, "purchaseFrequency");
  const lifespan = nonNegative(i.lifespan, fn, "lifespan");
  let value = aov.times(frequency).times(lifespan);
  if (i.grossMargin !== undefined) value = value.times(fraction(i.grossMargin, fn, "grossMargin"));
  return clean(value);
}
