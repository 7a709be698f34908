import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import { readModelDocument, readParams } from "./_modelValue.js";
import { purchaseModel } from "./_purchaseModel.js";
import { resolveUnit } from "./_rows.js";
import { MATH, NAMES } from "./fitBetaGeometricNBD.js";
import type { BetaGeometricNBDParameter, ModelJSON, PurchaseModelValue } from "./types.js";

/**
 * A BG/NBD model as a value: built from known parameters, or loaded from the document of
 * `toJSON()`.
 *
 * @remarks
 * `fromParams({ r, alpha, a, b }, { unit })` predicts as a fitted model with those parameters
 * (all positive; α in `unit`). It has no fit: `logLikelihood`, `converged`, `iterations` and
 * `customers` are `null`, every standard error is `null`, and `parameters()` gives intervals
 * of `null`. `fromJSON(json)` reads a document (object or JSON text) written by `toJSON()` of
 * a BG/NBD model, fitted or not; the loaded model predicts exactly as the saved one (the
 * parameters are stored as the exact decimal strings of the floats the predictions use).
 *
 * @example
 * ```ts
 * const bg = BetaGeometricNBD.fromParams({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { unit: 'week' })
 * bg.expectedPurchases({ weeks: 39 }).toFixed(4)
 * const again = BetaGeometricNBD.fromJSON(JSON.stringify(bg))
 * ```
 * @throws {@link MetricInputError} `fromParams`: `INVALID_OPTION` for a missing or unknown
 *   parameter or unit; `NEGATIVE` / `NOT_A_NUMBER` / `OUT_OF_RANGE` for a parameter that is not
 *   a positive float64 value. `fromJSON`: `INVALID_OPTION` for a document that is not one
 *   (not an object or JSON text, wrong `format`, `version` or `model`, an unknown field, a bad
 *   `unit`), `NOT_A_NUMBER` for a number that is not a decimal string, `OUT_OF_RANGE` /
 *   `NEGATIVE` for a value out of its range; the field is named (`params.alpha`,
 *   `fit.standardErrors.r`).
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), 275–284.
 * @category Models
 */
export const BetaGeometricNBD = /* @__PURE__ */ Object.freeze({
  /** A model with the given parameters and time unit, without a fit. */
  fromParams(
    params: Readonly<Record<BetaGeometricNBDParameter, Numeric>>,
    options: { readonly unit: Period },
  ): PurchaseModelValue<BetaGeometricNBDParameter> {
    const fn = "BetaGeometricNBD.fromParams";
    const unit = resolveUnit(undefined, (options as { unit?: unknown } | undefined)?.unit, fn);
    const read = readParams(params, NAMES, fn);
    return purchaseModel("BG/NBD", NAMES, MATH, read.values, read.params, unit, null);
  },
  /** The model a `toJSON()` document describes. */
  fromJSON(
    json: ModelJSON<BetaGeometricNBDParameter> | string,
  ): PurchaseModelValue<BetaGeometricNBDParameter> {
    const doc = readModelDocument(json, "BG/NBD", NAMES, "BetaGeometricNBD.fromJSON", {
      unit: true,
    });
    return purchaseModel(
      "BG/NBD",
      NAMES,
      MATH,
      doc.values,
      doc.params as Readonly<Record<BetaGeometricNBDParameter, Decimal>>,
      doc.unit as Period,
      doc.fit,
    );
  },
});
