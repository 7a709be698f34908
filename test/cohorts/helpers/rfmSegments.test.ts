import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CohortEvent,
  Decimal,
  MetricInputError,
  type RfmSegmentRule,
  type RfmTies,
  rfmSegments,
} from "../../../src/index.js";

const AS_OF = "2024-04-01";
const DAY = 86_400_000;
const asOfMs = Date.UTC(2024, 3, 1);

/** A customer with `orders` orders, the last one `days` before asOf, spending `spend` in all. */
function customer(id: string | number, days: number, orders: number, spend: string): CohortEvent[] {
  const events: CohortEvent[] = [];
  const each = new Decimal(spend).div(orders);
  for (let k = 0; k < orders; k++) {
    events.push({ customerId: id, at: asOfMs - (days + k * 7) * DAY, revenue: each });
  }
  return events;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
  return undefined;
}

// Tie vectors (computed; the quantile row with numpy): F = [1,1,1,1,1,2,2,3,5,8], n = 10,
// five bins.
const F = [1, 1, 1, 1, 1, 2, 2, 3, 5, 8];
const F_EVENTS = F.flatMap((orders, i) => customer(i, 1, orders, "10"));
const fScores = (ties: RfmTies) =>
  rfmSegments(F_EVENTS, { asOf: AS_OF, ties }).customers.map((c) => c.f);

describe("rfmSegments", () => {
  it("reproduces the documented example", () => {
    const { customers, segments } = rfmSegments(
      [
        { customerId: "a", at: "2024-03-30", revenue: "120" },
        { customerId: "a", at: "2024-02-01", revenue: "80" },
        { customerId: "b", at: "2023-11-15", revenue: "15" },
      ],
      { asOf: "2024-04-01", bins: 2 },
    );
    expect(customers[0]?.recency).toBe(2);
    expect(customers[0]?.score).toBe("222");
    expect(customers[1]?.score).toBe("111");
    expect(customers[0]?.monetary.toString()).toBe("200");
    expect(customers[1]?.recency).toBe(138);
    expect(customers.map((c) => c.segment)).toEqual([null, null]);
    expect(segments).toEqual([]);
  });

  describe("tie policies", () => {
    it.each([
      ["min", [1, 1, 1, 1, 1, 3, 3, 4, 5, 5]],
      ["average", [2, 2, 2, 2, 2, 4, 4, 4, 5, 5]],
      ["max", [3, 3, 3, 3, 3, 4, 4, 4, 5, 5]],
      ["dense", [1, 1, 1, 1, 1, 1, 1, 2, 2, 3]],
      // NTILE(5) by stable order: equal values get different scores (ties broken by id).
      ["ntile", [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
      // numpy linear quantile breaks [1, 1, 2, 3.4]; a value on a break goes to the lower bin.
      ["quantile", [1, 1, 1, 1, 1, 3, 3, 4, 5, 5]],
    ] as const)("scores frequency with ties '%s'", (ties, expected) => {
      expect(fScores(ties)).toEqual(expected);
    });

    it("uses 'min' by default, keeping equal values in one bin", () => {
      expect(rfmSegments(F_EVENTS, { asOf: AS_OF }).customers.map((c) => c.f)).toEqual(
        fScores("min"),
      );
    });

    it("inverts recency: fewer days score higher (min rank on −days)", () => {
      const days = [3, 10, 10, 25, 40, 60, 90, 120, 200, 365];
      const events = days.flatMap((d, i) => customer(i, d, 1, "1"));
      const result = rfmSegments(events, { asOf: AS_OF });
      expect(result.customers.map((c) => c.recency)).toEqual(days);
      expect(result.customers.map((c) => c.r)).toEqual([5, 4, 4, 4, 3, 3, 2, 2, 1, 1]);
      const raw = rfmSegments(events, { asOf: AS_OF, recency: "raw" });
      expect(raw.customers.map((c) => c.r)).toEqual([1, 1, 1, 2, 3, 3, 4, 4, 5, 5]);
    });

    it("breaks ntile ties by customer id, not input order", () => {
      const reversed = [...F_EVENTS].reverse();
      expect(
        rfmSegments(reversed, { asOf: AS_OF, ties: "ntile" }).customers.map((c) => c.f),
      ).toEqual(fScores("ntile"));
    });

    it("puts the larger ntile groups first like SQL NTILE", () => {
      const events = [1, 2, 3, 4, 5, 6, 7].flatMap((orders, i) => customer(i, 1, orders, "1"));
      const scores = rfmSegments(events, { asOf: AS_OF, ties: "ntile" }).customers.map((c) => c.f);
      expect(scores).toEqual([1, 1, 2, 2, 3, 4, 5]);
      const few = rfmSegments(customer("x", 1, 1, "1"), { asOf: AS_OF, ties: "ntile" });
      expect(few.customers[0]?.f).toBe(1);
    });
  });

  it("scores total spend by default and spend per order on request", () => {
    const events = [...customer("a", 1, 4, "100"), ...customer("b", 1, 1, "60")];
    const total = rfmSegments(events, { asOf: AS_OF, bins: 2 });
    expect(total.customers.map((c) => [c.monetary.toString(), c.m])).toEqual([
      ["100", 2],
      ["60", 1],
    ]);
    const mean = rfmSegments(events, { asOf: AS_OF, bins: 2, monetary: "mean" });
    expect(mean.customers.map((c) => [c.monetary.toString(), c.m])).toEqual([
      ["25", 1],
      ["60", 2],
    ]);
  });

  it("reads a date asOf as its last day included, and an instant asOf as the first instant left out", () => {
    const events = [
      { customerId: "a", at: "2024-04-01T00:00:00Z", revenue: 5 },
      { customerId: "a", at: "2024-04-01T00:00:01Z", revenue: 500 },
      { customerId: "a", at: "2024-04-01T23:59:59.999Z", revenue: 1 },
      { customerId: "b", at: "2024-04-02", revenue: 5 },
      { customerId: "c", at: "2024-03-01T12:00", revenue: 5 },
    ];
    // '2024-04-01' observes all of 1 April: every purchase of that day counts, recency 0
    const result = rfmSegments(events, { asOf: AS_OF, bins: 2 });
    expect(result.customers.map((c) => c.customerId)).toEqual(["a", "c"]);
    expect(result.byCustomer.get("a")?.recency).toBe(0);
    expect(result.byCustomer.get("a")?.frequency).toBe(3);
    expect(result.byCustomer.get("a")?.monetary.toString()).toBe("506");
    expect(result.byCustomer.get("c")?.recency).toBe(31);
    expect(result.byCustomer.has("b")).toBe(false);
    // an instant: the purchase exactly at it is left out; recency counts to the day holding
    // the last observed instant (1 April)
    const instant = rfmSegments(events, { asOf: "2024-04-01T00:00:01Z", bins: 2 });
    expect(instant.byCustomer.get("a")?.frequency).toBe(1);
    expect(instant.byCustomer.get("a")?.monetary.toString()).toBe("5");
    expect(instant.byCustomer.get("a")?.recency).toBe(0);
    // midnight as an instant observes nothing of 1 April: recency counts to 31 March
    const midnight = rfmSegments(events, { asOf: new Date(asOfMs), bins: 2 });
    expect(midnight.customers.map((c) => [c.customerId, c.recency])).toEqual([["c", 30]]);
  });

  it("counts recency in calendar days of the time zone", () => {
    const events = [{ customerId: 1, at: "2024-03-31T20:00:00Z", revenue: 1 }];
    expect(rfmSegments(events, { asOf: "2024-04-01T12:00:00Z" }).customers[0]?.recency).toBe(1);
    // In Kolkata 20:00Z is 01:30 on 1 April: the same day as asOf.
    expect(
      rfmSegments(events, { asOf: "2024-04-01T12:00:00Z", timeZone: "Asia/Kolkata" }).customers[0]
        ?.recency,
    ).toBe(0);
  });

  it("counts purchases as orders, nets refunds into the total, and leaves activity out", () => {
    const events = [
      { customerId: "a", at: "2024-03-01" },
      { customerId: "a", at: "2024-03-02", revenue: "40" },
      { customerId: "a", at: "2024-03-03", revenue: "-15.5" },
    ];
    const result = rfmSegments(events, { asOf: AS_OF });
    expect(result.customers[0]?.frequency).toBe(1);
    expect(result.customers[0]?.monetary.toString()).toBe("24.5");
    // the refund was the last event, but recency counts from the last purchase
    expect(result.customers[0]?.recency).toBe(30);
    // purchases: 'all' makes the row without revenue an order; a refund is never one
    const all = rfmSegments(events, { asOf: AS_OF, purchases: "all" });
    expect([all.customers[0]?.frequency, all.customers[0]?.recency]).toEqual([2, 30]);
    const exclude = rfmSegments(events, { asOf: AS_OF, refunds: "exclude" });
    expect(exclude.customers[0]?.monetary.toString()).toBe("40");
  });

  describe("segments", () => {
    // Five customers with distinct values, so each score is the rank (R, F, M):
    // A 555, B 411, C 144, D 333, E 222.
    const five = [
      ...customer("A", 1, 5, "500"),
      ...customer("B", 5, 1, "10"),
      ...customer("C", 200, 4, "400"),
      ...customer("D", 20, 3, "300"),
      ...customer("E", 60, 2, "200"),
    ];

    it("applies the built-in map: first matching rule, narrowest first", () => {
      const result = rfmSegments(five, { asOf: AS_OF });
      expect(result.customers.map((c) => [c.customerId, c.score, c.segment])).toEqual([
        ["A", "555", "Champions"],
        ["B", "411", "New customers"],
        ["C", "144", "Can't lose them"],
        ["D", "333", "Need attention"],
        ["E", "222", "Need attention"],
      ]);
      const sizes = Object.fromEntries(result.segments.map((s) => [s.name, s.customers]));
      expect(sizes).toEqual({
        "New customers": 1,
        Promising: 0,
        Lost: 0,
        "Can't lose them": 1,
        Champions: 1,
        "Need attention": 2,
        "About to sleep": 0,
        Hibernating: 0,
        "Potential loyalist": 0,
        "At risk": 0,
        Loyal: 0,
        Others: 0,
      });
      expect(result.segments.find((s) => s.name === "Need attention")?.share.toString()).toBe(
        "0.4",
      );
    });

    it("puts the lowest cell in Lost and unmatched cells in Others", () => {
      // X: most recent, fewest orders, highest spend → 515, which no rule of the map covers.
      const result = rfmSegments(
        [
          ...customer("X", 1, 1, "1000"),
          ...customer("Y", 10, 5, "50"),
          ...customer("Z", 20, 4, "40"),
          ...customer("W", 30, 3, "30"),
          ...customer("V", 40, 2, "20"),
        ],
        { asOf: AS_OF },
      );
      const x = result.byCustomer.get("X");
      expect([x?.score, x?.segment]).toEqual(["515", "Others"]);
      expect(result.segments.at(-1)).toEqual({
        name: "Others",
        customers: 1,
        share: new Decimal("0.2"),
      });
      const lost = rfmSegments([...F_EVENTS, ...customer("z", 900, 1, "0.01")], {
        asOf: AS_OF,
      }).byCustomer.get("z");
      expect([lost?.score, lost?.segment]).toEqual(["111", "Lost"]);
    });

    it("takes a custom map, such as the common R–F grid", () => {
      const grid: RfmSegmentRule[] = [
        { name: "hibernating", r: [1, 2], f: [1, 2], m: [1, 5] },
        { name: "at risk", r: [1, 2], f: [3, 4], m: [1, 5] },
        { name: "can't lose", r: [1, 2], f: [5, 5], m: [1, 5] },
        { name: "about to sleep", r: [3, 3], f: [1, 2], m: [1, 5] },
        { name: "need attention", r: [3, 3], f: [3, 3], m: [1, 5] },
        { name: "loyal", r: [3, 4], f: [4, 5], m: [1, 5] },
        { name: "promising", r: [4, 4], f: [1, 1], m: [1, 5] },
        { name: "new", r: [5, 5], f: [1, 1], m: [1, 5] },
        { name: "potential loyalist", r: [4, 5], f: [2, 3], m: [1, 5] },
        { name: "champions", r: [5, 5], f: [4, 5], m: [1, 5] },
      ];
      const result = rfmSegments(five, { asOf: AS_OF, segments: grid });
      expect(result.customers.map((c) => c.segment)).toEqual([
        "champions",
        "promising",
        "at risk",
        "need attention",
        "hibernating",
      ]);
      expect(result.segments.map((s) => s.name)).toEqual([...grid.map((g) => g.name), "Others"]);
      const two = rfmSegments(five, {
        asOf: AS_OF,
        bins: 2,
        segments: [{ name: "top", r: [2, 2], f: [2, 2], m: [2, 2] }],
      });
      expect(two.segments.map((s) => [s.name, s.customers])).toEqual([
        ["top", 2],
        ["Others", 3],
      ]);
    });

    it("joins scores with '-' when bins exceed 9", () => {
      const events = Array.from({ length: 12 }, (_, i) =>
        customer(i, i + 1, i + 1, String(i + 1)),
      ).flat();
      const result = rfmSegments(events, { asOf: AS_OF, bins: 12 });
      expect(result.customers[0]?.score).toBe("12-1-1");
      expect(result.customers[11]?.score).toBe("1-12-12");
      expect(result.customers[0]?.segment).toBeNull();
    });
  });

  it("orders customers by id (numbers first) and reads columns and accessors", () => {
    const columns = rfmSegments(
      {
        customerId: ["b", 10, "a", 2],
        at: ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"],
        revenue: ["1", "2", "3", "4"],
      },
      { asOf: AS_OF, bins: 2 },
    );
    expect(columns.customers.map((c) => c.customerId)).toEqual([2, 10, "a", "b"]);
    const rows = [{ who: "x", when: "2024-03-01", paid: 3n }];
    const viaAccessors = rfmSegments(rows, {
      asOf: AS_OF,
      customerId: (row) => row.who,
      at: (row) => row.when,
      revenue: (row) => row.paid,
    });
    expect(viaAccessors.customers[0]?.monetary.toString()).toBe("3");
    // A lone customer has rank 1 of 1: ceil(5 · 1 / 1) = 5 in every dimension.
    expect(viaAccessors.customers[0]?.score).toBe("555");
  });

  it("reads number, string, bigint and Decimal revenue alike", () => {
    const forms = [12.5, "12.50", new Decimal("12.5")];
    const monetary = forms.map((revenue) =>
      rfmSegments([{ customerId: 1, at: "2024-03-01", revenue }], {
        asOf: AS_OF,
      }).customers[0]?.monetary.toString(),
    );
    expect(monetary).toEqual(["12.5", "12.5", "12.5"]);
    expect(
      rfmSegments([{ customerId: 1, at: "2024-03-01", revenue: 12n }], {
        asOf: AS_OF,
      }).customers[0]?.monetary.toString(),
    ).toBe("12");
  });

  it("sums spend exactly: sub-cent amounts and totals beyond 2^53 cents", () => {
    const big = "90071992547409.91"; // 2^53 − 1 cents
    const result = rfmSegments(
      [
        { customerId: "a", at: "2024-03-01", revenue: "0.005" },
        { customerId: "a", at: "2024-03-02", revenue: "0.10" },
        { customerId: "b", at: "2024-03-01", revenue: big },
        { customerId: "b", at: "2024-03-02", revenue: big },
        { customerId: "c", at: "2024-03-01", revenue: "0.1" },
        { customerId: "d", at: "2024-03-01", revenue: "0.11" },
      ],
      { asOf: AS_OF, bins: 4 },
    );
    expect(result.customers.map((c) => [c.customerId, c.monetary.toString(), c.m])).toEqual([
      ["a", "0.105", 2],
      ["b", "180143985094819.82", 4],
      ["c", "0.1", 1],
      ["d", "0.11", 3],
    ]);
  });

  it("does not mutate frozen input", () => {
    const frozen = Object.freeze(F_EVENTS.map((e) => Object.freeze({ ...e })));
    expect(rfmSegments(frozen, Object.freeze({ asOf: AS_OF })).customers.map((c) => c.f)).toEqual(
      fScores("min"),
    );
  });

  it("handles many customers", () => {
    const events = Array.from({ length: 5000 }, (_, i) => ({
      customerId: i % 1000,
      at: asOfMs - (i % 97) * DAY,
      revenue: String(i % 13),
    }));
    const result = rfmSegments(events, { asOf: AS_OF });
    expect(result.customers).toHaveLength(1000);
    expect(result.segments.reduce((sum, s) => sum + s.customers, 0)).toBe(1000);
  });

  describe("errors", () => {
    it.each([
      ["EMPTY events", () => rfmSegments([], { asOf: AS_OF })],
      [
        "EMPTY events",
        () => rfmSegments([{ customerId: 1, at: "2024-05-01", revenue: 1 }], { asOf: AS_OF }),
      ],
      [
        "EMPTY events",
        () => rfmSegments([{ customerId: 1, at: "2024-03-01", revenue: -1 }], { asOf: AS_OF }),
      ],
      [
        "INVALID_OPTION purchases",
        () => rfmSegments([{ customerId: 1, at: "2024-03-01" }], { asOf: AS_OF }),
      ],
      // @ts-expect-error unknown rule
      ["INVALID_OPTION purchases", () => rfmSegments(F_EVENTS, { asOf: AS_OF, purchases: "x" })],
      // @ts-expect-error unknown rule
      ["INVALID_OPTION refunds", () => rfmSegments(F_EVENTS, { asOf: AS_OF, refunds: "x" })],
      // @ts-expect-error unknown basis
      ["INVALID_OPTION frequency", () => rfmSegments(F_EVENTS, { asOf: AS_OF, frequency: "x" })],
      // @ts-expect-error asOf is required
      ["INVALID_DATE asOf", () => rfmSegments(F_EVENTS, {})],
      // @ts-expect-error options are required
      ["INVALID_DATE asOf", () => rfmSegments(F_EVENTS)],
      ["INVALID_DATE asOf", () => rfmSegments(F_EVENTS, { asOf: "2024-13-01" })],
      [
        "INVALID_DATE events[1].at",
        () =>
          rfmSegments(
            [
              { customerId: 1, at: "2024-01-01" },
              { customerId: 1, at: "01/02/2024" },
            ],
            { asOf: AS_OF },
          ),
      ],
      [
        "NOT_A_NUMBER events[0].revenue",
        () => rfmSegments([{ customerId: 1, at: "2024-01-01", revenue: "" }], { asOf: AS_OF }),
      ],
      [
        "NOT_FINITE events[0].revenue",
        () =>
          rfmSegments([{ customerId: 1, at: "2024-01-01", revenue: Number.POSITIVE_INFINITY }], {
            asOf: AS_OF,
          }),
      ],
      [
        "NOT_A_NUMBER events[0].customerId",
        () => rfmSegments([{ customerId: Number.NaN, at: "2024-01-01" }], { asOf: AS_OF }),
      ],
      ["OUT_OF_RANGE bins", () => rfmSegments(F_EVENTS, { asOf: AS_OF, bins: 1 })],
      ["OUT_OF_RANGE bins", () => rfmSegments(F_EVENTS, { asOf: AS_OF, bins: 101 })],
      ["NOT_INTEGER bins", () => rfmSegments(F_EVENTS, { asOf: AS_OF, bins: 2.5 })],
      // @ts-expect-error unknown tie policy
      ["INVALID_OPTION ties", () => rfmSegments(F_EVENTS, { asOf: AS_OF, ties: "first" })],
      // @ts-expect-error unknown direction
      ["INVALID_OPTION recency", () => rfmSegments(F_EVENTS, { asOf: AS_OF, recency: "desc" })],
      // @ts-expect-error unknown basis
      ["INVALID_OPTION monetary", () => rfmSegments(F_EVENTS, { asOf: AS_OF, monetary: "sum" })],
      ["INVALID_OPTION timeZone", () => rfmSegments(F_EVENTS, { asOf: AS_OF, timeZone: "" })],
      // @ts-expect-error segments must be an array
      ["INVALID_OPTION segments", () => rfmSegments(F_EVENTS, { asOf: AS_OF, segments: {} })],
      // @ts-expect-error a rule must be an object
      ["INVALID_OPTION segments[0]", () => rfmSegments(F_EVENTS, { asOf: AS_OF, segments: [1] })],
      [
        "INVALID_OPTION segments[0].name",
        () =>
          rfmSegments(F_EVENTS, {
            asOf: AS_OF,
            segments: [{ name: "", r: [1, 5], f: [1, 5], m: [1, 5] }],
          }),
      ],
      [
        "INVALID_OPTION segments[0].f",
        () =>
          rfmSegments(F_EVENTS, {
            asOf: AS_OF,
            segments: [{ name: "x", r: [1, 5], f: [4, 2], m: [1, 5] }],
          }),
      ],
      [
        "INVALID_OPTION segments[0].m",
        () =>
          rfmSegments(F_EVENTS, {
            asOf: AS_OF,
            segments: [{ name: "x", r: [1, 5], f: [1, 5], m: [1, 6] }],
          }),
      ],
    ] as const)("throws %s", (expected, run) => {
      expect(codeOf(run)).toBe(expected);
    });
  });

  describe("properties", () => {
    // one purchase at least (customer 99), so that the table is never empty
    const eventsArb = fc
      .array(
        fc.record({
          customerId: fc.integer({ min: 0, max: 40 }),
          at: fc.integer({ min: asOfMs - 400 * DAY, max: asOfMs }),
          revenue: fc.integer({ min: -50, max: 500 }).map(String),
        }),
        { minLength: 0, maxLength: 150 },
      )
      .map((list) => [...list, { customerId: 99, at: asOfMs - DAY, revenue: "1" }]);
    const tiesArb = fc.constantFrom<RfmTies>("min", "average", "max", "dense", "ntile", "quantile");

    it("keeps every score in 1…bins and the segment shares summing to 1", () => {
      fc.assert(
        fc.property(eventsArb, tiesArb, fc.integer({ min: 2, max: 10 }), (events, ties, bins) => {
          const result = rfmSegments(events, { asOf: AS_OF, ties, bins });
          for (const c of result.customers) {
            for (const s of [c.r, c.f, c.m]) {
              expect(Number.isInteger(s) && s >= 1 && s <= bins).toBe(true);
            }
          }
          if (bins === 5) {
            const total = result.segments.reduce((sum, s) => sum.plus(s.share), new Decimal(0));
            expect(total.minus(1).abs().lt("1e-30")).toBe(true);
          }
        }),
      );
    });

    it("fills bins equally (±1) when values are distinct", () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 80 }),
          fc.integer({ min: 2, max: 10 }),
          fc.constantFrom<RfmTies>("min", "max", "average", "ntile"),
          (spends, bins, ties) => {
            const events = spends.map((spend, i) => ({
              customerId: i,
              at: "2024-03-01",
              revenue: spend,
            }));
            const m = rfmSegments(events, { asOf: AS_OF, bins, ties }).customers.map((c) => c.m);
            const sizes = Array.from(
              { length: bins },
              (_, k) => m.filter((s) => s === k + 1).length,
            );
            const used = sizes.filter((s) => s > 0);
            expect(Math.max(...used) - Math.min(...used)).toBeLessThanOrEqual(1);
            if (spends.length >= bins) expect(used).toHaveLength(bins);
          },
        ),
      );
    });

    it("does not depend on event order", () => {
      fc.assert(
        fc.property(eventsArb, tiesArb, (events, ties) => {
          const a = rfmSegments(events, { asOf: AS_OF, ties });
          const b = rfmSegments([...events].reverse(), { asOf: AS_OF, ties });
          expect(
            b.customers.map((c) => `${c.customerId}:${c.score}:${c.monetary}:${c.segment}`),
          ).toEqual(
            a.customers.map((c) => `${c.customerId}:${c.score}:${c.monetary}:${c.segment}`),
          );
        }),
      );
    });
  });
});
