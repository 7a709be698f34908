import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averageCustomerLifespan,
  customerLifetimeValue,
  customerValue,
  Decimal,
} from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("customerLifetimeValue", () => {
  it("multiplies AOV, frequency and lifespan (documented example, computed: 12 × £50 × 8 = £4,800)", () => {
    expect(
      customerLifetimeValue({
        averageOrderValue: 50,
        purchaseFrequency: 12,
        lifespan: 8,
      }).toString(),
    ).toBe("4800");
  });

  it("applies an optional gross margin (documented example: 4,800 × 25 % = 1,200)", () => {
    expect(
      customerLifetimeValue({
        averageOrderValue: 50,
        purchaseFrequency: 12,
        lifespan: 8,
        grossMargin: "0.25",
      }).toString(),
    ).toBe("1200");
  });

  it("reproduces ChurnZero Churnopedia's $2,000/month × 60 % × 18 months = $21,600", () => {
    expect(
      customerLifetimeValue({
        averageOrderValue: 2000,
        purchaseFrequency: 1,
        lifespan: 18,
        grossMargin: 0.6,
      }).toString(),
    ).toBe("21600");
  });

  it("equals customer value × 1 / churn when the lifespan comes from churn (ChartMogul, 'Chart: Customer Lifetime Value')", () => {
    const lifespan = averageCustomerLifespan({ churnRate: "0.125" }); // 8 years
    const value = customerValue({ averageOrderValue: 50, purchaseFrequency: 12 });
    expect(
      customerLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 12, lifespan }).eq(
        value.times(lifespan),
      ),
    ).toBe(true);
  });

  it("handles zeros, a margin of 1, fractional lifespans and huge values; inputs agree", () => {
    expect(
      customerLifetimeValue({
        averageOrderValue: 0,
        purchaseFrequency: 12,
        lifespan: 8,
      }).toString(),
    ).toBe("0");
    expect(
      customerLifetimeValue({
        averageOrderValue: 50,
        purchaseFrequency: 12,
        lifespan: 8,
        grossMargin: 1,
      }).toString(),
    ).toBe("4800");
    expect(
      customerLifetimeValue({
        averageOrderValue: 50,
        purchaseFrequency: 12,
        lifespan: 8,
        grossMargin: 0,
      }).toString(),
    ).toBe("0");
    expect(
      customerLifetimeValue({
        averageOrderValue: "0.1",
        purchaseFrequency: "0.2",
        lifespan: "2.5",
      }).toString(),
    ).toBe("0.05");
    expect(
      customerLifetimeValue({
        averageOrderValue: 10n ** 20n,
        purchaseFrequency: 10n,
        lifespan: 10n,
      }).toString(),
    ).toBe("10000000000000000000000");
    expect(
      customerLifetimeValue({
        averageOrderValue: new Decimal(50),
        purchaseFrequency: "12",
        lifespan: 8n,
      }).toString(),
    ).toBe("4800");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({ averageOrderValue: 50, purchaseFrequency: 12, lifespan: 8 });
    expect(customerLifetimeValue(input).toString()).toBe("4800");
  });

  it("throws NEGATIVE, OUT_OF_RANGE, NOT_A_NUMBER and NOT_FINITE", () => {
    const base = { averageOrderValue: 50, purchaseFrequency: 12, lifespan: 8 };
    expect(errorOf(() => customerLifetimeValue({ ...base, lifespan: -1 }))).toBe(
      "NEGATIVE lifespan",
    );
    expect(errorOf(() => customerLifetimeValue({ ...base, averageOrderValue: -1 }))).toBe(
      "NEGATIVE averageOrderValue",
    );
    expect(errorOf(() => customerLifetimeValue({ ...base, grossMargin: "1.5" }))).toBe(
      "OUT_OF_RANGE grossMargin",
    );
    expect(errorOf(() => customerLifetimeValue({ ...base, purchaseFrequency: "" }))).toBe(
      "NOT_A_NUMBER purchaseFrequency",
    );
    expect(errorOf(() => customerLifetimeValue({ ...base, lifespan: "Infinity" }))).toBe(
      "NOT_FINITE lifespan",
    );
    expect(errorOf(() => customerLifetimeValue(null as never))).toBe("NOT_A_NUMBER input");
  });

  it("is linear in each factor and never exceeds revenue when a margin is applied (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1000 }),
        fc.nat({ max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (aov, frequency, lifespan, marginPercent) => {
          const base = { averageOrderValue: aov, purchaseFrequency: frequency, lifespan };
          const revenue = customerLifetimeValue(base);
          const profit = customerLifetimeValue({
            ...base,
            grossMargin: new Decimal(marginPercent).div(100),
          });
          expect(profit.lte(revenue)).toBe(true);
          expect(
            customerLifetimeValue({ ...base, lifespan: lifespan * 2 }).eq(revenue.times(2)),
          ).toBe(true);
        },
      ),
    );
  });
});
