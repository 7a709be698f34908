import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, grossRevenueChurnRate } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("grossRevenueChurnRate", () => {
  it("computes the documented example: $2,000 churned on $50,000 is 0.04", () => {
    // Computed: gross churn stays positive, 0.04, whatever the expansion.
    expect(
      grossRevenueChurnRate({ startRevenue: "50000", churnedRevenue: "2000" }).toString(),
    ).toBe("0.04");
  });

  it("includes contraction: ChartMogul's start 100, churn 10, contraction 10 gives 0.2", () => {
    // ChartMogul Help Center, "Metric: MRR Churn Rate": gross 0.20.
    expect(
      grossRevenueChurnRate({
        startRevenue: 100,
        churnedRevenue: 10,
        contractionRevenue: 10,
      }).toString(),
    ).toBe("0.2");
  });

  it("leaves contraction out when asked", () => {
    const input = { startRevenue: 100, churnedRevenue: 10, contractionRevenue: 10 };
    expect(grossRevenueChurnRate(input, { includeContraction: false }).toString()).toBe("0.1");
    expect(grossRevenueChurnRate(input, { includeContraction: true }).toString()).toBe("0.2");
  });

  it("is not capped at 1 when revenue gained in the period was lost as well", () => {
    expect(grossRevenueChurnRate({ startRevenue: 100, churnedRevenue: 150 }).toString()).toBe(
      "1.5",
    );
  });

  it("is 0 with no losses and handles huge amounts", () => {
    expect(grossRevenueChurnRate({ startRevenue: 100, churnedRevenue: 0 }).toString()).toBe("0");
    expect(
      grossRevenueChurnRate({ startRevenue: "1e300", churnedRevenue: "2e298" }).toString(),
    ).toBe("0.02");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    const a = grossRevenueChurnRate({ startRevenue: 50000, churnedRevenue: 2000 });
    const b = grossRevenueChurnRate({
      startRevenue: 50000n,
      churnedRevenue: new Decimal("2000.00"),
      contractionRevenue: "0",
    });
    expect(a.eq(b)).toBe(true);
  });

  it("is never negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (startRevenue, churnedRevenue, contractionRevenue) => {
          const r = grossRevenueChurnRate({ startRevenue, churnedRevenue, contractionRevenue });
          expect(r.isNegative()).toBe(false);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR when startRevenue is 0", () => {
    expect(codeOf(() => grossRevenueChurnRate({ startRevenue: 0, churnedRevenue: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
  });

  it.each([
    [{ startRevenue: 100, churnedRevenue: -1 }, "NEGATIVE"],
    [{ startRevenue: 100, churnedRevenue: 1, contractionRevenue: "-1" }, "NEGATIVE"],
    [{ startRevenue: 100 }, "NOT_A_NUMBER"],
    [{ startRevenue: Number.POSITIVE_INFINITY, churnedRevenue: 1 }, "NOT_FINITE"],
  ])("rejects bad amounts (%o -> %s)", (input, code) => {
    expect(codeOf(() => grossRevenueChurnRate(input as never))).toBe(code);
  });

  it("throws INVALID_OPTION for a non-boolean includeContraction", () => {
    expect(
      codeOf(() =>
        grossRevenueChurnRate(
          { startRevenue: 100, churnedRevenue: 1 },
          { includeContraction: 1 as never },
        ),
      ),
    ).toBe("INVALID_OPTION");
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => grossRevenueChurnRate(undefined as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ startRevenue: 100, churnedRevenue: 4 });
    expect(grossRevenueChurnRate(input).toString()).toBe("0.04");
  });

  it("throws OUT_OF_RANGE for a start below 5e-324 and divides the extremes exactly (once Infinity)", () => {
    expect(
      codeOf(() =>
        grossRevenueChurnRate({ startRevenue: "1e-9000000000000000", churnedRevenue: "38" }),
      ),
    ).toBe("OUT_OF_RANGE");
    // Python decimal, 40 digits: 1e308 / 5e-324 = 2e631.
    expect(
      grossRevenueChurnRate({ startRevenue: "5e-324", churnedRevenue: "1e308" }).toString(),
    ).toBe("2e+631");
  });
});
