import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerAcquisitionCost, Decimal, round } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("customerAcquisitionCost", () => {
  it("divides spend by new customers (documented example, computed: £100,000 / 5,000 = £20)", () => {
    expect(customerAcquisitionCost({ spend: 100000, newCustomers: 5000 }).toString()).toBe("20");
  });

  it("reproduces published CAC figures (ChurnZero Churnopedia, Notion templates)", () => {
    // ChurnZero Churnopedia, "Customer Acquisition Cost": $445,000 / 50 = $8,900.
    expect(customerAcquisitionCost({ spend: 445000, newCustomers: 50 }).toString()).toBe("8900");
    // Notion "Metric Calculation Templates": $50,000 / 25 = $2,000.
    expect(customerAcquisitionCost({ spend: "50000", newCustomers: 25 }).toString()).toBe("2000");
  });

  it("keeps cents exact and 40 digits for repeating quotients", () => {
    expect(customerAcquisitionCost({ spend: "1000.10", newCustomers: 10 }).toString()).toBe(
      "100.01",
    );
    expect(round(customerAcquisitionCost({ spend: 100, newCustomers: 3 }), 2).toString()).toBe(
      "33.33",
    );
  });

  it("handles zero spend, one customer and huge values; input kinds agree", () => {
    expect(customerAcquisitionCost({ spend: 0, newCustomers: 3 }).toString()).toBe("0");
    expect(customerAcquisitionCost({ spend: "12.5", newCustomers: 1n }).toString()).toBe("12.5");
    expect(
      customerAcquisitionCost({ spend: 10n ** 30n, newCustomers: 10n ** 10n }).toString(),
    ).toBe("100000000000000000000");
    expect(
      customerAcquisitionCost({ spend: new Decimal(100000), newCustomers: "5000" }).toString(),
    ).toBe("20");
  });

  it("works on frozen input", () => {
    expect(customerAcquisitionCost(Object.freeze({ spend: 10, newCustomers: 4 })).toString()).toBe(
      "2.5",
    );
  });

  it("throws ZERO_DENOMINATOR when nobody was acquired", () => {
    expect(errorOf(() => customerAcquisitionCost({ spend: 100, newCustomers: 0 }))).toBe(
      "ZERO_DENOMINATOR newCustomers",
    );
  });

  it("throws NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => customerAcquisitionCost({ spend: -5, newCustomers: 1 }))).toBe(
      "NEGATIVE spend",
    );
    expect(errorOf(() => customerAcquisitionCost({ spend: 5, newCustomers: -1 }))).toBe(
      "NEGATIVE newCustomers",
    );
    expect(errorOf(() => customerAcquisitionCost({ spend: 5, newCustomers: "2.5" }))).toBe(
      "NOT_INTEGER newCustomers",
    );
    expect(errorOf(() => customerAcquisitionCost({ spend: "£5", newCustomers: 1 }))).toBe(
      "NOT_A_NUMBER spend",
    );
    expect(errorOf(() => customerAcquisitionCost({ spend: "1e400", newCustomers: 1 }))).toBe(
      "NOT_FINITE spend",
    );
    expect(errorOf(() => customerAcquisitionCost(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  it("times new customers gives back the spend (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 1e7 }),
        (cents, n) => {
          const spend = new Decimal(cents.toString()).div(100);
          const cac = customerAcquisitionCost({ spend, newCustomers: n });
          expect(cac.times(n).minus(spend).abs().lte(spend.times("1e-38"))).toBe(true);
        },
      ),
    );
  });
});
