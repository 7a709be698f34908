/**
 * The purchase model a model-checking function reads: a BG/NBD, MBG/NBD or Pareto/NBD model
 * of the library (fitted, built with `fromParams` or loaded with `fromJSON`), known by the
 * document its `toJSON()` writes. Its parameters are read back as the floats the model's own
 * predictions use, so the checks compute exactly what the model's methods would.
 */
import { fail } from "../../../_lib/assert.js";
import type { Period } from "../../../types.js";
import { bgnbdConditional, bgnbdExpected } from "../_bgnbdMath.js";
import { mbgnbdConditional, mbgnbdExpected, mbgnbdProbabilityOfPurchases } from "../_mbgnbdMath.js";
import { paretoConditional, paretoExpected } from "../_paretoMath.js";
import {
  bgnbdProbabilityOfPurchases,
  paretoProbabilityOfPurchases,
} from "../_purchaseProbabilities.js";
import { UNITS } from "../_units.js";

/** The purchase models the checks know. */
export type CheckedKind = "BG/NBD" | "MBG/NBD" | "Pareto/NBD";

/** A model read for the checks: its kind, unit, parameters and float predictions. */
export interface CheckedModel {
  readonly kind: CheckedKind;
  readonly unit: Period;
  readonly p: Float64Array;
  /** E[X(t)] for a new customer, t in the model's unit. */
  expected(t: number): number;
  /** E[Y(t) | x, t_x, T]. */
  conditional(x: number, tx: number, T: number, t: number): number;
  /** P(X(t) = n) for a new customer. */
  probability(n: number, t: number): number;
}

const NAMES: Readonly<Record<CheckedKind, readonly string[]>> = {
  "BG/NBD": ["r", "alpha", "a", "b"],
  "MBG/NBD": ["r", "alpha", "a", "b"],
  "Pareto/NBD": ["r", "alpha", "s", "beta"],
};

/** Read `model` (a purchase model of the library) for the function `fn`. */
export function readModel(model: unknown, fn: string): CheckedModel {
  let doc: unknown;
  if (
    model !== null &&
    typeof model === "object" &&
    typeof (model as { toJSON?: unknown }).toJSON === "function"
  ) {
    doc = (model as { toJSON(): unknown }).toJSON();
  }
  const o = (doc ?? {}) as { model?: unknown; unit?: unknown; params?: unknown };
  const kind = o.model as CheckedKind;
  if (
    doc === undefined ||
    !Object.hasOwn(NAMES, kind as string) ||
    !(UNITS as readonly unknown[]).includes(o.unit) ||
    o.params === null ||
    typeof o.params !== "object"
  ) {
    fail(
      fn,
      "model",
      "INVALID_OPTION",
      "must be a BG/NBD, MBG/NBD or Pareto/NBD model (a fit, fromParams or fromJSON)",
      doc === undefined ? model : o.model,
    );
  }
  const params = o.params as Record<string, unknown>;
  const p = Float64Array.from(NAMES[kind], (name) => Number(params[name]));
  if (!p.every((v) => v > 0 && Number.isFinite(v))) {
    fail(fn, "model", "INVALID_OPTION", "must have positive float64 parameters", o.params);
  }
  const unit = o.unit as Period;
  switch (kind) {
    case "BG/NBD":
      return {
        kind,
        unit,
        p,
        expected: (t) => bgnbdExpected(p, t),
        conditional: (x, tx, T, t) => bgnbdConditional(p, x, tx, T, t),
        probability: (n, t) => bgnbdProbabilityOfPurchases(p, n, t),
      };
    case "MBG/NBD":
      return {
        kind,
        unit,
        p,
        expected: (t) => mbgnbdExpected(p, t),
        conditional: (x, tx, T, t) => mbgnbdConditional(p, x, tx, T, t),
        probability: (n, t) => mbgnbdProbabilityOfPurchases(p, n, t),
      };
    default:
      return {
        kind,
        unit,
        p,
        expected: (t) => paretoExpected(p, t),
        conditional: (x, tx, T, t) => paretoConditional(p, x, tx, T, t),
        probability: (n, t) => paretoProbabilityOfPurchases(p, n, t),
      };
  }
}
