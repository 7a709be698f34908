/**
 * Float64 formulas of the BG/BB model (Fader, Hardie & Shang 2010), accurate for any positive
 * parameters and any number of periods up to 2^53, at a cost that does not grow with periods.
 */

import { logAddExp } from "../_math/logSpace.js";
import { lnBetaRatio, lnSurvivalRatio, sumRatioTerms } from "./_math.js";

/**
 * ln Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ), the second part of
 * the likelihood, for t_x < n. `lnAlphaFirst` is ln B(α+x, β+t_x−x)/B(α,β) and `lnGammaFirst`
 * ln B(γ+1, δ+t_x)/B(γ,δ). The terms follow from the first by the ratio
 * (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+1+δ+t_x+i).
 */
function lnDeathSum(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  lnAlphaFirst: number,
  lnGammaFirst: number,
  x: number,
  tx: number,
  n: number,
): number {
  const sum = sumRatioTerms([beta + tx - x, delta + tx], [alpha + x, gamma + 1], n - tx);
  return lnAlphaFirst + lnGammaFirst + Math.log(sum);
}

/**
 * ln L(α, β, γ, δ | x, t_x, n): the log-likelihood of one history (FHS 2010, eq. 5).
 * ```text
 * L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * ```
 * Every beta-function ratio through {@link lnBetaRatio} (no cancellation of large ln B), the
 * sum through {@link sumRatioTerms} (bounded cost for any n).
 */
export function lnLikelihood(
  alpha: number,
  beta: number,
  gamma: number,
  delta: number,
  x: number,
  tx: number,
  n: number,
): number {
  const lnA = lnBetaRatio(alpha, beta, x, n - x) + lnSurvivalRatio(delta, gamma, n);
  if (tx >= n) return lnA;
  const lnB = lnDeathSum(
    alpha,
    beta,
    gamma,
    delta,
    lnBetaRatio(alpha, beta, x, tx - x),
    lnBetaRatio(gamma, delta, 1, tx),
    x,
    tx,
    n,
  );
  return logAddExp(lnA, lnB);
}

/**
 * Σ_{t=from+1}^{from+count} B(γ, δ+t)/B(γ, δ) = Σ E[(1−θ)^t]: the expected number of those
 * periods a customer survives to (θ ~ Beta(γ, δ)). Term by term with the ratio
 * B(γ, δ+t+1)/B(γ, δ+t) = (δ+t)/(γ+δ+t), then Euler–Maclaurin ({@link sumRatioTerms}): exact
 * for every γ (the closed form of FHS 2010, eq. 8, divides by γ − 1) and bounded in cost.
 */
export function survivalSum(gamma: number, delta: number, from: number, count: number): number {
  return Math.exp(lnSurvivalSum(gamma, delta, from, count));
}

/** The logarithm of {@link survivalSum} (−Infinity for count 0), for products that would overflow. */
export function lnSurvivalSum(gamma: number, delta: number, from: number, count: number): number {
  if (count === 0) return Number.NEGATIVE_INFINITY;
  return (
    lnSurvivalRatio(delta, gamma, from + 1) +
    Math.log(sumRatioTerms([delta + from + 1], [gamma], count))
  );
}

/** Index of each value in the list of its distinct values. */
function distinct<T>(values: ArrayLike<T>): { unique: T[]; index: Int32Array } {
  const seen = new Map<T, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as T;
    let k = seen.get(v);
    if (k === undefined) {
      k = seen.size;
      seen.set(v, k);
    }
    index[i] = k;
  }
  return { unique: Array.from(seen.keys()), index };
}

/**
 * The negative log-likelihood of weighted distinct histories, as an objective of
 * (α, β, γ, δ). The same sum as {@link lnLikelihood} per history, with the beta-function
 * ratios that histories share (same n, same (x, n), same t_x) computed once per evaluation.
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
  const xnKey: string[] = [];
  for (let i = 0; i < size; i++) xnKey.push(`${xs[i]},${ns[i]}`);
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
    for (let k = 0; k < lnGammaN.length; k++) {
      lnGammaN[k] = lnSurvivalRatio(delta, gamma, byN.unique[k] as number);
    }
    for (let k = 0; k < lnGammaTx.length; k++) {
      lnGammaTx[k] = lnBetaRatio(gamma, delta, 1, byTx.unique[k] as number);
    }
    for (let k = 0; k < lnAlphaXn.length; k++) {
      const x = xnX[k] as number;
      lnAlphaXn[k] = lnBetaRatio(alpha, beta, x, (xnN[k] as number) - x);
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
        const lnB = lnDeathSum(
          alpha,
          beta,
          gamma,
          delta,
          lnBetaRatio(alpha, beta, x, tx - x),
          lnGammaTx[byTx.index[i] as number] as number,
          x,
          tx,
          n,
        );
        lnL = logAddExp(lnA, lnB);
      }
      ll += (ws[i] as number) * lnL;
    }
    return -ll;
  };
}
