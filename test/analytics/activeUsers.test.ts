import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ActiveUsersDay, activeUsers, type CohortEvent } from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";

/** [key, DAU, window counts, ratio] per day. */
function table(days: readonly ActiveUsersDay[]) {
  return days.map((d) => [
    d.key,
    d.active,
    d.windows,
    d.ratio === null ? null : d.ratio.toString(),
  ]);
}

// Europe/Berlin moves from CET (+1) to CEST (+2) on Sunday 2024-03-31, a 23-hour day.
//   c: 2024-03-26T22:30Z = Mar 26 23:30 in Berlin
//   a: 2024-03-26T23:30Z = Mar 27 00:30 in Berlin (still Mar 26 in UTC), and Mar 28
//   b: 2024-04-01T22:30Z = Apr 2 00:30 in Berlin, and again Apr 2 22:00 (two events, one day)
//   a: Apr 2 10:00 in Berlin
const LOG: CohortEvent[] = [
  { customerId: "c", at: "2024-03-26T22:30:00Z", revenue: "4.00" },
  { customerId: "a", at: "2024-03-26T23:30:00Z" },
  { customerId: "a", at: "2024-03-28T12:00:00Z", revenue: "10.00" },
  { customerId: "b", at: "2024-04-01T22:30:00Z", revenue: 0 },
  { customerId: "b", at: "2024-04-02T20:00:00Z", revenue: "3.00" },
  { customerId: "a", at: "2024-04-02T08:00:00Z" },
  { customerId: "r", at: "2024-03-29T08:00:00Z", revenue: "-9.00" }, // a refund only
];

describe("activeUsers", () => {
  it("gives the documented example", () => {
    const result = activeUsers(
      [
        { customerId: "a", at: "2024-01-01T10:00:00Z" },
        { customerId: "a", at: "2024-01-02T10:00:00Z" },
        { customerId: "b", at: "2024-01-02T18:00:00Z" },
      ],
      { windows: [1, 7] },
    );
    expect(table(result.days)).toEqual([
      ["2024-01-01", 1, [1, 1], "1"],
      ["2024-01-02", 2, [2, 2], "1"],
    ]);
    expect(result.stickiness[0]?.key).toBe("2024-W01");
    expect(result.stickiness[0]?.days).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it("counts calendar-day windows in the time zone across the change to summer time", () => {
    const result = activeUsers(LOG, { windows: [1, 7], timeZone: "Europe/Berlin" });
    expect(result.windows).toEqual([1, 7]);
    expect(table(result.days)).toEqual([
      ["2024-03-26", 1, [1, 1], "1"], // c
      ["2024-03-27", 1, [1, 2], "0.5"], // a; the week so far holds c and a
      ["2024-03-28", 1, [1, 2], "0.5"], // a again
      ["2024-03-29", 0, [0, 2], "0"], // r's refund is not activity
      ["2024-03-30", 0, [0, 2], "0"],
      ["2024-03-31", 0, [0, 2], "0"], // the 23-hour day
      ["2024-04-01", 0, [0, 2], "0"], // Mar 26 .. Apr 1: c and a
      // Mar 27 .. Apr 2 (167 hours): a and b; c (Mar 26 23:30) is out, though it is within
      // 7 × 24 hours of the day's end; b's two events count once
      ["2024-04-02", 2, [2, 2], "1"],
    ]);
    expect(result.days[5]?.start).toBe("2024-03-30T23:00:00.000Z");
    expect(result.days[6]?.start).toBe("2024-03-31T22:00:00.000Z");
    // ISO weeks: W13 (Mar 25–31) c on 1 day, a on 2 days; W14 a and b on 1 day each
    expect(result.stickinessPeriod).toBe("week");
    expect(result.stickiness.map((s) => [s.key, s.customers, s.days])).toEqual([
      ["2024-W13", 2, [1, 1, 0, 0, 0, 0, 0]],
      ["2024-W14", 2, [2, 0, 0, 0, 0, 0, 0]],
    ]);
  });

  it("buckets the same log in UTC differently", () => {
    const result = activeUsers(LOG, { windows: [1, 7] });
    // in UTC, c and a are both active on Mar 26, b on Apr 1 and Apr 2
    expect(table(result.days).map((d) => d.slice(0, 3))).toEqual([
      ["2024-03-26", 2, [2, 2]],
      ["2024-03-27", 0, [0, 2]],
      ["2024-03-28", 1, [1, 2]],
      ["2024-03-29", 0, [0, 2]],
      ["2024-03-30", 0, [0, 2]],
      ["2024-03-31", 0, [0, 2]],
      ["2024-04-01", 1, [1, 3]],
      ["2024-04-02", 2, [2, 2]], // Mar 27 .. Apr 2: a (Mar 28, Apr 2) and b; c is out
    ]);
  });

  it("gives monthly stickiness with 31 buckets and DAU/MAU with the default windows", () => {
    const result = activeUsers(LOG, { timeZone: "Europe/Berlin", stickiness: "month" });
    expect(result.windows).toEqual([1, 7, 30]);
    expect(
      result.stickiness.map((s) => [s.key, s.customers, s.days.slice(0, 3), s.days.length]),
    ).toEqual([
      ["2024-03", 2, [1, 1, 0], 31], // c on 1 day, a on 2
      ["2024-04", 2, [2, 0, 0], 31],
    ]);
    const last = result.days[result.days.length - 1] as ActiveUsersDay;
    expect(last.windows).toEqual([2, 2, 3]); // 30 days: c, a, b
    // 2 / 3 to the library's 40 significant digits
    expect(last.ratio?.toString()).toBe(`0.${"6".repeat(39)}7`);
  });

  it("counts refunds as activity under active: 'rows' only", () => {
    const rows = activeUsers(LOG, { windows: [1], timeZone: "Europe/Berlin", active: "rows" });
    expect(rows.days.find((d) => d.key === "2024-03-29")?.active).toBe(1);
    const purchases = activeUsers(LOG, {
      windows: [1],
      timeZone: "Europe/Berlin",
      active: "purchases",
    });
    // purchases only: c (Mar 26), a (Mar 28), b (Apr 2 22:00 Berlin)
    expect(purchases.days.map((d) => d.active)).toEqual([1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it("runs to the day of asOf and marks it incomplete unless it has ended", () => {
    const instant = activeUsers(LOG, { windows: [1, 7], asOf: "2024-04-04T12:00:00Z" });
    const tail = instant.days.slice(-3).map((d) => [d.key, d.active, d.windows, d.complete]);
    expect(tail).toEqual([
      ["2024-04-02", 2, [2, 2], true], // Mar 27 .. Apr 2: a and b
      ["2024-04-03", 0, [0, 2], true], // Mar 28 .. Apr 3: a and b
      ["2024-04-04", 0, [0, 2], false],
    ]);
    const date = activeUsers(LOG, { windows: [1], asOf: "2024-04-02" });
    expect(date.days.map((d) => d.complete).every(Boolean)).toBe(true);
    expect(date.stickiness.map((s) => s.complete)).toEqual([true, false]);
    // an instant asOf leaves out an event exactly at it: a at 2024-04-02T08:00Z; Apr 2 is
    // reported (it holds the last observed instant) with nobody active, and incomplete
    const cut = activeUsers(LOG, { windows: [1], asOf: new Date("2024-04-02T08:00:00Z") });
    expect(cut.days.slice(-2).map((d) => [d.key, d.active, d.complete])).toEqual([
      ["2024-04-01", 1, true], // b at 2024-04-01T22:30Z
      ["2024-04-02", 0, false],
    ]);
  });

  it("gives a null ratio when the largest window is empty and nothing for an empty log", () => {
    const gap = activeUsers(
      [
        { customerId: "a", at: "2024-01-01T00:00:00Z" },
        { customerId: "a", at: "2024-01-04T00:00:00Z" },
      ],
      { windows: [2, 1] },
    );
    // largest window: 2 days; Jan 3 holds nobody in Jan 2–3
    expect(table(gap.days)).toEqual([
      ["2024-01-01", 1, [1, 1], "1"],
      ["2024-01-02", 0, [1, 0], "0"],
      ["2024-01-03", 0, [0, 0], null],
      ["2024-01-04", 1, [1, 1], "1"],
    ]);
    expect(activeUsers([]).days).toEqual([]);
  });

  it("reads columns and accessors as rows and does not mutate the input", () => {
    const frozen = Object.freeze(LOG.map((e) => Object.freeze({ ...e })));
    const expected = activeUsers(frozen, { timeZone: "Europe/Berlin" });
    const columns = {
      customerId: LOG.map((e) => e.customerId),
      at: LOG.map((e) => e.at),
      revenue: LOG.map((e) => e.revenue),
    };
    expect(activeUsers(columns, { timeZone: "Europe/Berlin" })).toEqual(expected);
    const shaped = LOG.map((e) => ({ u: e.customerId, t: e.at, v: e.revenue }));
    expect(
      activeUsers(shaped, {
        timeZone: "Europe/Berlin",
        customerId: (r) => r.u,
        at: (r) => r.t,
        revenue: (r) => r.v,
      }),
    ).toEqual(expected);
  });

  it("refuses bad windows, periods and stickiness periods with the field", () => {
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: [1, 0] }))).toBe(
      "OUT_OF_RANGE windows[1]",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: [1.5] }))).toBe(
      "NOT_INTEGER windows[0]",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: [-7] }))).toBe(
      "OUT_OF_RANGE windows[0]",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: [] }))).toBe("INVALID_OPTION windows");
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: 7 as unknown as number[] }))).toBe(
      "INVALID_OPTION windows",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { windows: [7, 7] }))).toBe(
      "INVALID_OPTION windows[1]",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { period: "week" as "day" }))).toBe(
      "INVALID_OPTION period",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { stickiness: "year" as "week" }))).toBe(
      "INVALID_OPTION stickiness",
    );
    expect(codeAndFieldOf(() => activeUsers(LOG, { timeZone: "Nowhere/Land" }))).toBe(
      "INVALID_OPTION timeZone",
    );
    expect(metricErrorOf(() => activeUsers(LOG, { windows: [0] })).message).toBe(
      "activeUsers: windows[0] must be at least 1 (received 0)",
    );
  });

  describe("properties", () => {
    const event = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d", "e"),
      at: fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2024, 4, 31) }),
      revenue: fc.oneof(fc.constantFrom("-5.00", "0", "12.00"), fc.constant(undefined)),
    });
    const settings = fc.record({
      windows: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
      timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Chatham"),
      stickiness: fc.constantFrom("week" as const, "month" as const),
      active: fc.constantFrom("events" as const, "rows" as const),
    });

    it("keeps every count in range and the windows nested", () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 50 }), settings, (log, options) => {
          const result = activeUsers(log, options);
          const customers = new Set(log.map((e) => e.customerId)).size;
          const order = options.windows.map((w, i) => [w, i] as const).sort((x, y) => x[0] - y[0]);
          let activeDays = 0;
          for (const day of result.days) {
            activeDays += day.active;
            for (let j = 0; j < order.length; j++) {
              const [, i] = order[j] as readonly [number, number];
              const count = day.windows[i] as number;
              expect(count).toBeLessThanOrEqual(customers);
              expect(count).toBeGreaterThanOrEqual(day.active);
              if (j > 0)
                expect(count).toBeGreaterThanOrEqual(
                  day.windows[(order[j - 1] as readonly [number, number])[1]] as number,
                );
              if (order[j]?.[0] === 1) expect(count).toBe(day.active);
            }
            if (day.ratio !== null) expect(day.ratio.gte(0) && day.ratio.lte(1)).toBe(true);
          }
          // every active (customer, day) falls in exactly one week or month of the distribution
          let counted = 0;
          for (const s of result.stickiness) {
            expect(s.customers).toBeLessThanOrEqual(customers);
            s.days.forEach((n, k) => {
              counted += n * (k + 1);
            });
          }
          expect(counted).toBe(activeDays);
        }),
      );
    });

    it("is the same for rows and columns and for any order of the events", () => {
      fc.assert(
        fc.property(
          fc.array(event, { maxLength: 50 }),
          settings,
          fc.func(fc.integer()),
          (log, options, rank) => {
            const expected = activeUsers(log, options);
            const shuffled = log
              .map((e, i) => [rank(i), i, e] as const)
              .sort((x, y) => x[0] - y[0] || x[1] - y[1])
              .map(([, , e]) => e);
            expect(activeUsers(shuffled, options)).toEqual(expected);
            const columns = {
              customerId: log.map((e) => e.customerId),
              at: Float64Array.from(log.map((e) => e.at)),
              revenue: log.map((e) => e.revenue),
            };
            expect(activeUsers(columns, options)).toEqual(expected);
          },
        ),
      );
    });
  });
});

describe("activeUsers with a long list of windows", () => {
  it("takes 150,000 windows, unsorted, in linear time, and divides by the largest", () => {
    // windows 150000, 149999, …, 1: the largest is first; a customer active on day 1 only
    // and another on day 3: on day 3 the 1-day window holds 1 and the largest holds 2
    const windows = Array.from({ length: 150_000 }, (_, i) => 150_000 - i);
    const result = activeUsers(
      [
        { customerId: "a", at: "2024-01-01T10:00:00Z" },
        { customerId: "b", at: "2024-01-03T10:00:00Z" },
      ],
      { windows },
    );
    const last = result.days[result.days.length - 1] as ActiveUsersDay;
    expect(last.key).toBe("2024-01-03");
    expect(last.windows[0]).toBe(2);
    expect(last.windows[windows.length - 1]).toBe(1);
    expect(String(last.ratio)).toBe("0.5");
  });
});
