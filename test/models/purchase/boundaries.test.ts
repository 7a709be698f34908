// Purchase models at the edges: fits whose maximum lies at a boundary of the parameter space,
// huge and tiny inputs to every prediction. Reference values: python3 with mpmath 1.3 / scipy,
// commands in the comments (mp.mp.dps = 40 unless said otherwise).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  fitBetaGeometricNBD,
  fitGammaGamma,
  fitParetoNBD,
  MetricInputError,
} from "../../../src/index.js";
import { logBetaExpectation } from "../../../src/models/purchase/_bgnbdExpectation.js";
import {
  bgnbdConditional,
  bgnbdLogLikelihood,
  groupByFrequency,
} from "../../../src/models/purchase/_bgnbdMath.js";
import { paretoAlive, paretoConditional } from "../../../src/models/purchase/_paretoMath.js";
import { readSummary } from "../../../src/models/purchase/_rows.js";
import type { PurchaseModel } from "../../../src/models/purchase/types.js";
import { cdnowSummary, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";
import { simulateBetaGeometricNBD } from "./_simulate.js";

/** Published CDNOW estimates (Fader, Hardie & Lee 2005). */
const BG_CDNOW = [0.243, 4.414, 0.793, 2.426];
const PARETO_CDNOW = [0.553, 10.578, 0.606, 11.669];

describe("BG/NBD at the boundary a, b → ∞ (one drop-out probability for everybody)", () => {
  const rows = [
    { frequency: 3, recency: 10, T: 20 },
    { frequency: 0, recency: 0, T: 20 },
  ];
  const model = fitBetaGeometricNBD(rows, { unit: "week" });

  it("predicts the limit model's purchases instead of throwing", () => {
    // The limit: p ~ a point mass at π = a/(a+b), E[X(t)] = (1 − (α/(α + π t))^r) / π.
    // scipy, that limit model fitted to the two rows (Nelder–Mead on ln r, ln α, logit π):
    // r 0.4851594547, α 4.2852474898, π 0.2088581478, LL −10.388026488; E[X(10)] by mpmath
    // at those values: 0.8388652842968649.
    expect(model.converged).toBe(false);
    expect(model.params.a.toNumber()).toBeGreaterThan(1e8);
    expect(relativeError(model.logLikelihood, -10.38802648793247)).toBeLessThan(1e-9);
    expect(relativeError(model.params.r, 0.48515945469189165)).toBeLessThan(1e-5);
    expect(relativeError(model.expectedPurchases({ weeks: 10 }), 0.8388652842968649)).toBeLessThan(
      1e-6,
    );
    // The same limit evaluated at the model's own r, α and π.
    const r = model.params.r.toNumber();
    const alpha = model.params.alpha.toNumber();
    const pi = model.params.a.div(model.params.a.plus(model.params.b)).toNumber();
    for (const t of [1e-9, 1, 10, 39, 1e6]) {
      const limit = -Math.expm1(-r * Math.log1p((pi * t) / alpha)) / pi;
      expect(relativeError(model.expectedPurchases({ weeks: t }), limit)).toBeLessThan(1e-8);
    }
    const p = model.probabilityAlive(rows[0] as (typeof rows)[0]).toNumber();
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it("evaluates G(A, a, B, s) = E[(1 − (1+ps)^−A)/p], p ~ Beta(a, B), as mpmath does", () => {
    // mpmath, 40 digits: mp.quad over p of (1 − (1+ps)^−A)/p · p^(a−1)(1−p)^(B−1)/B(a, B), split at
    // the mean ± 1, 3, 10, 30, 60 sd and at 10^−k, k/(As); the last two by the closed form
    // (a+B−1)/(a−1) · (1 − (1+s)^−A mp.hyp2f1(A, B, a+B−1, s/(1+s))).
    const cases: [number, number, number, number, number][] = [
      [0.485, 2.6e9, 9.9e9, 10 / 4.285, 0.8395193980341188],
      [3.485, 2.6e9, 9.9e9 + 3, 10 / 24.285, 1.1972685979539264],
      [0.243, 0.793, 2.426, 1e-9, 2.4299999996279516e-10],
      [50.243, 0.793, 1e4, 1e7, 405048.1965075261],
      [0.243, 1e-10, 2.426, 5, 1.2149999999124566],
    ];
    for (const [A, a, B, s, value] of cases) {
      expect(relativeError(Math.exp(logBetaExpectation(A, a, B, s)), value)).toBeLessThan(1e-10);
    }
  });
});

describe("BG/NBD likelihood at huge r and α", () => {
  it("evaluates the log-likelihood as mpmath does, without the rounding of r ln α", () => {
    // mpmath 1.3, mp.mp.dps = 50: Σ ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    // + ln[(α+T)^−(r+x) + a/(b+x−1) (α+t_x)^−(r+x)]. r ln α against (r+x) ln(α+T) used to leave
    // noise of 6e-6 here (2.1273460 for the first).
    const rows = groupByFrequency(
      readSummary(
        [
          { frequency: 1, recency: 0.14285714285714285, T: 1.4285714285714286 },
          { frequency: 7, recency: 1.1428571428571428, T: 8.142857142857142 },
        ],
        "test",
        "year",
      ),
    );
    expect(
      Math.abs(
        bgnbdLogLikelihood([1.21042e9, 1.94703e8, 47187.2, 141559], rows) - 2.1273403149119434,
      ),
    ).toBeLessThan(1e-12);
    expect(
      Math.abs(bgnbdLogLikelihood([1e7, 1.6e6, 47187.2, 141559], rows) - 2.1272211646876102),
    ).toBeLessThan(1e-12);
  });

  it("fits a customer who bought once, at the end, just below the supremum e^−1", () => {
    // L = (r/α)(1 + 1/α)^−(r+1) ≤ e^−1 · e^−1/(2α): the fit's log-likelihood lies below −1, by
    // about 1/(2α) at its α. b + x − 1 was once rounded (b ≈ 3e-8 plus 1 minus 1), which put
    // it 1.5e-11 above.
    const model = fitBetaGeometricNBD([{ frequency: 1, recency: 1, T: 1 }], { unit: "week" });
    const ll = model.logLikelihood.toNumber();
    expect(ll).toBeLessThan(-1);
    expect(ll).toBeGreaterThan(-1 - 1e-9);
  });
});

describe("BG/NBD with huge frequencies", () => {
  it("returns for frequency 1e300, with the asymptotic value", () => {
    // x = 1e300, t_x = T = 2, t = 1 at the published CDNOW estimates: with B = b + x → ∞,
    // p·B ~ Gamma(a, 1) and G = B ((1 + c)^(1−a) − 1)/(1 − a), c = sA/B, s = 1/(α + T) (error
    // O(1/B)); mpmath at 400 digits: 1.470815854266093e+299.
    expect(
      relativeError(bgnbdConditional(BG_CDNOW, 1e300, 2, 2, 1), 1.470815854266093e299),
    ).toBeLessThan(1e-12);
    // t_x < T: a customer who bought 1e300 times and then not for a week is gone.
    expect(bgnbdConditional(BG_CDNOW, 1e300, 1, 2, 1)).toBe(0);
    const bg = fitBetaGeometricNBD(
      [
        { frequency: 3, recency: 10, T: 20 },
        { frequency: 1, recency: 2, T: 30 },
        { frequency: 0, recency: 0, T: 25 },
      ],
      { unit: "week" },
    );
    const gone = bg.conditionalExpectedPurchases(
      { frequency: 1e300, recency: 1, T: 2 },
      { weeks: 1 },
    );
    expect(gone.toString()).toBe("0");
    expect(bg.probabilityAlive({ frequency: 1e300, recency: 1, T: 2 }).toString()).toBe("0");
  });

  it("throws OUT_OF_RANGE where the expectation exceeds the float64 range", () => {
    const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));
    const bg = fitBetaGeometricNBD(cdnow, { unit: "week" });
    expectError(
      () => bg.conditionalExpectedPurchases({ frequency: 1e307, recency: 2, T: 2 }, { years: 1e9 }),
      "OUT_OF_RANGE",
      "customer.frequency",
    );
  });
});

describe("Pareto/NBD with huge frequencies and drop-out shapes", () => {
  it("computes P(alive) as mpmath's integral of the drop-out odds", () => {
    // mpmath quad of ∫_{t_x}^{T} s/(β+τ) ((α+T)/(α+τ))^(r+x) ((β+T)/(β+τ))^s dτ, P = 1/(1+odds).
    expect(
      relativeError(paretoAlive(PARETO_CDNOW, 1e15, 39 - 1e-12, 39), 0.9999996458550903),
    ).toBeLessThan(1e-12);
    expect(
      relativeError(paretoAlive([0.5, 10, 2e5, 4e6], 3, 10, 39), 0.0380146031909878),
    ).toBeLessThan(1e-12);
    expect(
      relativeError(paretoAlive([0.5, 10, 2e5, 4e6], 30, 35, 39), 0.4800589941158673),
    ).toBeLessThan(1e-12);
    expect(paretoAlive(PARETO_CDNOW, 1e6, 38, 39)).toBe(0);
  });

  it("predicts finite purchases for frequency 1e300 and ages of 1e300", () => {
    // P(alive) = 1 at t_x = T; E[Y(t)] = (r+x)(β+T)/(α+T) · (1 − ((β+T)/(β+T+t))^(s−1))/(s−1).
    const expected = (x: number, T: number, t: number): number => {
      const [r, alpha, s, beta] = PARETO_CDNOW as [number, number, number, number];
      return (
        (r + x) *
        ((beta + T) / (alpha + T)) *
        (-Math.expm1(-(s - 1) * Math.log1p(t / (beta + T))) / (s - 1))
      );
    };
    expect(
      relativeError(paretoConditional(PARETO_CDNOW, 1e300, 1e9, 1e9, 1), expected(1e300, 1e9, 1)),
    ).toBeLessThan(1e-12);
    expect(
      relativeError(paretoConditional(PARETO_CDNOW, 1e300, 1e300, 1e300, 1e9), 1e9),
    ).toBeLessThan(1e-12);
    expect(paretoConditional(PARETO_CDNOW, 1e15, 0, 1e300, 1)).toBe(0);
    expect(paretoConditional(PARETO_CDNOW, 1e15, 1e300, 1e300, 0)).toBe(0);
  });
});

describe("Gamma-Gamma at its limits", () => {
  const cdnowLike = [
    { frequency: 1, monetaryValue: 10 },
    { frequency: 2, monetaryValue: 20 },
    { frequency: 3, monetaryValue: 15 },
    { frequency: 1, monetaryValue: 40 },
  ];

  it("gives the expected spend of frequency 1e15 and spend 1e300, near the spend itself", () => {
    const gg = fitGammaGamma(cdnowLike);
    const value = gg.conditionalExpectedSpend({ frequency: 1e15, monetaryValue: 1e300 });
    // p(γ + x z̄)/(px + q − 1) in exact Decimal arithmetic at the model's parameters.
    const { p, q, gamma } = gg.params;
    const x = new Decimal(1e15);
    const exact = p.times(gamma.plus(x.times(1e300))).div(p.times(x).plus(q).minus(1));
    expect(value.minus(exact).abs().div(exact).toNumber()).toBeLessThan(1e-14);
    expect(value.lt(1e300)).toBe(true);
  });

  it("throws OUT_OF_RANGE naming q when the fitted q ≤ 1 leaves no mean spend", () => {
    // Mean spends 10/u³ over a uniform grid: a tail so heavy that the fit puts q near 0.45.
    const heavy = Array.from({ length: 30 }, (_, i) => ({
      frequency: 10,
      monetaryValue: 10 / ((i + 1) / 31) ** 3,
    }));
    const gg = fitGammaGamma(heavy);
    expect(gg.params.q.lt(1)).toBe(true);
    expectError(() => gg.expectedSpend(), "OUT_OF_RANGE", "q");
    expectError(
      () => gg.conditionalExpectedSpend({ frequency: 0, monetaryValue: 0 }),
      "OUT_OF_RANGE",
      "q",
    );
    // A repeat buyer still has an expected spend: the data pull q up by px.
    expect(gg.conditionalExpectedSpend({ frequency: 10, monetaryValue: 50 }).gt(0)).toBe(true);
  });

  it("throws OUT_OF_RANGE when the expected spend exceeds the float64 range", () => {
    const gg = fitGammaGamma(cdnowLike);
    const q = gg.params.q.toNumber();
    // Weight px/(px+q−1) < 1 when q > 1, so 1.7e308 stays finite; with q < 1 it may not.
    expect(gg.conditionalExpectedSpend({ frequency: 1, monetaryValue: 1.7e308 }).isFinite()).toBe(
      q > 1,
    );
  });
});

/** Every prediction of a purchase model at the history and horizons given. */
function checkPredictions(
  model: PurchaseModel<string>,
  customer: { frequency: number; recency: number; T: number },
  spend: { conditionalExpectedSpend(c: unknown): Decimal },
): void {
  const horizons = [0, 1e-9, 0.5, 1, 10, 39, 520, 1e6];
  let previous = new Decimal(0);
  let previousPopulation = new Decimal(0);
  for (const t of horizons) {
    const e = model.conditionalExpectedPurchases(customer, { weeks: t });
    const population = model.expectedPurchases({ weeks: t });
    expect(e.isFinite() && e.gte(0)).toBe(true);
    expect(population.isFinite() && population.gte(0)).toBe(true);
    // Non-decreasing in the horizon, up to the rounding of the float evaluation.
    expect(e.gte(previous.times(1 - 1e-9))).toBe(true);
    expect(population.gte(previousPopulation.times(1 - 1e-9))).toBe(true);
    previous = e;
    previousPopulation = population;
  }
  const alive = model.probabilityAlive(customer);
  expect(alive.gte(0) && alive.lte(1)).toBe(true);
  const clv = model.customerLifetimeValue({
    spendModel: spend as never,
    customer: { ...customer, monetaryValue: 20 },
    horizon: { months: 12 },
    discountRate: 0.01,
    discountRateUnit: "month",
  });
  expect(clv.isFinite() && clv.gte(0)).toBe(true);
}

describe("fits to small simulated data sets", () => {
  // CDNOW-like truth (Fader, Hardie & Lee 2005): r 0.243, α 4.414, a 0.793, b 2.426, ages up
  // to 39 weeks. At 10–30 customers the likelihood's maximum often lies at a, b → ∞.
  const spend = { conditionalExpectedSpend: () => new Decimal(20) };

  it("BG/NBD: every prediction of every fit is finite and in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(10, 30), (seed, n) => {
        const rows = simulateBetaGeometricNBD(n, [0.243, 4.414, 0.793, 2.426], 39, seed);
        const model = fitBetaGeometricNBD(rows, { unit: "week" });
        for (const customer of [
          rows[0],
          { frequency: 0, recency: 0, T: 39 },
          { frequency: 7, recency: 39, T: 39 },
          { frequency: 2, recency: 1, T: 39 },
        ]) {
          checkPredictions(
            model,
            customer as { frequency: number; recency: number; T: number },
            spend,
          );
        }
      }),
      { numRuns: 12 },
    );
  });

  it("Pareto/NBD: every prediction of every fit is finite and in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const rows = simulateBetaGeometricNBD(10, [0.243, 4.414, 0.793, 2.426], 39, seed);
        const model = fitParetoNBD(rows, { unit: "week" });
        for (const customer of [
          rows[0],
          { frequency: 0, recency: 0, T: 39 },
          { frequency: 7, recency: 39, T: 39 },
          { frequency: 2, recency: 1, T: 39 },
        ]) {
          checkPredictions(
            model,
            customer as { frequency: number; recency: number; T: number },
            spend,
          );
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("every public method with huge, tiny and boundary arguments", () => {
  const rows = simulateBetaGeometricNBD(60, [0.243, 4.414, 0.793, 2.426], 39, 7);
  const models = [
    fitBetaGeometricNBD(rows, { unit: "week" }),
    fitParetoNBD(rows, { unit: "week" }),
    fitBetaGeometricNBD(
      [
        { frequency: 3, recency: 10, T: 20 },
        { frequency: 0, recency: 0, T: 20 },
      ],
      { unit: "week" },
    ),
  ];
  const gg = fitGammaGamma([
    { frequency: 1, monetaryValue: 10 },
    { frequency: 2, monetaryValue: 20 },
    { frequency: 3, monetaryValue: 15 },
  ]);
  /** A Decimal that is finite and not −0, or a MetricInputError. */
  const settle = (run: () => Decimal): void => {
    let value: Decimal | undefined;
    try {
      value = run();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricInputError);
      return;
    }
    expect(value.isFinite()).toBe(true);
    expect(value.isZero() && value.isNegative()).toBe(false);
    expect(value.gte(0)).toBe(true);
  };

  it("returns finite values or MetricInputErrors", () => {
    const frequencies = [0, 1, 1e15, 1e300];
    const ages = [1e-300, 1e-9, 1, 39, 1e9, 1e300];
    const horizons = ["days", "weeks", "years"].flatMap((unit) =>
      [0, 1e-9, 1, 1e9].map((n) => ({ [unit]: n }) as { weeks: number }),
    );
    for (const model of models) {
      for (const h of horizons) settle(() => model.expectedPurchases(h));
      for (const x of frequencies) {
        for (const T of ages) {
          for (const share of x === 0 ? [0] : [0, 0.5, 1]) {
            const c = { frequency: x, recency: T * share, T };
            const alive = model.probabilityAlive(c);
            expect(alive.gte(0) && alive.lte(1)).toBe(true);
            for (const h of horizons) settle(() => model.conditionalExpectedPurchases(c, h));
          }
        }
      }
      for (const discountRate of [0, 1e-12, 1e12]) {
        settle(() =>
          model.customerLifetimeValue({
            spendModel: gg,
            customer: { frequency: 2, recency: 30, T: 39, monetaryValue: 1e300 },
            horizon: { years: 3 },
            discountRate,
            discountRateUnit: "year",
          }),
        );
      }
    }
    for (const x of frequencies) {
      for (const z of [1e-300, 1, 1e300]) {
        settle(() => gg.conditionalExpectedSpend({ frequency: x, monetaryValue: z }));
      }
    }
  });

  it("refuses weights whose sum passes the float64 range, naming the row that passed it", () => {
    // Found by the fuzz suite: the sum became Infinity and the fit reported customers: Infinity.
    const rows = [
      { frequency: 0, recency: 0, T: 1, weight: 1e308 },
      { frequency: 0, recency: 0, T: 1.1428571428571428, weight: 1e308 },
      { frequency: 4, recency: 1.4285714285714286, T: 10 },
    ];
    expectError(
      () => fitBetaGeometricNBD(rows, { unit: "quarter" }),
      "OUT_OF_RANGE",
      "summary[1].weight",
    );
    expectError(() => fitParetoNBD(rows, { unit: "quarter" }), "OUT_OF_RANGE", "summary[1].weight");
    expectError(
      () =>
        fitGammaGamma([
          { frequency: 1, monetaryValue: 5, weight: 1e308 },
          { frequency: 2, monetaryValue: 6, weight: 1e308 },
        ]),
      "OUT_OF_RANGE",
      "summary[1].weight",
    );
  });
});

describe("fits of customers a tiny fraction of a unit old", () => {
  // The start α = mean age / 8 fell below the optimiser's bounds for ages under about 8e-10
  // of a unit, and every evaluation of the likelihood failed ("no finite likelihood").
  it("fit one customer of age 1e-12 at the supremum of the likelihood (log-likelihood 0)", () => {
    for (const fitModel of [fitBetaGeometricNBD, fitParetoNBD]) {
      for (const T of [1e-12, 1e-9]) {
        const model = fitModel([{ frequency: 0, recency: 0, T }], { unit: "week" });
        expect(Math.abs(model.logLikelihood.toNumber())).toBeLessThan(1e-12);
        // nobody has had time to drop out: P(alive) near 1 (the estimate lies on an edge)
        const alive = model.probabilityAlive({ frequency: 0, recency: 0, T }).toNumber();
        expect(alive).toBeGreaterThan(0.99);
        expect(alive).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("BG/NBD P(X(t) = n) at a fit on the edge (α at its lower bound, a ~ 1e10)", () => {
  it("sums to 1 over n: the tail is computed from α/(α+t), not from 1 − t/(α+t)", () => {
    // This fit puts α at 1e-10, where 1 − t/(α+t) kept about 5 digits and the
    // probabilities summed to 1 + 3.5e-8.
    const model = fitBetaGeometricNBD(
      [
        { frequency: 0, recency: 0, T: 0.000001 },
        { frequency: 1, recency: 0, T: 8.427592336921357 },
      ],
      { unit: "week" },
    );
    let sum = 0;
    for (let n = 0; n < 8; n++) {
      sum += model.probabilityOfPurchases(n, { weeks: 8.427592336921357 }).toNumber();
    }
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  });
});
