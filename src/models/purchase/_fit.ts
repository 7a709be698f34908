/**
 * The fitting driver shared by the models: maximum likelihood over positive parameters with
 * the shared optimiser, standard errors from the numeric Hessian, results as Decimals.
 */
import { fail } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import { hessian, standardErrors } from "../_math/hessian.js";
import { type MinimizePositiveOptions, minimizePositive } from "../_math/minimizePositive.js";
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

/** Maximise `logLikelihood` over positive parameters named `names`, from each of `starts`. */
export function maximumLikelihood<P extends string>(
  fn: string,
  names: readonly P[],
  logLikelihood: (p: Float64Array) => number,
  starts: readonly (readonly number[])[],
): FloatFit<P> {
  const negative = (p: Float64Array): number => {
    for (let i = 0; i < p.length; i++) {
      const v = p[i] as number;
      if (!(v >= LOWEST && v <= HIGHEST)) return Number.POSITIVE_INFINITY;
    }
    return -logLikelihood(p);
  };
  const best = minimizePositive(negative, starts, SETTINGS);
  if (!Number.isFinite(best.fx)) {
    fail(
      fn,
      "summary",
      "INCONSISTENT",
      "gives no finite likelihood at any parameter value",
      best.fx,
    );
  }
  const errors = standardErrors(hessian(negative, best.x), names.length);
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
    logLikelihood: fromFloat(-best.fx),
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
