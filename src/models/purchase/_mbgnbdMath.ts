/**
 * MBG/NBD on float64 (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008): the
 * log-likelihood in the log domain with its gradient, and the predictions. Parameters are
 * [r, alpha, a, b], as in the BG/NBD.
 *
 * The MBG/NBD differs from the BG/NBD in one assumption: a customer may drop out right after
 * the first purchase too (at time 0), not only after repeat purchases. Given (λ, p) a customer
 * is still alive after the first purchase with probability 1 − p, and from there on behaves as
 * a BG/NBD customer. Hence, with G the expectation of `_bgnbdExpectation.ts`:
 * ```text
 * E[X(t)]           = E[(1 − p)(1 − e^(−λpt))/p]          = b/(a+b) · G(r, a, b+1, t/α)
 * P(alive | x,t_x,T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))      (also for x = 0)
 * E[Y(t) | x,t_x,T]  = P(alive) · G(r+x, a, b+x+1, t/(α+T))
 * ```
 * (a customer alive at T has p ~ Beta(a, b+x+1), having survived x + 1 chances to drop out,
 * and λ ~ Gamma(r+x, α+T)).
 */
import { lnGamma, lnGammaRatio } from "../../_lib/special.js";
import { logRegularizedBeta } from "../_math/incompleteBeta.js";
import { logAddExp, softplus } from "../_math/logSpace.js";
import { logBetaExpectation } from "./_bgnbdExpectation.js";
import {
  betaGeometricLogConditional,
  betaGeometricLogDeadOdds,
  betaGeometricLogLikelihood,
  type GroupedRows,
} from "./_bgnbdMath.js";
import type { HistoryPrediction } from "./_modelMath.js";

/**
 * The MBG/NBD log-likelihood of the rows at [r, alpha, a, b]. Per row (x, t_x, T), as in
 * lifetimes' `ModifiedBetaGeoFitter`:
 * ```text
 * ln L = ln Γ(r+x) − ln Γ(r) + ln B(a, b+x+1) − ln B(a, b) − x ln α − (r+x) ln(1 + T/α)
 *        + softplus(v),   v = ln a − ln(b+x) + (r+x) ln((α+T)/(α+t_x))
 * ```
 * (r ln α − (r+x) ln(α+T) written as −x ln α − (r+x) ln(1 + T/α), which does not cancel when
 * r and α are both huge).
 */
export function mbgnbdLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  return mbgnbdLogLikelihoodGradient(p, d, undefined);
}

/**
 * The log-likelihood of {@link mbgnbdLogLikelihood} and, when `out` is given, its gradient
 * ∂LL/∂(r, α, a, b). Per row, with L(y) = ln(1 + y/α), G = ln((α+T)/(α+t_x)), σ the logistic
 * function:
 * ```text
 * ∂/∂r = ψ(r+x) − ψ(r) − L(T) + σ(v) G
 * ∂/∂α = −x/α + (r+x) T/(α(α+T)) + σ(v) (r+x) (1/(α+T) − 1/(α+t_x))
 * ∂/∂a = ψ(a+b) − ψ(a+b+x+1) + σ(v)/a
 * ∂/∂b = ψ(b+x+1) − ψ(b) + ψ(a+b) − ψ(a+b+x+1) − σ(v)/(b+x)
 * ```
 */
export function mbgnbdLogLikelihoodGradient(
  p: ArrayLike<number>,
  d: GroupedRows,
  out: Float64Array | undefined,
): number {
  return betaGeometricLogLikelihood(p, d, 1, out);
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
export function mbgnbdExpected(p: ArrayLike<number>, t: number): number {
  if (t === 0) return 0;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  // b/(a+b) = 1/(1 + a/b), formed without a + b rounding away a tiny a.
  return Math.exp(-Math.log1p(a / b) + logBetaExpectation(r, a, b + 1, t / alpha));
}

/** P(alive | x, t_x, T). */
export function mbgnbdAlive(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  return Math.exp(-softplus(betaGeometricLogDeadOdds(p, x, tx, T, 1)));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of a customer with that history. */
export const mbgnbdConditional: HistoryPrediction = (p, x, tx, T, t) =>
  Math.exp(betaGeometricLogConditional(p, x, tx, T, t, 1));

/**
 * P(X(t) = n): the probability that a customer just acquired makes exactly n repeat purchases
 * in (0, t] (lifetimes' `ModifiedBetaGeoFitter.probability_of_n_purchases_up_to_time`):
 * ```text
 * P(X(t) = n) = B(a, b+n+1)/B(a, b) · NB(n; t) + B(a+1, b+n)/B(a, b) · P(NB(t) ≥ n)
 * NB(n; t)    = Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r · (t/(α+t))^n
 * ```
 * the first term the customers alive after their n-th repeat purchase, the second those who
 * dropped out right after it (for n = 0, right after the first purchase: P(NB ≥ 0) = 1); the
 * tail as the regularized incomplete beta function I_q(n, r), q = t/(α+t) (no 1 − Σ that would
 * cancel).
 */
export function mbgnbdProbabilityOfPurchases(p: ArrayLike<number>, n: number, t: number): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  // ln B(a, b + k) − ln B(a, b), by Γ ratios that keep their digits for large arguments.
  const lnBetaShare = (k: number): number =>
    k === 0 ? 0 : lnGammaRatio(b, k) - lnGammaRatio(a + b, k);
  // B(a+1, b+n)/B(a, b) = a/(a+b+n) · B(a, b+n)/B(a, b).
  const lnDropShare = Math.log(a) - Math.log(a + b + n) + lnBetaShare(n);
  if (t === 0) return n === 0 ? 1 : 0;
  const logOdds = Math.log1p(t / alpha);
  const lnShare = n === 0 ? 0 : n * (Math.log(t) - Math.log(alpha) - logOdds);
  const lnNb = lnGammaRatio(r, n) - lnGamma(n + 1) - r * logOdds + lnShare;
  const alive = lnBetaShare(n + 1) + lnNb;
  const q = t / (alpha + t);
  const tail = n === 0 ? 0 : q < 1 ? logRegularizedBeta(q, n, r) : 0;
  return Math.min(1, Math.exp(logAddExp(alive, lnDropShare + tail)));
}
