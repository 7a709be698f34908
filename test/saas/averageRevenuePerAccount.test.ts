import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRevenuePerAccount, Decimal, round } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("averageRevenuePerAccount", () => {
  it("computes the documented example: $12,500 MRR from 150 subscribers", () => {
    // Computed from the example in Stripe's "Billing metric definitions":
    // 100 × $100/month + 50 × $600/year = $12,500 MRR; / 150 = $83.33.
    const mrr = new Decimal(100).times(100).plus(new Decimal(50).times(new Decimal(600).div(12)));
    expect(mrr.toString()).toBe("12500");
    const arpa = averageRevenuePerAccount({ revenue: mrr, accounts: 150 });
    expect(round(arpa, 2).toString()).toBe("83.33");
    expect(arpa.eq(new Decimal(250).div(3))).toBe(true);
  });

  it("is the revenue itself for one account and 0 with no revenue", () => {
    expect(averageRevenuePerAccount({ revenue: "49.99", accounts: 1 }).toString()).toBe("49.99");
    expect(averageRevenuePerAccount({ revenue: 0, accounts: 3 }).toString()).toBe("0");
  });

  it("handles huge values and every input type", () => {
    expect(averageRevenuePerAccount({ revenue: "1e300", accounts: 10n ** 100n }).toString()).toBe(
      "1e+200",
    );
    expect(
      averageRevenuePerAccount({ revenue: new Decimal("100"), accounts: "4" }).toString(),
    ).toBe("25");
  });

  it("times the accounts gives the revenue back", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e6 }),
        (cents, n) => {
          const revenue = new Decimal(cents).div(100);
          const arpa = averageRevenuePerAccount({ revenue, accounts: n });
          expect(arpa.times(n).minus(revenue).abs().lte("1e-25")).toBe(true);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR when accounts is 0", () => {
    expect(codeOf(() => averageRevenuePerAccount({ revenue: 100, accounts: 0 }))).toBe(
      "ZERO_DENOMINATOR",
    );
  });

  it.each([
    [{ revenue: -1, accounts: 1 }, "NEGATIVE"],
    [{ revenue: 1, accounts: -1 }, "NEGATIVE"],
    [{ revenue: 1, accounts: 1.5 }, "NOT_INTEGER"],
    [{ revenue: "abc", accounts: 1 }, "NOT_A_NUMBER"],
    [{ revenue: Number.POSITIVE_INFINITY, accounts: 1 }, "NOT_FINITE"],
  ])("rejects bad input (%o -> %s)", (input, code) => {
    expect(codeOf(() => averageRevenuePerAccount(input))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => averageRevenuePerAccount(undefined as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    expect(averageRevenuePerAccount(Object.freeze({ revenue: 100, accounts: 4 })).toString()).toBe(
      "25",
    );
  });
});
