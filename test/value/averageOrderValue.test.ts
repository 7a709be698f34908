import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageOrderValue, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("averageOrderValue", () => {
  it("divides revenue by orders (documented example, computed: £300,000 / 5,000 = £60)", () => {
    expect(averageOrderValue({ revenue: 300000, orders: 5000 }).toString()).toBe("60");
  });

  it("is exact in decimal: '0.3' over 3 orders is 0.1", () => {
    const aov = averageOrderValue({ revenue: "0.3", orders: 3 });
    expect(aov.toString()).toBe("0.1");
    expect(aov.eq("0.1")).toBe(true);
    expect(aov).toBeInstanceOf(Decimal);
  });

  it("keeps 40 significant digits for non-terminating quotients", () => {
    expect(averageOrderValue({ revenue: 100, orders: 3 }).toString()).toBe(
      "33.33333333333333333333333333333333333333",
    );
  });

  it("handles zero revenue, one order and huge values", () => {
    expect(averageOrderValue({ revenue: 0, orders: 7 }).toString()).toBe("0");
    expect(averageOrderValue({ revenue: "19.99", orders: 1 }).toString()).toBe("19.99");
    expect(
      averageOrderValue({ revenue: "123456789012345678901234567890", orders: 10n }).toString(),
    ).toBe("12345678901234567890123456789");
  });

  it("agrees for number, string, bigint and Decimal inputs", () => {
    const expected = "60";
    expect(averageOrderValue({ revenue: "300000", orders: "5000" }).toString()).toBe(expected);
    expect(averageOrderValue({ revenue: 300000n, orders: 5000n }).toString()).toBe(expected);
    expect(
      averageOrderValue({
        revenue: new ForeignDecimal(300000),
        orders: new Decimal(5000),
      }).toString(),
    ).toBe(expected);
  });

  it("works on frozen input and does not modify it", () => {
    const input = Object.freeze({ revenue: "300000", orders: 5000 });
    expect(averageOrderValue(input).toString()).toBe("60");
    expect(input).toEqual({ revenue: "300000", orders: 5000 });
  });

  it("throws ZERO_DENOMINATOR for no orders", () => {
    expect(errorOf(() => averageOrderValue({ revenue: 10, orders: 0 }))).toBe(
      "ZERO_DENOMINATOR orders",
    );
    expect(() => averageOrderValue({ revenue: 10, orders: 0 })).toThrow(
      "averageOrderValue: orders must be greater than 0 (received 0)",
    );
  });

  it("throws NEGATIVE for negative revenue or orders", () => {
    expect(errorOf(() => averageOrderValue({ revenue: -1, orders: 2 }))).toBe("NEGATIVE revenue");
    expect(errorOf(() => averageOrderValue({ revenue: 1, orders: -2 }))).toBe("NEGATIVE orders");
  });

  it("throws NOT_INTEGER for fractional orders", () => {
    expect(errorOf(() => averageOrderValue({ revenue: 1, orders: 2.5 }))).toBe(
      "NOT_INTEGER orders",
    );
  });

  it("throws NOT_A_NUMBER / NOT_FINITE for unreadable values and a missing input", () => {
    expect(errorOf(() => averageOrderValue({ revenue: "abc", orders: 2 }))).toBe(
      "NOT_A_NUMBER revenue",
    );
    expect(errorOf(() => averageOrderValue({ revenue: Number.POSITIVE_INFINITY, orders: 2 }))).toBe(
      "NOT_FINITE revenue",
    );
    expect(errorOf(() => averageOrderValue(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  it("times orders gives back revenue (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (cents, orders) => {
          const revenue = new Decimal(cents.toString()).div(100);
          const aov = averageOrderValue({ revenue, orders });
          expect(aov.isNegative()).toBe(false);
          expect(aov.times(orders).minus(revenue).abs().lte(revenue.times("1e-38"))).toBe(true);
        },
      ),
    );
  });
});
