import { denominatorCount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link averageOrderValue}.
 *
 * @category Value
 */
export interface AverageOrderValueInput {
  /** Revenue of the orders, in money (state the basis: net of refunds, tax and shipping in or out). */
  readonly revenue: Numeric;
  /** Number of orders that produced that revenue, a whole number greater than 0. */
  readonly orders: Numeric;
}

/**
 * Average revenue per order (AOV).
 *
 * @remarks
 * ```text
 * averageOrderValue = revenue / orders
 * ```
 * Money per order, in the currency of `revenue`; per order, not per customer (see
 * {@link customerValue} for revenue per customer). The division is exact to the library's
 * 40 significant digits, so `'0.3'` over 3 orders is exactly `0.1`. The revenue basis (gross
 * or net of refunds and discounts, with or without tax and shipping) is the caller's choice
 * and must match between periods being compared.
 *
 * @example
 * £300,000 of revenue from 5,000 orders:
 * ```ts
 * averageOrderValue({ revenue: 300000, orders: 5000 }).toString() //=> '60'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `orders` is 0; `NEGATIVE` when
 * `revenue` or `orders` is negative; `NOT_INTEGER` when `orders` is fractional;
 * `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Mapp Intelligence documentation, "Order Value Avg" (Order Value / Qty Orders).
 * @category Value
 */
export function averageOrderValue(input: AverageOrderValueInput): Decimal {
  const fn = "averageOrderValue";
  const i = record<AverageOrderValueInput>(input, fn);
  const revenue = nonNegative(i.revenue, fn, "revenue");
  const orders = denominatorCount(i.orders, fn, "orders");
  return clean(revenue.div(orders));
}
