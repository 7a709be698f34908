/**
 * Pareto/NBD on float64 (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005, "A Note
 * on Deriving the Pareto/NBD Model and Related Expressions"): the closed-form predictions, and
 * the model's math in one place (the log-likelihood of `_paretoLikelihood.ts`, its gradient of
 * `_paretoGradient.ts`, the ₂F₁ of `_paretoHypergeometric.ts` and the drop-out integral of
 * `_paretoDropout.ts`). Parameters are [r, alpha, s, beta].
 */
import { softplus } from "../_math/logSpace.js";
import { logIntegralUnimodal } from "../_math/quadrature.js";
import type { HistoryPrediction } from "./_modelMath.js";
import { log1pRatio, logDropoutIntegral } from "./_paretoDropout.js";
import { closedFormApplies, paretoLogA0 } from "./_paretoLikelihood.js";

export { logDropoutIntegral } from "./_paretoDropout.js";
export { paretoLogLikelihoodGradient } from "./_paretoGradient.js";
export {
  hyp2f1PlusOne,
  logHyp2f1PlusOne,
  logHyp2f1PlusOnePair,
} from "./_paretoHypergeometric.js";
export {
  closedFormLogLikelihood,
  integralLogLikelihood,
  paretoLogA0,
  paretoLogLikelihood,
} from "./_paretoLikelihood.js";

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

/**
 * ln of the odds that the customer has dropped out, given (x, t_x, T):
 * ```text
 * odds = s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀
 *      = ∫_{t_x}^{T} s/(β+τ) · ((α+T)/(α+τ))^(r+x) · ((β+T)/(β+τ))^s dτ
 * ```
 * (the customer died at τ ∈ (t_x, T] against survived to T, both with their purchases). The
 * closed form with A₀ subtracts logarithms of size (r+x)·ln(α+T) and slows down when α and β
 * are far apart: where r + s + x exceeds 200 or α/β lies outside [1/10, 10] the integral is
 * used instead, as s/(β+t_x) · (1 + D/(α+t_x))^(r+x) (1 + D/(β+t_x))^s · J with D = T − t_x and
 * J from {@link logDropoutIntegral}; should that not be finite (frequencies near the float64
 * limit), by adaptive Gauss–Kronrod quadrature over the time of death. −∞ when t_x = T.
 */
export function paretoLogDeadOdds(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  if (tx === T) return Number.NEGATIVE_INFINITY;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const rx = r + x;
  if (closedFormApplies(r + x, alpha, s, beta)) {
    const closed =
      Math.log(s / (r + s + x)) +
      rx * Math.log(alpha + T) +
      s * Math.log(beta + T) +
      paretoLogA0(p, x, tx, T);
    if (!Number.isNaN(closed) && closed !== Number.POSITIVE_INFINITY) return closed;
  }
  // odds = s/(β+t_x) · (1 + D/(α+t_x))^(r+x) (1 + D/(β+t_x))^s · J, D = T − t_x.
  const span = T - tx;
  const integral =
    Math.log(s) -
    Math.log(beta + tx) +
    rx * log1pRatio(span, alpha + tx) +
    s * log1pRatio(span, beta + tx) +
    logDropoutIntegral(rx, alpha + tx, s + 1, beta + tx, span);
  if (Number.isFinite(integral)) return integral;
  // Over w = ln((α+τ)/(α+t_x)) ∈ [0, ln(1 + (T−t_x)/(α+t_x))], dτ = (α+τ) dw: the offsets
  // τ − t_x = (α+t_x)(e^w − 1) and T − τ keep their digits when the integrand is concentrated
  // near t_x (a huge frequency), and a span of many orders of magnitude (T ≫ α) is covered
  // by a few hundred units of w.
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
export const paretoConditional: HistoryPrediction = (p, x, tx, T, t) => {
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
};
