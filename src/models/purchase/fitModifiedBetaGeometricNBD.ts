import { sampleRows } from "./_bgnbdMath.js";
import { LARGE_DATA, maximumLikelihood, SAMPLE_ROWS } from "./_fit.js";
import {
  mbgnbdAlive,
  mbgnbdConditional,
  mbgnbdExpected,
  mbgnbdLogLikelihood,
  mbgnbdLogLikelihoodGradient,
  mbgnbdProbabilityOfPurchases,
} from "./_mbgnbdMath.js";
import { fitPurchaseModel, type PurchaseMath } from "./_purchaseModel.js";
import { meanAge } from "./_rows.js";
import type {
  BetaGeometricNBDParameter,
  PurchaseModel,
  PurchaseModelFitOptions,
  PurchaseSummaryRow,
} from "./types.js";

const FN = "fitModifiedBetaGeometricNBD";
export const MBG_NAMES: readonly BetaGeometricNBDParameter[] = ["r", "alpha", "a", "b"];
export const MBG_MATH: PurchaseMath = {
  logLikelihood: mbgnbdLogLikelihood,
  expected: mbgnbdExpected,
  conditional: mbgnbdConditional,
  alive: mbgnbdAlive,
  probabilityOfPurchases: mbgnbdProbabilityOfPurchases,
};

/**
 * A fitted MBG/NBD model (parameters `r`, `alpha`, `a`, `b` as in the BG/NBD).
 *
 * @category Models
 */
export type ModifiedBetaGeometricNBDModel = PurchaseModel<BetaGeometricNBDParameter>;

/**
 * Fit the MBG/NBD (modified BG/NBD) model of repeat buying to customers' frequency, recency and
 * age, by maximum likelihood.
 *
 * @remarks
 * As the BG/NBD (purchases at rate λ ~ Gamma(r, α) while alive; after each purchase a drop-out
 * with probability p ~ Beta(a, b)), except that a customer may also drop out right after the
 * first purchase, at time 0. A customer without repeat purchases is therefore not surely alive.
 * Per customer (x, t_x, T):
 * ```text
 * L = Γ(r+x) α^r / Γ(r) · B(a, b+x+1) / B(a, b)
 *     · [ (α+T)^-(r+x) + a/(b+x) · (α+t_x)^-(r+x) ]
 * E[X(t)]            = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]
 * P(alive | x,t_x,T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x))
 * E[Y(t) | x,t_x,T]  = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x)
 *                      ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive | x,t_x,T)
 * ```
 * `frequency` counts repeat purchases only. Times are in the summary's `unit`, which the model
 * keeps; α is in that unit, r, a, b are unit-free. The fit is that of
 * {@link fitBetaGeometricNBD} (log-parameters, Nelder–Mead from two starts and a BFGS polish on
 * small data; a start from a sample and BFGS with the analytic gradient on data of 20,000
 * distinct rows or more), and so are the rules for `converged`, `standardErrors` and
 * boundary fits. Every prediction is evaluated stably for any parameters (the closed form
 * where it keeps its digits, else quadrature over the Beta posterior), so it is finite and in
 * range: P(alive) in [0, 1], expected purchases ≥ 0. `probabilityOfPurchases(n, t)` is
 * ```text
 * P(X(t) = n) = B(a, b+n+1)/B(a, b) · NB(n; t) + B(a+1, b+n)/B(a, b) · P(NB(t) ≥ n)
 * ```
 * with NB the negative binomial of a customer who stays alive (for n = 0 the second term is
 * the share a/(a+b) who drop out right after the first purchase).
 *
 * With `penalizer: c` the fit maximises LL/N − c · (r² + (α/T_max)² + a² + b²) instead, as
 * lifetimes' `ModifiedBetaGeoFitter(penalizer_coef=c)` (the same estimates): a penalized
 * likelihood for fits that would run to a boundary, whose estimates are not maximum-likelihood
 * estimates.
 *
 * @example
 * The CDNOW sample (2,357 customers, 39 weeks); BTYDplus' estimates r 0.525, α 6.183,
 * a 0.891, b 1.614:
 * ```ts
 * const mbg = fitModifiedBetaGeometricNBD(cdnow, { unit: 'week' })
 * mbg.params.r.toFixed(3)       //=> '0.525'
 * mbg.params.alpha.toFixed(3)   //=> '6.183'
 * mbg.logLikelihood.toFixed(1)  //=> '-9582.1'
 * mbg.conditionalExpectedPurchases({ frequency: 2, recency: 30.43, T: 38.86 }, { weeks: 39 }).toFixed(3) //=> '1.263'
 * ```
 * @throws {@link MetricInputError} as {@link fitBetaGeometricNBD}: `EMPTY` for no rows (or only
 *   rows of weight 0); `NEGATIVE` / `NOT_INTEGER` for a bad `summary[i].frequency`; `NEGATIVE`
 *   for a negative recency, T or weight; `NOT_A_NUMBER` for a value that is not a number;
 *   `OUT_OF_RANGE` for a magnitude outside the float64 range; `INCONSISTENT` when
 *   `summary[i].recency` exceeds T or is positive with frequency 0, or units disagree;
 *   `INVALID_OPTION` when no unit is given or it is unknown; `NEGATIVE` / `NOT_FINITE` /
 *   `NOT_A_NUMBER` for a bad `options.penalizer`. The model's predictions throw
 *   `INVALID_OPTION` for a horizon that does not name its unit.
 * @see Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models
 *   for customer base analysis", International Journal of Research in Marketing 24(3),
 *   201–209; Wagner & Hoppe (2008), "Erratum on the MBG/NBD model", IJRM 25(3), 225–226.
 * @category Models
 */
export function fitModifiedBetaGeometricNBD(
  summary: Iterable<PurchaseSummaryRow>,
  options?: PurchaseModelFitOptions,
): ModifiedBetaGeometricNBDModel {
  return fitPurchaseModel(
    FN,
    summary,
    options,
    "MBG/NBD",
    MBG_NAMES,
    MBG_MATH,
    (fn, d, penalty) => {
      // The starts scale α by the mean age, kept inside the optimiser's bounds [1e-10, 1e10]
      // (a base whose customers are all a few microseconds old would start outside them).
      const c = Math.min(Math.max(meanAge(d), 1e-6), 1e6);
      const sample = d.x.length >= LARGE_DATA ? sampleRows(d, SAMPLE_ROWS) : undefined;
      return maximumLikelihood(
        fn,
        MBG_NAMES,
        (p) => mbgnbdLogLikelihood(p, d),
        [
          [1, c / 8, 1, 1],
          [0.5, c / 2, 0.5, 2],
        ],
        sample && {
          gradient: (p, out) => mbgnbdLogLikelihoodGradient(p, d, out),
          sample: (p) => mbgnbdLogLikelihood(p, sample),
          sampleGradient: (p, out) => mbgnbdLogLikelihoodGradient(p, sample, out),
          sampleShare: sample.total / d.total,
        },
        penalty,
      );
    },
  );
}
