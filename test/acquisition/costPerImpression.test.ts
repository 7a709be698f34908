import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costPerImpression, costPerMille, Decimal } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

describe("costPerImpression", () => {
  it("divides cost by impressions (documented example: £1,000 / 10,000 = £0.10)", () => {
    expect(costPerImpression({ cost: 1000, impressions: 10000 }).toString()).toBe("0.1");
  });

  it("gives the same £0.10 for £1,000 over 10,000 'impressions' that were really opened emails", () => {
    // A commonly quoted example divides £1,000 by 10,000 opened emails and calls it a cost per
    // impression. The arithmetic is right, but opens are not impressions: £0.10 is a cost per
    // open. Only when the 10,000 are ad impressions is this the cost per impression.
    expect(costPerImpression({ cost: 1000, impressions: 10000 }).toString()).toBe("0.1");
  });

  it("handles zero cost, one impression and huge counts; input kinds agree", () => {
    expect(costPerImpression({ cost: 0, impressions: 5 }).toString()).toBe("0");
    expect(costPerImpression({ cost: "0.25", impressions: 1 }).toString()).toBe("0.25");
    expect(costPerImpression({ cost: 1, impressions: 10n ** 30n }).toString()).toBe("1e-30");
    expect(costPerImpression({ cost: new Decimal(1000), impressions: "10000" }).toString()).toBe(
      "0.1",
    );
  });

  it("works on frozen input", () => {
    expect(costPerImpression(Object.freeze({ cost: 3, impressions: 4 })).toString()).toBe("0.75");
  });

  it("throws ZERO_DENOMINATOR, NEGATIVE, NOT_INTEGER, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => costPerImpression({ cost: 1, impressions: 0 }))).toBe(
      "ZERO_DENOMINATOR impressions",
    );
    expect(errorOf(() => costPerImpression({ cost: -1, impressions: 1 }))).toBe("NEGATIVE cost");
    expect(errorOf(() => costPerImpression({ cost: 1, impressions: 1.5 }))).toBe(
      "NOT_INTEGER impressions",
    );
    expect(errorOf(() => costPerImpression({ cost: {}, impressions: 1 } as never))).toBe(
      "NOT_A_NUMBER cost",
    );
    expect(
      errorOf(() => costPerImpression({ cost: 1, impressions: Number.POSITIVE_INFINITY })),
    ).toBe("NOT_FINITE impressions");
    expect(errorOf(() => costPerImpression([] as never))).toBe("NOT_A_NUMBER cost");
    expect(errorOf(() => costPerImpression(null as never))).toBe("NOT_A_NUMBER input");
  });

  it("is one thousandth of costPerMille (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1e9 }), (cost, impressions) => {
        expect(
          costPerImpression({ cost, impressions })
            .times(1000)
            .minus(costPerMille({ cost, impressions }))
            .abs()
            .lte(new Decimal(cost).times("1e-36")),
        ).toBe(true);
      }),
    );
  });
});
