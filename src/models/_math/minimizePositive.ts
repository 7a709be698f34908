/**
 * Minimisation over strictly positive parameters: Nelder–Mead on the logarithms from several
 * starting points, a restart from the best, then a BFGS polish.
 *
 * Internal: used by the model fits, not part of the public API.
 */
import { bfgs } from "./bfgs.js";
import { type MinimizeResult, nelderMead, type Objective } from "./nelderMead.js";

/** Options of {@link minimizePositive}. */
export interface MinimizePositiveOptions {
  /** Initial simplex step on the log scale, for every coordinate (default 0.5, a factor 1.65). */
  readonly initialStep?: number;
  /** Tolerance on the log-parameters of the final simplex, if one is run (default 1e-8, relative in θ). */
  readonly xatol?: number;
  /** Tolerance on f over the final simplex, if one is run (default 1e-9). */
  readonly fatol?: number;
  /** Tolerances of the exploratory runs from each start (default 1e-4 for both). */
  readonly exploreTolerance?: number;
  /** Most iterations of each Nelder–Mead run (default 1,000 × dimension). */
  readonly maxIterations?: number;
  /** Most evaluations of f in each Nelder–Mead run (default 1,000 × dimension). */
  readonly maxEvaluations?: number;
  /** scipy's `adaptive` Nelder–Mead coefficients (default: true from 4 dimensions on). */
  readonly adaptive?: boolean;
  /** Polish the best exploratory point with BFGS on the log scale (default true). */
  readonly polish?: boolean;
}

/** Most restarts of the final Nelder–Mead run after the first. */
const MAX_RESTARTS = 3;

/**
 * Minimise `f(θ)` over θ > 0 (every coordinate), trying each of `starts` and returning the best.
 *
 * @remarks
 * Works on y = ln θ, so every step stays in the domain and the simplex scales with each
 * parameter. Steps:
 * 1. Nelder–Mead from ln(start) for every start, to the loose `exploreTolerance`;
 * 2. BFGS with a numeric gradient from the best of those (`polish`): near the optimum it
 *    resolves the estimate to about 1e-9 relative, where the simplex, which sees only f, stalls
 *    at the rounding noise of f along correlated directions;
 * 3. only if BFGS did not meet its gradient test (or `polish` is false): Nelder–Mead again
 *    from the best point so far, with a fresh simplex of half the initial step, to
 *    `xatol`/`fatol` (a restart also guards against a collapsed simplex); repeated from where
 *    it stopped, up to three more times, while a run lowers f by more than `fatol` (a simplex
 *    walking along a ridge into the bounds collapses before it reaches their corner).
 *
 * A non-finite f (an overflow, a parameter at which the likelihood is undefined) counts as
 * +Infinity and never throws. Non-convergence does not throw either: the best point found
 * is returned with `converged: false` (also when f is nowhere finite, with `fx: Infinity`);
 * callers decide. `converged` is true when the final Nelder–Mead run met its tolerances or
 * the BFGS polish met its gradient test (|∂f/∂ln θ_i| ≤ 1e-10 × (1 + |f|)). `x` is on the natural (θ) scale; `iterations` and
 * `evaluations` are totals over all runs.
 *
 * `f` receives a scratch array that is reused between calls: read it, never keep it.
 */
export function minimizePositive(
  f: Objective,
  starts: readonly ArrayLike<number>[],
  options: MinimizePositiveOptions = {},
): MinimizeResult {
  const first = starts[0];
  if (first === undefined) throw new RangeError("minimizePositive: at least one start is needed");
  const n = first.length;
  const theta = new Float64Array(n);
  const g: Objective = (y) => {
    for (let i = 0; i < n; i++) theta[i] = Math.exp(y[i] as number);
    return f(theta);
  };
  const step = options.initialStep ?? 0.5;
  const explore = options.exploreTolerance ?? 1e-4;
  const adaptive = options.adaptive ?? n >= 4;
  const budget = {
    maxIterations: options.maxIterations ?? 1000 * n,
    maxEvaluations: options.maxEvaluations ?? 1000 * n,
  };

  let iterations = 0;
  let evaluations = 0;
  let best: MinimizeResult | undefined;
  for (const start of starts) {
    if (start.length !== n) throw new RangeError("minimizePositive: starts differ in length");
    const y0 = new Float64Array(n);
    for (let i = 0; i < n; i++) y0[i] = Math.log(start[i] as number);
    const run = nelderMead(g, y0, {
      initialStep: step,
      xatol: explore,
      fatol: explore,
      adaptive,
      ...budget,
    });
    iterations += run.iterations;
    evaluations += run.evaluations;
    if (best === undefined || run.fx < best.fx) best = run;
  }
  let final = best as MinimizeResult;
  let converged = false;
  if (options.polish !== false && Number.isFinite(final.fx)) {
    const polished = bfgs(g, final.x);
    iterations += polished.iterations;
    evaluations += polished.evaluations;
    if (polished.fx <= final.fx) final = polished;
    converged = polished.converged;
  }
  if (!converged) {
    // A fresh simplex from the best point so far, to the final tolerances. Along a ridge that
    // runs into the bounds a simplex collapses early; a new one from where it stopped moves
    // on, so it is restarted while that gains more than fatol, at most MAX_RESTARTS times.
    const fatol = options.fatol ?? 1e-9;
    for (let k = 0; k <= MAX_RESTARTS; k++) {
      const refined = nelderMead(g, final.x, {
        initialStep: step / 2,
        xatol: options.xatol ?? 1e-8,
        fatol,
        adaptive,
        ...budget,
      });
      iterations += refined.iterations;
      evaluations += refined.evaluations;
      const gain = final.fx - refined.fx;
      // The simplex contains its starting point, so it never ends higher.
      final = refined;
      converged = refined.converged;
      if (!(gain > fatol)) break;
    }
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.exp(final.x[i] as number);
  return {
    x,
    fx: final.fx,
    iterations,
    evaluations,
    converged: converged && Number.isFinite(final.fx),
  };
}
