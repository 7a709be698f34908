import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitParetoNBD } from "../../../src/index.js";
import { bgnbdLogLikelihood, groupByFrequency } from "../../../src/models/purchase/_bgnbdMath.js";
import {
  closedFormLogLikelihood,
  hyp2f1PlusOne,
  integralLogLikelihood,
  logHyp2f1PlusOne,
  logHyp2f1PlusOnePair,
  paretoAlive,
  paretoConditional,
  paretoExpected,
  paretoLogA0,
  paretoLogLikelihood,
} from "../../../src/models/purchase/_paretoMath.js";
import { readSummary } from "../../../src/models/purchase/_rows.js";
import { cdnowSummary, reference, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";
import { simulateParetoNBD } from "./_simulate.js";

const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));
const pnbd = fitParetoNBD(cdnow, { unit: "week" });
const exact = [
  reference.paretoNbd.params.r,
  reference.paretoNbd.params.alpha,
  reference.paretoNbd.params.s,
  reference.paretoNbd.params.beta,
] as number[];

describe("fitParetoNBD", () => {
  it("reproduces Fader, Hardie & Lee (2005) on CDNOW", () => {
    // Marketing Science 24(2): r 0.553, α 10.578, s 0.606, β 11.669, LL −9595.0. β is weakly
    // identified (the likelihood is flat along it to 1e-4), so it is checked to 1e-3.
    expect(pnbd.params.r.toFixed(3)).toBe("0.553");
    expect(pnbd.params.alpha.toFixed(3)).toBe("10.578");
    expect(pnbd.params.s.toFixed(3)).toBe("0.606");
    expect(relativeError(pnbd.params.beta, 11.669)).toBeLessThan(1e-3);
    expect(pnbd.logLikelihood.toFixed(1)).toBe("-9595.0");
    expect(pnbd.converged).toBe(true);
    expect(pnbd.unit).toBe("week");
  });

  it("agrees with the scipy maximum-likelihood fit", () => {
    // reference.py: scipy on the same file, lifetimes' log-likelihood written out.
    for (const name of ["r", "alpha", "s"] as const) {
      expect(
        relativeError(pnbd.params[name], reference.paretoNbd.params[name] as number),
      ).toBeLessThan(1e-5);
    }
    expect(relativeError(pnbd.params.beta, reference.paretoNbd.params.beta as number)).toBeLessThan(
      1e-4,
    );
    expect(relativeError(pnbd.logLikelihood, reference.paretoNbd.logLikelihood)).toBeLessThan(
      1e-11,
    );
    for (const se of Object.values(pnbd.standardErrors)) expect(se?.gt(0)).toBe(true);
  });

  it("shows the documented example", () => {
    expect(pnbd.expectedPurchases({ weeks: 39 }).toFixed(4)).toBe("1.2134");
  });

  it("evaluates the log-likelihood in both branches of A0 as scipy does", () => {
    const d = groupByFrequency(readSummary(cdnow, "test", "week"));
    // α < β (the CDNOW optimum) and α ≥ β (r 0.55, α 14, s 0.6, β 9), from reference.py.
    expect(
      relativeError(paretoLogLikelihood([0.553, 10.578, 0.606, 11.669], d), -9594.974010040976),
    ).toBeLessThan(1e-13);
    expect(
      relativeError(paretoLogLikelihood([0.55, 14, 0.6, 9], d), -9636.27890386932),
    ).toBeLessThan(1e-13);
  });

  it("gives the same log-likelihood by the closed form and by the integral form", () => {
    // The integral form takes over at huge parameters; on CDNOW both apply, and they agree
    // to the rounding of the sums (scipy's value at the optimum: −9594.974010040976).
    const d = groupByFrequency(readSummary(cdnow, "test", "week"));
    for (const p of [
      [0.553, 10.578, 0.606, 11.669],
      [0.55, 14, 0.6, 9],
      [2, 3, 5, 20],
      [0.1, 1, 40, 300],
    ]) {
      const closed = closedFormLogLikelihood(p, d);
      expect(Math.abs(integralLogLikelihood(p, d) / closed - 1)).toBeLessThan(1e-13);
    }
    expect(
      relativeError(integralLogLikelihood([0.553, 10.578, 0.606, 11.669], d), -9594.974010040976),
    ).toBeLessThan(1e-13);
  });

  it("evaluates very frequent buyers with ln Γ and others by the Γ recurrence alike", () => {
    // reference.py's likelihoods (scipy gammaln) on three customers, x = 300 or 200.
    const rows = (x: number) =>
      groupByFrequency(
        readSummary(
          [
            { frequency: x, recency: 35, T: 38 },
            { frequency: 2, recency: 30.43, T: 38.86 },
            { frequency: 0, recency: 0, T: 38.86 },
          ],
          "test",
          "week",
        ),
      );
    const bgp = [0.243, 4.414, 0.793, 2.426];
    const pnp = [0.553, 10.578, 0.606, 11.669];
    expect(relativeError(bgnbdLogLikelihood(bgp, rows(300)), 286.6888512459691)).toBeLessThan(
      1e-11,
    );
    expect(relativeError(paretoLogLikelihood(pnp, rows(300)), 248.0983483623831)).toBeLessThan(
      1e-11,
    );
    expect(relativeError(bgnbdLogLikelihood(bgp, rows(200)), 103.4555823845344)).toBeLessThan(
      1e-11,
    );
    expect(relativeError(paretoLogLikelihood(pnp, rows(200)), 78.95255335278358)).toBeLessThan(
      1e-11,
    );
  });

  it("predicts as the closed forms evaluated with mpmath", () => {
    for (const [t, value] of Object.entries(reference.predictions.pareto.expected)) {
      expect(relativeError(paretoExpected(exact, Number(t)), value)).toBeLessThan(1e-12);
      expect(relativeError(pnbd.expectedPurchases({ weeks: Number(t) }), value)).toBeLessThan(1e-4);
    }
    for (const [[x, tx, T], t, value] of reference.predictions.pareto.conditional) {
      expect(relativeError(paretoConditional(exact, x, tx, T, t), value)).toBeLessThan(1e-12);
      const model = pnbd.conditionalExpectedPurchases(
        { frequency: x, recency: tx, T },
        { weeks: t },
      );
      expect(relativeError(model, value)).toBeLessThan(1e-4);
    }
    for (const [[x, tx, T], value] of reference.predictions.pareto.alive) {
      expect(
        relativeError(pnbd.probabilityAlive({ frequency: x, recency: tx, T }), value),
      ).toBeLessThan(1e-4);
    }
    for (const [[x, tx, T], value] of reference.predictions.pareto.aliveAltBranch) {
      expect(relativeError(paretoAlive([0.55, 14, 0.6, 9], x, tx, T), value)).toBeLessThan(1e-12);
    }
  });

  it("keeps far-apart α and β accurate, where the 2F1 argument nears 1", () => {
    // mpmath at 30 digits: argument 99/102 and 99/120.
    expect(
      relativeError(paretoAlive([0.5, 100, 0.7, 1], 3, 2, 20), 0.18275672280397778),
    ).toBeLessThan(1e-10);
    expect(
      relativeError(paretoLogA0([0.5, 100, 0.7, 1], 3, 2, 20), -15.597846402316419),
    ).toBeLessThan(1e-12);
    expect(
      relativeError(paretoAlive([0.5, 1, 0.7, 100], 3, 2, 20), 0.11014410874257155),
    ).toBeLessThan(1e-10);
    expect(
      relativeError(paretoLogA0([0.5, 1, 0.7, 100], 3, 2, 20), -10.126043340936079),
    ).toBeLessThan(1e-12);
    expect(relativeError(paretoAlive([0.5, 100, 0.7, 1], 0, 0, 5), 0.281663861025526)).toBeLessThan(
      1e-10,
    );
    expect(hyp2f1PlusOne(2, 3, 0)).toBe(1);
    // Hundreds of repeat purchases: the series is handed to the general routine (mpmath value).
    expect(relativeError(hyp2f1PlusOne(5, 300, 0.7), 5.2053616614568295e154)).toBeLessThan(1e-10);
    // mpmath: 2F1(5, 300; 6; 0.6), 2F1(2.5, 1.7; 3.5; 0.9) and (…; 0.5).
    const [big, smaller] = logHyp2f1PlusOnePair(5, 300, 0.7, 0.3, 0.6, 0.4);
    expect(relativeError(big as number, Math.log(5.2053616614568295e154))).toBeLessThan(1e-12);
    expect(relativeError(smaller as number, Math.log(2.6627638291293054e117))).toBeLessThan(1e-12);
    const [near, far] = logHyp2f1PlusOnePair(2.5, 1.7, 0.9, 0.1, 0.5, 0.5);
    expect(relativeError(near as number, Math.log(11.55420781371764))).toBeLessThan(1e-12);
    expect(relativeError(far as number, Math.log(2.2444672582969165))).toBeLessThan(1e-12);
    expect(paretoLogA0([0.5, 1, 0.7, 2], 2, 5, 5)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("evaluates ln 2F1(a, b; a+1; z) near z = 1 as mpmath does", () => {
    // [a, b, z, ln ₂F₁(a, b; a + 1; z)] from mpmath at 40 digits: the transformation towards
    // 1 − z (z > 0.9), b below 1, between 1 and 2 and large, and an integer b (summed further).
    const cases = [
      [0.8, 0.3, 0.9, 0.21022798811997714],
      [3.2, 1.6, 0.95, 3.0199498702053345],
      [3.2, 2.6, 0.99, 8.039265250853134],
      [170.5, 1.55, 0.998, 8.317113633216566],
      [170.5, 30.3, 0.999, 204.15340154428458],
      [10.5, 0.553, 0.76, 0.6689173817997428],
      [2.1, 5.4, 0.9999, 39.78589808893577],
      [50.5, 49.7, 0.8, 78.40843454874906],
      [3.5, 2, 0.95, 4.00629330625983],
      [1098.5, 0.5, 38478.73 / 38490, 3.5335523285737427],
    ] as const;
    for (const [a, b, z, value] of cases) {
      // 1e-12: the transformation's two terms may cancel by up to 99 %.
      expect(relativeError(logHyp2f1PlusOne(a, b, z, 1 - z), value)).toBeLessThan(1e-12);
    }
  });

  it("takes the logarithmic limit at s = 1", () => {
    const p = [0.5, 10, 1, 12];
    expect(
      relativeError(paretoExpected(p, 39), ((0.5 * 12) / 10) * Math.log1p(39 / 12)),
    ).toBeLessThan(1e-14);
    expect(
      relativeError(paretoExpected([0.5, 10, 1 + 1e-9, 12], 39), paretoExpected(p, 39)),
    ).toBeLessThan(1e-8);
  });

  it("matches the population expectation for a customer with no history", () => {
    for (const t of [1, 39, 520]) {
      const conditional = pnbd.conditionalExpectedPurchases(
        { frequency: 0, recency: 0, T: 0 },
        { weeks: t },
      );
      expect(
        relativeError(conditional, pnbd.expectedPurchases({ weeks: t }).toNumber()),
      ).toBeLessThan(1e-14);
    }
    expect(pnbd.probabilityAlive({ frequency: 0, recency: 0, T: 0 }).toString()).toBe("1");
  });

  it("predicts non-negative purchases that grow with t and a probability in [0, 1]", () => {
    const customer = fc
      .record({
        frequency: fc.integer({ min: 0, max: 40 }),
        T: fc.double({ min: 0, max: 200, noNaN: true }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ frequency, T, share }) => ({
        frequency,
        T,
        recency: frequency === 0 ? 0 : T * share,
      }));
    const time = fc.double({ min: 0, max: 500, noNaN: true });
    fc.assert(
      fc.property(customer, time, time, (c, t1, t2) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = pnbd.conditionalExpectedPurchases(c, { weeks: lo });
        expect(a.gte(0)).toBe(true);
        // Increasing up to rounding (a few ulps).
        expect(pnbd.conditionalExpectedPurchases(c, { weeks: hi }).gte(a.times(1 - 1e-12))).toBe(
          true,
        );
        expect(
          pnbd
            .expectedPurchases({ weeks: hi })
            .gte(pnbd.expectedPurchases({ weeks: lo }).times(1 - 1e-12)),
        ).toBe(true);
        const p = pnbd.probabilityAlive(c);
        expect(p.gte(0) && p.lte(1)).toBe(true);
      }),
    );
  });

  it("fits data whose drop-out rates do not vary, with s and beta running large together", () => {
    // Simulated with one drop-out rate for everybody (μ ~ Gamma(1e6, 8e6): 1/8 a week, no
    // heterogeneity for Pareto/NBD to find), so s and β grow while s/β settles.
    const rows = simulateParetoNBD(3000, [0.55, 10.6, 1e6, 8e6], 39);
    const fit = fitParetoNBD(rows, { unit: "week" });
    expect(fit.params.s.gt(50)).toBe(true);
    expect(fit.params.beta.gt(fit.params.s)).toBe(true);
    const c = { frequency: 3, recency: 20, T: 39 };
    expect(fit.conditionalExpectedPurchases(c, { weeks: 52 }).gt(0)).toBe(true);
    const p = fit.probabilityAlive(c);
    expect(p.gt(0) && p.lt(1)).toBe(true);
  });

  it("reports converged: false when no customer repeats", () => {
    const none = fitParetoNBD(
      [
        { frequency: 0, recency: 0, T: 10 },
        { frequency: 0, recency: 0, T: 20 },
      ],
      { unit: "week" },
    );
    expect(none.converged).toBe(false);
  });

  it("rejects bad summaries with the row in the field", () => {
    expectError(() => fitParetoNBD([], { unit: "week" }), "EMPTY", "summary");
    expectError(
      () => fitParetoNBD([{ frequency: 1, recency: 3, T: 2 }], { unit: "week" }),
      "INCONSISTENT",
      "summary[0].recency",
    );
    expectError(
      () => fitParetoNBD([{ frequency: 1, recency: 1, T: 2 }]),
      "INVALID_OPTION",
      "options.unit",
    );
  });
});
