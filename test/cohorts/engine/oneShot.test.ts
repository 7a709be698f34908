import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodMasksFit } from "../../../src/cohorts/engine/aggregate/PeriodMasks.js";
import { oneShotColumns, oneShotRows } from "../../../src/cohorts/engine/oneShot.js";
import { resolveOptions } from "../../../src/cohorts/engine/read/options.js";
import {
  type CohortColumns,
  type CohortOptions,
  type CohortTable,
  cohortAnalysis,
  createCohortAccumulator,
} from "../../../src/index.js";
import { codeAndFieldOf } from "../../_helpers.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 10, 1);

/** Everything a table tells: rows, every retention mode, lifetime value. */
function everything(t: CohortTable) {
  const str = (xs: readonly unknown[]) => xs.map((x) => (x === null ? null : String(x)));
  const width = Math.max(0, ...t.cohorts.map((c) => c.active.length));
  const brackets: [number, number][] = [
    [0, 0],
    [1, 2],
    [2, 5],
    [0, width + 3],
    [31, 40],
  ];
  const rates = (mode: unknown) => {
    const r = t.retention({ mode } as never);
    return { cohorts: r.cohorts.map((c) => str(c.rates)), average: str(r.average) };
  };
  const ltv = t.lifetimeValue();
  return {
    json: t.toJSON(),
    classic: rates("classic"),
    unbounded: rates("unbounded"),
    brackets: rates({ brackets }),
    ltv: { cohorts: ltv.cohorts.map((c) => str(c.values)), average: str(ltv.average) },
  };
}

/** The one-shot column path (period masks when their check passes). */
function oneShot(cols: CohortColumns, options: CohortOptions) {
  return oneShotColumns(resolveOptions(options, "cohortAnalysis"), cols, "events");
}

/** The general engine (per-(customer, period) entries), through the accumulator. */
function general(cols: CohortColumns, options: CohortOptions) {
  return createCohortAccumulator(options).add(cols).result();
}

const idKinds = {
  "dense Int32Array codes": (i: number) => i,
  "sparse integers": (i: number) => i * 1_000_003 - 7,
  "integers beyond int32": (i: number) => 2 ** 40 + i,
  fractions: (i: number) => i + 0.5,
  "short strings": (i: number) => `c${i}`,
  "long strings": (i: number) => `customer-with-a-long-id-${i}`,
  "non-Latin-1 strings": (i: number) => `顧客${i}`,
  "awkward strings": (i: number) =>
    `${["__proto__", "constructor", "", "toString", "0"][i % 5]}${i}`,
  "strings and numbers": (i: number) => (i % 2 === 0 ? String(i >> 1) : i >> 1),
} as const;

describe("one-shot column path", () => {
  it("gives the general engine's table for every kind of id, zone, period and revenue (property)", () => {
    const event = fc.record({
      c: fc.integer({ min: 0, max: 12 }),
      t: fc.integer({ min: 0, max: 400 * DAY }),
      cents: fc.oneof(
        fc.integer({ min: -50_000, max: 500_000 }),
        fc.constantFrom(0, 0, 1, -1, 2 ** 52, -(2 ** 52)),
      ),
      sub: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...(Object.keys(idKinds) as (keyof typeof idKinds)[])),
        fc.constantFrom("UTC", "America/Los_Angeles", "Asia/Kathmandu", "Australia/Lord_Howe"),
        fc.constantFrom("day", "week", "month", "quarter", "year"),
        fc.constantFrom("strings", "numbers", "minor", "none"),
        fc.option(fc.integer({ min: 0, max: 430 * DAY }), { nil: undefined }),
        fc.constantFrom(0, 1, 3),
        (events, kind, timeZone, period, revenueKind, asOfOffset, weekStartsOn) => {
          const id = idKinds[kind];
          const ids = events.map((e) => id(e.c));
          const customerId =
            kind === "dense Int32Array codes"
              ? Int32Array.from(ids as number[])
              : kind === "sparse integers" || kind === "fractions"
                ? Float64Array.from(ids as number[])
                : ids;
          const at = Float64Array.from(events, (e) => T0 + e.t);
          // A sub-cent amount in strings takes the exact Decimal path.
          const revenue =
            revenueKind === "strings"
              ? events.map((e) => `${(e.cents / 100).toFixed(2)}${e.sub ? "001" : ""}`)
              : revenueKind === "numbers"
                ? events.map((e) => e.cents / 100)
                : revenueKind === "minor"
                  ? Float64Array.from(events, (e) => e.cents)
                  : undefined;
          const options: CohortOptions = {
            period,
            timeZone,
            weekStartsOn: weekStartsOn as 0 | 1 | 3,
            ...(revenueKind === "minor" ? { minorUnits: 2 } : {}),
            ...(asOfOffset === undefined ? {} : { asOf: T0 + asOfOffset }),
          };
          const cols: CohortColumns =
            revenue === undefined ? { customerId, at } : { customerId, at, revenue };
          const expected = everything(general(cols, options));
          // the masks when the kept events span at most 1,024 periods, else the general table
          expect(everything(oneShot(cols, options))).toEqual(expected);
          expect(everything(cohortAnalysis(cols, options))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("tells apart ids whose 32-bit hashes collide", () => {
    // Pairs of 11-character ids with the same hash (found by search); the second pair also
    // shares its first five characters, so only the packed characters 5–8 tell them apart.
    const customerId = ["abcdot6345a", "abcd38xy709", "abcdxenghav", "abcdxyrwlqj"];
    const at = [T0, T0 + 40 * DAY, T0, T0 + 40 * DAY];
    const t = oneShot({ customerId, at }, {});
    expect(t.cohorts.map((c) => [c.key, c.size, [...c.active]])).toEqual([
      ["2023-11", 2, [2, 0]],
      ["2023-12", 2, [2]],
    ]);
    expect(everything(general({ customerId, at }, {}))).toEqual(everything(t));
  });

  it("sums revenue beyond 2^53 minor units exactly", () => {
    const cols = {
      customerId: Int32Array.from([0, 0, 1, 1]),
      at: Float64Array.from([T0, T0 + DAY, T0, T0 + 40 * DAY]),
      revenue: Float64Array.from([2 ** 53 - 1, 2 ** 53 - 1, -(2 ** 53 - 1), 5]),
    };
    // Every row active (active: 'rows'): customer 1's refund on T0 then puts them in the T0
    // cohort, so that its cell sums 2^53 - 1 twice minus 2^53 - 1 (under the default rules a
    // refund starts no cohort and would be left out).
    const t = oneShot(cols, { minorUnits: 2, active: "rows" });
    expect(t.cohorts[0]?.revenue.map(String)).toEqual(["90071992547409.91", "0.05"]);
    expect(everything(t)).toEqual(everything(general(cols, { minorUnits: 2, active: "rows" })));
  });

  it("reports periods up to asOf with zeros after the last event, and nothing when every event is later", () => {
    const cols = { customerId: ["a", "b", "a"], at: [T0, T0 + 3 * DAY, T0 + 31 * DAY] };
    const t = oneShot(cols, { asOf: Date.UTC(2024, 2, 15) });
    expect(t.cohorts.map((c) => [c.key, [...c.active], [...c.complete]])).toEqual([
      ["2023-11", [2, 1, 0, 0, 0], [true, true, true, true, false]],
    ]);
    expect(oneShot(cols, { asOf: T0 }).cohorts).toEqual([]);
  });

  it("counts brackets from the masks of cohorts that start at any bit", () => {
    // Customer a: months 0, 3; b: months 2, 3, 4 (cohort at bit 2); c: month 31 (the last bit).
    const m = (k: number) => Date.UTC(2022, k, 2);
    const cols = {
      customerId: ["a", "a", "b", "b", "b", "c", "a"],
      at: [m(0), m(3), m(2), m(3), m(4), m(31), m(31)],
    };
    const t = oneShot(cols, {});
    const brackets = t.retention({
      mode: {
        brackets: [
          [1, 2],
          [1, 3],
          [29, 31],
        ],
      },
    });
    expect(brackets.cohorts.map((c) => [c.key, c.rates.map(String)])).toEqual([
      ["2022-01", ["0", "1", "1"]],
      ["2022-03", ["1", "1", "null"]],
      ["2024-08", ["null", "null", "null"]],
    ]);
    expect(everything(t)).toEqual(everything(general(cols, {})));
  });

  it("checks before aggregating whether the masks fit: at most 1,024 periods and 256 MiB", () => {
    expect(periodMasksFit(1024, 1e6)).toBe(true);
    expect(periodMasksFit(1025, 2)).toBe(false);
    // one word per customer always fits; 32 words (1,024 periods) over 2^21 customers is 256 MiB
    expect(periodMasksFit(32, 1e9)).toBe(true);
    expect(periodMasksFit(1024, 2 ** 21)).toBe(true);
    expect(periodMasksFit(1024, 2 ** 21 + 1)).toBe(false);
    const cols = { customerId: ["a", "b"], at: [T0, T0 + 1100 * DAY] };
    const t = cohortAnalysis(cols, { period: "day" });
    expect(t.cohorts.map((c) => [c.key, c.size, c.active.length])).toEqual([
      ["2023-11-01", 1, 1101],
      ["2026-11-05", 1, 1],
    ]);
    // Rows over such a span go to the general engine too, with exact sub-cent revenue.
    for (const revenue of ["2.50", "2.505"]) {
      const rows = [
        { customerId: 1, at: T0, revenue },
        { customerId: 1, at: T0 + 1100 * DAY, revenue },
        { customerId: "x", at: T0 + DAY, revenue },
      ];
      const expected = everything(createCohortAccumulator({ period: "day" }).add(rows).result());
      expect(everything(cohortAnalysis(rows, { period: "day" }))).toEqual(expected);
      expect(expected.json.cohorts[0]?.revenue[1100]).toBe(revenue === "2.50" ? "2.5" : "2.505");
    }
  });

  it("keeps masks of many words: a daily table over a year", () => {
    // a: days 0, 40, 364; b: days 33, 34 (cohort in the second word); c: day 364 only.
    const day = (k: number) => T0 + k * DAY + 3_600_000;
    const cols = {
      customerId: ["a", "a", "a", "b", "b", "c"],
      at: [day(0), day(40), day(364), day(33), day(34), day(364)],
      revenue: ["1", "2", "3", "4", "5", "6"],
    };
    const t = oneShot(cols, { period: "day" });
    expect(t.cohorts.map((c) => [c.key, c.size, c.active.length])).toEqual([
      ["2023-11-01", 1, 365],
      ["2023-12-04", 1, 332],
      ["2024-10-30", 1, 1],
    ]);
    const a = t.cohorts[0];
    expect([a?.active[0], a?.active[40], a?.active[364], a?.revenue[364]?.toString()]).toEqual([
      1,
      1,
      1,
      "3",
    ]);
    const brackets = t.retention({
      mode: {
        brackets: [
          [1, 39],
          [1, 40],
          [300, 364],
        ],
      },
    });
    expect(brackets.cohorts.map((c) => c.rates.map(String))).toEqual([
      ["0", "1", "1"],
      ["1", "1", "null"],
      ["null", "null", "null"],
    ]);
    expect(t.retention({ mode: "unbounded" }).cohorts[0]?.rates[364]?.toString()).toBe("1");
    expect(everything(t)).toEqual(everything(general(cols, { period: "day" })));
  });

  it("rejects bad input with the row index, as the general engine does", () => {
    const bad: [CohortColumns, CohortOptions, string, string][] = [
      [{ customerId: ["a", "b"], at: [T0, "soon"] }, {}, "INVALID_DATE", "events[1].at"],
      [
        { customerId: ["a", null] as never, at: [T0, T0] },
        {},
        "NOT_A_NUMBER",
        "events[1].customerId",
      ],
      [
        { customerId: Float64Array.from([1, Number.NaN]), at: [T0, T0] },
        {},
        "NOT_A_NUMBER",
        "events[1].customerId",
      ],
      [
        { customerId: ["a", "b"], at: [T0, T0], revenue: ["1", "x"] },
        {},
        "NOT_A_NUMBER",
        "events[1].revenue",
      ],
      [
        { customerId: [1, 2], at: [T0, T0], revenue: Float64Array.from([1, 0.5]) },
        { minorUnits: 2 },
        "NOT_INTEGER",
        "events[1].revenue",
      ],
      // events after asOf are still validated
      [
        { customerId: [1, 2], at: [T0, T0 + DAY], revenue: ["1", "x"] },
        { asOf: T0 + 1 },
        "NOT_A_NUMBER",
        "events[1].revenue",
      ],
    ];
    for (const [cols, options, code, field] of bad) {
      expect(codeAndFieldOf(() => cohortAnalysis(cols, options))).toBe(`${code} ${field}`);
      expect(codeAndFieldOf(() => general(cols, options))).toBe(`${code} ${field}`);
    }
  });

  it("gives a call made from inside another (through an accessor) scratch memory of its own", () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      customerId: `c${i % 7}`,
      at: T0 + ((i * 37) % 90) * DAY,
      revenue: `${i}.25`,
    }));
    const plain = everything(cohortAnalysis(rows));
    const inner = {
      customerId: Int32Array.from({ length: 500 }, (_, i) => i % 11),
      at: new Float64Array(500).fill(T0),
    };
    let calls = 0;
    const nested = cohortAnalysis(rows, {
      customerId: (row) => {
        calls += cohortAnalysis(inner).cohorts.length;
        calls += cohortAnalysis([{ customerId: 1, at: T0 }]).cohorts.length;
        return (row as { customerId: string }).customerId;
      },
    });
    expect(calls).toBe(120);
    expect(everything(nested)).toEqual(plain);
  });

  it("leaves the input to the general engine when scratch memory cannot be allocated", () => {
    const n = 40_000;
    const cols = {
      customerId: Array.from({ length: n }, (_, i) => `c${(i * 7919) % 3001}`),
      at: Float64Array.from({ length: n }, (_, i) => T0 + (i % 200) * DAY),
      revenue: Array.from({ length: n }, (_, i) => `${i % 50}.5`),
    };
    const rows = Array.from({ length: n }, (_, i) => ({
      customerId: cols.customerId[i],
      at: cols.at[i],
      revenue: cols.revenue[i],
    }));
    const Real = globalThis.ArrayBuffer;
    let refused = 0;
    // The first large allocation fails, as when the system is out of memory.
    class Scarce extends Real {
      constructor(bytes: number) {
        if (bytes >= 1_000_000 && refused === 0) {
          refused++;
          throw new RangeError("Array buffer allocation failed");
        }
        super(bytes);
      }
    }
    let fromColumns: unknown;
    let fromRows: unknown;
    try {
      globalThis.ArrayBuffer = Scarce as ArrayBufferConstructor;
      fromColumns = everything(cohortAnalysis(cols));
      expect(refused).toBe(1);
      refused = 0;
      fromRows = everything(cohortAnalysis(rows));
      expect(refused).toBe(1);
    } finally {
      globalThis.ArrayBuffer = Real;
    }
    const expected = everything(general(cols, {}));
    expect(fromColumns).toEqual(expected);
    expect(fromRows).toEqual(expected);
  });

  it("does not mutate its input, and a second call gives the same table", () => {
    const customerId = Int32Array.from([3, 1, 3, 2]);
    const at = Float64Array.from([T0, T0 + 5 * DAY, T0 + 45 * DAY, T0 + 70 * DAY]);
    const revenue = ["1.10", "2.20", "3.30", "-4.40"];
    const before = [Array.from(customerId), Array.from(at), [...revenue]];
    const table = cohortAnalysis({ customerId, at, revenue });
    const first = everything(table);
    // Another call in between reuses and overwrites the scratch memory.
    cohortAnalysis({
      customerId: Int32Array.from({ length: 5000 }, (_, i) => i % 97),
      at: new Float64Array(5000).fill(T0),
    });
    expect(everything(table)).toEqual(first);
    expect(everything(cohortAnalysis({ customerId, at, revenue }))).toEqual(first);
    expect([Array.from(customerId), Array.from(at), [...revenue]]).toEqual(before);
  });

  it("reads arrays of rows (plain or through accessors) to the general engine's table (property)", () => {
    const event = fc.record({
      c: fc.integer({ min: 0, max: 9 }),
      t: fc.integer({ min: 0, max: 1200 * DAY }),
      cents: fc.integer({ min: -50_000, max: 500_000 }),
      sub: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...(Object.keys(idKinds) as (keyof typeof idKinds)[])),
        fc.constantFrom("month", "quarter", "week"),
        fc.boolean(),
        (events, kind, period, accessors) => {
          const id = idKinds[kind];
          const rows = events.map((e) => ({
            customerId: id(e.c),
            at: new Date(T0 + e.t).toISOString(),
            revenue: `${(e.cents / 100).toFixed(2)}${e.sub ? "5" : ""}`,
          }));
          const options: CohortOptions<unknown> = accessors
            ? {
                period,
                customerId: (row) => (row as { customerId: unknown }).customerId,
                at: (row) => (row as { at: unknown }).at,
                revenue: (row) => (row as { revenue: unknown }).revenue,
              }
            : { period };
          const expected = everything(createCohortAccumulator(options).add(rows).result());
          expect(everything(cohortAnalysis(rows, options))).toEqual(expected);
          expect(
            everything(oneShotRows(resolveOptions(options, "cohortAnalysis"), rows, "events")),
          ).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects bad rows with the row index", () => {
    const ok = { customerId: "a", at: T0 };
    expect(codeAndFieldOf(() => cohortAnalysis([ok, 5]))).toBe("NOT_A_NUMBER events[1]");
    expect(codeAndFieldOf(() => cohortAnalysis([ok, { ...ok, customerId: {} }]))).toBe(
      "NOT_A_NUMBER events[1].customerId",
    );
    expect(codeAndFieldOf(() => cohortAnalysis([ok, { ...ok, at: "later" }]))).toBe(
      "INVALID_DATE events[1].at",
    );
    expect(codeAndFieldOf(() => cohortAnalysis([ok, { ...ok, revenue: "1,5" }]))).toBe(
      "NOT_A_NUMBER events[1].revenue",
    );
    // accessors may read rows that are not objects
    const t = cohortAnalysis([7, 8], { customerId: (x) => x, at: () => T0, revenue: () => 1 });
    expect(t.cohorts.map((c) => c.size)).toEqual([2]);
  });
});
