/**
 * The standard normal distribution on float64, and the one rule for reading a confidence level.
 *
 * Quantiles are taken from the tail probability computed exactly in Decimal, never from a
 * float64 level near 1: `1 − 0.9999999999999999` is 1.1e-16 in Decimal but rounds away in
 * float64, where `1 − (1 − c)/2` becomes 1 and Φ⁻¹(1) is infinite.
 */
import { fail, toDecimal } from "./assert.js";
import { Decimal, ONE } from "./decimal.js";
import { erfc, erfcinv } from "./special.js";

/** Standard normal cumulative distribution function Φ(x), float64. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Coefficients of the Maclaurin series erfinv(y) = Σ a_k (√π/2 · y)^(2k+1), a_k = c_k/(2k+1)
 * with c_0 = 1 and c_k = Σ_{m<k} c_m c_{k−1−m} / ((m + 1)(2m + 1)) (Abramowitz & Stegun 7.1.1
 * inverted; OEIS A092676 / A092677).
 */
const ERFINV_TERMS = 60;
const ERFINV_COEFFICIENTS: readonly number[] = /* @__PURE__ */ (() => {
  const c: number[] = [1];
  for (let k = 1; k < ERFINV_TERMS; k++) {
    let sum = 0;
    for (let m = 0; m < k; m++)
      sum += ((c[m] as number) * (c[k - 1 - m] as number)) / ((m + 1) * (2 * m + 1));
    c.push(sum);
  }
  return c.map((ck, k) => ck / (2 * k + 1));
})();

/**
 * erfinv(y) for |y| ≤ 1/2 by its Maclaurin series: the terms fall by a factor of about 4, so
 * 30 of the 60 suffice for float64; keeps the relative precision of a small y, which
 * `erfcinv(1 − y)` would lose.
 */
function erfinvSmall(y: number): number {
  const x = (Math.sqrt(Math.PI) / 2) * y;
  const x2 = x * x;
  let power = x;
  let sum = 0;
  for (const a of ERFINV_COEFFICIENTS) {
    const term = a * power;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
    power *= x2;
  }
  return sum;
}

const HALF = /* @__PURE__ */ new Decimal("0.5");
const QUARTER = /* @__PURE__ */ new Decimal("0.25");

/**
 * The standard normal quantile Φ⁻¹(p), float64, from p in (0, 1) and its complement
 * q = 1 − p, both exact Decimals (the caller knows whichever of the two is small without
 * rounding: a confidence level and 1 − level). erfcinv is only ever called on (0, 1/2], where
 * it keeps full relative precision; near the median the series of erfinv takes over.
 */
export function normalQuantile(p: Decimal, q: Decimal = ONE.minus(p)): number {
  if (p.lt(QUARTER)) return -Math.SQRT2 * erfcinv(p.times(2).toNumber());
  if (q.lt(QUARTER)) return Math.SQRT2 * erfcinv(q.times(2).toNumber());
  // Φ⁻¹(p) = √2 erfinv(2p − 1) = √2 erfinv(p − q).
  return Math.SQRT2 * erfinvSmall(p.minus(q).toNumber());
}

/** The upper normal quantile Φ⁻¹(1 − tail) for a tail probability in (0, 1), float64. */
export function normalUpperQuantile(tail: Decimal): number {
  const z = -normalQuantile(tail);
  return z === 0 ? 0 : z;
}

/**
 * The two-sided critical value Φ⁻¹(1 − (1 − level)/2) = √2 erfinv(level), float64, from the
 * level and alpha = 1 − level; whichever is small is used as it stands.
 */
function twoSidedCritical(level: Decimal, alpha: Decimal): number {
  return level.lte(HALF)
    ? Math.SQRT2 * erfinvSmall(level.toNumber())
    : Math.SQRT2 * erfcinv(alpha.toNumber());
}

/** The smallest tail probability (and level) a confidence may leave: 1e-300. */
export const MIN_CONFIDENCE_TAIL: Decimal = /* @__PURE__ */ new Decimal("1e-300");

/** A validated confidence level. */
export interface ConfidenceLevel {
  /** The level as given, a Decimal in [1e-300, 1 − 1e-300]. */
  readonly level: Decimal;
  /** 1 − level (to 40 digits: 1 for a level below 1e-40). */
  readonly alpha: Decimal;
  /** The two-sided critical value Φ⁻¹(1 − alpha/2), float64, finite and positive. */
  readonly z: number;
}

/**
 * Read a confidence level: the one rule of every function that takes a `confidence`
 * (`wilsonInterval`, `compareConversion`, `netPromoterScore`, `kaplanMeier`).
 *
 * @remarks
 * The level is a number from 1e-300 to 1 − 1e-300 inclusive (`undefined` gives 0.95); outside
 * that, `OUT_OF_RANGE`. The bounds keep the tail probability 1 − level a normal float64, so
 * every quantile is finite and accurate to float64 (z is at most about 37.0). Levels closer
 * to 1 than a float64 can show (`'0.99999999999999999999'`) are read exactly: z comes from
 * the Decimal 1 − level, not from the level rounded to float64.
 */
export function readConfidence(value: unknown, fn: string, field = "confidence"): ConfidenceLevel {
  const level = value === undefined ? new Decimal("0.95") : toDecimal(value, fn, field);
  // 1 − level is rounded from the exact difference, so a tail below 1e-300 stays below it.
  const alpha = ONE.minus(level);
  if (level.lt(MIN_CONFIDENCE_TAIL) || alpha.lt(MIN_CONFIDENCE_TAIL)) {
    fail(
      fn,
      field,
      "OUT_OF_RANGE",
      "must be between 0 and 1, at least 1e-300 from either end",
      value,
    );
  }
  return { level, alpha, z: twoSidedCritical(level, alpha) };
}
