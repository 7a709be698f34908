import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CohortEvent, type LifecyclePeriod, lifecycle } from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";

type Row = readonly [string, number, number, number, number, boolean];

/** [key, new, returning, resurrecting, dormant, complete] per period. */
function rows(periods: readonly LifecyclePeriod[]): Row[] {
  return periods.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant, p.complete]);
}

// A toy shop, by month in UTC (hand-checked below):
//   a: purchases Jan 5 and Jan 20 (two in the first month), Feb 10, then nothing until Apr 2
//   b: one purchase Jan 9, never again
//   c: only a refund (Feb 3)
//   d: a purchase on Feb 14 and its refund the same day, then a page view (no revenue) Mar 1
//   e: a zero-revenue event Mar 31 23:30 (still March in UTC)
const SHOP: CohortEvent[] = [
  { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "20.00" },
  { customerId: "a", at: "2024-01-20T10:00:00Z", revenue: "5.00" },
  { customerId: "b", at: "2024-01-09T08:00:00Z", revenue: "12.00" },
  { customerId: "c", at: "2024-02-03T12:00:00Z", revenue: "-8.00" },
  { customerId: "a", at: "2024-02-10T12:00:00Z", revenue: "7.50" },
  { customerId: "d", at: "2024-02-14T09:00:00Z", revenue: "30.00" },
  { customerId: "d", at: "2024-02-14T17:00:00Z", revenue: "-30.00" },
  { customerId: "d", at: "2024-03-01T09:00:00Z" },
  { customerId: "e", at: "2024-03-31T23:30:00Z", revenue: 0 },
  { customerId: "a", at: "2024-04-02T09:00:00Z", revenue: "9.00" },
];

describe("lifecycle", () => {
  it("gives the documented example", () => {
    const result = lifecycle(
      [
        { customerId: "a", at: "2024-01-05T10:00:00Z" },
        { customerId: "a", at: "2024-02-05T10:00:00Z" },
        { customerId: "b", at: "2024-01-20T10:00:00Z" },
        { customerId: "b", at: "2024-03-02T10:00:00Z" },
      ],
      { period: "month" },
    );
    expect(
      result.periods.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant]),
    ).toEqual([
      ["2024-01", 2, 0, 0, 0],
      ["2024-02", 0, 1, 0, -1],
      ["2024-03", 0, 0, 1, -1],
    ]);
  });

  it("splits active customers into new, returning and resurrecting, and counts the dormant", () => {
    const result = lifecycle(SHOP, { period: "month", asOf: "2024-05-15" });
    expect(result.period).toBe("month");
    expect(rows(result.periods)).toEqual([
      // a (two purchases in January: still one new customer) and b
      ["2024-01", 2, 0, 0, 0, true],
      // a returns; d is new; b went dormant; c (refund only) is never active
      ["2024-02", 1, 1, 0, -1, true],
      // d returns with a page view; e is new (zero revenue is activity); a went dormant
      ["2024-03", 1, 1, 0, -1, true],
      // a resurrects (active in February, not March); d and e went dormant
      ["2024-04", 0, 0, 1, -2, true],
      // nobody active; a went dormant; May has not ended by asOf
      ["2024-05", 0, 0, 0, -1, false],
    ]);
    expect(result.periods.map((p) => p.active)).toEqual([2, 2, 2, 1, 0]);
    expect(result.periods[0]?.start).toBe("2024-01-01T00:00:00.000Z");
  });

  it("ends at the last active period without asOf, so nobody is dormant after it", () => {
    expect(rows(lifecycle(SHOP, { period: "month" }).periods).map((r) => r[0])).toEqual([
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
    ]);
  });

  it("counts a refund-only customer under active: 'rows' and drops zero revenue under 'purchases'", () => {
    // rows: c is new in February (its refund) and dormant in March
    expect(rows(lifecycle(SHOP, { period: "month", active: "rows" }).periods)).toEqual([
      ["2024-01", 2, 0, 0, 0, true],
      ["2024-02", 2, 1, 0, -1, true],
      ["2024-03", 1, 1, 0, -2, true],
      ["2024-04", 0, 0, 1, -2, true],
    ]);
    // purchases: d is active in February only (its page view does not count), e never is
    expect(rows(lifecycle(SHOP, { period: "month", active: "purchases" }).periods)).toEqual([
      ["2024-01", 2, 0, 0, 0, true],
      ["2024-02", 1, 1, 0, -1, true],
      ["2024-03", 0, 0, 0, -2, true],
      ["2024-04", 0, 0, 1, 0, true],
    ]);
  });

  it("buckets in the time zone and by ISO week", () => {
    // e's event, 2024-03-31T23:30Z, is April 1 in Berlin: e is new in April, not March
    const berlin = rows(lifecycle(SHOP, { period: "month", timeZone: "Europe/Berlin" }).periods);
    expect(berlin[2]).toEqual(["2024-03", 0, 1, 0, -1, true]);
    expect(berlin[3]).toEqual(["2024-04", 1, 0, 1, -1, true]);
    const weeks = lifecycle(
      [
        { customerId: "x", at: "2024-01-01T00:00:00Z" }, // Monday of 2024-W01
        { customerId: "x", at: "2024-01-07T23:59:59Z" }, // Sunday, same week
        { customerId: "x", at: "2024-01-08T00:00:00Z" }, // 2024-W02: returning
        { customerId: "x", at: "2024-01-22T00:00:00Z" }, // 2024-W04: resurrecting
      ],
      { period: "week" },
    );
    expect(rows(weeks.periods)).toEqual([
      ["2024-W01", 1, 0, 0, 0, true],
      ["2024-W02", 0, 1, 0, 0, true],
      ["2024-W03", 0, 0, 0, -1, true],
      ["2024-W04", 0, 0, 1, 0, true],
    ]);
  });

  it("leaves out an event exactly at an instant asOf and includes a date asOf's whole day", () => {
    const log = [
      { customerId: "a", at: "2024-01-31T12:00:00Z" },
      { customerId: "b", at: "2024-02-01T00:00:00Z" },
    ];
    const instant = lifecycle(log, { period: "day", asOf: new Date("2024-02-01T00:00:00Z") });
    expect(rows(instant.periods)).toEqual([["2024-01-31", 1, 0, 0, 0, true]]);
    const date = lifecycle(log, { period: "day", asOf: "2024-02-01" });
    expect(rows(date.periods)).toEqual([
      ["2024-01-31", 1, 0, 0, 0, true],
      ["2024-02-01", 1, 0, 0, -1, true],
    ]);
  });

  it("returns no periods for an empty log or one without active events", () => {
    expect(lifecycle([]).periods).toEqual([]);
    expect(lifecycle([{ customerId: "c", at: "2024-01-01", revenue: -1 }]).periods).toEqual([]);
  });

  it("reads columns as rows, with accessors for other shapes, and never mutates the input", () => {
    const columns = {
      customerId: SHOP.map((e) => e.customerId),
      at: SHOP.map((e) => e.at),
      revenue: SHOP.map((e) => e.revenue),
    };
    const frozen = Object.freeze(SHOP.map((e) => Object.freeze({ ...e })));
    const fromRows = lifecycle(frozen, { period: "month" });
    expect(lifecycle(columns, { period: "month" })).toEqual(fromRows);
    const shaped = SHOP.map((e) => ({ who: e.customerId, when: e.at, amount: e.revenue }));
    const viaAccessors = lifecycle(shaped, {
      period: "month",
      customerId: (r) => r.who,
      at: (r) => r.when,
      revenue: (r) => r.amount,
    });
    expect(viaAccessors).toEqual(fromRows);
  });

  it("refuses bad options and events with MetricInputError naming lifecycle and the field", () => {
    expect(codeAndFieldOf(() => lifecycle(SHOP, { period: "fortnight" as "week" }))).toBe(
      "INVALID_OPTION period",
    );
    expect(codeAndFieldOf(() => lifecycle(SHOP, { timeZone: "Mars/Olympus" }))).toBe(
      "INVALID_OPTION timeZone",
    );
    expect(codeAndFieldOf(() => lifecycle(SHOP, { active: "all" as "rows" }))).toBe(
      "INVALID_OPTION active",
    );
    expect(codeAndFieldOf(() => lifecycle(SHOP, { asOf: "soon" }))).toBe("INVALID_DATE asOf");
    expect(codeAndFieldOf(() => lifecycle([{ customerId: "a", at: "yesterday" }]))).toBe(
      "INVALID_DATE events[0].at",
    );
    const error = metricErrorOf(() => lifecycle(SHOP, { period: "fortnight" as "week" }));
    expect(error.message).toMatch(/^lifecycle: period must be one of/);
  });

  it("refuses a log spanning more than 5,000,000 periods before allocating them", () => {
    const log = [
      { customerId: "a", at: -8.6e15 }, // year -270,000: a stray time
      { customerId: "a", at: "2024-01-01" },
    ];
    const error = metricErrorOf(() => lifecycle(log, { period: "day" }));
    expect([error.code, error.field]).toEqual(["OUT_OF_RANGE", "events[1].at"]);
  });

  describe("properties", () => {
    const event = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
      at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 30) }),
      revenue: fc.oneof(fc.constantFrom("-5.00", "0", "10.00", "3.25"), fc.constant(undefined)),
    });
    const settings = fc.record({
      period: fc.constantFrom("day" as const, "week" as const, "month" as const),
      active: fc.constantFrom("events" as const, "purchases" as const, "rows" as const),
      timeZone: fc.constantFrom("UTC", "Europe/Berlin", "Asia/Kathmandu"),
    });

    it("adds up: new + returning + resurrecting = active, dormant = -(previous active - returning)", () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 60 }), settings, (log, options) => {
          const { periods } = lifecycle(log, options);
          const customers = new Set(log.map((e) => e.customerId)).size;
          periods.forEach((p, i) => {
            expect(p.new + p.returning + p.resurrecting).toBe(p.active);
            const previous = i === 0 ? 0 : (periods[i - 1] as LifecyclePeriod).active;
            expect(p.dormant).toBe(p.returning - previous || 0);
            expect(Object.is(p.dormant, -0)).toBe(false);
            expect(p.active).toBeLessThanOrEqual(customers);
            for (const n of [p.new, p.returning, p.resurrecting, -p.dormant])
              expect(n).toBeGreaterThanOrEqual(0);
          });
          // every customer is new exactly once
          const total = periods.reduce((sum, p) => sum + p.new, 0);
          expect(total).toBeLessThanOrEqual(customers);
        }),
      );
    });

    it("is the same for rows and columns and for any order of the events", () => {
      fc.assert(
        fc.property(
          fc.array(event, { maxLength: 60 }),
          settings,
          fc.func(fc.integer()),
          (log, options, rank) => {
            const expected = lifecycle(log, options);
            const shuffled = log
              .map((e, i) => [rank(i), i, e] as const)
              .sort((x, y) => x[0] - y[0] || x[1] - y[1])
              .map(([, , e]) => e);
            expect(lifecycle(shuffled, options)).toEqual(expected);
            const columns = {
              customerId: log.map((e) => e.customerId),
              at: Float64Array.from(log.map((e) => e.at)),
              revenue: log.map((e) => e.revenue),
            };
            expect(lifecycle(columns, options)).toEqual(expected);
          },
        ),
      );
    });
  });
});
