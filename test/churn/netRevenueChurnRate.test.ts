import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, grossRevenueChurnRate, netRevenueChurnRate } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("netRevenueChurnRate", () => {
  it("computes the documented example: negative churn, -0.01", () => {
    // Computed, start MRR assumed $50,000: $2,000 lost, $2,500 of
    // upgrades -> (2000 - 2500) / 50000 = -0.01. Never clamped at 0.
    const input = { startRevenue: "50000", churnedRevenue: "2000", expansionRevenue: "2500" };
    expect(netRevenueChurnRate(input).toString()).toBe("-0.01");
    expect(grossRevenueChurnRate(input).toString()).toBe("0.04");
  });

  it("matches ChartMogul's example: start 100, churn 10, contraction 10, expansion 10", () => {
    // ChartMogul Help Center, "Metric: MRR Churn Rate": net 0.10.
    expect(
      netRevenueChurnRate({
        startRevenue: 100,
        churnedRevenue: 10,
        contractionRevenue: 10,
        expansionRevenue: 10,
      }).toString(),
    ).toBe("0.1");
  });

  it("offsets reactivation revenue only with includeReactivation (ChartMogul's convention)", () => {
    const input = {
      startRevenue: 100,
      churnedRevenue: 10,
      contractionRevenue: 10,
      expansionRevenue: 10,
      reactivationRevenue: 5,
    };
    expect(netRevenueChurnRate(input).toString()).toBe("0.1");
    expect(netRevenueChurnRate(input, { includeReactivation: true }).toString()).toBe("0.05");
  });

  it("leaves contraction out with includeContraction: false (Baremetrics' form)", () => {
    // Baremetrics changelog "Net MRR Churn": (churned - expansion) / MRR 30 days ago.
    const input = {
      startRevenue: 100,
      churnedRevenue: 10,
      contractionRevenue: 10,
      expansionRevenue: 4,
    };
    expect(netRevenueChurnRate(input, { includeContraction: false }).toString()).toBe("0.06");
    expect(netRevenueChurnRate(input).toString()).toBe("0.16");
  });

  it("is 0 when nothing moved and never returns -0", () => {
    const r = netRevenueChurnRate({ startRevenue: 100, churnedRevenue: 5, expansionRevenue: 5 });
    expect(r.toString()).toBe("0");
    expect(r.isNegative()).toBe(false);
  });

  it("handles huge amounts", () => {
    expect(
      netRevenueChurnRate({
        startRevenue: "1e300",
        churnedRevenue: "1e298",
        expansionRevenue: "3e298",
      }).toString(),
    ).toBe("-0.02");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    const a = netRevenueChurnRate({ startRevenue: 100, churnedRevenue: 10, expansionRevenue: 12 });
    const b = netRevenueChurnRate({
      startRevenue: "100",
      churnedRevenue: 10n,
      expansionRevenue: new Decimal(12),
    });
    expect(a.toString()).toBe("-0.02");
    expect(a.eq(b)).toBe(true);
  });

  it("never exceeds gross churn", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (startRevenue, expansionRevenue, lossSeed) => {
          const churnedRevenue = lossSeed % (startRevenue + expansionRevenue + 1);
          const net = netRevenueChurnRate({ startRevenue, churnedRevenue, expansionRevenue });
          const gross = grossRevenueChurnRate({ startRevenue, churnedRevenue });
          expect(net.lte(gross)).toBe(true);
          expect(net.gte(new Decimal(-expansionRevenue).div(startRevenue))).toBe(true);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR when startRevenue is 0", () => {
    expect(codeOf(() => netRevenueChurnRate({ startRevenue: 0, churnedRevenue: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
  });

  it("throws INCONSISTENT when losses exceed start plus expansion plus reactivation", () => {
    expect(
      codeOf(() =>
        netRevenueChurnRate({ startRevenue: 100, churnedRevenue: 80, contractionRevenue: 30 }),
      ),
    ).toBe("INCONSISTENT");
    expect(() =>
      netRevenueChurnRate({ startRevenue: 100, churnedRevenue: 80, contractionRevenue: 30 }),
    ).toThrow(/netRevenueChurnRate: churnedRevenue plus contractionRevenue must not exceed/);
  });

  it.each([
    [{ startRevenue: 100, churnedRevenue: 1, expansionRevenue: -1 }, "NEGATIVE"],
    [{ startRevenue: 100, churnedRevenue: 1, reactivationRevenue: "x" }, "NOT_A_NUMBER"],
    [{ startRevenue: "Infinity", churnedRevenue: 1 }, "NOT_FINITE"],
  ])("rejects bad amounts (%o -> %s)", (input, code) => {
    expect(codeOf(() => netRevenueChurnRate(input as never))).toBe(code);
  });

  it("throws INVALID_OPTION for non-boolean options", () => {
    const input = { startRevenue: 100, churnedRevenue: 1 };
    expect(codeOf(() => netRevenueChurnRate(input, { includeReactivation: "true" as never }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => netRevenueChurnRate(input, { includeContraction: null as never }))).toBe(
      "INVALID_OPTION",
    );
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => netRevenueChurnRate(false as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ startRevenue: 100, churnedRevenue: 4, expansionRevenue: 6 });
    expect(netRevenueChurnRate(input, Object.freeze({})).toString()).toBe("-0.02");
  });
});
