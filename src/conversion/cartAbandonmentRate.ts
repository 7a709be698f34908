import { count, denominatorCount, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link cartAbandonmentRate}.
 *
 * @category Conversion
 */
export interface CartAbandonmentRateInput {
  /** Shopping carts created (or checkouts started, for checkout abandonment), a whole number greater than 0. */
  readonly cartsCreated: Numeric;
  /** Purchases completed from those carts, a whole number. */
  readonly purchases: Numeric;
}

/**
 * Share of shopping carts that were not turned into a purchase.
 *
 * @remarks
 * ```text
 * cartAbandonmentRate = 1 - purchases / cartsCreated = (cartsCreated - purchases) / cartsCreated
 * ```
 * A fraction in [0, 1]. `purchases` counts completed orders from the carts counted in
 * `cartsCreated` (same window, same unit), so it cannot exceed them. Passing checkouts
 * started instead of carts gives the checkout abandonment rate.
 *
 * @example
 * 1,000 carts, 300 purchases:
 * ```ts
 * cartAbandonmentRate({ cartsCreated: 1000, purchases: 300 }).toString() //=> '0.7'
 * ```
 * @throws {@link MetricInputError} `INCONSISTENT` when `purchases` exceeds `cartsCreated`;
 * `ZERO_DENOMINATOR` when `cartsCreated` is 0; `NEGATIVE` / `NOT_INTEGER` for counts that
 * are not whole non-negative numbers; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values
 * or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Baymard Institute, "Cart Abandonment Rate Statistics" (1 − completed purchases / carts created).
 * @category Conversion
 */
export function cartAbandonmentRate(input: CartAbandonmentRateInput): Decimal {
  const fn = "cartAbandonmentRate";
  const i = record<CartAbandonmentRateInput>(input, fn);
  const carts = denominatorCount(i.cartsCreated, fn, "cartsCreated");
  const purchases = count(i.purchases, fn, "purchases");
  notAbove(purchases, carts, fn, "purchases", "cartsCreated", i.purchases);
  return clean(carts.minus(purchases).div(carts));
}
