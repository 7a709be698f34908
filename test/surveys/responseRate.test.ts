import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { responseRate } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

describe("responseRate", () => {
  it("divides responses by invitations (documented example)", () => {
    expect(responseRate({ responses: 150, invited: 1200 }).toString()).toBe("0.125");
  });

  it("is 0 without answers and 1 when everybody answered", () => {
    expect(responseRate({ responses: 0, invited: 9 }).toString()).toBe("0");
    expect(responseRate({ responses: 9, invited: 9 }).toString()).toBe("1");
  });

  it("handles huge counts and agrees across input types", () => {
    expect(responseRate({ responses: 10n ** 30n, invited: "2e30" }).toString()).toBe("0.5");
    expect(responseRate({ responses: "1", invited: 2n }).toString()).toBe("0.5");
    expect(
      responseRate({ responses: new ForeignDecimal(1), invited: new ForeignDecimal(2) }).toString(),
    ).toBe("0.5");
  });

  it("accepts frozen input", () => {
    expect(responseRate(Object.freeze({ responses: 3, invited: 4 })).toString()).toBe("0.75");
  });

  it("throws NOT_A_NUMBER for a missing input or count", () => {
    expect(errorOf(() => responseRate(null as never)).field).toBe("input");
    const error = errorOf(() => responseRate({ invited: 4 } as never));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "responses"]);
  });

  it("throws NOT_FINITE for an infinite count", () => {
    expect(errorOf(() => responseRate({ responses: 1, invited: "Infinity" })).code).toBe(
      "NOT_FINITE",
    );
  });

  it("throws NEGATIVE and NOT_INTEGER for bad counts", () => {
    expect(errorOf(() => responseRate({ responses: -3, invited: 4 })).code).toBe("NEGATIVE");
    expect(errorOf(() => responseRate({ responses: 3, invited: 4.5 })).code).toBe("NOT_INTEGER");
  });

  it("throws ZERO_DENOMINATOR without invitations", () => {
    const error = errorOf(() => responseRate({ responses: 0, invited: 0 }));
    expect([error.code, error.field]).toEqual(["ZERO_DENOMINATOR", "invited"]);
  });

  it("throws INCONSISTENT when there are more responses than invitations", () => {
    const error = errorOf(() => responseRate({ responses: 5, invited: 4 }));
    expect([error.code, error.field]).toEqual(["INCONSISTENT", "responses"]);
    expect(error.message).toBe("responseRate: responses must not exceed invited (4) (received 5)");
  });

  it("stays within [0, 1]", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const rate = responseRate({ responses: Math.min(a, b), invited: Math.max(a, b) + 1 });
        expect(rate.gte(0) && rate.lte(1)).toBe(true);
      }),
    );
  });
});
