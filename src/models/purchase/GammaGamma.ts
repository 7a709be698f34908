import { fail } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric } from "../../types.js";
import { readModelDocument, readParams } from "./_modelValue.js";
import { gammaGammaModel, NAMES } from "./fitGammaGamma.js";
import type { GammaGammaModelValue, GammaGammaParameter, ModelJSON } from "./types.js";

/**
 * A Gamma-Gamma spend model as a value: built from known parameters, or loaded from the
 * document of `toJSON()`.
 *
 * @remarks
 * `fromParams({ p, q, gamma })` predicts as a fitted model with those parameters (all
 * positive; γ in money units). It has no fit: `logLikelihood`, `converged`, `iterations` and
 * `customers` are `null`, and every standard error is `null`. `fromJSON(json)` reads a
 * document written by `toJSON()` of a Gamma-Gamma model; the document also keeps the money
 * unit the fit worked in (`spend.scale`, the geometric mean of the spends) and γ in that unit
 * (`spend.gamma`), so that the loaded model computes exactly as the saved one; `params.gamma`
 * must agree with their product to 17 digits.
 *
 * @example
 * ```ts
 * const gg = GammaGamma.fromParams({ p: 6.25, q: 3.74, gamma: 15.44 })
 * gg.conditionalExpectedSpend({ frequency: 2, monetaryValue: '22.35' })
 * ```
 * @throws {@link MetricInputError} as {@link BetaGeometricNBD}; `fromJSON` also
 *   `INCONSISTENT` on `params.gamma` when it disagrees with `spend.scale × spend.gamma`.
 * @see Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", brucehardie.com/notes/025.
 * @category Models
 */
export const GammaGamma = /* @__PURE__ */ Object.freeze({
  /** A model with the given parameters, without a fit. */
  fromParams(params: Readonly<Record<GammaGammaParameter, Numeric>>): GammaGammaModelValue {
    const read = readParams(params, NAMES, "GammaGamma.fromParams");
    const v = read.values;
    return gammaGammaModel(read.params, v[0] as number, v[1] as number, v[2] as number, 1, null);
  },
  /** The model a `toJSON()` document describes. */
  fromJSON(json: ModelJSON<GammaGammaParameter> | string): GammaGammaModelValue {
    const fn = "GammaGamma.fromJSON";
    const doc = readModelDocument(json, "Gamma-Gamma", NAMES, fn, {
      unit: false,
      spend: ["scale", "gamma"],
    });
    const spend = doc.spend as Record<string, Decimal>;
    const scale = spend.scale as Decimal;
    const relative = spend.gamma as Decimal;
    const params = doc.params as Readonly<Record<GammaGammaParameter, Decimal>>;
    if (!scale.times(relative).toSignificantDigits(17).eq(params.gamma)) {
      fail(
        fn,
        "params.gamma",
        "INCONSISTENT",
        `must equal spend.scale × spend.gamma (${scale.times(relative).toSignificantDigits(17).toString()})`,
        params.gamma.toString(),
      );
    }
    const v = doc.values;
    return gammaGammaModel(
      params,
      v[0] as number,
      v[1] as number,
      relative.toNumber(),
      scale.toNumber(),
      doc.fit,
    );
  },
});
