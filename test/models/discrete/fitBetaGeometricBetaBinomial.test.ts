import { readFileSync } from "node:fs";
import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lnGamma } from "../../../src/_lib/special.js";
import {
  type BetaGeometricBetaBinomialModel,
  type Decimal,
  fitBetaGeometricBetaBinomial,
  round,
} from "../../../src/index.js";
import {
  lnLikelihood,
  negLogLikelihood,
  survivalSum,
} from "../../../src/models/discrete/_bgbbMath.js";
import { codeAndFieldOf, codeOf } from "../../_helpers.js";
import references from "../../fixtures/discrete/discrete-references.json" with { type: "json" };

// Fader, Hardie & Shang (2010): 11,104 donors, six annual opportunities (1996-2001).
const ROWS = readFileSync(new URL("../../fixtures/discrete/donations.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [frequency, recency, periods, weight] = line.split(",").map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return { frequency, recency, periods, weight };
  });
const model = fitBetaGeometricBetaBinomial(ROWS, { unit: "year" });
const ref = references.bgbb;

function relErr(actual: { toNumber(): number } | null, expected: number): number {
  if (actual === null) return Number.POSITIVE_INFINITY;
  return Math.abs(actual.toNumber() / expected - 1);
}

const fitRows = (rows: unknown) => fitBetaGeometricBetaBinomial(rows as never);

/** Every prediction of `m` finite and in range, over histories and horizons up to 2^53 − 1. */
function expectPredictionsInRange(m: BetaGeometricBetaBinomialModel): void {
  const horizons = [0, 1, 5, 1e6, 2 ** 31, 2 ** 53 - 1];
  for (const n of horizons) {
    const e = m.expectedTransactions(n);
    expect(e.gte(0) && e.lte(n)).toBe(true);
  }
  const histories = [
    { frequency: 0, recency: 0, periods: 5 },
    { frequency: 5, recency: 5, periods: 5 },
    { frequency: 2, recency: 3, periods: 6 },
    { frequency: 1, recency: 1, periods: 2 ** 31 },
    { frequency: 2 ** 31, recency: 2 ** 31, periods: 2 ** 31 },
    { frequency: 1, recency: 1, periods: 2 ** 53 - 1 },
  ];
  for (const h of histories) {
    let previous = 1;
    for (const periodsAhead of [0, 1, 2, 1e6, 2 ** 53 - 1]) {
      const p = m.probabilityAlive(h, { periodsAhead }).toNumber();
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
    for (const n of horizons) {
      const e = m.conditionalExpectedTransactions(h, n);
      expect(e.gte(0) && e.lte(n)).toBe(true);
    }
  }
}

describe("fitBetaGeometricBetaBinomial", () => {
  it("runs the documented example", () => {
    expect(round(model.params.alpha, 3).toString()).toBe("1.204");
    expect(round(model.logLikelihood, 1).toString()).toBe("-33225.6");
    expect(
      round(model.probabilityAlive({ frequency: 6, recency: 6, periods: 6 }), 4).toString(),
    ).toBe("0.9304");
  });

  it("reproduces Fader, Hardie & Shang (2010): α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33225.6", () => {
    expect(round(model.params.alpha, 3).toString()).toBe("1.204");
    expect(round(model.params.beta, 3).toString()).toBe("0.75");
    expect(round(model.params.gamma, 3).toString()).toBe("0.657");
    expect(round(model.params.delta, 3).toString()).toBe("2.783");
    expect(round(model.logLikelihood, 1).toString()).toBe("-33225.6");
    expect(model.converged).toBe(true);
    expect(model.customers).toBe(11104);
    expect(model.unit).toBe("year");
  });

  it("agrees with the scipy/mpmath maximum-likelihood fit", () => {
    // test/fixtures/discrete/discrete_references.py
    const names = ["alpha", "beta", "gamma", "delta"] as const;
    names.forEach((name, i) => {
      expect(relErr(model.params[name], ref.params[i] as number)).toBeLessThan(1e-6);
      expect(relErr(model.params[name], ref.scipyNelderMead[i] as number)).toBeLessThan(1e-6);
      expect(relErr(model.standardErrors[name], ref.standardErrors[i] as number)).toBeLessThan(
        1e-4,
      );
    });
    expect(relErr(model.logLikelihood, ref.logLikelihood)).toBeLessThan(1e-13);
  });

  it("returns frozen objects of Decimals", () => {
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.params)).toBe(true);
    expect(Object.isFrozen(model.standardErrors)).toBe(true);
    expect(model.iterations).toBeGreaterThan(0);
  });

  it("predicts expected transactions of a new customer as the closed form (mpmath)", () => {
    for (const [n, value] of Object.entries(ref.expectedTransactions)) {
      expect(relErr(model.expectedTransactions(n), value)).toBeLessThan(1e-7);
    }
    expect(model.expectedTransactions(0).toString()).toBe("0");
  });

  it("predicts conditional expected transactions (mpmath, FHS 2010 eq. 13)", () => {
    for (const c of ref.conditionalExpectedTransactions) {
      expect(relErr(model.conditionalExpectedTransactions(c, c.ahead), c.value)).toBeLessThan(1e-7);
    }
    expect(
      model.conditionalExpectedTransactions({ frequency: 2, recency: 5, periods: 6 }, 0).toString(),
    ).toBe("0");
  });

  it("gives P(alive) at the next opportunity by default, and at the last one with periodsAhead 0", () => {
    for (const c of ref.probabilityAlive) {
      const value =
        c.ahead === 1
          ? model.probabilityAlive(c)
          : model.probabilityAlive(c, { periodsAhead: c.ahead });
      expect(relErr(value, c.value)).toBeLessThan(1e-7);
    }
    // A transaction at the last opportunity proves the customer alive then.
    expect(
      model
        .probabilityAlive({ frequency: 3, recency: 6, periods: 6 }, { periodsAhead: 0 })
        .toString(),
    ).toBe("1");
  });

  it("gives the same fit for one row per customer as for weighted patterns", () => {
    const small = [
      { frequency: 0, recency: 0, periods: 4, weight: 3 },
      { frequency: 1, recency: 2, periods: 4, weight: 2 },
      { frequency: 2, recency: 4, periods: 4, weight: 4 },
      { frequency: 4, recency: 4, periods: 4, weight: 2 },
      { frequency: 1, recency: 1, periods: 4, weight: 1 },
    ];
    const expanded = small.flatMap(({ weight, ...h }) => Array.from({ length: weight }, () => h));
    const a = fitBetaGeometricBetaBinomial(small);
    const b = fitBetaGeometricBetaBinomial(expanded);
    expect(a.customers).toBe(12);
    expect(b.customers).toBe(12);
    expect(Math.abs(a.logLikelihood.toNumber() - b.logLikelihood.toNumber())).toBeLessThan(1e-9);
    expect(relErr(a.params.alpha, b.params.alpha.toNumber())).toBeLessThan(1e-6);
    expect(a.unit).toBe(null);
  });

  it("skips rows of weight 0 and accepts fractional weights", () => {
    const withZero = [...ROWS, { frequency: 3, recency: 3, periods: 9, weight: 0 }];
    expect(fitBetaGeometricBetaBinomial(withZero).params.alpha.eq(model.params.alpha)).toBe(true);
    const halves = ROWS.map((r) => ({ ...r, weight: r.weight / 2 }));
    const half = fitBetaGeometricBetaBinomial(halves);
    expect(relErr(half.params.alpha, model.params.alpha.toNumber())).toBeLessThan(1e-6);
    expect(half.customers).toBe(5552);
  });

  it("accepts strings, bigints and Decimals", () => {
    const mixed = ROWS.map((r, i) =>
      i % 3 === 0
        ? { ...r, frequency: String(r.frequency), weight: BigInt(r.weight) }
        : i % 3 === 1
          ? { ...r, recency: new ForeignDecimal(r.recency), weight: String(r.weight) }
          : { ...r, periods: BigInt(r.periods), weight: new ForeignDecimal(r.weight) },
    );
    const m = fitBetaGeometricBetaBinomial(mixed);
    expect(m.params.alpha.eq(model.params.alpha)).toBe(true);
    expect(
      model
        .probabilityAlive({ frequency: "2", recency: 3n, periods: new ForeignDecimal(6) })
        .eq(model.probabilityAlive({ frequency: 2, recency: 3, periods: 6 })),
    ).toBe(true);
  });

  it("works on frozen rows and does not change them", () => {
    const frozen = Object.freeze(ROWS.map((r) => Object.freeze({ ...r })));
    const m = fitBetaGeometricBetaBinomial(frozen, Object.freeze({ unit: "year" as const }));
    expect(m.params.delta.eq(model.params.delta)).toBe(true);
    expect(frozen[0]).toEqual({ frequency: 0, recency: 0, periods: 6, weight: 3464 });
  });

  it("predicts over long horizons without losing the sum", () => {
    const long = model.expectedTransactions(1_000_000).toNumber();
    expect(long).toBeGreaterThan(model.expectedTransactions(100).toNumber());
    expect(Number.isFinite(long)).toBe(true);
  });

  it("reports converged false with null errors when the estimates run to the edge", () => {
    // Everybody transacts at every opportunity: p → 1 and θ → 0.
    const m = fitBetaGeometricBetaBinomial([{ frequency: 5, recency: 5, periods: 5, weight: 100 }]);
    expect(m.converged).toBe(false);
    expect(m.standardErrors.alpha).toBe(null);
    expect(m.params.alpha.isFinite()).toBe(true);
  });

  it("keeps the estimates inside [1e-8, 1e9] and every prediction in range at the edge", () => {
    // One customer who never transacts; all-zero frequency; all-max frequency; one opportunity;
    // one customer seen once in 2^31 opportunities. Each likelihood rises towards an edge.
    const datasets = [
      [{ frequency: 0, recency: 0, periods: 5 }],
      [
        { frequency: 0, recency: 0, periods: 5, weight: 1000 },
        { frequency: 0, recency: 0, periods: 3, weight: 10 },
      ],
      [
        { frequency: 5, recency: 5, periods: 5, weight: 100 },
        { frequency: 3, recency: 3, periods: 3, weight: 7 },
      ],
      [{ frequency: 1, recency: 1, periods: 1 }],
      [{ frequency: 1, recency: 1, periods: 2 ** 31 }],
    ];
    for (const rows of datasets) {
      const m = fitBetaGeometricBetaBinomial(rows);
      expect(m.converged).toBe(false);
      expect(m.standardErrors).toEqual({ alpha: null, beta: null, gamma: null, delta: null });
      expect(m.logLikelihood.lte(0)).toBe(true);
      for (const value of Object.values(m.params)) {
        expect(value.gte(1e-8) && value.lte(1e9)).toBe(true);
      }
      expectPredictionsInRange(m);
    }
    // Everybody transacts every time: p → 1, θ → 0, so a new customer transacts every time.
    const always = fitBetaGeometricBetaBinomial(datasets[2] as never);
    expect(always.expectedTransactions(5).toNumber()).toBeCloseTo(5, 6);
    expect(
      always.probabilityAlive({ frequency: 5, recency: 5, periods: 5 }).toNumber(),
    ).toBeCloseTo(1, 6);
    // Nobody ever transacts: p → 0.
    const never = fitBetaGeometricBetaBinomial(datasets[1] as never);
    expect(never.expectedTransactions(1000).toNumber()).toBeLessThan(1e-6);
  });

  it("keeps predictions in range for the fit of any small data set (property)", () => {
    const row = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc
          .integer({ min: 0, max: n })
          .chain((tx) =>
            fc
              .integer({ min: tx === 0 ? 0 : 1, max: tx })
              .chain((x) =>
                fc
                  .integer({ min: 1, max: 50 })
                  .map((weight) => ({ frequency: x, recency: tx, periods: n, weight })),
              ),
          ),
      );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 3 }), (rows) => {
        const m = fitBetaGeometricBetaBinomial(rows);
        expect(m.logLikelihood.lte(0)).toBe(true);
        for (const value of Object.values(m.params)) expect(value.isFinite()).toBe(true);
        expectPredictionsInRange(m);
      }),
      { numRuns: 15 },
    );
  });

  it("predicts over 0, 1, 1e6, 2^31 and 2^53 − 1 opportunities, frequency = periods included", () => {
    expectPredictionsInRange(model);
    expect(model.expectedTransactions(0).toString()).toBe("0");
    expect(model.expectedTransactions(2 ** 53 - 1).isFinite()).toBe(true);
    // Seen at every one of 2^31 opportunities: alive now for certain.
    const everyTime = { frequency: 2 ** 31, recency: 2 ** 31, periods: 2 ** 31 };
    expect(model.probabilityAlive(everyTime, { periodsAhead: 0 }).toString()).toBe("1");
    expect(model.conditionalExpectedTransactions(everyTime, 2 ** 53 - 1).isFinite()).toBe(true);
  });

  it("fits rows of 10,000,000 opportunities in bounded time (formerly 22 s a fit)", () => {
    // The sums over periods run term by term to 10,000 terms, then by Euler–Maclaurin.
    const long = [
      ...ROWS,
      { frequency: 0, recency: 0, periods: 1e7, weight: 3 },
      { frequency: 1, recency: 1, periods: 1e7, weight: 2 },
      { frequency: 4, recency: 9_999_000, periods: 1e7 },
    ];
    const m = fitBetaGeometricBetaBinomial(long);
    expect(m.converged).toBe(true);
    expect(m.customers).toBe(11110);
    // More customers, lower log-likelihood: LL_new(θ_new) ≤ LL_old(θ_new) + their terms < LL_old.
    expect(m.logLikelihood.lt(model.logLikelihood)).toBe(true);
    expect(m.standardErrors.alpha).not.toBe(null);
    expectPredictionsInRange(m);
  });

  it("rejects weights whose sum overflows float64, naming the row", () => {
    const rows = [
      { frequency: 0, recency: 0, periods: 6, weight: 1e308 },
      { frequency: 6, recency: 6, periods: 6, weight: 1e308 },
    ];
    expect(codeAndFieldOf(() => fitBetaGeometricBetaBinomial(rows))).toBe(
      "OUT_OF_RANGE rows[1].weight",
    );
    expect(() => fitBetaGeometricBetaBinomial(rows)).toThrow(
      "fitBetaGeometricBetaBinomial: rows[1].weight must keep the sum of the weights within the float64 range (sum of the rows before: 1e+308) (received 1e+308)",
    );
  });

  it("fits weights up to 1e308 as the same data at a smaller scale (formerly an internal error)", () => {
    // The estimates do not depend on a common factor of the weights; the log-likelihood scales
    // with it and the standard errors with its inverse square root.
    const huge = fitBetaGeometricBetaBinomial(
      ROWS.map((r) => ({ ...r, weight: r.weight * 1e300 })),
    );
    const names = ["alpha", "beta", "gamma", "delta"] as const;
    for (const name of names) {
      expect(relErr(huge.params[name], model.params[name].toNumber())).toBeLessThan(1e-6);
      expect(
        relErr(
          huge.standardErrors[name],
          (model.standardErrors[name] as Decimal).toNumber() / 1e150,
        ),
      ).toBeLessThan(1e-4);
    }
    expect(relErr(huge.logLikelihood, model.logLikelihood.toNumber() * 1e300)).toBeLessThan(1e-9);
    expect(huge.customers).toBe(11104e300);
    const single = fitBetaGeometricBetaBinomial([
      { frequency: 2, recency: 4, periods: 6, weight: 1e308 },
      { frequency: 0, recency: 0, periods: 6, weight: 1 },
    ]);
    expect(single.logLikelihood.isFinite() && single.logLikelihood.lte(0)).toBe(true);
    expectPredictionsInRange(single);
  });

  it("throws NOT_A_NUMBER for rows that are not an array, a row that is not an object, a missing field", () => {
    expect(codeOf(() => fitRows(null))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => fitRows([5]))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => fitRows([{ frequency: 1, recency: 1 }]))).toBe("NOT_A_NUMBER");
    expect(() => fitRows([{ frequency: 1, recency: 1 }])).toThrow(
      "fitBetaGeometricBetaBinomial: rows[0].periods is required (received undefined)",
    );
  });

  it("throws EMPTY for no rows or only rows of weight 0", () => {
    expect(codeOf(() => fitRows([]))).toBe("EMPTY");
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 0, periods: 3, weight: 0 }]))).toBe(
      "EMPTY",
    );
  });

  it("throws NEGATIVE and NOT_INTEGER for bad counts and weights", () => {
    expect(codeOf(() => fitRows([{ frequency: -1, recency: 0, periods: 3 }]))).toBe("NEGATIVE");
    expect(codeOf(() => fitRows([{ frequency: 1.5, recency: 2, periods: 3 }]))).toBe("NOT_INTEGER");
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 0, periods: 3, weight: -2 }]))).toBe(
      "NEGATIVE",
    );
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 0, periods: 3, weight: "x" }]))).toBe(
      "NOT_A_NUMBER",
    );
  });

  it("throws OUT_OF_RANGE for periods 0 or beyond 2^53 − 1", () => {
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 0, periods: 0 }]))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 0, periods: 2 ** 53 }]))).toBe(
      "OUT_OF_RANGE",
    );
    expect(codeOf(() => model.expectedTransactions(2n ** 53n))).toBe("OUT_OF_RANGE");
  });

  it("throws INCONSISTENT unless frequency ≤ recency ≤ periods and recency is 0 iff frequency is 0", () => {
    expect(() => fitRows([{ frequency: 3, recency: 2, periods: 6 }])).toThrow(
      "fitBetaGeometricBetaBinomial: rows[0].frequency must not exceed recency (2) (received 3)",
    );
    expect(codeOf(() => fitRows([{ frequency: 2, recency: 7, periods: 6 }]))).toBe("INCONSISTENT");
    expect(codeOf(() => fitRows([{ frequency: 0, recency: 3, periods: 6 }]))).toBe("INCONSISTENT");
    expect(codeOf(() => fitRows([{ frequency: 1, recency: 0, periods: 6 }]))).toBe("INCONSISTENT");
  });

  it("throws INVALID_OPTION for an unknown unit or options that are not an object", () => {
    expect(codeOf(() => fitBetaGeometricBetaBinomial(ROWS, { unit: "fortnight" as never }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => fitBetaGeometricBetaBinomial(ROWS, "year" as never))).toBe(
      "INVALID_OPTION",
    );
  });

  it("validates the customer and horizon of the predictions", () => {
    expect(codeOf(() => model.probabilityAlive(null as never))).toBe("NOT_A_NUMBER");
    expect(() => model.probabilityAlive({ frequency: 2, recency: 1, periods: 6 })).toThrow(
      "probabilityAlive: frequency must not exceed recency (1) (received 2)",
    );
    expect(
      codeOf(() =>
        model.probabilityAlive({ frequency: 2, recency: 3, periods: 6 }, { periodsAhead: -1 }),
      ),
    ).toBe("NEGATIVE");
    expect(
      codeOf(() => model.probabilityAlive({ frequency: 2, recency: 3, periods: 6 }, 1 as never)),
    ).toBe("INVALID_OPTION");
    expect(
      codeOf(() =>
        model.conditionalExpectedTransactions({ frequency: 2, recency: 3, periods: 6 }, 1.5),
      ),
    ).toBe("NOT_INTEGER");
    expect(codeOf(() => model.expectedTransactions(-1))).toBe("NEGATIVE");
  });

  it("keeps P(alive) in [0, 1] and falling with periodsAhead; predictions non-negative (property)", () => {
    const history = fc
      .integer({ min: 1, max: 30 })
      .chain((n) =>
        fc
          .integer({ min: 0, max: n })
          .chain((tx) =>
            fc
              .integer({ min: tx === 0 ? 0 : 1, max: tx })
              .map((x) => ({ frequency: x, recency: tx, periods: n })),
          ),
      );
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 20 }), (h, k) => {
        const p = model.probabilityAlive(h, { periodsAhead: k }).toNumber();
        const q = model.probabilityAlive(h, { periodsAhead: k + 1 }).toNumber();
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(q).toBeLessThanOrEqual(p);
        const e = model.conditionalExpectedTransactions(h, k).toNumber();
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(k);
      }),
      { numRuns: 100 },
    );
  });

  it("sums the likelihood to 1 over all histories of n opportunities (property)", () => {
    const a = model.params;
    const [al, be, ga, de] = [a.alpha, a.beta, a.gamma, a.delta].map((d) => d.toNumber()) as [
      number,
      number,
      number,
      number,
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (n) => {
        // Number of sequences per (x, t_x): x = 0 → 1; else C(t_x − 1, x − 1).
        const choose = (m: number, k: number): number => {
          let c = 1;
          for (let i = 0; i < k; i++) c = (c * (m - i)) / (i + 1);
          return c;
        };
        let total = Math.exp(lnLikelihood(al, be, ga, de, 0, 0, n));
        for (let tx = 1; tx <= n; tx++) {
          for (let x = 1; x <= tx; x++) {
            total += choose(tx - 1, x - 1) * Math.exp(lnLikelihood(al, be, ga, de, x, tx, n));
          }
        }
        expect(total).toBeCloseTo(1, 12);
      }),
      { numRuns: 12 },
    );
  });
});

describe("negLogLikelihood", () => {
  it("equals the sum of the per-history log-likelihoods with shared terms cached (property)", () => {
    const history = fc
      .integer({ min: 1, max: 15 })
      .chain((n) =>
        fc
          .integer({ min: 0, max: n })
          .chain((tx) =>
            fc.integer({ min: tx === 0 ? 0 : 1, max: tx }).map((x) => [x, tx, n] as const),
          ),
      );
    const positive = fc.double({ min: 0.05, max: 20, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(history, fc.integer({ min: 1, max: 50 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.tuple(positive, positive, positive, positive),
        (rows, [a, b, g, d]) => {
          const xs = Float64Array.from(rows, ([h]) => h[0]);
          const txs = Float64Array.from(rows, ([h]) => h[1]);
          const ns = Float64Array.from(rows, ([h]) => h[2]);
          const ws = Float64Array.from(rows, ([, w]) => w);
          const f = negLogLikelihood(xs, txs, ns, ws);
          let expected = 0;
          for (const [[x, tx, n], w] of rows) {
            expected -= w * lnLikelihood(a, b, g, d, x, tx, n);
          }
          expect(f(Float64Array.of(a, b, g, d))).toBeCloseTo(expected, 8);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("survivalSum", () => {
  it("equals the closed form of FHS (2010) eq. 8 away from γ = 1", () => {
    const g = 0.6567;
    const d = 2.7834;
    const closed = (n: number) =>
      (d / (g - 1)) *
      (1 - Math.exp(lnGamma(g + d) + lnGamma(1 + d + n) - lnGamma(g + d + n) - lnGamma(1 + d)));
    for (const n of [1, 2, 6, 50]) {
      expect(Math.abs(survivalSum(g, d, 0, n) / closed(n) - 1)).toBeLessThan(1e-12);
    }
  });

  it("stays exact at γ = 1, where the closed form divides by zero", () => {
    // B(1, δ+t)/B(1, δ) = δ/(δ+t).
    let direct = 0;
    for (let t = 4; t <= 13; t++) direct += 2 / (2 + t);
    expect(survivalSum(1, 2, 3, 10)).toBeCloseTo(direct, 14);
    expect(survivalSum(1, 2, 3, 0)).toBe(0);
  });
});
