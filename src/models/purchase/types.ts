/**
 * Public types of the purchase models.
 */
import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import type { Duration } from "./_units.js";

/**
 * One customer's purchase history, as the purchase models read it (a {@link CustomerSummary}
 * row fits).
 *
 * @category Models
 */
export interface PurchaseHistory {
  /** x: the number of repeat purchases (purchase days after the first); a whole number ≥ 0. */
  readonly frequency: Numeric;
  /** t_x: time from the first to the last purchase, in the model's unit; 0 when x = 0. */
  readonly recency: Numeric;
  /** T: time from the first purchase to the end of observation, in the model's unit; ≥ recency. */
  readonly T: Numeric;
}

/**
 * A row of the data a purchase model is fitted to.
 *
 * @category Models
 */
export interface PurchaseSummaryRow extends PurchaseHistory {
  /** How many customers share this history (default 1); rows of weight 0 are skipped. */
  readonly weight?: Numeric | undefined;
  /** The unit `recency` and `T` are in (set by {@link summarizeTransactions}). */
  readonly unit?: Period | undefined;
}

/**
 * Options of {@link fitBetaGeometricNBD} and {@link fitParetoNBD}.
 *
 * @category Models
 */
export interface PurchaseModelFitOptions {
  /**
   * The unit `recency` and `T` are measured in. Required unless the rows carry `unit` (as the
   * rows of {@link summarizeTransactions} do); when both are given they must agree.
   */
  readonly unit?: Period | undefined;
  /**
   * An L2 penalty c ≥ 0 on the parameters, as lifetimes' `penalizer_coef` (default 0, none):
   * the fit maximises the penalized log-likelihood
   * ```text
   * LL(θ)/N − c · Σ θ̃²
   * ```
   * with N the number of customers and θ̃ the parameters with the time scales (α, and β of
   * Pareto/NBD) in units of the largest T, as lifetimes fits them (so the penalty does not
   * depend on the time unit). It pulls the estimates towards 0 and keeps fits that would run
   * to a boundary finite. The estimates are then NOT maximum-likelihood estimates: `params` is
   * the maximum of the penalized objective, `logLikelihood` the (unpenalized) log-likelihood
   * there, and `standardErrors` come from the curvature of the penalized objective.
   */
  readonly penalizer?: Numeric | undefined;
}

/**
 * One customer's spend history, as {@link fitGammaGamma} reads it.
 *
 * @category Models
 */
export interface SpendHistory {
  /** x: the number of repeat purchases. */
  readonly frequency: Numeric;
  /** z̄: mean amount of the repeat purchases (the first purchase left out). */
  readonly monetaryValue: Numeric;
}

/**
 * Anything that predicts a customer's mean spend per future purchase, such as a
 * {@link GammaGammaModel}.
 *
 * @category Models
 */
export interface SpendModel {
  /** Expected spend per purchase of the customer. */
  conditionalExpectedSpend(customer: SpendHistory): Decimal;
}

/**
 * A Gamma-Gamma model, fitted or built from parameters (fit fields `null` without a fit; see
 * {@link PurchaseModelValue}).
 *
 * @category Models
 */
export interface GammaGammaModelValue
  extends Omit<GammaGammaModel, "logLikelihood" | "converged" | "iterations" | "customers"> {
  /** The log-likelihood of the fit; `null` without one. */
  readonly logLikelihood: Decimal | null;
  /** Whether the fit converged; `null` without a fit. */
  readonly converged: boolean | null;
  /** Optimiser iterations of the fit; `null` without one. */
  readonly iterations: number | null;
  /** Repeat buyers fitted; `null` without a fit. */
  readonly customers: number | null;
  /** The `penalizer` coefficient of the fit; `null` for an unpenalized fit or without one. */
  readonly penalizer: Decimal | null;
}

/**
 * Input of the `customerLifetimeValue` method of a {@link PurchaseModel}.
 *
 * @category Models
 */
export interface PurchaseLifetimeValueInput {
  /** Predicts the spend per purchase; usually the result of {@link fitGammaGamma}. */
  readonly spendModel: SpendModel;
  /** The customer: purchase history in the purchase model's unit, and mean repeat spend. */
  readonly customer: PurchaseHistory & SpendHistory;
  /**
   * How far ahead, with its unit named: `{ months: 12 }`. The horizon is split into steps of
   * its own unit (twelve monthly steps here); a whole number of steps is required.
   */
  readonly horizon: Duration;
  /** Discount rate per `discountRateUnit`, ≥ 0 (0.01 is 1 % per unit). */
  readonly discountRate: Numeric;
  /** The period the discount rate is quoted for. Required unless `discountRate` is 0. */
  readonly discountRateUnit?: Period | undefined;
  /** Share of revenue kept as profit, in [0, 1]. Default 1 (the value is revenue). */
  readonly margin?: Numeric | undefined;
}

/**
 * The customers of a batch of spend predictions: rows `{ frequency, monetaryValue,
 * customerId? }` or columns of them.
 *
 * @category Models
 */
export type SpendSummaryInput =
  | Iterable<
      SpendHistory & {
        /** The customer, reported by `rank`. */
        readonly customerId?: unknown;
      }
    >
  | {
      /** Repeat purchases of each customer. */
      readonly frequency: ArrayLike<Numeric>;
      /** Mean repeat spend of each customer. */
      readonly monetaryValue: ArrayLike<Numeric>;
      /** Customer ids, reported by `rank`. */
      readonly customerId?: ArrayLike<unknown> | undefined;
    };

/**
 * A summary as columns of equal length (arrays or typed arrays), the fast form for batch
 * predictions: `{ frequency: Int32Array, recency: Float64Array, T: Float64Array }`.
 *
 * @category Models
 */
export interface PurchaseSummaryColumns {
  /** Repeat purchases (x) of each customer. */
  readonly frequency: ArrayLike<Numeric>;
  /** Time of the last purchase (t_x), in the model's unit. */
  readonly recency: ArrayLike<Numeric>;
  /** Age (T), in the model's unit. */
  readonly T: ArrayLike<Numeric>;
  /** Mean repeat spend, for `customerLifetimeValue`. */
  readonly monetaryValue?: ArrayLike<Numeric> | undefined;
  /** Customer ids, reported by `rank`. */
  readonly customerId?: ArrayLike<unknown> | undefined;
}

/**
 * The customers of a batch prediction: rows (a {@link CustomerSummary} row fits; `customerId`
 * is reported by `rank`, `monetaryValue` is needed for `customerLifetimeValue`) or columns.
 *
 * @category Models
 */
export type PurchaseSummaryInput =
  | Iterable<
      PurchaseHistory & {
        /** Mean repeat spend, for `customerLifetimeValue`. */
        readonly monetaryValue?: Numeric | undefined;
        /** The customer, reported by `rank`. */
        readonly customerId?: unknown;
      }
    >
  | PurchaseSummaryColumns;

/**
 * What a batch prediction computes for every customer: the single-customer method of that
 * name, with the same options.
 *
 * @category Models
 */
export type PurchasePrediction =
  | {
      /** E[Y(t) | x, t_x, T] over the next `horizon`. */
      readonly what: "conditionalExpectedPurchases";
      /** The horizon after T, with its unit (`{ days: 90 }`). */
      readonly horizon: Duration;
    }
  | {
      /** P(alive | x, t_x, T), at T or, with `at`, that long after T without a purchase. */
      readonly what: "probabilityAlive";
      /** How long after T, without a purchase (default: at T). */
      readonly at?: Duration | undefined;
    }
  | ({
      /** The discounted value; each row needs `monetaryValue`. */
      readonly what: "customerLifetimeValue";
    } & Omit<PurchaseLifetimeValueInput, "customer">);

/**
 * How a batch prediction returns its values: `'float'` (default) a Float64Array, fast;
 * `'decimal'` an array of Decimals, the exact values the single-customer method returns.
 *
 * @category Models
 */
export interface BatchOutputOptions {
  /** `'float'` (default): a Float64Array; `'decimal'`: exact Decimals. */
  readonly as?: "float" | "decimal" | undefined;
}

/**
 * Options of `rank`.
 *
 * @category Models
 */
export interface RankOptions {
  /** How many customers to return (the largest values first); default all. */
  readonly top?: Numeric | undefined;
}

/**
 * One customer of a ranking.
 *
 * @category Models
 */
export interface RankedCustomer {
  /** 1 for the largest value; ties keep the order of the summary. */
  readonly rank: number;
  /** The row of the summary (0-based). */
  readonly index: number;
  /** The row's `customerId` (or the `customerId` column's entry); `null` without one. */
  readonly customerId: unknown;
  /** The prediction, as the single-customer method returns it. */
  readonly value: Decimal;
}

/**
 * The grid of a prediction matrix.
 *
 * @category Models
 */
export interface PredictionGrid {
  /** T: the customers' age, in the model's unit. */
  readonly T: Numeric;
  /** Frequencies (rows of the matrix); default the whole numbers 0 to 20. */
  readonly frequency?: readonly Numeric[] | undefined;
  /** Recencies (columns); default 0, 1, …, ⌊T⌋ (and T itself when it is not whole). */
  readonly recency?: readonly Numeric[] | undefined;
}

/**
 * A prediction over a frequency × recency grid, data for a heat map (lifetimes'
 * `plot_frequency_recency_matrix` and `plot_probability_alive_matrix`, there transposed).
 *
 * @category Models
 */
export interface PredictionMatrix {
  /** The age T of every cell. */
  readonly T: number;
  /** The frequencies x of the rows. */
  readonly frequency: readonly number[];
  /** The recencies t_x of the columns, in the model's unit. */
  readonly recency: readonly number[];
  /**
   * `values[i][j]` for `frequency[i]` and `recency[j]`; `null` where no customer has that
   * history (recency above T, or a positive recency with frequency 0).
   */
  readonly values: readonly (readonly (number | null)[])[];
}

/**
 * The fields every fitted model has.
 *
 * @typeParam P - the parameter names
 * @category Models
 */
export interface FittedModel<P extends string> {
  /** Maximum-likelihood estimates, by Fader & Hardie's names. */
  readonly params: Readonly<Record<P, Decimal>>;
  /** The log-likelihood at `params` (natural log, summed over customers, with weights). */
  readonly logLikelihood: Decimal;
  /**
   * Asymptotic standard errors from the inverse of the numeric Hessian of the negative
   * log-likelihood; `null` for every parameter when the Hessian is not positive definite.
   */
  readonly standardErrors: Readonly<Record<P, Decimal | null>>;
  /** Whether the optimiser met its tolerances (the best point found is returned either way). */
  readonly converged: boolean;
  /** Optimiser iterations, over all starting points. */
  readonly iterations: number;
}

/**
 * One row of a model's parameter table ({@link PurchaseModel.parameters}).
 *
 * @typeParam P - the parameter names
 * @category Models
 */
export interface ModelParameterRow<P extends string> {
  /** The parameter, by Fader & Hardie's name. */
  readonly name: P;
  /** Its value (the maximum-likelihood estimate of a fitted model). */
  readonly estimate: Decimal;
  /** The asymptotic standard error; `null` without a fit or where the Hessian gives none. */
  readonly standardError: Decimal | null;
  /**
   * The 95 % Wald interval on the log scale, exp(ln θ ± 1.96 · se/θ) (the fit is on the
   * log-parameters; the interval stays positive and is not symmetric); `null` with the error.
   */
  readonly lower: Decimal | null;
  /** Upper end of the interval (see `lower`). */
  readonly upper: Decimal | null;
}

/**
 * The model a document holds.
 *
 * @category Models
 */
export type ModelKind = "BG/NBD" | "Pareto/NBD" | "MBG/NBD" | "Gamma-Gamma";

/**
 * A model as JSON data: `toJSON()` of a model writes it, `fromJSON` of its model reads it back.
 * Numbers are decimal strings (exact); `fit` is `null` for a model built from parameters.
 *
 * @typeParam P - the parameter names
 * @category Models
 */
export interface ModelJSON<P extends string> {
  /** Always `'customer-metrics/model'`. */
  readonly format: "customer-metrics/model";
  /** The document version, 1. */
  readonly version: 1;
  /** Which model. */
  readonly model: ModelKind;
  /** The time unit of a purchase model (absent for Gamma-Gamma). */
  readonly unit?: Period;
  /** The parameters. */
  readonly params: Readonly<Record<P, string>>;
  /**
   * Gamma-Gamma only: the money unit the fit worked in (`scale`) and γ in that unit
   * (`gamma`), so that a loaded model computes exactly as the fitted one.
   */
  readonly spend?: {
    /** The money unit of the fit, in currency units. */
    readonly scale: string;
    /** γ in that unit. */
    readonly gamma: string;
  };
  /** What the fit found; `null` for a model built from parameters. */
  readonly fit: {
    /** The log-likelihood at the estimates. */
    readonly logLikelihood: string;
    /** Standard errors of the parameters (`null` where the Hessian gives none). */
    readonly standardErrors: Readonly<Record<P, string | null>>;
    /** Whether the optimiser converged. */
    readonly converged: boolean;
    /** Optimiser iterations. */
    readonly iterations: number;
    /** Customers fitted (the sum of the weights). */
    readonly customers: number;
    /** The `penalizer` coefficient of a penalized fit; absent for an unpenalized one. */
    readonly penalizer?: string;
  } | null;
}

/**
 * A noncontractual purchase model (BG/NBD or Pareto/NBD), fitted or built from parameters.
 *
 * @remarks
 * The fields of the fit (`logLikelihood`, `converged`, `iterations`, `customers`) are `null`
 * on a model built with `fromParams` (and on one loaded from the document of such a model),
 * and every standard error is `null`: there is no fit they could describe.
 *
 * @typeParam P - the parameter names
 * @category Models
 */
export interface PurchaseModelValue<P extends string>
  extends Omit<PurchaseModel<P>, "logLikelihood" | "converged" | "iterations" | "customers"> {
  /** The log-likelihood of the fit; `null` without one. */
  readonly logLikelihood: Decimal | null;
  /** Whether the fit converged; `null` without a fit. */
  readonly converged: boolean | null;
  /** Optimiser iterations of the fit; `null` without one. */
  readonly iterations: number | null;
  /** Customers fitted; `null` without a fit. */
  readonly customers: number | null;
  /** The `penalizer` coefficient of the fit; `null` for an unpenalized fit or without one. */
  readonly penalizer: Decimal | null;
}

/**
 * A fitted noncontractual purchase model (BG/NBD or Pareto/NBD).
 *
 * @remarks
 * `recency` and `T` of a customer are numbers in the model's `unit`. A horizon `t` is a
 * {@link Duration} that names its unit, such as `{ weeks: 39 }`, converted with 7 days a week,
 * 30.436875 a month, 365.2425 a year; a bare number is `INVALID_OPTION` (on a weekly model a
 * bare 90 would silently mean 90 weeks).
 *
 * @typeParam P - the parameter names
 * @category Models
 */
export interface PurchaseModel<P extends string> extends FittedModel<P> {
  /** The unit of every time the model reads or returns. */
  readonly unit: Period;
  /** Number of customers fitted (the sum of the weights). */
  readonly customers: number;
  /** The `penalizer` coefficient of the fit (its estimates are penalized); `null` for none. */
  readonly penalizer: Decimal | null;
  /**
   * E[X(t)]: expected purchases of a customer just acquired, in (0, t].
   *
   * @param t - the horizon with its unit, e.g. `{ weeks: 39 }`
   * @throws {@link MetricInputError} `INVALID_OPTION` when `t` is a bare number or does not
   *   name exactly one unit; `NEGATIVE` for a negative amount; `OUT_OF_RANGE` when the
   *   horizon or the prediction exceeds the float64 range.
   */
  expectedPurchases(t: Duration): Decimal;
  /**
   * E[Y(t) | x, t_x, T]: expected purchases of the customer in the next `t`.
   *
   * @param customer - frequency, recency and T, in the model's unit
   * @param t - the horizon with its unit, e.g. `{ weeks: 39 }`
   * @throws {@link MetricInputError} as {@link PurchaseModel.expectedPurchases}, and for a
   *   customer as the fit's rows.
   */
  conditionalExpectedPurchases(customer: PurchaseHistory, t: Duration): Decimal;
  /**
   * P(alive | x, t_x, T): probability that the customer is still active at T; with
   * `{ at: { days: 90 } }`, at T + 90 days if they make no purchase until then (lifetimes'
   * `conditional_probability_alive` at the later age). Falls with `at` for a repeat buyer.
   *
   * @throws {@link MetricInputError} for a customer as the fit's rows; `INVALID_OPTION` for an
   *   `at` that does not name its unit.
   */
  probabilityAlive(
    customer: PurchaseHistory,
    options?: { readonly at?: Duration | undefined },
  ): Decimal;
  /**
   * P(X(t) = n): probability that a customer just acquired makes exactly `n` purchases in
   * (0, t]. Over n = 0, 1, 2, … these sum to 1 and their mean is `expectedPurchases(t)`.
   *
   * ```text
   * BG/NBD:     P(X(t)=n) = B(a, b+n)/B(a, b) · NB(n; t)
   *                       + 1{n>0} · B(a+1, b+n−1)/B(a, b) · P(NB(t) ≥ n)
   * Pareto/NBD: P(X(t)=n) = NB(n; t) (β/(β+t))^s + ∫_0^t NB(n; τ) · s/β · (β/(β+τ))^(s+1) dτ
   * NB(n; τ) = Γ(r+n)/(Γ(r) n!) · (α/(α+τ))^r · (τ/(α+τ))^n
   * ```
   * The tail P(NB(t) ≥ n) is the regularized incomplete beta I_{t/(α+t)}(n, r), and the
   * Pareto/NBD integral over the time of death is taken by quadrature: no subtraction of
   * nearly equal sums (lifetimes' forms lose their digits in the far tail).
   *
   * @example
   * BG/NBD at the published CDNOW estimates: the chance that a new customer makes exactly two
   * repeat purchases in 39 weeks (lifetimes' `probability_of_n_purchases_up_to_time(39, 2)`):
   * ```ts
   * const bg = BetaGeometricNBD.fromParams({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { unit: 'week' })
   * bg.probabilityOfPurchases(2, { weeks: 39 }).toFixed(4) //=> '0.0854'
   * ```
   * @param n - a whole number ≥ 0
   * @param t - the horizon with its unit, e.g. `{ weeks: 39 }`
   * @throws {@link MetricInputError} `NEGATIVE` / `NOT_INTEGER` for `n`; as
   *   {@link PurchaseModel.expectedPurchases} for `t`.
   * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. (8); Fader & Hardie (2006),
   *   "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model", brucehardie.com/notes/012.
   */
  probabilityOfPurchases(n: Numeric, t: Duration): Decimal;
  /**
   * A prediction for every customer of a summary in one call: `conditionalExpectedPurchases`,
   * `probabilityAlive` or `customerLifetimeValue`, with the options of that method. Customers
   * with the same (x, t_x, T) are computed once. A Float64Array by default; with
   * `as: 'decimal'` an array of Decimals equal to what the single-customer method returns.
   *
   * @example
   * ```ts
   * const next90 = model.predict(summary, { what: 'conditionalExpectedPurchases', horizon: { days: 90 } })
   * const alive = model.predict(columns, { what: 'probabilityAlive', as: 'decimal' })
   * ```
   * @throws {@link MetricInputError} as the single-customer method, the row named
   *   (`summary[3].recency` for rows, `summary.recency[3]` for columns).
   */
  predict(
    summary: PurchaseSummaryInput,
    prediction: PurchasePrediction & { readonly as: "decimal" },
  ): readonly Decimal[];
  /** {@link predict} into a Float64Array (the default output). */
  predict(
    summary: PurchaseSummaryInput,
    prediction: PurchasePrediction & { readonly as?: "float" | undefined },
  ): Float64Array;
  /**
   * The customers of a summary ranked by a prediction, largest first (ties in the order of the
   * summary): `{ rank, index, customerId, value }`, at most `top` of them.
   *
   * @example
   * The 100 customers with the most purchases expected in the next quarter:
   * ```ts
   * model.rank(summary, { what: 'conditionalExpectedPurchases', horizon: { months: 3 } }, { top: 100 })
   * // → [{ rank: 1, index: 1182, customerId: '1183', value: Decimal }, …]
   * ```
   * @throws {@link MetricInputError} as {@link PurchaseModel.predict}; `OUT_OF_RANGE` /
   *   `NOT_INTEGER` for `top` below 1 or not whole.
   */
  rank(
    summary: PurchaseSummaryInput,
    by: PurchasePrediction,
    options?: RankOptions,
  ): readonly RankedCustomer[];
  /**
   * E[Y(t) | x, t_x, T] over a frequency × recency grid at age T (floats, for a chart).
   *
   * @example
   * lifetimes' `plot_frequency_recency_matrix` of CDNOW (T = 39 weeks, next week), as data:
   * ```ts
   * const m = model.expectedPurchasesMatrix({ T: 39, horizon: { weeks: 1 } })
   * m.values[5][30] // frequency 5, recency 30 weeks
   * ```
   * @throws {@link MetricInputError} for a bad grid value (named `grid.recency[2]`), a grid of
   *   more than a million cells, or a horizon as {@link PurchaseModel.expectedPurchases}.
   */
  expectedPurchasesMatrix(grid: PredictionGrid & { readonly horizon: Duration }): PredictionMatrix;
  /** P(alive | x, t_x, T) over a frequency × recency grid at age T (floats, for a chart). */
  probabilityAliveMatrix(grid: PredictionGrid): PredictionMatrix;
  /**
   * Expected discounted value of the customer's purchases over the horizon:
   * ```text
   * CLV = margin × E[spend] × Σ_{k=1..n} (E[Y(kL)] − E[Y((k−1)L)]) / (1 + d)^(k·L/D)
   * ```
   * with n steps of length L (the horizon's unit) and D the length of `discountRateUnit`.
   */
  customerLifetimeValue(input: PurchaseLifetimeValueInput): Decimal;
  /** The parameter table: estimates, standard errors and 95 % intervals. */
  parameters(): readonly ModelParameterRow<P>[];
  /** The model as a versioned JSON document (`JSON.stringify` calls it). */
  toJSON(): ModelJSON<P>;
}

/**
 * Parameters of the BG/NBD model: purchase rates λ ~ Gamma(r, α); drop-out probability
 * after each purchase p ~ Beta(a, b).
 *
 * @category Models
 */
export type BetaGeometricNBDParameter = "r" | "alpha" | "a" | "b";

/**
 * Parameters of the Pareto/NBD model: purchase rates λ ~ Gamma(r, α); drop-out rates
 * μ ~ Gamma(s, β).
 *
 * @category Models
 */
export type ParetoNBDParameter = "r" | "alpha" | "s" | "beta";

/**
 * A fitted BG/NBD model.
 *
 * @category Models
 */
export type BetaGeometricNBDModel = PurchaseModel<BetaGeometricNBDParameter>;

/**
 * A fitted Pareto/NBD model.
 *
 * @category Models
 */
export type ParetoNBDModel = PurchaseModel<ParetoNBDParameter>;

/**
 * Parameters of the Gamma-Gamma spend model: spend per transaction ~ Gamma(p, ν) with
 * ν ~ Gamma(q, γ).
 *
 * @category Models
 */
export type GammaGammaParameter = "p" | "q" | "gamma";

/**
 * A fitted Gamma-Gamma spend model.
 *
 * @category Models
 */
export interface GammaGammaModel extends FittedModel<GammaGammaParameter>, SpendModel {
  /** Number of repeat buyers fitted (customers with frequency 0 are left out). */
  readonly customers: number;
  /** The `penalizer` coefficient of the fit (its estimates are penalized); `null` for none. */
  readonly penalizer: Decimal | null;
  /** Mean spend per transaction of a new customer: pγ / (q − 1) (requires q > 1). */
  expectedSpend(): Decimal;
  /**
   * E[Z | x, z̄] = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · z̄: the customer's
   * expected mean spend per transaction.
   */
  conditionalExpectedSpend(customer: SpendHistory): Decimal;
  /**
   * E[Z | x, z̄] for every customer of a summary in one call (rows `{ frequency, monetaryValue }`
   * or columns of them; frequency 0 gives the mean spend pγ/(q − 1)). A Float64Array by default;
   * with `as: 'decimal'` Decimals equal to what `conditionalExpectedSpend` returns.
   *
   * @throws {@link MetricInputError} as `conditionalExpectedSpend`, the row named.
   */
  predict(summary: SpendSummaryInput, options: { readonly as: "decimal" }): readonly Decimal[];
  /** {@link predict} into a Float64Array (the default output). */
  predict(summary: SpendSummaryInput, options?: BatchOutputOptions): Float64Array;
  /** The customers of a summary ranked by expected spend per purchase, largest first. */
  rank(summary: SpendSummaryInput, options?: RankOptions): readonly RankedCustomer[];
  /** The parameter table: estimates, standard errors and 95 % intervals. */
  parameters(): readonly ModelParameterRow<GammaGammaParameter>[];
  /** The model as a versioned JSON document (`JSON.stringify` calls it). */
  toJSON(): ModelJSON<GammaGammaParameter>;
}
