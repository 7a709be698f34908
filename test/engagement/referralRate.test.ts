import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referralRate } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

describe("referralRate", () => {
  it("divides referred by new customers (documented example)", () => {
    expect(referralRate({ referred: 45, newCustomers: 300 }).toString()).toBe("0.15");
  });

  it("is 0 without referrals and 1 when every new customer was referred", () => {
    expect(referralRate({ referred: 0, newCustomers: 7 }).toString()).toBe("0");
    expect(referralRate({ referred: 7, newCustomers: 7 }).toString()).toBe("1");
  });

  it("keeps repeating fractions to 40 significant digits", () => {
    expect(referralRate({ referred: 1, newCustomers: 3 }).toString()).toBe(
      "0.3333333333333333333333333333333333333333",
    );
  });

  it("handles huge counts and agrees across input types", () => {
    expect(referralRate({ referred: "1e20", newCustomers: 4n * 10n ** 20n }).toString()).toBe(
      "0.25",
    );
    expect(referralRate({ referred: "1", newCustomers: 4 }).toString()).toBe("0.25");
    expect(
      referralRate({
        referred: new ForeignDecimal(1),
        newCustomers: new ForeignDecimal(4),
      }).toString(),
    ).toBe("0.25");
  });

  it("accepts frozen input", () => {
    expect(referralRate(Object.freeze({ referred: 1, newCustomers: 8 })).toString()).toBe("0.125");
  });

  it("throws NOT_A_NUMBER for a missing input or count", () => {
    expect(errorOf(() => referralRate("x" as never)).field).toBe("input");
    const error = errorOf(() => referralRate({ referred: "abc", newCustomers: 3 }));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "referred"]);
  });

  it("throws NOT_FINITE for an infinite count", () => {
    expect(errorOf(() => referralRate({ referred: 1, newCustomers: -Infinity })).code).toBe(
      "NOT_FINITE",
    );
  });

  it("throws NEGATIVE and NOT_INTEGER for bad counts", () => {
    expect(errorOf(() => referralRate({ referred: -1, newCustomers: 3 })).code).toBe("NEGATIVE");
    expect(errorOf(() => referralRate({ referred: 1.5, newCustomers: 3 })).code).toBe(
      "NOT_INTEGER",
    );
  });

  it("throws ZERO_DENOMINATOR without new customers", () => {
    const error = errorOf(() => referralRate({ referred: 0, newCustomers: 0 }));
    expect([error.code, error.field]).toEqual(["ZERO_DENOMINATOR", "newCustomers"]);
  });

  it("throws INCONSISTENT when more were referred than acquired", () => {
    const error = errorOf(() => referralRate({ referred: 4, newCustomers: 3 }));
    expect([error.code, error.field]).toEqual(["INCONSISTENT", "referred"]);
  });

  it("stays within [0, 1]", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const rate = referralRate({ referred: Math.min(a, b), newCustomers: Math.max(a, b) + 1 });
        expect(rate.gte(0) && rate.lte(1)).toBe(true);
      }),
    );
  });
});
