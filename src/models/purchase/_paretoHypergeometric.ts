/**
 * ₂F₁(a, b; a + 1; z) on float64 for the Pareto/NBD closed form (A₀ of Fader & Hardie 2005):
 * Euler's series, the linear transformation towards 1 − z, and a pair of arguments in one loop.
 */
import { hyp2f1, lnGamma } from "../../_lib/special.js";
import { logAddExp } from "../_math/logSpace.js";

/** Above this argument the series in z is replaced by the transformation towards 1 − z. */
const SERIES_LIMIT = 0.9;

/** The sign of Γ(y) for y not a non-positive integer. */
function gammaSign(y: number): number {
  return y > 0 || Math.ceil(-y) % 2 === 0 ? 1 : -1;
}

/**
 * ln ₂F₁(A, B; A + 1; z) for z near 1, given u = 1 − z computed without cancellation, by the
 * linear transformation towards 1 − z (Abramowitz & Stegun 15.3.6). With C = A + 1 it reduces
 * to two terms:
 * ```text
 * F = Γ(A+1) Γ(1−B) / Γ(A+1−B) · z^(−A) + A/(B−1) · u^(1−B) · ₂F₁(1, A+1−B; 2−B; u)
 * ```
 * The last series converges with ratio about u ≤ 0.25. `undefined` when B is (nearly) an
 * integer, where both terms have poles that cancel, or when the terms cancel badly.
 */
function logNearOne(A: number, B: number, z: number, u: number): number | undefined {
  if (Math.abs(B - Math.round(B)) < 1e-6) return undefined;
  let term = 1;
  let sum = 1;
  let converged = false;
  for (let k = 0; k < 5000; k++) {
    term *= ((A + 1 - B + k) / (2 - B + k)) * u;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
      converged = true;
      break;
    }
  }
  if (!converged || sum === 0) return undefined;
  const first = lnGamma(A + 1) - lnGamma(A + 1 - B) + lnGamma(1 - B) - A * Math.log(z);
  const firstSign = gammaSign(1 - B);
  const second = Math.log(A / Math.abs(B - 1)) + (1 - B) * Math.log(u) + Math.log(Math.abs(sum));
  const secondSign = (B > 1 ? 1 : -1) * (sum > 0 ? 1 : -1);
  if (firstSign > 0 && secondSign > 0) return logAddExp(first, second);
  const [plus, minus] = firstSign > 0 ? [first, second] : [second, first];
  // One positive and one negative term: accept a cancellation of up to 99 % (7 bits).
  if (!(minus < plus + Math.log(0.99))) return undefined;
  return plus + Math.log1p(-Math.exp(minus - plus));
}

/**
 * ln of Euler's form ₂F₁(a, b; a + 1; z) = (1 − z)^(1−b) · Σ_k (a+1−b)_k / (a+1)_k · z^k. In the
 * Pareto/NBD likelihood a + 1 − b > 0, so every term is positive and the ratio of terms is
 * below z whatever the size of b. `undefined` when `maxTerms` do not suffice.
 */
function logEuler(
  a: number,
  b: number,
  z: number,
  u: number,
  maxTerms: number,
): number | undefined {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    term *= ((a + 1 - b + k) / (a + 1 + k)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) return (1 - b) * Math.log(u) + Math.log(sum);
  }
  return undefined;
}

/**
 * ln ₂F₁(a, b; a + 1; z) for 0 ≤ z < 1, with u = 1 − z. For z ≤ 0.9 Euler's form converges
 * geometrically (ratio below z; usually about ten terms); above, the transformation towards
 * 1 − z keeps the work small however close z is to 1. Where that does not apply (b nearly an
 * integer) Euler's form is summed further, and the general routine is the last resort.
 */
export function logHyp2f1PlusOne(a: number, b: number, z: number, u: number): number {
  if (z === 0) return 0;
  // Outside the likelihood's range (b > a + 1) Euler's terms alternate: use the general routine.
  if (!(a + 1 - b > 0)) return Math.log(hyp2f1(a, b, a + 1, z));
  if (z <= SERIES_LIMIT) {
    return logEuler(a, b, z, u, 1000) ?? Math.log(hyp2f1(a, b, a + 1, z));
  }
  return (
    logNearOne(a, b, z, u) ?? logEuler(a, b, z, u, 100_000) ?? Math.log(hyp2f1(a, b, a + 1, z))
  );
}

/** ₂F₁(a, b; a + 1; z) for 0 ≤ z < 1 (see {@link logHyp2f1PlusOne}). */
export function hyp2f1PlusOne(a: number, b: number, z: number): number {
  return Math.exp(logHyp2f1PlusOne(a, b, z, 1 - z));
}

/** The two values of the last {@link logHyp2f1PlusOnePair} call. */
const pair = /* @__PURE__ */ new Float64Array(2);

/**
 * ln ₂F₁(a, b; a + 1; z₁) and ln ₂F₁(a, b; a + 1; z₂) for 0 ≤ z₂ ≤ z₁ < 1 (u = 1 − z): the two
 * Euler series share their coefficients, so one loop sums both (half the work of two calls).
 * The result is a shared scratch array, overwritten by the next call.
 */
export function logHyp2f1PlusOnePair(
  a: number,
  b: number,
  z1: number,
  u1: number,
  z2: number,
  u2: number,
): Float64Array {
  if (z1 > SERIES_LIMIT || z2 > z1 || !(a + 1 - b > 0)) {
    pair[0] = logHyp2f1PlusOne(a, b, z1, u1);
    pair[1] = logHyp2f1PlusOne(a, b, z2, u2);
    return pair;
  }
  let coefficient = 1;
  let power1 = 1;
  let power2 = 1;
  let sum1 = 1;
  let sum2 = 1;
  // The ratio of terms is below z₁ ≤ 0.9: 400 terms reach 1e-17.
  for (let k = 0; k < 1000; k++) {
    coefficient *= (a + 1 - b + k) / (a + 1 + k);
    power1 *= z1;
    power2 *= z2;
    const term1 = coefficient * power1;
    const term2 = coefficient * power2;
    sum1 += term1;
    sum2 += term2;
    if (term1 <= 1e-17 * sum1 && term2 <= 1e-17 * sum2) break;
  }
  pair[0] = (1 - b) * Math.log(u1) + Math.log(sum1);
  pair[1] = (1 - b) * Math.log(u2) + Math.log(sum2);
  return pair;
}
