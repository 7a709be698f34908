/**
 * The fitted-model object shared by BG/NBD and Pareto/NBD: predictions, and customer
 * lifetime value with explicit time units.
 */
import { fail, isPlainDecimal, record, toDecimal } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import { asDecimals, outputForm, predictionMatrix, predictPurchases, rankRows } from "./_batch.js";
import { type GroupedRows, groupByFrequency } from "./_bgnbdMath.js";
import { type FloatFit, type Penalty, readPenalizer } from "./_fit.js";
import { discountedPurchases, readLifetimeValuePlan } from "./_lifetimeValue.js";
import { type FitInfo, modelDocument, parameterRows } from "./_modelValue.js";
import { countFloat, readHistory, readSummary } from "./_rows.js";
import { DAYS_PER_UNIT, PLURALS, readDuration } from "./_units.js";
import type {
  ModelKind,
  PurchaseLifetimeValueInput,
  PurchaseModel,
  PurchaseModelValue,
} from "./types.js";

/** The float routines of one model; `p` holds the parameters in the order of their names. */
export interface PurchaseMath {
  logLikelihood(p: ArrayLike<number>, d: GroupedRows): number;
  expected(p: ArrayLike<number>, t: number): number;
  conditional(p: ArrayLike<number>, x: number, tx: number, T: number, t: number): number;
  alive(p: ArrayLike<number>, x: number, tx: number, T: number): number;
  /** P(X(t) = n) of a customer just acquired; the model's `probabilityOfPurchases`. */
  probabilityOfPurchases?(p: ArrayLike<number>, n: number, t: number): number;
}

/**
 * A prediction as a Decimal. Every prediction exists for valid inputs; one beyond the float64
 * range (about 1.8e308: a frequency near that range over a long horizon) is OUT_OF_RANGE.
 */
function prediction(value: number, fn: string, field: string, input: unknown): Decimal {
  if (!Number.isFinite(value)) {
    fail(fn, field, "OUT_OF_RANGE", "gives a prediction beyond the float64 range (1.8e308)", input);
  }
  return fromFloat(value);
}

/**
 * A horizon in the model's unit, read from a {@link Duration}. A bare number (or numeric
 * string, bigint, Decimal) is `INVALID_OPTION`: on a weekly model a bare 90 would silently mean
 * 90 weeks, so the unit must be named.
 */
export function readTime(value: unknown, unit: Period, fn: string, field: string): number {
  const plural = PLURALS[unit];
  if (
    typeof value === "number" ||
    typeof value === "string" ||
    typeof value === "bigint" ||
    isPlainDecimal(value)
  ) {
    const example = typeof value === "number" && Number.isFinite(value) ? value : 39;
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must name its unit, e.g. { ${plural}: ${example} } (a bare number would silently be in the model's unit, ${plural})`,
      value,
    );
  }
  const d = readDuration(value, fn, field, `, e.g. { ${plural}: 39 }`);
  const time = (d.amount.toNumber() * DAYS_PER_UNIT[d.unit]) / DAYS_PER_UNIT[unit];
  if (!Number.isFinite(time)) {
    fail(fn, field, "OUT_OF_RANGE", "must be within the float64 range (1.8e308)", value);
  }
  return time;
}

/** Validate, fit and wrap a purchase model. */
export function fitPurchaseModel<P extends string>(
  fn: string,
  summary: unknown,
  options: unknown,
  model: ModelKind,
  names: readonly P[],
  math: PurchaseMath,
  estimate: (fn: string, d: GroupedRows, penalty?: Penalty) => FloatFit<P>,
): PurchaseModel<P> {
  if (options !== undefined && (options === null || typeof options !== "object")) {
    fail(fn, "options", "INVALID_OPTION", "must be an object", options);
  }
  const coef = readPenalizer(options, fn);
  const d = groupByFrequency(
    readSummary(summary, fn, (options as { unit?: unknown } | undefined)?.unit),
  );
  const result = estimate(fn, d, coef === undefined ? undefined : timePenalty(coef, names, d));
  return purchaseModel(model, names, math, result.values, result.params, d.unit, {
    logLikelihood: result.logLikelihood,
    standardErrors: result.standardErrors,
    converged: result.converged,
    iterations: result.iterations,
    customers: d.total,
    penalizer: coef === undefined ? null : fromFloat(coef),
  }) as PurchaseModel<P>;
}

/**
 * The penalty of a purchase model as lifetimes' `penalizer_coef` forms it: the time scales α and
 * β in units of the largest T (lifetimes fits on times divided by it), the others as they are.
 */
function timePenalty(coef: number, names: readonly string[], d: GroupedRows): Penalty {
  let maxT = 0;
  for (let i = 0; i < d.T.length; i++) maxT = Math.max(maxT, d.T[i] as number);
  const unit = maxT > 0 ? 1 / maxT : 1;
  return {
    coef,
    scales: names.map((name) => (name === "alpha" || name === "beta" ? unit : 1)),
    total: d.total,
  };
}

/**
 * A purchase model from its parameters (`values` the floats the predictions use, `params`
 * the exact values it reports) and what its fit found (`null`: built from parameters).
 */
export function purchaseModel<P extends string>(
  kind: ModelKind,
  names: readonly P[],
  math: PurchaseMath,
  values: Float64Array,
  params: Readonly<Record<P, Decimal>>,
  unit: Period,
  fit: FitInfo<P> | null,
): PurchaseModelValue<P> {
  const p = Float64Array.from(values);
  const noErrors = {} as Record<P, Decimal | null>;
  for (const name of names) noErrors[name] = null;
  const batch = {
    conditional: (x: number, tx: number, T: number, t: number) => math.conditional(p, x, tx, T, t),
    alive: (x: number, tx: number, T: number) => math.alive(p, x, tx, T),
  };
  const model: PurchaseModelValue<P> = {
    params,
    logLikelihood: fit?.logLikelihood ?? null,
    standardErrors: fit?.standardErrors ?? Object.freeze(noErrors),
    converged: fit?.converged ?? null,
    iterations: fit?.iterations ?? null,
    unit,
    customers: fit?.customers ?? null,
    penalizer: fit?.penalizer ?? null,
    expectedPurchases(t) {
      const time = readTime(t, unit, "expectedPurchases", "t");
      return prediction(math.expected(p, time), "expectedPurchases", "t", t);
    },
    conditionalExpectedPurchases(customer, t) {
      const fn = "conditionalExpectedPurchases";
      const h = readHistory(customer, fn, "customer");
      const time = readTime(t, unit, fn, "t");
      return prediction(
        math.conditional(p, h.x, h.tx, h.T, time),
        fn,
        "customer.frequency",
        customer,
      );
    },
    probabilityAlive(customer, options) {
      const fn = "probabilityAlive";
      const h = readHistory(customer, fn, "customer");
      const o = options === undefined ? {} : record<{ at?: unknown }>(options, fn, "options");
      const at = o.at === undefined ? 0 : readTime(o.at, unit, fn, "options.at");
      return prediction(math.alive(p, h.x, h.tx, h.T + at), fn, "customer", customer);
    },
    probabilityOfPurchases(n, t) {
      const fn = "probabilityOfPurchases";
      const count = countFloat(n, fn, "n");
      const time = readTime(t, unit, fn, "t");
      if (math.probabilityOfPurchases === undefined) {
        return fail(fn, "model", "INVALID_OPTION", `is not available for ${kind}`, kind);
      }
      return prediction(math.probabilityOfPurchases(p, count, time), fn, "n", n);
    },
    predict: ((summary: unknown, prediction: unknown) => {
      const fn = "predict";
      const as = outputForm((prediction as { as?: unknown } | null)?.as, fn, "prediction.as");
      const { values } = predictPurchases(summary, prediction, unit, batch, fn, (v, field) =>
        readTime(v, unit, fn, field),
      );
      return as === "decimal" ? asDecimals(values) : values;
    }) as PurchaseModel<P>["predict"],
    rank(summary, by, options) {
      const fn = "rank";
      const { values, rows } = predictPurchases(
        summary,
        by,
        unit,
        batch,
        fn,
        (v, field) => readTime(v, unit, fn, field),
        "by",
      );
      return rankRows(values, rows, options, fn);
    },
    expectedPurchasesMatrix(grid) {
      const fn = "expectedPurchasesMatrix";
      const t = readTime(
        record<{ horizon?: unknown }>(grid, fn, "grid").horizon,
        unit,
        fn,
        "grid.horizon",
      );
      return predictionMatrix(grid, fn, (x, tx, T) => math.conditional(p, x, tx, T, t));
    },
    probabilityAliveMatrix(grid) {
      return predictionMatrix(grid, "probabilityAliveMatrix", (x, tx, T) =>
        math.alive(p, x, tx, T),
      );
    },
    customerLifetimeValue(input) {
      return lifetimeValue(input, unit, (x, tx, T, t) => math.conditional(p, x, tx, T, t));
    },
    parameters() {
      return parameterRows(names, params, fit?.standardErrors ?? null);
    },
    toJSON() {
      return modelDocument(kind, names, params, unit, fit);
    },
  };
  return Object.freeze(model);
}

function lifetimeValue(
  input: PurchaseLifetimeValueInput,
  unit: Period,
  conditional: (x: number, tx: number, T: number, t: number) => number,
): Decimal {
  const fn = "customerLifetimeValue";
  const plan = readLifetimeValuePlan(input, unit, fn);
  const o = input as unknown as Record<string, unknown>;
  const h = readHistory(o.customer, fn, "customer");
  const spend = toDecimal(
    plan.spendModel.conditionalExpectedSpend(o.customer),
    fn,
    "spendModel.conditionalExpectedSpend",
  ).toNumber();
  const total = discountedPurchases(plan, (t) => conditional(h.x, h.tx, h.T, t));
  return prediction(plan.margin * spend * total, fn, "customer", o.customer);
}
