import { describe, expect, it } from "vitest";
import { parseMinorString } from "../../../src/_lib/minor.js";
import { offsetMs } from "../../../src/_lib/time.js";
import { ZoneClock } from "../../../src/cohorts/engine/periods.js";
import {
  CohortAccumulator,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 10);

describe("cohort engine edge cases", () => {
  it("reads more than one chunk of rows, sync and async, to the same table", async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({
      customerId: i % 5000,
      at: D0 + (i % 40) * DAY,
      revenue: "1.00",
    }));
    async function* stream() {
      yield* rows;
    }
    const sync = cohortAnalysis(rows);
    const viaStream = await cohortAnalysisAsync(stream());
    expect(viaStream.cohorts.map((c) => [...c.active])).toEqual(
      sync.cohorts.map((c) => [...c.active]),
    );
    expect(sync.cohorts.reduce((s, c) => s + c.size, 0)).toBe(5000);
    expect(sync.cohorts[0]?.revenue.map(String).reduce((s, r) => s + Number(r), 0)).toBeGreaterThan(
      0,
    );
  });

  it("parses ISO instants in every accepted form and rejects impossible ones", () => {
    const keyOf = (at: string) =>
      cohortAnalysis([{ customerId: 1, at }], { period: "day" }).cohorts[0]?.key;
    expect(keyOf("2024-01-01T23:59:59.999Z")).toBe("2024-01-01");
    expect(keyOf("2024-01-01T23:59:59,999Z")).toBe("2024-01-01");
    expect(keyOf("2024-01-01T23:59:59+0000")).toBe("2024-01-01");
    const bad = (at: string) => () => cohortAnalysis([{ customerId: 1, at }]);
    expect(bad("2024-01-0xT00:00:00Z")).toThrow(MetricInputError);
    expect(bad("2024-04-31T00:00:00Z")).toThrow(MetricInputError);
    expect(bad("2024-01-01T24:00:00Z")).toThrow(MetricInputError);
    expect(bad("2024-01-01T00:00:00.12xZ")).toThrow(MetricInputError);
  });

  it("parses decimal strings to minor units or hands them to the exact path", () => {
    expect(parseMinorString("+5.00", 2)).toBe(500);
    expect(parseMinorString("1.500", 2)).toBe(150);
    expect(parseMinorString("-0.00", 2)).toBe(0);
    expect(parseMinorString(".5", 2)).toBe(50);
    expect(parseMinorString("5.", 2)).toBe(500);
    expect(Number.isNaN(parseMinorString("1.505", 2))).toBe(true);
    expect(Number.isNaN(parseMinorString("5.x", 2))).toBe(true);
    expect(Number.isNaN(parseMinorString("-", 2))).toBe(true);
    expect(Number.isNaN(parseMinorString("", 2))).toBe(true);
    expect(Number.isNaN(parseMinorString("1234567890123456", 2))).toBe(true);
    const t = cohortAnalysis([
      { customerId: 1, at: D0, revenue: "+5.00" },
      { customerId: 1, at: D0, revenue: "1.505" },
      { customerId: 1, at: D0, revenue: "1234567890123456.01" },
    ]);
    expect(t.cohorts[0]?.revenue[0]?.toString()).toBe("1234567890123462.515");
  });

  it("keeps cell sums exact beyond 2^53 units, calendar and rolling", () => {
    for (const boundaries of ["calendar", "rolling"] as const) {
      const t = cohortAnalysis(
        [
          { customerId: "a", at: D0, revenue: "50000000000000.00" },
          { customerId: "b", at: D0, revenue: "50000000000000.01" },
        ],
        { period: "day", boundaries },
      );
      expect(t.cohorts[0]?.revenue[0]?.toString()).toBe("100000000000000.01");
    }
    const typed = cohortAnalysis(
      {
        customerId: Int32Array.from([1]),
        at: Float64Array.from([D0]),
        revenue: Float64Array.from([2 ** 60]),
      },
      { minorUnits: 2 },
    );
    // A number is read as its shortest decimal form, as everywhere in the library:
    // 2 ** 60 is 1152921504606847000 (toDecimal(2 ** 60)), so 11529215046068470 currency units.
    expect(typed.cohorts[0]?.revenue[0]?.toString()).toBe("11529215046068470");
    expect(() =>
      cohortAnalysis(
        {
          customerId: Int32Array.from([1]),
          at: Float64Array.from([D0]),
          revenue: Float64Array.from([Number.NaN]),
        },
        { minorUnits: 2 },
      ),
    ).toThrow(MetricInputError);
  });

  it("handles explicit cohort dates beyond the data and in rolling mode", () => {
    const future = cohortAnalysis(
      [
        { id: "a", at: D0, signup: D0 + 90 * DAY },
        { id: "b", at: D0, signup: D0 },
      ],
      { customerId: (r) => r.id, at: (r) => r.at, cohortOf: (r) => r.signup, period: "month" },
    );
    expect(future.cohorts.map((c) => [c.key, c.size])).toEqual([["2024-01", 1]]);
    const onlyFuture = cohortAnalysis([{ id: "a", at: D0, signup: D0 + 90 * DAY }], {
      customerId: (r) => r.id,
      at: (r) => r.at,
      cohortOf: (r) => r.signup,
    });
    expect(onlyFuture.cohorts).toEqual([]);
    const rolling = cohortAnalysis(
      [
        { id: "a", at: D0, signup: D0 + 2 * DAY },
        { id: "a", at: D0 + 3 * DAY, signup: D0 + 2 * DAY },
        { id: "b", at: D0 + 3 * DAY, signup: D0 + 20 * DAY },
      ],
      {
        customerId: (r) => r.id,
        at: (r) => r.at,
        cohortOf: (r) => r.signup,
        period: "day",
        boundaries: "rolling",
      },
    );
    expect(rolling.cohorts.map((c) => [c.key, [...c.active]])).toEqual([["2024-01-12", [0, 1]]]);
  });

  it("grows per-customer cohort dates and rolling pairs past their first capacity", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      at: D0 + (i % 7) * DAY,
      signup: i % 2 === 0 ? D0 - DAY : undefined,
    }));
    const t = cohortAnalysis(rows, {
      customerId: (r) => r.id,
      at: (r) => r.at,
      cohortOf: (r) => r.signup,
      period: "week",
      boundaries: "rolling",
    });
    expect(t.cohorts.reduce((s, c) => s + c.size, 0)).toBe(3000);
    const acc = createCohortAccumulator({ period: "week", boundaries: "rolling" });
    acc.add({
      customerId: rows.map((r) => r.id),
      at: rows.map((r) => r.at),
      cohortOf: rows.map((r) => r.signup),
    });
    const merged = createCohortAccumulator({ period: "week", boundaries: "rolling" }).merge(acc);
    expect(merged.result().cohorts.map((c) => c.size)).toEqual(t.cohorts.map((c) => c.size));
    expect(
      CohortAccumulator.fromJSON(merged.toJSON())
        .result()
        .cohorts.map((c) => c.size),
    ).toEqual(t.cohorts.map((c) => c.size));
  });

  it("lowers a customer's first period when an earlier event arrives later (typed ids)", () => {
    const t = cohortAnalysis({
      customerId: Float64Array.from([7, 7, 2 ** 40, 2 ** 40, 0.5]),
      at: Float64Array.from([D0 + 40 * DAY, D0, D0 + 40 * DAY, D0, D0]),
    });
    expect(t.cohorts.map((c) => [c.key, c.size, [...c.active]])).toEqual([["2024-01", 3, [3, 2]]]);
  });

  it("keeps a number id one customer whether it arrives in rows, plain or typed columns, or a merge", () => {
    const acc = createCohortAccumulator();
    acc.add([
      { customerId: 5, at: D0 },
      { customerId: -0, at: D0 },
    ]);
    acc.add({
      customerId: Int32Array.from([5, 0, -7]),
      at: Float64Array.from([D0 + 40 * DAY, D0 + 40 * DAY, D0]),
    });
    acc.add({ customerId: [5, 2 ** 40], at: [D0 + 80 * DAY, D0] });
    const other = createCohortAccumulator();
    other.add({
      customerId: Float64Array.from([-7, 2 ** 40, 5]),
      at: Float64Array.from([D0 + 40 * DAY, D0 + 40 * DAY, D0]),
    });
    const t = acc.merge(other).result();
    expect(t.cohorts.map((c) => [c.key, c.size, [...c.active]])).toEqual([
      ["2024-01", 4, [4, 4, 1]],
    ]);
  });

  it("sizes its state from a long column input without losing events", () => {
    // More than one 2^21-event chunk: the first chunk reserves for the whole input.
    const n = (1 << 21) + 5000;
    const ids = new Int32Array(n);
    const at = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = i % 300_000;
      at[i] = D0 + ((i * 7) % 90) * DAY;
    }
    const t = cohortAnalysis({ customerId: ids, at });
    expect(t.cohorts.reduce((s, c) => s + c.size, 0)).toBe(300_000);
  });

  it("converts instants exactly in an hour holding a zone transition (Kathmandu 1986)", () => {
    // Nepal moved from +05:30 to +05:45 at 1986-01-01 00:00 local = 1985-12-31T18:30:00Z.
    const zone = "Asia/Kathmandu";
    const clock = new ZoneClock(zone);
    for (const t of [Date.UTC(1985, 11, 31, 18, 29), Date.UTC(1985, 11, 31, 18, 31)]) {
      expect(clock.local(t)).toBe(t + Math.round(offsetMs(zone, t)));
    }
  });

  it("buckets days spread over thousands of years", () => {
    const t = cohortAnalysis(
      [
        { customerId: 1, at: "1000-01-01T00:00:00Z" },
        { customerId: 1, at: "5000-01-01T00:00:00Z" },
      ],
      { period: "year" },
    );
    expect(t.cohorts[0]?.active.length).toBe(4001);
    const d = cohortAnalysis(
      [
        { customerId: 1, at: "1000-01-01T00:00:00Z" },
        { customerId: 2, at: "5000-01-01T00:00:00Z" },
      ],
      { period: "week" },
    );
    // Python: date(1000, 1, 1).isocalendar() and date(5000, 1, 1).isocalendar() are week 1.
    expect(d.cohorts.map((c) => c.key)).toEqual(["1000-W01", "5000-W01"]);
  });
});
