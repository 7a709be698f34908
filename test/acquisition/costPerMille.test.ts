import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costPerMille, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("costPerMille", () => {
  it("is the cost per 1,000 impressions (documented example, computed: £1,000 / 10,000 -> £100 CPM)", () => {
    expect(costPerMille({ cost: 1000, impressions: 10000 }).toString()).toBe("100");
  });

  it("quotes a £5 CPM for £250 on 50,000 impressions", () => {
    expect(costPerMille({ cost: 250, impressions: 50000 }).toString()).toBe("5");
  });

  it("handles zero cost, one impression and huge counts; input kinds agree", () => {
    expect(costPerMille({ cost: 0, impressions: 5 }).toString()).toBe("0");
    expect(costPerMille({ cost: "0.002", impressions: 1 }).toString()).toBe("2");
    expect(costPerMille({ cost: 1, impressions: 10n ** 30n }).toString()).toBe(
      "0.000000000000000000000000001",
    );
    expect(costPerMille({ cost: new Decimal("1000"), impressions: 10000n }).toString()).toBe("100");
  });

  it("works on frozen input", () => {
    expect(costPerMille(Object.freeze({ cost: 3, impressions: 4000 })).toString()).toBe("0.75");
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => costPerMille({ cost: 1, impressions: 0 }))).toBe(
      "ZERO_DENOMINATOR impressions",
    );
    expect(errorOf(() => costPerMille({ cost: "-0.01", impressions: 1 }))).toBe("NEGATIVE cost");
    expect(errorOf(() => costPerMille({ cost: 1, impressions: "10.5" }))).toBe(
      "NOT_INTEGER impressions",
    );
    expect(errorOf(() => costPerMille({ cost: "n/a", impressions: 1 }))).toBe("NOT_A_NUMBER cost");
    expect(errorOf(() => costPerMille({ cost: "-Infinity", impressions: 1 }))).toBe(
      "NOT_FINITE cost",
    );
    expect(errorOf(() => costPerMille(7 as never))).toBe("NOT_A_NUMBER input");
  });

  it("scales linearly with cost and inversely with impressions (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (cost, impressions) => {
        const once = costPerMille({ cost, impressions });
        expect(
          costPerMille({ cost: cost * 2, impressions })
            .minus(once.times(2))
            .abs()
            .lte(once.times("1e-38")),
        ).toBe(true);
        expect(
          costPerMille({ cost, impressions: impressions * 2 })
            .minus(once.div(2))
            .abs()
            .lte(once.times("1e-38")),
        ).toBe(true);
      }),
    );
  });
});
