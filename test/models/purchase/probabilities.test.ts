import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BetaGeometricNBD, ParetoNBD } from "../../../src/index.js";
import { logRegularizedBeta } from "../../../src/models/_math/incompleteBeta.js";
import { relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

// lifetimes' probability_of_n_purchases_up_to_time (BG/NBD) and
// conditional_probability_of_n_purchases_up_to_time at x = t_x = T = 0 (Pareto/NBD), the same
// closed forms at 40 digits with mpmath, and lifetimes' conditional_probability_alive at T + t:
// python3 test/fixtures/models/predictions.py > test/fixtures/models/predictions.json
const ref = JSON.parse(
  readFileSync(new URL("../../fixtures/models/predictions.json", import.meta.url), "utf8"),
) as {
  bgnbdParams: [number, number, number, number];
  paretoParams: [number, number, number, number];
  probabilityOfPurchases: {
    t: number;
    n: number;
    bgnbd: number;
    bgnbdLifetimes: number;
    pareto: number;
    paretoLifetimes: number;
  }[];
  aliveAt: {
    frequency: number;
    recency: number;
    T: number;
    t: number;
    bgnbd: number;
    pareto: number;
  }[];
};

const [r, alpha, a, b] = ref.bgnbdParams;
const bg = BetaGeometricNBD.fromParams({ r, alpha, a, b }, { unit: "week" });
const [pr, palpha, s, beta] = ref.paretoParams;
const pnbd = ParetoNBD.fromParams({ r: pr, alpha: palpha, s, beta }, { unit: "week" });

describe("probabilityOfPurchases", () => {
  it("matches the closed forms at 40 digits, and lifetimes", () => {
    for (const e of ref.probabilityOfPurchases) {
      const b1 = bg.probabilityOfPurchases(e.n, { weeks: e.t });
      const p1 = pnbd.probabilityOfPurchases(e.n, { weeks: e.t });
      expect(relativeError(b1, e.bgnbd)).toBeLessThan(1e-13);
      expect(relativeError(p1, e.pareto)).toBeLessThan(1e-13);
      // lifetimes' float sums: agree to their rounding (absolute).
      expect(Math.abs(b1.toNumber() - e.bgnbdLifetimes)).toBeLessThan(1e-15);
      expect(Math.abs(p1.toNumber() - e.paretoLifetimes)).toBeLessThan(1e-15);
    }
  });

  it("is a distribution whose mean is expectedPurchases", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 5, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 39, noNaN: true }),
        (r0, a0, x0, y0, t) => {
          const models = [
            BetaGeometricNBD.fromParams({ r: r0, alpha: a0, a: x0, b: y0 }, { unit: "week" }),
            ParetoNBD.fromParams({ r: r0, alpha: a0, s: x0, beta: 4 * y0 }, { unit: "week" }),
          ];
          for (const model of models) {
            let total = 0;
            let mean = 0;
            for (let n = 0; n < 400; n++) {
              const v = model.probabilityOfPurchases(n, { weeks: t }).toNumber();
              expect(v >= 0 && v <= 1).toBe(true);
              total += v;
              mean += n * v;
            }
            expect(Math.abs(total - 1)).toBeLessThan(1e-9);
            expect(
              relativeError(mean, model.expectedPurchases({ weeks: t }).toNumber()),
            ).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it("is 1 for no purchase over no time, and reads its unit", () => {
    expect(bg.probabilityOfPurchases(0, { days: 0 }).toString()).toBe("1");
    expect(pnbd.probabilityOfPurchases(3, { days: 0 }).toString()).toBe("0");
    expect(
      pnbd
        .probabilityOfPurchases("2", { days: 273 })
        .eq(pnbd.probabilityOfPurchases(2n, { weeks: 39 })),
    ).toBe(true);
  });

  it("rejects a bad n or a horizon without its unit", () => {
    expectError(() => bg.probabilityOfPurchases(-1, { weeks: 1 }), "NEGATIVE", "n");
    expectError(() => bg.probabilityOfPurchases(1.5, { weeks: 1 }), "NOT_INTEGER", "n");
    expectError(() => pnbd.probabilityOfPurchases(1, 39 as never), "INVALID_OPTION", "t");
  });
});

describe("probabilityAlive at a later date", () => {
  it("matches lifetimes' conditional_probability_alive at T + t", () => {
    for (const e of ref.aliveAt) {
      const c = { frequency: e.frequency, recency: e.recency, T: e.T };
      expect(relativeError(bg.probabilityAlive(c, { at: { weeks: e.t } }), e.bgnbd)).toBeLessThan(
        1e-12,
      );
      expect(
        relativeError(pnbd.probabilityAlive(c, { at: { weeks: e.t } }), e.pareto),
      ).toBeLessThan(1e-12);
    }
  });

  it("falls as the date moves away, from P(alive) now", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (x, share, T, later) => {
          const c = { frequency: x, recency: share * T, T };
          for (const model of [bg, pnbd]) {
            const now = model.probabilityAlive(c);
            const then = model.probabilityAlive(c, { at: { weeks: later } });
            expect(then.lte(now)).toBe(true);
            expect(then.gte(0)).toBe(true);
          }
        },
      ),
    );
  });
});

describe("prediction matrices", () => {
  it("hold the single-customer values, and null where no customer has that history", () => {
    const m = pnbd.expectedPurchasesMatrix({
      T: 38.86,
      horizon: { weeks: 39 },
      frequency: [0, 2, 5],
      recency: [0, 10, 30.43, 38.86, 40],
    });
    expect(m.frequency).toEqual([0, 2, 5]);
    expect(m.values[0]).toEqual([
      pnbd
        .conditionalExpectedPurchases({ frequency: 0, recency: 0, T: 38.86 }, { weeks: 39 })
        .toNumber(),
      null,
      null,
      null,
      null,
    ]);
    expect(m.values[1]?.[2]).toBe(
      pnbd
        .conditionalExpectedPurchases({ frequency: 2, recency: 30.43, T: 38.86 }, { weeks: 39 })
        .toNumber(),
    );
    expect(m.values[2]?.[4]).toBeNull();
    const alive = bg.probabilityAliveMatrix({ T: 10.5 });
    expect(alive.frequency.length).toBe(21);
    expect(alive.recency).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10.5]);
    expect(alive.values[3]?.[11]).toBe(
      bg.probabilityAlive({ frequency: 3, recency: 10.5, T: 10.5 }).toNumber(),
    );
  });

  it("rejects bad grids", () => {
    expectError(() => bg.probabilityAliveMatrix({ T: -1 }), "NEGATIVE", "grid.T");
    expectError(
      () => bg.probabilityAliveMatrix({ T: 5, recency: [0, "x"] }),
      "NOT_A_NUMBER",
      "grid.recency[1]",
    );
    expectError(
      () => bg.probabilityAliveMatrix({ T: 5, frequency: [] }),
      "INVALID_OPTION",
      "grid.frequency",
    );
    expectError(() => bg.probabilityAliveMatrix({ T: 1e7 }), "OUT_OF_RANGE", "grid.T");
    expectError(
      () => bg.expectedPurchasesMatrix({ T: 5, horizon: 5 as never }),
      "INVALID_OPTION",
      "grid.horizon",
    );
  });
});

describe("logRegularizedBeta", () => {
  it("matches scipy.special.betainc on both sides of its switch", () => {
    // scipy.special.betainc(a, b, x) (scipy 1.17.1)
    expect(relativeError(Math.exp(logRegularizedBeta(0.3, 2, 5)), 0.5798250000000003)).toBeLessThan(
      1e-14,
    );
    expect(
      relativeError(Math.exp(logRegularizedBeta(0.9, 3, 0.5)), 0.44541555534797056),
    ).toBeLessThan(1e-13);
  });
});
