import { erfc, erfcinv } from "./special.js";

/** Standard normal cumulative distribution function Φ(x), float64. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p) for p in (0, 1), float64. */
export function normalQuantile(p: number): number {
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** Two-sided critical value z for a confidence level in (0, 1): Φ⁻¹(1 − (1 − c)/2). */
export function zForConfidence(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
