// Start and return events given as names and the breakdown given as a column are read through
// per-value dictionaries (each distinct event name matched once, each distinct breakdown value
// read once); predicates and accessors are read event by event. Both must give the same table:
// hand-checked cases of the dictionaries' edge values, the first bad value named by its index
// even when it repeats, and a property that names equal predicates on random logs, in rows and
// in columns (string ids and Int32Array codes).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CohortBreakdownValue,
  type CohortColumns,
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

function errorOf(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return [error.code, error.field];
    throw error;
  }
  throw new Error("no error");
}

describe("start and return events by name, breakdown by column", () => {
  it("groups null and undefined as null and -0 as 0; a non-string event matches no name", () => {
    // monthly cohorts: a, b start in January (channel null and undefined), c, d in February
    // (channel -0 and 0); e's only "signup" is the number 1 (no name), so e has no cohort
    const log = [
      { customerId: 1, at: JAN, event: "signup", channel: null, revenue: 0 },
      { customerId: 2, at: JAN + DAY, event: "signup", channel: undefined, revenue: 0 },
      { customerId: 1, at: JAN + 40 * DAY, event: "buy", channel: "x", revenue: 5 },
      { customerId: 3, at: JAN + 35 * DAY, event: "signup", channel: -0, revenue: 0 },
      { customerId: 4, at: JAN + 36 * DAY, event: "signup", channel: 0, revenue: 0 },
      { customerId: 4, at: JAN + 37 * DAY, event: "buy", channel: 9, revenue: 3 },
      { customerId: 5, at: JAN + 2 * DAY, event: 1, channel: "tv", revenue: 0 },
    ];
    const columns = {
      customerId: Int32Array.from(log, (r) => r.customerId),
      at: Float64Array.from(log, (r) => r.at),
      revenue: log.map((r) => r.revenue),
      event: log.map((r) => r.event),
      channel: log.map((r) => r.channel),
    };
    const options = { startEvent: "signup", returnEvent: "buy", breakdownBy: "channel" } as const;
    for (const table of [cohortAnalysis(columns, options), cohortAnalysis(log, options)]) {
      const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
      expect([...breakdown.keys()]).toEqual([0, null]);
      expect(Object.is([...breakdown.keys()][0], 0)).toBe(true);
      expect(plain(breakdown.get(0))).toEqual([
        { key: "2024-02", size: 2, active: [2], revenue: ["3"] },
      ]);
      expect(plain(breakdown.get(null))).toEqual([
        { key: "2024-01", size: 2, active: [2, 1], revenue: ["0", "5"] },
      ]);
      expect(plain(table)).toEqual([
        { key: "2024-01", size: 2, active: [2, 1], revenue: ["0", "5"] },
        { key: "2024-02", size: 2, active: [2], revenue: ["3"] },
      ]);
    }
  });

  it("names the first bad breakdown value of a start event, also when a bad value repeats", () => {
    const n = 6;
    const columns = (channel: unknown[]): CohortColumns =>
      ({
        customerId: Int32Array.from({ length: n }, (_, i) => i),
        at: Float64Array.from({ length: n }, (_, i) => JAN + i * DAY),
        event: ["signup", "view", "signup", "signup", "signup", "signup"],
        channel,
      }) as unknown as CohortColumns;
    const options = { startEvent: "signup", breakdownBy: "channel" } as const;
    // index 1 is not a start event: its bad value is not read
    expect(
      errorOf(() => cohortAnalysis(columns(["a", {}, "a", Number.NaN, Number.NaN, "b"]), options)),
    ).toEqual(["NOT_A_NUMBER", "events[3].channel"]);
    // the same object twice: the first start event holding it is named
    const same = { channel: "x" };
    expect(
      errorOf(() => cohortAnalysis(columns(["a", "b", same, "a", same, "b"]), options)),
    ).toEqual(["NOT_A_NUMBER", "events[2].channel"]);
  });
});

/** A random log: ids, days, event names (and non-names), breakdown values, revenue. */
const rowArb = fc.record({
  customer: fc.integer({ min: 0, max: 6 }),
  day: fc.integer({ min: 0, max: 120 }),
  hour: fc.integer({ min: 0, max: 23 }),
  event: fc.constantFrom<unknown>("signup", "buy", "view", "Buy", 7, null, undefined),
  channel: fc.constantFrom<unknown>("seo", "ads", "", 0, -0, 3, true, false, null, undefined),
  cents: fc.integer({ min: -500, max: 2000 }),
});

/** Numbers (ascending) < strings < false < true < null: the documented order of breakdown values. */
function order(a: CohortBreakdownValue, b: CohortBreakdownValue): number {
  const rank = (v: CohortBreakdownValue) =>
    typeof v === "number" ? 0 : typeof v === "string" ? 1 : v === false ? 2 : v === true ? 3 : 4;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number") return a - (b as number);
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

interface LogRow {
  customerId: string;
  at: number;
  event: unknown;
  channel: unknown;
  revenue: string;
}

function columnsOf(rows: readonly LogRow[]) {
  return {
    customerId: rows.map((r) => r.customerId),
    at: Float64Array.from(rows, (r) => r.at),
    revenue: rows.map((r) => r.revenue),
    event: rows.map((r) => r.event),
    channel: rows.map((r) => r.channel),
  };
}

const settingArb = fc.record({
  start: fc.constantFrom<string | string[] | null>("signup", ["signup", "view"], null),
  returns: fc.constantFrom<string | string[] | null>("buy", ["buy", "view"], null),
  inStart: fc.boolean(),
  breakdown: fc.boolean(),
  period: fc.constantFrom("day" as const, "week" as const, "month" as const),
  active: fc.constantFrom("purchases" as const, "events" as const, "rows" as const),
  refunds: fc.constantFrom("net" as const, "exclude" as const),
});

describe("names and breakdown columns equal predicates and accessors", () => {
  it("gives the same table and breakdown in rows and columns (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 50 }), settingArb, (log, s) => {
        if (s.start === null && s.returns === null && !s.breakdown) return;
        const rows: LogRow[] = log.map((r) => ({
          customerId: `c${r.customer}`,
          at: JAN + r.day * DAY + r.hour * 3_600_000,
          event: r.event,
          channel: r.channel,
          revenue: (r.cents / 100).toFixed(2),
        }));
        const base = {
          period: s.period,
          active: s.active,
          refunds: s.refunds,
          returnInStartPeriod: s.inStart,
        };
        const byNames = {
          ...base,
          ...(s.start === null ? {} : { startEvent: s.start }),
          ...(s.returns === null ? {} : { returnEvent: s.returns }),
          ...(s.breakdown ? { breakdownBy: "channel" } : {}),
        };
        const has = (x: string | string[], e: unknown) =>
          typeof x === "string" ? e === x : x.includes(e as string);
        const byPredicates = {
          ...base,
          ...(s.start === null
            ? {}
            : { startEvent: (r: { event: unknown }) => has(s.start as string[], r.event) }),
          ...(s.returns === null
            ? {}
            : { returnEvent: (r: { event: unknown }) => has(s.returns as string[], r.event) }),
          ...(s.breakdown ? { breakdownBy: (r: { channel: unknown }) => r.channel } : {}),
        };
        const reference = JSON.stringify(cohortAnalysis(rows, byPredicates as never));
        if (s.breakdown) {
          // each customer's value: that of its earliest start event (ties: the least value),
          // null and undefined as null, -0 as 0
          const first = new Map<string, { at: number; value: CohortBreakdownValue }>();
          for (const r of rows) {
            const cents = Math.round(Number(r.revenue) * 100);
            const active =
              s.active === "rows" || cents > 0 || (s.active === "events" && cents === 0);
            if (!active || (s.start !== null && !has(s.start, r.event))) continue;
            const raw = r.channel as CohortBreakdownValue | undefined;
            const value = raw === undefined ? null : raw === 0 ? 0 : raw;
            const seen = first.get(r.customerId);
            if (
              seen === undefined ||
              r.at < seen.at ||
              (r.at === seen.at && order(value, seen.value) < 0)
            )
              first.set(r.customerId, { at: r.at, value });
          }
          const counts = new Map<CohortBreakdownValue, number>();
          for (const { value } of first.values()) counts.set(value, (counts.get(value) ?? 0) + 1);
          const table = cohortAnalysis(columnsOf(rows), byNames as never);
          const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
          expect([...breakdown.keys()]).toEqual([...counts.keys()].sort(order));
          for (const [value, part] of breakdown)
            expect(part.cohorts.reduce((sum, r) => sum + r.size, 0)).toBe(counts.get(value));
        }
        expect(JSON.stringify(cohortAnalysis(rows, byNames as never))).toBe(reference);
        const columns = columnsOf(rows);
        expect(JSON.stringify(cohortAnalysis(columns, byNames as never))).toBe(reference);
        const codes = { ...columns, customerId: Int32Array.from(log, (r) => r.customer) };
        const codedRows = rows.map((r, i) => ({ ...r, customerId: log[i]?.customer }));
        expect(JSON.stringify(cohortAnalysis(codes, byNames as never))).toBe(
          JSON.stringify(cohortAnalysis(codedRows, byPredicates as never)),
        );
      }),
    );
  });
});
