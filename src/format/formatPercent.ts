import { fail, intNumber, option, options as readOptions, toDecimal } from "../_lib/assert.js";
import { HUNDRED } from "../_lib/decimal.js";
import type { Numeric, RoundingMode } from "../types.js";
import { ROUNDING_MODES, roundDecimal } from "./round.js";

/**
 * Options of {@link formatPercent}.
 *
 * @category Formatting
 */
export interface FormatPercentOptions {
  /** Digits after the decimal point. Default 1. */
  decimals?: number;
  /** How ties break. Default `'half-up'`. */
  mode?: RoundingMode;
}

/**
 * Format a rate (a fraction) as a percentage string such as `'90.0%'`.
 *
 * @remarks
 * ```text
 * formatPercent(rate) = round(rate * 100, decimals, mode) + '%'
 * ```
 * Always shows exactly `decimals` digits after the point, never exponent notation, and never
 * `-0.0%`.
 *
 * @example
 * ```ts
 * formatPercent('0.875')                  //=> '87.5%'
 * formatPercent('0.4596', { decimals: 2 }) //=> '45.96%'
 * formatPercent(1)                        //=> '100.0%'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a bad rate,
 * `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for bad `decimals`, `INVALID_OPTION` for an unknown mode.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see breatheco-de/breatheco-de issue #2928 on GitHub, "Revision de algorimo de totalizacion de
 * NPS answers y permitir IGNORAR" (keep every decimal in the figures; round only for display).
 * @category Formatting
 */
export function formatPercent(rate: Numeric, options?: FormatPercentOptions): string {
  const fn = "formatPercent";
  const o = readOptions<FormatPercentOptions>(options, fn);
  const decimals = o.decimals === undefined ? 1 : intNumber(o.decimals, fn, "decimals");
  if (decimals > 100) fail(fn, "decimals", "OUT_OF_RANGE", "must be at most 100", o.decimals);
  const mode = option(o.mode, ROUNDING_MODES, "half-up", fn, "mode");
  // The percentage of a rate up to Number.MAX_VALUE is exact, if beyond float64 (1e310):
  // it is formatted all the same. Rounding reports errors under this function's name.
  const percent = roundDecimal(toDecimal(rate, fn, "rate").times(HUNDRED), decimals, mode);
  return `${percent.toFixed(decimals)}%`;
}
