import { fail, intNumber, nonNegative, options, record } from "../../_lib/assert.js";
import { Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import { minimizePositive } from "../_math/minimizePositive.js";
import type { Objective } from "../_math/nelderMead.js";
import type { FittedModel } from "../purchase/types.js";
import { lnLikelihood, lnSurvivalSum, negLogLikelihood, survivalSum } from "./_bgbbMath.js";
import { lnBetaRatio, lnSurvivalRatio } from "./_math.js";
import { decimalRecord, standardErrorRecord, unitOption } from "./_shared.js";

const FN = "fitBetaGeometricBetaBinomial";
const NAMES = ["alpha", "beta", "gamma", "delta"] as const;
const EDGE_LOW = 1e-6;
const EDGE_HIGH = 1e7;
/** The search box: the likelihood is read at the nearest point of [1e-8, 1e9]^4. */
const SEARCH_LOW = 1e-8;
const SEARCH_HIGH = 1e9;

/**
 * One customer's history over n discrete transaction opportunities, as the BG/BB model reads it.
 *
 * @category Models
 */
export interface TransactionOpportunityHistory {
  /** x: opportunities with a transaction; a whole number, 0 ≤ x ≤ recency. */
  readonly frequency: Numeric;
  /** t_x: the opportunity of the last transaction (1…n), 0 when there was none. */
  readonly recency: Numeric;
  /** n: opportunities observed (periods since the first, which is not counted); a whole number ≥ 1. */
  readonly periods: Numeric;
}

/**
 * A row of the data {@link fitBetaGeometricBetaBinomial} is fitted to.
 *
 * @category Models
 */
export interface TransactionOpportunityRow extends TransactionOpportunityHistory {
  /** How many customers share this history (default 1; ≥ 0, rows of weight 0 are skipped). */
  readonly weight?: Numeric | undefined;
}

/**
 * Options of {@link fitBetaGeometricBetaBinomial}.
 *
 * @category Models
 */
export interface BetaGeometricBetaBinomialOptions {
  /** The length of one transaction opportunity (`'year'` for annual campaigns); carried by the model. */
  readonly unit?: Period | undefined;
}

/**
 * Options of {@link BetaGeometricBetaBinomialModel.probabilityAlive}.
 *
 * @category Models
 */
export interface ProbabilityAliveOptions {
  /**
   * Alive at opportunity n + `periodsAhead` (a whole number ≥ 0). Default 1: alive at the next
   * opportunity, as in Fader, Hardie & Shang (2010); 0 is alive at the last one observed.
   */
  readonly periodsAhead?: Numeric | undefined;
}

/**
 * A fitted beta-geometric/beta-binomial (BG/BB) model.
 *
 * @remarks
 * Opportunities count in whole periods of the model's `unit`.
 *
 * @category Models
 */
export interface BetaGeometricBetaBinomialModel
  extends FittedModel<"alpha" | "beta" | "gamma" | "delta"> {
  /** The length of one opportunity, as given in the options; `null` when none was given. */
  readonly unit: Period | null;
  /** Number of customers fitted (the sum of the weights). */
  readonly customers: number;
  /** E[X(n)]: expected transactions of a new customer in the first n opportunities. */
  expectedTransactions(periods: Numeric): Decimal;
  /** E[X(n, n + n*) | x, t_x, n]: expected transactions of the customer in the next n* opportunities. */
  conditionalExpectedTransactions(
    customer: TransactionOpportunityHistory,
    periods: Numeric,
  ): Decimal;
  /** P(alive at opportunity n + k | x, t_x, n), k = `periodsAhead` (default 1). */
  probabilityAlive(
    customer: TransactionOpportunityHistory,
    options?: ProbabilityAliveOptions,
  ): Decimal;
}

interface History {
  x: number;
  tx: number;
  n: number;
}

/** A whole number ≥ 0 as a float; fast path for plain numbers. */
function countNumber(value: unknown, fn: string, field: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value + 0;
  return intNumber(value, fn, field);
}

function readHistory(value: unknown, fn: string, field: string): History {
  const prefix = field === "" ? "" : `${field}.`;
  const row = record<Record<string, unknown>>(value, fn, field === "" ? "customer" : field);
  const x = countNumber(row.frequency, fn, `${prefix}frequency`);
  const tx = countNumber(row.recency, fn, `${prefix}recency`);
  const n = countNumber(row.periods, fn, `${prefix}periods`);
  if (n < 1) fail(fn, `${prefix}periods`, "OUT_OF_RANGE", "must be at least 1", row.periods);
  if (x > tx) {
    fail(
      fn,
      `${prefix}frequency`,
      "INCONSISTENT",
      `must not exceed recency (${tx})`,
      row.frequency,
    );
  }
  if (tx > n) {
    fail(fn, `${prefix}recency`, "INCONSISTENT", `must not exceed periods (${n})`, row.recency);
  }
  if (tx > 0 && x === 0) {
    fail(
      fn,
      `${prefix}recency`,
      "INCONSISTENT",
      "must be 0 when frequency is 0 (recency is the opportunity of the last transaction)",
      row.recency,
    );
  }
  return { x, tx, n };
}

/** A frozen record of standard errors, each multiplied by `factor`. */
function scaleRecord<P extends string>(
  errors: Readonly<Record<P, Decimal | null>>,
  factor: number,
): Readonly<Record<P, Decimal | null>> {
  if (factor === 1) return errors;
  const out = {} as Record<P, Decimal | null>;
  for (const name of Object.keys(errors) as P[]) {
    const v = errors[name];
    out[name] = v === null ? null : v.times(factor);
  }
  return Object.freeze(out);
}

function horizon(value: unknown, fn: string): number {
  return intNumber(value, fn, "periods");
}

/** Weights summing beyond this are scaled down by a power of two inside the fit. */
const WEIGHT_SCALE_FROM = 9_007_199_254_740_992; // 2^53

/** A float clamped to [low, high] (rounding can step an ulp outside a bound). */
function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Fit the beta-geometric/beta-binomial (BG/BB) model of Fader, Hardie & Shang to customers'
 * transaction histories over discrete opportunities (annual donations, yearly events).
 *
 * @remarks
 * While alive, a customer transacts at each opportunity with probability p; before each
 * opportunity a live customer dies with probability θ. Across customers p ~ Beta(α, β) and
 * θ ~ Beta(γ, δ). For a customer with x transactions in n opportunities, the last at t_x:
 * ```text
 * L(α, β, γ, δ | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * E[X(n)] = α/(α+β) · Σ_{t=1}^{n} B(γ, δ+t)/B(γ,δ)
 *         = α/(α+β) · δ/(γ−1) · (1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ)))
 * E[X(n, n+n*) | x, t_x, n] = B(α+x+1, β+n−x)/B(α,β) · Σ_{t=n+1}^{n+n*} B(γ, δ+t)/B(γ,δ) / L
 * P(alive at n+k | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+k)/B(γ,δ) / L
 * ```
 * (FHS 2010, eqs. 5, 8, 13 and 11). The sums over periods are evaluated period by period up to
 * 10,000 terms, which stays exact at γ = 1 where the closed form divides by zero, then by the
 * Euler–Maclaurin formula (the terms vary slowly by then): the cost does not grow with the
 * number of periods, and periods and horizons may reach 2^53 − 1. Beta-function ratios are
 * formed without subtracting large ln B values, so predictions stay accurate for parameters far
 * from 1. Identical histories are merged, so one row per customer and one row per pattern with
 * a `weight` give the same fit; weights summing beyond 2^53 are scaled down by a power of two
 * inside the fit (the estimates do not depend on a common factor; the log-likelihood and the
 * standard errors are scaled back). α, β, γ, δ are maximum-likelihood estimates (Nelder–Mead on
 * their logarithms from three starting points, polished by BFGS), searched within [1e-8, 1e9];
 * standard errors come from the numeric Hessian. When the likelihood keeps rising towards the
 * edge of the parameter space (an estimate outside [1e-6, 1e7], e.g. nobody ever transacts, or
 * everybody transacts every time, or a single customer) the fit returns `converged: false`,
 * null standard errors and the estimate where the search stopped (within [1e-8, 1e9]); its
 * predictions are finite and in range like any other: probabilities in [0, 1], expected
 * transactions between 0 and the number of opportunities.
 *
 * @example
 * The donation histories of Fader, Hardie & Shang (2010): 11,104 first-time supporters of a
 * charity in 1995, observed over the six annual opportunities 1996–2001.
 * ```ts
 * const model = fitBetaGeometricBetaBinomial(
 *   [
 *     { frequency: 6, recency: 6, periods: 6, weight: 1203 },
 *     // … the other 21 patterns of donations.csv
 *   ],
 *   { unit: 'year' },
 * )
 * round(model.params.alpha, 3).toString() //=> '1.204'
 * round(model.logLikelihood, 1).toString() //=> '-33225.6'
 * round(model.probabilityAlive({ frequency: 6, recency: 6, periods: 6 }), 4).toString() //=> '0.9304'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` when `rows` is not an array, a row is not an
 *   object or a field is missing; `EMPTY` when there are no rows or every weight is 0;
 *   `NEGATIVE` / `NOT_INTEGER` for a count that is not a whole number ≥ 0, `NEGATIVE` for a
 *   negative weight; `OUT_OF_RANGE` for periods 0 or beyond 2^53 − 1, and for a weight that takes
 *   the sum of the weights beyond the float64 range (naming that row); `INCONSISTENT` unless
 *   frequency ≤ recency ≤ periods and recency is 0 exactly when frequency is 0;
 *   `INVALID_OPTION` for an unknown `unit` or options that are not an object. The methods
 *   throw the same codes for the customer and the number of periods.
 * @see Fader, Hardie & Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
 *   Setting", Marketing Science 29(6), 1086–1108.
 * @category Models
 */
export function fitBetaGeometricBetaBinomial(
  rows: readonly TransactionOpportunityRow[],
  fitOptions?: BetaGeometricBetaBinomialOptions,
): BetaGeometricBetaBinomialModel {
  if (!Array.isArray(rows)) fail(FN, "rows", "NOT_A_NUMBER", "must be an array of rows", rows);
  const opts = options<BetaGeometricBetaBinomialOptions>(fitOptions, FN);
  const unit = unitOption(opts.unit, FN);
  if (rows.length === 0) fail(FN, "rows", "EMPTY", "must not be empty", rows);

  // Merge identical histories.
  const merged = new Map<string, { h: History; w: number }>();
  let customers = 0;
  rows.forEach((row: unknown, i: number) => {
    const field = `rows[${i}]`;
    const h = readHistory(row, FN, field);
    const rawWeight = (row as Record<string, unknown>).weight;
    let w = 1;
    if (rawWeight !== undefined) {
      w =
        typeof rawWeight === "number" && Number.isFinite(rawWeight) && rawWeight >= 0
          ? rawWeight
          : nonNegative(rawWeight, FN, `${field}.weight`).toNumber();
    }
    if (w === 0) return;
    if (!Number.isFinite(customers + w)) {
      fail(
        FN,
        `${field}.weight`,
        "OUT_OF_RANGE",
        `must keep the sum of the weights within the float64 range (sum of the rows before: ${customers})`,
        rawWeight,
      );
    }
    const key = `${h.x},${h.tx},${h.n}`;
    const entry = merged.get(key);
    if (entry === undefined) merged.set(key, { h, w });
    else entry.w += w;
    customers += w;
  });
  if (merged.size === 0) fail(FN, "rows", "EMPTY", "must contain a row of weight > 0", rows);

  const size = merged.size;
  const xs = new Float64Array(size);
  const txs = new Float64Array(size);
  const ns = new Float64Array(size);
  const ws = new Float64Array(size);
  // The estimates do not change when every weight is multiplied by one factor: beyond 2^53
  // the weights are scaled by a power of two (exact), so the log-likelihood cannot overflow.
  let halvings = 0;
  while (customers * 2 ** -halvings > WEIGHT_SCALE_FROM) halvings++;
  const weightScale = 2 ** -halvings;
  let k = 0;
  let transactions = 0;
  let opportunities = 0;
  for (const { h, w } of merged.values()) {
    xs[k] = h.x;
    txs[k] = h.tx;
    ns[k] = h.n;
    ws[k] = w * weightScale;
    transactions += w * weightScale * h.x;
    opportunities += w * weightScale * h.n;
    k++;
  }

  const rawNll = negLogLikelihood(xs, txs, ns, ws);
  const boxed = new Float64Array(4);
  const toBox = (theta: ArrayLike<number>, out: Float64Array): Float64Array => {
    for (let i = 0; i < 4; i++) out[i] = clamp(theta[i] as number, SEARCH_LOW, SEARCH_HIGH);
    return out;
  };
  // Flat outside the box: a likelihood that keeps rising towards an edge stops there.
  const nll: Objective = (theta) => rawNll(toBox(theta, boxed));

  // Starts: transaction share p̄ = Σx / Σn split into α, β at a few concentrations.
  const share = Math.min(Math.max(transactions / opportunities, 0.05), 0.95);
  const starts = [
    [share, 1 - share, 1, 1],
    [2 * share, 2 * (1 - share), 0.5, 3],
    [0.5 * share, 0.5 * (1 - share), 2, 0.5],
  ];
  const fit = minimizePositive(nll, starts, { exploreTolerance: 1e-2 });
  const estimate = toBox(fit.x, new Float64Array(4));
  const [alpha, beta, gamma, delta] = Array.from(estimate) as [number, number, number, number];
  const inside = Array.from(estimate).every((v) => v >= EDGE_LOW && v <= EDGE_HIGH);
  const converged = fit.converged && inside;
  // nll is the scaled one: the information of the data is 1/weightScale times its Hessian.
  const standardErrors = converged
    ? scaleRecord(standardErrorRecord(NAMES, nll, estimate), Math.sqrt(weightScale))
    : Object.freeze({ alpha: null, beta: null, gamma: null, delta: null });

  const lnL = (h: History): number => lnLikelihood(alpha, beta, gamma, delta, h.x, h.tx, h.n);

  return Object.freeze({
    params: decimalRecord(NAMES, estimate),
    // A log-probability: rounding can lift a perfect fit an ulp above 0.
    logLikelihood:
      halvings === 0
        ? fromFloat(Math.min(0, -fit.fx))
        : fromFloat(Math.min(0, -fit.fx)).times(new Decimal(2).pow(halvings)),
    standardErrors,
    converged,
    iterations: fit.iterations,
    unit,
    customers,
    expectedTransactions(periods: Numeric): Decimal {
      const n = horizon(periods, "expectedTransactions");
      // At most one transaction per opportunity.
      return fromFloat(clamp((alpha / (alpha + beta)) * survivalSum(gamma, delta, 0, n), 0, n));
    },
    conditionalExpectedTransactions(
      customer: TransactionOpportunityHistory,
      periods: Numeric,
    ): Decimal {
      const fn = "conditionalExpectedTransactions";
      const h = readHistory(customer, fn, "");
      const m = horizon(periods, fn);
      if (m === 0) return fromFloat(0);
      const lnP = lnBetaRatio(alpha, beta, h.x + 1, h.n - h.x) - lnL(h);
      return fromFloat(clamp(Math.exp(lnP + lnSurvivalSum(gamma, delta, h.n, m)), 0, m));
    },
    probabilityAlive(
      customer: TransactionOpportunityHistory,
      aliveOptions?: ProbabilityAliveOptions,
    ): Decimal {
      const fn = "probabilityAlive";
      const h = readHistory(customer, fn, "");
      const o = options<ProbabilityAliveOptions>(aliveOptions, fn);
      const ahead =
        o.periodsAhead === undefined ? 1 : intNumber(o.periodsAhead, fn, "periodsAhead");
      const lnP =
        lnBetaRatio(alpha, beta, h.x, h.n - h.x) +
        lnSurvivalRatio(delta, gamma, h.n + ahead) -
        lnL(h);
      // Rounding can lift a probability of 1 by an ulp.
      return fromFloat(clamp(Math.exp(lnP), 0, 1));
    },
  });
}
