/**
 * The expectation behind every BG/NBD prediction, on float64, for any parameters:
 * ```text
 * G(A, a, B, s) = E[(1 − (1 + p s)^(−A)) / p],   p ~ Beta(a, B)
 *               = (a+B−1)/(a−1) · [1 − (1+s)^(−A) ₂F₁(A, B; a+B−1; s/(1+s))]
 * ```
 * E[X(t)] = G(r, a, b, t/α), and E[Y(t) | x, t_x, T] = P(alive) · G(r+x, a, b+x, t/(α+T)):
 * given that the customer is alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x), and a
 * customer of rates (λ, p) makes (1 − e^(−λpt))/p purchases in the next t on average.
 *
 * Three evaluations, each where it is accurate:
 * - a short horizon (s·max(A, 1) ≤ 0.1): the Taylor series in s, whose terms shrink by a
 *   factor 10 or more (no cancellation as t → 0);
 * - moderate parameters: the closed form with ₂F₁ in Euler's form (the one the published
 *   values were checked against);
 * - otherwise (a, b or the frequency beyond 10⁵, a near 1, or the closed form not finite or
 *   outside its bounds): the integral over the log-odds u = ln(p/(1−p)), in which both the
 *   integrand and the Beta density are unimodal, by adaptive Gauss–Kronrod quadrature with
 *   exponential tails in closed form. Its cost is bounded (a fixed number of bisections and
 *   at most 200 panels of 15 points).
 */
import { hyp2f1 } from "../../_lib/special.js";
import { logAddExp } from "../_math/logSpace.js";
import { logIntegralUnimodal } from "../_math/quadrature.js";

/** Parameters up to this use the closed form. */
const CLOSED_FORM_LIMIT = 1e5;
/** Bisection steps: the search intervals are at most ~1,600 wide, 2^−60 of that is below 1e−15. */
const BISECTIONS = 60;

/** ln G(A, a, B, s) for A, a, B > 0 and s ≥ 0 (−∞ at s = 0). */
export function logBetaExpectation(A: number, a: number, B: number, s: number): number {
  if (s === 0) return Number.NEGATIVE_INFINITY;
  if (s * Math.max(A, 1) <= 0.1) return logTaylor(A, a, B, s);
  const c = a + B - 1;
  if (
    a + B <= CLOSED_FORM_LIMIT &&
    A <= CLOSED_FORM_LIMIT &&
    Math.abs(a - 1) > 1e-3 &&
    c > 0 &&
    // A terminating series (c − A a non-positive integer) is left to the quadrature.
    !(c - A <= 0 && Math.abs(c - A - Math.round(c - A)) < 1e-6)
  ) {
    const v = closedForm(A, a, B, s);
    // G ≤ A s (the integrand is at most A s); anything else is a failure of ₂F₁.
    if (v > 0 && v <= A * s * (1 + 1e-9)) return Math.log(v);
  }
  return logQuadrature(A, a, B, s);
}

/**
 * Σ_{j≥1} (−1)^(j+1) (A)_j / j! · s^j · E[p^(j−1)], with E[p^k] = (a)_k / (a+B)_k. The ratio
 * of consecutive terms is at most s·(A+j)/(j+1) ≤ 0.1 in size, so 20 terms reach 1e−17.
 */
function logTaylor(A: number, a: number, B: number, s: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 1; j < 60; j++) {
    term *= -(((A + j) / (j + 1)) * s * (a + j - 1)) / (a + B + j - 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * sum) break;
  }
  return Math.log(A) + Math.log(s) + Math.log(sum);
}

/**
 * (a+B−1)/(a−1) · [1 − w^(a−1) ₂F₁(a+B−1−A, a−1; a+B−1; z)], z = s/(1+s), w = 1/(1+s): the
 * closed form after Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z),
 * which keeps both factors moderate for a frequent buyer over a long horizon.
 */
function closedForm(A: number, a: number, B: number, s: number): number {
  const c = a + B - 1;
  const w = 1 / (1 + s);
  const z = s / (1 + s);
  return (c / (a - 1)) * (1 - w ** (a - 1) * hyp2f1(c - A, a - 1, c, z));
}

/** ln(1 − (1 + y)^(−A)) from ln y, accurate for tiny and huge y and A. */
function logGrowth(A: number, lnY: number): number {
  // ln L for L = ln(1 + y): the first two terms of the series below y ≈ 2e−9.
  const y = Math.exp(lnY);
  const lnL = lnY < -20 ? lnY + Math.log1p(-y / 2) : Math.log(Math.log1p(y));
  const lnM = Math.log(A) + lnL;
  if (lnM < -20) return lnM + Math.log1p(-Math.exp(lnM) / 2);
  const m = Math.exp(lnM);
  return m > 745 ? 0 : Math.log(-Math.expm1(-m));
}

/** ln(1 + y) − y for y > −1, without cancellation for small y. */
function log1pMinusX(y: number): number {
  if (Math.abs(y) >= 0.5) return Math.log1p(y) - y;
  // ln(1 + y) = 2 atanh(t), t = y/(2 + y): ln(1 + y) − y = −y²/(2 + y) + 2 Σ_{k≥1} t^(2k+1)/(2k+1).
  const t = y / (2 + y);
  const t2 = t * t;
  let power = t;
  let sum = 0;
  for (let k = 1; k < 40; k++) {
    power *= t2;
    const term = power / (2 * k + 1);
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(sum)) break;
  }
  return (-y * y) / (2 + y) + 2 * sum;
}

/**
 * The integral of G over the log-odds, centred on the Beta density's peak: u = ln(a/B) + v.
 * With p* = a/(a+B), q* = B/(a+B) and κ = aB/(a+B), the density relative to its peak is
 * ```text
 * ln f(v) − ln f(0) = −4κ sinh²(v/2) − a·[ln(1+y₋) − y₋] − B·[ln(1+y₊) − y₊],
 * y₋ = q*(e^(−v) − 1),  y₊ = p*(e^v − 1)
 * ```
 * a form without the cancellation of a·ln p + B·ln(1 − p), which would cost every digit when
 * a and b are large (a boundary fit, κ up to 1e10).
 */
function logQuadrature(A: number, a: number, B: number, s: number): number {
  const lnS = Math.log(s);
  const lnA = Math.log(A);
  const total = a + B;
  const pStar = a / total;
  const qStar = B / total;
  const lnPStar = Math.log(a) - Math.log(total);
  const lnQStar = Math.log(B) - Math.log(total);
  const kappa = a * qStar;
  const peakU = lnPStar - lnQStar;
  // ln(p/p*) = −ln(p* + q* e^(−v)) and ln((1 − p)/q*) = −ln(q* + p* e^v): as log1p of the
  // small part, ln(1 + q*(e^(−v) − 1)), while that part cannot approach −1 (q* ≤ 1/2 or
  // v ≤ 0), else as a sum of logarithms (also where e^(±v) would overflow).
  const dP = (v: number): number =>
    v >= -700 && (v <= 0 || qStar <= 0.5)
      ? -Math.log1p(qStar * Math.expm1(-v))
      : -logAddExp(lnPStar, lnQStar - v);
  const dQ = (v: number): number =>
    v <= 700 && (v >= 0 || pStar <= 0.5)
      ? -Math.log1p(pStar * Math.expm1(v))
      : -logAddExp(lnQStar, lnPStar + v);
  const lnP = (v: number): number => lnPStar + dP(v);
  const logDensity = (v: number): number => {
    // Near the peak the two terms of a·ln(p/p*) + B·ln((1 − p)/q*) nearly cancel: there the
    // form with sinh, whose terms cancel by at most a factor of about 3 for |v| ≤ 1.
    if (Math.abs(v) > 1) return a * dP(v) + B * dQ(v);
    const sh = Math.sinh(v / 2);
    return (
      -4 * kappa * sh * sh -
      a * log1pMinusX(qStar * Math.expm1(-v)) -
      B * log1pMinusX(pStar * Math.expm1(v))
    );
  };
  // ln h, h = (1 − (1 + p s)^(−A)) / p.
  const logH = (v: number): number => {
    const lp = lnP(v);
    return logGrowth(A, lp + lnS) - lp;
  };
  const logIntegrand = (v: number): number => logDensity(v) + logH(v);

  // Beyond these ends both integrands are exponential in v to 1e−16: left of lo, p s A,
  // p (a + B) ≪ 1 (rate a, h = A s); right of hi, (1 − p)(a + B) ≪ 1 (rate B, h = h(1)).
  const lo = -Math.max(Math.log(total), lnA + lnS, 0) - 37 - peakU;
  const hi = Math.max(Math.log(total), 0) + 37 - peakU;

  // The integrand's peak, where its derivative (1 − p)(a − 1 + Q(ps)) − B p changes sign,
  // Q(y) = A y / ((1 + y)(e^(A ln(1+y)) − 1)); the density's is at v = 0.
  const slope = (v: number): number => {
    const p = Math.exp(lnP(v));
    const q = Math.exp(lnQStar + dQ(v));
    const y = p * s;
    const m = A * Math.log1p(y);
    let Q: number;
    if (m > 700) Q = 0;
    else if (m < 1e-8) Q = (A * y) / ((1 + y) * m * (1 + m / 2));
    else Q = (A * y) / ((1 + y) * Math.expm1(m));
    if (!Number.isFinite(Q)) Q = y < 1 ? 1 : 0;
    return q * (a - 1 + Q) - B * p;
  };
  let left = lo;
  let right = hi;
  for (let k = 0; k < BISECTIONS; k++) {
    const mid = 0.5 * (left + right);
    if (slope(mid) > 0) left = mid;
    else right = mid;
  }
  const integrandPeak = 0.5 * (left + right);

  // Beyond lo and hi the integrands are exponential, of rates a and B.
  const logIntegral = (logF: (v: number) => number, peak: number): number =>
    logIntegralUnimodal(
      logF,
      peak,
      lo,
      hi,
      (top) => Math.exp(logF(lo) - top) / a + Math.exp(logF(hi) - top) / B,
    );
  return logIntegral(logIntegrand, integrandPeak) - logIntegral(logDensity, 0);
}
