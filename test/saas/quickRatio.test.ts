import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, quickRatio, round } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("quickRatio", () => {
  it("computes the documented example: 25k + 10k over 8k + 4k", () => {
    // theprimecalculator.com, "SaaS Quick Ratio Calculator": 2.9167.
    const r = quickRatio({
      newRevenue: 25000,
      expansionRevenue: 10000,
      churnedRevenue: 8000,
      contractionRevenue: 4000,
    });
    expect(round(r, 4).toString()).toBe("2.9167");
    expect(r.eq(new Decimal(35).div(12))).toBe(true);
  });

  it("matches the other published examples", () => {
    // abracalc: 5k + 1k / 1.5k + 0.5k = 3.0; pitchkit: 20k + 8k / 5k + 3k = 3.5.
    expect(
      quickRatio({
        newRevenue: 5000,
        expansionRevenue: 1000,
        churnedRevenue: 1500,
        contractionRevenue: 500,
      }).toString(),
    ).toBe("3");
    expect(
      quickRatio({
        newRevenue: 20000,
        expansionRevenue: 8000,
        churnedRevenue: 5000,
        contractionRevenue: 3000,
      }).toString(),
    ).toBe("3.5");
  });

  it("adds reactivation to the gains only with includeReactivation", () => {
    const input = {
      newRevenue: 5000,
      expansionRevenue: 1000,
      churnedRevenue: 1500,
      contractionRevenue: 500,
      reactivationRevenue: 1000,
    };
    expect(quickRatio(input).toString()).toBe("3");
    expect(quickRatio(input, { includeReactivation: true }).toString()).toBe("3.5");
  });

  it("is 0 with no gains", () => {
    expect(
      quickRatio({
        newRevenue: 0,
        expansionRevenue: 0,
        churnedRevenue: 1,
        contractionRevenue: 0,
      }).toString(),
    ).toBe("0");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    expect(
      quickRatio({
        newRevenue: "5000",
        expansionRevenue: 1000n,
        churnedRevenue: new Decimal(1500),
        contractionRevenue: 500,
      }).toString(),
    ).toBe("3");
  });

  it("is above 1 exactly when revenue grows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (newRevenue, expansionRevenue, churnedRevenue, contractionRevenue) => {
          const r = quickRatio({
            newRevenue,
            expansionRevenue,
            churnedRevenue,
            contractionRevenue,
          });
          const growth = newRevenue + expansionRevenue - churnedRevenue - contractionRevenue;
          expect(r.gt(1)).toBe(growth > 0);
          expect(r.isNegative()).toBe(false);
        },
      ),
    );
  });

  it("throws ZERO_DENOMINATOR with no losses instead of returning 0 or Infinity", () => {
    // theprimecalculator.com's calculator returns 0 here, which reads as the worst possible
    // ratio when there were no losses at all.
    const input = {
      newRevenue: 100,
      expansionRevenue: 0,
      churnedRevenue: 0,
      contractionRevenue: 0,
    };
    expect(codeOf(() => quickRatio(input))).toBe("ZERO_DENOMINATOR");
    expect(() => quickRatio(input)).toThrow(
      /churnedRevenue plus contractionRevenue must be greater than 0/,
    );
  });

  it.each([
    [{ newRevenue: -1, expansionRevenue: 0, churnedRevenue: 1, contractionRevenue: 0 }, "NEGATIVE"],
    [{ newRevenue: 1, expansionRevenue: 0, churnedRevenue: 1 }, "NOT_A_NUMBER"],
    [
      { newRevenue: 1, expansionRevenue: "NaN", churnedRevenue: 1, contractionRevenue: 0 },
      "NOT_A_NUMBER",
    ],
    [
      { newRevenue: 1, expansionRevenue: 0, churnedRevenue: "-Infinity", contractionRevenue: 0 },
      "NOT_FINITE",
    ],
    [
      {
        newRevenue: 1,
        expansionRevenue: 0,
        churnedRevenue: 1,
        contractionRevenue: 0,
        reactivationRevenue: -2,
      },
      "NEGATIVE",
    ],
  ])("rejects bad amounts (%o -> %s)", (input, code) => {
    expect(codeOf(() => quickRatio(input as never))).toBe(code);
  });

  it("throws INVALID_OPTION for a non-boolean includeReactivation", () => {
    const input = { newRevenue: 1, expansionRevenue: 0, churnedRevenue: 1, contractionRevenue: 0 };
    expect(codeOf(() => quickRatio(input, { includeReactivation: 0 as never }))).toBe(
      "INVALID_OPTION",
    );
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => quickRatio(null as never))).toBe("NOT_A_NUMBER");
  });

  it("works on frozen input", () => {
    const input = Object.freeze({
      newRevenue: 20000,
      expansionRevenue: 8000,
      churnedRevenue: 5000,
      contractionRevenue: 3000,
    });
    expect(quickRatio(input, Object.freeze({})).toString()).toBe("3.5");
  });
});
