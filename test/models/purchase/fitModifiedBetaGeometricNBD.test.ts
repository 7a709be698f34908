import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BetaGeometricNBD,
  fitModifiedBetaGeometricNBD,
  ModifiedBetaGeometricNBD,
} from "../../../src/index.js";
import { groupByFrequency } from "../../../src/models/purchase/_bgnbdMath.js";
import {
  mbgnbdLogLikelihood,
  mbgnbdLogLikelihoodGradient,
} from "../../../src/models/purchase/_mbgnbdMath.js";
import { readSummary } from "../../../src/models/purchase/_rows.js";
import { cdnowSummary, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";
import { lifetimesReference } from "./_modelChecksReference.js";

const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));
const mbg = fitModifiedBetaGeometricNBD(cdnow, { unit: "week" });
const ref = lifetimesReference.mbgnbd;
const names = ["r", "alpha", "a", "b"] as const;

describe("fitModifiedBetaGeometricNBD", () => {
  it("reproduces the published CDNOW estimates (BTYDplus, as lifetimes' tests quote them)", () => {
    // BTYDplus (Platzer) MBG/NBD on CDNOW: r 0.525, α 6.183, a 0.891, b 1.614.
    expect(mbg.params.r.toFixed(3)).toBe("0.525");
    expect(mbg.params.alpha.toFixed(3)).toBe("6.183");
    expect(mbg.params.a.toFixed(3)).toBe("0.891");
    expect(mbg.params.b.toFixed(3)).toBe("1.614");
    expect(mbg.converged).toBe(true);
    expect(mbg.customers).toBe(2357);
    expect(mbg.unit).toBe("week");
  });

  it("agrees with lifetimes' ModifiedBetaGeoFitter on CDNOW: estimates to 1e-5, log-likelihood to 1e-10", () => {
    for (const name of names) {
      expect(relativeError(mbg.params[name], ref.params[name])).toBeLessThan(1e-5);
    }
    expect(relativeError(mbg.logLikelihood, ref.logLikelihood)).toBeLessThan(1e-10);
    // Our maximum is at least as high as lifetimes' (same likelihood, tighter optimiser).
    expect(mbg.logLikelihood.toNumber()).toBeGreaterThanOrEqual(ref.logLikelihood - 1e-9);
  });

  it("computes lifetimes' log-likelihood at fixed parameters to 1e-12", () => {
    const d = groupByFrequency(readSummary(cdnow, "test", "week"));
    for (const [p, ll] of ref.logLikelihoodAt) {
      expect(relativeError(mbgnbdLogLikelihood(p, d), ll)).toBeLessThan(1e-12);
    }
  });

  it("has the gradient of its log-likelihood (central differences)", () => {
    const d = groupByFrequency(readSummary(cdnow, "test", "week"));
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: 0.05, max: 5, noNaN: true }),
          fc.double({ min: 0.5, max: 50, noNaN: true }),
          fc.double({ min: 0.05, max: 5, noNaN: true }),
          fc.double({ min: 0.05, max: 5, noNaN: true }),
        ),
        (p) => {
          const g = new Float64Array(4);
          const ll = mbgnbdLogLikelihoodGradient(p, d, g);
          expect(ll).toBe(mbgnbdLogLikelihood(p, d));
          for (let i = 0; i < 4; i++) {
            const h = 1e-5 * (p[i] as number);
            const up = [...p];
            const down = [...p];
            up[i] = (p[i] as number) + h;
            down[i] = (p[i] as number) - h;
            const numeric = (mbgnbdLogLikelihood(up, d) - mbgnbdLogLikelihood(down, d)) / (2 * h);
            expect(Math.abs((g[i] as number) - numeric)).toBeLessThan(
              1e-4 * Math.max(1, Math.abs(numeric)),
            );
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it("predicts as lifetimes at lifetimes' fitted and at the published parameters (1e-9)", () => {
    for (const set of [ref.fitted, ref.published]) {
      const [r, alpha, a, b] = set.params;
      const m = ModifiedBetaGeometricNBD.fromParams({ r, alpha, a, b }, { unit: "week" });
      for (const [t, value] of set.expected) {
        expect(relativeError(m.expectedPurchases({ weeks: t }), value)).toBeLessThan(1e-9);
      }
      for (const [[frequency, recency, T], t, value] of set.conditional) {
        const c = { frequency, recency, T };
        expect(relativeError(m.conditionalExpectedPurchases(c, { weeks: t }), value)).toBeLessThan(
          1e-9,
        );
      }
      for (const [[frequency, recency, T], value] of set.alive) {
        expect(relativeError(m.probabilityAlive({ frequency, recency, T }), value)).toBeLessThan(
          1e-12,
        );
      }
    }
  });

  it("shows the documented examples", () => {
    expect(mbg.logLikelihood.toFixed(1)).toBe("-9582.1");
    expect(
      mbg
        .conditionalExpectedPurchases({ frequency: 2, recency: 30.43, T: 38.86 }, { weeks: 39 })
        .toFixed(3),
    ).toBe("1.263");
    const published = ModifiedBetaGeometricNBD.fromParams(
      { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
      { unit: "week" },
    );
    expect(published.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }).toFixed(4)).toBe(
      "0.3897",
    );
  });

  it("gives a customer without repeat purchases a probability of being alive below 1", () => {
    // The difference from the BG/NBD: a drop-out is possible right after the first purchase.
    const alive = mbg.probabilityAlive({ frequency: 0, recency: 0, T: 1 }).toNumber();
    expect(alive).toBeLessThan(1);
    expect(alive).toBeGreaterThan(0);
  });

  it("converts horizons between units (4 weeks = 28 days)", () => {
    const c = { frequency: 3, recency: 20, T: 30 };
    expect(mbg.conditionalExpectedPurchases(c, { days: 28 }).toString()).toBe(
      mbg.conditionalExpectedPurchases(c, { weeks: 4 }).toString(),
    );
  });

  it("fits the same data given as weighted rows", () => {
    const counts = new Map<string, number>();
    for (const r of cdnow) {
      const k = `${r.frequency},${r.recency},${r.T}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const weighted = [...counts].map(([k, weight]) => {
      const [frequency, recency, T] = k.split(",").map(Number) as [number, number, number];
      return { frequency, recency, T, weight };
    });
    const w = fitModifiedBetaGeometricNBD(weighted, { unit: "week" });
    expect(w.logLikelihood.toString()).toBe(mbg.logLikelihood.toString());
  });

  it("loads from its JSON and predicts exactly as saved; refuses a BG/NBD document", () => {
    const loaded = ModifiedBetaGeometricNBD.fromJSON(JSON.stringify(mbg));
    expect(loaded.toJSON()).toEqual(mbg.toJSON());
    expect(loaded.toJSON().model).toBe("MBG/NBD");
    const c = { frequency: 4, recency: 12.5, T: 38 };
    expect(loaded.conditionalExpectedPurchases(c, { weeks: 52 }).toString()).toBe(
      mbg.conditionalExpectedPurchases(c, { weeks: 52 }).toString(),
    );
    expect(loaded.parameters().map((row) => row.name)).toEqual([...names]);
    const bg = BetaGeometricNBD.fromParams({ r: 1, alpha: 1, a: 1, b: 1 }, { unit: "week" });
    expectError(
      () => ModifiedBetaGeometricNBD.fromJSON(JSON.stringify(bg)),
      "INVALID_OPTION",
      "model",
    );
  });

  it("rejects bad input with the field named", () => {
    expectError(() => fitModifiedBetaGeometricNBD([], { unit: "week" }), "EMPTY", "summary");
    expectError(
      () => fitModifiedBetaGeometricNBD([{ frequency: 1, recency: 5, T: 4 }], { unit: "week" }),
      "INCONSISTENT",
      "summary[0].recency",
    );
    expectError(
      () => fitModifiedBetaGeometricNBD([{ frequency: 1, recency: 1, T: 4 }]),
      "INVALID_OPTION",
      "options.unit",
    );
    expectError(() => mbg.expectedPurchases(39 as never), "INVALID_OPTION", "t");
    expectError(
      () => ModifiedBetaGeometricNBD.fromParams({ r: 1, alpha: -1, a: 1, b: 1 }, { unit: "week" }),
      "NEGATIVE",
      "params.alpha",
    );
  });

  it("does not mutate its input", () => {
    const rows = Object.freeze(cdnow.map((r) => Object.freeze({ ...r })));
    const copy = JSON.stringify(rows);
    const frozen = fitModifiedBetaGeometricNBD(rows, { unit: "week" });
    expect(frozen.logLikelihood.toString()).toBe(mbg.logLikelihood.toString());
    expect(JSON.stringify(rows)).toBe(copy);
  });

  it("fits large data (20,000 distinct rows or more) by the gradient path to the same maximum", () => {
    // Twelve copies of CDNOW, each with T moved by a different millionth of a week: the
    // maximum is that of CDNOW (12 times its log-likelihood) to about 1e-6.
    const rows = [];
    for (let copy = 0; copy < 12; copy++) {
      for (const [i, r] of cdnow.entries()) {
        rows.push({ ...r, T: r.T + (copy * cdnow.length + i) * 1e-9 });
      }
    }
    const big = fitModifiedBetaGeometricNBD(rows, { unit: "week" });
    expect(big.converged).toBe(true);
    for (const name of names) {
      expect(relativeError(big.params[name], mbg.params[name].toNumber())).toBeLessThan(1e-4);
    }
    expect(relativeError(big.logLikelihood, 12 * mbg.logLikelihood.toNumber())).toBeLessThan(1e-7);
  });
});

describe("fitModifiedBetaGeometricNBD with a penalizer", () => {
  it("gives lifetimes' penalized estimates (penalizer_coef 0.1 and 1; 1e-5)", () => {
    // model_checks.py: ModifiedBetaGeoFitter(penalizer_coef=c), its objective polished by scipy.
    for (const { penalizer, params } of lifetimesReference.mbgnbd.penalized) {
      const m = fitModifiedBetaGeometricNBD(cdnow, { unit: "week", penalizer });
      for (const name of names) {
        expect(relativeError(m.params[name], params[name])).toBeLessThan(1e-5);
      }
    }
  });

  it("gives P(X(t) = n) as lifetimes through the model's probabilityOfPurchases", () => {
    const [t, n, value] = lifetimesReference.mbgnbd.published.probabilityOfPurchases[7] as [
      number,
      number,
      number,
    ];
    const [r, alpha, a, b] = lifetimesReference.mbgnbd.published.params;
    const m = ModifiedBetaGeometricNBD.fromParams({ r, alpha, a, b }, { unit: "week" });
    expect(relativeError(m.probabilityOfPurchases(n, { weeks: t }), value)).toBeLessThan(1e-10);
  });
});

it("fitModifiedBetaGeometricNBD rejects a negative penalizer", () => {
  expectError(
    () => fitModifiedBetaGeometricNBD(cdnow, { unit: "week", penalizer: -1 }),
    "NEGATIVE",
    "options.penalizer",
  );
});

it("predicts a whole summary as its single-customer methods, and P(alive) at a later age as lifetimes", () => {
  const rows = cdnow.slice(0, 40);
  const batch = mbg.predict(rows, { what: "conditionalExpectedPurchases", horizon: { weeks: 39 } });
  rows.forEach((row, i) => {
    expect(batch[i]).toBe(mbg.conditionalExpectedPurchases(row, { weeks: 39 }).toNumber());
  });
  // lifetimes' conditional_probability_alive(1, 1, 2) is the customer (1, 1, 1) one week later.
  const [r, alpha, a, b] = ref.fitted.params;
  const m = ModifiedBetaGeometricNBD.fromParams({ r, alpha, a, b }, { unit: "week" });
  const later = ref.fitted.alive.find(([c]) => c[0] === 1 && c[1] === 1 && c[2] === 2)?.[1];
  expect(
    relativeError(
      m.probabilityAlive({ frequency: 1, recency: 1, T: 1 }, { at: { weeks: 1 } }),
      later as number,
    ),
  ).toBeLessThan(1e-12);
});
