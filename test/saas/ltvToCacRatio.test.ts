import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ltvToCacRatio, saasLifetimeValue } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("ltvToCacRatio", () => {
  it("computes the documented example: LTV $8,000, CAC $2,000", () => {
    // Notion "Metric Calculation Templates": CAC 50,000 / 25 = 2,000; LTV 8,000 -> 4.0.
    expect(ltvToCacRatio({ ltv: 8000, cac: 2000 }).toString()).toBe("4");
  });

  it("chains with saasLifetimeValue", () => {
    const ltv = saasLifetimeValue({ arpa: 500, grossMargin: "0.8", churnRate: "0.05" });
    expect(ltvToCacRatio({ ltv, cac: new Decimal(50000).div(25) }).toString()).toBe("4");
  });

  it("is 0 for a zero LTV and accepts every input type", () => {
    expect(ltvToCacRatio({ ltv: 0, cac: 10 }).toString()).toBe("0");
    expect(ltvToCacRatio({ ltv: "300", cac: 100n }).toString()).toBe("3");
    expect(ltvToCacRatio({ ltv: "1e300", cac: "1e-10" }).toString()).toBe("1e+310");
  });

  it("scales with LTV", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        (ltv, cac) => {
          const r = ltvToCacRatio({ ltv, cac });
          expect(r.times(cac).minus(ltv).abs().lte("1e-25")).toBe(true);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR when cac is 0", () => {
    expect(codeOf(() => ltvToCacRatio({ ltv: 100, cac: 0 }))).toBe("ZERO_DENOMINATOR");
  });

  it.each([
    [{ ltv: -1, cac: 1 }, "NEGATIVE"],
    [{ ltv: 1, cac: -1 }, "NEGATIVE"],
    [{ ltv: "?", cac: 1 }, "NOT_A_NUMBER"],
    [{ ltv: 1, cac: Number.POSITIVE_INFINITY }, "NOT_FINITE"],
  ])("rejects bad input (%o -> %s)", (input, code) => {
    expect(codeOf(() => ltvToCacRatio(input))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => ltvToCacRatio(null as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    expect(ltvToCacRatio(Object.freeze({ ltv: 9, cac: 3 })).toString()).toBe("3");
  });

  it("throws OUT_OF_RANGE for a cac below 5e-324 and divides the extremes of float64 exactly (once Infinity)", () => {
    expect(codeOf(() => ltvToCacRatio({ ltv: "38", cac: "1e-9000000000000000" }))).toBe(
      "OUT_OF_RANGE",
    );
    expect(() => ltvToCacRatio({ ltv: "38", cac: "1e-9000000000000000" })).toThrow(
      /^ltvToCacRatio: cac must be 0 or at least 5e-324 in magnitude/,
    );
    // Python decimal, 40 digits: Decimal('1.7976931348623157e308') / Decimal('5e-324').
    expect(ltvToCacRatio({ ltv: Number.MAX_VALUE, cac: 5e-324 }).toString()).toBe(
      "3.5953862697246314e+631",
    );
    expect(ltvToCacRatio({ ltv: "38", cac: "5e-324" }).toString()).toBe("7.6e+324");
  });
});
