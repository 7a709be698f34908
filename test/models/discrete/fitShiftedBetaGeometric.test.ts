import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitShiftedBetaGeometric, round } from "../../../src/index.js";
import { codeOf } from "../../_helpers.js";
import boundary from "../../fixtures/discrete/boundary-references.json" with { type: "json" };
import references from "../../fixtures/discrete/discrete-references.json" with { type: "json" };
import data from "../../fixtures/discrete/sbg-retention.json" with { type: "json" };

const REGULAR = data.cohorts.regular.alive;
const HIGH_END = data.cohorts.highEnd.alive;
const regular = fitShiftedBetaGeometric({ alive: REGULAR.slice(0, 8), unit: "year" });
const highEnd = fitShiftedBetaGeometric({ alive: HIGH_END.slice(0, 8), unit: "year" });
const refRegular = references.sbg.regular;
const refHighEnd = references.sbg.highEnd;

function relErr(actual: { toNumber(): number } | null, expected: number): number {
  if (actual === null) return Number.POSITIVE_INFINITY;
  return Math.abs(actual.toNumber() / expected - 1);
}

describe("fitShiftedBetaGeometric", () => {
  it("runs the documented example", () => {
    const model = fitShiftedBetaGeometric({
      alive: [1000, 631, 468, 382, 326, 289, 262, 241],
      unit: "year",
    });
    expect(round(model.params.alpha, 3).toString()).toBe("0.704");
    expect(round(model.params.beta, 3).toString()).toBe("1.182");
    expect(round(model.retentionRate(8), 4).toString()).toBe("0.9208");
    expect(round(model.expectedAlive(12), 1).toString()).toBe("170");
    expect(round(model.discountedExpectedLifetime({ discountRate: 0.1 }), 3).toString()).toBe(
      "3.695",
    );
  });

  it("reproduces Fader & Hardie (2007): regular α 0.704, β 1.182", () => {
    // Fader & Hardie (2007), "How to Project Customer Retention", fitted on years 1-7.
    expect(round(regular.params.alpha, 3).toString()).toBe("0.704");
    expect(round(regular.params.beta, 3).toString()).toBe("1.182");
    expect(regular.converged).toBe(true);
    expect(regular.unit).toBe("year");
    expect(regular.customers).toBe(1000);
  });

  it("reproduces Fader & Hardie (2007): high end α 0.668, β 3.806, log-likelihood −1611.2", () => {
    expect(round(highEnd.params.alpha, 3).toString()).toBe("0.668");
    expect(round(highEnd.params.beta, 3).toString()).toBe("3.806");
    expect(round(highEnd.logLikelihood, 1).toString()).toBe("-1611.2");
    expect(highEnd.converged).toBe(true);
  });

  it("agrees with the scipy/mpmath maximum-likelihood fit to 1e-7", () => {
    // test/fixtures/discrete/discrete_references.py
    for (const [model, ref] of [
      [regular, refRegular],
      [highEnd, refHighEnd],
    ] as const) {
      expect(relErr(model.params.alpha, ref.params[0] as number)).toBeLessThan(1e-7);
      expect(relErr(model.params.beta, ref.params[1] as number)).toBeLessThan(1e-7);
      expect(relErr(model.logLikelihood, ref.logLikelihood)).toBeLessThan(1e-12);
      // Numeric against exact Hessian.
      expect(relErr(model.standardErrors.alpha, ref.standardErrors[0] as number)).toBeLessThan(
        1e-5,
      );
      expect(relErr(model.standardErrors.beta, ref.standardErrors[1] as number)).toBeLessThan(1e-5);
      // scipy's Nelder–Mead (xatol 1e-11 on the log scale) lands within 1e-6 as well.
      expect(relErr(model.params.alpha, ref.scipyNelderMead[0] as number)).toBeLessThan(1e-6);
      expect(relErr(model.params.beta, ref.scipyNelderMead[1] as number)).toBeLessThan(1e-6);
    }
  });

  it("returns Decimals in frozen objects", () => {
    expect(Object.isFrozen(regular)).toBe(true);
    expect(Object.isFrozen(regular.params)).toBe(true);
    expect(Object.isFrozen(regular.standardErrors)).toBe(true);
    expect(regular.params.alpha.constructor).toBe(round(1, 0).constructor);
    expect(regular.iterations).toBeGreaterThan(0);
  });

  it("gives survival and retention rates matching mpmath for t = 0..12", () => {
    for (let t = 0; t <= 12; t++) {
      expect(relErr(regular.survival(t), refRegular.survival[t] as number)).toBeLessThan(1e-7);
      expect(relErr(highEnd.survival(t), refHighEnd.survival[t] as number)).toBeLessThan(1e-7);
    }
    for (let t = 1; t <= 12; t++) {
      expect(
        relErr(regular.retentionRate(t), refRegular.retentionRate[t - 1] as number),
      ).toBeLessThan(1e-7);
    }
    expect(regular.survival(0).toString()).toBe("1");
  });

  it("projects the survivors of years 8-12 and stays close to the actual counts", () => {
    // Projections from the fit on years 1-7 (mpmath); the paper's point: the sBG tracks the
    // holdout years closely. Actual counts from Fader & Hardie (2007).
    for (let t = 8; t <= 12; t++) {
      expect(relErr(regular.expectedAlive(t), refRegular.expectedAlive[t] as number)).toBeLessThan(
        1e-7,
      );
      expect(relErr(highEnd.expectedAlive(t), refHighEnd.expectedAlive[t] as number)).toBeLessThan(
        1e-7,
      );
      expect(relErr(regular.expectedAlive(t), REGULAR[t] as number)).toBeLessThan(0.02);
      expect(relErr(highEnd.expectedAlive(t), HIGH_END[t] as number)).toBeLessThan(0.05);
    }
    expect(round(regular.expectedAlive(12), 0).toString()).toBe("170");
    expect(round(highEnd.expectedAlive(12), 0).toString()).toBe("378");
  });

  it("computes DEL and DERL as the hypergeometric closed forms (mpmath)", () => {
    // The references are at mpmath's estimates; the fit agrees with them to ~1e-9, so 1e-8.
    expect(
      relErr(regular.discountedExpectedLifetime({ discountRate: 0.1 }), refRegular.del),
    ).toBeLessThan(1e-8);
    for (const [renewals, value] of Object.entries(refHighEnd.derlByRenewals)) {
      expect(
        relErr(
          highEnd.discountedExpectedResidualLifetime({ discountRate: "0.1", renewals }),
          value,
        ),
      ).toBeLessThan(1e-8);
    }
  });

  it("computes DEL and DERL over a grid of discount rates and renewals", () => {
    for (const ref of [refRegular, refHighEnd]) {
      const model = ref === refRegular ? regular : highEnd;
      for (const cell of ref.lifetimeGrid) {
        if ("del" in cell && cell.del !== undefined) {
          expect(
            relErr(model.discountedExpectedLifetime({ discountRate: cell.discountRate }), cell.del),
          ).toBeLessThan(1e-8);
        } else if ("derl" in cell && cell.derl !== undefined) {
          expect(
            relErr(
              model.discountedExpectedResidualLifetime({
                discountRate: cell.discountRate,
                renewals: cell.renewals as number,
              }),
              cell.derl,
            ),
          ).toBeLessThan(1e-8);
        }
      }
    }
  });

  it("relates DEL and DERL: DEL = 1 + DERL(renewals 0) / (1 + d)", () => {
    const d = 0.08;
    const del = regular.discountedExpectedLifetime({ discountRate: d });
    const derl = regular.discountedExpectedResidualLifetime({ discountRate: d, renewals: 0 });
    expect(
      del
        .minus(derl.div(1 + d).plus(1))
        .abs()
        .toNumber(),
    ).toBeLessThan(1e-12);
  });

  it("gives the undiscounted expected lifetime when α > 1, and refuses it when α ≤ 1", () => {
    // Slowly churning cohort with α > 1.
    const model = fitShiftedBetaGeometric({ alive: [1000, 800, 650, 530, 435, 360, 300] });
    const alpha = model.params.alpha.toNumber();
    const beta = model.params.beta.toNumber();
    expect(alpha).toBeGreaterThan(1);
    expect(model.discountedExpectedLifetime({ discountRate: 0 }).toNumber()).toBeCloseTo(
      (alpha + beta - 1) / (alpha - 1),
      12,
    );
    expect(
      model.discountedExpectedResidualLifetime({ discountRate: 0, renewals: 3 }).toNumber(),
    ).toBeCloseTo((beta + 3) / (alpha - 1), 12);
    // And a tiny discount rate approaches it.
    expect(model.discountedExpectedLifetime({ discountRate: 1e-9 }).toNumber()).toBeCloseTo(
      (alpha + beta - 1) / (alpha - 1),
      4,
    );
    expect(codeOf(() => regular.discountedExpectedLifetime({ discountRate: 0 }))).toBe(
      "OUT_OF_RANGE",
    );
    expect(
      codeOf(() => regular.discountedExpectedResidualLifetime({ discountRate: 0, renewals: 1 })),
    ).toBe("OUT_OF_RANGE");
  });

  it("accepts strings, bigints and Decimals and gives the same fit", () => {
    const mixed = fitShiftedBetaGeometric({
      alive: ["1000", 631n, new ForeignDecimal(468), 382, 326, 289, 262, "241"],
    });
    expect(mixed.params.alpha.eq(regular.params.alpha)).toBe(true);
    expect(mixed.params.beta.eq(regular.params.beta)).toBe(true);
    expect(mixed.unit).toBe(null);
    expect(regular.survival("3").eq(regular.survival(3n))).toBe(true);
  });

  it("works on frozen input and does not change it", () => {
    const alive = Object.freeze([1000, 631, 468, 382, 326, 289, 262, 241]);
    const input = Object.freeze({ alive });
    const model = fitShiftedBetaGeometric(input);
    expect(model.params.alpha.eq(regular.params.alpha)).toBe(true);
    expect(alive).toEqual([1000, 631, 468, 382, 326, 289, 262, 241]);
  });

  it("handles huge cohorts and long horizons", () => {
    const big = fitShiftedBetaGeometric({
      alive: REGULAR.slice(0, 8).map((n) => BigInt(n) * 10n ** 9n),
    });
    expect(relErr(big.params.alpha, refRegular.params[0] as number)).toBeLessThan(1e-6);
    expect(regular.survival(1e9).toNumber()).toBeGreaterThan(0);
    expect(regular.survival(1e9).toNumber()).toBeLessThan(1e-5);
    expect(regular.retentionRate(1e15).toNumber()).toBeLessThanOrEqual(1);
  });

  it("reports converged false with null errors when the likelihood has no interior maximum", () => {
    // Nobody churns; everybody churns at once; constant retention (the geometric limit);
    // a single period (only α / (α + β) identified).
    for (const alive of [
      [100, 100, 100],
      [100, 0, 0],
      [1000, 500, 250, 125, 62],
      [10, 7],
    ]) {
      const model = fitShiftedBetaGeometric({ alive });
      expect(model.converged).toBe(false);
      expect(model.standardErrors.alpha).toBe(null);
      expect(model.standardErrors.beta).toBe(null);
      expect(model.params.alpha.isFinite()).toBe(true);
    }
    // The churn share of the single period is still fitted: α / (α + β) = 0.3.
    const one = fitShiftedBetaGeometric({ alive: [10, 7] });
    expect(one.retentionRate(1).toNumber()).toBeCloseTo(0.7, 6);
  });

  it("throws NOT_A_NUMBER for a missing input or a non-array alive", () => {
    expect(codeOf(() => fitShiftedBetaGeometric(null as never))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: "1000,600" as never }))).toBe(
      "NOT_A_NUMBER",
    );
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000, Number.NaN] }))).toBe(
      "NOT_A_NUMBER",
    );
  });

  it("throws EMPTY for no counts and OUT_OF_RANGE for a single count", () => {
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [] }))).toBe("EMPTY");
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000] }))).toBe("OUT_OF_RANGE");
  });

  it("throws NEGATIVE, NOT_INTEGER and NOT_FINITE for bad counts, naming the entry", () => {
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000, -1] }))).toBe("NEGATIVE");
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000, 600.5] }))).toBe("NOT_INTEGER");
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000, Number.POSITIVE_INFINITY] }))).toBe(
      "NOT_FINITE",
    );
    expect(() => fitShiftedBetaGeometric({ alive: [1000, 600.5] })).toThrow(
      "fitShiftedBetaGeometric: alive[1] must be a whole number (received 600.5)",
    );
  });

  it("throws ZERO_DENOMINATOR for an empty cohort", () => {
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [0, 0] }))).toBe("ZERO_DENOMINATOR");
  });

  it("throws INCONSISTENT when a count rises", () => {
    expect(() => fitShiftedBetaGeometric({ alive: [1000, 600, 601] })).toThrow(
      "fitShiftedBetaGeometric: alive[2] must not exceed alive[1] = 600 (received 601)",
    );
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [1000, 1001] }))).toBe("INCONSISTENT");
  });

  it("throws INVALID_OPTION for an unknown unit", () => {
    expect(codeOf(() => fitShiftedBetaGeometric({ alive: [10, 5], unit: "decade" as never }))).toBe(
      "INVALID_OPTION",
    );
  });

  it("validates the arguments of the methods", () => {
    expect(codeOf(() => regular.survival(-1))).toBe("NEGATIVE");
    expect(codeOf(() => regular.survival(1.5))).toBe("NOT_INTEGER");
    expect(codeOf(() => regular.expectedAlive("x"))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => regular.retentionRate(0))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => regular.discountedExpectedLifetime({ discountRate: -0.1 }))).toBe(
      "NEGATIVE",
    );
    expect(codeOf(() => regular.discountedExpectedLifetime(undefined as never))).toBe(
      "NOT_A_NUMBER",
    );
    expect(
      codeOf(() => regular.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: -1 })),
    ).toBe("NEGATIVE");
    expect(
      codeOf(() => regular.discountedExpectedResidualLifetime({ discountRate: 0.1 } as never)),
    ).toBe("NOT_A_NUMBER");
  });

  it("keeps survival in [0, 1], falling in t, and retention rising in t (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), (t) => {
        const s = regular.survival(t).toNumber();
        const next = regular.survival(t + 1).toNumber();
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(next).toBeLessThanOrEqual(s);
        expect(regular.retentionRate(t + 2).toNumber()).toBeGreaterThanOrEqual(
          regular.retentionRate(t + 1).toNumber(),
        );
        // S(t) = Π r(k)
        expect(next / s).toBeCloseTo(regular.retentionRate(t + 1).toNumber(), 10);
      }),
      { numRuns: 60 },
    );
  });

  it("fits any non-rising survivor curve, and every prediction stays in range (property)", () => {
    // Renewal shares from sharp drops to none at all, so that fits at every limit of the model
    // (nobody or everybody churning, constant or falling retention) come up often.
    const share = fc.oneof(
      fc.double({ min: 0.3, max: 1, noNaN: true }),
      fc.constant(1),
      fc.double({ min: 0, max: 0.1, noNaN: true }),
      fc.double({ min: 0.999, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.array(share, { minLength: 1, maxLength: 10 }),
        fc.double({ min: 1e-300, max: 10, noNaN: true }),
        (start, rates, discountRate) => {
          const alive = [start];
          for (const r of rates) alive.push(Math.floor((alive[alive.length - 1] as number) * r));
          const model = fitShiftedBetaGeometric({ alive });
          expect(model.params.alpha.isFinite() && model.params.alpha.gt(0)).toBe(true);
          expect(model.params.beta.isFinite() && model.params.beta.gt(0)).toBe(true);
          expect(model.logLikelihood.lte(0)).toBe(true);
          let previous = 1;
          for (const t of [0, 1, 2, 3, 5, 8, 13, 40, 300, 1e6, 2 ** 31, 2 ** 53 - 1]) {
            const s = model.survival(t).toNumber();
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(previous);
            previous = s;
            expect(model.expectedAlive(t).lte(start)).toBe(true);
            expect(model.expectedAlive(t).gte(0)).toBe(true);
            if (t > 0) {
              const r = model.retentionRate(t).toNumber();
              expect(r >= 0 && r <= 1).toBe(true);
            }
          }
          expect(model.survival(0).toString()).toBe("1");
          const del = model.discountedExpectedLifetime({ discountRate });
          expect(del.isFinite() && del.gte(1)).toBe(true);
          for (const renewals of [0, 1, 7, 2 ** 53 - 1]) {
            const derl = model.discountedExpectedResidualLifetime({ discountRate, renewals });
            expect(derl.isFinite() && derl.gte(0)).toBe(true);
          }
          // Undiscounted: finite, or refused with OUT_OF_RANGE where the lifetime is infinite.
          const code = codeOf(() => model.discountedExpectedLifetime({ discountRate: 0 }));
          if (code === undefined) {
            expect(model.discountedExpectedLifetime({ discountRate: 0 }).gte(1)).toBe(true);
          } else {
            expect(code).toBe("OUT_OF_RANGE");
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("fits [46545, 13963, 13963, 13963] at the two-point limit: no rounding of α + β + t − 1 to exploit", () => {
    // Found by the property above: at α, β ~ 1e-16, α + β + t − 1 computed left to right rounds
    // α + β to 4.4e-16 at t = 1, so ln P(T = 1) came out as ln 1 and the search found a
    // "likelihood" of −9701.5, above the supremum. The supremum is the two-point limit:
    // 32582 ln(32582/46545) + 13963 ln(13963/46545) = −28432.255277426295 (Python math.log).
    const model = fitShiftedBetaGeometric({ alive: [46545, 13963, 13963, 13963] });
    expect(model.converged).toBe(false);
    expect(Math.abs(model.logLikelihood.toNumber() + 28432.255277426295)).toBeLessThan(1e-8);
    for (const t of [1, 2, 40, 300, 1e6, 2 ** 53 - 1]) {
      expect(Math.abs(model.survival(t).toNumber() - 13963 / 46545)).toBeLessThan(1e-15);
    }
  });

  it("fits [21813, 21812, 9119, 9118, 5015] at the geometric limit instead of overflowing", () => {
    // The likelihood rises towards α, β → ∞ with α/(α + β) = p (retention does not rise), where
    // the sBG becomes a geometric lifetime with churn p = churned / (churned + survivals)
    // = 16798 / 61862. References: test/fixtures/discrete/boundary_references.py (mpmath).
    const ref = boundary.geometric;
    const model = fitShiftedBetaGeometric({ alive: ref.alive });
    expect(model.converged).toBe(false);
    expect(model.standardErrors).toEqual({ alpha: null, beta: null });
    const { alpha, beta } = model.params;
    expect(alpha.isFinite() && beta.isFinite()).toBe(true);
    expect(alpha.lte(1e7) && beta.lte(1e7)).toBe(true);
    expect(relErr(alpha.div(alpha.plus(beta)), ref.p)).toBeLessThan(1e-12);
    expect(relErr(model.logLikelihood, ref.logLikelihood)).toBeLessThan(1e-12);
    // The sBG likelihood at any finite α + β stays below the limit's.
    for (const [, below] of ref.profile) {
      expect(model.logLikelihood.toNumber()).toBeGreaterThan(ref.logLikelihood + (below as number));
    }
    for (let t = 0; t <= 6; t++) {
      expect(relErr(model.survival(t), ref.survival[t] as number)).toBeLessThan(1e-12);
      expect(relErr(model.expectedAlive(t), ref.expectedAlive[t] as number)).toBeLessThan(1e-12);
      if (t > 0) expect(relErr(model.retentionRate(t), 1 - ref.p)).toBeLessThan(1e-12);
    }
    // Formerly survival(2) = 7.389 and expectedAlive(4) = 161,177.
    expect(round(model.survival(2), 6).toString()).toBe("0.530654");
    expect(round(model.expectedAlive(4), 1).toString()).toBe("6142.4");
    expect(
      relErr(model.discountedExpectedLifetime({ discountRate: 0 }), ref.lifetime.del0),
    ).toBeLessThan(1e-15);
    expect(
      relErr(model.discountedExpectedLifetime({ discountRate: 0.1 }), ref.lifetime.del01),
    ).toBeLessThan(1e-15);
  });

  it("fits a cohort that churns only at the first renewal at the two-point limit", () => {
    // 40 % leave at the first renewal, nobody after: the likelihood rises towards α, β → 0 with
    // α/(α + β) = 0.4, where 40 % have θ = 1 and the others θ = 0 (mpmath, boundary_references.py).
    const ref = boundary.twoPoint;
    const model = fitShiftedBetaGeometric({ alive: ref.alive });
    expect(model.converged).toBe(false);
    expect(model.standardErrors.alpha).toBe(null);
    expect(relErr(model.logLikelihood, ref.logLikelihood)).toBeLessThan(1e-12);
    for (const [, below] of ref.profile) {
      expect(model.logLikelihood.toNumber()).toBeGreaterThan(ref.logLikelihood + (below as number));
    }
    const { alpha, beta } = model.params;
    expect(relErr(alpha.div(alpha.plus(beta)), ref.pi)).toBeLessThan(1e-12);
    expect(model.survival(1).toString()).toBe("0.6");
    expect(model.survival(2 ** 31).toString()).toBe("0.6");
    expect(model.expectedAlive(12).toString()).toBe("60");
    expect(model.retentionRate(1).toString()).toBe("0.6");
    expect(model.retentionRate(2).toString()).toBe("1");
    // DEL = 1 + 0.6/d, DERL = 0.6 (1 + d)/d before the first renewal, (1 + d)/d after it.
    expect(model.discountedExpectedLifetime({ discountRate: 0.1 }).toString()).toBe("7");
    expect(
      model.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: 0 }).toString(),
    ).toBe("6.6");
    expect(
      model.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: 3 }).toString(),
    ).toBe("11");
    expect(model.discountedExpectedLifetime({ discountRate: "1e-300" }).toString()).toBe("6e+299");
    expect(codeOf(() => model.discountedExpectedLifetime({ discountRate: 0 }))).toBe(
      "OUT_OF_RANGE",
    );
  });

  it("fits cohorts where nobody churns, or everybody churns at once, to exact limits", () => {
    const stay = fitShiftedBetaGeometric({ alive: [100, 100, 100] });
    expect(stay.converged).toBe(false);
    expect(stay.logLikelihood.toString()).toBe("0");
    expect(stay.survival(2 ** 53 - 1).toString()).toBe("1");
    expect(stay.retentionRate(5).toString()).toBe("1");
    // Σ (1 + d)^−t = (1 + d)/d.
    expect(stay.discountedExpectedLifetime({ discountRate: 0.1 }).toString()).toBe("11");
    expect(stay.discountedExpectedLifetime({ discountRate: 5e-324 }).toString()).toBe("2e+323");
    expect(codeOf(() => stay.discountedExpectedLifetime({ discountRate: 0 }))).toBe("OUT_OF_RANGE");
    const leave = fitShiftedBetaGeometric({ alive: [100, 0, 0] });
    expect(leave.converged).toBe(false);
    expect(leave.survival(1).toString()).toBe("0");
    expect(leave.expectedAlive(3).toString()).toBe("0");
    expect(leave.retentionRate(1).toString()).toBe("0");
    expect(leave.discountedExpectedLifetime({ discountRate: 0 }).toString()).toBe("1");
    expect(leave.discountedExpectedLifetime({ discountRate: 0.1 }).toString()).toBe("1");
    expect(
      leave.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: 2 }).toString(),
    ).toBe("0");
  });

  it("values lifetimes at tiny discount rates and after many renewals (mpmath)", () => {
    // Formerly NaN or Infinity (₂F₁ near z = 1). References at the mpmath estimates of the
    // regular cohort; the fit agrees with them to ~1e-9, which moves the value by at most
    // |ln d| · 1e-9 relative, so 2e-6.
    for (const cell of boundary.sbgLifetimes.values) {
      const value =
        "renewals" in cell && cell.renewals !== undefined
          ? regular.discountedExpectedResidualLifetime({
              discountRate: cell.discountRate,
              renewals: cell.renewals,
            })
          : regular.discountedExpectedLifetime({ discountRate: cell.discountRate });
      expect(relErr(value, cell.value)).toBeLessThan(2e-6);
    }
    // DERL rises with tenure towards (1 + d)/d, the value of a customer who never leaves.
    expect(
      regular
        .discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: 2 ** 53 - 1 })
        .toNumber(),
    ).toBeCloseTo(11, 6);
  });

  it("keeps every method finite at the extremes of its arguments", () => {
    for (const model of [regular, highEnd]) {
      expect(model.survival(2 ** 53 - 1).toNumber()).toBeGreaterThanOrEqual(0);
      expect(model.retentionRate(2 ** 53 - 1).toNumber()).toBeLessThanOrEqual(1);
      expect(model.expectedAlive(2 ** 31).lte(1000)).toBe(true);
      expect(model.discountedExpectedLifetime({ discountRate: 1.7e308 }).toString()).toBe("1");
      expect(model.discountedExpectedLifetime({ discountRate: 5e-324 }).isFinite()).toBe(true);
      expect(codeOf(() => model.survival(2 ** 53))).toBe("OUT_OF_RANGE");
      expect(
        codeOf(() =>
          model.discountedExpectedResidualLifetime({ discountRate: 0.1, renewals: 2 ** 53 }),
        ),
      ).toBe("OUT_OF_RANGE");
    }
  });
});
