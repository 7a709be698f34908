import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CohortEvent,
  Decimal,
  MetricInputError,
  repeatPurchaseRetention,
} from "../../../src/index.js";

/** 2,000 customers who bought in 2023; the first 900 buy again in January–February 2024. */
function baseline(): CohortEvent[] {
  const events: CohortEvent[] = [];
  for (let i = 0; i < 2000; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (i % 12)).padStart(2, "0");
    events.push({ customerId: `c${i}`, at: `2023-${month}-${day}T10:00:00Z`, revenue: "25.00" });
    if (i < 900) {
      events.push({ customerId: `c${i}`, at: `2024-0${1 + (i % 2)}-${day}`, revenue: "30" });
    }
  }
  // New in the period: left out. Later than the period: ignored.
  for (let i = 0; i < 300; i++) events.push({ customerId: `n${i}`, at: "2024-01-15" });
  for (let i = 900; i < 1000; i++) events.push({ customerId: `c${i}`, at: "2024-03-01" });
  return events;
}

const JAN_FEB = { periodStart: "2024-01-01", periodThrough: "2024-02-29" } as const;
/** The same period for logs without revenue: every row that is not a refund is a purchase. */
const ALL = { ...JAN_FEB, purchases: "all" } as const;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
  return undefined;
}

describe("repeatPurchaseRetention", () => {
  it("reproduces the documented example: 900 of 2,000 earlier customers return → 0.45", () => {
    const r = repeatPurchaseRetention(baseline(), JAN_FEB);
    expect(r.rate.toString()).toBe("0.45");
    expect(r.returning).toBe(900);
    expect(r.eligible).toBe(2000);
  });

  it("excludes customers whose first purchase falls in the period", () => {
    const r = repeatPurchaseRetention(
      [
        { customerId: 1, at: "2023-12-31" },
        { customerId: 1, at: "2024-01-02" },
        { customerId: 2, at: "2024-01-03" },
        { customerId: 2, at: "2024-01-20" },
      ],
      ALL,
    );
    expect([r.returning, r.eligible]).toEqual([1, 1]);
    expect(r.rate.toString()).toBe("1");
  });

  it("treats the period as half-open [start, end)", () => {
    const events = [
      { customerId: "a", at: "2023-06-01" },
      { customerId: "b", at: "2023-06-01" },
      { customerId: "a", at: "2024-01-01T00:00:00Z" }, // the first instant: inside
      { customerId: "b", at: "2024-03-01T00:00:00Z" }, // the end instant: outside
    ];
    const r = repeatPurchaseRetention(events, ALL);
    expect(r.rate.toString()).toBe("0.5");
    const instant = repeatPurchaseRetention(events, {
      periodStart: "2024-01-01",
      periodEnd: "2024-03-01T00:00:00Z",
      purchases: "all",
    });
    expect(instant).toEqual(r);
  });

  it("accepts periodThrough as the last day included", () => {
    const events = [
      { customerId: "a", at: "2023-06-01" },
      { customerId: "a", at: "2024-02-29T23:59:59" },
    ];
    const through = repeatPurchaseRetention(events, ALL);
    const exclusive = repeatPurchaseRetention(events, {
      periodStart: "2024-01-01",
      periodEnd: "2024-03-01T00:00:00Z",
      purchases: "all",
    });
    expect(through).toEqual(exclusive);
    expect(through.rate.toString()).toBe("1");
    // an instant periodEnd at the start of 29 February leaves that day out
    const shorter = repeatPurchaseRetention(events, {
      periodStart: "2024-01-01",
      periodEnd: "2024-02-29T00:00:00Z",
      purchases: "all",
    });
    expect(shorter.rate.toString()).toBe("0");
  });

  it("refuses a calendar date as periodEnd and points to periodThrough", () => {
    // A date names a last day included everywhere else in the library; here it once meant
    // the start of that day, so it is refused rather than silently read either way.
    expect(() =>
      repeatPurchaseRetention([{ customerId: 1, at: "2023-01-01", revenue: 1 }], {
        periodStart: "2024-01-01",
        periodEnd: "2024-03-01",
      }),
    ).toThrow(
      "repeatPurchaseRetention: periodEnd must be an instant (a date-time such as '2024-03-01T00:00:00Z'); name the last day of the period with periodThrough instead (received \"2024-03-01\")",
    );
  });

  it("reads period bounds and offset-less dates in the time zone", () => {
    // 2024-01-01T03:00Z is still 31 December in Los Angeles: a purchase before the period there.
    const events = [
      { customerId: "a", at: "2023-12-01" },
      { customerId: "b", at: "2024-01-01T03:00:00Z" },
      { customerId: "b", at: "2024-01-10" },
    ];
    expect(repeatPurchaseRetention(events, ALL).eligible).toBe(1);
    const la = repeatPurchaseRetention(events, { ...ALL, timeZone: "America/Los_Angeles" });
    expect([la.returning, la.eligible]).toEqual([1, 2]);
    // periodThrough's day end respects the zone as well
    const kathmandu = repeatPurchaseRetention(
      [
        { customerId: "a", at: "2023-12-01" },
        { customerId: "a", at: "2024-02-29T18:30:00Z" }, // 00:15 on 1 March in Kathmandu
      ],
      { ...ALL, timeZone: "Asia/Kathmandu" },
    );
    expect(kathmandu.rate.toString()).toBe("0");
  });

  it("counts rows with positive revenue as purchases by default, every row but refunds with 'all'", () => {
    const events = [
      { customerId: "a", at: "2023-05-01", revenue: 10 },
      { customerId: "b", at: "2023-05-01", revenue: 10 },
      { customerId: "c", at: "2023-05-01" }, // no revenue
      { customerId: "a", at: "2024-01-05", revenue: "-10" }, // a refund
      { customerId: "b", at: "2024-01-05", revenue: 0 },
      { customerId: "c", at: "2024-01-05", revenue: "12.5" },
    ];
    // positive: c's 2023 row is activity, so c is not eligible; a only refunded, b spent 0
    const positive = repeatPurchaseRetention(events, JAN_FEB);
    expect([positive.returning, positive.eligible]).toEqual([0, 2]);
    expect(repeatPurchaseRetention(events, { ...JAN_FEB, purchasesOnly: true })).toEqual(positive);
    // all: c is eligible and returns, b's zero-revenue row is a purchase, a's refund is not
    const all = repeatPurchaseRetention(events, ALL);
    expect([all.returning, all.eligible]).toEqual([2, 3]);
    expect(all.rate.eq(new Decimal(2).div(3))).toBe(true);
    expect(repeatPurchaseRetention(events, { ...JAN_FEB, purchasesOnly: false })).toEqual(all);
    // refunds never make a purchase, whether netted or excluded
    expect(repeatPurchaseRetention(events, { ...ALL, refunds: "exclude" })).toEqual(all);
  });

  it("does not count a refund-only customer as eligible", () => {
    const r = repeatPurchaseRetention(
      [
        { customerId: "a", at: "2023-05-01", revenue: "20" },
        { customerId: "a", at: "2024-01-03", revenue: "5" },
        { customerId: "r", at: "2023-05-01", revenue: "-20" },
        { customerId: "r", at: "2024-01-03", revenue: "-5" },
      ],
      JAN_FEB,
    );
    expect([r.returning, r.eligible]).toEqual([1, 1]);
  });

  it("refuses a log without revenue under the default purchase rule, naming purchases", () => {
    const log = [
      { customerId: 1, at: "2023-01-01" },
      { customerId: 1, at: "2024-01-02" },
    ];
    expect(codeOf(() => repeatPurchaseRetention(log, JAN_FEB))).toBe("INVALID_OPTION purchases");
    expect(repeatPurchaseRetention(log, ALL).rate.toString()).toBe("1");
  });

  it("refuses purchases together with its former spelling purchasesOnly", () => {
    expect(
      codeOf(() =>
        repeatPurchaseRetention(baseline(), { ...JAN_FEB, purchases: "all", purchasesOnly: true }),
      ),
    ).toBe("INVALID_OPTION purchasesOnly");
    expect(
      // @ts-expect-error an unknown rule
      codeOf(() => repeatPurchaseRetention(baseline(), { ...JAN_FEB, purchases: "some" })),
    ).toBe("INVALID_OPTION purchases");
    expect(
      // @ts-expect-error an unknown rule
      codeOf(() => repeatPurchaseRetention(baseline(), { ...JAN_FEB, refunds: "keep" })),
    ).toBe("INVALID_OPTION refunds");
  });

  it("counts a sub-cent amount as a purchase with purchasesOnly, and a sub-cent refund as none", () => {
    const events = [
      { customerId: "a", at: "2023-05-01", revenue: "0.001" },
      { customerId: "b", at: "2023-05-01", revenue: "-0.001" },
      { customerId: "a", at: "2024-01-05", revenue: "0.004" },
    ];
    const r = repeatPurchaseRetention(events, { ...JAN_FEB, purchasesOnly: true });
    expect([r.returning, r.eligible]).toEqual([1, 1]);
  });

  it("reads other row shapes through accessors, and columns", () => {
    const rows = [
      { who: "x", when: Date.UTC(2023, 0, 1), amount: "5" },
      { who: "x", when: Date.UTC(2024, 0, 9), amount: "5" },
      { who: "y", when: Date.UTC(2023, 0, 1), amount: "5" },
    ];
    const r = repeatPurchaseRetention(rows, {
      ...JAN_FEB,
      customerId: (row) => row.who,
      at: (row) => row.when,
      revenue: (row) => row.amount,
    });
    expect(r.rate.toString()).toBe("0.5");
    const columns = repeatPurchaseRetention(
      {
        customerId: ["x", "x", "y"],
        at: [new Date(Date.UTC(2023, 0, 1)), "2024-01-09", 0],
        revenue: new Float64Array([5, 5, 5]),
      },
      JAN_FEB,
    );
    expect(columns.rate.toString()).toBe("0.5");
  });

  it("reads revenue under every purchase rule, since a refund is never a purchase", () => {
    const events = [
      { customerId: 1, at: "2023-01-01", revenue: "n/a" },
      { customerId: 1, at: "2024-01-02", revenue: "n/a" },
    ];
    expect(codeOf(() => repeatPurchaseRetention(events, ALL))).toBe(
      "NOT_A_NUMBER events[0].revenue",
    );
  });

  it("keeps number and string ids apart", () => {
    const r = repeatPurchaseRetention(
      [
        { customerId: 1, at: "2023-01-01" },
        { customerId: "1", at: "2024-01-02" },
      ],
      ALL,
    );
    expect([r.returning, r.eligible]).toEqual([0, 1]);
  });

  it("does not mutate frozen input", () => {
    const frozen = Object.freeze(baseline().map((e) => Object.freeze({ ...e })));
    expect(repeatPurchaseRetention(frozen, Object.freeze({ ...JAN_FEB })).rate.toString()).toBe(
      "0.45",
    );
  });

  it("gives a Decimal rate with full precision", () => {
    const events = [0, 1, 2].flatMap((i) => [{ customerId: i, at: "2023-01-01" }]);
    events.push({ customerId: 0, at: "2024-01-01" });
    const r = repeatPurchaseRetention(events, ALL);
    expect(r.rate.eq(new Decimal(1).div(3))).toBe(true);
  });

  describe("errors", () => {
    it.each([
      [
        "ZERO_DENOMINATOR events",
        () => repeatPurchaseRetention([{ customerId: 1, at: "2024-01-02" }], ALL),
      ],
      ["ZERO_DENOMINATOR events", () => repeatPurchaseRetention([], JAN_FEB)],
      [
        "INVALID_DATE events[3].at",
        () =>
          repeatPurchaseRetention(
            [
              { customerId: 1, at: "2023-01-01" },
              { customerId: 1, at: "2023-01-02" },
              { customerId: 1, at: "2023-01-03" },
              { customerId: 1, at: "2023-02-30" },
            ],
            JAN_FEB,
          ),
      ],
      [
        "INVALID_DATE events[0].at",
        () => repeatPurchaseRetention([{ customerId: 1, at: new Date(Number.NaN) }], JAN_FEB),
      ],
      [
        "NOT_A_NUMBER events[0].customerId",
        () => repeatPurchaseRetention([{ customerId: null, at: "2023-01-01" }], JAN_FEB),
      ],
      [
        "NOT_A_NUMBER events[0].revenue",
        () =>
          repeatPurchaseRetention([{ customerId: 1, at: "2023-01-01", revenue: "ten" }], {
            ...JAN_FEB,
            purchasesOnly: true,
          }),
      ],
      // @ts-expect-error events must be iterable or columns
      ["NOT_A_NUMBER events", () => repeatPurchaseRetention(42, JAN_FEB)],
      [
        "NOT_A_NUMBER events.customerId",
        // @ts-expect-error columns need customerId
        () => repeatPurchaseRetention({ at: [] }, JAN_FEB),
      ],
      [
        "NOT_A_NUMBER events.at",
        // @ts-expect-error columns need at
        () => repeatPurchaseRetention({ customerId: [] }, JAN_FEB),
      ],
      [
        "INCONSISTENT events.at",
        () => repeatPurchaseRetention({ customerId: [1, 2], at: ["2023-01-01"] }, JAN_FEB),
      ],
      [
        "NOT_A_NUMBER events.revenue",
        // @ts-expect-error revenue column must be array-like
        () => repeatPurchaseRetention({ customerId: [1], at: ["2023-01-01"], revenue: 5 }, JAN_FEB),
      ],
      [
        "INCONSISTENT events.revenue",
        () =>
          repeatPurchaseRetention({ customerId: [1], at: ["2023-01-01"], revenue: [] }, JAN_FEB),
      ],
      [
        "INVALID_DATE periodStart",
        // @ts-expect-error periodStart is required
        () => repeatPurchaseRetention(baseline(), { periodEnd: "2024-03-01T00:00:00Z" }),
      ],
      [
        "INVALID_DATE periodStart",
        // @ts-expect-error options are required
        () => repeatPurchaseRetention(baseline()),
      ],
      [
        "INVALID_DATE periodEnd",
        () =>
          repeatPurchaseRetention(baseline(), { periodStart: "2024-01-01", periodEnd: "March" }),
      ],
      [
        "INVALID_DATE periodThrough",
        () =>
          repeatPurchaseRetention(baseline(), { periodStart: "2024-01-01", periodThrough: "x" }),
      ],
      [
        "INCONSISTENT periodEnd",
        () => repeatPurchaseRetention(baseline(), { periodStart: "2024-01-01" }),
      ],
      [
        "INCONSISTENT periodThrough",
        () =>
          repeatPurchaseRetention(baseline(), {
            ...JAN_FEB,
            periodEnd: "2024-03-01T00:00:00Z",
          }),
      ],
      [
        "INCONSISTENT periodEnd",
        () =>
          repeatPurchaseRetention(baseline(), {
            periodStart: "2024-01-01",
            periodEnd: "2024-01-01T00:00:00Z",
          }),
      ],
      [
        "INVALID_OPTION purchasesOnly",
        // @ts-expect-error a boolean
        () => repeatPurchaseRetention(baseline(), { ...JAN_FEB, purchasesOnly: "yes" }),
      ],
      [
        "INVALID_OPTION timeZone",
        () => repeatPurchaseRetention(baseline(), { ...JAN_FEB, timeZone: "Nowhere/Land" }),
      ],
      [
        "INVALID_OPTION customerId",
        // @ts-expect-error accessors are functions
        () => repeatPurchaseRetention(baseline(), { ...JAN_FEB, customerId: "id" }),
      ],
      [
        "INVALID_OPTION options",
        // @ts-expect-error options must be an object
        () => repeatPurchaseRetention(baseline(), "2024-01"),
      ],
    ] as const)("throws %s", (expected, run) => {
      expect(codeOf(run)).toBe(expected);
    });

    it("names the row in the message", () => {
      expect(() => repeatPurchaseRetention([{ customerId: 1, at: "yesterday" }], JAN_FEB)).toThrow(
        'repeatPurchaseRetention: events[0].at must be an ISO-8601 date or date-time (received "yesterday")',
      );
    });
  });

  describe("properties", () => {
    const eventArb = fc.record({
      customerId: fc.integer({ min: 0, max: 15 }),
      at: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 5, 1) }),
    });
    const withEligible = fc
      .array(eventArb, { minLength: 0, maxLength: 80 })
      .map((list) => [{ customerId: 99, at: Date.UTC(2023, 0, 1) }, ...list]);

    it("is a fraction in [0, 1] with returning ≤ eligible", () => {
      fc.assert(
        fc.property(withEligible, (events) => {
          const r = repeatPurchaseRetention(events, ALL);
          expect(r.returning).toBeLessThanOrEqual(r.eligible);
          expect(r.rate.gte(0) && r.rate.lte(1)).toBe(true);
          expect(r.rate.eq(new Decimal(r.returning).div(r.eligible))).toBe(true);
        }),
      );
    });

    it("does not depend on event order or on events after the period", () => {
      fc.assert(
        fc.property(withEligible, fc.array(eventArb), (events, extra) => {
          const later = extra.map((e) => ({
            ...e,
            at: e.at - Date.UTC(2023, 0, 1) + Date.UTC(2024, 2, 1),
          }));
          const a = repeatPurchaseRetention(events, ALL);
          const b = repeatPurchaseRetention([...later, ...events].reverse(), ALL);
          expect(b).toEqual(a);
        }),
      );
    });
  });
});
