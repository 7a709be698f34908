import { denominatorCount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link customerAcquisitionCost}.
 *
 * @category Acquisition
 */
export interface CustomerAcquisitionCostInput {
  /** Acquisition spend in the window, money (all sales and marketing for blended CAC, paid media for paid CAC). */
  readonly spend: Numeric;
  /** Customers acquired in the same window (and, for paid CAC, attributed to that spend), a whole number greater than 0. */
  readonly newCustomers: Numeric;
}

/**
 * Customer acquisition cost (CAC): spend per new customer.
 *
 * @remarks
 * ```text
 * customerAcquisitionCost = spend / newCustomers
 * ```
 * Money per customer. Blended CAC divides all sales and marketing spend by all new
 * customers; paid CAC divides paid-media spend by the customers attributed to it; a "fully
 * loaded" CAC adds salaries, tools and overhead to `spend`. Which one you get depends only
 * on what you pass: keep `spend` and `newCustomers` from the same window (a lag between
 * spend and sign-up is a modelling choice the caller makes).
 *
 * @example
 * £100,000 spent, 5,000 new customers:
 * ```ts
 * customerAcquisitionCost({ spend: 100000, newCustomers: 5000 }).toString() //=> '20'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `newCustomers` is 0; `NEGATIVE`
 * for a negative spend or count; `NOT_INTEGER` for a fractional count; `NOT_A_NUMBER` /
 * `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see David Skok, For Entrepreneurs, "SaaS Metrics 2.0 – A Guide to Measuring and Improving What Matters".
 * @category Acquisition
 */
export function customerAcquisitionCost(input: CustomerAcquisitionCostInput): Decimal {
  const fn = "customerAcquisitionCost";
  const i = record<CustomerAcquisitionCostInput>(input, fn);
  const spend = nonNegative(i.spend, fn, "spend");
  const customers = denominatorCount(i.newCustomers, fn, "newCustomers");
  return clean(spend.div(customers));
}
