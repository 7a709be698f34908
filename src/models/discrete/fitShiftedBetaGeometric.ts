import { fail, intNumber, nonNegative, record } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import { hyp2f1, lnBeta } from "../../_lib/special.js";
import type { Numeric, Period } from "../../types.js";
import { minimizePositive } from "../_math/minimizePositive.js";
import type { Objective } from "../_math/nelderMead.js";
import type { FittedModel } from "../purchase/types.js";
import { decimalRecord, standardErrorRecord, unitOption } from "./_shared.js";

const FN = "fitShiftedBetaGeometric";
const NAMES = ["alpha", "beta"] as const;
/** Estimates outside [EDGE_LOW, EDGE_HIGH] are taken as a maximum on the edge (see remarks). */
const EDGE_LOW = 1e-6;
const EDGE_HIGH = 1e7;

/**
 * Input of {@link fitShiftedBetaGeometric}: one cohort's survivor counts.
 *
 * @category Models
 */
export interface ShiftedBetaGeometricInput {
  /**
   * `alive[t]`: customers of the cohort still active after t contract periods (t renewals),
   * so `alive[0]` is the cohort's size. Whole numbers, never rising, at least two entries.
   */
  readonly alive: readonly Numeric[];
  /** The length of one contract period (`'year'` for annual contracts); carried by the model. */
  readonly unit?: Period | undefined;
}

/**
 * Input of {@link ShiftedBetaGeometricModel.discountedExpectedLifetime}.
 *
 * @category Models
 */
export interface DiscountedLifetimeInput {
  /** Discount rate per contract period (the model's `unit`), ≥ 0; 0.1 is 10 % per period. */
  readonly discountRate: Numeric;
}

/**
 * Input of {@link ShiftedBetaGeometricModel.discountedExpectedResidualLifetime}.
 *
 * @category Models
 */
export interface DiscountedResidualLifetimeInput extends DiscountedLifetimeInput {
  /**
   * Renewals the customer has made so far (a whole number ≥ 0): a customer counted in
   * `alive[renewals]`, valued just before the next renewal decision.
   */
  readonly renewals: Numeric;
}

/**
 * A fitted shifted-beta-geometric (sBG) model of contractual retention.
 *
 * @remarks
 * `t` counts contract periods (renewal opportunities) of the model's `unit`: whole numbers.
 *
 * @category Models
 */
export interface ShiftedBetaGeometricModel extends FittedModel<"alpha" | "beta"> {
  /** The contract period, as given in the input; `null` when none was given. */
  readonly unit: Period | null;
  /** The size of the cohort fitted (`alive[0]`). */
  readonly customers: number;
  /** S(t) = B(α, β + t) / B(α, β): share of a new cohort still active after t periods. */
  survival(t: Numeric): Decimal;
  /** r(t) = (β + t − 1) / (α + β + t − 1): share of those active after t − 1 periods who renew at t (t ≥ 1). */
  retentionRate(t: Numeric): Decimal;
  /** `alive[0] × S(t)`: the customers of the fitted cohort expected to be active after t periods. */
  expectedAlive(t: Numeric): Decimal;
  /**
   * DEL = ₂F₁(1, β; α + β; 1/(1 + d)) = Σ_{t≥0} S(t) / (1 + d)^t: a new customer's expected
   * number of periods paid for, discounted, counting the first payment at acquisition in full.
   */
  discountedExpectedLifetime(input: DiscountedLifetimeInput): Decimal;
  /**
   * DERL = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)), n = renewals + 1:
   * the expected discounted number of further periods an active customer pays for, valued just
   * before the next renewal, whose payment counts in full.
   */
  discountedExpectedResidualLifetime(input: DiscountedResidualLifetimeInput): Decimal;
}

/** ln-likelihood of survivor counts under sBG(α, β). */
function logLikelihood(
  alpha: number,
  beta: number,
  churned: Float64Array,
  survivors: number,
): number {
  // ln S(t) = ln S(t−1) + ln((β + t − 1) / (α + β + t − 1)); ln P(T = t) = ln S(t−1) + ln(α / (α + β + t − 1)).
  let lnS = 0;
  let ll = 0;
  const lnAlpha = Math.log(alpha);
  for (let t = 1; t <= churned.length; t++) {
    const denominator = Math.log(alpha + beta + t - 1);
    const c = churned[t - 1] as number;
    if (c > 0) ll += c * (lnS + lnAlpha - denominator);
    lnS += Math.log(beta + t - 1) - denominator;
  }
  return survivors > 0 ? ll + survivors * lnS : ll;
}

function periodNumber(value: unknown, fn: string, field: string, min: number): number {
  return intNumber(value, fn, field, min);
}

/**
 * Fit the shifted-beta-geometric (sBG) model of Fader & Hardie to a cohort's survivor counts.
 *
 * @remarks
 * Each customer renews at the end of every contract period with probability 1 − θ until they
 * churn; θ varies across customers as Beta(α, β). Then
 * ```text
 * P(T = t) = B(α + 1, β + t − 1) / B(α, β)          churn at renewal t = 1, 2, …
 * S(t)     = B(α, β + t) / B(α, β)                  still active after t periods
 * r(t)     = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1)
 * LL(α, β) = Σ_{t=1..n} (alive[t−1] − alive[t]) ln P(T = t) + alive[n] ln S(n)
 * ```
 * with n = alive.length − 1. The retention rate rises with t: the customers most likely to
 * churn leave first. α and β are maximum-likelihood estimates (Nelder–Mead on ln α, ln β from
 * three starting points, polished by BFGS); standard errors come from the numeric Hessian.
 * The likelihood has no maximum inside the parameter space when nobody churns or everybody
 * churns at the first renewal (it keeps rising towards θ ≡ 0 or θ ≡ 1), or when retention does
 * not rise over time (the limit α, β → ∞ with α/(α + β) fixed: one θ for all, a geometric
 * lifetime); and one period alone identifies only α/(α + β). Then the best point found is
 * returned with `converged: false` and null standard errors; an estimate outside
 * [1e-6, 1e7] counts as such an edge.
 *
 * Lifetime values, with d the discount rate per period (Fader & Hardie 2010):
 * ```text
 * DEL(d)     = Σ_{t≥0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d))
 * DERL(d, n) = Σ_{t≥n} S(t)/S(n−1) / (1 + d)^(t−n)
 *            = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d))
 * ```
 * for a customer who has made n − 1 renewals, valued just before the n-th. Multiply by the
 * margin per period for the expected (residual) lifetime value. With d = 0 these are
 * (α + β − 1)/(α − 1) and (β + n − 1)/(α − 1), finite only when α > 1.
 *
 * @example
 * The "regular" cohort of Fader & Hardie (2007), fitted on years 1–7:
 * ```ts
 * const model = fitShiftedBetaGeometric({
 *   alive: [1000, 631, 468, 382, 326, 289, 262, 241],
 *   unit: 'year',
 * })
 * round(model.params.alpha, 3).toString() //=> '0.704'
 * round(model.params.beta, 3).toString() //=> '1.182'
 * round(model.retentionRate(8), 4).toString() //=> '0.9208'
 * round(model.expectedAlive(12), 1).toString() //=> '170'
 * round(model.discountedExpectedLifetime({ discountRate: 0.1 }), 3).toString() //=> '3.695'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` when the input is not an object or `alive`
 *   is not an array; `EMPTY` when `alive` is empty; `OUT_OF_RANGE` when it has one entry;
 *   `NEGATIVE` / `NOT_INTEGER` for a count that is not a whole number ≥ 0; `ZERO_DENOMINATOR`
 *   when `alive[0]` is 0; `INCONSISTENT` when a count rises; `INVALID_OPTION` for an unknown `unit`.
 *   The methods throw `NOT_INTEGER`, `NEGATIVE` or `OUT_OF_RANGE` for a bad `t` or `renewals`,
 *   `NEGATIVE` for a negative `discountRate`, and `OUT_OF_RANGE` for `discountRate` 0 when α ≤ 1.
 * @see Fader & Hardie (2007), "How to Project Customer Retention", Journal of Interactive
 *   Marketing 21(1), 76–90; Fader & Hardie (2010), "Customer-Base Valuation in a Contractual
 *   Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1), 85–93.
 * @category Models
 */
export function fitShiftedBetaGeometric(
  input: ShiftedBetaGeometricInput,
): ShiftedBetaGeometricModel {
  const given = record<ShiftedBetaGeometricInput>(input, FN);
  const raw: unknown = given.alive;
  if (!Array.isArray(raw)) fail(FN, "alive", "NOT_A_NUMBER", "must be an array of counts", raw);
  if (raw.length === 0) fail(FN, "alive", "EMPTY", "must not be empty", raw);
  if (raw.length < 2) {
    fail(
      FN,
      "alive",
      "OUT_OF_RANGE",
      "must have at least 2 entries (a cohort and one renewal)",
      raw,
    );
  }
  const unit = unitOption(given.unit, FN);
  const alive: number[] = [];
  raw.forEach((value: unknown, t: number) => {
    const n = intNumber(value, FN, `alive[${t}]`);
    if (t === 0 && n === 0)
      fail(FN, "alive[0]", "ZERO_DENOMINATOR", "must be greater than 0", value);
    if (t > 0 && n > (alive[t - 1] as number)) {
      fail(
        FN,
        `alive[${t}]`,
        "INCONSISTENT",
        `must not exceed alive[${t - 1}] = ${alive[t - 1]}`,
        value,
      );
    }
    alive.push(n);
  });

  const periods = alive.length - 1;
  const churned = new Float64Array(periods);
  for (let t = 1; t <= periods; t++)
    churned[t - 1] = (alive[t - 1] as number) - (alive[t] as number);
  const cohort = alive[0] as number;
  const survivors = alive[periods] as number;
  const nll: Objective = (theta) =>
    -logLikelihood(theta[0] as number, theta[1] as number, churned, survivors);

  // Starts: α ∈ {0.3, 1, 3} with β matching the first period's churn share p = α / (α + β).
  const p = Math.min(Math.max((churned[0] as number) / cohort, 0.01), 0.99);
  const starts = [0.3, 1, 3].map((a) => [a, (a * (1 - p)) / p]);
  const fit = minimizePositive(nll, starts, { exploreTolerance: 1e-2 });
  const alpha = fit.x[0] as number;
  const beta = fit.x[1] as number;
  // No maximum inside the parameter space when nobody churns, everybody churns at once, or
  // retention does not rise (the geometric limit α, β → ∞); one period identifies α/(α+β) only.
  const edge =
    survivors === cohort ||
    churned[0] === cohort ||
    periods === 1 ||
    !(alpha >= EDGE_LOW && alpha <= EDGE_HIGH && beta >= EDGE_LOW && beta <= EDGE_HIGH);
  const converged = fit.converged && !edge;
  const standardErrors = converged
    ? standardErrorRecord(NAMES, nll, fit.x)
    : Object.freeze({ alpha: null, beta: null });

  const lnB = lnBeta(alpha, beta);
  const survival = (t: number): number => Math.exp(lnBeta(alpha, beta + t) - lnB);
  const discountRate = (value: unknown, fn: string): number => {
    const d = nonNegative(value, fn, "discountRate").toNumber();
    if (d === 0 && !(alpha > 1)) {
      fail(
        fn,
        "discountRate",
        "OUT_OF_RANGE",
        `must be greater than 0 when alpha ≤ 1 (alpha = ${alpha}; the undiscounted lifetime is infinite)`,
        value,
      );
    }
    return d;
  };

  return Object.freeze({
    params: decimalRecord(NAMES, fit.x),
    logLikelihood: fromFloat(-fit.fx),
    standardErrors,
    converged,
    iterations: fit.iterations,
    unit,
    customers: cohort,
    survival(t: Numeric): Decimal {
      return fromFloat(survival(periodNumber(t, "survival", "t", 0)));
    },
    retentionRate(t: Numeric): Decimal {
      const n = periodNumber(t, "retentionRate", "t", 1);
      return fromFloat((beta + n - 1) / (alpha + beta + n - 1));
    },
    expectedAlive(t: Numeric): Decimal {
      return fromFloat(survival(periodNumber(t, "expectedAlive", "t", 0))).times(cohort);
    },
    discountedExpectedLifetime(lifetimeInput: DiscountedLifetimeInput): Decimal {
      const fn = "discountedExpectedLifetime";
      const given = record<DiscountedLifetimeInput>(lifetimeInput, fn);
      const d = discountRate(given.discountRate, fn);
      if (d === 0) return fromFloat((alpha + beta - 1) / (alpha - 1));
      return fromFloat(hyp2f1(1, beta, alpha + beta, 1 / (1 + d)));
    },
    discountedExpectedResidualLifetime(residualInput: DiscountedResidualLifetimeInput): Decimal {
      const fn = "discountedExpectedResidualLifetime";
      const given = record<DiscountedResidualLifetimeInput>(residualInput, fn);
      const d = discountRate(given.discountRate, fn);
      const n = periodNumber(given.renewals, fn, "renewals", 0) + 1;
      if (d === 0) return fromFloat((beta + n - 1) / (alpha - 1));
      const renew = (beta + n - 1) / (alpha + beta + n - 1);
      return fromFloat(renew * hyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + d)));
    },
  });
}
