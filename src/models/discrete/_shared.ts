/**
 * Helpers shared by the discrete-time models (sBG, BG/BB): optional unit, standard errors,
 * frozen result objects.
 */
import { option } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import { hessian, standardErrors } from "../_math/hessian.js";
import type { Objective } from "../_math/nelderMead.js";

export const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** An optional period label: `undefined` gives `null`. */
export function unitOption(value: unknown, fn: string): Period | null {
  if (value === undefined) return null;
  return option(value, PERIODS, "year", fn, "unit");
}

/** Frozen record of Decimals from float parameters, in the order of `names`. */
export function decimalRecord<P extends string>(
  names: readonly P[],
  values: ArrayLike<number>,
): Readonly<Record<P, Decimal>> {
  const out = {} as Record<P, Decimal>;
  names.forEach((name, i) => {
    out[name] = fromFloat(values[i] as number);
  });
  return Object.freeze(out);
}

/** Standard errors from the numeric Hessian of `nll` at `x`, as a frozen record (null where undetermined). */
export function standardErrorRecord<P extends string>(
  names: readonly P[],
  nll: Objective,
  x: Float64Array,
): Readonly<Record<P, Decimal | null>> {
  const se = standardErrors(hessian(nll, x), names.length);
  const out = {} as Record<P, Decimal | null>;
  names.forEach((name, i) => {
    const v = se[i];
    out[name] = v === null || v === undefined ? null : fromFloat(v);
  });
  return Object.freeze(out);
}
