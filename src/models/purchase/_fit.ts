/**
 * The fitting driver shared by the models: maximum likelihood over positive parameters with
 * the shared optimiser, standard errors from the numeric Hessian, results as Decimals.
 */
import { fail, nonNegative } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import { bfgsWithGradient } from "../_math/bfgs.js";
import { hessian, standardErrors } from "../_math/hessian.js";
import { type MinimizePositiveOptions, minimizePositive } from "../_math/minimizePositive.js";
import type { MinimizeResult } from "../_math/nelderMead.js";
import type { FittedModel } from "./types.js";

/** Optimiser settings: loose exploration, then the BFGS polish does the last digits. */
const SETTINGS: MinimizePositiveOptions = { exploreTolerance: 0.1, xatol: 0.1, fatol: 0.1 };

/**
 * Estimates are confined to [1e-10, 1e10]: beyond, lnΓ differences of huge arguments lose all
 * their digits and the likelihood becomes noise. Data whose maximum lies out there (no repeat
 * buyers, a single customer) do not identify the model anyway, and get `converged: false`.
 */
const LOWEST = 1e-10;
const HIGHEST = 1e10;

/** A maximum-likelihood fit on float64, with the public fields as Decimals. */
export interface FloatFit<P extends string> extends FittedModel<P> {
  /** The estimates as floats, in the order of the names. */
  readonly values: Float64Array;
}

/**
 * Data with at least this many distinct rows are fitted by {@link ScaleFit}: a start from a
 * sample, then BFGS with the analytic gradient on all rows. Below, the exploratory Nelder–Mead
 * runs cost little, and they find boundary maxima the gradient path would stop short of.
 */
export const LARGE_DATA = 20_000;

/** Distinct rows in the sample that starts a fit of large data. */
export const SAMPLE_ROWS = 2_000;

/** The gradient path of a fit on large data (see {@link maximumLikelihood}). */
export interface ScaleFit {
  /** The log-likelihood at p, with ∂LL/∂p written into `out`. */
  readonly gradient: (p: Float64Array, out: Float64Array) => number;
  /** The log-likelihood of a sample of the rows (for the start). */
  readonly sample: (p: Float64Array) => number;
  /** The same with its gradient. */
  readonly sampleGradient: (p: Float64Array, out: Float64Array) => number;
  /** The sample's share of the rows' total weight. */
  readonly sampleShare: number;
}

function inBounds(p: ArrayLike<number>): boolean {
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    if (!(v >= LOWEST && v <= HIGHEST)) return false;
  }
  return true;
}

/**
 * The fit of large data: the shared optimiser on a sample gives the start, then BFGS on the
 * log-parameters with the analytic gradient on all rows (about a dozen evaluations instead of
 * several hundred). `undefined` when that does not end in an interior maximum, and the caller
 * falls back to the shared optimiser on all rows from the start found.
 */
function gradientFit(
  scale: ScaleFit,
  starts: readonly (readonly number[])[],
): { start: Float64Array; result?: MinimizeResult } {
  // The sample: BFGS with the gradient from each start, else the shared optimiser.
  let start: Float64Array | undefined;
  let startValue = Number.POSITIVE_INFINITY;
  for (const s of starts) {
    const run = logBfgs(scale.sampleGradient, Float64Array.from(s));
    if (run.converged && run.fx < startValue) {
      start = run.x;
      startValue = run.fx;
    }
  }
  if (start === undefined) {
    start = minimizePositive(
      (p) => (inBounds(p) ? -scale.sample(p) : Number.POSITIVE_INFINITY),
      starts,
      SETTINGS,
    ).x;
  }
  // The sample's curvature on the log scale, inverted and scaled by its share of the weight,
  // starts the iteration on all rows: its first steps are then Newton steps.
  const inverse = invertPositiveDefinite(
    logHessian(scale.sampleGradient, start, 1 / scale.sampleShare),
    start.length,
  );
  const run = logBfgs(scale.gradient, start, inverse);
  if (!run.converged || !run.x.every((v) => v > LOWEST * 100 && v < HIGHEST / 100)) {
    return { start };
  }
  return { start, result: run };
}

/**
 * BFGS on y = ln θ for −LL, from θ₀; the result's x on the natural scale. Converged when the
 * gradient test or the predicted decrease (1e-14 relative) is met.
 */
function logBfgs(
  gradient: (p: Float64Array, out: Float64Array) => number,
  theta0: Float64Array,
  inverseHessian?: Float64Array,
): MinimizeResult {
  const n = theta0.length;
  const theta = new Float64Array(n);
  const grad = new Float64Array(n);
  const run = bfgsWithGradient(
    (y, out) => {
      for (let i = 0; i < n; i++) theta[i] = Math.exp(y[i] as number);
      if (!inBounds(theta)) return Number.POSITIVE_INFINITY;
      const ll = gradient(theta, grad);
      // ∂(−LL)/∂ln θ = −θ ∂LL/∂θ.
      for (let i = 0; i < n; i++) out[i] = -(theta[i] as number) * (grad[i] as number);
      return -ll;
    },
    Float64Array.from(theta0, Math.log),
    { ftol: 1e-14, maxIterations: 100, ...(inverseHessian && { inverseHessian }) },
  );
  return { ...run, x: Float64Array.from(run.x, Math.exp) };
}

/**
 * The Hessian of −LL in y = ln θ at θ, times `factor`, from the natural-scale Hessian of the
 * gradient's differences: ∂²/∂y_i∂y_j = θ_i θ_j H_ij − δ_ij θ_i ∂LL/∂θ_i.
 */
function logHessian(
  gradient: (p: Float64Array, out: Float64Array) => number,
  theta: Float64Array,
  factor: number,
): Float64Array {
  const n = theta.length;
  const H = gradientHessian(gradient, theta);
  const g = new Float64Array(n);
  gradient(Float64Array.from(theta), g);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v =
        (theta[i] as number) * (theta[j] as number) * (H[i * n + j] as number) -
        (i === j ? (theta[i] as number) * (g[i] as number) : 0);
      H[i * n + j] = v * factor;
    }
  }
  return H;
}

/** The inverse of a symmetric positive-definite n × n matrix (Gauss–Jordan); else undefined. */
function invertPositiveDefinite(A: Float64Array, n: number): Float64Array | undefined {
  const M = Float64Array.from(A);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    const pivot = M[c * n + c] as number;
    if (!(pivot > 0) || !Number.isFinite(pivot)) return undefined;
    for (let j = 0; j < n; j++) {
      M[c * n + j] = (M[c * n + j] as number) / pivot;
      inv[c * n + j] = (inv[c * n + j] as number) / pivot;
    }
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const factor = M[i * n + c] as number;
      for (let j = 0; j < n; j++) {
        M[i * n + j] = (M[i * n + j] as number) - factor * (M[c * n + j] as number);
        inv[i * n + j] = (inv[i * n + j] as number) - factor * (inv[c * n + j] as number);
      }
    }
  }
  for (let i = 0; i < n; i++) if (!((inv[i * n + i] as number) > 0)) return undefined;
  return inv;
}

/**
 * The observed information (Hessian of −LL on the natural scale) by forward differences of
 * the analytic gradient from the estimate: n gradient evaluations, step 1e-6 relative,
 * symmetrised.
 */
function gradientHessian(
  gradient: (p: Float64Array, out: Float64Array) => number,
  x: Float64Array,
): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const p = Float64Array.from(x);
  const at = new Float64Array(n);
  const up = new Float64Array(n);
  const f0 = gradient(p, at);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const h = xi + 1e-6 * xi - xi;
    p[i] = xi + h;
    const f1 = gradient(p, up);
    p[i] = xi;
    if (!Number.isFinite(f0) || !Number.isFinite(f1)) H.fill(Number.NaN);
    for (let j = 0; j < n; j++) {
      const v = -((up[j] as number) - (at[j] as number)) / (2 * h);
      H[i * n + j] = (H[i * n + j] as number) + v;
      H[j * n + i] = (H[j * n + i] as number) + v;
    }
  }
  return H;
}

/**
 * An L2 penalty on the parameters, as lifetimes' `penalizer_coef`: the fit maximises
 * ```text
 * LL(θ)/N − c · Σ_i (s_i θ_i)²
 * ```
 * (N the sum of the weights), that is LL(θ) − N c Σ (s_i θ_i)², where s_i puts each parameter
 * in lifetimes' units: times in units of the largest T (s = 1/max T for α and β of the purchase
 * models), everything else as it is.
 */
export interface Penalty {
  /** c ≥ 0. */
  readonly coef: number;
  /** s_i, per parameter in the order of the names. */
  readonly scales: readonly number[];
  /** N: the sum of the weights of the rows fitted. */
  readonly total: number;
}

/** The `penalizer` option (a coefficient c ≥ 0, default 0): `undefined` for none or 0. */
export function readPenalizer(options: unknown, fn: string): number | undefined {
  const value = (options as { penalizer?: unknown } | undefined)?.penalizer;
  if (value === undefined) return undefined;
  const coef = nonNegative(value, fn, "options.penalizer").toNumber();
  if (!Number.isFinite(coef)) {
    fail(
      fn,
      "options.penalizer",
      "OUT_OF_RANGE",
      "must be within the float64 range (1.8e308)",
      value,
    );
  }
  return coef === 0 ? undefined : coef;
}

/** N c Σ (s_i θ_i)² and its derivative 2 N c s_i² θ_i subtracted from `out`, with N = `total`. */
function penaltyTerm(
  p: ArrayLike<number>,
  penalty: Penalty,
  total: number,
  out?: Float64Array,
): number {
  let sum = 0;
  const factor = total * penalty.coef;
  for (let i = 0; i < p.length; i++) {
    const s = penalty.scales[i] as number;
    const v = (p[i] as number) * s;
    sum += v * v;
    if (out !== undefined) out[i] = (out[i] as number) - 2 * factor * s * v;
  }
  return factor * sum;
}

/** The penalized objective and gradient path (see {@link Penalty}). */
function penalized(
  logLikelihood: (p: Float64Array) => number,
  scale: ScaleFit | undefined,
  penalty: Penalty,
): { logLikelihood: (p: Float64Array) => number; scale: ScaleFit | undefined } {
  const N = penalty.total;
  return {
    logLikelihood: (p) => logLikelihood(p) - penaltyTerm(p, penalty, N),
    scale: scale && {
      gradient: (p, out) => {
        const ll = scale.gradient(p, out);
        return ll - penaltyTerm(p, penalty, N, out);
      },
      sample: (p) => scale.sample(p) - penaltyTerm(p, penalty, N * scale.sampleShare),
      sampleGradient: (p, out) => {
        const ll = scale.sampleGradient(p, out);
        return ll - penaltyTerm(p, penalty, N * scale.sampleShare, out);
      },
      sampleShare: scale.sampleShare,
    },
  };
}

/**
 * Maximise `logLikelihood` over positive parameters named `names`, from each of `starts`; on
 * large data (`scale` given) by the gradient path, falling back to the shared optimiser. With a
 * `penalty`, the penalized log-likelihood is maximised instead (standard errors from its
 * curvature), and `logLikelihood` of the result is the log-likelihood itself at the estimates.
 */
export function maximumLikelihood<P extends string>(
  fn: string,
  names: readonly P[],
  rawLogLikelihood: (p: Float64Array) => number,
  starts: readonly (readonly number[])[],
  rawScale?: ScaleFit,
  penalty?: Penalty,
): FloatFit<P> {
  const objective =
    penalty === undefined
      ? { logLikelihood: rawLogLikelihood, scale: rawScale }
      : penalized(rawLogLikelihood, rawScale, penalty);
  const logLikelihood = objective.logLikelihood;
  const scale = objective.scale;
  const negative = (p: Float64Array): number =>
    inBounds(p) ? -logLikelihood(p) : Number.POSITIVE_INFINITY;
  let best: MinimizeResult | undefined;
  let H: Float64Array | undefined;
  if (scale !== undefined) {
    const path = gradientFit(scale, starts);
    if (path.result !== undefined) {
      best = path.result;
      // The reported value from the likelihood itself (the gradient routine's value agrees to
      // rounding).
      best = { ...best, fx: negative(best.x) };
      H = gradientHessian(scale.gradient, best.x);
    } else {
      best = minimizePositive(negative, [path.start, ...starts], SETTINGS);
    }
  } else {
    best = minimizePositive(negative, starts, SETTINGS);
  }
  if (!Number.isFinite(best.fx)) {
    fail(
      fn,
      "summary",
      "INCONSISTENT",
      "gives no finite likelihood at any parameter value",
      best.fx,
    );
  }
  const errors = standardErrors(H ?? hessian(negative, best.x), names.length);
  const params = {} as Record<P, Decimal>;
  const se = {} as Record<P, Decimal | null>;
  names.forEach((name, i) => {
    params[name] = fromFloat(best.x[i] as number);
    const e = errors[i];
    se[name] = e === null || e === undefined ? null : fromFloat(e);
  });
  return {
    values: best.x,
    params: Object.freeze(params),
    logLikelihood: fromFloat(penalty === undefined ? -best.fx : rawLogLikelihood(best.x)),
    standardErrors: Object.freeze(se),
    // A proper maximum: the optimiser met its tolerances, away from the bounds, and the
    // Hessian there is positive definite.
    converged:
      best.converged &&
      errors.every((e) => e !== null) &&
      best.x.every((v) => v > LOWEST * 100 && v < HIGHEST / 100),
    iterations: best.iterations,
  };
}
