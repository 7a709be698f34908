/**
 * P(X(t) = n), n = 0 … m − 1, for a customer just acquired: the distribution of the number of
 * repeat purchases in (0, t] under the BG/NBD, the MBG/NBD and the Pareto/NBD, on float64.
 *
 * With NB_j(t) = Γ(r+j)/(Γ(r) j!) · (α/(α+t))^r · (t/(α+t))^j, the negative binomial
 * distribution of purchases of a customer who stays alive, and tail_n = 1 − Σ_{j<n} NB_j:
 * ```text
 * BG/NBD   P(n) = B(a, b+n)/B(a, b) · NB_n + 1{n>0} · B(a+1, b+n−1)/B(a, b) · tail_n
 * MBG/NBD  P(n) = B(a, b+n+1)/B(a, b) · NB_n + B(a+1, b+n)/B(a, b) · tail_n
 * Pareto   P(n) = (β/(β+t))^s · NB_n(t) + ∫_0^t s β^s (β+τ)^−(s+1) · NB_n(τ) dτ
 * ```
 * (Fader, Hardie & Lee 2005, eq. 8; lifetimes' `ModifiedBetaGeoFitter`; for the Pareto/NBD,
 * death at τ ~ Exp(μ), μ ~ Gamma(s, β), integrated over λ in closed form). The Pareto/NBD
 * integral is taken over u = 1 − (β/(β+τ))^s, the probability of having died by τ, on which
 * the integrand NB_n(τ(u)) is bounded by 1, by adaptive Gauss–Kronrod quadrature (bounded work).
 * Every value is clamped to [0, 1].
 */
import { lnBetaRatio } from "../../../_lib/special.js";
import { integrate } from "../../_math/quadrature.js";
import type { CheckedKind } from "./_model.js";

/** ln NB_j(t) for j = 0 … m − 1 into `out`. */
function logNegativeBinomial(r: number, alpha: number, t: number, m: number, out: Float64Array) {
  // ln(α/(α+t)) and ln(t/(α+t)), each without cancellation.
  const lnStay = -Math.log1p(t / alpha);
  const lnStep = t === 0 ? Number.NEGATIVE_INFINITY : -Math.log1p(alpha / t);
  let lnCoefficient = 0; // ln Γ(r+j)/(Γ(r) j!)
  for (let j = 0; j < m; j++) {
    if (j > 0) lnCoefficient += Math.log((r + j - 1) / j);
    out[j] = j === 0 ? r * lnStay : lnCoefficient + r * lnStay + j * lnStep;
  }
}

function clamp(v: number): number {
  return v > 1 ? 1 : v > 0 ? v : 0;
}

/** P(X(t) = n) for n = 0 … m − 1 into `out` (length ≥ m). */
export function countProbabilities(
  kind: CheckedKind,
  p: ArrayLike<number>,
  t: number,
  m: number,
  out: Float64Array,
): void {
  const r = p[0] as number;
  const alpha = p[1] as number;
  if (kind === "Pareto/NBD") {
    paretoCounts(r, alpha, p[2] as number, p[3] as number, t, m, out);
    return;
  }
  const a = p[2] as number;
  const b = p[3] as number;
  const nb = new Float64Array(m);
  logNegativeBinomial(r, alpha, t, m, nb);
  const modified = kind === "MBG/NBD";
  let cdf = 0;
  for (let n = 0; n < m; n++) {
    const lnNb = nb[n] as number;
    const tail = Math.max(0, 1 - cdf);
    let v: number;
    if (modified) {
      v =
        Math.exp(lnBetaRatio(a, b, n + 1) + lnNb) +
        (a / (a + b + n)) * Math.exp(lnBetaRatio(a, b, n)) * tail;
    } else {
      v = Math.exp(lnBetaRatio(a, b, n) + lnNb);
      if (n > 0) v += (a / (a + b + n - 1)) * Math.exp(lnBetaRatio(a, b, n - 1)) * tail;
    }
    out[n] = clamp(v);
    cdf += Math.exp(lnNb);
  }
}

function paretoCounts(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  t: number,
  m: number,
  out: Float64Array,
): void {
  const nb = new Float64Array(m);
  logNegativeBinomial(r, alpha, t, m, nb);
  // Alive at t: (β/(β+t))^s; died by t: u_t = 1 − that.
  const lnSurvive = -s * Math.log1p(t / beta);
  const died = -Math.expm1(lnSurvive);
  // ln Γ(r+n)/(Γ(r) n!) for every n.
  const lnCoefficient = new Float64Array(m);
  for (let n = 1; n < m; n++) {
    lnCoefficient[n] = (lnCoefficient[n - 1] as number) + Math.log((r + n - 1) / n);
  }
  // τ(u) = β ((1 − u)^(−1/s) − 1), written with expm1/log1p for u and 1/s near 0.
  const tau = (u: number): number => beta * Math.expm1(-Math.log1p(-u) / s);
  for (let n = 0; n < m; n++) {
    let v = Math.exp(lnSurvive + (nb[n] as number));
    if (died > 0) {
      const c = lnCoefficient[n] as number;
      v += integrate(
        (u) => {
          const time = Math.min(tau(u), t);
          if (time === 0) return n === 0 ? 1 : 0;
          return Math.exp(c - r * Math.log1p(time / alpha) - n * Math.log1p(alpha / time));
        },
        0,
        died,
        [],
        1e-10,
        100,
      );
    }
    out[n] = clamp(v);
  }
}
