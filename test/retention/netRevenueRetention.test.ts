import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertRate, Decimal, netRevenueChurnRate, netRevenueRetention } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("netRevenueRetention", () => {
  it("computes the documented example: 100,000 start, 15,000 expansion, 8,000 churned", () => {
    // Notion "Metric Calculation Templates": 1.07.
    expect(
      netRevenueRetention({
        startRevenue: "100000",
        expansionRevenue: "15000",
        churnedRevenue: "8000",
      }).toString(),
    ).toBe("1.07");
  });

  it("gives 1.01 for $2,000 churned and $2,500 expansion on $50,000", () => {
    // Computed, start MRR assumed $50,000: NRR 1.01, net churn -0.01.
    expect(
      netRevenueRetention({
        startRevenue: 50000,
        churnedRevenue: 2000,
        expansionRevenue: 2500,
      }).toString(),
    ).toBe("1.01");
  });

  it("matches ChartMogul's churn example and Chargebee's retention cohort", () => {
    // Computed from the example in ChartMogul Help Center, "Metric: MRR Churn Rate": 0.9.
    expect(
      netRevenueRetention({
        startRevenue: 100,
        churnedRevenue: 10,
        contractionRevenue: 10,
        expansionRevenue: 10,
      }).toString(),
    ).toBe("0.9");
    // Chargebee support, "What is MRR Retention Cohort?": $1,000, -$100 churn, +$200 upgrades
    // -> 1.10.
    expect(
      netRevenueRetention({
        startRevenue: 1000,
        churnedRevenue: 100,
        expansionRevenue: 200,
      }).toString(),
    ).toBe("1.1");
  });

  it("counts reactivation revenue only when asked", () => {
    const input = {
      startRevenue: 1000,
      churnedRevenue: 100,
      expansionRevenue: 50,
      reactivationRevenue: 30,
    };
    expect(netRevenueRetention(input).toString()).toBe("0.95");
    expect(netRevenueRetention(input, { includeReactivation: false }).toString()).toBe("0.95");
    expect(netRevenueRetention(input, { includeReactivation: true }).toString()).toBe("0.98");
  });

  it("is 1 minus net revenue churn with the same options", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(),
        (startRevenue, expansionRevenue, reactivationRevenue, lossSeed, includeReactivation) => {
          const available = startRevenue + expansionRevenue + reactivationRevenue;
          const churnedRevenue = lossSeed % (available + 1);
          const contractionRevenue = Math.floor((available - churnedRevenue) / 3);
          const input = {
            startRevenue,
            expansionRevenue,
            reactivationRevenue,
            churnedRevenue,
            contractionRevenue,
          };
          const nrr = netRevenueRetention(input, { includeReactivation });
          const churn = netRevenueChurnRate(input, { includeReactivation });
          // Equal up to rounding in the 40th significant digit of each term.
          expect(nrr.plus(churn).minus(1).abs().lte("1e-38")).toBe(true);
        },
      ),
    );
  });

  it("compounds over periods rather than adding", () => {
    // Computed: 1.01 a month -> 1.01^12 = 1.1268250301319697... a year.
    const yearly = new Decimal("1.01").pow(12);
    expect(yearly.toString()).toBe("1.126825030131969720661201");
    // The same through convertRate on the (negative) net churn is not possible (rates must
    // be in [0, 1]); GRR compounds as 1 - convertRate(gross churn).
    expect(
      new Decimal(1).minus(convertRate("0.02", { from: "month", to: "year" })).toString(),
    ).toBe(new Decimal("0.98").pow(12).toString());
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    const a = netRevenueRetention({
      startRevenue: 50000,
      churnedRevenue: 2000,
      expansionRevenue: 2500,
    });
    const b = netRevenueRetention({
      startRevenue: "50000",
      churnedRevenue: 2000n,
      expansionRevenue: new Decimal(2500),
    });
    expect(a.eq(b)).toBe(true);
  });

  it("handles huge amounts", () => {
    expect(netRevenueRetention({ startRevenue: "1e300", churnedRevenue: "1e299" }).toString()).toBe(
      "0.9",
    );
  });

  it("throws ZERO_DENOMINATOR when startRevenue is 0", () => {
    expect(codeOf(() => netRevenueRetention({ startRevenue: 0, churnedRevenue: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
  });

  it("throws INCONSISTENT when losses exceed start plus expansion plus reactivation", () => {
    expect(
      codeOf(() =>
        netRevenueRetention({ startRevenue: 100, churnedRevenue: 90, contractionRevenue: 20 }),
      ),
    ).toBe("INCONSISTENT");
    // Expansion during the period can be lost too: 100 + 20 available.
    expect(
      netRevenueRetention({
        startRevenue: 100,
        churnedRevenue: 90,
        contractionRevenue: 20,
        expansionRevenue: 20,
      }).toString(),
    ).toBe("0.1");
  });

  it.each([
    [{ startRevenue: -1, churnedRevenue: 0 }, "NEGATIVE"],
    [{ startRevenue: 100, churnedRevenue: "abc" }, "NOT_A_NUMBER"],
    [{ startRevenue: 100 }, "NOT_A_NUMBER"],
    [{ startRevenue: 100, churnedRevenue: 1, expansionRevenue: -5 }, "NEGATIVE"],
    [{ startRevenue: 100, churnedRevenue: 1, contractionRevenue: Number.NaN }, "NOT_A_NUMBER"],
    [{ startRevenue: "1e400", churnedRevenue: 1 }, "NOT_FINITE"],
  ])("rejects bad amounts (%o -> %s)", (input, code) => {
    expect(codeOf(() => netRevenueRetention(input as never))).toBe(code);
  });

  it("throws INVALID_OPTION for a non-boolean includeReactivation", () => {
    expect(
      codeOf(() =>
        netRevenueRetention(
          { startRevenue: 100, churnedRevenue: 1 },
          { includeReactivation: "yes" as never },
        ),
      ),
    ).toBe("INVALID_OPTION");
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => netRevenueRetention(7 as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ startRevenue: 100, churnedRevenue: 5 });
    expect(netRevenueRetention(input, Object.freeze({})).toString()).toBe("0.95");
  });

  it("throws OUT_OF_RANGE for a start below 5e-324 and divides the extremes exactly (once Infinity)", () => {
    expect(
      codeOf(() =>
        netRevenueRetention({
          startRevenue: "1e-9000000000000000",
          churnedRevenue: 0,
          expansionRevenue: "38",
        }),
      ),
    ).toBe("OUT_OF_RANGE");
    // Python decimal, 40 digits: (1e308 + 5e-324) / 5e-324 = 2e631 + 1, rounded: 2e631.
    expect(
      netRevenueRetention({
        startRevenue: "5e-324",
        churnedRevenue: 0,
        expansionRevenue: "1e308",
      }).toString(),
    ).toBe("2e+631");
  });
});
