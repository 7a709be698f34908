/** Reading a confidence level, shared by the interval and test functions of this family. */
import { fail, toDecimal } from "../_lib/assert.js";
import { type Decimal, ONE } from "../_lib/decimal.js";

/** A validated confidence level. */
export interface ConfidenceLevel {
  /** The level as given, a Decimal in (0, 1). */
  readonly level: Decimal;
  /** 1 − level, exact. */
  readonly alpha: Decimal;
  /** The level as a float, strictly inside (0, 1). */
  readonly float: number;
}

/** Validate a confidence level in the open interval (0, 1); `undefined` gives 0.95. */
export function readConfidence(value: unknown, fn: string): ConfidenceLevel {
  if (value === undefined) {
    const level = toDecimal("0.95", fn, "confidence");
    return { level, alpha: ONE.minus(level), float: 0.95 };
  }
  const level = toDecimal(value, fn, "confidence");
  const float = level.toNumber();
  // The float check also catches levels so close to 0 or 1 that float64 rounds them to 0 or 1.
  if (level.lte(0) || level.gte(1) || !(float > 0 && float < 1)) {
    fail(fn, "confidence", "OUT_OF_RANGE", "must be between 0 and 1, exclusive", value);
  }
  return { level, alpha: ONE.minus(level), float };
}
