import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  kaplanMeier,
  MetricInputError,
  type SurvivalSubject,
} from "../../../src/index.js";
// mpmath at 350 digits: python3 test/fixtures/confidence/extreme_confidence.py
import edge from "../../fixtures/confidence/extreme-confidence.json" with { type: "json" };
import vector from "../../fixtures/survival-and-rfm/km-ten-subscribers.json" with { type: "json" };

// Ten-subscriber test vector: 1, 2, 2+, 3, 4, 4, 5+, 6, 6+, 8+ (+ censored). Reference values
// computed with mpmath (40 digits) and checked against scipy.stats.ecdf on CensoredData,
// including its 'linear' and 'log-log' confidence intervals.
const subjects: SurvivalSubject[] = vector.durations.map((duration, i) => ({
  duration,
  churned: vector.churned[i] as boolean,
}));

const close = (actual: Decimal, expected: string, tolerance = "1e-10") =>
  expect(actual.minus(expected).abs().lte(tolerance), `${actual} ≈ ${expected}`).toBe(true);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
  return undefined;
}

describe("kaplanMeier", () => {
  it("reproduces the documented example", () => {
    const km = kaplanMeier(
      [1, 2, 2, 3, 4, 4, 5, 6, 6, 8].map((duration, i) => ({
        duration,
        churned: ![2, 6, 8, 9].includes(i),
      })),
    );
    expect(km.points[3]?.survival.toDecimalPlaces(6).toString()).toBe("0.457143");
    expect(km.median?.toString()).toBe("4");
  });

  it("matches the mpmath reference (checked with scipy.stats.ecdf): survival, Greenwood errors and the linear 95 % band", () => {
    const km = kaplanMeier(subjects);
    expect(km.points).toHaveLength(vector.points.length);
    km.points.forEach((point, i) => {
      const expected = vector.points[i] as (typeof vector.points)[number];
      expect(point.time.toString()).toBe(String(expected.time));
      expect([point.atRisk, point.churned, point.censored]).toEqual([
        expected.atRisk,
        expected.churned,
        expected.censored,
      ]);
      close(point.survival, expected.survival);
      close(point.standardError, expected.standardError);
      close(point.lower, expected.linearLower);
      close(point.upper, expected.linearUpper);
    });
    // The same figures rounded to 6 places, as in the guide's table.
    const at4 = km.points[3];
    expect(at4?.survival.toDecimalPlaces(6).toString()).toBe("0.457143");
    expect(at4?.standardError.toDecimalPlaces(6).toString()).toBe("0.166178");
    expect(at4?.lower.toDecimalPlaces(6).toString()).toBe("0.13144");
    expect(at4?.upper.toDecimalPlaces(6).toString()).toBe("0.782846");
    expect(km.points[5]?.survival.toDecimalPlaces(6).toString()).toBe("0.304762");
    expect(km.median?.toString()).toBe("4");
  });

  it("keeps survival an exact product where the ratios terminate", () => {
    const km = kaplanMeier(subjects);
    expect(km.points[0]?.survival.toString()).toBe("0.9");
    expect(km.points[1]?.survival.toString()).toBe("0.8");
    // 0.8 · 6/7 · 4/6 = 16/35
    close(km.points[3]?.survival as Decimal, new Decimal(16).div(35).toString(), "1e-35");
  });

  it("computes the log-log band like scipy and lifelines", () => {
    const km = kaplanMeier(subjects, { band: "log-log" });
    km.points.forEach((point, i) => {
      const expected = vector.points[i] as (typeof vector.points)[number];
      close(point.lower, expected.logLogLower);
      close(point.upper, expected.logLogUpper);
      expect(point.lower.lte(point.survival) && point.survival.lte(point.upper)).toBe(true);
    });
  });

  it("widens the band with the confidence level", () => {
    const narrow = kaplanMeier(subjects, { confidence: 0.8 }).points[3];
    const wide = kaplanMeier(subjects, { confidence: "0.99" }).points[3];
    expect(wide?.lower.lt(narrow?.lower as Decimal)).toBe(true);
    expect(wide?.upper.gt(narrow?.upper as Decimal)).toBe(true);
  });

  it("gives finite bands at confidence '0.99999999999999999999' (formerly Infinity), against mpmath", () => {
    for (const band of ["linear", "log-log"] as const) {
      const km = kaplanMeier(subjects, { confidence: "0.99999999999999999999", band });
      km.points.forEach((point, i) => {
        const expected = edge.kaplanMeier.points[i] as (typeof edge.kaplanMeier.points)[number];
        const [lower, upper] = band === "linear" ? expected.linear : expected.logLog;
        // The log-log lower bound reaches 7.7e-522: compare it relative to its size.
        const lowTolerance = new Decimal(lower as string).times("1e-11").plus("1e-14");
        close(point.lower, lower as string, lowTolerance.toString());
        close(point.upper, upper as string, "1e-14");
      });
    }
  });

  it("orders churn before censoring at tied times", () => {
    // Two subjects at time 2, one churned and one censored: both at risk at 2.
    const km = kaplanMeier([
      { duration: 2, churned: false },
      { duration: 2, churned: true },
    ]);
    expect(km.points).toHaveLength(1);
    expect(km.points[0]?.atRisk).toBe(2);
    expect(km.points[0]?.survival.toString()).toBe("0.5");
    expect(km.median?.toString()).toBe("2");
  });

  it("gives S = 1 and no median when everyone is censored", () => {
    const km = kaplanMeier(
      [3, 5, 5, 9].map((duration) => ({ duration, churned: false })),
      { band: "log-log" },
    );
    expect(km.points.map((p) => p.survival.toString())).toEqual(["1", "1", "1"]);
    expect(km.points.map((p) => p.standardError.toString())).toEqual(["0", "0", "0"]);
    expect(km.points.every((p) => p.lower.eq(1) && p.upper.eq(1))).toBe(true);
    expect(km.median).toBeNull();
  });

  it("drops to zero with a zero error and band when everyone churns at once", () => {
    for (const band of ["linear", "log-log"] as const) {
      const km = kaplanMeier(
        [4, 4, 4].map((duration) => ({ duration, churned: true })),
        { band },
      );
      expect(km.points).toHaveLength(1);
      const [p] = km.points;
      expect([p?.atRisk, p?.churned, p?.censored]).toEqual([3, 3, 0]);
      expect(p?.survival.toString()).toBe("0");
      expect(p?.standardError.toString()).toBe("0");
      expect([p?.lower.toString(), p?.upper.toString()]).toEqual(["0", "0"]);
      expect(km.median?.toString()).toBe("4");
    }
  });

  it("stops at zero at risk: later times keep S = 0", () => {
    const km = kaplanMeier([
      { duration: 1, churned: true },
      { duration: 2, churned: true },
    ]);
    expect(km.points.map((p) => [p.atRisk, p.survival.toString()])).toEqual([
      [2, "0.5"],
      [1, "0"],
    ]);
    expect(km.median?.toString()).toBe("1");
  });

  it("accepts a single subject and duration 0", () => {
    const km = kaplanMeier([{ duration: 0, churned: true }]);
    expect(km.points[0]?.time.toString()).toBe("0");
    expect(km.points[0]?.survival.toString()).toBe("0");
  });

  it("reads string, bigint and Decimal durations alike", () => {
    const forms = [
      [1, 2.5],
      ["1", "2.50"],
      [1n, new Decimal("2.5")],
    ] as const;
    const results = forms.map((pair) =>
      kaplanMeier([
        { duration: pair[0], churned: true },
        { duration: pair[1], churned: false },
      ]).points.map((p) => `${p.time}:${p.survival}:${p.standardError}`),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it("handles many subjects", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      duration: i % 50,
      churned: i % 3 !== 0,
    }));
    const km = kaplanMeier(many);
    expect(km.points).toHaveLength(50);
    expect(km.points[0]?.atRisk).toBe(20_000);
    expect(km.median).not.toBeNull();
  });

  describe("subjects given by dates", () => {
    it("counts calendar days from start to end, or to asOf when still active", () => {
      const km = kaplanMeier(
        [
          { start: "2024-01-01", end: "2024-01-31", churned: true },
          { start: "2024-01-10", churned: false },
          { start: "2024-01-05T23:30", end: "2024-01-06T00:10", churned: true },
        ],
        { asOf: "2024-02-09" },
      );
      expect(km.points.map((p) => p.time.toString())).toEqual(["1", "30"]);
      expect(km.points.map((p) => [p.churned, p.censored])).toEqual([
        [1, 0],
        [1, 1],
      ]);
    });

    it("counts days in the given time zone", () => {
      // 23:30 UTC on 5 Jan is 05:15 on 6 Jan in Kathmandu: the same day as the end.
      const subject = {
        start: "2024-01-05T23:30:00Z",
        end: "2024-01-06T10:00:00Z",
        churned: true,
      };
      expect(kaplanMeier([subject]).points[0]?.time.toString()).toBe("1");
      expect(
        kaplanMeier([subject], { timeZone: "Asia/Kathmandu" }).points[0]?.time.toString(),
      ).toBe("0");
    });

    it("converts days to weeks, mean Gregorian months and years", () => {
      const subject = { start: "2023-01-01", end: "2024-01-01", churned: true };
      const time = (unit: "week" | "month" | "year") =>
        kaplanMeier([subject], { unit }).points[0]?.time as Decimal;
      expect(time("week").eq(new Decimal(365).div(7))).toBe(true);
      expect(time("month").eq(new Decimal(365).div("30.436875"))).toBe(true);
      expect(time("year").eq(new Decimal(365).div("365.2425"))).toBe(true);
      // 4 weeks exactly
      const fourWeeks = kaplanMeier([{ start: "2024-03-01", end: "2024-03-29", churned: true }], {
        unit: "week",
      });
      expect(fourWeeks.points[0]?.time.toString()).toBe("4");
    });

    it("mixes duration and date subjects", () => {
      const km = kaplanMeier([
        { duration: 3, churned: true },
        { start: "2024-01-01", end: "2024-01-04", churned: false },
      ]);
      expect(km.points).toHaveLength(1);
      expect([km.points[0]?.churned, km.points[0]?.censored]).toEqual([1, 1]);
    });
  });

  it("does not mutate frozen input", () => {
    const frozen = Object.freeze(subjects.map((s) => Object.freeze({ ...s })));
    expect(kaplanMeier(frozen).median?.toString()).toBe("4");
  });

  describe("errors", () => {
    it.each([
      ["EMPTY subjects", () => kaplanMeier([])],
      [
        "NEGATIVE subjects[1].duration",
        () =>
          kaplanMeier([
            { duration: 1, churned: true },
            { duration: -1, churned: true },
          ]),
      ],
      ["NOT_A_NUMBER subjects[0].duration", () => kaplanMeier([{ duration: "x", churned: true }])],
      [
        "NOT_FINITE subjects[0].duration",
        () => kaplanMeier([{ duration: Number.POSITIVE_INFINITY, churned: true }]),
      ],
      // @ts-expect-error churned must be a boolean
      ["NOT_A_NUMBER subjects[0].churned", () => kaplanMeier([{ duration: 1, churned: 1 }])],
      // @ts-expect-error a subject must be an object
      ["NOT_A_NUMBER subjects[0]", () => kaplanMeier([null])],
      // @ts-expect-error subjects must be iterable
      ["NOT_A_NUMBER subjects", () => kaplanMeier(5)],
      [
        "INCONSISTENT subjects[0].end",
        () => kaplanMeier([{ start: "2024-02-01", end: "2024-01-01", churned: true }]),
      ],
      [
        "INCONSISTENT subjects[0].end",
        () => kaplanMeier([{ start: "2024-02-01", churned: true }], { asOf: "2024-03-01" }),
      ],
      [
        "INCONSISTENT asOf",
        () => kaplanMeier([{ start: "2024-02-01", churned: false }], { asOf: "2024-01-01" }),
      ],
      ["INVALID_DATE asOf", () => kaplanMeier([{ start: "2024-02-01", churned: false }])],
      [
        "INVALID_DATE subjects[0].start",
        () => kaplanMeier([{ start: "2024-02-30", end: "2024-03-01", churned: true }]),
      ],
      [
        "INVALID_DATE subjects[0].end",
        () => kaplanMeier([{ start: "2024-02-01", end: "soon", churned: true }]),
      ],
      ["INVALID_DATE asOf", () => kaplanMeier([{ duration: 1, churned: true }], { asOf: "never" })],
      ["OUT_OF_RANGE confidence", () => kaplanMeier(subjects, { confidence: 1 })],
      ["OUT_OF_RANGE confidence", () => kaplanMeier(subjects, { confidence: 0 })],
      ["OUT_OF_RANGE confidence", () => kaplanMeier(subjects, { confidence: "1e-301" })],
      [
        "OUT_OF_RANGE confidence",
        () => kaplanMeier(subjects, { confidence: `0.${"9".repeat(301)}` }),
      ],
      // @ts-expect-error unknown band
      ["INVALID_OPTION band", () => kaplanMeier(subjects, { band: "log" })],
      // @ts-expect-error unknown unit
      ["INVALID_OPTION unit", () => kaplanMeier(subjects, { unit: "quarter" })],
      ["INVALID_OPTION timeZone", () => kaplanMeier(subjects, { timeZone: "Mars/Olympus" })],
      // @ts-expect-error options must be an object
      ["INVALID_OPTION options", () => kaplanMeier(subjects, 3)],
    ] as const)("throws %s", (expected, run) => {
      expect(codeOf(run)).toBe(expected);
    });

    it("names the field in the message", () => {
      expect(() => kaplanMeier([{ duration: -2, churned: true }])).toThrow(
        "kaplanMeier: subjects[0].duration must not be negative (received -2)",
      );
    });
  });

  describe("properties", () => {
    const subjectArb = fc.record({
      duration: fc.integer({ min: 0, max: 30 }),
      churned: fc.boolean(),
    });
    it("survival is non-increasing, in [0, 1], inside its band; at-risk counts add up", () => {
      fc.assert(
        fc.property(
          fc.array(subjectArb, { minLength: 1, maxLength: 60 }),
          fc.boolean(),
          (list, logLog) => {
            const km = kaplanMeier(list, { band: logLog ? "log-log" : "linear" });
            let previous = new Decimal(1);
            let expectedAtRisk = list.length;
            for (const p of km.points) {
              expect(p.survival.lte(previous)).toBe(true);
              expect(p.survival.gte(0)).toBe(true);
              expect(p.lower.gte(0) && p.upper.lte(1)).toBe(true);
              expect(p.lower.lte(p.survival) && p.survival.lte(p.upper)).toBe(true);
              expect(p.standardError.gte(0)).toBe(true);
              expect(p.atRisk).toBe(expectedAtRisk);
              expectedAtRisk -= p.churned + p.censored;
              previous = p.survival;
            }
            expect(expectedAtRisk).toBe(0);
          },
        ),
      );
    });
    it("does not depend on input order", () => {
      fc.assert(
        fc.property(fc.array(subjectArb, { minLength: 1, maxLength: 40 }), (list) => {
          const a = kaplanMeier(list);
          const b = kaplanMeier([...list].reverse());
          expect(b.points.map((p) => p.survival.toString())).toEqual(
            a.points.map((p) => p.survival.toString()),
          );
          expect(b.median?.toString()).toBe(a.median?.toString());
        }),
      );
    });
    it("equals the naive share retained when nobody is censored", () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 50 }),
          (durations) => {
            const km = kaplanMeier(durations.map((duration) => ({ duration, churned: true })));
            for (const p of km.points) {
              const beyond = durations.filter((d) => d > p.time.toNumber()).length;
              expect(
                p.survival.minus(new Decimal(beyond).div(durations.length)).abs().lt("1e-30"),
              ).toBe(true);
            }
          },
        ),
      );
    });
  });
});
