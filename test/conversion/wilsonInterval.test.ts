import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, type ProportionIntervalMethod, round, wilsonInterval } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";
// mpmath at 350 digits: python3 test/fixtures/confidence/extreme_confidence.py
import edge from "../fixtures/confidence/extreme-confidence.json" with { type: "json" };
import extreme from "../fixtures/conversion/clopper-pearson-extreme.json" with { type: "json" };
import fixtures from "../fixtures/conversion/intervals.json" with { type: "json" };

function near(actual: Decimal, expected: string, tolerance = "1e-12"): void {
  const gap = actual.minus(expected).abs();
  if (gap.gt(tolerance)) {
    throw new Error(`${actual.toString()} differs from ${expected} by ${gap.toString()}`);
  }
}

const methods: ProportionIntervalMethod[] = [
  "wilson",
  "wilson-cc",
  "wald",
  "agresti-coull",
  "clopper-pearson",
];

describe("wilsonInterval", () => {
  it("gives the 95 % Wilson interval for 100 / 2,000 (documented example, checked with scipy binomtest)", () => {
    const { rate, lower, upper } = wilsonInterval({ successes: 100, trials: 2000 });
    expect(rate.toString()).toBe("0.05");
    expect(round(lower, 6).toString()).toBe("0.041281");
    expect(round(upper, 6).toString()).toBe("0.060444");
  });

  it("matches scipy's binomtest intervals for Wilson, Wald and Clopper–Pearson to 6 decimals", () => {
    // Computed with scipy 1.17 binomtest(...).proportion_ci; Wald unclipped in the table, so
    // rows whose Wald bounds leave [0, 1] (19/20) are compared after clipping.
    const table: [number, number, string[], string[], string[]][] = [
      [100, 2000, ["0.041281", "0.060444"], ["0.040448", "0.059552"], ["0.040864", "0.060482"]],
      [0, 10, ["0", "0.277533"], ["0", "0"], ["0", "0.308497"]],
      [10, 10, ["0.722467", "1"], ["1", "1"], ["0.691503", "1"]],
      [1, 1, ["0.206549", "1"], ["1", "1"], ["0.025", "1"]],
      [34, 40, ["0.709277", "0.929388"], ["0.739344", "0.960656"], ["0.701647", "0.942898"]],
      [19, 20, ["0.763869", "0.991119"], ["0.854483", "1"], ["0.751267", "0.998735"]],
      [45, 100, ["0.356145", "0.547554"], ["0.352493", "0.547507"], ["0.35032", "0.55272"]],
    ];
    for (const [x, n, wilson, wald, exact] of table) {
      const rows: [ProportionIntervalMethod, string[]][] = [
        ["wilson", wilson],
        ["wald", wald],
        ["clopper-pearson", exact],
      ];
      for (const [method, [lo, hi]] of rows) {
        const interval = wilsonInterval({ successes: x, trials: n }, { method });
        expect([round(interval.lower, 6).toString(), round(interval.upper, 6).toString()]).toEqual([
          lo,
          hi,
        ]);
      }
    }
  });

  it("matches public cross-checks: 1/1 -> [20.7 %, 100 %], 34/40 -> [70.9 %, 92.9 %]", () => {
    // confident-ai/deepeval PR #3077 quotes these Wilson intervals.
    const one = wilsonInterval({ successes: 1, trials: 1 });
    expect([round(one.lower, 3).toString(), one.upper.toString()]).toEqual(["0.207", "1"]);
    const many = wilsonInterval({ successes: 34, trials: 40 });
    expect([round(many.lower, 3).toString(), round(many.upper, 3).toString()]).toEqual([
      "0.709",
      "0.929",
    ]);
  });

  it("matches scipy / mpmath references for every method, level and edge count to 1e-13", () => {
    // test/fixtures/conversion/intervals.json, made by generate.py beside it, in mpmath at
    // 50 digits: Wilson and Wilson-cc cross-checked against scipy binomtest(...).proportion_ci
    // ('wilson', 'wilsoncc'); Clopper–Pearson solved on exact binomial tails with the exact
    // tail (1 - level)/2 and checked against scipy's 'exact' to 1e-12 (scipy takes the level
    // as a float, which moves its bounds by up to 4e-13); Wald and Agresti–Coull by formula.
    expect(fixtures.length).toBe(70);
    for (const row of fixtures) {
      for (const method of methods) {
        const interval = wilsonInterval(
          { successes: row.successes, trials: row.trials, confidence: row.confidence },
          { method },
        );
        const [lo, hi] = row[method] as [string, string];
        near(interval.lower, lo, "1e-13");
        near(interval.upper, hi, "1e-13");
        expect(interval.rate.eq(new Decimal(row.successes).div(row.trials))).toBe(true);
      }
    }
  });

  it("has exact 0 and 1 bounds at x = 0 and x = n, and Wald collapses there", () => {
    for (const method of methods) {
      expect(wilsonInterval({ successes: 0, trials: 25 }, { method }).lower.toString()).toBe("0");
      expect(wilsonInterval({ successes: 25, trials: 25 }, { method }).upper.toString()).toBe("1");
    }
    const wald = wilsonInterval({ successes: 0, trials: 25 }, { method: "wald" });
    expect([wald.lower.toString(), wald.upper.toString()]).toEqual(["0", "0"]);
    expect(wilsonInterval({ successes: 0, trials: 25 }).upper.gt(0)).toBe(true);
  });

  it("accepts the confidence as a number, string or Decimal, and every count kind", () => {
    const base = wilsonInterval({ successes: 45, trials: 100, confidence: 0.9 });
    for (const other of [
      wilsonInterval({ successes: "45", trials: 100n, confidence: "0.9" }),
      wilsonInterval({
        successes: new ForeignDecimal(45),
        trials: "1e2",
        confidence: new Decimal("0.9"),
      }),
    ]) {
      expect(other.lower.eq(base.lower) && other.upper.eq(base.upper)).toBe(true);
    }
  });

  it("handles very large counts", () => {
    const huge = wilsonInterval({ successes: 5n * 10n ** 17n, trials: 10n ** 19n });
    expect(huge.rate.toString()).toBe("0.05");
    near(huge.lower, "0.05", "1e-9");
    expect(huge.lower.lt("0.05") && huge.upper.gt("0.05")).toBe(true);
    const exact = wilsonInterval(
      { successes: 50_000, trials: 1_000_000 },
      { method: "clopper-pearson" },
    );
    expect(exact.lower.lt("0.05") && exact.upper.gt("0.05")).toBe(true);
  });

  it("keeps Clopper–Pearson bounds relatively accurate for tiny rates in huge samples", () => {
    // test/fixtures/conversion/clopper-pearson-extreme.json: exact binomial tails in mpmath.
    // scipy 1.17's 'exact' method is off in the third digit for 123 / 10^12 (it returns
    // 1.0240e-10 and 1.4711e-10); a naive incomplete beta in float64 does no better.
    expect(extreme.length).toBe(6);
    for (const row of extreme) {
      const input = { successes: row.successes, trials: row.trials, confidence: row.confidence };
      const { lower, upper } = wilsonInterval(input, { method: "clopper-pearson" });
      near(lower.div(row.lower), "1", "1e-12");
      near(upper.div(row.upper), "1", "1e-12");
      // The mirror image, n - x successes, has bounds 1 - upper and 1 - lower: the distance
      // from 1 is kept just as precisely.
      const mirror = wilsonInterval(
        { ...input, successes: row.trials - row.successes },
        { method: "clopper-pearson" },
      );
      near(new Decimal(1).minus(mirror.upper).div(row.lower), "1", "1e-12");
      near(new Decimal(1).minus(mirror.lower).div(row.upper), "1", "1e-12");
    }
  });

  it("limits Clopper–Pearson to 2^53 − 1 trials (float64), other methods have no limit", () => {
    const trials = 2n ** 53n;
    expect(
      errorOf(() => wilsonInterval({ successes: 1, trials }, { method: "clopper-pearson" })),
    ).toBe("OUT_OF_RANGE trials");
    const edge = wilsonInterval(
      { successes: 2n ** 52n, trials: trials - 1n },
      { method: "clopper-pearson" },
    );
    expect(edge.lower.lt("0.5") && edge.upper.gt("0.5")).toBe(true);
    expect(wilsonInterval({ successes: 1, trials: 10n ** 30n }).upper.gt(0)).toBe(true);
  });

  it("works on frozen input and returns a frozen result", () => {
    const input = Object.freeze({ successes: 3, trials: 7, confidence: "0.99" });
    const result = wilsonInterval(input, Object.freeze({ method: "agresti-coull" as const }));
    expect(Object.isFrozen(result)).toBe(true);
    expect(input).toEqual({ successes: 3, trials: 7, confidence: "0.99" });
  });

  it("throws INCONSISTENT when successes exceed trials", () => {
    expect(errorOf(() => wilsonInterval({ successes: 11, trials: 10 }))).toBe(
      "INCONSISTENT successes",
    );
  });

  it("throws ZERO_DENOMINATOR for no trials", () => {
    expect(errorOf(() => wilsonInterval({ successes: 0, trials: 0 }))).toBe(
      "ZERO_DENOMINATOR trials",
    );
  });

  it("gives finite bounds for 173 / 193 at confidence 0.9999999999999999 (formerly NaN)", () => {
    const { rate, lower, upper } = wilsonInterval({
      successes: 173,
      trials: 193,
      confidence: 0.9999999999999999,
    });
    expect(rate.toString()).toBe("0.8963730569948186528497409326424870466321");
    near(lower, "0.604016601122264406868604611122", "1e-15");
    near(upper, "0.980020940659095664741451864634", "1e-15");
  });

  describe.each(edge.wilson)(
    "at confidence $confidence ($successes / $trials), against mpmath",
    (row) => {
      it.each(methods)("%s", (method) => {
        const { lower, upper } = wilsonInterval(
          { successes: row.successes, trials: row.trials, confidence: row.confidence },
          { method },
        );
        const [low, high] = row[method];
        // Relative to the bound: the Clopper–Pearson lower bound of 5 / 40 is 2.4e-9.
        near(
          lower,
          low as string,
          new Decimal(low as string).times("1e-13").plus("1e-15").toString(),
        );
        near(upper, high as string, "1e-14");
      });
    },
  );

  it("throws OUT_OF_RANGE for a confidence outside (0, 1), or within 1e-300 of either end", () => {
    for (const confidence of [0, 1, "1.5", -0.5, "1e-301", `0.${"9".repeat(301)}`]) {
      expect(errorOf(() => wilsonInterval({ successes: 1, trials: 10, confidence }))).toBe(
        "OUT_OF_RANGE confidence",
      );
    }
  });

  it("throws NEGATIVE, NOT_INTEGER, INVALID_OPTION, NOT_A_NUMBER and NOT_FINITE", () => {
    expect(errorOf(() => wilsonInterval({ successes: -1, trials: 10 }))).toBe("NEGATIVE successes");
    expect(errorOf(() => wilsonInterval({ successes: 1, trials: 10.5 }))).toBe(
      "NOT_INTEGER trials",
    );
    expect(
      errorOf(() => wilsonInterval({ successes: 1, trials: 10 }, { method: "jeffreys" as never })),
    ).toBe("INVALID_OPTION method");
    expect(errorOf(() => wilsonInterval({ successes: 1, trials: 10, confidence: "95%" }))).toBe(
      "NOT_A_NUMBER confidence",
    );
    expect(errorOf(() => wilsonInterval({ successes: 1, trials: Number.NEGATIVE_INFINITY }))).toBe(
      "NOT_FINITE trials",
    );
    expect(errorOf(() => wilsonInterval(undefined as never))).toBe("NOT_A_NUMBER input");
  });

  it("contains the rate, stays in [0, 1], widens with confidence, and Clopper–Pearson contains Wilson's centre (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...methods),
        (n, share, method) => {
          const x = Math.floor(share * n);
          const narrow = wilsonInterval({ successes: x, trials: n, confidence: "0.8" }, { method });
          const wide = wilsonInterval({ successes: x, trials: n, confidence: "0.99" }, { method });
          for (const interval of [narrow, wide]) {
            expect(interval.lower.gte(0) && interval.upper.lte(1)).toBe(true);
            expect(interval.lower.lte(interval.rate) && interval.upper.gte(interval.rate)).toBe(
              true,
            );
          }
          expect(wide.lower.lte(narrow.lower) && wide.upper.gte(narrow.upper)).toBe(true);
        },
      ),
    );
  });

  it("is symmetric: the interval for n − x failures mirrors the one for x successes (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...methods),
        (n, share, method) => {
          const x = Math.floor(share * n);
          const a = wilsonInterval({ successes: x, trials: n }, { method });
          const b = wilsonInterval({ successes: n - x, trials: n }, { method });
          expect(a.lower.plus(b.upper).minus(1).abs().lte("1e-13")).toBe(true);
          expect(a.upper.plus(b.lower).minus(1).abs().lte("1e-13")).toBe(true);
        },
      ),
    );
  });
});
