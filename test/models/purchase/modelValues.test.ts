import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MetricInputError } from "../../../src/errors.js";
import {
  BetaGeometricNBD,
  fitBetaGeometricNBD,
  fitGammaGamma,
  GammaGamma,
  ParetoNBD,
  summarizeTransactions,
} from "../../../src/models/purchase/index.js";
import { cdnowSummary, cdnowTransactions } from "./_cdnow.js";

const positive = fc.double({ min: 0.01, max: 100, noNaN: true });
const customer = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), positive)
  .map(([frequency, share, T]) => ({
    frequency,
    recency: frequency === 0 ? 0 : share * T,
    T,
  }));

function catchError(body: () => unknown): MetricInputError {
  try {
    body();
  } catch (error) {
    if (error instanceof MetricInputError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("BetaGeometricNBD and ParetoNBD as values", () => {
  it("a model loaded from its JSON predicts exactly as the saved one", () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, customer, (r, alpha, u, v, c) => {
        for (const [make, load, params] of [
          [BetaGeometricNBD.fromParams, BetaGeometricNBD.fromJSON, { r, alpha, a: u, b: v }],
          [ParetoNBD.fromParams, ParetoNBD.fromJSON, { r, alpha, s: u, beta: v }],
        ] as const) {
          const model = (
            make as (p: object, o: object) => ReturnType<typeof BetaGeometricNBD.fromParams>
          )(params, { unit: "week" });
          const again = (load as (j: string) => typeof model)(JSON.stringify(model));
          expect(again.probabilityAlive(c).toString()).toBe(model.probabilityAlive(c).toString());
          expect(again.conditionalExpectedPurchases(c, { weeks: 39 }).toString()).toBe(
            model.conditionalExpectedPurchases(c, { weeks: 39 }).toString(),
          );
          expect(again.expectedPurchases({ days: 90 }).toString()).toBe(
            model.expectedPurchases({ days: 90 }).toString(),
          );
          expect(again.toJSON()).toEqual(model.toJSON());
        }
      }),
    );
  });

  it("a fitted CDNOW model keeps its fit through JSON, and its parameter table has log-scale 95 % intervals", () => {
    const bg = fitBetaGeometricNBD(cdnowSummary(), { unit: "week" });
    const again = BetaGeometricNBD.fromJSON(JSON.stringify(bg));
    expect(again.logLikelihood?.toString()).toBe(bg.logLikelihood.toString());
    expect(again.converged).toBe(bg.converged);
    expect(again.customers).toBe(2357);
    expect(again.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }).toFixed(4)).toBe(
      "0.7266",
    );
    const rows = bg.parameters();
    expect(rows.map((row) => row.name)).toEqual(["r", "alpha", "a", "b"]);
    for (const row of rows) {
      const se = row.standardError?.toNumber() as number;
      const estimate = row.estimate.toNumber();
      expect(row.lower?.toNumber()).toBeCloseTo(
        estimate * Math.exp((-1.959963984540054 * se) / estimate),
        12,
      );
      expect(row.upper?.toNumber()).toBeCloseTo(
        estimate * Math.exp((1.959963984540054 * se) / estimate),
        12,
      );
    }
    expect(again.parameters()).toEqual(rows);
  });

  it("a model built from parameters has no fit: null log-likelihood, errors and intervals", () => {
    const bg = BetaGeometricNBD.fromParams(
      { r: "0.243", alpha: 4.414, a: 0.793, b: 2.426 },
      { unit: "week" },
    );
    expect(bg.logLikelihood).toBeNull();
    expect(bg.converged).toBeNull();
    expect(bg.customers).toBeNull();
    expect(bg.params.r.toString()).toBe("0.243");
    expect(bg.parameters()[0]).toMatchObject({ standardError: null, lower: null, upper: null });
    expect(bg.toJSON().fit).toBeNull();
  });

  it("rejects bad parameters and documents with the field named", () => {
    expect(
      catchError(() =>
        BetaGeometricNBD.fromParams({ r: 1, alpha: 1, a: 1 } as never, { unit: "week" }),
      ).field,
    ).toBe("params.b");
    const negative = catchError(() =>
      ParetoNBD.fromParams({ r: 1, alpha: -1, s: 1, beta: 1 }, { unit: "week" }),
    );
    expect([negative.code, negative.field]).toEqual(["NEGATIVE", "params.alpha"]);
    expect(
      catchError(() => BetaGeometricNBD.fromParams({ r: 1, alpha: 1, a: 1, b: 1 }, {} as never))
        .field,
    ).toBe("options.unit");
    const doc = BetaGeometricNBD.fromParams(
      { r: 1, alpha: 2, a: 3, b: 4 },
      { unit: "week" },
    ).toJSON();
    const cases: [unknown, string, string][] = [
      [{ ...doc, version: 2 }, "version", "INVALID_OPTION"],
      [{ ...doc, format: "other" }, "format", "INVALID_OPTION"],
      [{ ...doc, model: "Pareto/NBD" }, "model", "INVALID_OPTION"],
      [{ ...doc, params: { ...doc.params, a: "-3" } }, "params.a", "NEGATIVE"],
      [{ ...doc, params: { ...doc.params, a: 3 } }, "params.a", "NOT_A_NUMBER"],
      [{ ...doc, params: { ...doc.params, z: "1" } }, "params.z", "INVALID_OPTION"],
      [{ ...doc, unit: "fortnight" }, "unit", "INVALID_OPTION"],
      [{ ...doc, extra: 1 }, "extra", "INVALID_OPTION"],
      ["{not json", "json", "INVALID_OPTION"],
    ];
    for (const [json, field, code] of cases) {
      const error = catchError(() => BetaGeometricNBD.fromJSON(json as never));
      expect([error.field, error.code]).toEqual([field, code]);
      expect(error.message.startsWith(`BetaGeometricNBD.fromJSON: ${field} `)).toBe(true);
    }
  });
});

describe("GammaGamma as a value", () => {
  it("a fitted CDNOW model loaded from its JSON computes exactly as the saved one", () => {
    const summary = summarizeTransactions(cdnowTransactions(), {
      observationEnd: "1997-09-30",
      unit: "week",
    });
    const gg = fitGammaGamma(summary);
    const again = GammaGamma.fromJSON(JSON.stringify(gg));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        (frequency, monetaryValue) => {
          const c = { frequency, monetaryValue };
          expect(again.conditionalExpectedSpend(c).toString()).toBe(
            gg.conditionalExpectedSpend(c).toString(),
          );
        },
      ),
    );
    expect(again.params.gamma.toString()).toBe(gg.params.gamma.toString());
    expect(again.logLikelihood?.toString()).toBe(gg.logLikelihood.toString());
  });

  it("rejects a document whose γ disagrees with its spend scale", () => {
    const doc = GammaGamma.fromParams({ p: 6.25, q: 3.74, gamma: 15.44 }).toJSON();
    const error = catchError(() =>
      GammaGamma.fromJSON({ ...doc, params: { ...doc.params, gamma: "16" } }),
    );
    expect([error.field, error.code]).toEqual(["params.gamma", "INCONSISTENT"]);
  });

  it("fromParams predicts pγ/(q − 1) for a new customer (Fader & Hardie 2013's CDNOW values)", () => {
    // 6.25 × 15.44 / 2.74 = 35.2189...
    expect(
      GammaGamma.fromParams({ p: 6.25, q: 3.74, gamma: 15.44 }).expectedSpend().toFixed(4),
    ).toBe("35.2190");
  });
});
