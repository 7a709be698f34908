/**
 * Customer lifetime value of a purchase model: the validated plan of the sum (steps, discount,
 * margin), shared by the single-customer method and the batch predictions.
 */
import { fail, fraction, nonNegative, record } from "../../_lib/assert.js";
import type { Period } from "../../types.js";
import { DAYS_PER_UNIT, readDuration, unitOption } from "./_units.js";

/** At most this many steps in a lifetime-value horizon. */
const MAX_STEPS = 100_000;

/** What the discounted sum needs, read from the input once. */
export interface LifetimeValuePlan {
  /** The spend model (validated: it has `conditionalExpectedSpend`). */
  readonly spendModel: { conditionalExpectedSpend(customer: unknown): unknown };
  readonly steps: number;
  /** One step in the model's unit. */
  readonly step: number;
  /** One step in units of the discount rate's period. */
  readonly perStepExponent: number;
  /** ln(1 + discount rate). */
  readonly lnGrowth: number;
  readonly margin: number;
}

/**
 * Read the fields of a lifetime-value input other than the customer (`spendModel`, `horizon`,
 * `discountRate`, `discountRateUnit`, `margin`), with errors naming `prefix` + field.
 */
export function readLifetimeValuePlan(
  input: unknown,
  unit: Period,
  fn: string,
  prefix = "",
): LifetimeValuePlan {
  const o = record<Record<string, unknown>>(
    input,
    fn,
    prefix === "" ? "input" : prefix.slice(0, -1),
  );
  const spendModel = o.spendModel as { conditionalExpectedSpend?: unknown } | undefined;
  if (
    spendModel === null ||
    typeof spendModel !== "object" ||
    typeof spendModel.conditionalExpectedSpend !== "function"
  ) {
    fail(
      fn,
      `${prefix}spendModel`,
      "INVALID_OPTION",
      "must have a conditionalExpectedSpend method (a fitted Gamma-Gamma model)",
      spendModel,
    );
  }
  const horizon = readDuration(o.horizon, fn, `${prefix}horizon`, ", e.g. { months: 12 }");
  const stepsField = `${prefix}horizon.${horizon.unit}s`;
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
  const rate = nonNegative(o.discountRate, fn, `${prefix}discountRate`);
  const rateUnit =
    rate.isZero() && o.discountRateUnit === undefined
      ? horizon.unit
      : unitOption(o.discountRateUnit, fn, `${prefix}discountRateUnit`);
  const margin = o.margin === undefined ? 1 : fraction(o.margin, fn, `${prefix}margin`).toNumber();
  return {
    spendModel: spendModel as LifetimeValuePlan["spendModel"],
    steps: horizon.amount.toNumber(),
    step: DAYS_PER_UNIT[horizon.unit] / DAYS_PER_UNIT[unit],
    perStepExponent: DAYS_PER_UNIT[horizon.unit] / DAYS_PER_UNIT[rateUnit],
    lnGrowth: Math.log1p(rate.toNumber()),
    margin,
  };
}

/**
 * Σ_{k=1..n} (E[Y(kL)] − E[Y((k−1)L)]) / (1 + d)^(k·L/D): the discounted expected purchases of
 * one customer (multiplied by margin and spend by the caller).
 */
export function discountedPurchases(
  plan: LifetimeValuePlan,
  cumulative: (t: number) => number,
): number {
  let previous = 0;
  let total = 0;
  for (let k = 1; k <= plan.steps; k++) {
    const value = cumulative(k * plan.step);
    total += (value - previous) * Math.exp(-plan.lnGrowth * k * plan.perStepExponent);
    previous = value;
  }
  return total;
}
