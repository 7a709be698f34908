import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BetaGeometricNBD } from "../../../src/models/purchase/BetaGeometricNBD.js";
import { fitBetaGeometricNBD } from "../../../src/models/purchase/fitBetaGeometricNBD.js";
import { fitGammaGamma } from "../../../src/models/purchase/fitGammaGamma.js";
import { fitParetoNBD } from "../../../src/models/purchase/fitParetoNBD.js";
import { GammaGamma } from "../../../src/models/purchase/GammaGamma.js";
import { cdnowSummary, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

// lifetimes' own penalized objectives (BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter
// ._negative_log_likelihood, copied into the script), minimised with scipy to tight tolerance:
// python3 test/fixtures/models/penalizer.py > test/fixtures/models/penalizer.json
const ref = JSON.parse(
  readFileSync(new URL("../../fixtures/models/penalizer.json", import.meta.url), "utf8"),
) as {
  customers: number;
  bgnbd: { penalizer: number; params: number[] }[];
  pareto: { penalizer: number; lifetimesPenalizerCoef: number; params: number[] }[];
  gammaGamma: { penalizer: number; params: number[] }[];
};

const cdnow = cdnowSummary();
const spend = readFileSync(
  new URL("../../fixtures/models/cdnow_customers_summary_with_transactions.csv", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, x, , , zbar] = line.split(",").map(Number) as number[];
    return { frequency: x as number, monetaryValue: zbar as number };
  });

describe("penalizer", () => {
  it("fitBetaGeometricNBD maximises lifetimes' penalized objective", () => {
    for (const { penalizer, params } of ref.bgnbd) {
      const fit = fitBetaGeometricNBD(cdnow, { unit: "week", penalizer });
      (["r", "alpha", "a", "b"] as const).forEach((name, i) => {
        expect(relativeError(fit.params[name], params[i] as number)).toBeLessThan(2e-6);
      });
    }
  });

  it("fitParetoNBD matches lifetimes with its coefficient N times ours", () => {
    for (const { penalizer, params } of ref.pareto) {
      const fit = fitParetoNBD(cdnow, { unit: "week", penalizer });
      (["r", "alpha", "s", "beta"] as const).forEach((name, i) => {
        expect(relativeError(fit.params[name], params[i] as number)).toBeLessThan(2e-6);
      });
    }
  });

  it("fitGammaGamma penalizes γ in money units, as lifetimes does", () => {
    for (const { penalizer, params } of ref.gammaGamma) {
      const fit = fitGammaGamma(spend, { penalizer });
      (["p", "q", "gamma"] as const).forEach((name, i) => {
        expect(relativeError(fit.params[name], params[i] as number)).toBeLessThan(2e-6);
      });
    }
  });

  it("reports the log-likelihood itself, below the maximum, and does not depend on the unit", () => {
    const plain = fitBetaGeometricNBD(cdnow, { unit: "week" });
    const penalized = fitBetaGeometricNBD(cdnow, { unit: "week", penalizer: "0.01" });
    expect(penalized.logLikelihood.lt(plain.logLikelihood)).toBe(true);
    // The same customers in days: the same r, a, b; α seven times as large.
    const days = fitBetaGeometricNBD(
      cdnow.map((c) => ({ frequency: c.frequency, recency: c.recency * 7, T: c.T * 7 })),
      { unit: "day", penalizer: 0.01 },
    );
    expect(relativeError(days.params.a, penalized.params.a.toNumber())).toBeLessThan(1e-6);
    expect(relativeError(days.params.alpha, 7 * penalized.params.alpha.toNumber())).toBeLessThan(
      1e-6,
    );
  });

  it("penalizer 0 is no penalty", () => {
    const plain = fitGammaGamma(spend);
    const zero = fitGammaGamma(spend, { penalizer: 0 });
    expect(zero.params.p.eq(plain.params.p)).toBe(true);
    expect(zero.logLikelihood.eq(plain.logLikelihood)).toBe(true);
  });

  it("rejects a penalizer that is not a number ≥ 0", () => {
    expectError(
      () => fitBetaGeometricNBD(cdnow, { unit: "week", penalizer: -1 }),
      "NEGATIVE",
      "options.penalizer",
    );
    expectError(
      () => fitParetoNBD(cdnow, { unit: "week", penalizer: Number.POSITIVE_INFINITY }),
      "NOT_FINITE",
      "options.penalizer",
    );
    expectError(
      () => fitGammaGamma(spend, { penalizer: Number.NaN }),
      "NOT_A_NUMBER",
      "options.penalizer",
    );
    expectError(() => fitGammaGamma(spend, 3 as never), "INVALID_OPTION", "options");
  });

  it("travels with the model: its field, the document and a loaded model", () => {
    const penalized = fitBetaGeometricNBD(cdnow, { unit: "week", penalizer: "0.01" });
    expect(penalized.penalizer?.toString()).toBe("0.01");
    const doc = penalized.toJSON();
    expect(doc.fit?.penalizer).toBe("0.01");
    const loaded = BetaGeometricNBD.fromJSON(JSON.stringify(doc));
    expect(loaded.penalizer?.toString()).toBe("0.01");
    expect(loaded.toJSON()).toEqual(doc);
    // An unpenalized fit writes no such field, so its document is as before.
    const plain = fitBetaGeometricNBD(cdnow, { unit: "week", penalizer: 0 });
    expect(plain.penalizer).toBeNull();
    expect(plain.toJSON().fit).not.toHaveProperty("penalizer");
    expect(BetaGeometricNBD.fromJSON(plain.toJSON()).penalizer).toBeNull();
    const spendModel = fitGammaGamma(spend, { penalizer: 0.5 });
    expect(spendModel.penalizer?.toString()).toBe("0.5");
    expect(GammaGamma.fromJSON(spendModel.toJSON()).penalizer?.toString()).toBe("0.5");
    expect(
      BetaGeometricNBD.fromParams({ r: 1, alpha: 2, a: 3, b: 4 }, { unit: "week" }).penalizer,
    ).toBeNull();
  });

  it("refuses a document whose penalizer is not a positive number", () => {
    const doc = fitBetaGeometricNBD(cdnow, { unit: "week", penalizer: 0.01 }).toJSON();
    const withPenalizer = (value: unknown) => ({ ...doc, fit: { ...doc.fit, penalizer: value } });
    expectError(
      () => BetaGeometricNBD.fromJSON(withPenalizer("0") as never),
      "OUT_OF_RANGE",
      "fit.penalizer",
    );
    expectError(
      () => BetaGeometricNBD.fromJSON(withPenalizer(0.01) as never),
      "NOT_A_NUMBER",
      "fit.penalizer",
    );
  });
});
