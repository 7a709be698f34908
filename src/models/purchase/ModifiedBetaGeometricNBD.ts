import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";
import { readModelDocument, readParams } from "./_modelValue.js";
import { purchaseModel } from "./_purchaseModel.js";
import { resolveUnit } from "./_rows.js";
import { MBG_MATH, MBG_NAMES } from "./fitModifiedBetaGeometricNBD.js";
import type { BetaGeometricNBDParameter, ModelJSON, PurchaseModelValue } from "./types.js";

/**
 * An MBG/NBD model as a value: built from known parameters, or loaded from the document of
 * `toJSON()`.
 *
 * @remarks
 * `fromParams({ r, alpha, a, b }, { unit })` predicts as a fitted model with those parameters
 * (all positive; α in `unit`). It has no fit: `logLikelihood`, `converged`, `iterations` and
 * `customers` are `null`, every standard error is `null`, and `parameters()` gives intervals
 * of `null`. `fromJSON(json)` reads a document (object or JSON text) written by `toJSON()` of
 * an MBG/NBD model (`model: 'MBG/NBD'`), fitted or not; the loaded model predicts exactly as
 * the saved one. A BG/NBD document is refused: the two models share parameter names but not
 * their meaning.
 *
 * @example
 * BTYDplus' CDNOW estimates:
 * ```ts
 * const mbg = ModifiedBetaGeometricNBD.fromParams(
 *   { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
 *   { unit: 'week' },
 * )
 * mbg.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }).toFixed(4) //=> '0.3897'
 * const again = ModifiedBetaGeometricNBD.fromJSON(JSON.stringify(mbg))
 * ```
 * @throws {@link MetricInputError} `fromParams`: `INVALID_OPTION` for a missing or unknown
 *   parameter or unit; `NEGATIVE` / `NOT_A_NUMBER` / `OUT_OF_RANGE` for a parameter that is not
 *   a positive float64 value. `fromJSON`: `INVALID_OPTION` for a document that is not one
 *   (not an object or JSON text, wrong `format`, `version` or `model`, an unknown field, a bad
 *   `unit`), `NOT_A_NUMBER` for a number that is not a decimal string, `OUT_OF_RANGE` /
 *   `NEGATIVE` for a value out of its range; the field is named (`params.alpha`,
 *   `fit.standardErrors.r`).
 * @see Batislam, Denizel & Filiztekin (2007), International Journal of Research in Marketing
 *   24(3), 201–209.
 * @category Models
 */
export const ModifiedBetaGeometricNBD = /* @__PURE__ */ Object.freeze({
  /** A model with the given parameters and time unit, without a fit. */
  fromParams(
    params: Readonly<Record<BetaGeometricNBDParameter, Numeric>>,
    options: { readonly unit: Period },
  ): PurchaseModelValue<BetaGeometricNBDParameter> {
    const fn = "ModifiedBetaGeometricNBD.fromParams";
    const unit = resolveUnit(undefined, (options as { unit?: unknown } | undefined)?.unit, fn);
    const read = readParams(params, MBG_NAMES, fn);
    return purchaseModel("MBG/NBD", MBG_NAMES, MBG_MATH, read.values, read.params, unit, null);
  },
  /** The model a `toJSON()` document describes. */
  fromJSON(
    json: ModelJSON<BetaGeometricNBDParameter> | string,
  ): PurchaseModelValue<BetaGeometricNBDParameter> {
    const doc = readModelDocument(json, "MBG/NBD", MBG_NAMES, "ModifiedBetaGeometricNBD.fromJSON", {
      unit: true,
    });
    return purchaseModel(
      "MBG/NBD",
      MBG_NAMES,
      MBG_MATH,
      doc.values,
      doc.params as Readonly<Record<BetaGeometricNBDParameter, Decimal>>,
      doc.unit as Period,
      doc.fit,
    );
  },
});
