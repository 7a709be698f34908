import type { Decimal as DecimalJs } from "decimal.js";
import { fail, intNumber, option, toDecimal } from "../_lib/assert.js";
import { clean, Decimal } from "../_lib/decimal.js";
import type { Numeric, RoundingMode } from "../types.js";

const MODES: Record<RoundingMode, DecimalJs.Rounding> = /* @__PURE__ */ (() => ({
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
}))();

/** @internal */
export const ROUNDING_MODES = /* @__PURE__ */ Object.keys(MODES) as RoundingMode[];

/**
 * Round a validated Decimal to `places` decimal places with a validated mode: the step shared
 * by {@link round} and the formatting functions, which validate with their own name.
 */
export function roundDecimal(value: Decimal, places: number, mode: RoundingMode): Decimal {
  return clean(value.toDecimalPlaces(places, MODES[mode]));
}

/**
 * Round a value to a number of decimal places, once, at the end of a computation.
 *
 * @remarks
 * ```text
 * round(value, places, mode) = value rounded to `places` digits after the point
 * ```
 * Modes are named (see {@link RoundingMode}); the default is `'half-up'` (ties away from
 * zero). Intermediate values are never rounded by the library; call this on output only.
 *
 * @param value - Any {@link Numeric}.
 * @param places - Digits after the decimal point, a whole number from 0 to 1000.
 * @param mode - How ties break. Default `'half-up'`.
 * @example
 * ```ts
 * round('2.345', 2).toString()              //=> '2.35'
 * round('2.345', 2, 'half-even').toString() //=> '2.34'
 * round('-2.5', 0).toString()               //=> '-3'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a bad value,
 * `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for bad `places`, `INVALID_OPTION` for an unknown mode.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see IEEE 754-2019, §4.3 (rounding-direction attributes).
 * @category Formatting
 */
export function round(value: Numeric, places: number, mode: RoundingMode = "half-up"): Decimal {
  const fn = "round";
  const d = toDecimal(value, fn, "value");
  const p = intNumber(places, fn, "places");
  if (p > 1000) fail(fn, "places", "OUT_OF_RANGE", "must be at most 1000", places);
  const m = option(mode, ROUNDING_MODES, "half-up", fn, "mode");
  return roundDecimal(d, p, m);
}
