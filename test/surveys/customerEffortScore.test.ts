import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerEffortScore } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

describe("customerEffortScore", () => {
  // Computed: [7, 6, 5, 4, 2] → mean 4.8, % agree (≥ 5) 0.6.
  it("gives the mean and the share agreeing (documented example)", () => {
    const ces = customerEffortScore([7, 6, 5, 4, 2]);
    expect(ces.score.toString()).toBe("4.8");
    expect(ces.agree.toString()).toBe("0.6");
    expect(ces.responses.toString()).toBe("5");
  });

  it("lists every point of the scale in the distribution", () => {
    const ces = customerEffortScore([7, 6, 5, 4, 2]);
    expect(ces.distribution.map((d) => d.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ces.distribution.map((d) => d.count.toString())).toEqual([
      "0",
      "1",
      "0",
      "1",
      "1",
      "1",
      "1",
    ]);
    expect(ces.distribution.map((d) => d.share.toString())).toEqual([
      "0",
      "0.2",
      "0",
      "0.2",
      "0.2",
      "0.2",
      "0.2",
    ]);
  });

  // Qualtrics XM Community, "How do you calculate the customer effort score?": 65 of 100
  // choosing 5-7 → 65 %.
  it("matches the Qualtrics community example from counts", () => {
    const ces = customerEffortScore({ 7: 20, 6: 25, 5: 20, 4: 15, 3: 10, 2: 5, 1: 5 });
    expect(ces.agree.toString()).toBe("0.65");
    expect(ces.score.toString()).toBe("4.95");
  });

  it("supports a top-two-box agreeFrom", () => {
    expect(customerEffortScore([7, 6, 5, 4, 2], { agreeFrom: 6 }).agree.toString()).toBe("0.4");
  });

  it("counts the low answers when a lower answer means less effort", () => {
    // Mopinion-style 1-5 effort question: 1 = very little effort.
    const ces = customerEffortScore([1, 2, 2, 3, 5], {
      scale: { min: 1, max: 5 },
      higherIsEasier: false,
    });
    expect(ces.score.toString()).toBe("2.6");
    expect(ces.agree.toString()).toBe("0.6");
    const strict = customerEffortScore([1, 2, 2, 3, 5], {
      scale: { min: 1, max: 5 },
      higherIsEasier: false,
      agreeFrom: 1,
    });
    expect(strict.agree.toString()).toBe("0.2");
  });

  it("splits even scales at the midpoint", () => {
    const ces = customerEffortScore([5, 6], { scale: { min: 1, max: 10 } });
    expect(ces.agree.toString()).toBe("0.5");
    const low = customerEffortScore([5, 6], { scale: { min: 1, max: 10 }, higherIsEasier: false });
    expect(low.agree.toString()).toBe("0.5");
  });

  it("handles one answer and huge counts", () => {
    const one = customerEffortScore([7]);
    expect([one.score.toString(), one.agree.toString()]).toEqual(["7", "1"]);
    expect(customerEffortScore({ 1: 10n ** 30n, 7: 10n ** 30n }).score.toString()).toBe("4");
  });

  it("agrees across number, string, bigint and Decimal answers", () => {
    for (const scores of [
      ["7", "1"],
      [7n, 1n],
      [new ForeignDecimal(7), new ForeignDecimal(1)],
    ]) {
      expect(customerEffortScore(scores).score.toString()).toBe("4");
    }
  });

  it("accepts frozen input and options and returns frozen results", () => {
    const ces = customerEffortScore(Object.freeze([6, 7]), Object.freeze({ higherIsEasier: true }));
    expect(ces.score.toString()).toBe("6.5");
    expect(Object.isFrozen(ces) && Object.isFrozen(ces.distribution)).toBe(true);
  });

  it("throws NOT_A_NUMBER for a non-numeric answer or input", () => {
    const error = errorOf(() => customerEffortScore([7, null] as never));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "scores[1]"]);
    expect(errorOf(() => customerEffortScore(undefined as never)).field).toBe("scores");
  });

  it("throws NOT_FINITE for an infinite answer", () => {
    expect(errorOf(() => customerEffortScore(["1e400"])).code).toBe("NOT_FINITE");
  });

  it("throws NOT_INTEGER for fractional answers or agreeFrom", () => {
    expect(errorOf(() => customerEffortScore([6.5])).code).toBe("NOT_INTEGER");
    expect(errorOf(() => customerEffortScore([6], { agreeFrom: 5.5 })).field).toBe("agreeFrom");
  });

  it("throws OUT_OF_RANGE for answers or agreeFrom off the scale", () => {
    expect(errorOf(() => customerEffortScore([8])).code).toBe("OUT_OF_RANGE");
    expect(errorOf(() => customerEffortScore([6], { agreeFrom: 0 })).code).toBe("OUT_OF_RANGE");
  });

  it("throws NEGATIVE for a negative count", () => {
    expect(errorOf(() => customerEffortScore({ 7: -2 })).code).toBe("NEGATIVE");
  });

  it("throws EMPTY without answers", () => {
    expect(errorOf(() => customerEffortScore([])).code).toBe("EMPTY");
  });

  it("throws INVALID_OPTION for a bad scale or higherIsEasier", () => {
    expect(errorOf(() => customerEffortScore([1], { scale: "1-7" as never })).code).toBe(
      "INVALID_OPTION",
    );
    const flag = errorOf(() => customerEffortScore([1], { higherIsEasier: "yes" as never }));
    expect([flag.code, flag.field]).toEqual(["INVALID_OPTION", "higherIsEasier"]);
  });

  it("keeps the mean on the scale and the shares summing to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 100 }),
        (scores) => {
          const ces = customerEffortScore(scores);
          expect(ces.score.gte(1) && ces.score.lte(7)).toBe(true);
          expect(ces.agree.gte(0) && ces.agree.lte(1)).toBe(true);
          const total = ces.distribution.reduce((a, d) => a.plus(d.count), ces.responses.times(0));
          expect(total.eq(scores.length)).toBe(true);
          const shares = ces.distribution.reduce((a, d) => a.plus(d.share), ces.responses.times(0));
          expect(shares.minus(1).abs().lt("1e-38")).toBe(true);
          const mean = scores.reduce((a, b) => a + b) / scores.length;
          expect(Math.abs(ces.score.toNumber() - mean)).toBeLessThan(1e-9);
        },
      ),
    );
  });
});
