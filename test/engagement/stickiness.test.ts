import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stickiness } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

describe("stickiness", () => {
  // PostHog blog "What is user stickiness": 1,000 DAU / 2,000 MAU = 50 %.
  it("divides daily by monthly active users (documented example)", () => {
    expect(stickiness({ dailyActive: 1000, monthlyActive: 2000 }).toString()).toBe("0.5");
  });

  it("accepts a fractional average DAU", () => {
    // Average DAU over a 30-day month: 12,345 user-days / 30 = 411.5.
    expect(stickiness({ dailyActive: "411.5", monthlyActive: 1646 }).toString()).toBe("0.25");
  });

  it("is 0 with nobody active today and 1 when everybody is active daily", () => {
    expect(stickiness({ dailyActive: 0, monthlyActive: 5 }).toString()).toBe("0");
    expect(stickiness({ dailyActive: 5, monthlyActive: 5 }).toString()).toBe("1");
  });

  it("handles huge counts", () => {
    expect(stickiness({ dailyActive: 10n ** 25n, monthlyActive: 4n * 10n ** 25n }).toString()).toBe(
      "0.25",
    );
  });

  it("agrees across number, string, bigint and Decimal inputs", () => {
    expect(stickiness({ dailyActive: "1", monthlyActive: "4" }).toString()).toBe("0.25");
    expect(stickiness({ dailyActive: 1n, monthlyActive: 4n }).toString()).toBe("0.25");
    expect(
      stickiness({
        dailyActive: new ForeignDecimal(1),
        monthlyActive: new ForeignDecimal(4),
      }).toString(),
    ).toBe("0.25");
  });

  it("accepts frozen input", () => {
    expect(stickiness(Object.freeze({ dailyActive: 3, monthlyActive: 12 })).toString()).toBe(
      "0.25",
    );
  });

  it("throws NOT_A_NUMBER for a missing input or value", () => {
    expect(errorOf(() => stickiness(undefined as never)).field).toBe("input");
    const error = errorOf(() => stickiness({ monthlyActive: 3 } as never));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "dailyActive"]);
  });

  it("throws NOT_FINITE for an infinite value", () => {
    expect(errorOf(() => stickiness({ dailyActive: "1e400", monthlyActive: 3 })).code).toBe(
      "NOT_FINITE",
    );
  });

  it("throws NEGATIVE for a negative value", () => {
    const error = errorOf(() => stickiness({ dailyActive: -1, monthlyActive: 3 }));
    expect([error.code, error.field]).toEqual(["NEGATIVE", "dailyActive"]);
  });

  it("throws NOT_INTEGER for a fractional monthly count", () => {
    const error = errorOf(() => stickiness({ dailyActive: 1, monthlyActive: 2.5 }));
    expect([error.code, error.field]).toEqual(["NOT_INTEGER", "monthlyActive"]);
  });

  it("throws ZERO_DENOMINATOR without monthly active users", () => {
    const error = errorOf(() => stickiness({ dailyActive: 0, monthlyActive: 0 }));
    expect([error.code, error.field]).toEqual(["ZERO_DENOMINATOR", "monthlyActive"]);
  });

  it("throws INCONSISTENT when DAU exceeds MAU", () => {
    const error = errorOf(() => stickiness({ dailyActive: 2001, monthlyActive: 2000 }));
    expect([error.code, error.field]).toEqual(["INCONSISTENT", "dailyActive"]);
    expect(error.message).toBe(
      "stickiness: dailyActive must not exceed monthlyActive (2000) (received 2001)",
    );
  });

  it("stays within [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (mau, f) => {
          const dau = Math.floor(mau * f);
          const rate = stickiness({ dailyActive: dau, monthlyActive: mau });
          expect(rate.gte(0) && rate.lte(1)).toBe(true);
        },
      ),
    );
  });
});
