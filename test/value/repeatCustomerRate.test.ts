import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { repeatCustomerRate, round } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("repeatCustomerRate", () => {
  it("divides repeat customers by purchasing customers (documented example)", () => {
    expect(round(repeatCustomerRate({ repeatCustomers: 8, customers: 26 }), 4).toString()).toBe(
      "0.3077",
    );
  });

  it("matches LittleStream Software's 8 / 26, not the '27 %' that page also prints", () => {
    // LittleStream Software, "Repeat Purchase Rate, and how to calculate it": 8 repeat
    // customers of 26 is 30.7 %; the same page later calls it "27 %", an arithmetic slip.
    const rate = repeatCustomerRate({ repeatCustomers: 8, customers: 26 });
    expect(rate.toString()).toBe("0.3076923076923076923076923076923076923077");
    expect(round(rate, 2).toString()).not.toBe("0.27");
  });

  it("is 0 with no repeat customers and 1 when all repeat", () => {
    expect(repeatCustomerRate({ repeatCustomers: 0, customers: 10 }).toString()).toBe("0");
    expect(repeatCustomerRate({ repeatCustomers: 10, customers: 10 }).toString()).toBe("1");
    expect(repeatCustomerRate({ repeatCustomers: 1, customers: 1 }).toString()).toBe("1");
  });

  it("agrees for number, string and bigint inputs, huge counts included", () => {
    expect(repeatCustomerRate({ repeatCustomers: "3", customers: 12n }).toString()).toBe("0.25");
    expect(
      repeatCustomerRate({ repeatCustomers: 10n ** 25n, customers: 4n * 10n ** 25n }).toString(),
    ).toBe("0.25");
  });

  it("works on frozen input", () => {
    expect(repeatCustomerRate(Object.freeze({ repeatCustomers: 1, customers: 4 })).toString()).toBe(
      "0.25",
    );
  });

  it("throws INCONSISTENT when repeat customers exceed customers", () => {
    expect(errorOf(() => repeatCustomerRate({ repeatCustomers: 27, customers: 26 }))).toBe(
      "INCONSISTENT repeatCustomers",
    );
    expect(() => repeatCustomerRate({ repeatCustomers: 27, customers: 26 })).toThrow(
      "repeatCustomerRate: repeatCustomers must not exceed customers (26) (received 27)",
    );
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => repeatCustomerRate({ repeatCustomers: 0, customers: 0 }))).toBe(
      "ZERO_DENOMINATOR customers",
    );
    expect(errorOf(() => repeatCustomerRate({ repeatCustomers: -1, customers: 2 }))).toBe(
      "NEGATIVE repeatCustomers",
    );
    expect(errorOf(() => repeatCustomerRate({ repeatCustomers: 1, customers: 2.5 }))).toBe(
      "NOT_INTEGER customers",
    );
    expect(errorOf(() => repeatCustomerRate({ customers: 2 } as never))).toBe(
      "NOT_A_NUMBER repeatCustomers",
    );
    expect(errorOf(() => repeatCustomerRate({ repeatCustomers: 1, customers: "1e400" }))).toBe(
      "NOT_FINITE customers",
    );
    expect(errorOf(() => repeatCustomerRate(5 as never))).toBe("NOT_A_NUMBER input");
  });

  it("stays in [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const repeat = Math.floor(share * n);
          const rate = repeatCustomerRate({ repeatCustomers: repeat, customers: n });
          expect(rate.gte(0) && rate.lte(1)).toBe(true);
        },
      ),
    );
  });
});
