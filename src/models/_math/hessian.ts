/**
 * Numeric Hessian by central differences, and standard errors from the inverse of the
 * observed information matrix.
 *
 * Internal: used by the model fits, not part of the public API.
 */
import type { Objective } from "./nelderMead.js";

/** Options of {@link hessian}. */
export interface HessianOptions {
  /**
   * Step for coordinate i: `relativeStep × |x_i|`, or `relativeStep` where x_i is 0
   * (default 1e-4, about the fourth root of the float64 epsilon, which balances the
   * O(h²) truncation error against rounding in the second difference).
   */
  readonly relativeStep?: number;
}

/**
 * The matrix of second derivatives of `f` at `x`, row-major in a Float64Array of n × n.
 *
 * @remarks
 * ```text
 * H_ii = (f(x + h_i e_i) − 2 f(x) + f(x − h_i e_i)) / h_i²
 * H_ij = (f(x + h_i e_i + h_j e_j) − f(x + h_i e_i − h_j e_j)
 *         − f(x − h_i e_i + h_j e_j) + f(x − h_i e_i − h_j e_j)) / (4 h_i h_j)
 * ```
 * 1 + 2n + 2n(n − 1) evaluations. On the natural scale of positive parameters the relative
 * step keeps every probe positive. An entry is NaN where f was not finite at a probe.
 *
 * @see Abramowitz & Stegun (1964), "Handbook of Mathematical Functions", 25.3.23 and 25.3.26.
 */
export function hessian(
  f: Objective,
  x: ArrayLike<number>,
  options: HessianOptions = {},
): Float64Array {
  const n = x.length;
  const rel = options.relativeStep ?? 1e-4;
  const p = Float64Array.from(x);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    // Make x + h exactly representable so that the difference quotient uses the true step.
    const raw = xi === 0 ? rel : rel * Math.abs(xi);
    h[i] = xi + raw - xi;
  }
  const at = (): number => {
    const v = f(p);
    return Number.isFinite(v) ? v : Number.NaN;
  };
  const f0 = at();
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const hi = h[i] as number;
    p[i] = xi + hi;
    const up = at();
    p[i] = xi - hi;
    const down = at();
    p[i] = xi;
    H[i * n + i] = (up - 2 * f0 + down) / (hi * hi);
    for (let j = i + 1; j < n; j++) {
      const xj = x[j] as number;
      const hj = h[j] as number;
      p[i] = xi + hi;
      p[j] = xj + hj;
      const pp = at();
      p[j] = xj - hj;
      const pm = at();
      p[i] = xi - hi;
      const mm = at();
      p[j] = xj + hj;
      const mp = at();
      p[i] = xi;
      p[j] = xj;
      const v = (pp - pm - mp + mm) / (4 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

/**
 * Standard errors of maximum-likelihood estimates: the square roots of the diagonal of the
 * inverse of the observed information `H` (the Hessian of the negative log-likelihood at
 * the estimate, n × n row-major).
 *
 * @remarks
 * ```text
 * H = L Lᵀ (Cholesky);  (H⁻¹)_ii = Σ_k (L⁻¹)_ki²;  se_i = √(H⁻¹)_ii
 * ```
 * When `H` is not positive definite (a flat or saddle direction, an estimate on the edge of
 * the parameter space, a non-finite entry) the information does not determine the errors,
 * and every entry is `null`.
 *
 * @see Pawitan (2001), "In All Likelihood", Oxford University Press, §3.3 and §8.3.
 */
export function standardErrors(H: ArrayLike<number>, n: number): (number | null)[] {
  const none = (): null[] => new Array<null>(n).fill(null);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = H[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (L[j * n + k] as number) ** 2;
    // NaN fails this test too.
    if (!(d > 0) || !Number.isFinite(d)) return none();
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = ((H[i * n + j] as number) + (H[j * n + i] as number)) / 2;
      for (let k = 0; k < j; k++) v -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = v / ljj;
    }
  }
  // Column c of L⁻¹ solves L col = e_c (forward substitution).
  const variance = new Float64Array(n);
  const col = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    col.fill(0);
    for (let i = c; i < n; i++) {
      let v = i === c ? 1 : 0;
      for (let k = c; k < i; k++) v -= (L[i * n + k] as number) * (col[k] as number);
      col[i] = v / (L[i * n + i] as number);
    }
    // H⁻¹ = L⁻ᵀ L⁻¹, so (H⁻¹)_cc is the sum of squares of column c of L⁻¹.
    for (let i = c; i < n; i++) variance[c] = (variance[c] as number) + (col[i] as number) ** 2;
  }
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = variance[i] as number;
    // Positive by construction; an overflow (an almost singular H) gives no error either.
    out.push(Number.isFinite(v) ? Math.sqrt(v) : null);
  }
  return out;
}
