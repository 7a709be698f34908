import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  grossRevenueChurnRate,
  grossRevenueRetention,
  netRevenueRetention,
} from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("grossRevenueRetention", () => {
  it("computes the documented example: start 100, churn 10, contraction 10, expansion 10", () => {
    // Computed from the example in ChartMogul Help Center, "Metric: MRR Churn Rate": GRR 0.80.
    expect(
      grossRevenueRetention({
        startRevenue: 100,
        churnedRevenue: 10,
        contractionRevenue: 10,
        expansionRevenue: 10,
      }).toString(),
    ).toBe("0.8");
  });

  it("ignores expansion: $2,000 churned, $2,500 expansion on $50,000 gives 0.96", () => {
    // Computed: gross churn 0.04, so GRR 0.96, while NRR is 1.01.
    const input = { startRevenue: 50000, churnedRevenue: 2000, expansionRevenue: 2500 };
    expect(grossRevenueRetention(input).toString()).toBe("0.96");
    expect(netRevenueRetention(input).toString()).toBe("1.01");
  });

  it("ignores reactivation revenue", () => {
    expect(
      grossRevenueRetention({
        startRevenue: 100,
        churnedRevenue: 10,
        reactivationRevenue: 50,
      }).toString(),
    ).toBe("0.9");
  });

  it("stops at 0 when revenue gained in the period was lost as well", () => {
    // 100 at the start, a customer upgraded by 50 and then cancelled at 150.
    const r = grossRevenueRetention({
      startRevenue: 100,
      churnedRevenue: 150,
      expansionRevenue: 50,
    });
    expect(r.toString()).toBe("0");
    expect(r.isNegative()).toBe(false);
  });

  it("reaches 1 with no losses", () => {
    expect(grossRevenueRetention({ startRevenue: 100, churnedRevenue: 0 }).toString()).toBe("1");
  });

  it("stays in [0, 1] and equals 1 - gross churn while that is non-negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (startRevenue, expansionRevenue, lossSeed) => {
          const churnedRevenue = lossSeed % (startRevenue + expansionRevenue + 1);
          const input = { startRevenue, churnedRevenue, expansionRevenue };
          const grr = grossRevenueRetention(input);
          expect(grr.gte(0) && grr.lte(1)).toBe(true);
          const churn = grossRevenueChurnRate({ startRevenue, churnedRevenue });
          if (churn.lte(1)) expect(grr.plus(churn).minus(1).abs().lte("1e-39")).toBe(true);
          else expect(grr.toString()).toBe("0");
        },
      ),
    );
  });

  it("accepts strings, bigints and Decimals alike", () => {
    expect(
      grossRevenueRetention({ startRevenue: "100", churnedRevenue: 10n }).eq(
        grossRevenueRetention({ startRevenue: new Decimal(100), churnedRevenue: 10 }),
      ),
    ).toBe(true);
  });

  it("throws ZERO_DENOMINATOR when startRevenue is 0", () => {
    expect(codeOf(() => grossRevenueRetention({ startRevenue: "0", churnedRevenue: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
  });

  it("throws INCONSISTENT when losses exceed what was there to lose", () => {
    expect(codeOf(() => grossRevenueRetention({ startRevenue: 100, churnedRevenue: 101 }))).toBe(
      "INCONSISTENT",
    );
  });

  it("throws NEGATIVE for a negative amount and NOT_A_NUMBER for a non-object", () => {
    expect(codeOf(() => grossRevenueRetention({ startRevenue: 100, churnedRevenue: -1 }))).toBe(
      "NEGATIVE",
    );
    expect(codeOf(() => grossRevenueRetention("x" as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ startRevenue: 100, churnedRevenue: 5 });
    expect(grossRevenueRetention(input).toString()).toBe("0.95");
  });
});
