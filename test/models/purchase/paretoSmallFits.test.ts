// Pareto/NBD fits to tiny data sets whose likelihood has its maximum on the boundary of the
// parameter space (r, α → ∞ or s, β → ∞ together, or a corner of the bounds [1e-10, 1e10]).
// These once took seconds each: the likelihood's hypergeometric form lost its digits and its
// speed at huge parameters, and the optimiser chased the noise. References: python3 with scipy
// 1.17 and mpmath 1.3, `python3 test/fixtures/models/pareto_small_fits.py` (the same
// likelihood written independently, its integral by QUADPACK, maximised by scipy within the
// same bounds; the value at scipy's optimum checked with mpmath at 40 digits).
import { describe, expect, it } from "vitest";
import { Decimal, fitParetoNBD } from "../../../src/index.js";
import { groupByFrequency } from "../../../src/models/purchase/_bgnbdMath.js";
import {
  logDropoutIntegral,
  paretoLogLikelihood,
} from "../../../src/models/purchase/_paretoMath.js";
import { readSummary } from "../../../src/models/purchase/_rows.js";
import type { PurchaseModel } from "../../../src/models/purchase/types.js";
import type { Period } from "../../../src/types.js";
import { relativeError } from "./_cdnow.js";

interface Case {
  name: string;
  rows: { frequency: number; recency: number; T: number; weight?: number }[];
  unit: Period;
  /** scipy's maximum of the log-likelihood within the bounds (pareto_small_fits.py). */
  logLikelihood: number;
  tolerance: number;
}

const CASES: Case[] = [
  {
    name: "two customers, in years",
    rows: [
      { frequency: 1, recency: 0.14285714285714285, T: 1.4285714285714286, weight: 1 },
      { frequency: 7, recency: 1.1428571428571428, T: 8.142857142857142 },
    ],
    unit: "year",
    logLikelihood: 1.622341450855368,
    tolerance: 1e-9,
  },
  {
    name: "one customer, in days",
    rows: [{ frequency: 11, recency: 6.857142857142857, T: 24.285714285714285 }],
    unit: "day",
    logLikelihood: -9.243383277142435,
    tolerance: 1e-9,
  },
  {
    name: "one customer who bought at the end, in weeks",
    rows: [{ frequency: 1, recency: 1, T: 1 }],
    unit: "week",
    logLikelihood: -1.0000000000500007,
    tolerance: 1e-9,
  },
  {
    // Fourteen purchases at time 1e-300 make the likelihood unbounded: it grows without end
    // as α, β → 0 and s → ∞, so the fit is the box's corner, where the ridge is flat to 1e-5.
    name: "998 customers without repeat purchases and one whose purchases were all at the start",
    rows: [
      { frequency: 0, recency: 0, T: 5.457825776396286, weight: 998 },
      { frequency: 14, recency: 1e-300, T: 12.251110610283215 },
    ],
    unit: "quarter",
    logLikelihood: 571.0746219764243,
    tolerance: 1e-4,
  },
];

/** Every prediction of the model for `customer` is finite, in range and grows with t. */
function expectPredictionsInRange(
  model: PurchaseModel<string>,
  customer: { frequency: number; recency: number; T: number },
): void {
  const alive = model.probabilityAlive(customer);
  expect(alive.gte(0) && alive.lte(1)).toBe(true);
  let previous = new Decimal(0);
  let previousPopulation = new Decimal(0);
  for (const weeks of [0, 1e-9, 1, 39, 520, 1e6]) {
    const conditional = model.conditionalExpectedPurchases(customer, { weeks });
    const population = model.expectedPurchases({ weeks });
    expect(conditional.isFinite() && conditional.gte(0)).toBe(true);
    expect(population.isFinite() && population.gte(0)).toBe(true);
    expect(conditional.gte(previous.times(1 - 1e-9))).toBe(true);
    expect(population.gte(previousPopulation.times(1 - 1e-9))).toBe(true);
    previous = conditional;
    previousPopulation = population;
  }
  const clv = model.customerLifetimeValue({
    spendModel: { conditionalExpectedSpend: () => new Decimal(20) } as never,
    customer: { ...customer, monetaryValue: 20 },
    horizon: { months: 12 },
    discountRate: 0.01,
    discountRateUnit: "month",
  });
  expect(clv.isFinite() && clv.gte(0)).toBe(true);
}

describe("fitParetoNBD on tiny data sets with the maximum on the boundary", () => {
  for (const c of CASES) {
    it(`reaches scipy's maximum within the bounds: ${c.name}`, () => {
      const model = fitParetoNBD(c.rows, { unit: c.unit });
      expect(relativeError(model.logLikelihood, c.logLikelihood)).toBeLessThan(c.tolerance);
      // A boundary fit: an estimate within the bounds, not a converged interior maximum.
      expect(model.converged).toBe(false);
      for (const value of Object.values(model.params)) {
        expect(value.gte(1e-10) && value.lte(1e10)).toBe(true);
      }
      for (const customer of [
        ...c.rows.map(({ frequency, recency, T }) => ({ frequency, recency, T })),
        { frequency: 0, recency: 0, T: 10 },
        { frequency: 3, recency: 2, T: 10 },
        { frequency: 50, recency: 10, T: 10 },
      ]) {
        expectPredictionsInRange(model, customer);
      }
    });
  }

  it("predicts the limit model of a customer who bought once, at the end of a week", () => {
    // L = E[λ e^−(λ+μ)] ≤ max λ e^−λ = e^−1, reached as λ's distribution closes in on 1 (r, α
    // → ∞ with r/α = 1) and μ's on 0 (s → 0): a Poisson process of rate 1 a week that never
    // stops, E[X(t)] = t.
    const model = fitParetoNBD([{ frequency: 1, recency: 1, T: 1 }], { unit: "week" });
    expect(relativeError(model.params.r.div(model.params.alpha), 1)).toBeLessThan(1e-6);
    for (const weeks of [1, 39, 520]) {
      expect(relativeError(model.expectedPurchases({ weeks }), weeks)).toBeLessThan(1e-6);
    }
    expect(relativeError(model.probabilityAlive({ frequency: 1, recency: 1, T: 1 }), 1)).toBe(0);
  });
});

describe("the Pareto/NBD likelihood at huge parameters", () => {
  it("evaluates the log-likelihood as mpmath does where the hypergeometric form failed", () => {
    // mpmath 1.3, mp.mp.dps = 40: the same eq. (A2) with mp.quad of the integral over the time
    // of death, split at multiples of its decay length (as pareto_small_fits.py's ll_mpmath).
    // The hypergeometric form gave 10654.4, −32.9, −92.5, 402.9 and 308.8 here.
    const grouped = (c: Case) => groupByFrequency(readSummary(c.rows, "test", c.unit));
    const [years, days, , quarters] = CASES as [Case, Case, Case, Case];
    const cases: [Case, number[], number][] = [
      [years, [17805.1, 3790.68, 69604.5, 40387.1], 1.4907632660028516],
      [years, [1e7, 2e6, 1, 1], 1.010492087412141],
      [years, [1, 1, 1e7, 1e6], -11.155892390041497],
      [days, [2.33765e6, 1.62367e6, 28.0131, 220.191], -9.264247433542922],
      [quarters, [8.0848e-7, 1.21382e-10, 5.58852e6, 419465], 305.34975026970136],
    ];
    for (const [c, p, value] of cases) {
      expect(Math.abs(paretoLogLikelihood(p, grouped(c)) - value)).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(value)),
      );
    }
  });

  it("integrates the drop-out integral J = ∫_0^D (1+u/a)^−A (1+u/b)^−B du as mpmath does", () => {
    // mpmath 1.3, mp.mp.dps = 40: mp.quad of exp(−A log1p(u/a) − B log1p(u/b)) over [0, D],
    // split at 0, L/4, L/2, L, 2L, … (L = 1/(A/a + B/b)) up to D; ln J.
    const cases: [number, number, number, number, number, number][] = [
      // A and a huge, b tiny: a heavy tail cut off by a steep exponential.
      [
        73273401.1828295, 176036.06382711988, 1.045221124550831, 1.1018464252878628e-10,
        0.02843622491147731, -20.484446866299017,
      ],
      // A tiny, B huge: the peak inside, far from 0 in the logarithm of time.
      [
        0.010055202505277295, 2.9163669468004184e-7, 965070365.5020955, 334333.31902830116,
        7062.504075475326, -8.033186439599955,
      ],
      [
        653885758.6741323, 2.419550261205472e-8, 1543411035.508602, 103.17669772913798,
        0.012084842010319445, -37.835542275792484,
      ],
      [
        45311535.16652679, 1464607.3561728143, 1.0000080069806112, 6.255073941213141e-6,
        0.4203060202318488, -9.905880830819084,
      ],
      [0.5, 10, 1.5, 1e6, 39, 3.1892932094962396],
      [1e7, 2e6, 2, 1, 7, -1.9112924252718995],
      // Ages of 1e300: ∫_0^∞ (1+u)^−2.5000001 du = 1/1.5000001, and a tail over 700 e-folds.
      [1.5, 1, 1.0000001, 1, 1e300, -0.40546517477482885],
      [0.01, 1e-10, 1.01, 1e-10, 1e300, -19.113828555469855],
      [1e10, 1e10, 1e10, 1e10, 1, -0.8385606384101079],
      [3, 5, 2, 5, 100, 0.22313840941052274],
      [
        3242.901922639256, 4270608.85119374, 1.1732745250229746, 44.519753982380195,
        0.9121277894243149, -0.10423437177081124,
      ],
    ];
    for (const [A, a, B, b, D, value] of cases) {
      expect(Math.abs(logDropoutIntegral(A, a, B, b, D) - value)).toBeLessThan(
        1e-13 * Math.max(1, Math.abs(value)),
      );
    }
  });
});
