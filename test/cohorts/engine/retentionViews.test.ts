import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CohortTable,
  cohortAnalysis,
  Decimal,
  MetricInputError,
  round,
  wilsonInterval,
} from "../../../src/index.js";

/** The interval of a rate, as the views return it. */
interface RateInterval {
  readonly lower: Decimal;
  readonly upper: Decimal;
}

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 10);
const ev = (customerId: string, day: number) => ({ customerId, at: D0 + day * DAY });

/**
 * The toy log of docs/cohorts.md without F: days A 0,1,3 · B 0,2 · C 0 · D 0,1,2,3 · E 1,3.
 * Day-0 cohort {A, B, C, D} (4), day-1 cohort {E} (1).
 * Classic retained / size:   day 0: 4/4 2/4 2/4 2/4 · day 1: 1/1 0/1 1/1 (k = 3 beyond data)
 * Pooled Σ retained / Σ size: 5/5 2/5 3/5 2/4 (k = 3 pools the day-0 cohort only).
 */
const TOY = [
  ev("A", 0),
  ev("A", 1),
  ev("A", 3),
  ev("B", 0),
  ev("B", 2),
  ev("C", 0),
  ev("D", 0),
  ev("D", 1),
  ev("D", 2),
  ev("D", 3),
  ev("E", 1),
  ev("E", 3),
];

/**
 * Wilson score bounds at 95 %, from the closed form
 *   (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n),  z = √2·erfinv(0.95),
 * evaluated with 50-digit mpmath (python3: `mp.mp.dps = 50; z = mp.sqrt(2) * mp.erfinv(
 * mp.mpf('0.95'))`, then the formula; bounds exactly 0 at x = 0 and 1 at x = n), printed to
 * 17 digits. Keyed "x/n".
 */
const WILSON_95: Record<string, readonly [string, string]> = {
  "4/4": ["0.51010916354540264", "1"],
  "2/4": ["0.15003898915214949", "0.84996101084785051"],
  "1/1": ["0.20654931437723739", "1"],
  "0/1": ["0", "0.79345068562276261"],
  "5/5": ["0.56551753521682518", "1"],
  "2/5": ["0.1176207742326479", "0.76927571872398707"],
  "3/5": ["0.23072428127601293", "0.8823792257673521"],
  "3/4": ["0.30064184258240188", "0.95441273919029944"],
  "4/5": ["0.37553462976252527", "0.96377589136756984"],
};

/** The same formula with z = √2·erfinv(0.9) (mpmath, 50 digits). */
const WILSON_90: Record<string, readonly [string, string]> = {
  "2/4": ["0.1824001632546449", "0.8175998367453551"],
  "2/5": ["0.14270647201921303", "0.72751682813380725"],
};

/**
 * Clopper–Pearson at 95 %: scipy.stats.beta.ppf(0.025, x, n − x + 1) and
 * beta.ppf(0.975, x + 1, n − x) (0 at x = 0, 1 at x = n).
 */
const CLOPPER_PEARSON_95: Record<string, readonly [string, string]> = {
  "2/4": ["0.06758598648854294", "0.932414013511457"],
  "0/1": ["0", "0.975"],
  "2/5": ["0.052744950526316906", "0.8533672003653268"],
};

/** Asserts an interval agrees with a reference to 1e-14 (the library's bounds err below ~1e-15). */
function expectNear(actual: RateInterval | null | undefined, expected: readonly [string, string]) {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  const { lower, upper } = actual as RateInterval;
  expect(lower.minus(expected[0]).abs().lt("1e-14")).toBe(true);
  expect(upper.minus(expected[1]).abs().lt("1e-14")).toBe(true);
}

/** The interval `wilsonInterval` gives for x of n, as the views should. */
function fromWilson(x: number, n: number, confidence?: string, method?: "clopper-pearson") {
  const r = wilsonInterval(
    confidence === undefined
      ? { successes: x, trials: n }
      : { successes: x, trials: n, confidence },
    method === undefined ? {} : { method },
  );
  return { lower: r.lower.toString(), upper: r.upper.toString() };
}

const text = (i: RateInterval | null | undefined) =>
  i === null || i === undefined ? i : { lower: i.lower.toString(), upper: i.upper.toString() };
const strings = (xs: readonly (Decimal | null)[]) =>
  xs.map((x) => (x === null ? null : x.toString()));

function expectError(f: () => unknown, code: string, field: string, fn: string) {
  let caught: unknown;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricInputError);
  const e = caught as MetricInputError;
  expect(e.code).toBe(code);
  expect(e.field).toBe(field);
  expect(e.message.startsWith(`${fn}: ${field} `)).toBe(true);
}

describe("table.retention({ intervals })", () => {
  const table = cohortAnalysis(TOY, { period: "day" });

  it("gives every cell the Wilson interval of retained of size, by the closed form", () => {
    const r = table.retention({ intervals: {} });
    expect(strings(r.cohorts[0]?.rates ?? [])).toEqual(["1", "0.5", "0.5", "0.5"]);
    expect(strings(r.cohorts[1]?.rates ?? [])).toEqual(["1", "0", "1", null]);
    const day0 = r.cohorts[0]?.intervals ?? [];
    const day1 = r.cohorts[1]?.intervals ?? [];
    expectNear(day0[0], WILSON_95["4/4"] ?? ["", ""]);
    for (const k of [1, 2, 3]) expectNear(day0[k], WILSON_95["2/4"] ?? ["", ""]);
    expectNear(day1[0], WILSON_95["1/1"] ?? ["", ""]);
    expectNear(day1[1], WILSON_95["0/1"] ?? ["", ""]);
    expectNear(day1[2], WILSON_95["1/1"] ?? ["", ""]);
    // Period 3 of the day-1 cohort is beyond the data: no rate, no interval.
    expect(day1[3]).toBeNull();
  });

  it("gives every cell exactly the interval wilsonInterval gives for the same counts", () => {
    const r = table.retention({ intervals: {} });
    expect(r.cohorts.map((c) => c.intervals.map(text))).toEqual([
      [fromWilson(4, 4), fromWilson(2, 4), fromWilson(2, 4), fromWilson(2, 4)],
      [fromWilson(1, 1), fromWilson(0, 1), fromWilson(1, 1), null],
    ]);
  });

  it("gives the pooled average the interval of Σ retained of Σ sizes trials", () => {
    const r = table.retention({ intervals: {} });
    expect(strings(r.average)).toEqual(["1", "0.4", "0.6", "0.5"]);
    expectNear(r.averageIntervals[0], WILSON_95["5/5"] ?? ["", ""]);
    expectNear(r.averageIntervals[1], WILSON_95["2/5"] ?? ["", ""]);
    expectNear(r.averageIntervals[2], WILSON_95["3/5"] ?? ["", ""]);
    // Only the day-0 cohort has period 3: 2 of 4.
    expectNear(r.averageIntervals[3], WILSON_95["2/4"] ?? ["", ""]);
    expect(r.averageIntervals.map(text)).toEqual([
      fromWilson(5, 5),
      fromWilson(2, 5),
      fromWilson(3, 5),
      fromWilson(2, 4),
    ]);
  });

  it("takes the confidence level and the method of wilsonInterval", () => {
    const r90 = table.retention({ intervals: { confidence: "0.9" } });
    expectNear(r90.cohorts[0]?.intervals[1], WILSON_90["2/4"] ?? ["", ""]);
    expectNear(r90.averageIntervals[1], WILSON_90["2/5"] ?? ["", ""]);
    const cp = table.retention({ intervals: { method: "clopper-pearson" } });
    expectNear(cp.cohorts[0]?.intervals[1], CLOPPER_PEARSON_95["2/4"] ?? ["", ""]);
    expectNear(cp.cohorts[1]?.intervals[1], CLOPPER_PEARSON_95["0/1"] ?? ["", ""]);
    expectNear(cp.averageIntervals[1], CLOPPER_PEARSON_95["2/5"] ?? ["", ""]);
    expect(text(cp.cohorts[0]?.intervals[1])).toEqual(
      fromWilson(2, 4, undefined, "clopper-pearson"),
    );
  });

  it("has intervals in unbounded mode: 3 of 4 and 1 of 1 at k = 1, pooled 4 of 5", () => {
    const r = table.retention({ mode: "unbounded", intervals: {} });
    expect(strings(r.cohorts[0]?.rates ?? [])).toEqual(["1", "0.75", "0.75", "0.5"]);
    expectNear(r.cohorts[0]?.intervals[1], WILSON_95["3/4"] ?? ["", ""]);
    expectNear(r.cohorts[1]?.intervals[1], WILSON_95["1/1"] ?? ["", ""]);
    expectNear(r.averageIntervals[1], WILSON_95["4/5"] ?? ["", ""]);
  });

  it("has intervals in bracket mode: days 1–2 retain A, B, D of 4 and E of 1", () => {
    const r = table.retention({ mode: { brackets: [[1, 2]] }, intervals: {} });
    expect(strings(r.average)).toEqual(["0.8"]);
    expectNear(r.cohorts[0]?.intervals[0], WILSON_95["3/4"] ?? ["", ""]);
    expectNear(r.cohorts[1]?.intervals[0], WILSON_95["1/1"] ?? ["", ""]);
    expectNear(r.averageIntervals[0], WILSON_95["4/5"] ?? ["", ""]);
  });

  it("gives incomplete cells and averages of no complete cohort a null interval", () => {
    // asOf in the middle of day 3: day 3 is incomplete (day-0 cohort k = 3, day-1 cohort k = 2).
    const t = cohortAnalysis(TOY, { period: "day", asOf: new Date(D0 + 3.5 * DAY) });
    const r = t.retention({ intervals: {} });
    expect(strings(r.cohorts[0]?.rates ?? [])).toEqual(["1", "0.5", "0.5", null]);
    expect(r.cohorts[0]?.intervals[3]).toBeNull();
    expect(r.cohorts[1]?.intervals[2]).toBeNull();
    expect(r.cohorts[1]?.intervals[3]).toBeNull();
    expect(r.average[3]).toBeNull();
    expect(r.averageIntervals[3]).toBeNull();
    // k = 2 pools the day-0 cohort only: 2 of 4.
    expectNear(r.averageIntervals[2], WILSON_95["2/4"] ?? ["", ""]);
  });

  it("documents the unbounded average of the toy log", () => {
    expect(table.retention({ mode: "unbounded" }).average.map(String)).toEqual([
      "1",
      "0.8",
      "0.8",
      "0.5",
    ]);
  });

  it("documents the pooled Day-1 interval of the toy log", () => {
    const r = table.retention({ intervals: {} });
    expect(r.average[1]?.toString()).toBe("0.4");
    expect(round(r.averageIntervals[1]?.lower ?? 0, 4).toString()).toBe("0.1176");
    expect(round(r.averageIntervals[1]?.upper ?? 0, 4).toString()).toBe("0.7693");
  });

  it("leaves the result without intervals unchanged when they are not asked for", () => {
    const r = table.retention();
    expect(Object.keys(r).sort()).toEqual(["average", "cohorts"]);
    expect(Object.keys(r.cohorts[0] ?? {}).sort()).toEqual(["key", "rates", "size"]);
    expect(
      JSON.parse(JSON.stringify(table.retention({ intervals: {} }))).averageIntervals[1],
    ).toEqual(fromWilson(2, 5));
  });

  it("has no cohorts and no averages for the table of no events", () => {
    const r = cohortAnalysis([], { period: "day" }).retention({ intervals: {} });
    expect(r.cohorts).toEqual([]);
    expect(r.average).toEqual([]);
    expect(r.averageIntervals).toEqual([]);
  });

  it("returns frozen results and leaves frozen options alone", () => {
    const options = Object.freeze({
      mode: Object.freeze({ brackets: Object.freeze([Object.freeze([1, 2] as const)]) }),
      intervals: Object.freeze({ confidence: "0.9", method: "wilson" as const }),
    });
    const r = table.retention(options);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.averageIntervals)).toBe(true);
    expect(Object.isFrozen(r.cohorts[0]?.intervals)).toBe(true);
    expect(Object.isFrozen(r.cohorts[0]?.intervals[0])).toBe(true);
    expect(options.intervals).toEqual({ confidence: "0.9", method: "wilson" });
  });
});

describe("table.retentionAt(k)", () => {
  const table = cohortAnalysis(TOY, { period: "day" });

  it("documents the Day-1 trend of the toy log", () => {
    const trend = table.retentionAt(1, { intervals: {} });
    expect(trend.cohorts.map((c) => `${c.key}: ${c.retained}/${c.size}`)).toEqual([
      "2024-01-10: 2/4",
      "2024-01-11: 0/1",
    ]);
    expect(trend.average?.toString()).toBe("0.4");
    const interval = trend.averageInterval as RateInterval;
    expect(round(interval.lower, 4).toString()).toBe("0.1176");
    expect(round(interval.upper, 4).toString()).toBe("0.7693");
  });

  it("gives one point per cohort in order with key, start, size, retained and rate", () => {
    const trend = table.retentionAt(2);
    expect(trend.k).toBe(2);
    expect(
      trend.cohorts.map((c) => ({ ...c, rate: c.rate === null ? null : c.rate.toString() })),
    ).toEqual([
      { key: "2024-01-10", start: "2024-01-10T00:00:00.000Z", size: 4, retained: 2, rate: "0.5" },
      { key: "2024-01-11", start: "2024-01-11T00:00:00.000Z", size: 1, retained: 1, rate: "1" },
    ]);
    expect(trend.average?.toString()).toBe("0.6");
    expect("averageInterval" in trend).toBe(false);
    expect("interval" in (trend.cohorts[0] ?? {})).toBe(false);
  });

  it("gives null where k is beyond a cohort's data, and beyond every cohort's", () => {
    const at3 = table.retentionAt(3, { intervals: {} });
    expect(at3.cohorts.map((c) => [c.retained, c.rate?.toString() ?? null])).toEqual([
      [2, "0.5"],
      [null, null],
    ]);
    expect(at3.cohorts[1]?.interval).toBeNull();
    expectNear(at3.averageInterval, WILSON_95["2/4"] ?? ["", ""]);
    const at9 = table.retentionAt(9, { intervals: {} });
    expect(at9.cohorts.map((c) => [c.retained, c.rate, c.interval])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(at9.average).toBeNull();
    expect(at9.averageInterval).toBeNull();
  });

  it("gives null where period k of a cohort is incomplete at asOf", () => {
    const t = cohortAnalysis(TOY, { period: "day", asOf: new Date(D0 + 3.5 * DAY) });
    const at2 = t.retentionAt(2, { intervals: {} });
    expect(at2.cohorts.map((c) => c.retained)).toEqual([2, null]);
    expect(at2.cohorts[1]?.interval).toBeNull();
    expect(at2.average?.toString()).toBe("0.5");
  });

  it("gives each point and the average the intervals by the closed form", () => {
    const trend = table.retentionAt(1, { intervals: {} });
    expectNear(trend.cohorts[0]?.interval, WILSON_95["2/4"] ?? ["", ""]);
    expectNear(trend.cohorts[1]?.interval, WILSON_95["0/1"] ?? ["", ""]);
    expectNear(trend.averageInterval, WILSON_95["2/5"] ?? ["", ""]);
    const cp = table.retentionAt(1, { intervals: { method: "clopper-pearson" } });
    expectNear(cp.cohorts[0]?.interval, CLOPPER_PEARSON_95["2/4"] ?? ["", ""]);
    expectNear(cp.averageInterval, CLOPPER_PEARSON_95["2/5"] ?? ["", ""]);
  });

  it("reads k as the bracket index in bracket mode", () => {
    const trend = table.retentionAt(1, {
      mode: {
        brackets: [
          [0, 0],
          [1, 2],
        ],
      },
      intervals: {},
    });
    expect(trend.cohorts.map((c) => c.retained)).toEqual([3, 1]);
    expect(trend.average?.toString()).toBe("0.8");
    expectNear(trend.averageInterval, WILSON_95["4/5"] ?? ["", ""]);
  });

  it("counts unbounded retention: k = 1 or later", () => {
    expect(table.retentionAt(1, { mode: "unbounded" }).cohorts.map((c) => c.retained)).toEqual([
      3, 1,
    ]);
  });
});

describe("retention views: bad options", () => {
  const table = cohortAnalysis(TOY, { period: "day" });

  it("rejects intervals that are not an object", () => {
    expectError(
      () => table.retention({ intervals: "yes" as never }),
      "INVALID_OPTION",
      "intervals",
      "retention",
    );
    expectError(
      () => table.retentionAt(1, { intervals: [] as never }),
      "INVALID_OPTION",
      "intervals",
      "retentionAt",
    );
    expectError(
      () => table.retention({ intervals: null as never }),
      "INVALID_OPTION",
      "intervals",
      "retention",
    );
  });

  it("rejects a confidence level outside (0, 1) and one that is not a number", () => {
    expectError(
      () => table.retention({ intervals: { confidence: 1 } }),
      "OUT_OF_RANGE",
      "intervals.confidence",
      "retention",
    );
    expectError(
      () => table.retentionAt(0, { intervals: { confidence: 0 } }),
      "OUT_OF_RANGE",
      "intervals.confidence",
      "retentionAt",
    );
    expectError(
      () => table.retention({ intervals: { confidence: "ninety" } }),
      "NOT_A_NUMBER",
      "intervals.confidence",
      "retention",
    );
  });

  it("rejects an unknown method", () => {
    expectError(
      () => table.retention({ intervals: { method: "bayes" as never } }),
      "INVALID_OPTION",
      "intervals.method",
      "retention",
    );
    expectError(
      () => table.retentionAt(0, { intervals: { method: "bayes" as never } }),
      "INVALID_OPTION",
      "intervals.method",
      "retentionAt",
    );
  });

  it("rejects a k that is not a whole non-negative number", () => {
    expectError(() => table.retentionAt(-1), "NEGATIVE", "k", "retentionAt");
    expectError(() => table.retentionAt(1.5), "NOT_INTEGER", "k", "retentionAt");
    expectError(() => table.retentionAt(Number.NaN), "NOT_A_NUMBER", "k", "retentionAt");
    expectError(() => table.retentionAt(2 ** 60), "OUT_OF_RANGE", "k", "retentionAt");
  });

  it("rejects a bracket index beyond the brackets", () => {
    expectError(
      () => table.retentionAt(1, { mode: { brackets: [[1, 2]] } }),
      "OUT_OF_RANGE",
      "k",
      "retentionAt",
    );
  });

  it("names retentionAt in errors of the mode and of the options object", () => {
    expectError(
      () => table.retentionAt(0, { mode: "sideways" as never }),
      "INVALID_OPTION",
      "mode",
      "retentionAt",
    );
    expectError(
      () => table.retentionAt(0, { mode: { brackets: [[2, 1]] } }),
      "INVALID_OPTION",
      "mode.brackets[0]",
      "retentionAt",
    );
    expectError(() => table.retentionAt(0, 7 as never), "INVALID_OPTION", "options", "retentionAt");
  });
});

/** Customers with their active days (0–7), the first one their cohort's day. */
const logs = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 5 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 5 }),
  ),
  { maxLength: 25 },
);

function tableOf(log: readonly (readonly [number, readonly number[]])[], asOfDay: number | null) {
  const events = log.flatMap(([first, days], i) => [
    ev(`c${i}`, first),
    ...days.map((d) => ev(`c${i}`, first + d)),
  ]);
  return cohortAnalysis(
    events,
    asOfDay === null ? { period: "day" } : { period: "day", asOf: new Date(D0 + asOfDay * DAY) },
  );
}

const modes = fc.oneof(
  fc.constant("classic" as const),
  fc.constant("unbounded" as const),
  fc
    .array(
      fc
        .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 4 }))
        .map(([from, extra]) => [from, from + extra] as const),
      { minLength: 1, maxLength: 4 },
    )
    .map((brackets) => ({ brackets })),
);

const intervalOptions = fc.record(
  {
    confidence: fc.constantFrom("0.5", "0.8", "0.9", "0.95", "0.99", "0.999999"),
    method: fc.constantFrom(
      "wilson" as const,
      "wilson-cc" as const,
      "wald" as const,
      "agresti-coull" as const,
      "clopper-pearson" as const,
    ),
  },
  { requiredKeys: [] },
);

function columnsOf(table: CohortTable, mode: unknown): number {
  if (typeof mode === "object" && mode !== null)
    return (mode as { brackets: unknown[] }).brackets.length;
  return Math.max(0, ...table.cohorts.map((c) => c.active.length));
}

describe("retention views: properties", () => {
  it("every interval contains its rate and lies in [0, 1]; null exactly where the rate is", () => {
    fc.assert(
      fc.property(
        logs,
        fc.option(fc.float({ min: Math.fround(0.5), max: 12, noNaN: true })),
        modes,
        intervalOptions,
        (log, asOf, mode, intervals) => {
          const r = tableOf(log, asOf).retention({ mode, intervals });
          const pairs: [Decimal | null, RateInterval | null][] = [
            ...r.cohorts.flatMap((c) =>
              c.rates.map(
                (rate, k) =>
                  [rate, c.intervals[k] ?? null] as [Decimal | null, RateInterval | null],
              ),
            ),
            ...r.average.map(
              (rate, k) =>
                [rate, r.averageIntervals[k] ?? null] as [Decimal | null, RateInterval | null],
            ),
          ];
          for (const [rate, interval] of pairs) {
            expect(interval === null).toBe(rate === null);
            if (rate === null || interval === null) continue;
            expect(interval.lower.gte(0)).toBe(true);
            expect(interval.lower.lte(rate)).toBe(true);
            expect(rate.lte(interval.upper)).toBe(true);
            expect(interval.upper.lte(1)).toBe(true);
          }
        },
      ),
    );
  });

  it("the trend at k is column k of retention(), with the same intervals", () => {
    fc.assert(
      fc.property(
        logs,
        fc.option(fc.float({ min: Math.fround(0.5), max: 12, noNaN: true })),
        modes,
        intervalOptions,
        (log, asOf, mode, intervals) => {
          const table = tableOf(log, asOf);
          const r = table.retention({ mode, intervals });
          const columns = columnsOf(table, mode);
          // Past the widest row (classic, unbounded), every point is null.
          const ks = typeof mode === "string" ? columns + 2 : columns;
          for (let k = 0; k < ks; k++) {
            const trend = table.retentionAt(k, { mode, intervals });
            expect(trend.cohorts.map((c) => c.key)).toEqual(table.cohorts.map((c) => c.key));
            expect(trend.cohorts.map((c) => c.start)).toEqual(table.cohorts.map((c) => c.start));
            expect(trend.cohorts.map((c) => c.rate?.toString() ?? null)).toEqual(
              r.cohorts.map((c) => c.rates[k]?.toString() ?? null),
            );
            expect(trend.cohorts.map((c) => text(c.interval))).toEqual(
              r.cohorts.map((c) => text(c.intervals[k] ?? null)),
            );
            expect(trend.average?.toString() ?? null).toBe(r.average[k]?.toString() ?? null);
            expect(text(trend.averageInterval)).toEqual(text(r.averageIntervals[k] ?? null));
            for (const point of trend.cohorts) {
              if (point.retained === null) continue;
              expect(point.rate?.eq(new Decimal(point.retained).div(point.size))).toBe(true);
            }
          }
        },
      ),
    );
  });

  it("in classic mode the trend's retained counts are the active counts of complete periods", () => {
    fc.assert(
      fc.property(logs, fc.integer({ min: 0, max: 12 }), (log, k) => {
        const table = tableOf(log, null);
        const trend = table.retentionAt(k);
        expect(trend.cohorts.map((c) => c.retained)).toEqual(
          table.cohorts.map((c) => c.active[k] ?? null),
        );
        const sizes = table.cohorts.reduce((s, c) => s + (k < c.active.length ? c.size : 0), 0);
        const retained = table.cohorts.reduce((s, c) => s + (c.active[k] ?? 0), 0);
        expect(trend.average?.toString() ?? null).toBe(
          sizes === 0 ? null : new Decimal(retained).div(sizes).toString(),
        );
      }),
    );
  });
});
