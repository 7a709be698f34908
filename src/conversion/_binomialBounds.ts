/**
 * Exact (Clopper–Pearson) bounds for a binomial proportion, through the regularised
 * incomplete beta function I_x(a, b) and its inverse. Float64 throughout. The prefactor
 * x^a (1 - x)^b / B(a, b) is computed with Loader's saddle-point form of the binomial
 * probability, which keeps its relative error near 1e-15 even for a and b near 1e15, where
 * the naive a ln x + b ln(1 - x) - ln B(a, b) loses most of its digits.
 */
import { clean, type Decimal, fromFloat, ONE } from "../_lib/decimal.js";
import { lnGamma } from "../_lib/special.js";

const EPS = 1e-16;
const TINY = 1e-300;
/** ln(2π). */
const LN_2PI = 1.8378770664093453;
const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)

/** log(n!) - log(sqrt(2 pi n) (n / e)^n), the error of Stirling's formula (Loader 2000). */
function stirlingError(n: number): number {
  if (n <= 15) return lnGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/**
 * The deviance term x log(x / m) + m - x, given diff = x - m computed by the caller without
 * cancellation; a series near x = m (Loader 2000).
 */
function deviance(x: number, m: number, diff: number): number {
  if (Math.abs(diff) < 0.1 * (x + m)) {
    let v = diff / (x + m);
    let s = diff * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    /* v8 ignore next */
    return s;
  }
  return x * Math.log(x / m) - diff;
}

/**
 * log of the binomial probability C(n, k) p^k (1 - p)^(n - k), for whole 0 <= k <= n and
 * 0 < p < 1. k - np is formed from whichever of p and 1 - p is exact, so tiny p keep their
 * relative precision.
 */
function logBinomialProbability(k: number, n: number, p: number): number {
  const q = 1 - p; // exact when p >= 0.5
  const np = n * p;
  const nq = n * q;
  if (k === 0) return n === 0 ? 0 : p < 0.1 ? -deviance(n, nq, np) - np : n * Math.log1p(-p);
  if (k === n) return q < 0.1 ? -deviance(n, np, nq) - nq : n * Math.log(p);
  const d = p <= 0.5 ? k - np : nq - (n - k); // k - np
  const lc =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    deviance(k, np, d) -
    deviance(n - k, nq, -d);
  return lc - 0.5 * (LN_2PI + Math.log(k) + Math.log1p(-k / n));
}

/** log of x^(a-1) (1 - x)^(b-1) / B(a, b), the beta density, for whole a, b >= 1. */
function logBetaDensity(x: number, a: number, b: number): number {
  return Math.log(a + b - 1) + logBinomialProbability(a - 1, a + b - 2, x);
}

/** Continued fraction of the incomplete beta function (modified Lentz's method). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const maxIterations = 10_000 + 20 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * P(X <= k) for X ~ Binomial(n, p), summed from k downwards (the terms fall off
 * geometrically below the mean, so about 9 sqrt(k) terms suffice).
 */
function binomialLowerTail(k: number, n: number, p: number): number {
  const ratio = (1 - p) / p;
  let term = Math.exp(logBinomialProbability(k, n, p));
  let sum = 0;
  for (let j = k; j >= 0; j--) {
    sum += term;
    if (term <= sum * 1e-17) break;
    term *= (j / (n - j + 1)) * ratio;
  }
  return sum;
}

/** Successes up to which upper tails near tiny rates are summed term by term. */
const SUM_LIMIT = 1e8;

/**
 * The lower tail I_x(a, b) (`upper` false) or the upper tail 1 − I_x(a, b) (`upper` true) of
 * the beta distribution, for whole a, b >= 1. The continued fraction is evaluated on the side
 * of the mean where it is stable. One case avoids it: an upper tail above the mean for
 * x <= 0.5 would need the fraction at a rounded 1 − x, which moves a tiny x by up to 1e-16
 * and wrecks bounds of order 1e-10; there the tail is summed as the binomial probability
 * P(Bin(a + b − 1, x) <= a − 1), which equals it.
 */
function betaTail(x: number, a: number, b: number, upper: boolean): number {
  if (x <= 0) return upper ? 1 : 0;
  if (x >= 1) return upper ? 0 : 1;
  const front = Math.exp(logBetaDensity(x, a, b) + Math.log(x) + Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return upper ? 1 - lower : lower;
  }
  if (upper && x <= 0.5 && a - 1 <= SUM_LIMIT) return binomialLowerTail(a - 1, a + b - 1, x);
  const tail = (front * betaContinuedFraction(1 - x, b, a)) / b;
  return upper ? tail : 1 - tail;
}

/**
 * The x in (0, 1) whose lower (or, with `upper`, upper) beta tail equals a small target in
 * (0, 0.5]: Newton steps on the beta density, kept inside a shrinking bracket (bisection
 * otherwise, geometric when the bracket spans orders of magnitude near 0).
 */
function betaTailQuantile(target: number, a: number, b: number, upper: boolean): number {
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let iteration = 0; iteration < 2000; iteration++) {
    const g = betaTail(x, a, b, upper) - target;
    if (g === 0) return x;
    // The lower tail rises with x, the upper tail falls.
    if (g < 0 !== upper) lo = x;
    else hi = x;
    const slope = Math.exp(logBetaDensity(x, a, b)) * (upper ? -1 : 1);
    let next = x - g / slope;
    if (!(next > lo && next < hi)) {
      next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : lo === 0 ? hi / 4 : (lo + hi) / 2;
      if (lo === 0 && hi < 1e-300) return hi;
    }
    if (Math.abs(next - x) <= 4 * Number.EPSILON * x || hi - lo <= 2 * Number.EPSILON * hi) {
      return next;
    }
    x = next;
  }
  /* v8 ignore next */
  return x;
}

/**
 * The Clopper–Pearson bounds for x successes in n trials with `tail` = (1 − confidence)/2
 * on each side, for x <= n / 2 (mirror larger x): the lower bound solves
 * P(X >= x) = tail, i.e. I_p(x, n − x + 1) = tail; the upper bound solves P(X <= x) = tail,
 * i.e. 1 − I_p(x + 1, n − x) = tail. Both are solved for p directly, so small bounds keep
 * their relative precision. x = 0 has the closed form 1 − tail^(1/n) for the upper bound.
 */
function smallSideBounds(x: number, n: number, tail: number): { lower: number; upper: number } {
  const lower = x === 0 ? 0 : betaTailQuantile(tail, x, n - x + 1, false);
  const upper =
    x === 0 ? -Math.expm1(Math.log(tail) / n) : betaTailQuantile(tail, x + 1, n - x, true);
  return { lower, upper };
}

/**
 * Clopper–Pearson bounds for `successes` out of `trials` (whole numbers up to 2^53 − 1) at
 * tail probability `tail` on each side. Bounds near 1 are returned as 1 − (a small float),
 * subtracted in decimal, so they too keep their precision.
 */
export function clopperPearson(
  successes: number,
  trials: number,
  tail: number,
): { lower: Decimal; upper: Decimal } {
  if (2 * successes <= trials) {
    const b = smallSideBounds(successes, trials, tail);
    return { lower: fromFloat(b.lower), upper: fromFloat(b.upper) };
  }
  const mirror = smallSideBounds(trials - successes, trials, tail);
  return { lower: clean(ONE.minus(mirror.upper)), upper: clean(ONE.minus(mirror.lower)) };
}
