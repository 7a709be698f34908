import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerValue, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("customerValue", () => {
  it("multiplies AOV by purchase frequency (documented example, computed: 60 × 2.5 = 150)", () => {
    expect(customerValue({ averageOrderValue: 60, purchaseFrequency: 2.5 }).toString()).toBe("150");
  });

  it("is exact in decimal: 0.1 × 3 is 0.3, not 0.30000000000000004", () => {
    expect(customerValue({ averageOrderValue: "0.1", purchaseFrequency: 3 }).toString()).toBe(
      "0.3",
    );
    expect(customerValue({ averageOrderValue: 0.1, purchaseFrequency: 3 }).toString()).toBe("0.3");
  });

  it("handles 0, 1 and huge values; input kinds agree", () => {
    expect(customerValue({ averageOrderValue: 0, purchaseFrequency: 5 }).toString()).toBe("0");
    expect(customerValue({ averageOrderValue: "19.99", purchaseFrequency: 1 }).toString()).toBe(
      "19.99",
    );
    expect(
      customerValue({ averageOrderValue: 10n ** 20n, purchaseFrequency: "1e10" }).toString(),
    ).toBe("1000000000000000000000000000000");
    expect(
      customerValue({ averageOrderValue: new Decimal(60), purchaseFrequency: "2.5" }).toString(),
    ).toBe("150");
  });

  it("works on frozen input", () => {
    expect(
      customerValue(Object.freeze({ averageOrderValue: 2, purchaseFrequency: 3 })).toString(),
    ).toBe("6");
  });

  it("throws NEGATIVE, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => customerValue({ averageOrderValue: -1, purchaseFrequency: 1 }))).toBe(
      "NEGATIVE averageOrderValue",
    );
    expect(errorOf(() => customerValue({ averageOrderValue: 1, purchaseFrequency: "-0.5" }))).toBe(
      "NEGATIVE purchaseFrequency",
    );
    expect(
      errorOf(() => customerValue({ averageOrderValue: 1, purchaseFrequency: Number.NaN })),
    ).toBe("NOT_A_NUMBER purchaseFrequency");
    expect(
      errorOf(() =>
        customerValue({ averageOrderValue: Number.NEGATIVE_INFINITY, purchaseFrequency: 1 }),
      ),
    ).toBe("NOT_FINITE averageOrderValue");
    expect(errorOf(() => customerValue("x" as never))).toBe("NOT_A_NUMBER input");
  });

  it("is commutative in its two factors (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        const x = new Decimal(a).div(100);
        const y = new Decimal(b).div(7);
        expect(
          customerValue({ averageOrderValue: x, purchaseFrequency: y }).eq(
            customerValue({ averageOrderValue: y, purchaseFrequency: x }),
          ),
        ).toBe(true);
      }),
    );
  });
});
