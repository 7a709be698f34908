import { sampleRows } from "./_bgnbdMath.js";
import { LARGE_DATA, maximumLikelihood, SAMPLE_ROWS } from "./_fit.js";
import {
  paretoAlive,
  paretoConditional,
  paretoExpected,
  paretoLogLikelihood,
  paretoLogLikelihoodGradient,
} from "./_paretoMath.js";
import { fitPurchaseModel, type PurchaseMath } from "./_purchaseModel.js";
import { paretoProbabilityOfPurchases } from "./_purchaseProbabilities.js";
import { meanAge } from "./_rows.js";
import type {
  ParetoNBDModel,
  ParetoNBDParameter,
  PurchaseModelFitOptions,
  PurchaseSummaryRow,
} from "./types.js";

const FN = "fitParetoNBD";
export const NAMES: readonly ParetoNBDParameter[] = ["r", "alpha", "s", "beta"];
export const MATH: PurchaseMath = {
  logLikelihood: paretoLogLikelihood,
  expected: paretoExpected,
  conditional: paretoConditional,
  probabilityOfPurchases: paretoProbabilityOfPurchases,
  alive: paretoAlive,
};

/**
 * Fit the Pareto/NBD model of repeat buying to customers' frequency, recency and age, by
 * maximum likelihood.
 *
 * @remarks
 * While alive, a customer buys at rate λ ~ Gamma(r, α) and drops out after an exponential
 * lifetime of rate μ ~ Gamma(s, β), at any time. Per customer (x, t_x, T):
 * ```text
 * L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ]
 * α ≥ β: A₀ = F(s+1; α, t_x) − F(s+1; α, T),  F(b; h, y) = ₂F₁(r+s+x, b; r+s+x+1; (α−β)/(h+y)) / (h+y)^(r+s+x)
 * α < β: A₀ = F(r+x; β, t_x) − F(r+x; β, T),  with (β−α) in the argument
 * P(alive | x,t_x,T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)
 * E[X(t)]           = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]
 * E[Y(t) | x,t_x,T]  = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
 * ```
 * The branch on α versus β keeps the ₂F₁ argument z in [0, 1). ₂F₁ is evaluated in logs by
 * Euler's form (1 − z)^(1−b) Σ (a+1−b)_k/(a+1)_k z^k, whose terms are positive and shrink
 * faster than z^k. A₀ and the bracket are formed in the log domain (log-sum-exp), so nothing
 * overflows. Where that form loses its digits or its speed (r + s + x above 200, α and β more
 * than a factor 10 apart: the boundary fits of small data sets, where r and α or s and β run
 * large together), the likelihood and P(alive) come from the integral over the time of death,
 * ```text
 * s/(r+s+x) · A₀ = s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ
 * ```
 * with every factor relative to its value at t_x, by Gauss–Legendre panels on its log-concave
 * integrand (a few dozen evaluations a customer, whatever the parameters). At s = 1 the (s−1)
 * forms take their limit, a logarithm. Fitting, units, weights, convergence and errors as in
 * {@link fitBetaGeometricNBD}. β is weakly identified on CDNOW-like data: the likelihood is
 * nearly flat along it, so β varies more between optimisers than the fit does. When drop-out
 * rates hardly vary between customers, s and β grow together without bound (only s/β, the
 * mean drop-out rate, is determined), and r and α likewise when purchase rates do not; the
 * estimates then stop at the bounds (1e10) with `converged: false`, and the fit is best read
 * through its predictions, which are those of the limit model, finite and in range.
 *
 * With `penalizer: c` the fit maximises LL/N − c · (r² + (α/T_max)² + s² + (β/T_max)²), the
 * penalized likelihood of lifetimes' `ParetoNBDFitter`, whose `penalizer_coef` is N times this
 * c (lifetimes divides that log-likelihood by the mean weight, not by N); see
 * {@link fitBetaGeometricNBD}.
 *
 * @example
 * The CDNOW sample (Fader, Hardie & Lee 2005: r 0.553, α 10.578, s 0.606, β 11.669,
 * LL −9595.0):
 * ```ts
 * const pnbd = fitParetoNBD(cdnow, { unit: 'week' })
 * pnbd.params.s.toFixed(3)        //=> '0.606'
 * pnbd.logLikelihood.toFixed(1)   //=> '-9595.0'
 * pnbd.expectedPurchases({ weeks: 39 }).toFixed(4) //=> '1.2134'
 * ```
 * @throws {@link MetricInputError} as {@link fitBetaGeometricNBD}.
 * @see Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 *   Expressions", brucehardie.com/notes/009; Schmittlein, Morrison & Colombo (1987),
 *   "Counting Your Customers: Who Are They and What Will They Do Next?", Management Science 33(1).
 * @category Models
 */
export function fitParetoNBD(
  summary: Iterable<PurchaseSummaryRow>,
  options?: PurchaseModelFitOptions,
): ParetoNBDModel {
  return fitPurchaseModel(FN, summary, options, "Pareto/NBD", NAMES, MATH, (fn, d, penalty) => {
    const c = meanAge(d);
    const sample = d.x.length >= LARGE_DATA ? sampleRows(d, SAMPLE_ROWS) : undefined;
    return maximumLikelihood(
      fn,
      NAMES,
      (p) => paretoLogLikelihood(p, d),
      [
        [1, c / 4, 1, c / 4],
        [0.5, c / 2, 0.5, c],
      ],
      sample && {
        gradient: (p, out) => paretoLogLikelihoodGradient(p, d, out),
        sample: (p) => paretoLogLikelihood(p, sample),
        sampleGradient: (p, out) => paretoLogLikelihoodGradient(p, sample, out),
        sampleShare: sample.total / d.total,
      },
      penalty,
    );
  });
}
