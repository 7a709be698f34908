// Columns (and arrays of rows without accessors) with start and return events given as names
// and a breakdown column take the mask table (src/cohorts/engine/events/RoleMasks.ts);
// predicates take the general table
// (EventRoles.ts). Hand-checked cases of what only the masks compute differently (revenue
// that extends the table, ties, several mask words, asOf), and a property that both tables
// give the same table, breakdown, retention in every mode, lifetime value and errors.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLE_MASK_CELLS, roleMasksFit } from "../../../src/cohorts/engine/events/RoleMasks.js";
import { roleColumnsTable } from "../../../src/cohorts/engine/events/roleColumns.js";
import { resolveOptions } from "../../../src/cohorts/engine/read/options.js";
import {
  type CohortBreakdownValue,
  type CohortTable,
  cohortAnalysis,
  MetricInputError,
} from "../../../src/index.js";

const DAY = 86_400_000;
const JAN = Date.UTC(2024, 0, 1);

function plain(table: CohortTable | undefined) {
  return (table?.cohorts ?? []).map((r) => ({
    key: r.key,
    size: r.size,
    active: [...r.active],
    revenue: r.revenue.map(String),
  }));
}

/** A view's value, or the code and field of its error (a Day-N trend beyond the table's width). */
function attempt(view: () => unknown): unknown {
  try {
    return view();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
}

/** Everything a table answers: JSON, retention in each mode, Day-N trends, lifetime value. */
function answers(table: CohortTable) {
  const views = (t: CohortTable) => ({
    json: t.toJSON(),
    unbounded: t.retention({ mode: "unbounded" }),
    brackets: t.retention({
      mode: {
        brackets: [
          [0, 0],
          [1, 2],
          [3, 40],
        ],
      },
    }),
    day1: attempt(() => t.retentionAt(1)),
    day1Brackets: attempt(() => t.retentionAt(1, { mode: { brackets: [[1, 3]] } })),
    ltv: t.lifetimeValue(),
  });
  return JSON.stringify({
    total: views(table),
    breakdown:
      table.breakdown === undefined ? null : [...table.breakdown].map(([v, t]) => [v, views(t)]),
  });
}

/** The answers of a table, or the code and field of the error of the call. */
function outcome(run: () => CohortTable): string {
  let table: CohortTable;
  try {
    table = run();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
  return answers(table);
}

describe("cohortAnalysis of columns with names and a breakdown column (mask table)", () => {
  // monthly: a signs up in January; b in January; c in February
  const base = {
    customerId: Int32Array.from([1, 2, 3, 1, 1, 2, 2]),
    at: Float64Array.from([
      JAN,
      JAN + 2 * DAY,
      JAN + 40 * DAY,
      JAN + 41 * DAY,
      JAN + 70 * DAY, // March
      JAN + 71 * DAY, // March
      JAN + 72 * DAY, // March
    ]),
    event: ["signup", "signup", "signup", "buy", "view", "view", "view"],
  };
  const options = { startEvent: "signup", returnEvent: "buy", minorUnits: 2 } as const;

  it("reports a period of revenue only when a customer's net revenue there is not zero", () => {
    // March: a has +5.00 and -5.00 (net zero), no return: March is not reported
    const zero = cohortAnalysis(
      { ...base, revenue: Float64Array.from([0, 0, 0, 300, 500, 0, 0]) },
      options,
    );
    const netZero = cohortAnalysis(
      {
        ...base,
        customerId: Int32Array.from([1, 2, 3, 1, 1, 1, 2]),
        revenue: Float64Array.from([0, 0, 0, 300, 500, -500, 0]),
      },
      options,
    );
    expect(plain(netZero)).toEqual([
      { key: "2024-01", size: 2, active: [2, 1], revenue: ["0", "3"] },
      { key: "2024-02", size: 1, active: [1], revenue: ["0"] },
    ]);
    // a's +5.00 and b's -5.00 sum to zero in the cell, but each customer's net is not zero:
    // March is reported with revenue 0
    const cellZero = cohortAnalysis(
      { ...base, revenue: Float64Array.from([0, 0, 0, 300, 500, -500, 0]) },
      options,
    );
    expect(plain(cellZero)).toEqual([
      { key: "2024-01", size: 2, active: [2, 1, 0], revenue: ["0", "3", "0"] },
      { key: "2024-02", size: 1, active: [1, 0], revenue: ["0", "0"] },
    ]);
    // a's 5.00 in March alone extends the table
    expect(plain(zero)).toEqual([
      { key: "2024-01", size: 2, active: [2, 1, 0], revenue: ["0", "3", "5"] },
      { key: "2024-02", size: 1, active: [1, 0], revenue: ["0", "0"] },
    ]);
  });

  it("breaks a tie of start events at one instant by the least value, over several mask words", () => {
    // daily over 70 days (three mask words): d has two signups at one instant (tv, print:
    // print is less); its buy on day 65 is k = 65
    const columns = {
      customerId: ["d", "d", "d", "e"],
      at: Float64Array.from([JAN, JAN, JAN + 65 * DAY, JAN + 69 * DAY]),
      event: ["signup", "signup", "buy", "signup"],
      channel: Int32Array.from([7, 3, 9, 5]),
      revenue: ["0", "0", "12.50", "1"],
    };
    const table = cohortAnalysis(columns, {
      period: "day",
      startEvent: "signup",
      returnEvent: "buy",
      breakdownBy: "channel",
    });
    const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
    expect([...breakdown.keys()]).toEqual([3, 5]);
    const d = breakdown.get(3) as CohortTable;
    expect(d.cohorts.length).toBe(1);
    expect(d.cohorts[0]?.active.length).toBe(70);
    expect(d.cohorts[0]?.active[65]).toBe(1);
    expect(d.cohorts[0]?.active.reduce((a, b) => a + b, 0)).toBe(2); // k = 0 and k = 65
    expect(String(d.cohorts[0]?.revenue[65])).toBe("12.5");
    expect(plain(breakdown.get(5))).toEqual([
      { key: "2024-03-10", size: 1, active: [1], revenue: ["1"] },
    ]);
  });

  it("counts a return in the start period only at or after the start, with asOf", () => {
    // weekly; f buys at 09:00 and signs up at 10:00 on Monday 2024-01-08, buys again at 11:00;
    // g signs up at 10:00 and buys at 09:00 the same day (before its start)
    const columns = {
      customerId: ["f", "f", "f", "g", "g"],
      at: [
        "2024-01-08T09:00:00Z",
        "2024-01-08T10:00:00Z",
        "2024-01-08T11:00:00Z",
        "2024-01-09T10:00:00Z",
        "2024-01-09T09:00:00Z",
      ],
      event: ["buy", "signup", "buy", "signup", "buy"],
    };
    const o = { period: "week", startEvent: "signup", returnEvent: "buy" } as const;
    expect(plain(cohortAnalysis(columns, { ...o, returnInStartPeriod: true }))).toEqual([
      { key: "2024-W02", size: 2, active: [1], revenue: ["0"] },
    ]);
    const asOf = cohortAnalysis(columns, { ...o, asOf: "2024-01-31" });
    expect(plain(asOf)).toEqual([
      { key: "2024-W02", size: 2, active: [2, 0, 0, 0], revenue: ["0", "0", "0", "0"] },
    ]);
    // the last week (2024-01-29 to 02-04) ends after asOf
    expect(asOf.cohorts[0]?.complete).toEqual([true, true, true, false]);
  });
});

describe("the mask table's limits and lookups", () => {
  const predicate = (r: { event: unknown }) => r.event === "signup";

  it("reads more than 16 breakdown values (a Map) and numbers of a Float64Array column", () => {
    // 40 customers, one per value 0.5, 1.5, ..., 39.5 (given in reverse), each signs up on day
    // i and buys on day i + 35
    const n = 40;
    const columns = {
      customerId: Array.from({ length: 2 * n }, (_, i) => `c${i % n}`),
      at: Float64Array.from({ length: 2 * n }, (_, i) =>
        i < n ? JAN + i * DAY : JAN + (i - n + 35) * DAY,
      ),
      event: Array.from({ length: 2 * n }, (_, i) => (i < n ? "signup" : "buy")),
      score: Float64Array.from({ length: 2 * n }, (_, i) => n - 1 - (i % n) + 0.5),
      revenue: Array.from({ length: 2 * n }, (_, i) => (i < n ? "0" : "2.5")),
    };
    const options = { startEvent: "signup", returnEvent: "buy", breakdownBy: "score" } as const;
    const table = cohortAnalysis(columns, options);
    const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
    expect([...breakdown.keys()]).toEqual(Array.from({ length: n }, (_, i) => i + 0.5));
    // monthly: c0..c30 start in January (days 0-30); c0..c24 buy in February (days 35-59),
    // c25..c30 in March (days 60-65); c31..c39 start in February and buy in March; c0 holds 39.5
    expect(plain(breakdown.get(39.5))).toEqual([
      { key: "2024-01", size: 1, active: [1, 1, 0], revenue: ["0", "2.5", "0"] },
    ]);
    expect(plain(table)).toEqual([
      { key: "2024-01", size: 31, active: [31, 25, 6], revenue: ["0", "62.5", "15"] },
      { key: "2024-02", size: 9, active: [9, 9], revenue: ["0", "22.5"] },
    ]);
    expect(answers(table)).toBe(
      answers(cohortAnalysis(columns, { ...options, startEvent: predicate })),
    );
  });

  it("names a NaN breakdown value of a start event as the general table does", () => {
    const columns = {
      customerId: Int32Array.from([1, 2, 3, 4]),
      at: Float64Array.from([JAN, JAN, JAN + DAY, JAN + DAY]),
      event: ["signup", "buy", "signup", "signup"],
      score: Float64Array.from([1, Number.NaN, Number.NaN, 2]),
    };
    const run = (startEvent: unknown) => () =>
      cohortAnalysis(columns, { startEvent, returnEvent: "buy", breakdownBy: "score" } as never);
    // index 1 is no start event: its value is not read
    expect(outcome(run("signup"))).toBe("NOT_A_NUMBER events[2].score");
    expect(outcome(run(predicate))).toBe("NOT_A_NUMBER events[2].score");
  });

  it("gives the general table's result beyond 1,024 periods and beyond the cells of the masks", () => {
    // daily over three years (1,096 periods), and 700 days with 5 values (5 × 700² cells)
    for (const days of [1095, 699]) {
      const columns = {
        customerId: Int32Array.from([0, 1, 2, 3, 4, 0, 1]),
        at: Float64Array.from([0, 1, 2, 3, 4, 300, days].map((d) => JAN + d * DAY)),
        event: ["signup", "signup", "signup", "signup", "signup", "buy", "buy"],
        channel: ["a", "b", "c", "d", "e", "x", "y"],
        revenue: Float64Array.from([0, 0, 0, 0, 0, 150, 275]),
      };
      const options = {
        period: "day",
        startEvent: "signup",
        returnEvent: "buy",
        breakdownBy: "channel",
        minorUnits: 2,
      } as const;
      const table = cohortAnalysis(columns, options);
      expect(table.cohorts.length).toBe(5);
      expect(table.cohorts[0]?.active.length).toBe(days + 1);
      expect(table.cohorts[1]?.active[days - 1]).toBe(1); // b's buy
      expect(String(table.cohorts[1]?.revenue[days - 1])).toBe("2.75");
      expect(answers(table)).toBe(
        answers(cohortAnalysis(columns, { ...options, startEvent: predicate })),
      );
    }
  });
});

describe("roleMasksFit", () => {
  it("takes at most 1,024 periods and ROLE_MASK_CELLS value-period cells", () => {
    expect(roleMasksFit(1024, 1000, 1)).toBe(true);
    expect(roleMasksFit(1025, 1000, 1)).toBe(false);
    // 2,097,152 = 2 × 1,024²: two values over 1,024 periods fit, three do not
    expect(ROLE_MASK_CELLS).toBe(2 * 1024 * 1024);
    expect(roleMasksFit(1024, 1000, 2)).toBe(true);
    expect(roleMasksFit(1024, 1000, 3)).toBe(false);
    expect(roleMasksFit(24, 1000, 3640)).toBe(true);
    expect(roleMasksFit(24, 1000, 3641)).toBe(false);
  });

  it("takes any number of customers with one mask word, else 256 MiB", () => {
    expect(roleMasksFit(32, 100_000_000, 1)).toBe(true);
    // 33 periods: two words, 24 bytes per customer; 268,435,456 / 24 = 11,184,810.67
    expect(roleMasksFit(33, 11_184_810, 1)).toBe(true);
    expect(roleMasksFit(33, 11_184_811, 1)).toBe(false);
  });

  it("leaves predicates, and spans beyond the masks, to the general table (null)", () => {
    const columns = {
      customerId: ["a", "a"],
      at: [JAN, JAN + 2000 * DAY],
      event: ["signup", "buy"],
    };
    const table = (options: object) =>
      roleColumnsTable(resolveOptions(options, "cohortAnalysis"), columns, "events");
    expect(table({ startEvent: "signup" })?.cohorts.length).toBe(1);
    expect(table({ startEvent: () => true })).toBeNull();
    expect(table({ startEvent: "signup", period: "day" })).toBeNull();
  });
});

/** A random log: ids, instants (ties likely), event names and non-names, breakdown values, revenue. */
const rowArb = fc.record({
  customer: fc.integer({ min: 0, max: 8 }),
  day: fc.integer({ min: 0, max: 75 }),
  hour: fc.constantFrom(0, 9, 23),
  event: fc.constantFrom<unknown>("signup", "buy", "view", 7, null),
  channel: fc.constantFrom<unknown>("seo", "ads", "", 0, -0, 3, true, false, null, undefined),
  cents: fc.integer({ min: -500, max: 2000 }),
});

const settingArb = fc.record({
  start: fc.constantFrom<string | string[] | null>("signup", ["signup", "view"], null),
  returns: fc.constantFrom<string | string[] | null>("buy", ["buy", "view"], null),
  inStart: fc.boolean(),
  breakdown: fc.constantFrom("none", "strings", "codes"),
  period: fc.constantFrom("day" as const, "week" as const, "month" as const),
  active: fc.constantFrom("purchases" as const, "events" as const, "rows" as const),
  refunds: fc.constantFrom("net" as const, "exclude" as const),
  asOf: fc.constantFrom<string | null>(null, "2024-01-20", "2024-02-29", "2024-06-30"),
  zone: fc.constantFrom("UTC", "Asia/Kathmandu", "America/New_York"),
  ids: fc.constantFrom("strings", "codes"),
  bad: fc.constantFrom("none", "at", "id", "channel", "revenue"),
  badAt: fc.nat(),
});

describe("the mask table equals the general table", () => {
  it("gives the same table, breakdown, retention views, lifetime value and errors (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), settingArb, (log, s) => {
        if (s.start === null && s.returns === null && s.breakdown === "none") return;
        const n = log.length;
        const columns: Record<string, unknown> = {
          customerId:
            s.ids === "codes"
              ? Int32Array.from(log, (r) => r.customer)
              : log.map((r) => `c${r.customer}`),
          at: Float64Array.from(log, (r) => JAN + r.day * DAY + r.hour * 3_600_000),
          revenue: Float64Array.from(log, (r) => r.cents),
          event: log.map((r) => r.event),
          channel: log.map((r) => r.channel),
          code: Int32Array.from(log, (r) => r.customer % 3),
        };
        const i = s.badAt % n;
        if (s.bad === "at")
          columns.at = Array.from(columns.at as Float64Array, (t, j) => (j === i ? "soon" : t));
        if (s.bad === "id")
          columns.customerId = log.map((r, j) => (j === i ? Number.NaN : `c${r.customer}`));
        if (s.bad === "channel") columns.channel = log.map((r, j) => (j === i ? {} : r.channel));
        if (s.bad === "revenue") columns.revenue = log.map((r, j) => (j === i ? "1.5.0" : r.cents));
        const by = s.breakdown === "strings" ? "channel" : s.breakdown === "codes" ? "code" : null;
        const base = {
          period: s.period,
          active: s.active,
          refunds: s.refunds,
          returnInStartPeriod: s.inStart,
          minorUnits: 2,
          timeZone: s.zone,
          ...(s.asOf === null ? {} : { asOf: s.asOf }),
          ...(by === null ? {} : { breakdownBy: by }),
        };
        const byNames = {
          ...base,
          ...(s.start === null ? {} : { startEvent: s.start }),
          ...(s.returns === null ? {} : { returnEvent: s.returns }),
        };
        const has = (x: string | string[], e: unknown) =>
          typeof x === "string" ? e === x : x.includes(e as string);
        // a predicate over every row: the general table (events/EventRoles.ts)
        const byPredicates = {
          ...base,
          startEvent: (r: { event: unknown }) => s.start === null || has(s.start, r.event),
          ...(s.returns === null
            ? {}
            : { returnEvent: (r: { event: unknown }) => has(s.returns as string[], r.event) }),
        };
        expect(outcome(() => cohortAnalysis(columns as never, byNames as never))).toBe(
          outcome(() => cohortAnalysis(columns as never, byPredicates as never)),
        );
        // an array of rows without accessors is read into columns for the mask table
        const rows = Array.from({ length: n }, (_, j) => {
          const row: Record<string, unknown> = {};
          for (const [name, column] of Object.entries(columns))
            row[name] = (column as ArrayLike<unknown>)[j];
          return row;
        });
        expect(outcome(() => cohortAnalysis(rows, byNames as never))).toBe(
          outcome(() => cohortAnalysis(rows, byPredicates as never)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
