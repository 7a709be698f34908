import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, fitGammaGamma, summarizeTransactions } from "../../../src/index.js";
import { cdnowTransactions, reference, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

const summary = summarizeTransactions(cdnowTransactions(), {
  observationEnd: "1997-09-30",
  unit: "week",
  purchases: "all", // the published CDNOW summary counts the $0.00 orders
});
const gg = fitGammaGamma(summary);

describe("fitGammaGamma", () => {
  it("reproduces Fader & Hardie (2013) on the CDNOW repeat buyers", () => {
    // "The Gamma-Gamma Model of Monetary Value": p 6.25, q 3.74, γ 15.44 (spend derived from
    // the transaction log, unrounded).
    expect(gg.params.p.toFixed(2)).toBe("6.25");
    expect(gg.params.q.toFixed(2)).toBe("3.74");
    expect(gg.params.gamma.toFixed(2)).toBe("15.44");
    expect(gg.customers).toBe(946);
    expect(gg.converged).toBe(true);
  });

  it("agrees with the scipy maximum-likelihood fit to 1e-5 relative", () => {
    for (const name of ["p", "q", "gamma"] as const) {
      expect(
        relativeError(gg.params[name], reference.gammaGamma.params[name] as number),
      ).toBeLessThan(1e-5);
    }
    expect(relativeError(gg.logLikelihood, reference.gammaGamma.logLikelihood)).toBeLessThan(1e-11);
    for (const se of Object.values(gg.standardErrors)) expect(se?.gt(0)).toBe(true);
  });

  it("gives γ 15.448 on the rounded zbar column", () => {
    // published-estimates.md: the cent-rounded file of note 025 gives γ 15.448.
    const rows = readFileSync(
      new URL(
        "../../fixtures/models/cdnow_customers_summary_with_transactions.csv",
        import.meta.url,
      ),
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [, x, , , zbar] = line.split(",");
        return { frequency: Number(x), monetaryValue: zbar as string };
      });
    expect(fitGammaGamma(rows).params.gamma.toFixed(3)).toBe("15.448");
  });

  it("shows the documented example", () => {
    expect(gg.conditionalExpectedSpend({ frequency: 2, monetaryValue: "22.35" }).toFixed(2)).toBe(
      "24.66",
    );
  });

  it("predicts the spend of the closed form evaluated with mpmath", () => {
    for (const [x, m, value] of reference.predictions.gammaGamma.spend) {
      expect(
        relativeError(gg.conditionalExpectedSpend({ frequency: x, monetaryValue: m }), value),
      ).toBeLessThan(1e-5);
    }
    const { p, q, gamma } = gg.params;
    expect(
      gg.expectedSpend().eq(gg.conditionalExpectedSpend({ frequency: 0, monetaryValue: 0 })),
    ).toBe(true);
    expect(
      relativeError(gg.expectedSpend(), p.times(gamma).div(q.minus(1)).toNumber()),
    ).toBeLessThan(1e-15);
  });

  it("shrinks a customer's mean towards the population mean", () => {
    const mean = gg.expectedSpend().toNumber();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        (x, z) => {
          const e = gg.conditionalExpectedSpend({ frequency: x, monetaryValue: z }).toNumber();
          expect(e).toBeGreaterThanOrEqual(Math.min(mean, z) * (1 - 1e-12));
          expect(e).toBeLessThanOrEqual(Math.max(mean, z) * (1 + 1e-12));
        },
      ),
    );
  });

  it("fits weighted rows as the same rows repeated, and skips zero weights", () => {
    const repeat = summary.filter((row) => row.frequency.gt(0)).slice(0, 200);
    const doubled = fitGammaGamma([...repeat, ...repeat]);
    const weighted = fitGammaGamma(repeat.map((row) => ({ ...row, weight: 2 })));
    expect(relativeError(weighted.params.p, doubled.params.p.toNumber())).toBeLessThan(1e-6);
    expect(relativeError(weighted.logLikelihood, doubled.logLikelihood.toNumber())).toBeLessThan(
      1e-12,
    );
    const skipped = fitGammaGamma([...repeat, { frequency: 3, monetaryValue: 1e6, weight: 0 }]);
    expect(skipped.customers).toBe(200);
  });

  it("reads strings and frozen rows", () => {
    const rows = Object.freeze(
      summary.slice(0, 400).map((row) =>
        Object.freeze({
          frequency: row.frequency.toString(),
          monetaryValue: row.monetaryValue.toString(),
        }),
      ),
    );
    const fromDecimals = fitGammaGamma(summary.slice(0, 400));
    expect(fitGammaGamma(rows).params.p.eq(fromDecimals.params.p)).toBe(true);
  });

  it("fits amounts in any currency: γ scales with them, p and q stay", () => {
    // Spends of 1e9 times the CDNOW dollars (once beyond the optimiser's bounds for γ, and an
    // INCONSISTENT error): each customer's density of z̄ scales by 1e-9.
    const scaled = summary.map((row) => ({
      frequency: row.frequency,
      monetaryValue: row.monetaryValue.times(1e9),
    }));
    const big = fitGammaGamma(scaled);
    expect(relativeError(big.params.p, gg.params.p.toNumber())).toBeLessThan(1e-6);
    expect(relativeError(big.params.q, gg.params.q.toNumber())).toBeLessThan(1e-6);
    expect(relativeError(big.params.gamma, gg.params.gamma.toNumber() * 1e9)).toBeLessThan(1e-6);
    const shift = gg.customers * Math.log(1e9);
    expect(relativeError(big.logLikelihood, gg.logLikelihood.toNumber() - shift)).toBeLessThan(
      1e-10,
    );
    expect(
      relativeError(
        big.conditionalExpectedSpend({ frequency: 2, monetaryValue: 22.35e9 }),
        gg.conditionalExpectedSpend({ frequency: 2, monetaryValue: 22.35 }).toNumber() * 1e9,
      ),
    ).toBeLessThan(1e-6);
    expect(
      relativeError(
        big.standardErrors.gamma as Decimal,
        (gg.standardErrors.gamma as Decimal).toNumber() * 1e9,
      ),
    ).toBeLessThan(1e-3);
  });

  it("fits spends over 21 orders of magnitude (once: no finite likelihood at the start)", () => {
    // z̄ = 10 / ((i+1)/31)^14, x = 1 + i mod 3: from 16 to 7.6e21. scipy 1.17 Nelder-Mead on
    // ln p, ln q, ln γ of Σ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x
    // − (px+q) ln(γ + x z̄), from five starts, restarted until it no longer gains: −573.871897438541
    // (p → ∞ along a ridge; the fit stops on it, within 3e-8).
    const rows = Array.from({ length: 30 }, (_, i) => ({
      frequency: 1 + (i % 3),
      monetaryValue: 10 / ((i + 1) / 31) ** 14,
    }));
    const fit = fitGammaGamma(rows);
    expect(relativeError(fit.logLikelihood, -573.871897438541)).toBeLessThan(1e-7);
    expect(fit.converged).toBe(false);
  });

  it("fits spends near the float64 limit: γ beyond it as a Decimal, predictions in range or OUT_OF_RANGE", () => {
    // One customer whose five repeat purchases averaged 1e300: with px huge the posterior mean
    // is the customer's own mean, px/(px+q−1) · z̄ + pγ/(px+q−1), within 1e-9 of 1e300.
    const one = fitGammaGamma([{ frequency: 5, monetaryValue: 1e300 }]);
    expect(
      relativeError(one.conditionalExpectedSpend({ frequency: 5, monetaryValue: 1e300 }), 1e300),
    ).toBeLessThan(1e-9);
    // Mean spends near 1.8e308: the fitted mean spend pγ/(q − 1) is beyond the float64 range.
    const near = fitGammaGamma([
      { frequency: 1, monetaryValue: 1.7469192717620047e308 },
      { frequency: 1, monetaryValue: 9.157518327466818e307 },
      { frequency: 3, monetaryValue: 1.2004611674115515e307 },
      { frequency: 4, monetaryValue: 1.564617167764498e307 },
    ]);
    const { p, q, gamma } = near.params;
    expect(p.times(gamma).div(q.minus(1)).gt("1.8e308")).toBe(true);
    expectError(() => near.expectedSpend(), "OUT_OF_RANGE", "gamma");
    expectError(
      () => near.conditionalExpectedSpend({ frequency: 0, monetaryValue: 0 }),
      "OUT_OF_RANGE",
      "gamma",
    );
  });

  it("reports converged: false when spend varies beyond what the model can fit", () => {
    const wild = [1, 1e3, 1e6, 1e9].flatMap((v) => [
      { frequency: 3, monetaryValue: v },
      { frequency: 5, monetaryValue: v * 1.1 },
    ]);
    expect(fitGammaGamma(wild).converged).toBe(false);
  });

  it("rejects data without repeat buyers and bad rows", () => {
    expectError(() => fitGammaGamma([]), "EMPTY", "summary");
    expectError(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]), "EMPTY", "summary");
    expectError(
      () =>
        fitGammaGamma([
          { frequency: 2, monetaryValue: 10 },
          { frequency: 1, monetaryValue: 0 },
        ]),
      "OUT_OF_RANGE",
      "summary[1].monetaryValue",
    );
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: -3 }]),
      "NEGATIVE",
      "summary[0].monetaryValue",
    );
    expectError(
      () => fitGammaGamma([{ frequency: 0.5, monetaryValue: 3 }]),
      "NOT_INTEGER",
      "summary[0].frequency",
    );
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: 3, weight: -1 }]),
      "NEGATIVE",
      "summary[0].weight",
    );
    // Weights of 1e308 put the log-likelihood beyond the float64 range.
    expectError(
      () =>
        fitGammaGamma([
          { frequency: 1, monetaryValue: 1, weight: 1e308 },
          { frequency: 1, monetaryValue: 56.09544767485596 },
          { frequency: 1, monetaryValue: 23.658391607145123 },
        ]),
      "OUT_OF_RANGE",
      "summary",
    );
    expectError(() => fitGammaGamma([7] as never), "NOT_A_NUMBER", "summary[0]");
    expectError(() => fitGammaGamma("rows" as never), "NOT_A_NUMBER", "summary");
  });

  it("rejects bad customers in conditionalExpectedSpend", () => {
    expectError(() => gg.conditionalExpectedSpend(null as never), "NOT_A_NUMBER", "customer");
    expectError(
      () => gg.conditionalExpectedSpend({ frequency: -1, monetaryValue: 3 }),
      "NEGATIVE",
      "customer.frequency",
    );
    expectError(
      () => gg.conditionalExpectedSpend({ frequency: 2 } as never),
      "NOT_A_NUMBER",
      "customer.monetaryValue",
    );
    expect(
      gg
        .conditionalExpectedSpend({ frequency: 2n, monetaryValue: new Decimal("22.35") })
        .toFixed(2),
    ).toBe("24.66");
  });

  it("rejects objects that only claim to be Decimals, and Decimals below the float64 range", () => {
    const fake = { toStringTag: "[object Decimal]" };
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: fake as never }]),
      "NOT_A_NUMBER",
      "summary[0].monetaryValue",
    );
    expectError(
      () => fitGammaGamma([{ frequency: fake as never, monetaryValue: 3 }]),
      "NOT_A_NUMBER",
      "summary[0].frequency",
    );
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: 3, weight: fake as never }]),
      "NOT_A_NUMBER",
      "summary[0].weight",
    );
    // 1e-400 is not 0: below 5e-324 it has no float64, so it is out of range, not read as 0.
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: new Decimal("1e-400") }]),
      "OUT_OF_RANGE",
      "summary[0].monetaryValue",
    );
    expectError(
      () => gg.conditionalExpectedSpend({ frequency: 1, monetaryValue: new Decimal("1e-400") }),
      "OUT_OF_RANGE",
      "customer.monetaryValue",
    );
    expectError(
      () => gg.conditionalExpectedSpend({ frequency: 1, monetaryValue: fake as never }),
      "NOT_A_NUMBER",
      "customer.monetaryValue",
    );
  });

  it("throws OUT_OF_RANGE naming q when px + q ≤ 1 leaves a repeat buyer no expected spend", () => {
    // Forty mean spends at the quantiles of a beta-prime(0.3, 0.3) distribution, one repeat
    // purchase each (scipy: z = b/(1 − b), b = beta.ppf((i + 0.5)/40, 0.3, 0.3), 6 digits):
    // the spend of one purchase given x = 1. The fit puts p and q near 0.3, so p + q < 1 and
    // E[1/ν | x = 1] does not exist, while at x = 20 it does.
    const spends = [
      3.23293e-6, 0.0001259, 0.000691248, 0.00212331, 0.00491345, 0.00961222, 0.0168303, 0.0272461,
      0.0416202, 0.0608167, 0.0858338, 0.117844, 0.158252, 0.208764, 0.27149, 0.349079, 0.444897,
      0.56329, 0.709934, 0.892349, 1.12064, 1.40858, 1.77528, 2.24771, 2.86468, 3.68337, 4.7901,
      6.31903, 8.48576, 11.6504, 16.4428, 24.0268, 36.7025, 59.4167, 104.034, 203.523, 470.962,
      1446.66, 7942.83, 309317.0,
    ];
    const split = spends.map((monetaryValue) => ({ frequency: 1, monetaryValue }));
    const fit = fitGammaGamma(split);
    const p = fit.params.p;
    const q = fit.params.q;
    expect(p.plus(q).lt(1)).toBe(true);
    expect(p.times(20).plus(q).gt(1)).toBe(true);
    expect(() => fit.conditionalExpectedSpend({ frequency: 1, monetaryValue: 5 })).toThrow(
      `conditionalExpectedSpend: q must exceed 1 − p·x (${1 - p.toNumber()}) for the expected spend of a customer with frequency 1 to exist`,
    );
    expectError(
      () => fit.conditionalExpectedSpend({ frequency: 1, monetaryValue: 5 }),
      "OUT_OF_RANGE",
      "q",
    );
    // At x = 20 the closed form pγ/(px+q−1) + px/(px+q−1) · z̄ exists.
    const [pf, qf, gf] = [p.toNumber(), q.toNumber(), fit.params.gamma.toNumber()];
    const d = 20 * pf + qf - 1;
    const expected = (pf * gf) / d + ((20 * pf) / d) * 5;
    expect(
      relativeError(fit.conditionalExpectedSpend({ frequency: 20, monetaryValue: 5 }), expected),
    ).toBeLessThan(1e-12);
  });
});
