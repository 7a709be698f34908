import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import { readModelDocument, readParams } from "./_modelValue.js";
import { purchaseModel } from "./_purchaseModel.js";
import { resolveUnit } from "./_rows.js";
import { MATH, NAMES } from "./fitParetoNBD.js";
import type { ModelJSON, ParetoNBDParameter, PurchaseModelValue } from "./types.js";

/**
 * A Pareto/NBD model as a value: built from known parameters, or loaded from the document of
 * `toJSON()`.
 *
 * @remarks
 * `fromParams({ r, alpha, s, beta }, { unit })` predicts as a fitted model with those parameters
 * (all positive; α in `unit`). It has no fit: `logLikelihood`, `converged`, `iterations` and
 * `customers` are `null`, every standard error is `null`, and `parameters()` gives intervals
 * of `null`. `fromJSON(json)` reads a document (object or JSON text) written by `toJSON()` of
 * a Pareto/NBD model, fitted or not; the loaded model predicts exactly as the saved one (the
 * parameters are stored as the exact decimal strings of the floats the predictions use).
 *
 * @example
 * ```ts
 * const bg = ParetoNBD.fromParams({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { unit: 'week' })
 * bg.expectedPurchases({ weeks: 39 }).toFixed(4)
 * const again = ParetoNBD.fromJSON(JSON.stringify(bg))
 * ```
 * @throws {@link MetricInputError} `fromParams`: `INVALID_OPTION` for a missing or unknown
 *   parameter or unit; `NEGATIVE` / `NOT_A_NUMBER` / `OUT_OF_RANGE` for a parameter that is not
 *   a positive float64 value. `fromJSON`: `INVALID_OPTION` for a document that is not one
 *   (not an object or JSON text, wrong `format`, `version` or `model`, an unknown field, a bad
 *   `unit`), `NOT_A_NUMBER` for a number that is not a decimal string, `OUT_OF_RANGE` /
 *   `NEGATIVE` for a value out of its range; the field is named (`params.alpha`,
 *   `fit.standardErrors.r`).
 * @see Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", brucehardie.com/notes/009.
 * @category Models
 */
export const ParetoNBD = /* @__PURE__ */ Object.freeze({
  /** A model with the given parameters and time unit, without a fit. */
  fromParams(
    params: Readonly<Record<ParetoNBDParameter, Numeric>>,
    options: { readonly unit: Period },
  ): PurchaseModelValue<ParetoNBDParameter> {
    const fn = "ParetoNBD.fromParams";
    const unit = resolveUnit(undefined, (options as { unit?: unknown } | undefined)?.unit, fn);
    const read = readParams(params, NAMES, fn);
    return purchaseModel("Pareto/NBD", NAMES, MATH, read.values, read.params, unit, null);
  },
  /** The model a `toJSON()` document describes. */
  fromJSON(json: ModelJSON<ParetoNBDParameter> | string): PurchaseModelValue<ParetoNBDParameter> {
    const doc = readModelDocument(json, "Pareto/NBD", NAMES, "ParetoNBD.fromJSON", {
      unit: true,
    });
    return purchaseModel(
      "Pareto/NBD",
      NAMES,
      MATH,
      doc.values,
      doc.params as Readonly<Record<ParetoNBDParameter, Decimal>>,
      doc.unit as Period,
      doc.fit,
    );
  },
});
