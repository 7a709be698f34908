/**
 * Pareto/NBD on float64 (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005, "A Note
 * on Deriving the Pareto/NBD Model and Related Expressions"): log-likelihood in the log
 * domain, from the closed form (A₀ by ₂F₁) at moderate parameters and from the integral over
 * the time of death elsewhere, and closed-form predictions. Parameters are [r, alpha, s, beta].
 */
import { hyp2f1, lnGamma, lnGammaRatio } from "../../_lib/special.js";
import { digammaDifference } from "../_math/digamma.js";
import { logAddExp, softplus } from "../_math/logSpace.js";
import {
  GL10_NODES,
  GL10_WEIGHTS,
  GL20_NODES,
  GL20_WEIGHTS,
  logIntegralUnimodal,
} from "../_math/quadrature.js";
import { type GroupedRows, logShiftedTimes, smallFrequencyTerms } from "./_bgnbdMath.js";
import type { HistoryPrediction, LogLikelihoodGradient } from "./_modelMath.js";

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

/**
 * ln(1 + t/h) for t ≥ 0, h > 0, also where t/h overflows (t near 1.8e308, h below 1).
 */
function log1pRatio(t: number, h: number): number {
  const q = t / h;
  return q < 1e300 ? Math.log1p(q) : Math.log(t) - Math.log(h);
}

/**
 * The integrand of the current {@link logDropoutIntegral} call, in w: its exponents P and Q,
 * ρ and ln ρ, σ = ln((1 − ρ)/ρ) and the reach of ψ's bend around σ. Plain numbers shared by
 * the helpers below, so that a call allocates nothing.
 */
let dropP = 0;
let dropQ = 0;
let dropRho = 1;
let dropLnRho = 0;
let dropSigma = -Infinity; // a literal, which bundlers drop when unused
let dropReach = 0;

/** ψ(w) = (1 − P) w − Q ln(1 − ρ + ρ e^w), without cancellation near 0 or overflow. */
function dropPsi(w: number): number {
  let mix: number;
  if (w < 1) mix = Math.log1p(dropRho * Math.expm1(w));
  else {
    const z = w + dropLnRho;
    mix =
      z > 0
        ? z + Math.log1p((1 - dropRho) * Math.exp(-z))
        : Math.log1p(Math.exp(z) * -Math.expm1(-w));
  }
  return (1 - dropP) * w - dropQ * mix;
}

/** ψ'(w) = 1 − P − Q v, v = ρ e^w / (1 − ρ + ρ e^w). */
function dropSlope(w: number): number {
  const z = w + dropLnRho;
  const v =
    z > 0 ? 1 / (1 + (1 - dropRho) * Math.exp(-z)) : Math.exp(z) / (Math.exp(z) + 1 - dropRho);
  return 1 - dropP - dropQ * v;
}

/**
 * The widest panel from w in direction `dir`. ψ(w) = (1 − P) w − Q·softplus(w − σ) + const is
 * linear but for a bend of scale 1 around σ, where softplus has its singularities (σ ± iπ), of
 * size Q e^(−|w − σ|) away from it. Panels are at most 4 wide (20-point Gauss–Legendre then
 * resolves the bend and the singularities at distance π to about 1e-16) except where the bend
 * is below e^−40: there ψ is linear to rounding, and a panel may reach any width walking away
 * from σ, or up to where the bend begins walking towards it.
 */
function dropWidest(w: number, dir: number): number {
  const distance = Math.abs(w - dropSigma) - dropReach;
  if (distance <= 0) return 4;
  return w > dropSigma === dir > 0 ? Number.POSITIVE_INFINITY : Math.max(4, distance);
}

/** Most ψ falls over one panel. */
const PANEL_DROP = 20;
/** Most ψ departs over one panel from its tangent at the panel's near end. */
const PANEL_BEND = 5;
/** Where the integrand has fallen this far below its peak, the rest is left out (e^−45). */
const CUTOFF = 45;
/** Most panels on each side of the peak. */
const MAX_PANELS = 400;

/**
 * The width of the next panel from `w` (where ψ = `level`) in direction `dir` (±1), at most
 * `room`. With φ(h) = ψ(w + dir·h), drop(h) = φ(0) − φ(h) and bend(h) = drop(h) + φ'(0)·h are
 * convex and increasing in h, so Newton's method from a too-wide panel lands between the
 * root and the current width: it shrinks the panel without overshooting. At most 60 steps.
 */
function panelWidth(w: number, level: number, dir: number, room: number): number {
  const start = dir * dropSlope(w);
  let h = Math.min(room, dropWidest(w, dir));
  for (let k = 0; k < 60; k++) {
    const at = w + dir * h;
    const drop = level - dropPsi(at);
    const bend = drop + start * h;
    if (drop <= PANEL_DROP && bend <= PANEL_BEND) {
      panelDrop = Math.abs(drop);
      panelBend = bend;
      return h;
    }
    const end = dir * dropSlope(at);
    // Newton towards 90 % of whichever bound is exceeded more.
    const next =
      drop / PANEL_DROP >= bend / PANEL_BEND
        ? h - (drop - 0.9 * PANEL_DROP) / Math.max(-end, 1e-300)
        : h - (bend - 0.9 * PANEL_BEND) / Math.max(start - end, 1e-300);
    h = next > 0 && next < h ? next : 0.5 * h;
  }
  panelDrop = PANEL_DROP;
  panelBend = PANEL_BEND;
  return h;
}

/** The drop and bend of the last {@link panelWidth} call's panel. */
let panelDrop = 0;
let panelBend = 0;

/**
 * ∫ e^(ψ − top) over [lo, hi] by Gauss–Legendre: 10 points on a gentle panel (ψ falls by at
 * most 5 and bends by at most 1, over a width of at most 2: the error is then below 3e-16 for
 * an exponential and the bend, and ψ's singularities at distance π are far enough), 20 points
 * otherwise.
 */
function panelIntegral(lo: number, hi: number, top: number): number {
  const center = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  const gentle = panelDrop <= 5 && panelBend <= 1 && half <= 1;
  const nodes = gentle ? GL10_NODES : GL20_NODES;
  const weights = gentle ? GL10_WEIGHTS : GL20_WEIGHTS;
  let sum = 0;
  for (let k = 0; k < nodes.length; k++) {
    const dx = half * (nodes[k] as number);
    sum +=
      (weights[k] as number) *
      (Math.exp(dropPsi(center - dx) - top) + Math.exp(dropPsi(center + dx) - top));
  }
  return sum * half;
}

/**
 * ln J with J = ∫_0^D (1 + u/a)^(−A) (1 + u/b)^(−B) du, for a, b, A, B, D > 0: the drop-out
 * integral of the Pareto/NBD likelihood, u the time since the last purchase.
 *
 * @remarks
 * With c = min(a, b), P the exponent of that factor, Q the other's and ρ = c / max(a, b) ≤ 1,
 * the substitution u = c (e^w − 1) gives
 * ```text
 * J = c ∫_0^W e^ψ(w) dw,  ψ(w) = (1 − P) w − Q ln(1 − ρ + ρ e^w),  W = ln(1 + D/c)
 * ψ'(w) = 1 − P − Q v,  v = ρ e^w / (1 − ρ + ρ e^w) ∈ [ρ, 1),  ψ'' = −Q v (1 − v) ≤ 0
 * ```
 * so the integrand is log-concave in w, with its peak where v = (1 − P)/Q (in closed form), and
 * a power-law tail in u becomes an exponential one in w. The integral is summed by 20-point
 * Gauss–Legendre panels walked outwards from the peak: on each, ψ falls by at most 20 and
 * departs by at most 5 from its tangent at the near end (an exponential times a factor between
 * e^−5 and 1, integrated to about 1e-15 relative; for a pure exponential the error is
 * Δ^41 (20!)^4 / (41 (40!)^3), about 1e-19 at Δ = 20), and panels are narrow where ψ bends
 * (see {@link dropWidest}). The walk stops where the integrand is e^−45 below its peak or at
 * the ends, after at most 400 panels a side, so the work is bounded whatever the parameters;
 * on the data of a fit a call typically takes one panel. The integral is scaled by its peak,
 * so nothing overflows.
 */
export function logDropoutIntegral(A: number, a: number, B: number, b: number, D: number): number {
  const aSmaller = a <= b;
  const c = aSmaller ? a : b;
  dropP = aSmaller ? A : B;
  dropQ = aSmaller ? B : A;
  dropRho = aSmaller ? a / b : b / a;
  dropLnRho = Math.log(dropRho);
  dropSigma = dropRho < 1 ? Math.log1p(-dropRho) - dropLnRho : Number.NEGATIVE_INFINITY;
  dropReach = Math.log(dropQ) + 40;
  const W = log1pRatio(D, c);
  let peak = 0;
  if (1 - dropP - dropQ * dropRho > 0) {
    // ψ rises at 0: the peak is where v = (1 − P)/Q, or at W if ψ rises throughout.
    const v = (1 - dropP) / dropQ;
    peak = v >= 1 ? W : Math.min(W, Math.log(v / (1 - v)) + dropSigma);
  }
  const top = dropPsi(peak);
  let total = 0;
  for (let dir = 1; dir >= -1; dir -= 2) {
    let w = peak;
    let level = top;
    for (let k = 0; k < MAX_PANELS; k++) {
      const room = dir > 0 ? W - w : w;
      if (!(room > 0)) break;
      const next = w + dir * panelWidth(w, level, dir, room);
      if (next === w) break;
      total += dir > 0 ? panelIntegral(w, next, top) : panelIntegral(next, w, top);
      w = next;
      level = dropPsi(w);
      if (level - top < -CUTOFF) break;
    }
  }
  return Math.log(c) + top + Math.log(total);
}

/** The Pareto/NBD log-likelihood of the rows at [r, alpha, s, beta]. */
export function paretoLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  return closedFormApplies(
    (p[0] as number) + d.maxX,
    p[1] as number,
    p[2] as number,
    p[3] as number,
  )
    ? closedFormLogLikelihood(p, d)
    : integralLogLikelihood(p, d);
}

/**
 * Whether the closed form (A₀ from ₂F₁) keeps its digits and its speed: the logarithms it
 * subtracts are of size (r + s + x)·ln(max(α, β) + T), and its series slow down when α and β
 * are many orders apart. Elsewhere (the boundary fits of small data sets, where r and α or s
 * and β run large together) the integral form is used.
 */
function closedFormApplies(rx: number, alpha: number, s: number, beta: number): boolean {
  const ratio = alpha >= beta ? alpha / beta : beta / alpha;
  return rx + s <= CLOSED_FORM_SHAPES && ratio <= CLOSED_FORM_RATIO;
}

/** Largest r + s + x for the closed-form likelihood. */
const CLOSED_FORM_SHAPES = 200;
/** Largest max(α, β)/min(α, β) for the closed-form likelihood. */
const CLOSED_FORM_RATIO = 10;

/**
 * The log-likelihood in the integral form, each factor relative to its value at 0 so that
 * nothing cancels when parameters are huge:
 * ```text
 * ln L = ln Γ(r+x) − ln Γ(r) − x ln α + ln[ (1 + T/α)^−(r+x) (1 + T/β)^−s
 *        + s/(β+t_x) · (1 + t_x/α)^−(r+x) (1 + t_x/β)^−s · J ]
 * J = ∫_0^(T−t_x) (1 + u/(α+t_x))^−(r+x) (1 + u/(β+t_x))^−(s+1) du
 * ```
 * (Fader & Hardie 2005, eq. (A2) before the integral over the time of death is evaluated.)
 */
export function integralLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const lnAlpha = Math.log(alpha);
  const lnS = Math.log(s);
  const gammaTerms = smallFrequencyTerms(d, r, 0, 0);
  const nx = d.xs.length;
  const constant = new Float64Array(nx);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    // Σ_{k<x} ln((r + k)/α) by the recurrence, or ln Γ(r+x)/Γ(r) − x ln α.
    constant[g] =
      x === 0
        ? 0
        : gammaTerms === undefined
          ? lnGammaRatio(r, x) - x * lnAlpha
          : (gammaTerms[x] as number) - x * lnAlpha;
  }
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    const tx = d.tx[i] as number;
    const T = d.T[i] as number;
    const rx = r + x;
    const first = -rx * log1pRatio(T, alpha) - s * log1pRatio(T, beta);
    let second = Number.NEGATIVE_INFINITY;
    if (T > tx) {
      second =
        lnS -
        Math.log(beta + tx) -
        rx * log1pRatio(tx, alpha) -
        s * log1pRatio(tx, beta) +
        logDropoutIntegral(rx, alpha + tx, s + 1, beta + tx, T - tx);
    }
    total +=
      (d.w[i] as number) * ((constant[d.group[i] as number] as number) + logAddExp(first, second));
  }
  return total;
}

/** What the closed form needs per distinct frequency and per distinct time, at [r, alpha, s, beta]. */
interface ClosedFormTerms {
  /** ln Γ(r+x) − ln Γ(r) + r ln α + s ln β per distinct frequency. */
  constant: Float64Array;
  /** ln(s/(r+s+x)) per distinct frequency. */
  lnShare: Float64Array;
  /** ln(α + t) per distinct time (in `d.scratch`). */
  lnAlpha: Float64Array;
  /** ln(β + t) per distinct time (in `d.scratch2`). */
  lnBeta: Float64Array;
}

/**
 * The closed form's terms at [r, alpha, s, beta]: per distinct frequency x, ln Γ(r+x) − ln Γ(r)
 * + r ln α + s ln β (the Γ ratio by the recurrence when x is small) and ln(s/(r+s+x)); per
 * distinct time t, ln(α + t) and ln(β + t).
 */
function closedFormTerms(p: ArrayLike<number>, d: GroupedRows): ClosedFormTerms {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const lnS = Math.log(s);
  const gammaTerms = smallFrequencyTerms(d, r, 0, 0);
  const lnGammaR = gammaTerms === undefined ? lnGamma(r) : 0;
  const base = r * Math.log(alpha) + s * Math.log(beta);
  const nx = d.xs.length;
  const constant = new Float64Array(nx);
  const lnShare = new Float64Array(nx);
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
  return {
    constant,
    lnShare,
    lnAlpha: logShiftedTimes(d, alpha, d.scratch),
    lnBeta: logShiftedTimes(d, beta, d.scratch2),
  };
}

/** The closed-form log-likelihood (A₀ from ₂F₁). */
export function closedFormLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const { constant, lnShare, lnAlpha, lnBeta } = closedFormTerms(p, d);
  const lnHigh = alpha >= beta ? lnAlpha : lnBeta;
  const { x: xArr, tx: txArr, T: TArr, w: wArr, group: groupArr, TIndex, txIndex } = d;
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

/** Most terms of the Euler series in the gradient (the ratio of terms is at most 0.9). */
const MAX_SERIES_TERMS = 1000;

/**
 * Coefficients of Euler's series of ₂F₁(A, B; A + 1; z) = (1 − z)^(1−B) Σ c_k z^k and of its
 * derivatives, for one frequency: c_k = Π_{j<k} (A+1−B+j)/(A+1+j), D_k = ∂ln c_k/∂A and
 * E_k = −∂ln c_k/∂B, up to the term where c_k z_max^k (k + 1) falls below 1e-17.
 */
interface SeriesCoefficients {
  c: Float64Array;
  d: Float64Array;
  e: Float64Array;
  length: number;
}

function seriesCoefficients(A: number, B: number, zMax: number): SeriesCoefficients {
  const c = new Float64Array(MAX_SERIES_TERMS + 1);
  const d = new Float64Array(MAX_SERIES_TERMS + 1);
  const e = new Float64Array(MAX_SERIES_TERMS + 1);
  c[0] = 1;
  let coefficient = 1;
  let sumD = 0;
  let sumE = 0;
  let power = 1;
  let k = 0;
  while (k < MAX_SERIES_TERMS) {
    const up = 1 / (A + 1 - B + k);
    const down = 1 / (A + 1 + k);
    coefficient *= (A + 1 - B + k) * down;
    sumD += up - down;
    sumE += up;
    power *= zMax;
    k++;
    c[k] = coefficient;
    d[k] = sumD;
    e[k] = sumE;
    if (coefficient * power * (k + 1) * (1 + sumD + sumE) <= 1e-17) break;
  }
  return { c, d, e, length: k + 1 };
}

/**
 * One Euler series S = Σ c_k z^k at z ≤ z_max and its derivatives, into `series` at `offset`:
 * [ln S, ∂ln S/∂A, ∂ln S/∂B, ∂ln S/∂z].
 */
function eulerSeries(k: SeriesCoefficients, z: number, series: Float64Array, offset: number): void {
  let power = 1;
  let sum = 1;
  let sumD = 0;
  let sumE = 0;
  let sumZ = 0;
  const c = k.c;
  const d = k.d;
  const e = k.e;
  for (let j = 1; j < k.length; j++) {
    // (j)·c_j·z^(j−1) before the power moves on.
    const cj = c[j] as number;
    sumZ += j * cj * power;
    power *= z;
    const term = cj * power;
    sum += term;
    sumD += term * (d[j] as number);
    sumE += term * (e[j] as number);
    if (term * (j + 1) * (1 + (d[j] as number) + (e[j] as number)) <= 1e-17 * sum) break;
  }
  series[offset] = Math.log(sum);
  series[offset + 1] = sumD / sum;
  series[offset + 2] = -sumE / sum;
  series[offset + 3] = sumZ / sum;
}

/** Scratch for {@link eulerSeries}: two series of four values. */
const seriesOut = /* @__PURE__ */ new Float64Array(8);

/**
 * The Pareto/NBD log-likelihood at [r, alpha, s, beta] and its gradient ∂LL/∂(r, α, s, β) into
 * `out`. In the closed form's range (see {@link paretoLogLikelihood}) analytically: with h, l
 * the larger and smaller of α and β, y ∈ {t_x, T}, A = r+s+x, B = s+1 (α ≥ β) or r+x (α < β),
 * z = (h−l)/(h+y) and u = 1 − z = (l+y)/(h+y),
 * ```text
 * ln F(y) = (1−B) ln u + ln S(A, B, z) − A ln(h+y),  S = Σ c_k z^k (Euler's series)
 * ln A₀   = ln(F(t_x) − F(T)),  d ln A₀ = (d ln F(t_x) − e^g d ln F(T)) / (1 − e^g),  g = ln F(T) − ln F(t_x)
 * ∂ln F/∂A = ∂ln S/∂A − ln(h+y)         ∂ln F/∂B = −ln u + ∂ln S/∂B
 * ∂ln F/∂h = −(1−B)/(h+y) + ∂ln S/∂z · (l+y)/(h+y)² − A/(h+y)
 * ∂ln F/∂l = (1−B)/(l+y) − ∂ln S/∂z / (h+y)
 * ```
 * where ∂ln S/∂A, ∂ln S/∂B and ∂ln S/∂z are summed with S from the derivatives of the
 * coefficients (Σ_{j<k} 1/(A+1−B+j) − 1/(A+1+j) and −Σ_{j<k} 1/(A+1−B+j) times c_k), computed
 * once per frequency. Outside that range (the integral form) by central differences of the
 * log-likelihood.
 */
export const paretoLogLikelihoodGradient: LogLikelihoodGradient<GroupedRows> = (p, d, out) => {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  if (!closedFormApplies(r + d.maxX, alpha, s, beta)) {
    return numericGradient(p, d, out);
  }
  const nx = d.xs.length;
  const alphaHigh = alpha >= beta;
  const high = alphaHigh ? alpha : beta;
  const low = alphaHigh ? beta : alpha;
  const diff = high - low;
  let minTime = Number.POSITIVE_INFINITY;
  for (let k = 0; k < d.times.length; k++) minTime = Math.min(minTime, d.times[k] as number);
  const zMax = diff / (high + minTime);
  const { constant, lnShare, lnAlpha, lnBeta } = closedFormTerms(p, d);
  const dR = new Float64Array(nx);
  const series: SeriesCoefficients[] = [];
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    dR[g] = digammaDifference(r, x);
    series.push(seriesCoefficients(r + s + x, alphaHigh ? s + 1 : r + x, zMax));
  }
  const lnHigh = alphaHigh ? lnAlpha : lnBeta;
  const lnLow = alphaHigh ? lnBeta : lnAlpha;
  const { x: xArr, tx: txArr, T: TArr, w: wArr, group: groupArr, TIndex, txIndex } = d;
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let gs = 0;
  let gBeta = 0;
  const n = xArr.length;
  for (let i = 0; i < n; i++) {
    const g = groupArr[i] as number;
    const x = xArr[i] as number;
    const w = wArr[i] as number;
    const iT = TIndex[i] as number;
    const T = TArr[i] as number;
    const rx = r + x;
    const first = -rx * (lnAlpha[iT] as number) - s * (lnBeta[iT] as number);
    const invAT = 1 / (alpha + T);
    const invBT = 1 / (beta + T);
    // ∂first/∂(r, α, s, β)
    const fr = -(lnAlpha[iT] as number);
    const fAlpha = -rx * invAT;
    const fs = -(lnBeta[iT] as number);
    const fBeta = -s * invBT;
    const tx = txArr[i] as number;
    let second = Number.NEGATIVE_INFINITY;
    let sr = 0;
    let sAlpha = 0;
    let ss = 0;
    let sBeta = 0;
    if (T > tx) {
      const itx = txIndex[i] as number;
      const A = r + s + x;
      const B = alphaHigh ? s + 1 : rx;
      const coefficients = series[g] as SeriesCoefficients;
      const hTx = high + tx;
      const hT = high + T;
      const lTx = low + tx;
      const lT = low + T;
      eulerSeries(coefficients, diff / hTx, seriesOut, 0);
      eulerSeries(coefficients, diff / hT, seriesOut, 4);
      const lnU1 = (lnLow[itx] as number) - (lnHigh[itx] as number);
      const lnU2 = (lnLow[iT] as number) - (lnHigh[iT] as number);
      const l1 = (1 - B) * lnU1 + (seriesOut[0] as number) - A * (lnHigh[itx] as number);
      const l2 = (1 - B) * lnU2 + (seriesOut[4] as number) - A * (lnHigh[iT] as number);
      const gap = l2 - l1;
      if (gap < 0) {
        second = (lnShare[g] as number) + l1 + Math.log1p(-Math.exp(gap));
        // d ln A₀ = q d l1 − (q − 1) d l2, q = 1/(1 − e^gap).
        const q = -1 / Math.expm1(gap);
        const q2 = q - 1;
        const sz1 = seriesOut[3] as number;
        const sz2 = seriesOut[7] as number;
        const dA =
          q * ((seriesOut[1] as number) - (lnHigh[itx] as number)) -
          q2 * ((seriesOut[5] as number) - (lnHigh[iT] as number));
        const dB = q * (-lnU1 + (seriesOut[2] as number)) - q2 * (-lnU2 + (seriesOut[6] as number));
        const dHigh =
          q * ((-(1 - B) - A) / hTx + (sz1 * lTx) / (hTx * hTx)) -
          q2 * ((-(1 - B) - A) / hT + (sz2 * lT) / (hT * hT));
        const dLow = q * ((1 - B) / lTx - sz1 / hTx) - q2 * ((1 - B) / lT - sz2 / hT);
        const invA = 1 / A;
        sr = -invA + dA + (alphaHigh ? 0 : dB);
        ss = 1 / s - invA + dA + (alphaHigh ? dB : 0);
        sAlpha = alphaHigh ? dHigh : dLow;
        sBeta = alphaHigh ? dLow : dHigh;
      }
    }
    // ln(e^first + e^second) and the shares of its two terms.
    let lse: number;
    let share: number;
    if (second === Number.NEGATIVE_INFINITY) {
      lse = first;
      share = 1;
    } else if (first > second) {
      const e = Math.exp(second - first);
      lse = first + Math.log1p(e);
      share = 1 / (1 + e);
    } else {
      const e = Math.exp(first - second);
      lse = second + Math.log1p(e);
      share = e / (1 + e);
    }
    const other = 1 - share;
    total += w * ((constant[g] as number) + lse);
    gr += w * (share * fr + other * sr);
    gAlpha += w * (share * fAlpha + other * sAlpha);
    gs += w * (share * fs + other * ss);
    gBeta += w * (share * fBeta + other * sBeta);
  }
  let weightSum = 0;
  const weights = d.weights;
  for (let g = 0; g < nx; g++) {
    const w = weights[g] as number;
    weightSum += w;
    gr += w * (dR[g] as number);
  }
  const lnAlphaValue = Math.log(alpha);
  const lnBetaValue = Math.log(beta);
  out[0] = gr + weightSum * lnAlphaValue;
  out[1] = gAlpha + (weightSum * r) / alpha;
  out[2] = gs + weightSum * lnBetaValue;
  out[3] = gBeta + (weightSum * s) / beta;
  return total;
};

/** The log-likelihood and its gradient by central differences (step 1e-6 relative). */
function numericGradient(p: ArrayLike<number>, d: GroupedRows, out: Float64Array): number {
  const q = Float64Array.from(p as ArrayLike<number>);
  for (let i = 0; i < q.length; i++) {
    const v = q[i] as number;
    const h = v + 1e-6 * v - v;
    q[i] = v + h;
    const up = paretoLogLikelihood(q, d);
    q[i] = v - h;
    const down = paretoLogLikelihood(q, d);
    q[i] = v;
    out[i] = (up - down) / (2 * h);
  }
  return paretoLogLikelihood(q, d);
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
