import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageCustomerLifespan, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("averageCustomerLifespan", () => {
  it("is 1 / churn in the churn's period (documented example: 5 % a month -> 20 months)", () => {
    expect(averageCustomerLifespan({ churnRate: "0.05" }).toString()).toBe("20");
  });

  it("gives ChartMogul's lifetime for its LTV example ($100 × 1/0.05 = $2,000)", () => {
    // ChartMogul "Chart: Customer Lifetime Value": ARPA $100, monthly churn 5 %.
    expect(averageCustomerLifespan({ churnRate: 0.05 }).times(100).toString()).toBe("2000");
  });

  it("is 1 period at 100 % churn and keeps 40 digits otherwise", () => {
    expect(averageCustomerLifespan({ churnRate: 1 }).toString()).toBe("1");
    expect(averageCustomerLifespan({ churnRate: "0.03" }).toString()).toBe(
      "33.33333333333333333333333333333333333333",
    );
    expect(averageCustomerLifespan({ churnRate: "1e-30" }).toString()).toBe(
      "1000000000000000000000000000000",
    );
    expect(averageCustomerLifespan({ churnRate: new Decimal("0.25") }).toString()).toBe("4");
  });

  it("works on frozen input", () => {
    expect(averageCustomerLifespan(Object.freeze({ churnRate: "0.5" })).toString()).toBe("2");
  });

  it("throws ZERO_DENOMINATOR at zero churn (unbounded lifespan)", () => {
    expect(errorOf(() => averageCustomerLifespan({ churnRate: 0 }))).toBe(
      "ZERO_DENOMINATOR churnRate",
    );
  });

  it("throws OUT_OF_RANGE, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => averageCustomerLifespan({ churnRate: "1.2" }))).toBe(
      "OUT_OF_RANGE churnRate",
    );
    expect(errorOf(() => averageCustomerLifespan({ churnRate: -0.1 }))).toBe(
      "OUT_OF_RANGE churnRate",
    );
    expect(errorOf(() => averageCustomerLifespan({ churnRate: "five" }))).toBe(
      "NOT_A_NUMBER churnRate",
    );
    expect(errorOf(() => averageCustomerLifespan({ churnRate: Number.POSITIVE_INFINITY }))).toBe(
      "NOT_FINITE churnRate",
    );
    expect(errorOf(() => averageCustomerLifespan(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  it("times churn is 1 and is at least 1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (k) => {
        const churn = new Decimal(k).div(1_000_000);
        const lifespan = averageCustomerLifespan({ churnRate: churn });
        expect(lifespan.gte(1)).toBe(true);
        expect(lifespan.times(churn).minus(1).abs().lt("1e-38")).toBe(true);
      }),
    );
  });
});
