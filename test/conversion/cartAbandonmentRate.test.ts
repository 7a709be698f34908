import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cartAbandonmentRate, conversionRate, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("cartAbandonmentRate", () => {
  it("is 1 − purchases / carts (documented example: 300 purchases from 1,000 carts -> 0.7)", () => {
    expect(cartAbandonmentRate({ cartsCreated: 1000, purchases: 300 }).toString()).toBe("0.7");
  });

  it("is exact where 1 − a float quotient would not be", () => {
    // 1 - 1/3 in floats is 0.6666666666666667; here the difference is taken before dividing.
    expect(cartAbandonmentRate({ cartsCreated: 3, purchases: 1 }).toString()).toBe(
      "0.6666666666666666666666666666666666666667",
    );
    expect(cartAbandonmentRate({ cartsCreated: 10, purchases: 3 }).toString()).toBe("0.7");
  });

  it("is 0 when every cart was bought and 1 when none was; inputs of every kind agree", () => {
    expect(cartAbandonmentRate({ cartsCreated: 5, purchases: 5 }).toString()).toBe("0");
    expect(cartAbandonmentRate({ cartsCreated: 5, purchases: 0 }).toString()).toBe("1");
    expect(cartAbandonmentRate({ cartsCreated: 1n, purchases: 1n }).toString()).toBe("0");
    expect(
      cartAbandonmentRate({ cartsCreated: new Decimal(1000), purchases: "300" }).toString(),
    ).toBe("0.7");
    expect(
      cartAbandonmentRate({ cartsCreated: 10n ** 30n, purchases: 10n ** 29n }).toString(),
    ).toBe("0.9");
  });

  it("works on frozen input", () => {
    expect(cartAbandonmentRate(Object.freeze({ cartsCreated: 4, purchases: 1 })).toString()).toBe(
      "0.75",
    );
  });

  it("throws INCONSISTENT when purchases exceed carts", () => {
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: 10, purchases: 11 }))).toBe(
      "INCONSISTENT purchases",
    );
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: 0, purchases: 0 }))).toBe(
      "ZERO_DENOMINATOR cartsCreated",
    );
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: 10, purchases: -1 }))).toBe(
      "NEGATIVE purchases",
    );
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: 10.5, purchases: 1 }))).toBe(
      "NOT_INTEGER cartsCreated",
    );
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: 10 } as never))).toBe(
      "NOT_A_NUMBER purchases",
    );
    expect(errorOf(() => cartAbandonmentRate({ cartsCreated: "1e500", purchases: 1 }))).toBe(
      "NOT_FINITE cartsCreated",
    );
    expect(errorOf(() => cartAbandonmentRate(false as never))).toBe("NOT_A_NUMBER input");
  });

  it("is the complement of the cart-to-purchase conversion rate, in [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (carts, share) => {
          const purchases = Math.floor(share * carts);
          const abandonment = cartAbandonmentRate({ cartsCreated: carts, purchases });
          const converted = conversionRate({ conversions: purchases, interactions: carts });
          expect(abandonment.gte(0) && abandonment.lte(1)).toBe(true);
          expect(abandonment.plus(converted).minus(1).abs().lte("1e-39")).toBe(true);
        },
      ),
    );
  });
});
