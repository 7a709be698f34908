/**
 * The regularized incomplete beta function on float64, for the tail of the negative binomial.
 *
 * Internal: used by the model predictions, not part of the public API.
 */
import { lnBeta } from "../../_lib/special.js";

/** Iterations of the continued fraction (it converges in O(√max(a, b)) steps). */
const MAX_TERMS = 100_000;

/**
 * ln I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1: by the continued fraction of Numerical Recipes
 * (modified Lentz) on the side where it converges fast, x < (a+1)/(a+b+2), and as
 * ln(1 − I_{1−x}(b, a)) on the other side (there I_x ≥ about ½, so nothing cancels). `y` is
 * 1 − x, passed by a caller that has it without cancellation (x = t/(α+t) near 1: y = α/(α+t)).
 *
 * @see Press et al. (2007), "Numerical Recipes", 3rd ed., §6.4; DLMF 8.17.22.
 */
export function logRegularizedBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return Number.NEGATIVE_INFINITY;
  if (x >= 1 || y <= 0) return 0;
  if (x < (a + 1) / (a + b + 2)) return logFraction(x, y, a, b);
  return Math.log1p(-Math.exp(logFraction(y, x, b, a)));
}

/** ln [x^a y^b / (a B(a, b)) · CF], y = 1 − x given without cancellation. */
function logFraction(x: number, y: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return a * Math.log(x) + b * Math.log(y) - Math.log(a) - lnBeta(a, b) + Math.log(h);
}
