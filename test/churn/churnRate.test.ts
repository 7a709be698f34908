import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnRate, Decimal, retentionRate, round } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("churnRate", () => {
  it("computes the documented examples", () => {
    expect(churnRate({ start: 500, lost: 50 }).toString()).toBe("0.1");
    expect(churnRate({ start: 100, end: 110, acquired: 20 }).toString()).toBe("0.1");
    expect(
      churnRate(
        { start: 1000, lost: 60, acquired: 200 },
        { denominator: "start-plus-acquired" },
      ).toString(),
    ).toBe("0.05");
  });

  it("derives lost = start + acquired - end, not start - end", () => {
    // Computed: S=100, N=20, E=110 -> 10 lost -> 0.10. Reading "total"
    // as the start count gives (100 - 110) / 100 = -0.10, a net decline, not churn.
    expect(churnRate({ start: 100, end: 110, acquired: 20 }).toString()).toBe("0.1");
  });

  it("complements the retention examples", () => {
    // Computed: 2000 / 2400 / 600 -> 200 lost -> 0.1.
    expect(churnRate({ start: 2000, end: 2400, acquired: 600 }).toString()).toBe("0.1");
    // Computed: 50,000 / 40,000 / 1,000 -> 11,000 lost -> 0.22.
    expect(churnRate({ start: 50000, end: 40000, acquired: 1000 }).toString()).toBe("0.22");
    // Computed: 16 / 19 / 5 -> 2 lost -> 0.125.
    expect(churnRate({ start: 16, end: 19, acquired: 5 }).toString()).toBe("0.125");
  });

  it("matches ChartMogul's B2B example when same-period churners are left out of lost", () => {
    // ChartMogul Help Center, "Metric: Customer Churn rate": 100 at the start,
    // 11 cancelled, 1 of whom joined that month -> 10 / 100 = 0.10.
    expect(churnRate({ start: 100, lost: 11 - 1 }).toString()).toBe("0.1");
  });

  it("matches the Predict-Churn README: 500 to 450 with no new customers", () => {
    // Brett777/Predict-Churn README on GitHub: 500 -> 450 with no new customers, 0.10.
    expect(churnRate({ start: 500, end: 450, acquired: 0 }).toString()).toBe("0.1");
  });

  it("offers Stripe's and the average-customers denominators", () => {
    // Computed, Stripe-style 30-day window: 1,000 active 30 days ago, 200 new, 60 churned.
    const input = { start: 1000, lost: 60, acquired: 200, end: 1140 };
    expect(churnRate(input).toString()).toBe("0.06");
    expect(churnRate(input, { denominator: "start" }).toString()).toBe("0.06");
    expect(churnRate(input, { denominator: "start-plus-acquired" }).toString()).toBe("0.05");
    // Average customers (1000 + 1140) / 2 = 1070 -> 60 / 1070 = 0.0561 (mpmath:
    // 0.05607476635514018691588785046728971962616822...).
    const average = churnRate(input, { denominator: "average" });
    expect(round(average, 4).toString()).toBe("0.0561");
    expect(average.toString()).toBe("0.05607476635514018691588785046728971962617");
    // The flow form knows end and acquired already.
    expect(
      churnRate({ start: 1000, end: 1140, acquired: 200 }, { denominator: "average" }).toString(),
    ).toBe("0.05607476635514018691588785046728971962617");
  });

  it("counts customers acquired and lost in the same period, so it can exceed 1 on start", () => {
    // 10 at the start, 20 acquired, 5 at the end: 25 left. Per starter 2.5; per customer
    // served 25 / 30.
    expect(churnRate({ start: 10, end: 5, acquired: 20 }).toString()).toBe("2.5");
    expect(
      churnRate({ start: 10, end: 5, acquired: 20 }, { denominator: "start-plus-acquired" }).eq(
        new Decimal(25).div(30),
      ),
    ).toBe(true);
  });

  it("reaches 0 and 1 at the edges", () => {
    expect(churnRate({ start: 10, lost: 0 }).toString()).toBe("0");
    expect(churnRate({ start: 10, lost: 10 }).toString()).toBe("1");
    expect(
      churnRate(
        { start: 0, lost: 0, acquired: 5 },
        { denominator: "start-plus-acquired" },
      ).toString(),
    ).toBe("0");
  });

  it("handles huge counts", () => {
    expect(churnRate({ start: 10n ** 40n, lost: 10n ** 39n }).toString()).toBe("0.1");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    for (const input of [
      { start: 500, lost: 50 },
      { start: "500", lost: "50" },
      { start: 500n, lost: 50n },
      { start: new Decimal(500), lost: new Decimal("50") },
    ]) {
      expect(churnRate(input).toString()).toBe("0.1");
    }
  });

  it("throws ZERO_DENOMINATOR when start is 0", () => {
    expect(codeOf(() => churnRate({ start: 0, lost: 0 }))).toBe("ZERO_DENOMINATOR");
    expect(() => churnRate({ start: 0, lost: 0 })).toThrow(
      "churnRate: start must be greater than 0 (received 0)",
    );
  });

  it("throws ZERO_DENOMINATOR when another denominator is 0", () => {
    expect(
      codeOf(() => churnRate({ start: 0, end: 0, acquired: 0 }, { denominator: "average" })),
    ).toBe("ZERO_DENOMINATOR");
    expect(
      codeOf(() =>
        churnRate({ start: 0, lost: 0, acquired: 0 }, { denominator: "start-plus-acquired" }),
      ),
    ).toBe("ZERO_DENOMINATOR");
  });

  it("throws INCONSISTENT when more customers are present at the end than start + acquired", () => {
    // Lost would be negative: more customers at the end than start + acquired allow, which
    // means reactivations went unreported.
    expect(codeOf(() => churnRate({ start: 100, end: 130, acquired: 20 }))).toBe("INCONSISTENT");
    expect(() => churnRate({ start: 100, end: 130, acquired: 20 })).toThrow(
      /end must not exceed start \+ acquired \(120\)/,
    );
  });

  it("throws INCONSISTENT when lost exceeds start, or start + acquired", () => {
    expect(codeOf(() => churnRate({ start: 100, lost: 101 }))).toBe("INCONSISTENT");
    expect(() => churnRate({ start: 100, lost: 101 })).toThrow(
      "churnRate: lost must not exceed start (100) (received 101)",
    );
    expect(codeOf(() => churnRate({ start: 10, lost: 11 }))).toBe("INCONSISTENT");
    expect(codeOf(() => churnRate({ start: 10, lost: 31, acquired: 20 }))).toBe("INCONSISTENT");
    expect(churnRate({ start: 10, lost: 30, acquired: 20 }).toString()).toBe("3");
  });

  it("throws NOT_A_NUMBER when the chosen denominator needs a missing count", () => {
    expect(codeOf(() => churnRate({ start: 10, lost: 1 }, { denominator: "average" }))).toBe(
      "NOT_A_NUMBER",
    );
    expect(() => churnRate({ start: 10, lost: 1 }, { denominator: "average" })).toThrow(
      /end is required/,
    );
    expect(
      codeOf(() => churnRate({ start: 10, lost: 1 }, { denominator: "start-plus-acquired" })),
    ).toBe("NOT_A_NUMBER");
  });

  it("throws INVALID_OPTION for an unknown denominator or a non-object options", () => {
    expect(codeOf(() => churnRate({ start: 10, lost: 1 }, { denominator: "end" as never }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => churnRate({ start: 10, lost: 1 }, 3 as never))).toBe("INVALID_OPTION");
  });

  it.each([
    [{ start: -1, lost: 0 }, "NEGATIVE"],
    [{ start: 10, lost: 0.5 }, "NOT_INTEGER"],
    [{ start: 10, lost: "many" }, "NOT_A_NUMBER"],
    [{ start: 10, lost: Number.NEGATIVE_INFINITY }, "NOT_FINITE"],
    [{ start: 10, lost: 1, acquired: -2 }, "NEGATIVE"],
    [{ start: 10, lost: 1, end: 1.5 }, "NOT_INTEGER"],
    [{ start: 10, end: 5 }, "NOT_A_NUMBER"],
  ])("rejects bad counts (%o -> %s)", (input, code) => {
    expect(codeOf(() => churnRate(input as never))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => churnRate(null as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ start: 500, lost: 50 });
    expect(churnRate(input, Object.freeze({ denominator: "start" as const })).toString()).toBe(
      "0.1",
    );
    expect(input).toEqual({ start: 500, lost: 50 });
  });

  it("gives the same rate from lost and from the flow when nobody returns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (start, acquired, lostSeed) => {
          const lost = lostSeed % (start + acquired + 1);
          const end = start + acquired - lost;
          const a = churnRate({ start, lost, acquired });
          const b = churnRate({ start, end, acquired });
          expect(a.eq(b)).toBe(true);
          const s = churnRate({ start, end, acquired }, { denominator: "start-plus-acquired" });
          expect(s.gte(0) && s.lte(1)).toBe(true);
          if (end >= acquired) {
            // Nobody returned and new customers all stayed: churn + retention = 1.
            const r = retentionRate({ start, end, acquired });
            expect(a.plus(r).minus(1).abs().lte("1e-39")).toBe(true);
          }
        },
      ),
    );
  });
});
