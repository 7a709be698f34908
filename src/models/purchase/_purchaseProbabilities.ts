/**
 * P(X(t) = n): the probability that a customer just acquired makes exactly n purchases in
 * (0, t], under BG/NBD and Pareto/NBD, on float64.
 *
 * Both start from the negative binomial of a Poisson process of rate λ ~ Gamma(r, α) observed
 * over τ:
 * ```text
 * NB(n; τ) = Γ(r+n) / (Γ(r) n!) · (α/(α+τ))^r · (τ/(α+τ))^n
 * ```
 */
import { lnGamma, lnGammaRatio } from "../../_lib/special.js";
import { logRegularizedBeta } from "../_math/incompleteBeta.js";
import { logAddExp } from "../_math/logSpace.js";
import { logIntegralUnimodal } from "../_math/quadrature.js";

/**
 * P(X(t) = n) of a model given by its four parameters: at t = 0 certainly no purchase, else
 * `model` with the parameters unpacked.
 */
function probabilityOfPurchases(
  p: ArrayLike<number>,
  n: number,
  t: number,
  model: (r: number, alpha: number, c: number, d: number, n: number, t: number) => number,
): number {
  if (t === 0) return n === 0 ? 1 : 0;
  return model(p[0] as number, p[1] as number, p[2] as number, p[3] as number, n, t);
}

/** ln NB(n; τ) for τ > 0. */
function logNegativeBinomial(r: number, alpha: number, n: number, tau: number): number {
  const logOdds = Math.log1p(tau / alpha);
  const lnShare = n === 0 ? 0 : n * (Math.log(tau) - Math.log(alpha) - logOdds);
  return lnGammaRatio(r, n) - lnGamma(n + 1) - r * logOdds + lnShare;
}

/**
 * BG/NBD (Fader, Hardie & Lee 2005, eq. 8):
 * ```text
 * P(X(t) = n) = B(a, b+n)/B(a, b) · NB(n; t)
 *             + 1{n>0} · B(a+1, b+n−1)/B(a, b) · P(NB(t) ≥ n)
 * ```
 * the first term the customers alive after their n-th purchase, the second those who dropped
 * out right after it; the tail P(NB(t) ≥ n) = I_q(n, r), q = t/(α+t), as the regularized
 * incomplete beta function (no 1 − Σ that would cancel).
 */
export function bgnbdProbabilityOfPurchases(p: ArrayLike<number>, n: number, t: number): number {
  return probabilityOfPurchases(p, n, t, bgnbdProbability);
}

/** {@link bgnbdProbabilityOfPurchases} for t > 0 at [r, alpha, a, b]. */
function bgnbdProbability(
  r: number,
  alpha: number,
  a: number,
  b: number,
  n: number,
  t: number,
): number {
  const lnBetaShare = (shift: number): number =>
    // ln B(a, b + shift) − ln B(a, b), by Γ ratios that keep their digits for large arguments.
    shift === 0 ? 0 : lnGammaRatio(b, shift) - lnGammaRatio(a + b, shift);
  const alive = lnBetaShare(n) + logNegativeBinomial(r, alpha, n, t);
  if (n === 0) return Math.exp(alive);
  // B(a+1, b+n−1)/B(a, b) = a/(a+b+n−1) · B(a, b+n−1)/B(a, b).
  const q = t / (alpha + t);
  const dropped =
    Math.log(a) -
    Math.log(a + b + n - 1) +
    lnBetaShare(n - 1) +
    (q < 1 ? logRegularizedBeta(q, n, r, alpha / (alpha + t)) : 0);
  return Math.min(1, Math.exp(logAddExp(alive, dropped)));
}

/**
 * Pareto/NBD, from the time of death τ ~ Exponential(μ), μ ~ Gamma(s, β):
 * ```text
 * P(X(t) = n) = NB(n; t) · (β/(β+t))^s + ∫_0^t NB(n; τ) · s/β · (β/(β+τ))^(s+1) dτ
 * ```
 * (alive through t, or dead at τ after n purchases in (0, τ]); equal to the closed form with
 * ₂F₁ of Fader & Hardie's note 012, and free of its subtraction. The integral is taken over
 * w = ln(1 + τ/c), c = min(α, β), where the integrand has one peak (found by bisection on its
 * slope), by adaptive Gauss–Kronrod quadrature in logs.
 */
export function paretoProbabilityOfPurchases(p: ArrayLike<number>, n: number, t: number): number {
  return probabilityOfPurchases(p, n, t, paretoProbability);
}

/** {@link paretoProbabilityOfPurchases} for t > 0 at [r, alpha, s, beta]. */
function paretoProbability(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  n: number,
  t: number,
): number {
  const alive = logNegativeBinomial(r, alpha, n, t) - s * Math.log1p(t / beta);
  const c = Math.min(alpha, beta);
  const W = Math.log1p(t / c);
  const lnRate = Math.log(s) - Math.log(beta);
  const lnC = Math.log(c);
  const logIntegrand = (w: number): number => {
    const tau = c * Math.expm1(w);
    if (!(tau > 0)) return n === 0 ? lnRate + lnC : Number.NEGATIVE_INFINITY;
    return (
      logNegativeBinomial(r, alpha, n, tau) + lnRate - (s + 1) * Math.log1p(tau / beta) + lnC + w
    );
  };
  // d/dw = (c+τ)·[n/τ − (r+n)/(α+τ) − (s+1)/(β+τ)] + 1: positive near 0 when n > 0, −(r+s) in
  // the limit; one change of sign.
  const slope = (w: number): number => {
    const tau = c * Math.expm1(w);
    const inner = (n === 0 ? 0 : n / tau) - (r + n) / (alpha + tau) - (s + 1) / (beta + tau);
    return (c + tau) * inner + 1;
  };
  let left = 0;
  let right = W;
  if (n === 0 && slope(0) <= 0) right = 0;
  else if (slope(W) >= 0) left = W;
  else {
    for (let k = 0; k < 80; k++) {
      const mid = 0.5 * (left + right);
      if (slope(mid) > 0) left = mid;
      else right = mid;
    }
  }
  const peak = 0.5 * (left + right);
  // Where even the peak underflows to −∞ (n far beyond anything reachable) nothing is dead.
  const dead = Number.isFinite(logIntegrand(peak))
    ? logIntegralUnimodal(logIntegrand, peak, 0, W)
    : Number.NEGATIVE_INFINITY;
  return Math.min(1, Math.exp(logAddExp(alive, dead)));
}
