import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversionRate, Decimal, toPercent } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("conversionRate", () => {
  it("divides conversions by interactions (documented example, computed: 100 / 2,000 = 5 %)", () => {
    const rate = conversionRate({ conversions: 100, interactions: 2000 });
    expect(rate.toString()).toBe("0.05");
    expect(toPercent(rate).toString()).toBe("5");
  });

  it("is 0 with no conversions and 1 when every unit converted", () => {
    expect(conversionRate({ conversions: 0, interactions: 10 }).toString()).toBe("0");
    expect(conversionRate({ conversions: 10, interactions: 10 }).toString()).toBe("1");
    expect(conversionRate({ conversions: 1, interactions: 1 }).toString()).toBe("1");
  });

  it("keeps 40 digits and accepts every numeric kind", () => {
    expect(conversionRate({ conversions: 1, interactions: 3 }).toString()).toBe(
      "0.3333333333333333333333333333333333333333",
    );
    expect(conversionRate({ conversions: "100", interactions: 2000n }).toString()).toBe("0.05");
    expect(conversionRate({ conversions: new Decimal(100), interactions: "2e3" }).toString()).toBe(
      "0.05",
    );
    expect(conversionRate({ conversions: 10n ** 24n, interactions: 10n ** 26n }).toString()).toBe(
      "0.01",
    );
  });

  it("works on frozen input", () => {
    expect(conversionRate(Object.freeze({ conversions: 1, interactions: 8 })).toString()).toBe(
      "0.125",
    );
  });

  it("throws INCONSISTENT when conversions exceed interactions", () => {
    expect(errorOf(() => conversionRate({ conversions: 11, interactions: 10 }))).toBe(
      "INCONSISTENT conversions",
    );
    expect(() => conversionRate({ conversions: 11, interactions: 10 })).toThrow(
      "conversionRate: conversions must not exceed interactions (10) (received 11)",
    );
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => conversionRate({ conversions: 0, interactions: 0 }))).toBe(
      "ZERO_DENOMINATOR interactions",
    );
    expect(errorOf(() => conversionRate({ conversions: -1, interactions: 10 }))).toBe(
      "NEGATIVE conversions",
    );
    expect(errorOf(() => conversionRate({ conversions: 1.5, interactions: 10 }))).toBe(
      "NOT_INTEGER conversions",
    );
    expect(errorOf(() => conversionRate({ conversions: "5%", interactions: 10 }))).toBe(
      "NOT_A_NUMBER conversions",
    );
    expect(errorOf(() => conversionRate({ conversions: 1, interactions: "Infinity" }))).toBe(
      "NOT_FINITE interactions",
    );
    expect(errorOf(() => conversionRate(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  it("stays in [0, 1] and equals the complement's complement (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const x = Math.floor(share * n);
          const rate = conversionRate({ conversions: x, interactions: n });
          const rest = conversionRate({ conversions: n - x, interactions: n });
          expect(rate.gte(0) && rate.lte(1)).toBe(true);
          expect(rate.plus(rest).minus(1).abs().lte("1e-39")).toBe(true);
        },
      ),
    );
  });
});
