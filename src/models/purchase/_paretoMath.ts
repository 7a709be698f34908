/**
 * Pareto/NBD on float64 (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005, "A Note
 * on Deriving the Pareto/NBD Model and Related Expressions"): log-likelihood in the log
 * domain and closed-form predictions. Parameters are [r, alpha, s, beta].
 */
import { hyp2f1, lnGamma } from "../../_lib/special.js";
import { logIntegralUnimodal } from "../_math/quadrature.js";
import { softplus } from "./_bgnbdExpectation.js";
import { type GroupedRows, logAddExp, logShiftedTimes, smallFrequencyTerms } from "./_bgnbdMath.js";

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

/**
 * ln A₀ of Fader & Hardie (2005), eq. (A4)/(A5), from the logarithms ln(h + t_x) and ln(h + T)
 * where h = max(α, β): the branch is chosen so that the hypergeometric argument
 * |α − β| / (h + y) lies in [0, 1). A₀ is the difference of the term at t_x and at T; it is
 * formed as ln f(t_x) + log1p(−f(T)/f(t_x)) so that nothing overflows. −∞ when t_x = T
 * (A₀ = 0).
 */
function logA0(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  lnHighTx: number,
  lnHighT: number,
): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const rsx = r + s + x;
  const high = alpha >= beta ? alpha : beta;
  const low = alpha >= beta ? beta : alpha;
  const second = alpha >= beta ? s + 1 : r + x;
  const diff = high - low;
  // z = (high − low)/(high + y) and 1 − z = (low + y)/(high + y), both without cancellation.
  const logs = logHyp2f1PlusOnePair(
    rsx,
    second,
    diff / (high + tx),
    (low + tx) / (high + tx),
    diff / (high + T),
    (low + T) / (high + T),
  );
  const lf1 = logs[0] as number;
  // ln f(T) − ln f(t_x)
  const gap = (logs[1] as number) - lf1 - rsx * (lnHighT - lnHighTx);
  if (!(gap < 0)) return Number.NEGATIVE_INFINITY;
  return lf1 - rsx * lnHighTx + Math.log1p(-Math.exp(gap));
}

/** ln A₀ for one customer (see the log-likelihood). */
export function paretoLogA0(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  const high = Math.max(p[1] as number, p[3] as number);
  return logA0(p, x, tx, T, Math.log(high + tx), Math.log(high + T));
}

/** The Pareto/NBD log-likelihood of the rows at [r, alpha, s, beta]. */
export function paretoLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const nx = d.xs.length;
  const constant = new Float64Array(nx);
  const lnShare = new Float64Array(nx);
  const lnS = Math.log(s);
  const gammaTerms = smallFrequencyTerms(d, r, 0, 0);
  const lnGammaR = gammaTerms === undefined ? lnGamma(r) : 0;
  const base = r * Math.log(alpha) + s * Math.log(beta);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    const gammas =
      gammaTerms === undefined
        ? x === 0
          ? 0
          : lnGamma(r + x) - lnGammaR
        : (gammaTerms[x] as number);
    constant[g] = gammas + base;
    lnShare[g] = lnS - Math.log(r + s + x);
  }
  const lnAlpha = logShiftedTimes(d, alpha, d.scratch);
  const lnBeta = logShiftedTimes(d, beta, d.scratch2);
  const lnHigh = alpha >= beta ? lnAlpha : lnBeta;
  const xArr = d.x;
  const txArr = d.tx;
  const TArr = d.T;
  const wArr = d.w;
  const groupArr = d.group;
  const TIndex = d.TIndex;
  const txIndex = d.txIndex;
  let total = 0;
  const n = xArr.length;
  for (let i = 0; i < n; i++) {
    const g = groupArr[i] as number;
    const x = xArr[i] as number;
    const iT = TIndex[i] as number;
    const itx = txIndex[i] as number;
    const first = -(r + x) * (lnAlpha[iT] as number) - s * (lnBeta[iT] as number);
    const second =
      (lnShare[g] as number) +
      logA0(
        p,
        x,
        txArr[i] as number,
        TArr[i] as number,
        lnHigh[itx] as number,
        lnHigh[iT] as number,
      );
    total += (wArr[i] as number) * ((constant[g] as number) + logAddExp(first, second));
  }
  return total;
}

/** (1 − e^(−c·L)) / c, with its limit L at c = 0. */
function growth(c: number, L: number): number {
  return Math.abs(c) < 1e-12 ? L : -Math.expm1(-c * L) / c;
}

/** E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoExpected(p: ArrayLike<number>, t: number): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  return ((r * beta) / alpha) * growth(s - 1, Math.log1p(t / beta));
}

/** Frequencies or drop-out shapes s up to this use the closed form of A₀. */
const CLOSED_FORM_LIMIT = 1e4;

/**
 * ln of the odds that the customer has dropped out, given (x, t_x, T):
 * ```text
 * odds = s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀
 *      = ∫_{t_x}^{T} s/(β+τ) · ((α+T)/(α+τ))^(r+x) · ((β+T)/(β+τ))^s dτ
 * ```
 * (the customer died at τ ∈ (t_x, T] against survived to T, both with their purchases). The
 * closed form with A₀ subtracts logarithms of size (r+x)·ln(α+T): beyond moderate r + x or s
 * those lose their digits, and the integral (a decreasing integrand, summed in logs by
 * adaptive Gauss–Kronrod quadrature) is used instead. −∞ when t_x = T.
 */
export function paretoLogDeadOdds(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  if (tx === T) return Number.NEGATIVE_INFINITY;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  if (r + x <= CLOSED_FORM_LIMIT && s <= CLOSED_FORM_LIMIT) {
    const closed =
      Math.log(s / (r + s + x)) +
      (r + x) * Math.log(alpha + T) +
      s * Math.log(beta + T) +
      paretoLogA0(p, x, tx, T);
    if (!Number.isNaN(closed) && closed !== Number.POSITIVE_INFINITY) return closed;
  }
  // Over w = ln((α+τ)/(α+t_x)) ∈ [0, ln(1 + (T−t_x)/(α+t_x))], dτ = (α+τ) dw: the offsets
  // τ − t_x = (α+t_x)(e^w − 1) and T − τ keep their digits when the integrand is concentrated
  // near t_x (a huge frequency), and a span of many orders of magnitude (T ≫ α) is covered
  // by a few hundred units of w.
  const rx = r + x;
  const span = T - tx;
  const base = alpha + tx;
  const lnS = Math.log(s);
  const lnBase = Math.log(base);
  const logIntegrand = (w: number): number => {
    const offset = base * Math.expm1(w);
    const rest = Math.max(span - offset, 0);
    return (
      lnS +
      lnBase +
      w -
      Math.log(beta + tx + offset) +
      rx * Math.log1p(rest / (base * Math.exp(w))) +
      s * Math.log1p(rest / (beta + tx + offset))
    );
  };
  const W = Math.log1p(span / base);
  // The slope 1 − (r+x) − (1+s)(α+τ)/(β+τ) changes sign at most once: one peak.
  const slope = (w: number): number => {
    const offset = base * Math.expm1(w);
    return 1 - rx - ((1 + s) * (base + offset)) / (beta + tx + offset);
  };
  let left = 0;
  let right = W;
  if (slope(0) <= 0) right = 0;
  else if (slope(W) >= 0) left = W;
  else {
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (left + right);
      if (slope(mid) > 0) left = mid;
      else right = mid;
    }
  }
  return logIntegralUnimodal(logIntegrand, 0.5 * (left + right), 0, W);
}

/** ln P(alive | x, t_x, T). */
export function paretoLogAlive(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  return -softplus(paretoLogDeadOdds(p, x, tx, T));
}

/** P(alive | x, t_x, T). */
export function paretoAlive(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  return Math.exp(paretoLogAlive(p, x, tx, T));
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
 * multiplied in logs so that a huge frequency and a vanishing P(alive) never meet as ∞ · 0.
 */
export function paretoConditional(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  if (t === 0) return 0;
  const lnAlive = paretoLogAlive(p, x, tx, T);
  if (lnAlive === Number.NEGATIVE_INFINITY) return 0;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  return Math.exp(
    Math.log(r + x) +
      Math.log(beta + T) -
      Math.log(alpha + T) +
      Math.log(growth(s - 1, Math.log1p(t / (beta + T)))) +
      lnAlive,
  );
}
