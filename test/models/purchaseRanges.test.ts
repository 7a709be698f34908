// Every result in its range: probabilities in [0, 1], expected counts between 0 and what a
// customer who never drops out would buy, for fitted models (converged or not, on random and
// near-degenerate data) and for models built from extreme parameters. Random on every run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BetaGeometricNBD,
  fitBetaGeometricNBD,
  fitGammaGamma,
  fitModifiedBetaGeometricNBD,
  fitParetoNBD,
  GammaGamma,
  MetricInputError,
  ModifiedBetaGeometricNBD,
  ParetoNBD,
  periodTransactions,
} from "../../src/index.js";

type Kind = "BG/NBD" | "MBG/NBD" | "Pareto/NBD";
const fits = {
  "BG/NBD": fitBetaGeometricNBD,
  "MBG/NBD": fitModifiedBetaGeometricNBD,
  "Pareto/NBD": fitParetoNBD,
} as const;

/** A customer: x repeat purchases, the last at t_x ≤ T (t_x = 0 when x = 0). */
const history = fc
  .record({
    x: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 400 })),
    T: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 1e-6, 52, 1e4)),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  // Ages of 0 < T < 1e-6 (under a second in weeks) are tested on their own below.
  .map(({ x, T: age, share }) => {
    const T = age < 1e-6 ? 0 : age;
    return { frequency: x, recency: x === 0 ? 0 : T * share, T };
  });

/** Summaries: random, all without repeat purchases, all buying at the very end, one customer. */
const summary = fc.oneof(
  fc.array(history, { minLength: 1, maxLength: 25 }),
  fc.array(
    fc
      .double({ min: 0, max: 60, noNaN: true })
      .map((T) => ({ frequency: 0, recency: 0, T: T < 1e-6 ? 0 : T })),
    { minLength: 1, maxLength: 10 },
  ),
  fc.array(
    fc
      .record({
        x: fc.integer({ min: 1, max: 50 }),
        T: fc.double({ min: 1e-3, max: 60, noNaN: true }),
      })
      .map(({ x, T }) => ({ frequency: x, recency: T, T })),
    { minLength: 1, maxLength: 10 },
  ),
  history.map((h) => [h]),
);

/** A horizon in weeks: 0, tiny, ordinary, decades. */
const horizon = fc.oneof(
  fc.constantFrom(0, 1e-9, 1, 39, 5200),
  fc.double({ min: 0, max: 1000, noNaN: true }),
);

/** A positive parameter over twenty orders of magnitude. */
const parameter = fc.double({ min: -9, max: 9, noNaN: true }).map((e) => 10 ** e);

interface Predicting {
  params: Record<string, { toNumber(): number }>;
  expectedPurchases(t: { weeks: number }): { toNumber(): number };
  conditionalExpectedPurchases(
    c: { frequency: number; recency: number; T: number },
    t: { weeks: number },
  ): { toNumber(): number };
  probabilityAlive(c: { frequency: number; recency: number; T: number }): { toNumber(): number };
}

/** A value, or null when the prediction is beyond the float64 range (a documented error). */
function value(run: () => { toNumber(): number }): number | null {
  try {
    return run().toNumber();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricInputError);
    expect((error as MetricInputError).code).toBe("OUT_OF_RANGE");
    return null;
  }
}

/** The range checks of one model on one customer and horizon. */
function checkRanges(
  model: Predicting,
  customer: { frequency: number; recency: number; T: number },
  t: number,
): void {
  const r = model.params.r?.toNumber() as number;
  const alpha = model.params.alpha?.toNumber() as number;
  const alive = value(() => model.probabilityAlive(customer));
  expect(alive).not.toBeNull();
  expect(alive).toBeGreaterThanOrEqual(0);
  expect(alive).toBeLessThanOrEqual(1);
  // A customer who never drops out buys r t/α on average (λ ~ Gamma(r, α)); one alive at T
  // with x purchases, (r+x) t/(α+T): no model expects more.
  const expected = value(() => model.expectedPurchases({ weeks: t }));
  if (expected !== null) {
    expect(expected).toBeGreaterThanOrEqual(0);
    expect(expected).toBeLessThanOrEqual(((r * t) / alpha) * (1 + 1e-9) + 1e-300);
  }
  const conditional = value(() => model.conditionalExpectedPurchases(customer, { weeks: t }));
  if (conditional !== null) {
    const x = customer.frequency;
    expect(conditional).toBeGreaterThanOrEqual(0);
    expect(conditional).toBeLessThanOrEqual(
      (((r + x) * t) / (alpha + customer.T)) * (1 + 1e-9) + 1e-300,
    );
  }
}

const fromParams = {
  "BG/NBD": (a: number, b: number, c: number, d: number) =>
    BetaGeometricNBD.fromParams({ r: a, alpha: b, a: c, b: d }, { unit: "week" }),
  "MBG/NBD": (a: number, b: number, c: number, d: number) =>
    ModifiedBetaGeometricNBD.fromParams({ r: a, alpha: b, a: c, b: d }, { unit: "week" }),
  "Pareto/NBD": (a: number, b: number, c: number, d: number) =>
    ParetoNBD.fromParams({ r: a, alpha: b, s: c, beta: d }, { unit: "week" }),
};

describe.each(["BG/NBD", "MBG/NBD", "Pareto/NBD"] as Kind[])(
  "%s: every result in its range",
  (kind) => {
    it("for fitted models, converged or not, on random and near-degenerate data", () => {
      fc.assert(
        fc.property(summary, history, horizon, (rows, customer, t) => {
          const model = fits[kind](rows, { unit: "week" }) as unknown as Predicting;
          checkRanges(model, customer, t);
          for (const row of rows.slice(0, 3)) checkRanges(model, row, t);
          // Expected customers per frequency: in [0, cohort size], summing to it.
          const check = periodTransactions(model as never, rows, { maxFrequency: 5 });
          let sum = 0;
          for (const bin of check.bins) {
            const e = bin.expected.toNumber();
            expect(e).toBeGreaterThanOrEqual(0);
            expect(e).toBeLessThanOrEqual(rows.length * (1 + 1e-12));
            sum += e;
          }
          expect(Math.abs(sum - rows.length)).toBeLessThan(1e-9 * rows.length);
        }),
        { numRuns: kind === "Pareto/NBD" ? 8 : 15 },
      );
    });

    it("for models built from parameters anywhere in [1e-9, 1e9]", () => {
      fc.assert(
        fc.property(
          parameter,
          parameter,
          parameter,
          parameter,
          history,
          horizon,
          (a, b, c, d, customer, t) => {
            checkRanges(fromParams[kind](a, b, c, d) as unknown as Predicting, customer, t);
          },
        ),
        { numRuns: 60 },
      );
    });
  },
);

describe("Gamma-Gamma: every result in its range", () => {
  const spendRow = fc.record({
    frequency: fc.integer({ min: 1, max: 200 }),
    monetaryValue: fc.oneof(
      fc.double({ min: 0.01, max: 1e4, noNaN: true }),
      fc.constantFrom(0.01, 1, 1e6),
    ),
  });

  /** The expected spend of a repeat buyer lies between the population mean and their own mean. */
  function checkSpend(
    model: {
      params: Record<string, { toNumber(): number }>;
      conditionalExpectedSpend(c: unknown): { toNumber(): number };
    },
    customer: { frequency: number; monetaryValue: number },
  ): void {
    const p = model.params.p?.toNumber() as number;
    const q = model.params.q?.toNumber() as number;
    const gamma = model.params.gamma?.toNumber() as number;
    const spend = value(() => model.conditionalExpectedSpend(customer));
    if (spend === null) return;
    expect(spend).toBeGreaterThanOrEqual(0);
    if (q > 1) {
      const mean = (p * gamma) / (q - 1);
      const lo = Math.min(mean, customer.monetaryValue);
      const hi = Math.max(mean, customer.monetaryValue);
      expect(spend).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
      expect(spend).toBeLessThanOrEqual(hi * (1 + 1e-9));
    }
  }

  it("for fitted models on random and near-degenerate spend", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(spendRow, { minLength: 1, maxLength: 25 }),
          spendRow.map((row) => [row, row, row]),
        ),
        spendRow,
        (rows, customer) => {
          let model: Parameters<typeof checkSpend>[0];
          try {
            model = fitGammaGamma(rows) as never;
          } catch (error) {
            // Spend without any spread identifies no Gamma-Gamma: a documented refusal.
            expect(error).toBeInstanceOf(MetricInputError);
            return;
          }
          checkSpend(model, customer);
          for (const row of rows.slice(0, 3)) checkSpend(model, row);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("for models built from parameters anywhere in [1e-9, 1e9]", () => {
    fc.assert(
      fc.property(parameter, parameter, parameter, spendRow, (p, q, gamma, customer) => {
        checkSpend(GammaGamma.fromParams({ p, q, gamma }) as never, customer);
      }),
      { numRuns: 100 },
    );
  });
});

describe("MBG/NBD on customers a few microseconds old", () => {
  it("fits (at the boundary, not converged) and predicts in range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 5e-324, max: 1e-6, noNaN: true }), {
          minLength: 1,
          maxLength: 5,
        }),
        horizon,
        (ages, t) => {
          const rows = ages.map((T) => ({ frequency: 0, recency: 0, T }));
          const model = fitModifiedBetaGeometricNBD(rows, { unit: "week" });
          expect(Number.isFinite(model.logLikelihood.toNumber())).toBe(true);
          checkRanges(model as unknown as Predicting, rows[0] as (typeof rows)[0], t);
        },
      ),
      { numRuns: 10 },
    );
  });
});
