import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { netPromoterScore, round } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";
// mpmath at 350 digits: python3 test/fixtures/confidence/extreme_confidence.py
import edge from "../fixtures/confidence/extreme-confidence.json" with { type: "json" };

const r3 = (value: Parameters<typeof round>[0]) => round(value, 3).toString();

describe("netPromoterScore", () => {
  it("subtracts the detractor share from the promoter share (documented example)", () => {
    const nps = netPromoterScore({ promoters: 100, passives: 60, detractors: 40 });
    expect(nps.score.toString()).toBe("30");
    expect(round(nps.marginOfError, 3).toString()).toBe("10.824");
    expect(netPromoterScore([10, 9, 8, 7, 6, 0]).score.toString()).toBe("0");
  });

  // A widely read article claims NPS "cannot be computed by a formula and is usually between
  // 0 and 10". That is wrong: 0-10 is the answer scale of the question; the score is
  // %promoters - %detractors in points, from -100 to 100 (Reichheld / Bain & Company).
  it("is in points from -100 to 100, not on the 0-10 answer scale", () => {
    expect(netPromoterScore([10, 10, 9]).score.toString()).toBe("100");
    expect(netPromoterScore([0, 3, 6]).score.toString()).toBe("-100");
    expect(netPromoterScore([9, 9, 9, 7, 0]).score.toString()).toBe("40");
  });

  it("classifies 9-10 as promoters, 7-8 as passives and 0-6 as detractors", () => {
    const nps = netPromoterScore([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(nps.detractors.toString()).toBe("7");
    expect(nps.passives.toString()).toBe("2");
    expect(nps.promoters.toString()).toBe("2");
    expect(nps.responses.toString()).toBe("11");
  });

  // DELA annual report glossary: 30 % promoters - 20 % detractors = +10.
  it("counts passives in the responses (DELA example)", () => {
    const nps = netPromoterScore({ promoters: 30, passives: 50, detractors: 20 });
    expect(nps.score.toString()).toBe("10");
    expect(nps.shares.promoters.toString()).toBe("0.3");
    expect(nps.shares.passives.toString()).toBe("0.5");
    expect(nps.shares.detractors.toString()).toBe("0.2");
  });

  // Computed; the Wald rows match the formulas of Cross Validated ("How can I calculate
  // margin of error in a NPS result?") and cybaea.net. Wald and adjusted-Wald at 95 %.
  it.each([
    [100, 60, 40, "30", "10.824", "19.176", "40.824", "18.815", "40.298"],
    [50, 30, 20, "30", "15.308", "14.692", "45.308", "14.051", "44.201"],
    [300, 120, 80, "44", "6.597", "37.403", "50.597", "37.156", "50.319"],
    [0, 10, 0, "0", "0", "0", "0", "-18.465", "18.465"],
    [10, 0, 0, "100", "0", "100", "100", "47.504", "100"],
  ])("matches the computed interval for %i / %i / %i", (p, q, d, score, moe, lo, hi, alo, ahi) => {
    const counts = { promoters: p, passives: q, detractors: d };
    const wald = netPromoterScore(counts);
    expect(wald.score.toString()).toBe(score);
    expect([r3(wald.marginOfError), r3(wald.lower), r3(wald.upper)]).toEqual([moe, lo, hi]);
    const adjusted = netPromoterScore(counts, { interval: "adjusted-wald" });
    expect(adjusted.score.toString()).toBe(score);
    expect([r3(adjusted.lower), r3(adjusted.upper)]).toEqual([alo, ahi]);
  });

  // Reference values from mpmath at 40 digits (same z = 1.959963984540054).
  it("computes the margin to many digits", () => {
    const nps = netPromoterScore({ promoters: 100, passives: 60, detractors: 40 });
    expect(round(nps.marginOfError, 12).toString()).toBe("10.824254894965");
    const adjusted = netPromoterScore(
      { promoters: 100, passives: 60, detractors: 40 },
      { interval: "adjusted-wald" },
    );
    expect(round(adjusted.marginOfError, 12).toString()).toBe("10.741198634949");
    expect(round(adjusted.lower, 12).toString()).toBe("18.815451611356");
  });

  // Cross Validated "How can I calculate margin of error in a NPS result?": p = 1/2,
  // passives 1/3, d = 1/6 gives a per-respondent SD of 0.74536.
  it("matches the Cross Validated per-respondent standard deviation", () => {
    const nps = netPromoterScore({ promoters: 300, passives: 200, detractors: 100 });
    expect(r3(nps.score)).toBe("33.333");
    expect(round(nps.marginOfError, 12).toString()).toBe("5.963980479057");
    const sd = nps.marginOfError.div("1.959963984540054").div(100).times(nps.responses.sqrt());
    expect(round(sd, 5).toString()).toBe("0.74536");
  });

  it.each(edge.netPromoterScore)(
    "gives a finite margin of error at confidence $confidence (formerly Infinity; mpmath)",
    (row) => {
      const [promoters, passives, detractors] = row.counts as [number, number, number];
      const nps = netPromoterScore(
        { promoters, passives, detractors },
        { confidence: row.confidence },
      );
      expect(nps.score.toString()).toBe("45");
      for (const [actual, expected] of [
        [nps.marginOfError, row.marginOfError],
        [nps.lower, row.lower],
        [nps.upper, row.upper],
      ] as const) {
        expect(actual.minus(expected).abs().lt("1e-13"), `${actual} ≈ ${expected}`).toBe(true);
      }
    },
  );

  it("gives a finite margin at confidence 0.9999999999999999 from a list of answers", () => {
    const answers = [10, 10, 10, 10, 10, 9, 8, 7, 6, 3];
    const nps = netPromoterScore(answers, { confidence: 0.9999999999999999 });
    // 6 promoters, 2 passives, 2 detractors: se = 100·√((0.8 − 0.16)/10) = 8·√10 points,
    // z = 8.30478542519411362188069407039 (mpmath, tail 5e-17): margin 210.0962993806664071…
    expect(nps.marginOfError.minus("210.0962993806664071381067").abs().lt("1e-12")).toBe(true);
    expect(nps.lower.toString()).toBe("-100");
    expect(nps.upper.toString()).toBe("100");
  });

  it("uses the confidence option", () => {
    const nps = netPromoterScore(
      { promoters: 100, passives: 60, detractors: 40 },
      { confidence: 0.9 },
    );
    expect(round(nps.marginOfError, 10).toString()).toBe("9.0840010651");
    expect(
      netPromoterScore(
        { promoters: 1, passives: 0, detractors: 1 },
        { confidence: "0.5" },
      ).marginOfError.gt(0),
    ).toBe(true);
  });

  it("clamps the Wald interval to [-100, 100]", () => {
    const nps = netPromoterScore({ promoters: 19, passives: 0, detractors: 1 });
    expect(nps.score.toString()).toBe("90");
    expect(r3(nps.marginOfError)).toBe("19.103");
    expect(nps.upper.toString()).toBe("100");
    const low = netPromoterScore({ promoters: 1, passives: 0, detractors: 19 });
    expect(low.lower.toString()).toBe("-100");
  });

  it("accepts typed arrays, generators and other iterables", () => {
    const expected = netPromoterScore([9, 10, 3, 7]);
    expect(netPromoterScore(new Uint8Array([9, 10, 3, 7])).score.eq(expected.score)).toBe(true);
    function* answers() {
      yield 9;
      yield "10";
      yield 3n;
      yield new ForeignDecimal(7);
    }
    expect(netPromoterScore(answers()).score.eq(expected.score)).toBe(true);
    expect(expected.score.toString()).toBe("25");
  });

  it("agrees across number, string, bigint and Decimal answers and counts", () => {
    const expected = netPromoterScore({
      promoters: 2,
      passives: 1,
      detractors: 1,
    }).score.toString();
    expect(expected).toBe("25");
    expect(netPromoterScore(["9", " 10 ", "8", "0"]).score.toString()).toBe(expected);
    expect(netPromoterScore([9n, 10n, 8n, 0n]).score.toString()).toBe(expected);
    expect(
      netPromoterScore({
        promoters: "2",
        passives: 1n,
        detractors: new ForeignDecimal(1),
      }).score.toString(),
    ).toBe(expected);
  });

  it("reads answers exported as text, in any numeric spelling", () => {
    const nps = netPromoterScore(["9", " 10 ", "+9", "9.0", "1e1", "-0", "0.6e1"]);
    expect([nps.promoters.toString(), nps.detractors.toString()]).toEqual(["5", "2"]);
    const error = errorOf(() => netPromoterScore(["9", "12"]));
    expect([error.code, error.field, error.value]).toEqual(["OUT_OF_RANGE", "scores[1]", "12"]);
  });

  it("counts a large list exactly", () => {
    const scores = Array.from({ length: 110_001 }, (_, i) => i % 11);
    const nps = netPromoterScore(scores);
    // 10,001 zeros and 10,000 of every other answer: (20,000 - 70,001) / 110,001.
    expect(nps.detractors.toString()).toBe("70001");
    expect(nps.score.eq(nps.promoters.minus(nps.detractors).div(110_001).times(100))).toBe(true);
  });

  it("accepts a stated total that matches the groups", () => {
    expect(
      netPromoterScore({
        promoters: 5,
        passives: 3,
        detractors: 2,
        responses: 10,
      }).score.toString(),
    ).toBe("30");
  });

  it("handles one answer and huge counts", () => {
    const one = netPromoterScore([10]);
    expect([one.score.toString(), one.marginOfError.toString()]).toEqual(["100", "0"]);
    const huge = netPromoterScore({ promoters: 10n ** 40n, passives: 0, detractors: 10n ** 40n });
    expect(huge.score.toString()).toBe("0");
    expect(huge.marginOfError.lt("1e-15")).toBe(true);
  });

  it("accepts frozen input and options and returns a frozen result", () => {
    const scores = Object.freeze([9, 9, 6, 7]);
    const nps = netPromoterScore(scores, Object.freeze({ interval: "adjusted-wald" as const }));
    expect(nps.score.toString()).toBe("25");
    expect(Object.isFrozen(nps)).toBe(true);
    expect(
      netPromoterScore(
        Object.freeze({ promoters: 1, passives: 1, detractors: 0 }),
      ).score.toString(),
    ).toBe("50");
  });

  it("throws NOT_A_NUMBER for non-numeric answers, missing counts and non-lists", () => {
    const answer = errorOf(() => netPromoterScore([9, 8, 7, "abc"]));
    expect([answer.code, answer.field]).toEqual(["NOT_A_NUMBER", "scores[3]"]);
    const group = errorOf(() => netPromoterScore({ promoters: 1, passives: 1 } as never));
    expect([group.code, group.field]).toEqual(["NOT_A_NUMBER", "detractors"]);
    expect(errorOf(() => netPromoterScore(7 as never)).field).toBe("scores");
    expect(errorOf(() => netPromoterScore(null as never)).code).toBe("NOT_A_NUMBER");
    expect(errorOf(() => netPromoterScore("9" as never)).field).toBe("scores");
  });

  it("refuses a Set, which would drop repeated answers", () => {
    const error = errorOf(() => netPromoterScore(new Set([9, 10])));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "scores"]);
  });

  it("throws NOT_FINITE for an infinite answer", () => {
    const error = errorOf(() => netPromoterScore([9, Infinity]));
    expect([error.code, error.field]).toEqual(["NOT_FINITE", "scores[1]"]);
  });

  it("throws NOT_INTEGER for a fractional answer or count", () => {
    const error = errorOf(() => netPromoterScore([9, 8, 7.5]));
    expect([error.code, error.field]).toEqual(["NOT_INTEGER", "scores[2]"]);
    expect(error.message).toBe("netPromoterScore: scores[2] must be a whole number (received 7.5)");
    expect(errorOf(() => netPromoterScore(["8.5"])).code).toBe("NOT_INTEGER");
    expect(
      errorOf(() => netPromoterScore({ promoters: 1.5, passives: 0, detractors: 0 })).code,
    ).toBe("NOT_INTEGER");
  });

  it("throws OUT_OF_RANGE for answers outside 0-10 and a bad confidence", () => {
    const high = errorOf(() => netPromoterScore([9, 11]));
    expect([high.code, high.field]).toEqual(["OUT_OF_RANGE", "scores[1]"]);
    expect(errorOf(() => netPromoterScore([-1])).code).toBe("OUT_OF_RANGE");
    expect(errorOf(() => netPromoterScore(["12"])).code).toBe("OUT_OF_RANGE");
    for (const confidence of [0, 1, 95, "-0.5", "1e-301", `0.${"9".repeat(301)}`]) {
      const error = errorOf(() => netPromoterScore([9], { confidence }));
      expect([error.code, error.field]).toEqual(["OUT_OF_RANGE", "confidence"]);
    }
  });

  it("throws NEGATIVE for a negative count", () => {
    const error = errorOf(() => netPromoterScore({ promoters: -1, passives: 0, detractors: 3 }));
    expect([error.code, error.field]).toEqual(["NEGATIVE", "promoters"]);
  });

  it("throws EMPTY without responses", () => {
    const list = errorOf(() => netPromoterScore([]));
    expect([list.code, list.field]).toEqual(["EMPTY", "scores"]);
    const counts = errorOf(() => netPromoterScore({ promoters: 0, passives: 0, detractors: 0 }));
    expect(counts.code).toBe("EMPTY");
  });

  // CDCgov/prime-reportstream issue #5281 on GitHub lists 32 respondents but 18 + 11 + 2 = 31.
  it("throws INCONSISTENT when the stated total differs from the groups", () => {
    const error = errorOf(() =>
      netPromoterScore({ promoters: 18, passives: 11, detractors: 2, responses: 32 }),
    );
    expect([error.code, error.field]).toEqual(["INCONSISTENT", "responses"]);
  });

  it("throws INVALID_OPTION for an unknown interval or bad options", () => {
    const error = errorOf(() => netPromoterScore([9], { interval: "wilson" as never }));
    expect([error.code, error.field]).toEqual(["INVALID_OPTION", "interval"]);
    expect(errorOf(() => netPromoterScore([9], [] as never)).code).toBe("INVALID_OPTION");
  });

  it("does not mutate its input", () => {
    const scores = [10, 3, 7];
    netPromoterScore(scores);
    expect(scores).toEqual([10, 3, 7]);
  });

  const answers = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 });

  it("stays in [-100, 100] with the score inside its interval", () => {
    fc.assert(
      fc.property(
        answers,
        fc.constantFrom("wald" as const, "adjusted-wald" as const),
        (scores, interval) => {
          const nps = netPromoterScore(scores, { interval });
          expect(nps.score.gte(-100) && nps.score.lte(100)).toBe(true);
          expect(nps.lower.gte(-100) && nps.upper.lte(100)).toBe(true);
          expect(nps.lower.lte(nps.upper)).toBe(true);
          expect(nps.marginOfError.isNegative()).toBe(false);
          if (interval === "wald")
            expect(nps.lower.lte(nps.score) && nps.score.lte(nps.upper)).toBe(true);
        },
      ),
    );
  });

  it("gives the same result for the list, any reordering and the group counts", () => {
    fc.assert(
      fc.property(answers, (scores) => {
        const nps = netPromoterScore(scores);
        const reversed = netPromoterScore([...scores].reverse());
        const sorted = netPromoterScore([...scores].sort((a, b) => a - b));
        const counts = netPromoterScore({
          promoters: nps.promoters,
          passives: nps.passives,
          detractors: nps.detractors,
        });
        for (const other of [reversed, sorted, counts]) {
          expect(other.score.eq(nps.score)).toBe(true);
          expect(other.marginOfError.eq(nps.marginOfError)).toBe(true);
        }
        expect(nps.promoters.plus(nps.passives).plus(nps.detractors).eq(scores.length)).toBe(true);
        const shares = nps.shares.promoters.plus(nps.shares.passives).plus(nps.shares.detractors);
        expect(shares.minus(1).abs().lt("1e-38")).toBe(true);
      }),
    );
  });

  it("narrows the margin as the same answers are repeated", () => {
    fc.assert(
      fc.property(answers, (scores) => {
        const once = netPromoterScore(scores).marginOfError;
        const four = netPromoterScore([...scores, ...scores, ...scores, ...scores]).marginOfError;
        expect(four.times(2).minus(once).abs().lt("1e-30")).toBe(true);
      }),
    );
  });
});
