import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertRate, Decimal, saasLifetimeValue } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("saasLifetimeValue", () => {
  it("computes the documented example: $500 ARPA, 80 % margin, 5 % churn", () => {
    // Notion "Metric Calculation Templates": $8,000.
    expect(saasLifetimeValue({ arpa: 500, grossMargin: "0.8", churnRate: "0.05" }).toString()).toBe(
      "8000",
    );
  });

  it("matches ChartMogul and abracalc", () => {
    // ChartMogul Help Center, "Chart: Customer Lifetime Value": $100 ARPA,
    // 5 % monthly churn -> $2,000 (a revenue LTV, no margin).
    expect(saasLifetimeValue({ arpa: 100, churnRate: "0.05" }).toString()).toBe("2000");
    // abracalc: $50, 90 %, 10 % -> $450; $25, 95 %, 8 % -> $296.875 (≈ $297).
    expect(saasLifetimeValue({ arpa: 50, grossMargin: "0.9", churnRate: "0.1" }).toString()).toBe(
      "450",
    );
    expect(saasLifetimeValue({ arpa: 25, grossMargin: "0.95", churnRate: "0.08" }).toString()).toBe(
      "296.875",
    );
  });

  it("needs churn in ARPA's period: annual churn must be converted, not divided by 12", () => {
    // 40 % a year is 4.1675 % a month, not 3.33 %: $100 monthly ARPA -> $2,399.49, not $3,000.
    const monthly = convertRate("0.4", { from: "year", to: "month" });
    const ltv = saasLifetimeValue({ arpa: 100, churnRate: monthly });
    expect(ltv.toDecimalPlaces(2).toString()).toBe("2399.49");
  });

  it("is ARPA × margin at 100 % churn and 0 at zero margin or ARPA", () => {
    expect(saasLifetimeValue({ arpa: 70, grossMargin: "0.5", churnRate: 1 }).toString()).toBe("35");
    expect(saasLifetimeValue({ arpa: 70, grossMargin: 0, churnRate: "0.1" }).toString()).toBe("0");
    expect(saasLifetimeValue({ arpa: 0, churnRate: "0.1" }).toString()).toBe("0");
  });

  it("accepts every input type and huge values", () => {
    expect(
      saasLifetimeValue({
        arpa: 100n,
        grossMargin: new Decimal("0.8"),
        churnRate: 0.05,
      }).toString(),
    ).toBe("1600");
    expect(saasLifetimeValue({ arpa: "1e300", churnRate: "0.5" }).toString()).toBe("2e+300");
  });

  it("falls as churn rises", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 999 }),
        (arpa, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          const x = saasLifetimeValue({ arpa, churnRate: new Decimal(low).div(1000) });
          const y = saasLifetimeValue({ arpa, churnRate: new Decimal(high).div(1000) });
          expect(x.gte(y)).toBe(true);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR at zero churn (the lifetime is unbounded)", () => {
    expect(codeOf(() => saasLifetimeValue({ arpa: 100, churnRate: 0 }))).toBe("ZERO_DENOMINATOR");
    expect(() => saasLifetimeValue({ arpa: 100, churnRate: 0 })).toThrow(/unbounded/);
  });

  it.each([
    [{ arpa: 100, churnRate: "1.5" }, "OUT_OF_RANGE"],
    [{ arpa: 100, churnRate: "0.1", grossMargin: "1.2" }, "OUT_OF_RANGE"],
    [{ arpa: 100, churnRate: "0.1", grossMargin: "-0.2" }, "OUT_OF_RANGE"],
    [{ arpa: -100, churnRate: "0.1" }, "NEGATIVE"],
    [{ arpa: 100 }, "NOT_A_NUMBER"],
    [{ arpa: Number.NaN, churnRate: "0.1" }, "NOT_A_NUMBER"],
    [{ arpa: "Infinity", churnRate: "0.1" }, "NOT_FINITE"],
  ])("rejects bad input (%o -> %s)", (input, code) => {
    expect(codeOf(() => saasLifetimeValue(input as never))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => saasLifetimeValue(3 as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    expect(saasLifetimeValue(Object.freeze({ arpa: 100, churnRate: "0.05" })).toString()).toBe(
      "2000",
    );
  });

  it("throws OUT_OF_RANGE for a churn rate below 5e-324 and divides the extremes exactly (once Infinity)", () => {
    expect(codeOf(() => saasLifetimeValue({ arpa: "38", churnRate: "1e-9000000000000000" }))).toBe(
      "OUT_OF_RANGE",
    );
    // Python decimal, 40 digits: 1e308 / 5e-324 = 2e631.
    expect(saasLifetimeValue({ arpa: "1e308", churnRate: "5e-324" }).toString()).toBe("2e+631");
  });
});
