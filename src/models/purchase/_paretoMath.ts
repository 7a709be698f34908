/**
 * Pareto/NBD on float64 (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005, "A Note
 * on Deriving the Pareto/NBD Model and Related Expressions"): log-likelihood in the log
 * domain and closed-form predictions. Parameters are [r, alpha, s, beta].
 */
import { hyp2f1, lnGamma } from "../../_lib/special.js";
import { type GroupedRows, logAddExp, logShiftedTimes, smallFrequencyTerms } from "./_bgnbdMath.js";

/**
 * ₂F₁(a, b; a + 1; z) for 0 ≤ z < 1. The power series converges geometrically (ratio z), so it
 * is summed directly for z ≤ 0.75 (at most a few hundred terms, usually about twenty); beyond
 * that the general routine, which transforms towards 1 − z, takes over.
 */
export function hyp2f1PlusOne(a: number, b: number, z: number): number {
  if (z === 0) return 1;
  if (z > 0.75) return hyp2f1(a, b, a + 1, z);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 1000; k++) {
    term *= (((a + k) * (b + k)) / ((a + 1 + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) return sum;
  }
  // Very large b (hundreds of repeat purchases) delays the decay of the terms.
  return hyp2f1(a, b, a + 1, z);
}

/** The two values of the last {@link hyp2f1PlusOnePair} call. */
const pair = new Float64Array(2);

/**
 * ₂F₁(a, b; a + 1; z₁) and ₂F₁(a, b; a + 1; z₂) for 0 ≤ z₂ ≤ z₁ < 1: the two series share
 * their coefficients, so one loop sums both (half the work of two calls). The result is a
 * shared scratch array, overwritten by the next call.
 */
export function hyp2f1PlusOnePair(a: number, b: number, z1: number, z2: number): Float64Array {
  if (z1 > 0.75 || z2 > z1) {
    pair[0] = hyp2f1PlusOne(a, b, z1);
    pair[1] = hyp2f1PlusOne(a, b, z2);
    return pair;
  }
  let coefficient = 1;
  let power1 = 1;
  let power2 = 1;
  let sum1 = 1;
  let sum2 = 1;
  for (let k = 0; k < 1000; k++) {
    coefficient *= ((a + k) * (b + k)) / ((a + 1 + k) * (k + 1));
    power1 *= z1;
    power2 *= z2;
    const term1 = coefficient * power1;
    const term2 = coefficient * power2;
    sum1 += term1;
    sum2 += term2;
    // term2 ≤ term1 and sum2 ≥ 1, so the first test covers both sums once the second holds.
    if (term1 <= 1e-17 * sum1 && term2 <= 1e-17 * sum2) {
      pair[0] = sum1;
      pair[1] = sum2;
      return pair;
    }
  }
  pair[0] = hyp2f1(a, b, a + 1, z1);
  pair[1] = hyp2f1(a, b, a + 1, z2);
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
  const second = alpha >= beta ? s + 1 : r + x;
  const diff = Math.abs(alpha - beta);
  hyp2f1PlusOnePair(rsx, second, diff / (high + tx), diff / (high + T));
  const f1 = pair[0] as number;
  const f2 = pair[1] as number;
  // ln f(T) − ln f(t_x)
  const gap = Math.log(f2 / f1) - rsx * (lnHighT - lnHighTx);
  if (!(gap < 0)) return Number.NEGATIVE_INFINITY;
  return Math.log(f1) - rsx * lnHighTx + Math.log1p(-Math.exp(gap));
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

/** P(alive | x, t_x, T). */
export function paretoAlive(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const lnOdds =
    Math.log(s / (r + s + x)) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T) +
    paretoLogA0(p, x, tx, T);
  return 1 / (1 + Math.exp(lnOdds));
}

/** E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive). */
export function paretoConditional(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  return (
    (((r + x) * (beta + T)) / (alpha + T)) *
    growth(s - 1, Math.log1p(t / (beta + T))) *
    paretoAlive(p, x, tx, T)
  );
}
