import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cacPaybackPeriod, Decimal, round } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("cacPaybackPeriod", () => {
  it("computes the documented example: CAC $8,900, ARPA $2,000, 60 % margin", () => {
    // ChurnZero Churnopedia (after David Skok, "SaaS Metrics 2.0"): 8900 / (2000 × 0.6) =
    // 7.4167 months.
    const p = cacPaybackPeriod({ cac: 8900, arpa: 2000, grossMargin: "0.6" });
    expect(round(p, 4).toString()).toBe("7.4167");
    expect(p.eq(new Decimal(8900).div(1200))).toBe(true);
  });

  it("matches calcmastery: $1,200 / ($180 × 0.75) = 8.889 months", () => {
    // calcmastery's CAC payback example.
    expect(
      round(cacPaybackPeriod({ cac: 1200, arpa: 180, grossMargin: "0.75" }), 3).toString(),
    ).toBe("8.889");
  });

  it("is shorter on revenue than on margin", () => {
    expect(cacPaybackPeriod({ cac: 1200, arpa: 100 }).toString()).toBe("12");
    expect(cacPaybackPeriod({ cac: 1200, arpa: 100, grossMargin: "0.8" }).toString()).toBe("15");
  });

  it("is 0 for a free acquisition and accepts every input type", () => {
    expect(cacPaybackPeriod({ cac: 0, arpa: 100 }).toString()).toBe("0");
    expect(
      cacPaybackPeriod({ cac: "1200", arpa: 100n, grossMargin: new Decimal("0.8") }).toString(),
    ).toBe("15");
    expect(cacPaybackPeriod({ cac: "1e300", arpa: "1e-300" }).toString()).toBe("1e+600");
  });

  it("recovers the CAC: payback × ARPA × margin = CAC", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 1, max: 100 }),
        (cac, arpa, percent) => {
          const grossMargin = new Decimal(percent).div(100);
          const p = cacPaybackPeriod({ cac, arpa, grossMargin });
          expect(p.times(arpa).times(grossMargin).minus(cac).abs().lte("1e-25")).toBe(true);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR when ARPA or the margin is 0 (never pays back)", () => {
    expect(codeOf(() => cacPaybackPeriod({ cac: 100, arpa: 0 }))).toBe("ZERO_DENOMINATOR");
    expect(codeOf(() => cacPaybackPeriod({ cac: 100, arpa: 10, grossMargin: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
    expect(() => cacPaybackPeriod({ cac: 100, arpa: 10, grossMargin: 0 })).toThrow(
      "cacPaybackPeriod: grossMargin must be greater than 0 (otherwise the cost is never recovered) (received 0)",
    );
  });

  it.each([
    [{ cac: -1, arpa: 10 }, "NEGATIVE"],
    [{ cac: 1, arpa: 10, grossMargin: 2 }, "OUT_OF_RANGE"],
    [{ cac: "x", arpa: 10 }, "NOT_A_NUMBER"],
    [{ cac: 1 }, "NOT_A_NUMBER"],
    [{ cac: 1, arpa: Number.NEGATIVE_INFINITY }, "NOT_FINITE"],
  ])("rejects bad input (%o -> %s)", (input, code) => {
    expect(codeOf(() => cacPaybackPeriod(input as never))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => cacPaybackPeriod(null as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    expect(cacPaybackPeriod(Object.freeze({ cac: 1200, arpa: 100 })).toString()).toBe("12");
  });

  it("throws OUT_OF_RANGE for an arpa below 5e-324 and divides the extremes exactly (once Infinity)", () => {
    expect(codeOf(() => cacPaybackPeriod({ cac: "38", arpa: "1e-9000000000000000" }))).toBe(
      "OUT_OF_RANGE",
    );
    // Python decimal, 40 digits: 1e308 / (5e-324 * 5e-324) = 4e954.
    expect(
      cacPaybackPeriod({ cac: "1e308", arpa: "5e-324", grossMargin: "5e-324" }).toString(),
    ).toBe("4e+954");
  });
});
