import { denominatorAmount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link ltvToCacRatio}.
 *
 * @category SaaS
 */
export interface LtvToCacRatioInput {
  /** Lifetime value per customer (see {@link saasLifetimeValue}). */
  ltv: Numeric;
  /** Customer acquisition cost per new customer, in the same currency. */
  cac: Numeric;
}

/**
 * Lifetime value per unit of acquisition cost (LTV:CAC).
 *
 * @remarks
 * ```text
 * ltvToCacRatio = ltv / cac
 * ```
 * Dimensionless. About 3 or more is the usual target. Use a margin-based LTV: a revenue LTV
 * overstates the ratio by 1 / grossMargin.
 *
 * @example
 * LTV $8,000, CAC $2,000:
 * ```ts
 * ltvToCacRatio({ ltv: 8000, cac: 2000 }).toString() //=> '4'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `cac` is 0; `NEGATIVE` /
 * `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an input that is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see D. Skok, "SaaS Metrics 2.0 – A Guide to Measuring and Improving What Matters", For Entrepreneurs.
 * @category SaaS
 */
export function ltvToCacRatio(input: LtvToCacRatioInput): Decimal {
  const fn = "ltvToCacRatio";
  const i = record<LtvToCacRatioInput>(input, fn);
  const ltv = nonNegative(i.ltv, fn, "ltv");
  const cac = denominatorAmount(i.cac, fn, "cac");
  return clean(ltv.div(cac));
}
