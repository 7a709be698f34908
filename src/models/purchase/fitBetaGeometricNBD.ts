import {
  bgnbdAlive,
  bgnbdConditional,
  bgnbdExpected,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  sampleRows,
} from "./_bgnbdMath.js";
import { LARGE_DATA, maximumLikelihood, SAMPLE_ROWS } from "./_fit.js";
import { fitPurchaseModel, type PurchaseMath } from "./_purchaseModel.js";
import { bgnbdProbabilityOfPurchases } from "./_purchaseProbabilities.js";
import { meanAge } from "./_rows.js";
import type {
  BetaGeometricNBDModel,
  BetaGeometricNBDParameter,
  PurchaseModelFitOptions,
  PurchaseSummaryRow,
} from "./types.js";

const FN = "fitBetaGeometricNBD";
export const NAMES: readonly BetaGeometricNBDParameter[] = ["r", "alpha", "a", "b"];
export const MATH: PurchaseMath = {
  logLikelihood: bgnbdLogLikelihood,
  expected: bgnbdExpected,
  conditional: bgnbdConditional,
  probabilityOfPurchases: bgnbdProbabilityOfPurchases,
  alive: bgnbdAlive,
};

/**
 * Fit the BG/NBD model of repeat buying to customers' frequency, recency and age, by
 * maximum likelihood.
 *
 * @remarks
 * While alive, a customer buys at rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b). Per customer (x, t_x, T):
 * ```text
 * L = Γ(r+x) α^r / Γ(r) · B(a, b+x) / B(a, b)
 *     · [ (α+T)^-(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^-(r+x) ]
 * E[X(t)]           = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]
 * P(alive | x,t_x,T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))
 * E[Y(t) | x,t_x,T]  = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x)
 *                      ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x))
 * ```
 * `frequency` counts repeat purchases only. A customer without repeat purchases is alive with
 * probability 1 (the BG/NBD assumes drop-out happens only right after a purchase). Times are in
 * the summary's `unit`, which the model keeps; α is in that unit, r, a, b are unit-free.
 * The log-likelihood is maximised on float64 (log domain, lnΓ and ln B), by Nelder–Mead on
 * the log-parameters from two starting points and a BFGS polish; identical rows are merged into
 * weights first. When the optimiser stops at its budget the model is still returned, with
 * `converged: false`; check it. `standardErrors` come from the numeric Hessian (all `null` when
 * it is not positive definite). On small bases the maximum often lies at the boundary a, b → ∞
 * with a/(a+b) fixed: one drop-out probability p = a/(a+b) for everybody. The fit then returns
 * large a and b with `converged: false`, and its predictions are those of that limit model
 * (E[X(t)] = (1 − (α/(α+pt))^r)/p): every prediction is evaluated stably for any parameters
 * (by quadrature over the Beta posterior where the ₂F₁ form would lose its digits), finite and
 * in range. A prediction beyond the float64 range (a frequency near 1e308 over a long horizon)
 * throws `OUT_OF_RANGE`.
 *
 * With `penalizer: c` the fit maximises LL/N − c · (r² + (α/T_max)² + a² + b²) instead, lifetimes'
 * `penalizer_coef` (the same estimates as `BetaGeoFitter(penalizer_coef=c)`): a penalized
 * likelihood for fits that would run to a boundary, whose estimates are not maximum-likelihood
 * estimates (`logLikelihood` is the log-likelihood at them; standard errors are those of the
 * penalized objective).
 *
 * @example
 * The CDNOW sample (2,357 customers, 39 weeks; Fader, Hardie & Lee 2005, r 0.243,
 * α 4.414, a 0.793, b 2.426, LL −9582.4):
 * ```ts
 * const bg = fitBetaGeometricNBD(cdnow, { unit: 'week' })
 * bg.params.r.toFixed(3)        //=> '0.243'
 * bg.params.alpha.toFixed(3)    //=> '4.414'
 * bg.logLikelihood.toFixed(1)   //=> '-9582.4'
 * bg.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }).toFixed(4) //=> '0.7266'
 * ```
 * @throws {@link MetricInputError} `EMPTY` for no rows (or only rows of weight 0);
 *   `NEGATIVE` / `NOT_INTEGER` for a bad `summary[i].frequency`; `NEGATIVE` for a negative
 *   recency, T or weight; `NOT_A_NUMBER` for a value that is not a number (an object that only
 *   claims to be a Decimal); `OUT_OF_RANGE` for a non-zero magnitude below 5e-324 or one beyond
 *   the float64 range; `INCONSISTENT` when `summary[i].recency` exceeds T or is positive
 *   with frequency 0, or units disagree; `INVALID_OPTION` when no unit is given or it is unknown.
 *   `NEGATIVE` / `NOT_FINITE` / `NOT_A_NUMBER` for a bad `options.penalizer`.
 *   The model's `expectedPurchases` and `conditionalExpectedPurchases` throw `INVALID_OPTION`
 *   for a horizon that does not name its unit (a bare number).
 * @see Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
 *   the Pareto/NBD Model", Marketing Science 24(2), 275–284.
 * @category Models
 */
export function fitBetaGeometricNBD(
  summary: Iterable<PurchaseSummaryRow>,
  options?: PurchaseModelFitOptions,
): BetaGeometricNBDModel {
  return fitPurchaseModel(FN, summary, options, "BG/NBD", NAMES, MATH, (fn, d, penalty) => {
    const c = meanAge(d);
    const sample = d.x.length >= LARGE_DATA ? sampleRows(d, SAMPLE_ROWS) : undefined;
    return maximumLikelihood(
      fn,
      NAMES,
      (p) => bgnbdLogLikelihood(p, d),
      [
        [1, c / 8, 1, 1],
        [0.5, c / 2, 0.5, 2],
      ],
      sample && {
        gradient: (p, out) => bgnbdLogLikelihoodGradient(p, d, out),
        sample: (p) => bgnbdLogLikelihood(p, sample),
        sampleGradient: (p, out) => bgnbdLogLikelihoodGradient(p, sample, out),
        sampleShare: sample.total / d.total,
      },
      penalty,
    );
  });
}
