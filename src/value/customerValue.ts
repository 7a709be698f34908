import { nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link customerValue}.
 *
 * @category Value
 */
export interface CustomerValueInput {
  /** Average order value, money per order (see {@link averageOrderValue}). */
  readonly averageOrderValue: Numeric;
  /** Orders per customer in the period (see {@link purchaseFrequency}). */
  readonly purchaseFrequency: Numeric;
}

/**
 * Revenue per customer in a period: average order value times purchase frequency.
 *
 * @remarks
 * ```text
 * customerValue = averageOrderValue * purchaseFrequency
 * ```
 * Money per customer per period (the period of `purchaseFrequency`). Equal to revenue /
 * customers when both inputs come from the same orders. Multiply by a lifespan for the
 * simple lifetime value ({@link customerLifetimeValue}).
 *
 * @example
 * AOV 60 and 2.5 orders per customer a year:
 * ```ts
 * customerValue({ averageOrderValue: 60, purchaseFrequency: 2.5 }).toString() //=> '150'
 * customerValue({ averageOrderValue: '0.1', purchaseFrequency: 3 }).toString() //=> '0.3'
 * ```
 * @throws {@link MetricInputError} `NEGATIVE` when an input is negative; `NOT_A_NUMBER` /
 * `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see KPI Tree, "Order Frequency" (Shopify metric pages): frequency as a component of lifetime value.
 * @category Value
 */
export function customerValue(input: CustomerValueInput): Decimal {
  const fn = "customerValue";
  const i = record<CustomerValueInput>(input, fn);
  const aov = nonNegative(i.averageOrderValue, fn, "averageOrderValue");
  const frequency = nonNegative(i.purchaseFrequency, fn, "purchaseFrequency");
  return clean(aov.times(frequency));
}
