import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";
import { type RefEvent, referenceTable } from "./reference.js";

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 10);
const strings = (xs: readonly unknown[]) => xs.map((x) => (x === null ? null : String(x)));

/** Compact comparable form of a table. */
function shape(t: CohortTable) {
  return t.cohorts.map((c) => ({
    key: c.key,
    start: c.start,
    size: c.size,
    active: [...c.active],
    revenue: c.revenue.map(String),
    complete: [...c.complete],
  }));
}

function expectError(f: () => unknown, code: string, field: string) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MetricInputError);
    expect((e as MetricInputError).code).toBe(code);
    expect((e as MetricInputError).field).toBe(field);
    return;
  }
  throw new Error("expected a MetricInputError");
}

describe("cohortAnalysis", () => {
  it("computes the documented example", () => {
    const table = cohortAnalysis(
      [
        { customerId: "a", at: "2024-01-03T09:00:00Z", revenue: "20.00" },
        { customerId: "b", at: "2024-01-20T09:00:00Z", revenue: "5.00" },
        { customerId: "a", at: "2024-02-11T09:00:00Z", revenue: "-2.50" },
        { customerId: "b", at: "2024-02-15T09:00:00Z", revenue: "8.00" },
      ],
      { period: "month" },
    );
    // a's refund is netted into February's revenue but does not make a active
    expect(table.cohorts[0]?.active).toEqual([2, 1]);
    expect(table.cohorts[0]?.revenue.map(String)).toEqual(["25", "5.5"]);
    expect(strings(table.retention().cohorts[0]?.rates ?? [])).toEqual(["1", "0.5"]);
    expect(table.cohorts[0]?.key).toBe("2024-01");
    expect(table.cohorts[0]?.start).toBe("2024-01-01T00:00:00.000Z");
  });

  // DEFINITIONS §18 "Toy log covering all modes": A: 0,1,3 · B: 0,2 · C: 0 · D: 0,1,2,3 ·
  // E: 1,3 · F: -5,0,2; first-time day-0 cohort {A,B,C,D}.
  describe("toy log of §18 (daily, first-time cohorts)", () => {
    const log: Record<string, number[]> = {
      A: [0, 1, 3],
      B: [0, 2],
      C: [0],
      D: [0, 1, 2, 3],
      E: [1, 3],
      F: [-5, 0, 2],
    };
    const events = Object.entries(log).flatMap(([id, days]) =>
      days.map((d) => ({ customerId: id, at: D0 + d * DAY + 3_600_000 })),
    );
    const table = cohortAnalysis(events, { period: "day" });
    const day0 = table.cohorts.findIndex((c) => c.key === "2024-01-10");

    it("puts A, B, C, D in the day-0 cohort (F was first seen on day -5)", () => {
      expect(table.cohorts[day0]?.size).toBe(4);
      expect(table.cohorts.map((c) => c.key)).toEqual(["2024-01-05", "2024-01-10", "2024-01-11"]);
      expect(table.cohorts[0]?.active).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    });
    it("classic: d0 4/4, d1 2/4, d2 2/4, d3 2/4", () => {
      const rates = table.retention({ mode: "classic" }).cohorts[day0]?.rates ?? [];
      expect(strings(rates.slice(0, 4))).toEqual(["1", "0.5", "0.5", "0.5"]);
      expect(rates.slice(4)).toEqual([null, null, null, null, null]);
    });
    it("unbounded: d1 3/4, d2 3/4, d3 2/4", () => {
      const rates = table.retention({ mode: "unbounded" }).cohorts[day0]?.rates ?? [];
      expect(strings(rates.slice(0, 4))).toEqual(["1", "0.75", "0.75", "0.5"]);
    });
    it("bracket d1–2: 3/4", () => {
      const r = table.retention({
        mode: {
          brackets: [
            [1, 2],
            [0, 0],
            [3, 3],
            [2, 9],
          ],
        },
      });
      expect(strings(r.cohorts[day0]?.rates ?? [])).toEqual(["0.75", "1", "0.5", null]);
      // Day-1 cohort {E} has periods 0..2 only: [1,2] gives E on day 3 = k 2.
      expect(strings(r.cohorts[2]?.rates ?? [])).toEqual(["1", "1", null, null]);
    });
  });

  it("computes the documented async example", async () => {
    async function* rows() {
      yield { customerId: "a", at: "2024-01-03T09:00:00Z", revenue: "20.00" };
      yield { customerId: "a", at: "2024-02-11T09:00:00Z", revenue: "4.00" };
    }
    const table = await cohortAnalysisAsync(rows(), { period: "month" });
    expect(table.cohorts[0]?.active).toEqual([1, 1]);
  });

  it("pools the average: 500/1000 and 400/500 give 0.6, not 0.65 nor Mixpanel's 0.56", () => {
    // Mixpanel docs example (DEFINITIONS §18): pooled = 900/1500 = 0.6.
    const events: { customerId: string; at: number }[] = [];
    for (let i = 0; i < 1000; i++) events.push({ customerId: `a${i}`, at: D0 });
    for (let i = 0; i < 500; i++) events.push({ customerId: `a${i}`, at: D0 + DAY });
    for (let i = 0; i < 500; i++) events.push({ customerId: `b${i}`, at: D0 + DAY });
    for (let i = 0; i < 400; i++) events.push({ customerId: `b${i}`, at: D0 + 2 * DAY });
    const r = cohortAnalysis(events, { period: "day" }).retention();
    expect(r.average[1]?.toString()).toBe("0.6");
    expect(r.average[0]?.toString()).toBe("1");
    expect(r.average[2]?.toString()).toBe("0");
  });

  it("excludes incomplete periods from rates and averages with asOf", () => {
    const events = [
      { customerId: 1, at: D0 },
      { customerId: 1, at: D0 + DAY },
      { customerId: 2, at: D0 + DAY },
      { customerId: 2, at: D0 + 2 * DAY },
      { customerId: 3, at: D0 + 5 * DAY }, // after asOf: ignored
    ];
    const t = cohortAnalysis(events, { period: "day", asOf: D0 + 2 * DAY + 3_600_000 });
    expect(t.asOf).toBe("2024-01-12T01:00:00.000Z");
    expect(t.cohorts.map((c) => c.complete)).toEqual([
      [true, true, false],
      [true, false],
    ]);
    const r = t.retention();
    expect(strings(r.cohorts[0]?.rates ?? [])).toEqual(["1", "1", null]);
    expect(strings(r.cohorts[1]?.rates ?? [])).toEqual(["1", null, null]);
    expect(strings(r.average)).toEqual(["1", "1", null]);
    expect(t.lifetimeValue().average[2]).toBeNull();
    // asOf exactly at a period end: that period is complete.
    const u = cohortAnalysis(events, { period: "day", asOf: D0 + 2 * DAY });
    expect(u.cohorts.map((c) => c.complete)).toEqual([[true, true], [true]]);
  });

  it("reports the zero-filled triangle up to the last event's period", () => {
    const t = cohortAnalysis(
      [
        { customerId: "x", at: "2024-01-15T00:00:00Z", revenue: 1 },
        { customerId: "y", at: "2024-04-15T00:00:00Z", revenue: 2 },
      ],
      { period: "month" },
    );
    expect(t.cohorts.map((c) => [c.key, [...c.active]])).toEqual([
      ["2024-01", [1, 0, 0, 0]],
      ["2024-04", [1]],
    ]);
    expect(t.retention().cohorts[1]?.rates).toEqual([expect.anything(), null, null, null]);
  });

  describe("time zones and period boundaries", () => {
    const at = (iso: string) => ({ customerId: "c", at: iso });
    const keyOf = (iso: string, opts: Parameters<typeof cohortAnalysis>[1]) =>
      cohortAnalysis([at(iso)], opts).cohorts[0]?.key;

    it("puts an event exactly on a month boundary in the new month, one second before in the old", () => {
      expect(keyOf("2023-02-01T00:00:00Z", {})).toBe("2023-02");
      expect(keyOf("2023-01-31T23:59:59Z", {})).toBe("2023-01");
      const t = cohortAnalysis([at("2023-01-31T23:59:59Z"), at("2023-02-01T00:00:00Z")], {});
      expect(t.cohorts[0]?.active).toEqual([1, 1]);
    });
    it("moves the boundary to local midnight in America/Los_Angeles", () => {
      const z = { timeZone: "America/Los_Angeles" };
      expect(keyOf("2023-02-01T00:00:00Z", z)).toBe("2023-01");
      expect(keyOf("2023-02-01T07:59:59Z", z)).toBe("2023-01");
      expect(keyOf("2023-02-01T08:00:00Z", z)).toBe("2023-02");
      expect(cohortAnalysis([at("2023-02-01T08:00:00Z")], z).cohorts[0]?.start).toBe(
        "2023-02-01T08:00:00.000Z",
      );
      // Summer: UTC-7.
      expect(keyOf("2023-07-01T06:59:59Z", z)).toBe("2023-06");
      expect(keyOf("2023-07-01T07:00:00Z", z)).toBe("2023-07");
    });
    it("handles the +5:45 offset of Asia/Kathmandu", () => {
      const z = { timeZone: "Asia/Kathmandu" };
      expect(keyOf("2023-01-31T18:14:59Z", z)).toBe("2023-01");
      expect(keyOf("2023-01-31T18:15:00Z", z)).toBe("2023-02");
      expect(cohortAnalysis([at("2023-01-31T18:15:00Z")], z).cohorts[0]?.start).toBe(
        "2023-01-31T18:15:00.000Z",
      );
    });
    it("reads offset-less times as wall clock in the zone and date-only as the local day", () => {
      const z = { timeZone: "Asia/Kathmandu", period: "day" as const };
      expect(keyOf("2024-03-05", z)).toBe("2024-03-05");
      expect(keyOf("2024-03-05T23:59", z)).toBe("2024-03-05");
      expect(keyOf("2024-03-05T23:59:00+00:00", z)).toBe("2024-03-06");
    });
    it("counts days across the spring-forward and fall-back days in Europe/Berlin", () => {
      const z = { timeZone: "Europe/Berlin", period: "day" as const };
      // 2024-03-31 has 23 hours; 2024-10-27 has 25.
      const spring = cohortAnalysis(
        [
          at("2024-03-30T22:59:59Z"),
          at("2024-03-30T23:00:00Z"),
          at("2024-03-31T21:59:59Z"),
          at("2024-03-31T22:00:00Z"),
        ],
        z,
      );
      expect(spring.cohorts[0]?.key).toBe("2024-03-30");
      expect(spring.cohorts[0]?.active).toEqual([1, 1, 1]);
      expect(spring.cohorts[0]?.start).toBe("2024-03-29T23:00:00.000Z");
      const autumn = cohortAnalysis(
        [at("2024-10-26T22:00:00Z"), at("2024-10-27T22:59:59Z"), at("2024-10-27T23:00:00Z")],
        z,
      );
      expect(autumn.cohorts[0]?.key).toBe("2024-10-27");
      expect(autumn.cohorts[0]?.active).toEqual([1, 1]);
    });
    it("counts weeks across the DST changes of America/New_York", () => {
      const z = { timeZone: "America/New_York", period: "week" as const };
      // Week of Mon 2024-03-04 … Sun 03-10 (DST starts 03-10 02:00); next week starts Mon 03-11 04:00Z.
      const t = cohortAnalysis(
        [at("2024-03-04T05:00:00Z"), at("2024-03-11T03:59:59Z"), at("2024-03-11T04:00:00Z")],
        z,
      );
      expect(t.cohorts.map((c) => c.key)).toEqual(["2024-W10"]);
      expect(t.cohorts[0]?.active).toEqual([1, 1]);
      expect(t.cohorts[0]?.start).toBe("2024-03-04T05:00:00.000Z");
      const fall = cohortAnalysis([at("2024-11-04T04:59:59Z"), at("2024-11-04T05:00:00Z")], z);
      expect(fall.cohorts[0]?.key).toBe("2024-W44");
      expect(fall.cohorts[0]?.active).toEqual([1, 1]);
    });
    it("handles leap days", () => {
      const t = cohortAnalysis([at("2024-02-29T12:00:00Z"), at("2024-03-01T00:00:00Z")], {
        period: "day",
      });
      expect(t.cohorts.map((c) => c.key)).toEqual(["2024-02-29", "2024-03-01"].slice(0, 1));
      expect(t.cohorts[0]?.active).toEqual([1, 1]);
      expect(keyOf("2024-02-29T23:59:59Z", {})).toBe("2024-02");
      expect(keyOf("2000-02-29T00:00:00Z", { period: "day" })).toBe("2000-02-29");
      expectError(
        () => cohortAnalysis([at("2023-02-29T00:00:00Z")]),
        "INVALID_DATE",
        "events[0].at",
      );
    });
    it("labels ISO weeks, Sunday-start weeks, quarters and years", () => {
      expect(keyOf("2024-01-01T00:00:00Z", { period: "week" })).toBe("2024-W01");
      expect(keyOf("2021-01-03T00:00:00Z", { period: "week" })).toBe("2020-W53");
      expect(keyOf("2024-12-30T00:00:00Z", { period: "week" })).toBe("2025-W01");
      // Sunday 2024-01-14 starts a Sunday week; Saturday 01-13 belongs to the week of 01-07.
      expect(keyOf("2024-01-14T00:00:00Z", { period: "week", weekStartsOn: 0 })).toBe("2024-01-14");
      expect(keyOf("2024-01-13T23:59:59Z", { period: "week", weekStartsOn: 0 })).toBe("2024-01-07");
      expect(keyOf("2024-05-20T00:00:00Z", { period: "quarter" })).toBe("2024-Q2");
      expect(keyOf("2024-05-20T00:00:00Z", { period: "year" })).toBe("2024");
      const sunday = cohortAnalysis([at("2024-01-13T12:00:00Z"), at("2024-01-14T12:00:00Z")], {
        period: "week",
        weekStartsOn: 0,
      });
      expect(sunday.cohorts[0]?.active).toEqual([1, 1]);
    });
  });

  describe("rolling boundaries", () => {
    it("counts whole 24 h windows since the first event (Amplitude's 17:59 → 17:00 is day 0)", () => {
      const t = cohortAnalysis(
        [
          { customerId: "u", at: "2024-12-01T17:59:00Z" },
          { customerId: "u", at: "2024-12-02T17:00:00Z" },
          { customerId: "v", at: "2024-12-01T10:00:00Z" },
          { customerId: "v", at: "2024-12-02T10:00:00Z" },
        ],
        { period: "day", boundaries: "rolling" },
      );
      expect(t.boundaries).toBe("rolling");
      expect(t.cohorts[0]?.active).toEqual([2, 1]);
      const calendar = cohortAnalysis(
        [
          { customerId: "u", at: "2024-12-01T17:59:00Z" },
          { customerId: "u", at: "2024-12-02T17:00:00Z" },
        ],
        { period: "day" },
      );
      expect(calendar.cohorts[0]?.active).toEqual([1, 1]);
    });
    it("uses 7-day weeks and 30-day months, and flags windows not yet over", () => {
      const t = cohortAnalysis(
        [
          { customerId: "u", at: "2024-01-03T00:00:00Z", revenue: "1" },
          { customerId: "u", at: "2024-02-01T23:00:00Z", revenue: "2" },
          { customerId: "u", at: "2024-02-02T00:00:00Z", revenue: "4" },
        ],
        { period: "month", boundaries: "rolling", asOf: "2024-04-01T00:00:00Z" },
      );
      expect(t.cohorts[0]?.active).toEqual([1, 1, 0, 0]);
      expect(t.cohorts[0]?.revenue.map(String)).toEqual(["3", "4", "0", "0"]);
      // A January customer may start as late as 2024-02-01, whose window 1 ends 60 days later
      // on 2024-04-01 (= asOf, complete) and window 2 on 2024-05-01 (not yet).
      expect(t.cohorts[0]?.complete).toEqual([true, true, false, false]);
      const w = cohortAnalysis(
        [
          { customerId: "u", at: "2024-01-03T00:00:00Z" },
          { customerId: "u", at: "2024-01-09T23:59:59Z" },
          { customerId: "u", at: "2024-01-10T00:00:00Z" },
        ],
        { period: "week", boundaries: "rolling" },
      );
      expect(w.cohorts[0]?.active).toEqual([1, 1]);
    });
    it("is not offered for quarters and years", () => {
      expectError(
        () => cohortAnalysis([], { period: "quarter", boundaries: "rolling" }),
        "INVALID_OPTION",
        "boundaries",
      );
    });
  });

  describe("revenue", () => {
    it("sums exactly: decimals, refunds, zero activity, numbers, bigints and Decimals agree", () => {
      const t = cohortAnalysis([
        { customerId: "a", at: D0, revenue: "0.10" },
        { customerId: "a", at: D0, revenue: 0.2 },
        { customerId: "a", at: D0, revenue: "-0.05" },
        { customerId: "a", at: D0, revenue: 0n },
        { customerId: "a", at: D0, revenue: "0.00" },
        { customerId: "a", at: D0 },
      ]);
      expect(t.cohorts[0]?.revenue.map(String)).toEqual(["0.25"]);
      expect(t.cohorts[0]?.active).toEqual([1]);
    });
    it("keeps values with more decimals than cents exact", () => {
      const t = cohortAnalysis([
        { customerId: "a", at: D0, revenue: "0.001" },
        { customerId: "b", at: D0, revenue: "1e-9" },
        { customerId: "b", at: D0, revenue: "12345678901234567890.5" },
        { customerId: "b", at: D0, revenue: 1 / 3 },
        { customerId: "c", at: D0, revenue: " 2.50 " },
      ]);
      expect(t.cohorts[0]?.revenue[0]?.toString()).toBe("12345678901234567893.3343333343333333");
    });
    it("reads integer minor units with minorUnits", () => {
      const cols = {
        customerId: Int32Array.from([1, 1, 2]),
        at: Float64Array.from([D0, D0 + 40 * DAY, D0]),
        revenue: Float64Array.from([1999, -500, 1]),
      };
      const t = cohortAnalysis(cols, { minorUnits: 2 });
      expect(t.cohorts[0]?.revenue.map(String)).toEqual(["20", "-5"]);
      const big = cohortAnalysis(
        { customerId: ["a", "a"], at: [D0, D0], revenue: BigInt64Array.from([2n ** 62n, 1n]) },
        { minorUnits: 2 },
      );
      expect(big.cohorts[0]?.revenue[0]?.toString()).toBe("46116860184273879.05");
      const m0 = cohortAnalysis([{ customerId: "a", at: D0, revenue: "7" }], { minorUnits: 0 });
      expect(m0.cohorts[0]?.revenue[0]?.toString()).toBe("7");
      expectError(
        () => cohortAnalysis([{ customerId: "a", at: D0, revenue: 1.5 }], { minorUnits: 2 }),
        "NOT_INTEGER",
        "events[0].revenue",
      );
    });
    it("stays exact beyond 2^53 cents", () => {
      const events = [0, 1, 2].map(() => ({
        customerId: "a",
        at: D0,
        revenue: "90000000000000.00",
      }));
      const t = cohortAnalysis(events);
      expect(t.cohorts[0]?.revenue[0]?.toString()).toBe("270000000000000");
    });
  });

  describe("input forms", () => {
    const rows: RefEvent[] = [
      { customerId: "u1", at: D0, revenue: "1.10" },
      { customerId: 7, at: D0 + 3 * DAY, revenue: "2.20" },
      { customerId: "u1", at: D0 + 35 * DAY, revenue: "-0.10" },
      { customerId: "7", at: D0 + 40 * DAY, revenue: "4" },
      { customerId: "__proto__", at: D0 + 41 * DAY, revenue: "0" },
      { customerId: "", at: D0 + 41 * DAY, revenue: "1" },
      { customerId: "constructor", at: D0 + 70 * DAY, revenue: "1" },
    ];
    const expected = shape(cohortAnalysis(rows));

    it("treats 1 and '1' as different customers and odd ids as ordinary", () => {
      // January: u1 and 7; February: '7', '__proto__', ''; March: 'constructor'.
      expect(expected.map((c) => c.size)).toEqual([2, 3, 1]);
    });
    it("tells apart ids that are long, non-Latin-1, fractional or alike", () => {
      const ids = [
        "abcdefghijk",
        "abcdefghijl",
        "abcdefghijkl",
        "abcdefghijkm",
        "日本",
        "日本語",
        "ab\u0000",
        "ab",
        1.5,
        "1.5",
        2 ** 40,
        String(2 ** 40),
        -0,
        0,
      ];
      const events = [...ids, ...ids].map((customerId, i) => ({
        customerId,
        at: D0 + (i % 3) * DAY,
      }));
      const t = cohortAnalysis(events, { period: "day" });
      // -0 and 0 are the same customer (SameValueZero); everything else is distinct.
      expect(t.cohorts.reduce((sum, c) => sum + c.size, 0)).toBe(ids.length - 1);
      const acc = createCohortAccumulator({ period: "day" }).add(events);
      const back = CohortAccumulator.fromJSON(JSON.stringify(acc)).merge(
        createCohortAccumulator({ period: "day" }).add(events.slice(0, 5)),
      );
      expect(back.result().cohorts.map((c) => c.size)).toEqual(t.cohorts.map((c) => c.size));
    });

    it("gives the same table for rows, columns, accessors and async streams", async () => {
      const columns = {
        customerId: rows.map((r) => r.customerId),
        at: rows.map((r) => new Date(r.at)),
        revenue: rows.map((r) => r.revenue),
      };
      expect(shape(cohortAnalysis(columns))).toEqual(expected);
      const tuples = rows.map(
        (r) => [r.revenue, new Date(r.at).toISOString(), r.customerId] as const,
      );
      const viaAccessors = cohortAnalysis(tuples, {
        customerId: (t) => t[2],
        at: (t) => t[1],
        revenue: (t) => t[0],
      });
      expect(shape(viaAccessors)).toEqual(expected);
      async function* stream() {
        for (const r of rows) yield r;
      }
      expect(shape(await cohortAnalysisAsync(stream()))).toEqual(expected);
      expect(shape(await cohortAnalysisAsync(rows))).toEqual(expected);
      function* gen() {
        yield* rows;
      }
      expect(shape(cohortAnalysis(gen()))).toEqual(expected);
    });
    it("does not mutate frozen inputs", () => {
      const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
      expect(shape(cohortAnalysis(frozen))).toEqual(expected);
      const cols = Object.freeze({
        customerId: Object.freeze(rows.map((r) => r.customerId)),
        at: Object.freeze(rows.map((r) => r.at)),
      });
      expect(cohortAnalysis(cols).cohorts.length).toBe(3);
    });
    it("uses an explicit cohort date (signup) when cohortOf is given", () => {
      const t = cohortAnalysis(
        [
          { id: "a", signup: "2024-01-20T00:00:00Z", at: "2024-02-03T00:00:00Z" },
          { id: "a", signup: "2024-01-20T00:00:00Z", at: "2024-03-03T00:00:00Z" },
          { id: "b", signup: "2024-02-01T00:00:00Z", at: "2024-01-15T00:00:00Z" },
          { id: "b", signup: "2024-02-01T00:00:00Z", at: "2024-02-15T00:00:00Z" },
        ],
        { customerId: (r) => r.id, at: (r) => r.at, cohortOf: (r) => r.signup },
      );
      expect(t.cohorts.map((c) => [c.key, c.size, [...c.active]])).toEqual([
        ["2024-01", 1, [0, 1, 1]],
        ["2024-02", 1, [1, 0]],
      ]);
      const cols = cohortAnalysis({
        customerId: ["a", "a"],
        at: ["2024-02-03T00:00:00Z", "2024-03-03T00:00:00Z"],
        cohortOf: ["2024-01-20T00:00:00Z", null],
      });
      expect(cols.cohorts[0]?.active).toEqual([0, 1, 1]);
    });
    it("returns an empty table for no events", () => {
      const t = cohortAnalysis([]);
      expect(t.cohorts).toEqual([]);
      expect(t.retention().average).toEqual([]);
      expect(t.lifetimeValue().cohorts).toEqual([]);
    });
  });

  describe("lifetime value and JSON", () => {
    const t = cohortAnalysis([
      { customerId: "a", at: "2024-01-01T00:00:00Z", revenue: "10" },
      { customerId: "b", at: "2024-01-02T00:00:00Z", revenue: "0" },
      { customerId: "a", at: "2024-02-01T00:00:00Z", revenue: "5" },
      { customerId: "c", at: "2024-02-01T00:00:00Z", revenue: "1" },
    ]);
    it("reports cumulative revenue per customer, pooled on average", () => {
      const ltv = t.lifetimeValue();
      expect(strings(ltv.cohorts[0]?.values ?? [])).toEqual(["5", "7.5"]);
      expect(strings(ltv.cohorts[1]?.values ?? [])).toEqual(["1", null]);
      // (10 + 1) / 3 and 15 / 2
      expect(ltv.average[0]?.toString()).toBe("3.666666666666666666666666666666666666667");
      expect(ltv.average[1]?.toString()).toBe("7.5");
    });
    it("serialises Decimals as exact strings", () => {
      const json = JSON.parse(JSON.stringify(t));
      expect(json.cohorts[0].revenue).toEqual(["10", "5"]);
      expect(json.period).toBe("month");
      expect(JSON.parse(JSON.stringify(t.retention())).average).toEqual(["1", "0.5"]);
    });
  });

  describe("errors", () => {
    it("rejects invalid dates with the row index", () => {
      const rows = [
        { customerId: "a", at: "2024-01-01T00:00:00Z" },
        { customerId: "a", at: "2024-13-01" },
      ];
      expectError(() => cohortAnalysis(rows), "INVALID_DATE", "events[1].at");
      expectError(
        () => cohortAnalysis([{ customerId: "a", at: Number.NaN }]),
        "INVALID_DATE",
        "events[0].at",
      );
      expectError(
        () =>
          cohortAnalysis({ customerId: ["a"], at: Float64Array.from([Number.POSITIVE_INFINITY]) }),
        "INVALID_DATE",
        "events[0].at",
      );
      expectError(() => cohortAnalysis([], { asOf: "soon" }), "INVALID_DATE", "asOf");
      expectError(
        () => cohortAnalysis({ customerId: ["a"], at: [0], cohortOf: ["x"] }),
        "INVALID_DATE",
        "events[0].cohortOf",
      );
    });
    it("rejects missing or invalid customer ids with NOT_A_NUMBER", () => {
      expectError(
        () => cohortAnalysis([{ customerId: "a", at: 0 }, { at: 0 }]),
        "NOT_A_NUMBER",
        "events[1].customerId",
      );
      expectError(
        () => cohortAnalysis([{ customerId: null, at: 0 }]),
        "NOT_A_NUMBER",
        "events[0].customerId",
      );
      expectError(
        () => cohortAnalysis([{ customerId: Number.NaN, at: 0 }]),
        "NOT_A_NUMBER",
        "events[0].customerId",
      );
      expectError(() => cohortAnalysis([null]), "NOT_A_NUMBER", "events[0]");
      expectError(() => cohortAnalysis(null as never), "NOT_A_NUMBER", "input");
      expectError(() => cohortAnalysis({} as never), "NOT_A_NUMBER", "input");
    });
    it("rejects non-numeric and infinite revenue", () => {
      expectError(
        () => cohortAnalysis([{ customerId: "a", at: 0, revenue: "12,50" }]),
        "NOT_A_NUMBER",
        "events[0].revenue",
      );
      // null is no revenue (as in every event-log function), not an error
      expect(
        cohortAnalysis([
          { customerId: "a", at: 0, revenue: null as never },
        ]).cohorts[0]?.revenue.map(String),
      ).toEqual(["0"]);
      expectError(
        () => cohortAnalysis({ customerId: ["a"], at: [0], revenue: [Number.POSITIVE_INFINITY] }),
        "NOT_FINITE",
        "events[0].revenue",
      );
    });
    it("rejects unknown options with INVALID_OPTION", () => {
      expectError(
        () => cohortAnalysis([], { period: "fortnight" as never }),
        "INVALID_OPTION",
        "period",
      );
      expectError(
        () => cohortAnalysis([], { timeZone: "Mars/Olympus" }),
        "INVALID_OPTION",
        "timeZone",
      );
      expectError(
        () => cohortAnalysis([], { weekStartsOn: 7 as never }),
        "INVALID_OPTION",
        "weekStartsOn",
      );
      expectError(
        () => cohortAnalysis([], { customerId: "id" as never }),
        "INVALID_OPTION",
        "customerId",
      );
      expectError(() => cohortAnalysis([], 5 as never), "INVALID_OPTION", "options");
      expectError(
        () => cohortAnalysis({ customerId: [], at: [] }, { at: (r: unknown) => r }),
        "INVALID_OPTION",
        "options",
      );
      expectError(() => cohortAnalysis([], { minorUnits: 99 }), "OUT_OF_RANGE", "minorUnits");
      const t = cohortAnalysis([{ customerId: "a", at: 0 }]);
      expectError(() => t.retention({ mode: "sideways" as never }), "INVALID_OPTION", "mode");
      expectError(() => t.retention({ mode: { brackets: [] } }), "INVALID_OPTION", "mode.brackets");
      expectError(
        () => t.retention({ mode: { brackets: [[2, 1]] } }),
        "INVALID_OPTION",
        "mode.brackets[0]",
      );
    });
    it("rejects columns of different lengths with INCONSISTENT", () => {
      expectError(
        () => cohortAnalysis({ customerId: ["a", "b"], at: [0] }),
        "INCONSISTENT",
        "events.at",
      );
      expectError(
        () => cohortAnalysis({ customerId: ["a"], at: [0], revenue: 5 as never }),
        "INCONSISTENT",
        "events.revenue",
      );
    });
    it("rejects columns without an at column, and strings as columns or rows", () => {
      expectError(() => cohortAnalysis({ customerId: [0] } as never), "NOT_A_NUMBER", "events.at");
      expectError(
        () => createCohortAccumulator().add({ customerId: [0] } as never),
        "NOT_A_NUMBER",
        "events.at",
      );
      expectError(
        () => cohortAnalysis({ customerId: "ab" } as never),
        "NOT_A_NUMBER",
        "events.customerId",
      );
      expectError(
        () => cohortAnalysis({ customerId: "ab", at: [0, 0] } as never),
        "NOT_A_NUMBER",
        "events.customerId",
      );
      expectError(
        () => cohortAnalysis({ customerId: ["a", "b"], at: "ab" } as never),
        "NOT_A_NUMBER",
        "events.at",
      );
      expectError(
        () => cohortAnalysis({ customerId: ["a", "b"], at: [0, 0], revenue: "12" } as never),
        "INCONSISTENT",
        "events.revenue",
      );
      expectError(() => cohortAnalysis("ab" as never), "NOT_A_NUMBER", "input");
      expectError(() => cohortAnalysis(new String("ab") as never), "NOT_A_NUMBER", "input");
      expectError(() => cohortAnalysis({ at: [0] } as never), "NOT_A_NUMBER", "input");
    });
    it("names the input, not null, when a stream is not iterable", async () => {
      const err = await cohortAnalysisAsync({ customerId: [0] } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MetricInputError);
      expect(err).toMatchObject({ code: "NOT_A_NUMBER", field: "input" });
      expect((err as Error).message).not.toContain("null");
      expect((err as Error).message).toContain("(received an object)");
      await expect(cohortAnalysisAsync(new String("ab") as never)).rejects.toMatchObject({
        code: "NOT_A_NUMBER",
        field: "input",
      });
    });
    it("rejects a bad stream as a rejected promise", async () => {
      await expect(cohortAnalysisAsync([{ customerId: "a", at: "x" }])).rejects.toMatchObject({
        code: "INVALID_DATE",
        field: "events[0].at",
      });
      await expect(cohortAnalysisAsync(5 as never)).rejects.toMatchObject({ code: "NOT_A_NUMBER" });
      await expect(cohortAnalysisAsync({} as never)).rejects.toMatchObject({
        code: "NOT_A_NUMBER",
      });
    });
  });

  describe("against independent implementations", () => {
    const zones = [
      "UTC",
      "America/Los_Angeles",
      "Asia/Kathmandu",
      "Europe/Berlin",
      "Australia/Lord_Howe",
    ];
    const periods = ["day", "week", "month", "quarter", "year"] as const;

    it("matches a Map-of-Maps reference on random logs in several zones (property)", () => {
      const event = fc.record({
        customerId: fc.oneof(
          fc.constantFrom("a", "b", "c", "d", "e", "f"),
          fc.integer({ min: 0, max: 5 }),
        ),
        at: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 0, 1) }),
        revenue: fc.integer({ min: -10_000, max: 100_000 }).map((c) => (c / 100).toFixed(2)),
      });
      fc.assert(
        fc.property(
          fc.array(event, { minLength: 1, maxLength: 40 }),
          fc.constantFrom(...zones),
          fc.constantFrom(...periods),
          fc.constantFrom(0, 1, 3),
          fc.record({
            active: fc.constantFrom("events", "purchases", "rows"),
            refunds: fc.constantFrom("net", "exclude"),
          }),
          (events, zone, period, ws, rules) => {
            const wso = ws as 0 | 1 | 3;
            const t = cohortAnalysis(events, {
              timeZone: zone,
              period,
              weekStartsOn: wso,
              ...rules,
            });
            const ref = referenceTable(events, zone, period, wso, rules);
            expect(t.cohorts.map((c) => c.size)).toEqual(ref.map((c) => c.size));
            expect(t.cohorts.map((c) => [...c.active])).toEqual(ref.map((c) => c.active));
            expect(t.cohorts.map((c) => c.revenue.map(String))).toEqual(ref.map((c) => c.revenue));
            // the general engine (an iterator is not an array) gives the same table
            const general = cohortAnalysis(events.values(), {
              timeZone: zone,
              period,
              weekStartsOn: wso,
              ...rules,
            });
            expect(general.toJSON()).toEqual(t.toJSON());
          },
        ),
        { numRuns: 150 },
      );
    });

    it("matches DuckDB on a generated 20k-event log (UTC, Los Angeles months; Kathmandu ISO weeks)", () => {
      // Fixture: gen_events.py --events 20000 --seed 7; expected tables by events_20k_expected.py (DuckDB).
      const dir = new URL("../../fixtures/cohorts/", import.meta.url);
      const lines = readFileSync(new URL("events_20k.csv", dir), "utf8")
        .trim()
        .split("\n")
        .slice(1);
      const customerId = lines.map((l) => l.slice(0, l.indexOf(",")));
      const at = lines.map((l) => l.split(",")[1] as string);
      const revenue = lines.map((l) => l.split(",")[2] as string);
      const expected = JSON.parse(
        readFileSync(new URL("events_20k_expected.json", dir), "utf8"),
      ) as Record<
        string,
        Record<string, { size: number; active: number[]; revenue_cents: string[] }>
      >;
      for (const [name, table] of Object.entries(expected)) {
        const cut = name.indexOf("_");
        const period = name.slice(0, cut) as "month" | "week";
        const zone = name.slice(cut + 1);
        // The fixture's SQL counts every row (refunds included) as activity: active 'rows'.
        const t = cohortAnalysis(
          { customerId, at, revenue },
          { period, timeZone: zone, active: "rows" },
        );
        expect(t.cohorts.map((c) => c.key)).toEqual(Object.keys(table).sort());
        for (const c of t.cohorts) {
          const e = table[c.key];
          expect(c.size).toBe(e?.size);
          expect([...c.active]).toEqual(e?.active);
          expect(c.revenue.map((d) => d.times(100).toFixed())).toEqual(e?.revenue_cents);
        }
      }
    });

    it("gives the same table for any event order and input form (property)", () => {
      const event = fc.record({
        customerId: fc.constantFrom("a", "b", "c", 1, 2),
        at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 6, 1) }),
        revenue: fc.integer({ min: -500, max: 5000 }).map(String),
      });
      fc.assert(
        fc.property(
          fc.array(event, { minLength: 1, maxLength: 30 }),
          fc.infiniteStream(fc.nat()),
          (events, seeds) => {
            const opts = { period: "week" as const, timeZone: "America/New_York", minorUnits: 2 };
            const base = shape(cohortAnalysis(events, opts));
            const shuffled = [...events];
            for (let i = shuffled.length - 1; i > 0; i--) {
              const j = (seeds.next().value as number) % (i + 1);
              [shuffled[i], shuffled[j]] = [
                shuffled[j] as (typeof events)[number],
                shuffled[i] as (typeof events)[number],
              ];
            }
            expect(shape(cohortAnalysis(shuffled, opts))).toEqual(base);
            const cols = {
              customerId: shuffled.map((e) => e.customerId),
              at: Float64Array.from(shuffled, (e) => e.at),
              revenue: Float64Array.from(shuffled, (e) => Number(e.revenue)),
            };
            expect(shape(cohortAnalysis(cols, opts))).toEqual(base);
          },
        ),
        { numRuns: 100 },
      );
    });

    it("keeps rates in [0, 1], unbounded ≥ classic, and sizes summing to the customers", () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              customerId: fc.integer({ min: 0, max: 20 }),
              at: fc.integer({ min: 0, max: 60 * DAY }),
            }),
            { minLength: 1, maxLength: 60 },
          ),
          (events) => {
            const t = cohortAnalysis(events, { period: "week" });
            const customers = new Set(events.map((e) => e.customerId)).size;
            expect(t.cohorts.reduce((s, c) => s + c.size, 0)).toBe(customers);
            const classic = t.retention().cohorts;
            const unb = t.retention({ mode: "unbounded" }).cohorts;
            classic.forEach((c, i) => {
              c.rates.forEach((r, k) => {
                if (r === null) return;
                expect(r.gte(0) && r.lte(1)).toBe(true);
                expect(unb[i]?.rates[k]?.gte(r)).toBe(true);
              });
            });
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
