/**
 * The drop-out integral of the Pareto/NBD likelihood on float64, ∫ over the time since the last
 * purchase, summed by Gauss–Legendre panels walked outwards from the integrand's peak.
 */
import { GL10_NODES, GL10_WEIGHTS, GL20_NODES, GL20_WEIGHTS } from "../_math/quadrature.js";

/**
 * ln(1 + t/h) for t ≥ 0, h > 0, also where t/h overflows (t near 1.8e308, h below 1).
 */
export function log1pRatio(t: number, h: number): number {
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
