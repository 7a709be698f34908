/**
 * Exact (Clopper–Pearson) bounds for a binomial proportion, through the regularised
 * incomplete beta function I_x(a, b) and its inverse. Float64 throughout.
 */
import { lnBeta } from "../_lib/special.js";

const EPS = 1e-16;
const TINY = 1e-300;

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

/** Regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The x in (0, 1) with I_x(a, b) = target, for a small lower-tail target in (0, 0.5]:
 * Newton steps on the beta density, kept inside a shrinking bracket (bisection otherwise).
 */
export function betaLowerQuantile(target: number, a: number, b: number): number {
  const logB = lnBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let iteration = 0; iteration < 2000; iteration++) {
    const f = regularizedBeta(x, a, b) - target;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
    let next = x - f / density;
    if (!(next > lo && next < hi)) {
      // Bisect; geometrically when the bracket spans orders of magnitude near 0.
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
 * Clopper–Pearson bounds for `successes` out of `trials` at tail probability `tail` on each
 * side (`(1 − confidence) / 2`).
 */
export function clopperPearson(
  successes: number,
  trials: number,
  tail: number,
): { lower: number; upper: number } {
  const x = successes;
  const n = trials;
  // x = 0 or x = n have closed forms: (1 - p)^n = tail, p^n = tail.
  const lower =
    x === 0 ? 0 : x === n ? Math.exp(Math.log(tail) / n) : betaLowerQuantile(tail, x, n - x + 1);
  const upper =
    x === n
      ? 1
      : x === 0
        ? -Math.expm1(Math.log(tail) / n)
        : 1 - betaLowerQuantile(tail, n - x, x + 1);
  return { lower, upper };
}
