/**
 * The fitted-model object shared by BG/NBD and Pareto/NBD: predictions, and customer
 * lifetime value with explicit time units.
 */
import {
  fail,
  fraction,
  isPlainDecimal,
  nonNegative,
  record,
  toDecimal,
} from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import { type GroupedRows, groupByFrequency } from "./_bgnbdMath.js";
import { type FloatFit, type Penalty, readPenalizer } from "./_fit.js";
import { type FitInfo, modelDocument, parameterRows } from "./_modelValue.js";
import { readHistory, readSummary } from "./_rows.js";
import { DAYS_PER_UNIT, PLURALS, readDuration, unitOption } from "./_units.js";
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

/** At most this many steps in a lifetime-value horizon. */
const MAX_STEPS = 100_000;

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
  const model: PurchaseModelValue<P> = {
    params,
    logLikelihood: fit?.logLikelihood ?? null,
    standardErrors: fit?.standardErrors ?? Object.freeze(noErrors),
    converged: fit?.converged ?? null,
    iterations: fit?.iterations ?? null,
    unit,
    customers: fit?.customers ?? null,
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
    probabilityAlive(customer) {
      const h = readHistory(customer, "probabilityAlive", "customer");
      return prediction(math.alive(p, h.x, h.tx, h.T), "probabilityAlive", "customer", customer);
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
  const o = record<Record<string, unknown>>(input, fn);
  const spendModel = o.spendModel as { conditionalExpectedSpend?: unknown } | undefined;
  if (
    spendModel === null ||
    typeof spendModel !== "object" ||
    typeof spendModel.conditionalExpectedSpend !== "function"
  ) {
    fail(
      fn,
      "spendModel",
      "INVALID_OPTION",
      "must have a conditionalExpectedSpend method (a fitted Gamma-Gamma model)",
      spendModel,
    );
  }
  const h = readHistory(o.customer, fn, "customer");
  const horizon = readDuration(o.horizon, fn, "horizon", ", e.g. { months: 12 }");
  const stepsField = `horizon.${horizon.unit}s`;
  if (!horizon.amount.isInteger()) {
    fail(
      fn,
      stepsField,
      "NOT_INTEGER",
      "must be a whole number of steps",
      horizon.amount.toString(),
    );
  }
  if (horizon.amount.gt(MAX_STEPS)) {
    fail(
      fn,
      stepsField,
      "OUT_OF_RANGE",
      `must be at most ${MAX_STEPS} steps`,
      horizon.amount.toString(),
    );
  }
  const rate = nonNegative(o.discountRate, fn, "discountRate");
  const rateUnit =
    rate.isZero() && o.discountRateUnit === undefined
      ? horizon.unit
      : unitOption(o.discountRateUnit, fn, "discountRateUnit");
  const margin = o.margin === undefined ? 1 : fraction(o.margin, fn, "margin").toNumber();
  const spend = toDecimal(
    (spendModel.conditionalExpectedSpend as (c: unknown) => unknown).call(spendModel, o.customer),
    fn,
    "spendModel.conditionalExpectedSpend",
  ).toNumber();

  const steps = horizon.amount.toNumber();
  const step = DAYS_PER_UNIT[horizon.unit] / DAYS_PER_UNIT[unit];
  const perStepExponent = DAYS_PER_UNIT[horizon.unit] / DAYS_PER_UNIT[rateUnit];
  const lnGrowth = Math.log1p(rate.toNumber());
  let previous = 0;
  let total = 0;
  for (let k = 1; k <= steps; k++) {
    const cumulative = conditional(h.x, h.tx, h.T, k * step);
    total += (cumulative - previous) * Math.exp(-lnGrowth * k * perStepExponent);
    previous = cumulative;
  }
  return prediction(margin * spend * total, fn, "customer", o.customer);
}
