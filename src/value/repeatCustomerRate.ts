import { count, denominatorCount, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link repeatCustomerRate}.
 *
 * @category Value
 */
export interface RepeatCustomerRateInput {
  /** Customers with more than one purchase in the scope, a whole number. */
  readonly repeatCustomers: Numeric;
  /** Customers with at least one purchase in the same scope, a whole number greater than 0. */
  readonly customers: Numeric;
}

/**
 * Share of purchasing customers who bought more than once.
 *
 * @remarks
 * ```text
 * repeatCustomerRate = repeatCustomers / customers
 * ```
 * A fraction in [0, 1]. Both counts cover the same scope (a customer's whole history, or a
 * window; say which). The denominator is customers with at least one purchase: accounts
 * that never ordered are left out. For "bought before the period and again inside it" see
 * the cohort helper `repeatPurchaseRetention`.
 *
 * @example
 * 8 of 26 customers placed a second order:
 * ```ts
 * round(repeatCustomerRate({ repeatCustomers: 8, customers: 26 }), 4).toString() //=> '0.3077'
 * ```
 * @throws {@link MetricInputError} `INCONSISTENT` when `repeatCustomers` exceeds `customers`;
 * `ZERO_DENOMINATOR` when `customers` is 0; `NEGATIVE` / `NOT_INTEGER` for counts that are
 * not whole non-negative numbers; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values or a
 * missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see LittleStream Software (Eric Davis), "Repeat Purchase Rate, and how to calculate it".
 * @category Value
 */
export function repeatCustomerRate(input: RepeatCustomerRateInput): Decimal {
  const fn = "repeatCustomerRate";
  const i = record<RepeatCustomerRateInput>(input, fn);
  const repeat = count(i.repeatCustomers, fn, "repeatCustomers");
  const customers = denominatorCount(i.customers, fn, "customers");
  notAbove(repeat, customers, fn, "repeatCustomers", "customers", i.repeatCustomers);
  return clean(repeat.div(customers));
}
