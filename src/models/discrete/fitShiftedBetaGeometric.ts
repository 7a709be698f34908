import { fail, intNumber, nonNegative, record } from "../../_lib/assert.js";
import { Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import { minimizePositive } from "../_math/minimizePositive.js";
import type { Objective } from "../_math/nelderMead.js";
import type { FittedModel } from "../purchase/types.js";
import { lnComplement, lnMeanInverse, lnSurvivalRatio } from "./_math.js";
import { decimalRecord, standardErrorRecord, unitOption } from "./_shared.js";

const FN = "fitShiftedBetaGeometric";
const NAMES = ["alpha", "beta"] as const;
/** Estimates outside [EDGE_LOW, EDGE_HIGH] are taken as a maximum on the edge; limit fits report a point of its boundary. */
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
    // (t − 1) added last: α + β + t − 1 would round α + β away when they are tiny.
    const denominator = Math.log(alpha + beta + (t - 1));
    const c = churned[t - 1] as number;
    if (c > 0) ll += c * (lnS + lnAlpha - denominator);
    lnS += lnComplement(alpha, beta + (t - 1), alpha + beta + (t - 1));
  }
  return survivors > 0 ? ll + survivors * lnS : ll;
}

/** n ln(n / total) with 0 ln 0 = 0. */
function xLogShare(n: number, total: number): number {
  return n > 0 ? n * Math.log(n / total) : 0;
}

/**
 * The survivor curve a fit predicts with: the sBG itself, or one of the two limits its
 * likelihood can climb towards without reaching: a geometric lifetime with churn p for every
 * customer (α, β → ∞ with α/(α + β) = p; p = 0 is α → 0, p = 1 is β → 0), or a share π who
 * churn at the first renewal while the others never do (α, β → 0 with α/(α + β) = π).
 */
type Curve =
  | { readonly kind: "sbg"; readonly alpha: number; readonly beta: number }
  | { readonly kind: "geometric"; readonly p: number; readonly exact: Decimal }
  | { readonly kind: "twoPoint"; readonly pi: number; readonly exact: Decimal };

function lnSurvival(curve: Curve, t: number): number {
  if (t === 0) return 0;
  switch (curve.kind) {
    case "sbg":
      // Term by term up to 256 periods: S(t) then falls exactly, ulp by ulp.
      return lnSurvivalRatio(curve.beta, curve.alpha, t, 256);
    case "geometric":
      return curve.p === 1 ? Number.NEGATIVE_INFINITY : t * Math.log1p(-curve.p);
    case "twoPoint":
      return Math.log1p(-curve.pi);
  }
}

function retention(curve: Curve, t: number): number {
  switch (curve.kind) {
    case "sbg":
      return (curve.beta + (t - 1)) / (curve.alpha + curve.beta + (t - 1));
    case "geometric":
      return 1 - curve.p;
    case "twoPoint":
      return t === 1 ? 1 - curve.pi : 1;
  }
}

/** e^x as a Decimal, also beyond the float64 range. */
function expDecimal(x: number): Decimal {
  return x < 700 ? fromFloat(Math.exp(x)) : new Decimal(x).exp();
}

/**
 * Σ_{t≥n} S(t)/S(n−1) / (1 + d)^(t−n+1) · (1 + d): the discounted number of periods paid for
 * from renewal n on by a customer active after n − 1 renewals (n = 0: DEL, a new customer whose
 * first payment counts in full). d > 0; `lnD` = ln d.
 */
function discountedLifetime(curve: Curve, d: Decimal, n: number): Decimal {
  const dNumber = d.toNumber();
  switch (curve.kind) {
    case "sbg": {
      const { alpha } = curve;
      const lnD = dNumber >= 1e-300 ? Math.log(dNumber) : d.ln().toNumber();
      if (n === 0) {
        // DEL = (1 + d) E[1/(θ + d)], θ ~ Beta(α, β); at least S(0) = 1.
        const del = expDecimal(Math.log1p(dNumber) + lnMeanInverse(alpha, curve.beta, lnD));
        return del.lt(1) ? new Decimal(1) : del;
      }
      // DERL = (1 + d) E[(1 − θ)/(θ + d)], θ ~ Beta(α, β + n − 1), the customers left after
      // n − 1 renewals: (1 + d) b/(α + b) E[1/(θ + d)], θ ~ Beta(α, b + 1), b = β + n − 1.
      const b = curve.beta + (n - 1);
      return expDecimal(
        Math.log1p(dNumber) - Math.log1p(alpha / b) + lnMeanInverse(alpha, b + 1, lnD),
      );
    }
    case "geometric": {
      // Σ_{k≥0} (1 − p)^k / (1 + d)^k = (1 + d)/(p + d); times (1 − p) after a renewal.
      const p = curve.exact;
      const all = d.plus(1).div(p.plus(d));
      return n === 0 ? all : all.times(new Decimal(1).minus(p));
    }
    case "twoPoint": {
      // Those left after the first renewal stay: Σ_{k≥0} (1 + d)^−k = (1 + d)/d.
      const stay = d.plus(1).div(d);
      const share = new Decimal(1).minus(curve.exact);
      if (n === 0) return share.div(d).plus(1);
      return n === 1 ? stay.times(share) : stay;
    }
  }
}

/** Whether the undiscounted lifetime of the curve is finite. */
function finiteLifetime(curve: Curve): boolean {
  switch (curve.kind) {
    case "sbg":
      return curve.alpha > 1;
    case "geometric":
      return curve.p > 0;
    case "twoPoint":
      return false;
  }
}

/** The undiscounted counterpart of {@link discountedLifetime}, for a curve with a finite lifetime. */
function lifetime(curve: Curve, n: number): Decimal {
  switch (curve.kind) {
    case "sbg": {
      // Σ_{t≥0} S(t) = (α + β − 1)/(α − 1); from renewal n on: (β + n − 1)/(α − 1).
      const { alpha, beta } = curve;
      return fromFloat(n === 0 ? (alpha + beta - 1) / (alpha - 1) : (beta + (n - 1)) / (alpha - 1));
    }
    case "geometric": {
      const p = curve.exact;
      const all = new Decimal(1).div(p);
      return n === 0 ? all : all.times(new Decimal(1).minus(p));
    }
    case "twoPoint":
      throw new Error("customer-metrics: internal error, infinite lifetime");
  }
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
 * The likelihood can keep rising towards the edge of the parameter space instead: towards
 * α, β → ∞ with α/(α + β) = p (retention that does not rise: one θ = p for all, a geometric
 * lifetime; p = 0 when nobody churns, p = 1 when everybody churns at the first renewal), or
 * towards α, β → 0 with α/(α + β) = π (a share π churns at the first renewal, nobody after).
 * Both limits have closed-form estimates, p = churned / (churned + survivals summed over the
 * periods) and π = churned at the first renewal / cohort. When one of them is at least as likely
 * as the best point of the search (one period alone identifies only α/(α + β), and gives the
 * geometric limit), the fit returns that limit:
 * - `converged: false`, null standard errors, `logLikelihood` the limit's (the supremum);
 * - `params`: a finite point on the way to the limit, on the edge of [1e-6, 1e7]² (geometric:
 *   the larger of α, β is 1e7; two-point: the smaller is 1e-6), with α/(α + β) = p or π;
 * - predictions of the limit itself, exactly: S(t) = (1 − p)^t, r(t) = 1 − p,
 *   DEL = (1 + d)/(p + d); or S(t) = 1 − π and r(t) = 1 for t ≥ 1, DEL = 1 + (1 − π)/d.
 * Any other search that ends outside [1e-6, 1e7] or fails to converge also reports
 * `converged: false`. Predictions are finite and in range for any estimate: S(t) is a sum of
 * log1p terms up to t = 256, then Stirling's series arranged without cancellation.
 *
 * Lifetime values, with d the discount rate per period (Fader & Hardie 2010):
 * ```text
 * DEL(d)     = Σ_{t≥0} S(t) / (1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)) = (1 + d) E[1/(θ + d)]
 * DERL(d, n) = Σ_{t≥n} S(t)/S(n−1) / (1 + d)^(t−n)
 *            = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d))
 * ```
 * for a customer who has made n − 1 renewals, valued just before the n-th. Multiply by the
 * margin per period for the expected (residual) lifetime value. The expectation over
 * θ ~ Beta(α, β) is taken by the trapezoidal rule in ln(θ/(1 − θ)) (geometric convergence,
 * about 1e-13 relative), accurate for every discount rate from 5e-324 to 1.8e308 and up to
 * 2^53 − 1 renewals; values beyond the float64 range (tiny d with small α) are returned as
 * Decimals. With d = 0 these are (α + β − 1)/(α − 1) and (β + n − 1)/(α − 1), finite only
 * when α > 1 (geometric limit: 1/p, finite when p > 0; two-point limit: infinite).
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
 *   The methods throw `NOT_INTEGER`, `NEGATIVE` or `OUT_OF_RANGE` for a bad `t` or `renewals`
 *   (beyond 2^53 − 1 included), `NEGATIVE` for a negative `discountRate`, and `OUT_OF_RANGE` for
 *   `discountRate` 0 when the undiscounted lifetime is infinite (α ≤ 1, or a limit fit where
 *   nobody churns after the first renewal).
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
  const fitted = -fit.fx;
  const inside = Array.from(fit.x).every((v) => v >= EDGE_LOW && v <= EDGE_HIGH);

  // The limits the likelihood may climb towards (see remarks), in closed form.
  const lost = cohort - survivors;
  let exposed = 0;
  for (let t = 1; t <= periods; t++) exposed += alive[t] as number;
  const pHat = lost / (lost + exposed);
  const geometricLL = xLogShare(lost, lost + exposed) + xLogShare(exposed, lost + exposed);
  const first = churned[0] as number;
  const twoPointLL =
    periods > 1 && first > 0 && first < cohort && survivors === cohort - first
      ? xLogShare(first, cohort) + xLogShare(cohort - first, cohort)
      : Number.NEGATIVE_INFINITY;
  const limitLL = Math.max(geometricLL, twoPointLL);
  // A limit at least as likely as the point found (to rounding) is the estimate.
  const atLimit = limitLL >= fitted - 1e-12 * (1 + Math.abs(fitted));

  let curve: Curve;
  let params: Float64Array;
  let logLikelihoodValue: number;
  if (atLimit && twoPointLL > geometricLL) {
    const pi = first / cohort;
    curve = { kind: "twoPoint", pi, exact: new Decimal(first).div(cohort) };
    const scale = EDGE_LOW / Math.min(pi, 1 - pi);
    params = Float64Array.of(pi * scale, (1 - pi) * scale);
    logLikelihoodValue = twoPointLL;
  } else if (atLimit) {
    // p̂ exactly: the counts are whole numbers, their sum may pass 2^53.
    const exposedExact = alive.slice(1).reduce((sum: Decimal, n) => sum.plus(n), new Decimal(0));
    curve = { kind: "geometric", p: pHat, exact: new Decimal(lost).div(exposedExact.plus(lost)) };
    params =
      pHat === 0
        ? Float64Array.of(EDGE_LOW, EDGE_HIGH)
        : pHat === 1
          ? Float64Array.of(EDGE_HIGH, EDGE_LOW)
          : Float64Array.of(
              (pHat * EDGE_HIGH) / Math.max(pHat, 1 - pHat),
              ((1 - pHat) * EDGE_HIGH) / Math.max(pHat, 1 - pHat),
            );
    logLikelihoodValue = geometricLL;
  } else {
    curve = { kind: "sbg", alpha: fit.x[0] as number, beta: fit.x[1] as number };
    params = fit.x;
    logLikelihoodValue = fitted;
  }
  const converged = fit.converged && inside && !atLimit;
  const standardErrors = converged
    ? standardErrorRecord(NAMES, nll, fit.x)
    : Object.freeze({ alpha: null, beta: null });
  const alphaReported = params[0] as number;

  const survival = (t: number): number => Math.min(1, Math.exp(lnSurvival(curve, t)));
  const discountRate = (value: unknown, fn: string): Decimal => {
    const d = nonNegative(value, fn, "discountRate");
    if (d.isZero() && !finiteLifetime(curve)) {
      fail(
        fn,
        "discountRate",
        "OUT_OF_RANGE",
        `must be greater than 0 when alpha ≤ 1 (alpha = ${alphaReported}; the undiscounted lifetime is infinite)`,
        value,
      );
    }
    return d;
  };
  const lifetimeValue = (d: Decimal, n: number): Decimal =>
    d.isZero() ? lifetime(curve, n) : discountedLifetime(curve, d, n);

  return Object.freeze({
    params: decimalRecord(NAMES, params),
    logLikelihood: fromFloat(logLikelihoodValue),
    standardErrors,
    converged,
    iterations: fit.iterations,
    unit,
    customers: cohort,
    survival(t: Numeric): Decimal {
      return fromFloat(survival(periodNumber(t, "survival", "t", 0)));
    },
    retentionRate(t: Numeric): Decimal {
      return fromFloat(retention(curve, periodNumber(t, "retentionRate", "t", 1)));
    },
    expectedAlive(t: Numeric): Decimal {
      return fromFloat(survival(periodNumber(t, "expectedAlive", "t", 0))).times(cohort);
    },
    discountedExpectedLifetime(lifetimeInput: DiscountedLifetimeInput): Decimal {
      const fn = "discountedExpectedLifetime";
      const given = record<DiscountedLifetimeInput>(lifetimeInput, fn);
      return lifetimeValue(discountRate(given.discountRate, fn), 0);
    },
    discountedExpectedResidualLifetime(residualInput: DiscountedResidualLifetimeInput): Decimal {
      const fn = "discountedExpectedResidualLifetime";
      const given = record<DiscountedResidualLifetimeInput>(residualInput, fn);
      const d = discountRate(given.discountRate, fn);
      return lifetimeValue(d, periodNumber(given.renewals, fn, "renewals", 0) + 1);
    },
  });
}
