import { count, denominatorCount, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link purchaseFrequency}.
 *
 * @category Value
 */
export interface PurchaseFrequencyInput {
  /** Orders placed in the period, a whole number. */
  readonly orders: Numeric;
  /** Unique customers who placed those orders, a whole number greater than 0. */
  readonly customers: Numeric;
}

/**
 * Average number of orders per customer in a period.
 *
 * @remarks
 * ```text
 * purchaseFrequency = orders / customers
 * ```
 * Orders per customer (at least 1 when `customers` counts only buyers), in the period the
 * counts cover: a frequency per year needs a year of orders. Some articles print the
 * reciprocal, customers / orders; that is customers per order, not a frequency. This is
 * not the "frequency" of buy-till-you-die models (the number of *repeat* purchase periods).
 *
 * @example
 * 5,000 orders from 2,000 customers in a year:
 * ```ts
 * purchaseFrequency({ orders: 5000, customers: 2000 }).toString() //=> '2.5'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `customers` is 0; `NEGATIVE` /
 * `NOT_INTEGER` for counts that are not whole non-negative numbers; `NOT_A_NUMBER` /
 * `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see KPI Tree, "Order Frequency" (Shopify metric pages): total orders / unique customers in the period.
 * @category Value
 */
export function purchaseFrequency(input: PurchaseFrequencyInput): Decimal {
  const fn = "purchaseFrequency";
  const i = record<PurchaseFrequencyInput>(input, fn);
  const orders = count(i.orders, fn, "orders");
  const customers = denominatorCount(i.customers, fn, "customers");
  return clean(orders.div(customers));
}
