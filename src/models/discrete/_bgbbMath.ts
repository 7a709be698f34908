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
