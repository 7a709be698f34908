// Lifecycle and active users over columns of integer codes, which take the period masks (one
// bit per customer and period) when the periods fit: the same figures as rows (the general
// table), across the 32-period boundary of a mask word, and the active runs past the masks'
// span (test/analytics/activeRuns.test.ts covers the runs).
import { describe, expect, it } from "vitest";
import { activeUsers, type CohortEvent, lifecycle } from "../../src/index.js";
import { metricErrorOf } from "../_helpers.js";

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2024, 0, 1);

/** Events on day numbers after 2024-01-01 (UTC, noon) as rows and as typed columns of codes. */
function log(days: readonly (readonly [string, number])[]) {
  const codes = new Map<string, number>();
  const rows: CohortEvent[] = days.map(([id, d]) => ({
    customerId: id,
    at: JAN_1 + d * DAY + DAY / 2,
  }));
  const columns = {
    customerId: Int32Array.from(days, ([id]) => {
      if (!codes.has(id)) codes.set(id, codes.size);
      return codes.get(id) as number;
    }),
    at: Float64Array.from(days, ([, d]) => JAN_1 + d * DAY + DAY / 2),
  };
  return { rows, columns };
}

// x: days 0, 31, 32; y: days 31, 33; z: day 63 (64 days: two mask words, z in bit 63)
const WORDS = log([
  ["x", 0],
  ["y", 33],
  ["x", 32],
  ["z", 63],
  ["x", 31],
  ["y", 31],
]);

/** The non-zero lifecycle days as [day number, new, returning, resurrecting, dormant]. */
function nonZero(result: ReturnType<typeof lifecycle>): number[][] {
  return result.periods
    .map((p, i) => [i, p.new, p.returning, p.resurrecting, p.dormant])
    .filter(([, ...c]) => c.some((v) => v !== 0));
}

describe("lifecycle over period masks", () => {
  it("counts across the boundary of a mask word as the general table does", () => {
    const fromColumns = lifecycle(WORDS.columns, { period: "day", timeZone: "UTC" });
    expect(fromColumns.periods).toHaveLength(64);
    // hand-checked: x new on day 0, dormant on 1, resurrecting on 31, returning on 32, dormant
    // on 33; y new on 31, dormant on 32, resurrecting on 33, dormant on 34; z new on 63
    expect(nonZero(fromColumns)).toEqual([
      [0, 1, 0, 0, 0],
      [1, 0, 0, 0, -1],
      [31, 1, 0, 1, 0],
      [32, 0, 1, 0, -1],
      [33, 0, 0, 1, -1],
      [34, 0, 0, 0, -1],
      [63, 1, 0, 0, 0],
    ]);
    expect(fromColumns).toEqual(lifecycle(WORDS.rows, { period: "day", timeZone: "UTC" }));
  });

  it("takes the active runs past the masks' 1,024 periods, with the same figures as rows", () => {
    const { rows, columns } = log([
      ["a", 0],
      ["a", 1096],
    ]);
    const result = lifecycle(columns, { period: "day", timeZone: "UTC" });
    expect(result.periods).toHaveLength(1097);
    expect(nonZero(result)).toEqual([
      [0, 1, 0, 0, 0],
      [1, 0, 0, 0, -1],
      [1096, 0, 0, 1, 0],
    ]);
    expect(result).toEqual(lifecycle(rows, { period: "day", timeZone: "UTC" }));
  });

  it("refuses an asOf too far away for the table, naming asOf, from columns as from rows", () => {
    // 2024-01-01 to +255479-11-28: 92,572,870 days
    for (const events of [WORDS.columns, WORDS.rows]) {
      const error = metricErrorOf(() =>
        lifecycle(events, { period: "day", timeZone: "UTC", asOf: new Date(8e15) }),
      );
      expect([error.code, error.field]).toEqual(["OUT_OF_RANGE", "asOf"]);
      expect(error.message).toMatch(/^lifecycle: asOf /);
    }
  });

  it("leaves out a refund-only customer and still checks every revenue", () => {
    const columns = {
      customerId: ["a", "b", "a"],
      at: [JAN_1, JAN_1 + 40 * DAY, JAN_1 + 70 * DAY],
      revenue: ["5.00", "-3.00", "2.00"],
    };
    const result = lifecycle(columns, { period: "month", timeZone: "UTC" });
    expect(
      result.periods.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant]),
    ).toEqual([
      ["2024-01", 1, 0, 0, 0],
      ["2024-02", 0, 0, 0, -1],
      ["2024-03", 0, 0, 1, 0],
    ]);
    const bad = { ...columns, revenue: ["5.00", "lots", "2.00"] };
    const error = metricErrorOf(() => lifecycle(bad, { period: "month" }));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "events[1].revenue"]);
    expect(error.message).toMatch(/^lifecycle: /);
  });
});

describe("activeUsers over period masks", () => {
  it("counts windows across the boundary of a mask word as the general table does", () => {
    const options = { windows: [1, 7], timeZone: "UTC" };
    const result = activeUsers(WORDS.columns, options);
    const at = (d: number) => [result.days[d]?.active, ...(result.days[d]?.windows ?? [])];
    // hand-checked: DAU, then customers active in the 7 days ending on the day
    expect(result.days).toHaveLength(64);
    expect(at(0)).toEqual([1, 1, 1]);
    expect(at(6)).toEqual([0, 0, 1]);
    expect(at(7)).toEqual([0, 0, 0]);
    expect(at(31)).toEqual([2, 2, 2]);
    expect(at(33)).toEqual([1, 1, 2]);
    expect(at(38)).toEqual([0, 0, 2]); // x on 32, y on 33
    expect(at(39)).toEqual([0, 0, 1]); // y on 33
    expect(at(40)).toEqual([0, 0, 0]);
    expect(at(63)).toEqual([1, 1, 1]);
    // week of Monday 2024-01-29 (days 28 … 34): x on 2 days (31, 32), y on 2 days (31, 33)
    const week = result.stickiness.find((s) => s.start === "2024-01-29T00:00:00.000Z");
    expect(week?.days).toEqual([0, 2, 0, 0, 0, 0, 0]);
    expect(result).toEqual(activeUsers(WORDS.rows, options));
  });
});
