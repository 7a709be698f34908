/**
 * Float64 formulas of the BG/BB model (Fader, Hardie & Shang 2010).
 */
import { lnBeta } from "../../_lib/special.js";

/** The most periods a sum over periods may span (the sums run period by period). */
export const MAX_PERIODS = 10_000_000;

/**
 * ln L(α, β, γ, δ | x, t_x, n): the log-likelihood of one history (FHS 2010, eq. 5).
 * ```text
 * L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * ```
 * The terms of the sum follow from the first by the ratio
 * (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+1+δ+t_x+i).
 */
export function lnLikelihood(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  lnBab: number,
  lnBgd: number,
  x: number,
  tx: number,
  n: number,
): number {
  const lnA = lnBeta(alpha + x, beta + n - x) - lnBab + lnBeta(gamma, delta + n) - lnBgd;
  if (tx >= n) return lnA;
  const lnFirst = lnBeta(alpha + x, beta + tx - x) - lnBab + lnBeta(gamma + 1, delta + tx) - lnBgd;
  let term = 1;
  let sum = 1;
  for (let i = 0; i < n - tx - 1; i++) {
    const k = tx + i;
    term *= ((beta + k - x) / (alpha + beta + k)) * ((delta + k) / (gamma + 1 + delta + k));
    sum += term;
  }
  const lnB = lnFirst + Math.log(sum);
  // ln(e^a + e^b) without overflow.
  const hi = Math.max(lnA, lnB);
  return hi + Math.log1p(Math.exp(Math.min(lnA, lnB) - hi));
}

/**
 * Σ_{t=from+1}^{from+count} B(γ, δ+t)/B(γ, δ) = Σ E[(1−θ)^t]: the expected number of those
 * periods a customer survives to (θ ~ Beta(γ, δ)). Summed period by period with the ratio
 * B(γ, δ+t+1)/B(γ, δ+t) = (δ+t)/(γ+δ+t), exact for every γ (the closed form of FHS 2010,
 * eq. 8, divides by γ − 1).
 */
export function survivalSum(gamma: number, delta: number, from: number, count: number): number {
  if (count === 0) return 0;
  let term = Math.exp(lnBeta(gamma, delta + from + 1) - lnBeta(gamma, delta));
  let sum = 0;
  const end = from + count;
  for (let t = from + 1; t <= end; t++) {
    sum += term;
    term *= (delta + t) / (gamma + delta + t);
  }
  return sum;
}

/** Index of each value in the list of its distinct values. */
function distinct(values: ArrayLike<number>): { unique: Float64Array; index: Int32Array } {
  const seen = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let k = seen.get(v);
    if (k === undefined) {
      k = seen.size;
      seen.set(v, k);
    }
    index[i] = k;
  }
  return { unique: Float64Array.from(seen.keys()), index };
}

/**
 * The negative log-likelihood of weighted distinct histories, as an objective of
 * (α, β, γ, δ). The same sum as {@link lnLikelihood} per history, with the log-beta values
 * that histories share (same n, same (x, n), same t_x) computed once per evaluation.
 */
export function negLogLikelihood(
  xs: Float64Array,
  txs: Float64Array,
  ns: Float64Array,
  ws: Float64Array,
): (theta: Float64Array) => number {
  const size = xs.length;
  const byN = distinct(ns);
  const byTx = distinct(txs);
  // (x, n) pairs keyed as x · (max n + 1) + n.
  let maxN = 0;
  for (let i = 0; i < size; i++) maxN = Math.max(maxN, ns[i] as number);
  const xnKey = new Float64Array(size);
  for (let i = 0; i < size; i++) xnKey[i] = (xs[i] as number) * (maxN + 1) + (ns[i] as number);
  const byXn = distinct(xnKey);
  const xnX = new Float64Array(byXn.unique.length);
  const xnN = new Float64Array(byXn.unique.length);
  for (let i = 0; i < size; i++) {
    const k = byXn.index[i] as number;
    xnX[k] = xs[i] as number;
    xnN[k] = ns[i] as number;
  }
  const lnGammaN = new Float64Array(byN.unique.length);
  const lnGammaTx = new Float64Array(byTx.unique.length);
  const lnAlphaXn = new Float64Array(byXn.unique.length);

  return (theta) => {
    const alpha = theta[0] as number;
    const beta = theta[1] as number;
    const gamma = theta[2] as number;
    const delta = theta[3] as number;
    const lnBab = lnBeta(alpha, beta);
    const lnBgd = lnBeta(gamma, delta);
    for (let k = 0; k < lnGammaN.length; k++) {
      lnGammaN[k] = lnBeta(gamma, delta + (byN.unique[k] as number)) - lnBgd;
    }
    for (let k = 0; k < lnGammaTx.length; k++) {
      lnGammaTx[k] = lnBeta(gamma + 1, delta + (byTx.unique[k] as number)) - lnBgd;
    }
    for (let k = 0; k < lnAlphaXn.length; k++) {
      const x = xnX[k] as number;
      lnAlphaXn[k] = lnBeta(alpha + x, beta + (xnN[k] as number) - x) - lnBab;
    }
    let ll = 0;
    for (let i = 0; i < size; i++) {
      const x = xs[i] as number;
      const tx = txs[i] as number;
      const n = ns[i] as number;
      const lnA =
        (lnAlphaXn[byXn.index[i] as number] as number) +
        (lnGammaN[byN.index[i] as number] as number);
      let lnL = lnA;
      if (tx < n) {
        const lnFirst =
          lnBeta(alpha + x, beta + tx - x) - lnBab + (lnGammaTx[byTx.index[i] as number] as number);
        let term = 1;
        let sum = 1;
        for (let j = 0; j < n - tx - 1; j++) {
          const k = tx + j;
          term *= ((beta + k - x) / (alpha + beta + k)) * ((delta + k) / (gamma + 1 + delta + k));
          sum += term;
        }
        const lnB = lnFirst + Math.log(sum);
        const hi = Math.max(lnA, lnB);
        lnL = hi + Math.log1p(Math.exp(Math.min(lnA, lnB) - hi));
      }
      ll += (ws[i] as number) * lnL;
    }
    return -ll;
  };
}
