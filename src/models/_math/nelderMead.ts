/**
 * Nelder–Mead downhill simplex minimisation on float64, step for step the algorithm of
 * `scipy.optimize.minimize(method='Nelder-Mead')` (scipy 1.17), so that its results can be
 * checked against scipy's to the last digit.
 *
 * Internal: used by the model fits, not part of the public API.
 */

/** The objective: a function of a point, to be minimised. */
export type Objective = (x: Float64Array) => number;

/** Options of {@link nelderMead}; the names follow scipy's. */
export interface NelderMeadOptions {
  /**
   * How the initial simplex is built around `x0`. A number or one number per coordinate:
   * vertex k is `x0` with coordinate k increased by that absolute step. When omitted, scipy's
   * rule: coordinate k times 1.05, or 0.00025 where it is 0.
   */
  readonly initialStep?: number | ArrayLike<number>;
  /** Absolute tolerance on the simplex's spread in x (scipy `xatol`, default 1e-4). */
  readonly xatol?: number;
  /** Absolute tolerance on the spread of f over the simplex (scipy `fatol`, default 1e-4). */
  readonly fatol?: number;
  /** Most iterations (scipy `maxiter`); default 200 × dimension. */
  readonly maxIterations?: number;
  /** Most evaluations of f (scipy `maxfev`); default 200 × dimension. */
  readonly maxEvaluations?: number;
  /**
   * Dimension-dependent coefficients of Gao & Han (2012), as scipy's `adaptive=True`:
   * expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n. Default false.
   */
  readonly adaptive?: boolean;
}

/** The result of a minimisation. */
export interface MinimizeResult {
  /** The best point found (a fresh array the caller owns). */
  readonly x: Float64Array;
  /** f at `x`; `Infinity` when f was nowhere finite. */
  readonly fx: number;
  /** Iterations, counted as scipy counts them (`nit`). */
  readonly iterations: number;
  /** Evaluations of f (`nfev`). */
  readonly evaluations: number;
  /** Whether the tolerances were met before the iteration or evaluation budget ran out. */
  readonly converged: boolean;
}

/** Evaluate f, mapping NaN and ±Infinity to +Infinity. */
function safeCall(f: Objective, x: Float64Array): number {
  const value = f(x);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/**
 * Minimise `f` from `x0` by the Nelder–Mead simplex method.
 *
 * @remarks
 * The same steps, coefficients (reflection 1, expansion 2, contraction 0.5, shrink 0.5),
 * initial simplex, stopping rule (every vertex within `xatol` of the best in every coordinate
 * and every f within `fatol` of the best) and counting of iterations as scipy's
 * `_minimize_neldermead`, with a stable sort of the vertices. A non-finite f counts as
 * +Infinity, so the simplex backs away from points where the objective is undefined.
 *
 * `f` receives a scratch array that is reused between calls: read it, never keep it.
 * The work arrays are allocated once per call; nothing is allocated per evaluation.
 *
 * @see Nelder & Mead (1965), "A Simplex Method for Function Minimization", Computer Journal 7(4);
 *   Gao & Han (2012), "Implementing the Nelder-Mead simplex algorithm with adaptive parameters",
 *   Computational Optimization and Applications 51(1).
 */
export function nelderMead(
  f: Objective,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError("nelderMead: x0 must have at least one coordinate");
  const xatol = options.xatol ?? 1e-4;
  const fatol = options.fatol ?? 1e-4;
  const maxIterations = options.maxIterations ?? 200 * n;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;
  const rho = 1;
  let chi = 2;
  let psi = 0.5;
  let sigma = 0.5;
  if (options.adaptive === true) {
    chi = 1 + 2 / n;
    psi = 0.75 - 1 / (2 * n);
    sigma = 1 - 1 / n;
  }

  // Vertices as separate rows so that sorting swaps references, not coordinates.
  const sim: Float64Array[] = [];
  const fsim = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const row = Float64Array.from(x0);
    if (k > 0) {
      const i = k - 1;
      const step = options.initialStep;
      if (step === undefined) {
        const xi = row[i] as number;
        row[i] = xi !== 0 ? 1.05 * xi : 0.00025;
      } else {
        row[i] = (row[i] as number) + (typeof step === "number" ? step : (step[i] as number));
      }
    }
    sim.push(row);
  }
  const xbar = new Float64Array(n);
  let xr: Float64Array = new Float64Array(n);
  let xe: Float64Array = new Float64Array(n);
  let xc: Float64Array = new Float64Array(n);

  let evaluations = 0;
  const budgetLeft = (): boolean => evaluations < maxEvaluations;
  const call = (x: Float64Array): number => {
    evaluations++;
    return safeCall(f, x);
  };

  let exhausted = false;
  for (let k = 0; k <= n; k++) {
    if (!budgetLeft()) {
      exhausted = true;
      fsim[k] = Number.POSITIVE_INFINITY;
    } else {
      fsim[k] = call(sim[k] as Float64Array);
    }
  }

  // Stable insertion sort of the vertices by f (numpy's argsort is an insertion sort at
  // these sizes, so ties resolve as in scipy).
  const sort = (): void => {
    for (let i = 1; i <= n; i++) {
      const fv = fsim[i] as number;
      const row = sim[i] as Float64Array;
      let j = i - 1;
      while (j >= 0 && (fsim[j] as number) > fv) {
        fsim[j + 1] = fsim[j] as number;
        sim[j + 1] = sim[j] as Float64Array;
        j--;
      }
      fsim[j + 1] = fv;
      sim[j + 1] = row;
    }
  };
  sort();

  let iterations = 1;
  let converged = false;
  while (!exhausted && evaluations < maxEvaluations && iterations < maxIterations) {
    // Stopping rule, checked at the top of the loop as in scipy.
    const best = sim[0] as Float64Array;
    const f0 = fsim[0] as number;
    let xSpread = 0;
    let fSpread = 0;
    for (let k = 1; k <= n; k++) {
      const row = sim[k] as Float64Array;
      for (let i = 0; i < n; i++) {
        const d = Math.abs((row[i] as number) - (best[i] as number));
        if (d > xSpread) xSpread = d;
      }
      const df = Math.abs(f0 - (fsim[k] as number));
      // Infinity − Infinity is NaN: never within tolerance.
      if (!(df <= fSpread)) fSpread = Number.isNaN(df) ? Number.POSITIVE_INFINITY : df;
    }
    if (xSpread <= xatol && fSpread <= fatol) {
      converged = true;
      break;
    }

    const worst = sim[n] as Float64Array;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (sim[k] as Float64Array)[i] as number;
      xbar[i] = s / n;
    }
    for (let i = 0; i < n; i++) {
      xr[i] = (1 + rho) * (xbar[i] as number) - rho * (worst[i] as number);
    }
    const fxr = call(xr);

    if (fxr < f0) {
      if (!budgetLeft()) {
        exhausted = true;
        break;
      }
      for (let i = 0; i < n; i++) {
        xe[i] = (1 + rho * chi) * (xbar[i] as number) - rho * chi * (worst[i] as number);
      }
      const fxe = call(xe);
      if (fxe < fxr) {
        sim[n] = xe;
        xe = worst;
        fsim[n] = fxe;
      } else {
        sim[n] = xr;
        xr = worst;
        fsim[n] = fxr;
      }
    } else if (fxr < (fsim[n - 1] as number)) {
      sim[n] = xr;
      xr = worst;
      fsim[n] = fxr;
    } else {
      let shrink = false;
      if (!budgetLeft()) {
        exhausted = true;
        break;
      }
      if (fxr < (fsim[n] as number)) {
        // Outside contraction.
        for (let i = 0; i < n; i++) {
          xc[i] = (1 + psi * rho) * (xbar[i] as number) - psi * rho * (worst[i] as number);
        }
        const fxc = call(xc);
        if (fxc <= fxr) {
          sim[n] = xc;
          xc = worst;
          fsim[n] = fxc;
        } else {
          shrink = true;
        }
      } else {
        // Inside contraction.
        for (let i = 0; i < n; i++) {
          xc[i] = (1 - psi) * (xbar[i] as number) + psi * (worst[i] as number);
        }
        const fxcc = call(xc);
        if (fxcc < (fsim[n] as number)) {
          sim[n] = xc;
          xc = worst;
          fsim[n] = fxcc;
        } else {
          shrink = true;
        }
      }
      if (shrink) {
        const anchor = sim[0] as Float64Array;
        for (let k = 1; k <= n; k++) {
          if (!budgetLeft()) {
            exhausted = true;
            break;
          }
          const row = sim[k] as Float64Array;
          for (let i = 0; i < n; i++) {
            row[i] = (anchor[i] as number) + sigma * ((row[i] as number) - (anchor[i] as number));
          }
          fsim[k] = call(row);
        }
        if (exhausted) {
          sort();
          break;
        }
      }
    }
    iterations++;
    sort();
  }

  return {
    x: Float64Array.from(sim[0] as Float64Array),
    fx: fsim[0] as number,
    iterations,
    evaluations,
    converged,
  };
}
