/**
 * Quasi-Newton (BFGS) minimisation with a central-difference gradient and a backtracking
 * (Armijo) line search. Used to polish a Nelder–Mead solution: from close to the optimum it
 * converges superlinearly where the simplex only crawls.
 *
 * Internal: used by the model fits, not part of the public API.
 */
import type { MinimizeResult, Objective } from "./nelderMead.js";

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /**
   * Stop when every component of the gradient is at most `gtol × (1 + |f|)` in absolute
   * value (default 1e-10; relative to f because the numeric gradient's rounding noise is).
   */
  readonly gtol?: number;
  /** Most iterations (default 200). */
  readonly maxIterations?: number;
  /** Most evaluations of f (default 2,000). */
  readonly maxEvaluations?: number;
  /**
   * Finite-difference step for coordinate i: `gradientStep × max(1, |x_i|)`
   * (default 6e-6, about the cube root of the float64 epsilon, optimal for central differences).
   */
  readonly gradientStep?: number;
}

/**
 * Minimise `f` from `x0` by BFGS with a numeric gradient.
 *
 * @remarks
 * Inverse-Hessian update (Nocedal & Wright 2006, eq. 6.17), skipped when the curvature
 * condition sᵀy > 0 fails. The initial inverse Hessian is diagonal, from the second differences
 * the first gradient's probes give for free (1 where that curvature is not positive); after a
 * reset to the identity the first update is scaled by sᵀy / yᵀy (eq. 6.20). When the line
 * search finds no decrease with a step that moves x by more than 1e-13 (relative), the inverse Hessian is reset
 * to the identity once; a second failure ends the run. `converged` reports
 * whether the gradient test was met. A non-finite f counts as +Infinity.
 *
 * `f` receives a scratch array that is reused between calls: read it, never keep it.
 *
 * @see Nocedal & Wright (2006), "Numerical Optimization", 2nd ed., Springer, Algorithm 6.1.
 */
export function bfgs(
  f: Objective,
  x0: ArrayLike<number>,
  options: BfgsOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError("bfgs: x0 must have at least one coordinate");
  const gtol = options.gtol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const hRel = options.gradientStep ?? 6e-6;

  let evaluations = 0;
  const call = (p: Float64Array): number => {
    evaluations++;
    const v = f(p);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  const ws = workspace(x0);
  const { x, g, gNew, xNew, p, H } = ws;
  const probe = new Float64Array(n);

  const curvature = new Float64Array(n);
  /**
   * Central-difference gradient at `at` into `out`; false if some difference is not finite.
   * The same probes give the diagonal second differences, into `curvature`, given f(at).
   */
  const gradient = (at: Float64Array, out: Float64Array, fAt = Number.NaN): boolean => {
    probe.set(at);
    for (let i = 0; i < n; i++) {
      const xi = at[i] as number;
      const h = hRel * Math.max(1, Math.abs(xi));
      probe[i] = xi + h;
      const up = call(probe);
      probe[i] = xi - h;
      const down = call(probe);
      probe[i] = xi;
      const d = (up - down) / (2 * h);
      if (!Number.isFinite(d)) return false;
      out[i] = d;
      curvature[i] = (up - 2 * fAt + down) / (h * h);
    }
    return true;
  };

  const budgetLeft = (): boolean => evaluations < maxEvaluations;
  const evaluateAtStep = (at: Float64Array): number => call(at);

  const fx = call(x);
  if (!Number.isFinite(fx) || !gradient(x, g, fx)) {
    return { x, fx, iterations: 0, evaluations, converged: false };
  }
  // Start from the inverse of the diagonal curvature where it is positive: the first step is
  // then a Newton step per coordinate instead of a blind step along −g.
  setDiagonal(H, n, 1);
  for (let i = 0; i < n; i++) {
    const c = curvature[i] as number;
    if (c > 0 && Number.isFinite(1 / c)) H[i * n + i] = 1 / c;
  }
  const run = iterate(ws, fx, false, gtol, maxIterations, budgetLeft, (slope, fxNow) => {
    // H stays positive definite (updates need sᵀy > 0), so this fails only on underflow.
    if (!(slope < 0)) return STOP;
    const fNew = lineSearch(x, p, xNew, n, fxNow, slope, 1, evaluateAtStep, budgetLeft);
    return Number.isNaN(fNew) || !gradient(xNew, gNew) ? Number.NaN : fNew;
  });
  return {
    x: Float64Array.from(x),
    fx: run.fx,
    iterations: run.iterations,
    evaluations,
    converged: run.converged,
  };
}

/**
 * An objective with its gradient: returns f(x) and writes ∇f(x) into `gradient`. Both arrays
 * are scratch space reused between calls: read `x`, never keep it.
 */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/** Options of {@link bfgsWithGradient}. */
export interface BfgsGradientOptions {
  /** Stop when every |∂f/∂x_i| ≤ `gtol × (1 + |f|)` (default 1e-10). */
  readonly gtol?: number;
  /** Most iterations (default 200). */
  readonly maxIterations?: number;
  /** Most evaluations of f and ∇f (default 1,000). */
  readonly maxEvaluations?: number;
  /** Initial inverse Hessian, n × n row-major (default: the identity, rescaled after one step). */
  readonly inverseHessian?: ArrayLike<number>;
  /**
   * Longest trial step in any coordinate (default 2): a longer search direction is shortened
   * to it, so that a poor curvature estimate cannot send the line search far away, where f
   * may be costly or undefined.
   */
  readonly maxStep?: number;
  /**
   * Also stop (converged) when the predicted decrease to the minimum, ½ gᵀ H g with H the
   * current inverse-Hessian estimate, is at most `ftol × (1 + |f|)`: near the minimum of a sum
   * over many rows, f's rounding noise keeps the gradient above any `gtol` that is not scaled
   * by the curvature (default 0: off).
   */
  readonly ftol?: number;
}

/**
 * Minimise `f` from `x0` by BFGS with an analytic gradient.
 *
 * @remarks
 * The iteration of {@link bfgs} (Nocedal & Wright 2006, Algorithm 6.1: inverse-Hessian update
 * eq. 6.17, skipped when sᵀy ≤ 0; backtracking Armijo line search), with the gradient from
 * `f` itself: one evaluation a step instead of 2n + 1. Without an initial inverse Hessian the
 * first update is scaled by sᵀy / yᵀy (eq. 6.20). A line search that finds no decrease with a
 * step moving x by more than 1e-13 (relative) resets the inverse Hessian to the identity once;
 * a second failure ends the run. `converged` reports whether the gradient test was met; a
 * non-finite f or gradient counts as f = +Infinity.
 *
 * @see Nocedal & Wright (2006), "Numerical Optimization", 2nd ed., Springer, Algorithm 6.1.
 */
export function bfgsWithGradient(
  f: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: BfgsGradientOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError("bfgs: x0 must have at least one coordinate");
  const gtol = options.gtol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const maxEvaluations = options.maxEvaluations ?? 1000;
  const maxStep = options.maxStep ?? 2;
  const ftol = options.ftol ?? 0;
  let evaluations = 0;
  const call = (p: Float64Array, out: Float64Array): number => {
    evaluations++;
    const v = f(p, out);
    if (!Number.isFinite(v)) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(out[i] as number)) return Number.POSITIVE_INFINITY;
    return v;
  };
  const ws = workspace(x0);
  const { x, g, gNew, xNew, p, H } = ws;

  const budgetLeft = (): boolean => evaluations < maxEvaluations;
  const evaluateAtStep = (at: Float64Array): number => call(at, gNew);

  const fx = call(x, g);
  if (!Number.isFinite(fx)) return { x, fx, iterations: 0, evaluations, converged: false };
  const firstStep = options.inverseHessian === undefined;
  if (firstStep) setDiagonal(H, n, 1);
  else H.set(options.inverseHessian as ArrayLike<number>);
  const run = iterate(ws, fx, firstStep, gtol, maxIterations, budgetLeft, (slope, fxNow, first) => {
    // The curvature estimate is real once given or updated.
    if (!first && slope < 0 && -0.5 * slope <= ftol * (1 + Math.abs(fxNow))) return CONVERGED;
    if (!(slope < 0)) return Number.NaN;
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, Math.abs(p[i] as number));
    const step = longest > maxStep ? maxStep / longest : 1;
    return lineSearch(x, p, xNew, n, fxNow, slope, step, evaluateAtStep, budgetLeft);
  });
  return {
    x: Float64Array.from(x),
    fx: run.fx,
    iterations: run.iterations,
    evaluations,
    converged: run.converged,
  };
}

/** What a trial step may return instead of f at the new point: end the run. */
const STOP = Number.NEGATIVE_INFINITY;
/** What a trial step may return instead of f at the new point: end the run, converged. */
const CONVERGED = Number.POSITIVE_INFINITY;

/**
 * The iteration shared by {@link bfgs} and {@link bfgsWithGradient}, from the point, gradient
 * and inverse Hessian in `ws` with f = `fx`: until the gradient test holds, `maxIterations`
 * steps are taken or `budgetLeft()` turns false, the direction p = −H g is handed to `trial`
 * with its slope, f and whether the next update is the first, which leaves the next point and
 * its gradient in `ws.xNew` and `ws.gNew` and returns f there (finite), NaN when no step was
 * found (the inverse Hessian is then reset to the identity once; a second failure ends the
 * run), {@link STOP} or {@link CONVERGED}.
 */
function iterate(
  ws: Workspace,
  fx: number,
  firstStep: boolean,
  gtol: number,
  maxIterations: number,
  budgetLeft: () => boolean,
  trial: (slope: number, fx: number, firstStep: boolean) => number,
): { fx: number; iterations: number; converged: boolean } {
  const { x, g, xNew, gNew, p, s, y, hy, H } = ws;
  const n = x.length;
  let iterations = 0;
  let converged = false;
  let resetUsed = false;
  while (iterations < maxIterations && budgetLeft()) {
    if (gradientSmall(g, fx, gtol)) {
      converged = true;
      break;
    }
    const fNew = trial(searchDirection(H, g, p, n), fx, firstStep);
    if (fNew === CONVERGED) {
      converged = true;
      break;
    }
    if (fNew === STOP) break;
    if (Number.isNaN(fNew)) {
      if (resetUsed) break;
      resetUsed = true;
      setDiagonal(H, n, 1);
      firstStep = true;
      continue;
    }
    iterations++;
    fx = fNew;
    firstStep = takeStep(x, g, xNew, gNew, s, y, hy, H, n, firstStep);
  }
  if (!converged && gradientSmall(g, fx, gtol)) converged = true;
  return { fx, iterations, converged };
}

/** The iterate, gradients, step vectors and inverse Hessian of a BFGS run. */
type Workspace = ReturnType<typeof workspace>;

/** The iterate, gradients, step vectors and inverse Hessian of a BFGS run from `x0`. */
function workspace(x0: ArrayLike<number>) {
  const n = x0.length;
  return {
    x: Float64Array.from(x0),
    g: new Float64Array(n),
    gNew: new Float64Array(n),
    xNew: new Float64Array(n),
    p: new Float64Array(n),
    s: new Float64Array(n),
    y: new Float64Array(n),
    hy: new Float64Array(n),
    H: new Float64Array(n * n),
  };
}

/** H ← scale · I (n × n). */
function setDiagonal(H: Float64Array, n: number, scale: number): void {
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = scale;
}

/** Whether every |grad_i| ≤ gtol × (1 + |f|). */
function gradientSmall(grad: Float64Array, fx: number, gtol: number): boolean {
  const limit = gtol * (1 + Math.abs(fx));
  for (let i = 0; i < grad.length; i++) if (Math.abs(grad[i] as number) > limit) return false;
  return true;
}

/** The quasi-Newton direction p = −H g into `p`; returns the slope pᵀg. */
function searchDirection(H: Float64Array, g: Float64Array, p: Float64Array, n: number): number {
  let slope = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v -= (H[i * n + j] as number) * (g[j] as number);
    p[i] = v;
    slope += v * (g[i] as number);
  }
  return slope;
}

/**
 * Backtracking line search with the Armijo condition from `x` along `p`, first step `step`,
 * halved up to 40 times while `budgetLeft()`. Leaves the accepted point in `xNew` and returns
 * f there; NaN when no step decreases f enough, or the step that does no longer moves x by
 * more than 1e-13 (relative: f is at its rounding noise).
 */
function lineSearch(
  x: Float64Array,
  p: Float64Array,
  xNew: Float64Array,
  n: number,
  fx: number,
  slope: number,
  step: number,
  evaluate: (at: Float64Array) => number,
  budgetLeft: () => boolean,
): number {
  for (let tries = 0; tries < 40 && budgetLeft(); tries++) {
    for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (p[i] as number);
    const fNew = evaluate(xNew);
    if (fNew <= fx + 1e-4 * step * slope) {
      for (let i = 0; i < n; i++) {
        if (Math.abs(step * (p[i] as number)) > 1e-13 * Math.max(1, Math.abs(x[i] as number))) {
          return fNew;
        }
      }
      return Number.NaN;
    }
    step *= 0.5;
  }
  return Number.NaN;
}

/**
 * Moves (x, g) to (xNew, gNew) and updates H from s = xNew − x, y = gNew − g when the
 * curvature condition sᵀy > 0 holds; on the `firstStep` update H is first reset to
 * (sᵀy / yᵀy) I (Nocedal & Wright eq. 6.20). Returns whether the next update is still the first.
 */
function takeStep(
  x: Float64Array,
  g: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  s: Float64Array,
  y: Float64Array,
  hy: Float64Array,
  H: Float64Array,
  n: number,
  firstStep: boolean,
): boolean {
  let sy = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    s[i] = (xNew[i] as number) - (x[i] as number);
    y[i] = (gNew[i] as number) - (g[i] as number);
    sy += (s[i] as number) * (y[i] as number);
    yy += (y[i] as number) * (y[i] as number);
  }
  x.set(xNew);
  g.set(gNew);
  if (!(sy > 0 && yy > 0)) return firstStep;
  if (firstStep) setDiagonal(H, n, sy / yy);
  updateInverseHessian(H, s, y, hy, sy, n);
  return false;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy (Nocedal & Wright eq. 6.17). */
function updateInverseHessian(
  H: Float64Array,
  s: Float64Array,
  y: Float64Array,
  hy: Float64Array,
  sy: number,
  n: number,
): void {
  const rho = 1 / sy;
  let yHy = 0;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += (H[i * n + j] as number) * (y[j] as number);
    hy[i] = v;
    yHy += (y[i] as number) * v;
  }
  const c = (1 + rho * yHy) * rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] =
        (H[i * n + j] as number) -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        c * (s[i] as number) * (s[j] as number);
    }
  }
}
