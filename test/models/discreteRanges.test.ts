// Every result in its range for the discrete-time models (sBG and BG/BB), fitted on random and
// near-degenerate data, converged or not. Random on every run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitBetaGeometricBetaBinomial,
  fitShiftedBetaGeometric,
  MetricInputError,
} from "../../src/index.js";

/** A value, or null for a documented refusal (a result beyond the float64 range). */
function value(run: () => { toNumber(): number }): number | null {
  try {
    return run().toNumber();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricInputError);
    expect((error as MetricInputError).code).toBe("OUT_OF_RANGE");
    return null;
  }
}

/** Survivor counts: random declines, no churn at all, everybody gone at once, a cohort of one. */
const survivors = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
    )
    .map(([size, shares]) => {
      const alive = [size];
      for (const share of shares) alive.push(Math.floor((alive.at(-1) as number) * share));
      return alive;
    }),
  fc
    .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 12 }))
    .map(([size, n]) => Array(n).fill(size)),
  fc.integer({ min: 1, max: 1_000_000 }).map((size) => [size, 0]),
  fc.integer({ min: 1, max: 12 }).map((n) => [1, ...Array(n).fill(1)]),
  fc.integer({ min: 1, max: 12 }).map((n) => [1, ...Array(n).fill(0)]),
);

describe("sBG: every result in its range", () => {
  it("survival, retention in [0, 1]; expected alive in [0, cohort]; lifetimes in their bounds", () => {
    fc.assert(
      fc.property(
        survivors,
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 1e-3, max: 1, noNaN: true }),
        (alive, t, d) => {
          const model = fitShiftedBetaGeometric({ alive });
          const size = alive[0] as number;
          const survival = value(() => model.survival(t)) as number;
          expect(survival).toBeGreaterThanOrEqual(0);
          expect(survival).toBeLessThanOrEqual(1);
          expect(value(() => model.survival(t + 1)) as number).toBeLessThanOrEqual(survival);
          if (t >= 1) {
            const retention = value(() => model.retentionRate(t)) as number;
            expect(retention).toBeGreaterThanOrEqual(0);
            expect(retention).toBeLessThanOrEqual(1);
          }
          const expected = value(() => model.expectedAlive(t)) as number;
          expect(expected).toBeGreaterThanOrEqual(0);
          expect(expected).toBeLessThanOrEqual(size);
          // Σ_t S(t)/(1+d)^t with S(0) = 1 and S ≤ 1: between 1 and (1+d)/d.
          const most = (1 + d) / d;
          const del = value(() => model.discountedExpectedLifetime({ discountRate: d }));
          if (del !== null) {
            expect(del).toBeGreaterThanOrEqual(1 - 1e-12);
            expect(del).toBeLessThanOrEqual(most * (1 + 1e-12));
          }
          const derl = value(() =>
            model.discountedExpectedResidualLifetime({ discountRate: d, renewals: t % 50 }),
          );
          if (derl !== null) {
            expect(derl).toBeGreaterThanOrEqual(0);
            expect(derl).toBeLessThanOrEqual(most * (1 + 1e-12));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A BG/BB history over n opportunities: x transactions, the last at t_x (x ≤ t_x ≤ n). */
const opportunity = fc
  .record({
    n: fc.integer({ min: 1, max: 30 }),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ n, a, b }) => {
    const tx = Math.min(n, Math.floor(a * (n + 1)));
    const x = tx === 0 ? 0 : Math.max(1, Math.ceil(b * tx));
    return { frequency: x, recency: tx, periods: n };
  });

const opportunityRows = fc.oneof(
  fc.array(opportunity, { minLength: 1, maxLength: 25 }),
  // Nobody ever transacts.
  fc.integer({ min: 1, max: 30 }).map((n) => [{ frequency: 0, recency: 0, periods: n }]),
  // Everybody transacts at every opportunity.
  fc.integer({ min: 1, max: 30 }).map((n) => [{ frequency: n, recency: n, periods: n }]),
  opportunity.map((row) => [row]),
);

describe("BG/BB: every result in its range", () => {
  it("P(alive) in [0, 1]; expected transactions in [0, opportunities]", () => {
    fc.assert(
      fc.property(
        opportunityRows,
        opportunity,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 20 }),
        (rows, customer, horizon, ahead) => {
          const model = fitBetaGeometricBetaBinomial(rows);
          for (const c of [customer, ...rows.slice(0, 3)]) {
            const alive = value(() => model.probabilityAlive(c, { periodsAhead: ahead })) as number;
            expect(alive).toBeGreaterThanOrEqual(0);
            expect(alive).toBeLessThanOrEqual(1);
            const conditional = value(() => model.conditionalExpectedTransactions(c, horizon));
            if (conditional !== null) {
              expect(conditional).toBeGreaterThanOrEqual(0);
              expect(conditional).toBeLessThanOrEqual(horizon * (1 + 1e-12));
            }
          }
          const expected = value(() => model.expectedTransactions(horizon));
          if (expected !== null) {
            expect(expected).toBeGreaterThanOrEqual(0);
            expect(expected).toBeLessThanOrEqual(horizon * (1 + 1e-12));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
