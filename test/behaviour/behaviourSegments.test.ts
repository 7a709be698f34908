import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BehaviourSegmentsResult,
  behaviourSegments,
  lifecycleStageFunnel,
  type TypedEvent,
} from "../../src/behaviour/index.js";
import { Decimal } from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";

const ev = (customerId: string, day: string, event: string, revenue?: string): TypedEvent =>
  revenue === undefined
    ? { customerId, at: `2024-03-${day}Z`, event }
    : { customerId, at: `2024-03-${day}Z`, event, revenue };

// A toy shop observed through 31 March (asOf '2024-03-31': the whole day included), hand-checked:
//   r   two orders (40.00, 25.00) and a refund of 10.00       → repeat buyer, revenue 55
//   h1  a page view, one order of 50.00                       → one-time, high
//   h2  one order of 30.00                                    → one-time, high (at the median)
//   l1  one order of 10.00, refunded                          → one-time, low, revenue 0
//   z   one order of 20.00 on 31 March 23:59                  → one-time, low (the day is in)
//   ca  a page view and a cart on 20 March                    → cart abandoner
//   op  two page views and a cart on 30 March                 → cart abandoner (no window)
//   br  three page views                                      → browser
//   bo  one page view                                         → bouncer
//   b2  one page view and a search                            → other (not "nothing else")
//   ro  a refund only                                         → other, its refund left out
//   lt  an order at 1 April 00:00                             → after the end: not a customer
// One-time order values 50, 30, 10, 20: median (20 + 30) / 2 = 25.
const SHOP: TypedEvent[] = [
  ev("r", "02T09:00:00", "purchase", "40.00"),
  ev("r", "09T09:00:00", "purchase", "25.00"),
  ev("r", "10T09:00:00", "refund", "-10.00"),
  ev("h1", "03T10:00:00", "page_view"),
  ev("h1", "03T10:05:00", "purchase", "50.00"),
  ev("h2", "04T10:00:00", "purchase", "30.00"),
  ev("l1", "05T10:00:00", "purchase", "10.00"),
  ev("l1", "06T10:00:00", "refund", "-10.00"),
  ev("z", "31T23:59:00", "purchase", "20.00"),
  ev("ca", "20T10:00:00", "page_view"),
  ev("ca", "20T10:01:00", "add_to_cart"),
  ev("op", "30T10:00:00", "page_view"),
  ev("op", "30T10:01:00", "page_view"),
  ev("op", "30T10:02:00", "add_to_cart"),
  ev("br", "11T10:00:00", "page_view"),
  ev("br", "11T10:01:00", "page_view"),
  ev("br", "12T10:00:00", "page_view"),
  ev("bo", "13T10:00:00", "page_view"),
  ev("b2", "14T10:00:00", "page_view"),
  ev("b2", "14T10:01:00", "search"),
  ev("ro", "15T10:00:00", "refund", "-5.00"),
  { customerId: "lt", at: "2024-04-01T00:00:00Z", event: "purchase", revenue: "99.00" },
];

type Line = [string, number, number, string];
const table = (r: BehaviourSegmentsResult): Line[] =>
  r.segments.map((s) => [s.segment, s.customers, s.orders, s.revenue.toString()]);

describe("behaviourSegments", () => {
  it("gives the documented example", () => {
    const result = behaviourSegments(
      [
        { customerId: "a", at: "2024-03-01T10:00:00Z", event: "page_view" },
        { customerId: "b", at: "2024-03-01T10:00:00Z", event: "page_view" },
        { customerId: "b", at: "2024-03-01T10:02:00Z", event: "add_to_cart" },
        { customerId: "c", at: "2024-03-02T09:00:00Z", event: "purchase", revenue: "40.00" },
        { customerId: "c", at: "2024-03-09T09:00:00Z", event: "purchase", revenue: "25.00" },
      ],
      { asOf: "2024-03-31" },
    );
    expect(result.segments.map((s) => [s.segment, s.customers, s.revenue.toString()])).toEqual([
      ["repeat-buyer", 1, "65"],
      ["one-time-buyer-high", 0, "0"],
      ["one-time-buyer-low", 0, "0"],
      ["cart-abandoner", 1, "0"],
      ["browser", 0, "0"],
      ["bouncer", 1, "0"],
      ["other", 0, "0"],
    ]);
  });

  it("segments the hand-checked toy shop", () => {
    const result = behaviourSegments(SHOP, { asOf: "2024-03-31" });
    expect(result.asOf).toBe("2024-04-01T00:00:00.000Z");
    expect(result.customers).toBe(11);
    expect(result.orderValueThreshold?.toString()).toBe("25");
    expect(table(result)).toEqual([
      ["repeat-buyer", 1, 2, "55"], // 40 + 25 − 10
      ["one-time-buyer-high", 2, 2, "80"], // h1 50, h2 30
      ["one-time-buyer-low", 2, 2, "20"], // l1 10 − 10, z 20
      ["cart-abandoner", 2, 0, "0"], // ca, op
      ["browser", 1, 0, "0"],
      ["bouncer", 1, 0, "0"],
      ["other", 2, 0, "0"], // b2; ro (its refund has no order to belong to)
    ]);
    expect(result.segments.map((s) => s.share?.times(11).toString())).toEqual([
      "1",
      "2",
      "2",
      "2",
      "1",
      "1",
      "2",
    ]);
    expect(result.segmentOf.get("op")).toBe("cart-abandoner");
    expect(result.segmentOf.get("ro")).toBe("other");
    expect(result.segmentOf.has("lt")).toBe(false);
  });

  it("counts a cart as abandoned only once its window has passed by asOf", () => {
    const result = behaviourSegments(SHOP, { asOf: "2024-03-31", window: { days: 7 } });
    // op's cart (30 March) is 2 days old on 1 April: still open, and op (two page views and a
    // cart) fits no other segment; ca's cart (20 March) is abandoned
    expect(result.segmentOf.get("op")).toBe("other");
    expect(result.segmentOf.get("ca")).toBe("cart-abandoner");
    // a window ending exactly at the end counts: 20 March 10:01 + 11 days 13:59 = 1 April 00:00
    const edge = behaviourSegments(SHOP, {
      asOf: "2024-03-31",
      window: { minutes: (11 * 24 + 13) * 60 + 59 },
    });
    expect(edge.segmentOf.get("ca")).toBe("cart-abandoner");
    const later = behaviourSegments(SHOP, {
      asOf: "2024-03-31",
      window: { minutes: (11 * 24 + 13) * 60 + 60 },
    });
    expect(later.segmentOf.get("ca")).toBe("other");
  });

  it("leaves refunds out with refunds: 'exclude'", () => {
    const result = behaviourSegments(SHOP, { asOf: "2024-03-31", refunds: "exclude" });
    expect(result.segments[0]?.revenue.toString()).toBe("65");
    expect(result.segments[2]?.revenue.toString()).toBe("30");
  });

  it("splits one-time buyers at a given threshold (high at or above it)", () => {
    const result = behaviourSegments(SHOP, { asOf: "2024-03-31", orderValueThreshold: "30.01" });
    expect(result.orderValueThreshold?.toString()).toBe("30.01");
    expect(table(result).slice(1, 3)).toEqual([
      ["one-time-buyer-high", 1, 1, "50"],
      ["one-time-buyer-low", 3, 3, "50"],
    ]);
    const at30 = behaviourSegments(SHOP, { asOf: "2024-03-31", orderValueThreshold: 30 });
    expect(at30.segmentOf.get("h2")).toBe("one-time-buyer-high");
  });

  it("leaves out events at or after an instant asOf", () => {
    const result = behaviourSegments(SHOP, { asOf: "2024-03-31T23:59:00Z" });
    // z's order is at the end instant: left out, so z is no customer; median of 50, 30, 10
    expect(result.customers).toBe(10);
    expect(result.orderValueThreshold?.toString()).toBe("30");
  });

  it("reads other event names and shapes", () => {
    const renamed = SHOP.map((e) => ({
      who: e.customerId,
      when: e.at,
      what: e.event === "page_view" ? "view" : e.event === "purchase" ? "order" : e.event,
      amount: e.revenue,
    }));
    const result = behaviourSegments(renamed, {
      asOf: "2024-03-31",
      names: { pageView: "view", purchase: "order" },
      customerId: (r) => r.who,
      at: (r) => r.when,
      event: (r) => r.what,
      revenue: (r) => r.amount,
    });
    expect(table(result)).toEqual(table(behaviourSegments(SHOP, { asOf: "2024-03-31" })));
  });

  it("sums revenue exactly, beyond float64 and with many decimals", () => {
    const result = behaviourSegments(
      [
        { customerId: "a", at: "2024-01-01T00:00:00Z", event: "purchase", revenue: "0.1" },
        { customerId: "a", at: "2024-01-02T00:00:00Z", event: "purchase", revenue: "0.2" },
        {
          customerId: "b",
          at: "2024-01-02T00:00:00Z",
          event: "purchase",
          revenue: "12345678901234567890.123",
        },
        {
          customerId: "b",
          at: "2024-01-03T00:00:00Z",
          event: "purchase",
          revenue: new Decimal("0.001"),
        },
      ],
      { asOf: "2024-01-31" },
    );
    expect(result.segments[0]?.revenue.toString()).toBe("12345678901234567890.424");
  });

  it("does not depend on the time zone for instants, and reads dates in it", () => {
    const utc = behaviourSegments(SHOP, { asOf: "2024-04-01T00:00:00Z" });
    const kathmandu = behaviourSegments(SHOP, {
      asOf: "2024-04-01T00:00:00Z",
      timeZone: "Asia/Kathmandu",
    });
    expect(table(kathmandu)).toEqual(table(utc));
    // a date-only asOf in Kathmandu ends at 1 April 00:00 +05:45 = 31 March 18:15 UTC: z is out
    expect(
      behaviourSegments(SHOP, { asOf: "2024-03-31", timeZone: "Asia/Kathmandu" }).customers,
    ).toBe(10);
  });

  describe("refuses bad input", () => {
    it("with INVALID_DATE for a missing or unreadable asOf", () => {
      expect(codeAndFieldOf(() => behaviourSegments(SHOP, {} as never))).toBe("INVALID_DATE asOf");
      expect(codeAndFieldOf(() => behaviourSegments(SHOP, { asOf: "next week" }))).toBe(
        "INVALID_DATE asOf",
      );
    });

    it("with INVALID_OPTION for names that are not distinct event names", () => {
      const error = metricErrorOf(() =>
        behaviourSegments(SHOP, { asOf: "2024-03-31", names: { checkout: "purchase" } }),
      );
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "names.purchase"]);
      expect(error.message).toBe(
        'behaviourSegments: names.purchase must differ from names.checkout (received "purchase")',
      );
      expect(
        codeAndFieldOf(() =>
          behaviourSegments(SHOP, { asOf: "2024-03-31", names: { pageView: "" } }),
        ),
      ).toBe("INVALID_OPTION names.pageView");
      expect(
        codeAndFieldOf(() => behaviourSegments(SHOP, { asOf: "2024-03-31", names: "x" as never })),
      ).toBe("INVALID_OPTION names");
    });

    it("with the window's, threshold's and refunds' codes", () => {
      const asOf = "2024-03-31";
      expect(codeAndFieldOf(() => behaviourSegments(SHOP, { asOf, window: 7 as never }))).toBe(
        "INVALID_OPTION window",
      );
      expect(codeAndFieldOf(() => behaviourSegments(SHOP, { asOf, window: { days: 0 } }))).toBe(
        "OUT_OF_RANGE window.days",
      );
      expect(
        codeAndFieldOf(() => behaviourSegments(SHOP, { asOf, orderValueThreshold: "-1" })),
      ).toBe("NEGATIVE orderValueThreshold");
      expect(
        codeAndFieldOf(() => behaviourSegments(SHOP, { asOf, orderValueThreshold: "lots" })),
      ).toBe("NOT_A_NUMBER orderValueThreshold");
      expect(
        codeAndFieldOf(() => behaviourSegments(SHOP, { asOf, refunds: "gross" as never })),
      ).toBe("INVALID_OPTION refunds");
    });

    it("with the log's codes for bad rows", () => {
      const bad = [
        ...SHOP.slice(0, 3),
        { customerId: "x", at: "2024-03-01T00:00:00Z", event: "purchase", revenue: "ten" },
      ];
      expect(codeAndFieldOf(() => behaviourSegments(bad, { asOf: "2024-03-31" }))).toBe(
        "NOT_A_NUMBER events[3].revenue",
      );
      const inf = [
        { customerId: "x", at: 0, event: "purchase", revenue: Number.POSITIVE_INFINITY },
      ];
      expect(codeAndFieldOf(() => behaviourSegments(inf, { asOf: "2024-03-31" }))).toBe(
        "NOT_FINITE events[0].revenue",
      );
    });
  });

  it("partitions the customers, with shares adding to 1 and revenue to the plain sum", () => {
    const row = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d", "e", 7),
      at: fc.integer({ min: 0, max: 40 }).map((d) => Date.UTC(2024, 0, 1) + d * 86_400_000),
      event: fc.constantFrom("page_view", "add_to_cart", "checkout", "purchase", "other"),
      revenue: fc.option(
        fc.integer({ min: -500, max: 5000 }).map((c) => (c / 100).toFixed(2)),
        {
          nil: undefined,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc
          .array(row, { maxLength: 50 })
          .chain((log) =>
            fc.tuple(
              fc.constant(log),
              fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }),
            ),
          ),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        ([log, shuffled], days) => {
          const asOf = "2024-01-30";
          const end = Date.UTC(2024, 0, 31);
          const options = days === undefined ? { asOf } : { asOf, window: { days } };
          const result = behaviourSegments(log, options);
          const seen = new Set(log.filter((e) => e.at < end).map((e) => e.customerId));
          expect(result.customers).toBe(seen.size);
          expect(result.segments.reduce((n, s) => n + s.customers, 0)).toBe(seen.size);
          expect(result.segmentOf.size).toBe(seen.size);
          for (const seg of result.segments) {
            expect(
              seen.size === 0
                ? seg.share === null
                : seg.share?.eq(new Decimal(seg.customers).div(seen.size)),
            ).toBe(true);
          }
          if (seen.size > 0) {
            const sum = result.segments.reduce(
              (n, seg) => n.plus(seg.share as Decimal),
              new Decimal(0),
            );
            expect(sum.minus(1).abs().lt("1e-38")).toBe(true);
          }
          // plain revenue: orders (purchase, not negative) of customers with orders, plus their refunds
          const kept = log.filter((e) => e.at < end);
          const buyers = new Set(
            kept
              .filter((e) => e.event === "purchase" && !(Number(e.revenue ?? 0) < 0))
              .map((e) => e.customerId),
          );
          let cents = 0;
          for (const e of kept) {
            if (!buyers.has(e.customerId) || e.revenue === undefined) continue;
            const c = Math.round(Number(e.revenue) * 100);
            if (c < 0 || e.event === "purchase") cents += c;
          }
          const total = result.segments.reduce((n, s) => n.plus(s.revenue), new Decimal(0));
          expect(total.times(100).toNumber()).toBe(cents);
          expect(behaviourSegments(shuffled, options).segments).toEqual(result.segments);
          const columns = {
            customerId: log.map((e) => e.customerId),
            at: log.map((e) => e.at),
            event: log.map((e) => e.event),
            revenue: log.map((e) => e.revenue ?? null),
          };
          expect(behaviourSegments(columns, options).segments).toEqual(result.segments);
        },
      ),
    );
  });
});

describe("lifecycleStageFunnel", () => {
  const log: TypedEvent[] = [
    // u1 goes all the way; u2 stops after one purchase; u3 only looks; u4 refers before buying
    ev("u1", "01T10:00:00", "page_view"),
    ev("u1", "01T10:05:00", "add_to_cart"),
    ev("u1", "01T10:10:00", "purchase", "20.00"),
    ev("u1", "15T10:00:00", "purchase", "25.00"),
    ev("u1", "20T10:00:00", "referral"),
    ev("u2", "02T10:00:00", "page_view"),
    ev("u2", "02T10:05:00", "add_to_cart"),
    ev("u2", "02T10:10:00", "purchase", "20.00"),
    ev("u3", "03T10:00:00", "page_view"),
    ev("u4", "04T10:00:00", "page_view"),
    ev("u4", "04T10:01:00", "referral"),
    ev("u4", "04T10:05:00", "add_to_cart"),
    ev("u4", "04T10:10:00", "purchase", "20.00"),
  ];
  const stages = {
    awareness: "page_view",
    engagement: "add_to_cart",
    purchase: "purchase",
    retention: "purchase",
    advocacy: "referral",
  };

  it("gives the documented example", () => {
    const result = lifecycleStageFunnel(
      [
        { customerId: "a", at: "2024-03-01T10:00:00Z", event: "page_view" },
        { customerId: "a", at: "2024-03-01T10:05:00Z", event: "add_to_cart" },
        { customerId: "a", at: "2024-03-01T10:10:00Z", event: "purchase", revenue: "20.00" },
        { customerId: "a", at: "2024-03-15T10:00:00Z", event: "purchase", revenue: "25.00" },
        { customerId: "a", at: "2024-03-20T10:00:00Z", event: "referral" },
        { customerId: "b", at: "2024-03-02T10:00:00Z", event: "page_view" },
      ],
      { stages, window: { days: 90 } },
    );
    expect(result.steps.map((s) => [s.name, s.count])).toEqual([
      ["awareness", 2],
      ["engagement", 1],
      ["purchase", 1],
      ["retention", 1],
      ["advocacy", 1],
    ]);
  });

  it("walks customers through the five stages in order, a second purchase as retention", () => {
    const result = lifecycleStageFunnel(log, { stages, window: { days: 90 } });
    expect(result.steps.map((s) => [s.name, s.count])).toEqual([
      ["awareness", 4],
      ["engagement", 3],
      ["purchase", 3],
      ["retention", 1],
      ["advocacy", 1],
    ]);
    expect(result.order).toBe("strict");
    // within a 7-day window u1's second purchase (day 14) is too late
    const week = lifecycleStageFunnel(log, { stages, window: { weeks: 1 } });
    expect(week.steps.map((s) => s.count)).toEqual([4, 3, 3, 0, 0]);
  });

  it("refuses missing stages", () => {
    expect(codeAndFieldOf(() => lifecycleStageFunnel(log, { window: { days: 1 } } as never))).toBe(
      "INVALID_OPTION stages",
    );
    expect(
      codeAndFieldOf(() =>
        lifecycleStageFunnel(log, {
          stages: { ...stages, advocacy: undefined } as never,
          window: { days: 1 },
        }),
      ),
    ).toBe("INVALID_OPTION stages.advocacy");
    expect(codeAndFieldOf(() => lifecycleStageFunnel(log, { stages, window: 30 as never }))).toBe(
      "INVALID_OPTION window",
    );
  });
});
