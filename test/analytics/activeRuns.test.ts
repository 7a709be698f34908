// Lifecycle and active users over columns whose ids are not dense integer codes: these take
// each customer's active periods grouped per id-hash partition (the active runs), not the
// period masks nor the general table. The figures must be those of rows (the general table)
// and of the same log with integer codes (the period masks), errors included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activeUsers, type CohortEvent, lifecycle } from "../../src/index.js";
import { codeAndFieldOf } from "../_helpers.js";

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2024, 0, 1);

type Id = string | number;

/** A log of [id, day after 2024-01-01 (UTC noon), revenue?] as rows, columns and coded columns. */
function forms(events: readonly (readonly [Id, number, (string | undefined)?])[]) {
  const at = (d: number) => JAN_1 + d * DAY + DAY / 2;
  const rows: CohortEvent[] = events.map(([customerId, d, revenue]) => ({
    customerId,
    at: at(d),
    revenue,
  }));
  const columns = {
    customerId: events.map(([id]) => id),
    at: Float64Array.from(events, ([, d]) => at(d)),
    revenue: events.map(([, , r]) => r),
  };
  const codes = new Map<Id, number>();
  const coded = {
    ...columns,
    customerId: Int32Array.from(events, ([id]) => {
      if (!codes.has(id)) codes.set(id, codes.size);
      return codes.get(id) as number;
    }),
  };
  return { rows, columns, coded };
}

/** [day index, new, returning, resurrecting, dormant] of the days where any is not 0. */
function changes(result: ReturnType<typeof lifecycle>): number[][] {
  return result.periods
    .map((p, i) => [i, p.new, p.returning, p.resurrecting, p.dormant])
    .filter(([, ...c]) => c.some((v) => v !== 0));
}

// Ids the packed form cannot hold (longer than 11 characters, beyond Latin-1, fractional
// numbers) next to ones it can, and the string "7" next to the number 7 (two customers).
const MIXED = forms([
  ["customer-with-a-long-id", 0, "5.00"],
  ["顧客", 0],
  [7, 1],
  ["7", 2],
  [1.5, 2, "-2.00"], // a refund: not active under the default rule
  ["customer-with-a-long-id", 1],
  ["顧客", 3, "0"],
  [1.5, 4, "3.00"],
  [7, 2],
]);

describe("lifecycle and activeUsers over active runs", () => {
  it("tell apart ids without a packed form and a string from a number", () => {
    const result = lifecycle(MIXED.columns, { period: "day", timeZone: "UTC" });
    // hand-checked, by day: long id on 0, 1; 顧客 on 0, 3; 7 on 1, 2; "7" on 2; 1.5 on 4 only
    // (its refund on day 2 is not activity)
    expect(changes(result)).toEqual([
      [0, 2, 0, 0, 0], // long id, 顧客
      [1, 1, 1, 0, -1], // 7 new, long id returning; 顧客 dormant
      [2, 1, 1, 0, -1], // "7" new, 7 returning; long id dormant
      [3, 0, 0, 1, -2], // 顧客 resurrecting; 7 and "7" dormant
      [4, 1, 0, 0, -1], // 1.5 new; 顧客 dormant
    ]);
    expect(result).toEqual(lifecycle(MIXED.rows, { period: "day", timeZone: "UTC" }));
    expect(result).toEqual(lifecycle(MIXED.coded, { period: "day", timeZone: "UTC" }));
    for (const active of ["rows", "purchases"] as const) {
      const options = { period: "day", timeZone: "UTC", active } as const;
      expect(lifecycle(MIXED.columns, options)).toEqual(lifecycle(MIXED.rows, options));
    }
    // under 'rows' the refund makes 1.5 new on day 2; under 'purchases' only days with
    // positive revenue count: the long id on day 0, 1.5 on day 4
    const rowsRule = lifecycle(MIXED.columns, { period: "day", timeZone: "UTC", active: "rows" });
    expect(rowsRule.periods[2]?.new).toBe(2);
    const purchases = lifecycle(MIXED.columns, {
      period: "day",
      timeZone: "UTC",
      active: "purchases",
    });
    expect(changes(purchases)).toEqual([
      [0, 1, 0, 0, 0],
      [1, 0, 0, 0, -1],
      [4, 1, 0, 0, 0],
    ]);
  });

  it("count the windows of the mixed ids as rows and integer codes do", () => {
    const options = { windows: [1, 3], timeZone: "UTC" };
    const result = activeUsers(MIXED.columns, options);
    // hand-checked: [DAU, 1-day, 3-day] per day 0 … 4
    expect(result.days.map((d) => [d.active, ...d.windows])).toEqual([
      [2, 2, 2], // long id, 顧客
      [2, 2, 3], // long id, 7; 3 days: + 顧客
      [2, 2, 4], // 7, "7"; 3 days: + long id, 顧客
      [1, 1, 4], // 顧客; 3 days: + long id, 7, "7"
      [1, 1, 4], // 1.5; 3 days: + 顧客, 7, "7"
    ]);
    expect(result).toEqual(activeUsers(MIXED.rows, options));
    expect(result).toEqual(activeUsers(MIXED.coded, options));
  });

  it("sort a customer's run of more than 32 events given out of time order, repeats included", () => {
    // one customer on days 39, 38, …, 0, twice over: 80 events, 40 distinct days
    const days = Array.from({ length: 80 }, (_, i) => 39 - (i % 40));
    const { rows, columns } = forms(days.map((d) => ["someone", d] as const));
    const result = lifecycle(columns, { period: "day", timeZone: "UTC" });
    expect(result.periods).toHaveLength(40);
    expect(result.periods.map((p) => p.active)).toEqual(Array(40).fill(1));
    expect(changes(result)[0]).toEqual([0, 1, 0, 0, 0]);
    expect(result.periods.slice(1).every((p) => p.returning === 1)).toBe(true);
    expect(result).toEqual(lifecycle(rows, { period: "day", timeZone: "UTC" }));
    const users = activeUsers(columns, { windows: [7], timeZone: "UTC" });
    expect(users.stickiness.map((s) => s.days.indexOf(1) + 1)).toEqual([7, 7, 7, 7, 7, 5]);
  });

  it("count the 32nd period in one bit per period and the 33rd by sorting, as rows do", () => {
    // x on days 0 and 31 (32 days: the top bit of one word); y on days 31 and 1
    const words = forms([
      ["x", 31],
      ["y", 31],
      ["x", 0],
      ["y", 1],
    ]);
    const result = lifecycle(words.columns, { period: "day", timeZone: "UTC" });
    expect(changes(result)).toEqual([
      [0, 1, 0, 0, 0],
      [1, 1, 0, 0, -1],
      [2, 0, 0, 0, -1],
      [31, 0, 0, 2, 0],
    ]);
    expect(result).toEqual(lifecycle(words.rows, { period: "day", timeZone: "UTC" }));
    // and x again a day later: 33 days
    const longer = forms([
      ["x", 31],
      ["y", 31],
      ["x", 0],
      ["y", 1],
      ["x", 32],
    ]);
    const past = lifecycle(longer.columns, { period: "day", timeZone: "UTC" });
    expect(changes(past).at(-1)).toEqual([32, 0, 1, 0, -1]); // x returning, y dormant
    expect(past).toEqual(lifecycle(longer.rows, { period: "day", timeZone: "UTC" }));
  });

  it("read integer minor units with string ids, an amount beyond 2^53 by its sign", () => {
    const columns = {
      customerId: ["a", "b", "c"],
      at: Float64Array.from([JAN_1, JAN_1 + DAY, JAN_1 + 2 * DAY]),
      revenue: Float64Array.from([500, -1e20, 1e20]),
    };
    const result = lifecycle(columns, { period: "day", timeZone: "UTC", minorUnits: 2 });
    // a on day 0, c on day 2 (the refund of b is not activity)
    expect(changes(result)).toEqual([
      [0, 1, 0, 0, 0],
      [1, 0, 0, 0, -1],
      [2, 1, 0, 0, 0],
    ]);
  });

  it("check every revenue under each active rule, as rows do", () => {
    const { rows, columns } = forms([
      ["a", 0, "5.00"],
      ["b", 1, "lots"],
    ]);
    for (const active of ["rows", "events", "purchases"] as const) {
      const options = { period: "day", active } as const;
      expect(codeAndFieldOf(() => lifecycle(columns, options))).toBe(
        "NOT_A_NUMBER events[1].revenue",
      );
      expect(codeAndFieldOf(() => lifecycle(rows, options))).toBe("NOT_A_NUMBER events[1].revenue");
    }
    expect(
      codeAndFieldOf(() =>
        activeUsers({ ...columns, customerId: ["a", null] as unknown as string[] }),
      ),
    ).toBe("NOT_A_NUMBER events[1].customerId");
  });

  it("refuse more than 5,000,000 periods without asOf naming the event, as rows do", () => {
    const { rows, columns } = forms([
      ["a", 0],
      ["b", 6_000_000], // year 18,451
    ]);
    const fromRows = codeAndFieldOf(() => lifecycle(rows, { period: "day" }));
    expect(fromRows).toBe("OUT_OF_RANGE events[1].at");
    expect(codeAndFieldOf(() => lifecycle(columns, { period: "day" }))).toEqual(fromRows);
  });

  it("give no periods when no event is active", () => {
    const { columns } = forms([["a", 0, "-1.00"]]);
    expect(lifecycle(columns, { period: "month" }).periods).toEqual([]);
    expect(activeUsers(columns).days).toEqual([]);
  });

  it("agree with rows and integer codes on random logs of mixed ids, in any order", () => {
    const id = fc.constantFrom<Id>("a", "b", "a-rather-long-customer-id", "ü", "€uro", 3, 2.5, "3");
    const event = fc.tuple(
      id,
      fc.integer({ min: 0, max: 120 }),
      fc.constantFrom<string | undefined>("-5.00", "0", "12.50", undefined),
    );
    const settings = fc.record({
      period: fc.constantFrom("day" as const, "week" as const, "month" as const),
      active: fc.constantFrom("events" as const, "purchases" as const, "rows" as const),
      timeZone: fc.constantFrom("UTC", "Asia/Kathmandu"),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), settings, (log, options) => {
        const { rows, columns, coded } = forms(log);
        const expected = lifecycle(rows, options);
        expect(lifecycle(columns, options)).toEqual(expected);
        expect(lifecycle(coded, options)).toEqual(expected);
        const reversed = forms([...log].reverse()).columns;
        expect(lifecycle(reversed, options)).toEqual(expected);
        const users = { windows: [1, 7, 30], timeZone: options.timeZone, active: options.active };
        expect(activeUsers(columns, users)).toEqual(activeUsers(rows, users));
      }),
    );
  });
});
