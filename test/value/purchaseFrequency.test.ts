import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageOrderValue, customerValue, Decimal, purchaseFrequency } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("purchaseFrequency", () => {
  it("divides orders by customers (documented example, computed: 5,000 / 2,000 = 2.5)", () => {
    expect(purchaseFrequency({ orders: 5000, customers: 2000 }).toString()).toBe("2.5");
  });

  it("is orders per customer, not the reciprocal some articles print (KPI Tree, 'Order Frequency')", () => {
    // Articles that give "unique customers / orders" compute customers per order (0.4 here),
    // which is at most 1 and falls as customers buy more often: not a frequency.
    const frequency = purchaseFrequency({ orders: 5000, customers: 2000 });
    expect(frequency.toString()).toBe("2.5");
    expect(frequency.toString()).not.toBe("0.4");
  });

  it("times AOV gives revenue per customer (computed: 60 × 2.5 = 150)", () => {
    const aov = averageOrderValue({ revenue: 300000, orders: 5000 });
    const frequency = purchaseFrequency({ orders: 5000, customers: 2000 });
    expect(customerValue({ averageOrderValue: aov, purchaseFrequency: frequency }).toString()).toBe(
      "150",
    );
  });

  it("handles zero orders, one customer and huge counts; input kinds agree", () => {
    expect(purchaseFrequency({ orders: 0, customers: 3 }).toString()).toBe("0");
    expect(purchaseFrequency({ orders: 7, customers: 1 }).toString()).toBe("7");
    expect(purchaseFrequency({ orders: 10n ** 30n, customers: 10n ** 20n }).toString()).toBe(
      "10000000000",
    );
    expect(purchaseFrequency({ orders: "5000", customers: new Decimal(2000) }).toString()).toBe(
      "2.5",
    );
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ orders: 10, customers: 4 });
    expect(purchaseFrequency(input).toString()).toBe("2.5");
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => purchaseFrequency({ orders: 1, customers: 0 }))).toBe(
      "ZERO_DENOMINATOR customers",
    );
    expect(errorOf(() => purchaseFrequency({ orders: -1, customers: 1 }))).toBe("NEGATIVE orders");
    expect(errorOf(() => purchaseFrequency({ orders: 1.5, customers: 1 }))).toBe(
      "NOT_INTEGER orders",
    );
    expect(errorOf(() => purchaseFrequency({ orders: 1, customers: "x" }))).toBe(
      "NOT_A_NUMBER customers",
    );
    expect(errorOf(() => purchaseFrequency({ orders: "-Infinity", customers: 1 }))).toBe(
      "NOT_FINITE orders",
    );
    expect(errorOf(() => purchaseFrequency(null as never))).toBe("NOT_A_NUMBER input");
  });

  it("is at least 1 when every customer ordered (orders >= customers) (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        (c, extra) => {
          expect(purchaseFrequency({ orders: c + extra, customers: c }).gte(1)).toBe(true);
        },
      ),
    );
  });
});
