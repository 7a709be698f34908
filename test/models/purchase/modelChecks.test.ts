import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BetaGeometricNBD,
  calibrationVsHoldout,
  fitBetaGeometricNBD,
  ModifiedBetaGeometricNBD,
  ParetoNBD,
  periodTransactions,
  predictionErrors,
  summarizeTransactions,
  trackingCurves,
} from "../../../src/index.js";
import { mbgnbdProbabilityOfPurchases } from "../../../src/models/purchase/_mbgnbdMath.js";
import {
  bgnbdProbabilityOfPurchases,
  paretoProbabilityOfPurchases,
} from "../../../src/models/purchase/_purchaseProbabilities.js";
import { cdnowTransactions, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";
import { lifetimesReference } from "./_modelChecksReference.js";

// The Fader, Hardie & Lee split of the CDNOW sample: 39 weeks of calibration, 39 of holdout;
// every row a purchase, as lifetimes counts them (a few rows have $0.00).
const transactions = cdnowTransactions();
const summary = summarizeTransactions(transactions, {
  observationEnd: "1998-06-30",
  calibrationEnd: "1997-09-30",
  unit: "week",
  purchases: "all",
});
const ref = lifetimesReference.checks;
const models = {
  bgnbd: BetaGeometricNBD.fromParams(ref.bgnbd.params, { unit: "week" }),
  mbgnbd: ModifiedBetaGeometricNBD.fromParams(ref.mbgnbd.params, { unit: "week" }),
};

describe("periodTransactions", () => {
  it("gives lifetimes' expected and actual customers by calibration frequency (1e-9)", () => {
    for (const kind of ["bgnbd", "mbgnbd"] as const) {
      const check = periodTransactions(models[kind], summary);
      expect(check.bins.map((b) => b.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(check.bins.map((b) => b.orMore)).toEqual([...Array(7).fill(false), true]);
      expect(check.bins.map((b) => b.actual.toNumber())).toEqual(
        ref[kind].periodTransactions.actual,
      );
      check.bins.forEach((b, n) => {
        expect(
          relativeError(b.expected, ref[kind].periodTransactions.expected[n] as number),
        ).toBeLessThan(1e-9);
      });
      expect(check.customers.toString()).toBe("2357");
    }
  });

  it("shows the documented example", () => {
    const check = periodTransactions(models.bgnbd, summary);
    expect(check.bins.map((b) => b.actual.toNumber())).toEqual([
      1411, 439, 214, 100, 62, 38, 29, 64,
    ]);
    expect(check.bins.map((b) => Math.round(b.expected.toNumber()))).toEqual([
      1408, 460, 192, 101, 60, 38, 26, 72,
    ]);
  });

  it("sums both columns to the customers, for any maxFrequency and weights", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 }), (max, w) => {
        const rows = summary.slice(0, 300).map((r) => ({ ...r, weight: w }));
        const check = periodTransactions(models.mbgnbd, rows, { maxFrequency: max });
        expect(check.bins).toHaveLength(max + 1);
        const expected = check.bins.reduce((s, b) => s + b.expected.toNumber(), 0);
        const actual = check.bins.reduce((s, b) => s + b.actual.toNumber(), 0);
        expect(actual).toBe(300 * w);
        expect(Math.abs(expected - 300 * w)).toBeLessThan(1e-8 * 300 * w);
        for (const b of check.bins) expect(b.expected.toNumber()).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 15 },
    );
  });

  it("rejects a model it does not know, a row in another unit, and a bad maxFrequency", () => {
    expectError(() => periodTransactions({} as never, summary), "INVALID_OPTION", "model");
    expectError(
      () => periodTransactions(models.bgnbd, [{ frequency: 0, recency: 0, T: 3, unit: "day" }]),
      "INCONSISTENT",
      "summary[0].unit",
    );
    expectError(
      () => periodTransactions(models.bgnbd, summary, { maxFrequency: 0 }),
      "OUT_OF_RANGE",
      "options.maxFrequency",
    );
    expectError(
      () => periodTransactions(models.bgnbd, summary, { maxFrequency: 2.5 }),
      "NOT_INTEGER",
      "options.maxFrequency",
    );
    expectError(() => periodTransactions(models.bgnbd, []), "EMPTY", "summary");
  });
});

describe("calibrationVsHoldout", () => {
  it("gives lifetimes' mean holdout purchases, actual and predicted, per calibration frequency (1e-9)", () => {
    expect(summary).toHaveLength(ref.customers);
    expect(summary[0]?.durationHoldout?.toNumber()).toBe(ref.durationHoldout);
    for (const kind of ["bgnbd", "mbgnbd"] as const) {
      const { bins } = calibrationVsHoldout(models[kind], summary);
      bins.forEach((b, n) => {
        const r = ref[kind].calibrationVsHoldout[n];
        expect(b.frequency).toBe(r?.frequency);
        expect(b.customers.toNumber()).toBe(r?.customers);
        expect(relativeError(b.actual as never, r?.actual as number)).toBeLessThan(1e-12);
        expect(relativeError(b.predicted as never, r?.predicted as number)).toBeLessThan(1e-9);
      });
    }
  });

  it("shows the documented example, and null means for an empty bin", () => {
    const { bins } = calibrationVsHoldout(models.bgnbd, summary, { maxFrequency: 60 });
    expect(bins[0]?.actual?.toFixed(3)).toBe("0.237");
    expect(bins[0]?.predicted?.toFixed(3)).toBe("0.225");
    const empty = bins.find((b) => b.customers.isZero());
    expect(empty?.actual).toBeNull();
    expect(empty?.predicted).toBeNull();
  });

  it("requires the holdout columns", () => {
    expectError(
      () => calibrationVsHoldout(models.bgnbd, [{ frequency: 1, recency: 1, T: 2 }]),
      "INVALID_OPTION",
      "summary[0].frequencyHoldout",
    );
  });
});

describe("predictionErrors", () => {
  it("gives the MAE, RMSE, bias and totals of lifetimes' predictions (1e-9)", () => {
    for (const kind of ["bgnbd", "mbgnbd"] as const) {
      const e = predictionErrors(models[kind], summary);
      const r = ref[kind].predictionErrors;
      expect(relativeError(e.meanAbsoluteError, r.meanAbsoluteError)).toBeLessThan(1e-9);
      expect(relativeError(e.rootMeanSquaredError, r.rootMeanSquaredError)).toBeLessThan(1e-9);
      expect(relativeError(e.bias, r.bias)).toBeLessThan(1e-8);
      expect(relativeError(e.predictedTotal, r.predictedTotal)).toBeLessThan(1e-9);
      expect(e.actualTotal.toNumber()).toBe(r.actualTotal);
      for (const [id, predicted, actual] of r.first) {
        const i = summary.findIndex((row) => row.customerId === id);
        expect(relativeError(e.predicted[i] as number, predicted)).toBeLessThan(1e-9);
        expect(e.actual[i]).toBe(actual);
        expect(e.error[i]).toBe((e.predicted[i] as number) - actual);
      }
      expect(e.totalRelativeError?.toNumber()).toBeCloseTo(
        (r.predictedTotal - r.actualTotal) / r.actualTotal,
        9,
      );
    }
  });

  it("shows the documented example", () => {
    const e = predictionErrors(models.bgnbd, summary);
    expect(e.meanAbsoluteError.toFixed(3)).toBe("0.785");
    expect(e.rootMeanSquaredError.toFixed(3)).toBe("1.608");
    expect(e.bias.toFixed(3)).toBe("-0.097");
    expect(e.actualTotal.toString()).toBe("1882");
  });

  it("has no relative total error when nobody bought in the holdout", () => {
    const rows = [{ frequency: 1, recency: 1, T: 2, frequencyHoldout: 0, durationHoldout: 2 }];
    const e = predictionErrors(models.bgnbd, rows);
    expect(e.totalRelativeError).toBeNull();
    expect(e.bias.toNumber()).toBe(e.predicted[0]);
  });
});

describe("trackingCurves", () => {
  const curves = trackingCurves(models.bgnbd, transactions, {
    observationEnd: "1998-06-30",
    purchases: "all",
  });

  it("counts the repeat purchases of lifetimes' expected_cumulative_transactions, week by week", () => {
    expect(curves.period).toBe("week");
    expect(curves.start).toBe("1997-01-01");
    expect(curves.points).toHaveLength(78);
    expect(curves.points.map((p) => p.actualCumulative.toNumber())).toEqual(
      ref.bgnbd.tracking.actual,
    );
  });

  it("expects lifetimes' model sums with the library's ages (1e-9)", () => {
    for (const kind of ["bgnbd", "mbgnbd"] as const) {
      const c = trackingCurves(models[kind], transactions, {
        observationEnd: "1998-06-30",
        purchases: "all",
      });
      c.points.forEach((p, k) => {
        expect(
          relativeError(p.expectedCumulative, ref[kind].tracking.predicted[k] as number),
        ).toBeLessThan(1e-9);
      });
    }
  });

  it("has incremental points that sum to the cumulative ones", () => {
    let expected = 0;
    let actual = 0;
    for (const p of curves.points) {
      expected += p.expectedIncremental.toNumber();
      actual += p.actualIncremental.toNumber();
      expect(Math.abs(expected - p.expectedCumulative.toNumber())).toBeLessThan(
        1e-9 * expected + 1e-12,
      );
      expect(actual).toBe(p.actualCumulative.toNumber());
    }
  });

  it("shows the documented example", () => {
    expect(curves.points[38]?.end).toBe("1997-09-30");
    expect(curves.points[38]?.actualCumulative.toString()).toBe("2457");
    expect(curves.points[38]?.expectedCumulative.toFixed(0)).toBe("2494");
  });

  it("steps by another period than the model's unit", () => {
    const days = trackingCurves(models.bgnbd, transactions, {
      observationEnd: "1998-06-30",
      purchases: "all",
      period: "day",
    });
    expect(days.points).toHaveLength(546);
    // Day 7k ends week k.
    expect(days.points[272]?.expectedCumulative.toString()).toBe(
      curves.points[38]?.expectedCumulative.toString(),
    );
  });

  it("puts purchases into the calendar days of the time zone", () => {
    const log = [
      { customerId: "a", at: "2024-01-01T12:00:00Z", revenue: 10 },
      { customerId: "a", at: "2024-01-07T23:30:00Z", revenue: 10 },
    ];
    const week1 = (timeZone: string) =>
      trackingCurves(models.bgnbd, log, {
        observationEnd: "2024-01-14",
        timeZone,
      }).points[0]?.actualCumulative.toNumber();
    // 23:30 UTC on 7 January is 05:00 on 8 January in Kolkata: the second week.
    expect(week1("UTC")).toBe(1);
    expect(week1("Asia/Kolkata")).toBe(0);
  });

  it("rejects a missing end, an unknown period, and a log without purchases", () => {
    expectError(
      () => trackingCurves(models.bgnbd, transactions, {} as never),
      "INVALID_DATE",
      "options.observationEnd",
    );
    expectError(
      () =>
        trackingCurves(models.bgnbd, transactions, {
          observationEnd: "1998-06-30",
          period: "fortnight" as never,
        }),
      "INVALID_OPTION",
      "options.period",
    );
    expectError(
      () => trackingCurves(models.bgnbd, [], { observationEnd: "1998-06-30" }),
      "EMPTY",
      "transactions",
    );
  });
});

describe("P(X(t) = n) behind periodTransactions", () => {
  it("gives lifetimes' probability_of_n_purchases_up_to_time for the MBG/NBD (1e-10)", () => {
    for (const set of [lifetimesReference.mbgnbd.fitted, lifetimesReference.mbgnbd.published]) {
      for (const [t, n, value] of set.probabilityOfPurchases) {
        const q = mbgnbdProbabilityOfPurchases(set.params, n, t);
        expect(Math.abs(q - value)).toBeLessThan(1e-10 * Math.max(value, 1e-6));
      }
    }
  });

  it("gives the Pareto/NBD's P(X(t) = n) of a two-dimensional quadrature over λ and μ (1e-9)", () => {
    // pareto_counts.json: scipy dblquad of the model's definition (see pareto_counts.py).
    const rows = JSON.parse(
      readFileSync(new URL("../../fixtures/models/pareto_counts.json", import.meta.url), "utf8"),
    ) as [[number, number, number, number], number, number, number, number][];
    for (const [p, t, n, value] of rows) {
      expect(relativeError(paretoProbabilityOfPurchases(p, n, t), value)).toBeLessThan(1e-9);
    }
  });

  it("sums to at most 1 over n for every model", () => {
    const models = {
      "BG/NBD": bgnbdProbabilityOfPurchases,
      "MBG/NBD": mbgnbdProbabilityOfPurchases,
      "Pareto/NBD": paretoProbabilityOfPurchases,
    };
    fc.assert(
      fc.property(
        fc.constantFrom("BG/NBD", "MBG/NBD", "Pareto/NBD" as const),
        fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (kind, p, t) => {
          let sum = 0;
          for (let n = 0; n < 40; n++) {
            const q = models[kind as "BG/NBD"](p, n, t);
            expect(q).toBeGreaterThanOrEqual(0);
            expect(q).toBeLessThanOrEqual(1);
            sum += q;
          }
          expect(sum).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 30 },
    );
  });
});

it("fitted and fromParams models give the same checks", () => {
  const bg = fitBetaGeometricNBD(summary);
  const again = BetaGeometricNBD.fromJSON(JSON.stringify(bg));
  expect(periodTransactions(again, summary).bins.map((b) => b.expected.toString())).toEqual(
    periodTransactions(bg, summary).bins.map((b) => b.expected.toString()),
  );
  const pareto = ParetoNBD.fromParams(
    { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 },
    { unit: "week" },
  );
  expect(periodTransactions(pareto, summary).customers.toString()).toBe("2357");
});
