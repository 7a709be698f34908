import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerSatisfactionScore } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

const repeat = (value: number, times: number): number[] => new Array<number>(times).fill(value);

describe("customerSatisfactionScore", () => {
  // Intercom help, VoC metrics: 10×5, 20×4, 10×3, 5×2, 5×1 → 30 / 50 = 60 %.
  it("counts the 4 and 5 answers on a 1-5 scale (documented example)", () => {
    const csat = customerSatisfactionScore({ 5: 10, 4: 20, 3: 10, 2: 5, 1: 5 });
    expect(csat.score.toString()).toBe("0.6");
    expect(csat.mean.toString()).toBe("3.5");
    expect(csat.satisfied.toString()).toBe("30");
    expect(csat.responses.toString()).toBe("50");
  });

  // Intercom help, VoC metrics: 160 of 200 rate 4-5 → 0.80; 45 of 50 → 0.90.
  it("matches the other Intercom vectors", () => {
    expect(customerSatisfactionScore({ 5: 100, 4: 60, 2: 40 }).score.toString()).toBe("0.8");
    expect(customerSatisfactionScore({ 4: 45, 1: 5 }).score.toString()).toBe("0.9");
  });

  it("gives the same result for a list of answers", () => {
    const scores = [
      ...repeat(5, 10),
      ...repeat(4, 20),
      ...repeat(3, 10),
      ...repeat(2, 5),
      ...repeat(1, 5),
    ];
    const csat = customerSatisfactionScore(scores);
    expect([csat.score.toString(), csat.mean.toString()]).toEqual(["0.6", "3.5"]);
  });

  // QuestionPro: 1-10 scale, 10 of 20 in the top box (9-10) → 0.50; the
  // answers sum to 137, so the mean is 6.85 (the page prints "6.7, rounded to 7", a slip).
  it("matches the QuestionPro 1-10 example with satisfiedFrom 9", () => {
    const scores = [10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 8, 6, 5, 5, 4, 4, 3, 3, 2, 2];
    expect(scores.reduce((a, b) => a + b)).toBe(137);
    const csat = customerSatisfactionScore(scores, {
      scale: { min: 1, max: 10 },
      satisfiedFrom: 9,
    });
    expect(csat.score.toString()).toBe("0.5");
    expect(csat.mean.toString()).toBe("6.85");
  });

  it("uses Zencity's top boxes by scale length", () => {
    const top = (min: number, max: number) =>
      Array.from({ length: max - min + 1 }, (_, k) => min + k).filter((value) =>
        customerSatisfactionScore([value], { scale: { min, max } }).score.eq(1),
      );
    expect(top(1, 2)).toEqual([2]);
    expect(top(1, 3)).toEqual([3]);
    expect(top(1, 4)).toEqual([3, 4]);
    expect(top(1, 5)).toEqual([4, 5]);
    expect(top(1, 6)).toEqual([4, 5, 6]);
    expect(top(1, 7)).toEqual([5, 6, 7]);
    expect(top(1, 8)).toEqual([6, 7, 8]);
    expect(top(0, 4)).toEqual([3, 4]);
  });

  it("supports a 0-10 scale with satisfiedFrom 8 (Formbricks' top three)", () => {
    const csat = customerSatisfactionScore([0, 7, 8, 10], {
      scale: { min: 0, max: 10 },
      satisfiedFrom: "8",
    });
    expect([csat.score.toString(), csat.mean.toString()]).toEqual(["0.5", "6.25"]);
  });

  it("handles one answer, all satisfied and none satisfied", () => {
    expect(customerSatisfactionScore([5]).score.toString()).toBe("1");
    expect(customerSatisfactionScore([1, 2, 3]).score.toString()).toBe("0");
    expect(customerSatisfactionScore({ 3: 10n ** 30n, 5: 10n ** 30n }).score.toString()).toBe(
      "0.5",
    );
  });

  it("agrees across number, string, bigint and Decimal answers", () => {
    const expected = customerSatisfactionScore([5, 4, 3, 1]);
    expect(expected.mean.toString()).toBe("3.25");
    for (const scores of [
      ["5", "4", "3", "1"],
      [5n, 4n, 3n, 1n],
      [5, 4, 3, 1].map((v) => new ForeignDecimal(v)),
    ]) {
      const csat = customerSatisfactionScore(scores);
      expect(csat.score.eq(expected.score) && csat.mean.eq(expected.mean)).toBe(true);
    }
    expect(
      customerSatisfactionScore({ 5: "1", 4: 1n, 3: new ForeignDecimal(1), 1: 1 }).mean.toString(),
    ).toBe("3.25");
  });

  it("accepts frozen input and options", () => {
    const csat = customerSatisfactionScore(
      Object.freeze([4, 2]),
      Object.freeze({ scale: Object.freeze({ min: 1, max: 5 }) }),
    );
    expect(csat.score.toString()).toBe("0.5");
    expect(customerSatisfactionScore(Object.freeze({ 5: 1, 1: 1 })).score.toString()).toBe("0.5");
  });

  it("throws NOT_A_NUMBER for a non-numeric answer, count or input", () => {
    const answer = errorOf(() => customerSatisfactionScore([5, "x"]));
    expect([answer.code, answer.field]).toEqual(["NOT_A_NUMBER", "scores[1]"]);
    const key = errorOf(() => customerSatisfactionScore({ good: 3 } as never));
    expect([key.code, key.field]).toEqual(["NOT_A_NUMBER", "counts[good]"]);
    const value = errorOf(() => customerSatisfactionScore({ 5: null } as never));
    expect([value.code, value.field]).toEqual(["NOT_A_NUMBER", "counts[5]"]);
    expect(errorOf(() => customerSatisfactionScore(5 as never)).field).toBe("scores");
    expect(errorOf(() => customerSatisfactionScore(new Map([[5, 1]]) as never)).code).toBe(
      "NOT_A_NUMBER",
    );
  });

  it("throws NOT_FINITE for an infinite answer", () => {
    expect(errorOf(() => customerSatisfactionScore([-Infinity])).code).toBe("NOT_FINITE");
  });

  it("throws NOT_INTEGER for fractional answers, counts and thresholds", () => {
    expect(errorOf(() => customerSatisfactionScore([4.5])).code).toBe("NOT_INTEGER");
    expect(errorOf(() => customerSatisfactionScore({ 5: 1.5 })).field).toBe("counts[5]");
    const threshold = errorOf(() => customerSatisfactionScore([4], { satisfiedFrom: 3.5 }));
    expect([threshold.code, threshold.field]).toEqual(["NOT_INTEGER", "satisfiedFrom"]);
    const scale = errorOf(() => customerSatisfactionScore([4], { scale: { min: 1, max: 5.5 } }));
    expect([scale.code, scale.field]).toEqual(["NOT_INTEGER", "scale.max"]);
  });

  it("throws OUT_OF_RANGE for answers or thresholds off the scale", () => {
    const answer = errorOf(() => customerSatisfactionScore([5, 0]));
    expect([answer.code, answer.field]).toEqual(["OUT_OF_RANGE", "scores[1]"]);
    expect(errorOf(() => customerSatisfactionScore({ 6: 1 })).field).toBe("counts[6]");
    expect(errorOf(() => customerSatisfactionScore([4], { satisfiedFrom: 6 })).code).toBe(
      "OUT_OF_RANGE",
    );
    expect(
      errorOf(() => customerSatisfactionScore([4], { scale: { min: 1, max: 5000 } })).code,
    ).toBe("OUT_OF_RANGE");
  });

  it("throws NEGATIVE for a negative count", () => {
    expect(errorOf(() => customerSatisfactionScore({ 5: -1 })).code).toBe("NEGATIVE");
  });

  it("throws EMPTY without answers", () => {
    expect(errorOf(() => customerSatisfactionScore([])).code).toBe("EMPTY");
    const counts = errorOf(() => customerSatisfactionScore({}));
    expect([counts.code, counts.field]).toEqual(["EMPTY", "counts"]);
    expect(errorOf(() => customerSatisfactionScore({ 5: 0 })).code).toBe("EMPTY");
  });

  it("throws INVALID_OPTION for a malformed scale or a long scale without a threshold", () => {
    for (const scale of [
      null,
      [1, 5],
      { min: 5, max: 1 },
      { min: 1, max: 1 },
      { min: 0, max: 200 },
    ]) {
      const error = errorOf(() => customerSatisfactionScore([1], { scale: scale as never }));
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "scale"]);
    }
    const missing = errorOf(() => customerSatisfactionScore([9], { scale: { min: 1, max: 10 } }));
    expect([missing.code, missing.field]).toEqual(["INVALID_OPTION", "satisfiedFrom"]);
    expect(errorOf(() => customerSatisfactionScore([1], "x" as never)).code).toBe("INVALID_OPTION");
  });

  it("keeps the score in [0, 1], the mean on the scale, and ignores order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 100 }),
        (scores) => {
          const csat = customerSatisfactionScore(scores);
          expect(csat.score.gte(0) && csat.score.lte(1)).toBe(true);
          expect(csat.mean.gte(1) && csat.mean.lte(5)).toBe(true);
          const reversed = customerSatisfactionScore([...scores].reverse());
          expect(reversed.score.eq(csat.score) && reversed.mean.eq(csat.mean)).toBe(true);
          const satisfied = scores.filter((s) => s >= 4).length;
          expect(csat.satisfied.eq(satisfied)).toBe(true);
        },
      ),
    );
  });
});
