import { toDecimal } from "../_lib/assert.js";
import { clean, type Decimal, HUNDRED } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Convert a rate (a fraction) to percent: multiply by 100, exactly.
 *
 * @remarks
 * ```text
 * toPercent(rate) = rate * 100
 * ```
 * Every rate in the library is a fraction (90 % is `0.9`); use this for display or for
 * APIs that expect percent. No rounding happens.
 *
 * @example
 * ```ts
 * toPercent(retentionRate({ start: 2000, end: 2400, acquired: 600 })).toString() //=> '90'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a bad rate.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see BIPM, "The International System of Units (SI)", 9th ed. (2019): the symbol % stands for
 * the number 0.01, so a rate of 0.9 is 90 %.
 * @category Formatting
 */
export function toPercent(rate: Numeric): Decimal {
  return clean(toDecimal(rate, "toPercent", "rate").times(HUNDRED));
}
