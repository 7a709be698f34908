import { fail, fraction, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal, ONE } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link cacPaybackPeriod}.
 *
 * @category SaaS
 */
export interface CacPaybackPeriodInput {
  /** Customer acquisition cost per new customer. */
  cac: Numeric;
  /** Average revenue per account per period (monthly ARPA gives months). */
  arpa: Numeric;
  /** Gross margin, a fraction in [0, 1]. Default 1 (payback on revenue). */
  grossMargin?: Numeric;
}

/**
 * Number of periods of gross margin needed to recover the cost of acquiring a customer.
 *
 * @remarks
 * ```text
 * cacPaybackPeriod = cac / (arpa * grossMargin)
 * ```
 * In `arpa`'s period: months for monthly ARPA. Not rounded up to whole periods. Churn and
 * expansion are left out, as in the usual definition: the customer is assumed to stay and
 * pay the same. Pass the gross margin for the conventional payback on margin; without it
 * the result is the (shorter) payback on revenue. When `arpa × grossMargin` is 0 the cost
 * is never recovered and the function throws `ZERO_DENOMINATOR`.
 *
 * @example
 * CAC $8,900, ARPA $2,000 a month, 60 % gross margin:
 * ```ts
 * round(cacPaybackPeriod({ cac: 8900, arpa: 2000, grossMargin: '0.6' }), 4).toString() //=> '7.4167'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `arpa` or `grossMargin` is 0;
 * `OUT_OF_RANGE` when `grossMargin` is outside [0, 1]; `NEGATIVE` / `NOT_A_NUMBER` /
 * `NOT_FINITE` for a bad amount or an input that is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see D. Skok, "SaaS Metrics 2.0 – A Guide to Measuring and Improving What Matters", For Entrepreneurs (months to recover CAC).
 * @category SaaS
 */
export function cacPaybackPeriod(input: CacPaybackPeriodInput): Decimal {
  const fn = "cacPaybackPeriod";
  const i = record<CacPaybackPeriodInput>(input, fn);
  const cac = nonNegative(i.cac, fn, "cac");
  const arpa = nonNegative(i.arpa, fn, "arpa");
  const margin = i.grossMargin === undefined ? ONE : fraction(i.grossMargin, fn, "grossMargin");
  const reason = "must be greater than 0 (otherwise the cost is never recovered)";
  if (arpa.isZero()) fail(fn, "arpa", "ZERO_DENOMINATOR", reason, i.arpa);
  if (margin.isZero()) fail(fn, "grossMargin", "ZERO_DENOMINATOR", reason, i.grossMargin);
  return clean(cac.div(arpa.times(margin)));
}
