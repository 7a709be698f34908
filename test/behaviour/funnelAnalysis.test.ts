import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FunnelAnalysisStep,
  type FunnelResult,
  funnelAnalysis,
  funnelAnalysisAsync,
  type TypedEvent,
} from "../../src/behaviour/index.js";
import { Decimal, MetricInputError } from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";

interface ShopEvent extends TypedEvent {
  readonly channel?: string;
}

const at = (hhmmss: string) => `2024-03-01T${hhmmss}Z`;
const ev = (customerId: string, time: string, event: string, extra: Partial<ShopEvent> = {}) => ({
  customerId,
  at: at(time),
  event,
  ...extra,
});

// A toy shop, funnel page_view → add_to_cart → purchase, window { hours: 1 } (hand-checked):
//   a: view 10:00, cart 10:05, purchase 10:20               → 3 steps (5 min, 15 min)
//   b: view 10:00, purchase 10:10, cart 10:30               → out of order: strict 2 (30 min);
//                                                              any-order 3 (both by 10:30)
//   c: view 10:00, cart 10:20, purchase 11:00:01            → one second after the window: 2
//   d: view 10:00, cart 10:40, purchase 11:00:00            → exactly at the window's end: 3
//   e: views 10:00 and 10:10 only                           → browses: 1
//   f: a refund only                                         → not in the funnel
//   g: view and cart both at 12:00:00, purchase 12:10       → strict: the cart is not after
//                                                              the view: 1; any-order: 3
//   h: view 09:00 (email), view 13:00 (ads), cart 13:30, purchase 13:45
//                                                            → furthest entry 13:00: 3 (ads);
//                                                              first entry 09:00: 1 (email)
const SHOP: ShopEvent[] = [
  ev("a", "10:00:00", "page_view", { channel: "ads" }),
  ev("a", "10:05:00", "add_to_cart"),
  ev("a", "10:20:00", "purchase", { revenue: "30.00" }),
  ev("b", "10:00:00", "page_view", { channel: "ads" }),
  ev("b", "10:10:00", "purchase", { revenue: "12.00" }),
  ev("b", "10:30:00", "add_to_cart"),
  ev("c", "10:00:00", "page_view", { channel: "ads" }),
  ev("c", "10:20:00", "add_to_cart"),
  ev("c", "11:00:01", "purchase", { revenue: "8.00" }),
  ev("d", "10:00:00", "page_view", { channel: "email" }),
  ev("d", "10:40:00", "add_to_cart"),
  ev("d", "11:00:00", "purchase", { revenue: "20.00" }),
  ev("e", "10:00:00", "page_view", { channel: "email" }),
  ev("e", "10:10:00", "page_view"),
  ev("f", "10:00:00", "refund", { revenue: "-5.00" }),
  ev("g", "12:00:00", "page_view"),
  ev("g", "12:00:00", "add_to_cart"),
  ev("g", "12:10:00", "purchase", { revenue: "3.00" }),
  ev("h", "09:00:00", "page_view", { channel: "email" }),
  ev("h", "13:00:00", "page_view", { channel: "ads" }),
  ev("h", "13:30:00", "add_to_cart"),
  ev("h", "13:45:00", "purchase", { revenue: "50.00" }),
];
const STEPS = ["page_view", "add_to_cart", "purchase"];
const MIN = 60_000;

const counts = (r: FunnelResult | { steps: readonly FunnelAnalysisStep[] }) =>
  r.steps.map((s) => s.count);

describe("funnelAnalysis", () => {
  it("gives the documented example", () => {
    const result = funnelAnalysis(
      [
        { customerId: "a", at: "2024-03-01T10:00:00Z", event: "page_view" },
        { customerId: "a", at: "2024-03-01T10:05:00Z", event: "add_to_cart" },
        { customerId: "a", at: "2024-03-01T10:20:00Z", event: "purchase", revenue: "30.00" },
        { customerId: "b", at: "2024-03-01T11:00:00Z", event: "page_view" },
        { customerId: "b", at: "2024-03-01T13:00:00Z", event: "add_to_cart" },
      ],
      { steps: ["page_view", "add_to_cart", "purchase"], window: { hours: 1 } },
    );
    expect(result.steps.map((s) => [s.name, s.count, s.fromFirst?.rate.toString()])).toEqual([
      ["page_view", 2, "1"],
      ["add_to_cart", 1, "0.5"],
      ["purchase", 1, "0.5"],
    ]);
    expect(result.steps[1]?.timeFromPrevious?.inUnit.median.toString()).toBe(
      "0.08333333333333333333333333333333333333333",
    );
  });

  it("counts the hand-checked strict funnel of the toy shop", () => {
    const result = funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 } });
    // step 1: a b c d e g h; step 2: a b c d h (g's cart is at the view's instant);
    // step 3: a d h (c's purchase is one second late, b's came before the cart)
    expect(counts(result)).toEqual([7, 5, 3]);
    expect(result.order).toBe("strict");
    expect(result.entry).toBe("furthest");
    expect(result.windowMs).toBe(3_600_000);
    const [first, second, third] = result.steps as [
      FunnelAnalysisStep,
      FunnelAnalysisStep,
      FunnelAnalysisStep,
    ];
    expect(first.fromPrevious?.rate.toString()).toBe("1");
    expect(first.timeFromPrevious).toBeNull();
    expect(second.fromPrevious?.rate.eq(new Decimal(5).div(7))).toBe(true);
    expect(second.fromPrevious?.rate.times(7).toString()).toBe("5");
    expect(third.fromPrevious?.rate.toString()).toBe("0.6");
    expect(third.fromFirst?.rate.times(7).toString()).toBe("3");
    // Wilson 95 % intervals from the score formula in mpmath, z = scipy.stats.norm.ppf(0.975):
    //   p = x/n; d = 1 + z²/n; centre = (p + z²/2n)/d; half = z/d·√(p(1−p)/n + z²/4n²)
    //   evaluated with mp.dps = 30 for 5/7, 3/5 and 3/7
    expect(second.fromPrevious?.lower.toNumber()).toBeCloseTo(0.358934451832619, 13);
    expect(second.fromPrevious?.upper.toNumber()).toBeCloseTo(0.917781075995943, 13);
    expect(third.fromPrevious?.lower.toNumber()).toBeCloseTo(0.230724281276013, 13);
    expect(third.fromPrevious?.upper.toNumber()).toBeCloseTo(0.882379225767352, 13);
    expect(third.fromFirst?.lower.toNumber()).toBeCloseTo(0.15821985525147, 13);
    expect(third.fromFirst?.upper.toNumber()).toBeCloseTo(0.749541635472343, 13);
    // view → cart: a 5, b 30, c 20, d 40, h 30 minutes; sorted 5 20 30 30 40
    expect(second.timeFromPrevious?.customers).toBe(5);
    expect(second.timeFromPrevious?.ms.lowerQuartile.toString()).toBe(String(20 * MIN));
    expect(second.timeFromPrevious?.ms.median.toString()).toBe(String(30 * MIN));
    expect(second.timeFromPrevious?.ms.upperQuartile.toString()).toBe(String(30 * MIN));
    // cart → purchase: a 15, d 20, h 15 minutes; sorted 15 15 20: q1 at 0.5 → 15,
    // median 15, q3 at 1.5 → 17.5 (NumPy: np.percentile([15, 15, 20], [25, 50, 75]))
    expect(third.timeFromPrevious?.ms.lowerQuartile.toString()).toBe(String(15 * MIN));
    expect(third.timeFromPrevious?.ms.median.toString()).toBe(String(15 * MIN));
    expect(third.timeFromPrevious?.ms.upperQuartile.toString()).toBe(String(17.5 * MIN));
    expect(third.timeFromPrevious?.inUnit.median.toString()).toBe("0.25");
    expect(third.timeFromPrevious?.unit).toBe("hours");
  });

  it("counts a step exactly at the window's end and not one second after", () => {
    const log = [ev("d", "10:00:00", "page_view"), ev("d", "11:00:00", "purchase")];
    expect(
      counts(funnelAnalysis(log, { steps: ["page_view", "purchase"], window: { hours: 1 } })),
    ).toEqual([1, 1]);
    const late = [ev("c", "10:00:00", "page_view"), ev("c", "11:00:01", "purchase")];
    expect(
      counts(funnelAnalysis(late, { steps: ["page_view", "purchase"], window: { hours: 1 } })),
    ).toEqual([1, 0]);
    expect(
      counts(funnelAnalysis(late, { steps: ["page_view", "purchase"], window: { seconds: 3601 } })),
    ).toEqual([1, 1]);
  });

  it("counts the hand-checked any-order funnel", () => {
    const result = funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 }, order: "any-order" });
    // step 2: a b c d g h; step 3: a b d g h (b's purchase and cart both within the hour)
    expect(counts(result)).toEqual([7, 6, 5]);
    // reaching cart then purchase: b's cart at 10:30 (30 min), purchase already done (0 min);
    // g: cart at the view's instant (0), purchase 10 min later
    const third = result.steps[2]?.timeFromPrevious;
    // cart → purchase gaps: a 15, b 0, d 20, g 10, h 15 → sorted 0 10 15 15 20
    expect(third?.ms.lowerQuartile.toString()).toBe(String(10 * MIN));
    expect(third?.ms.median.toString()).toBe(String(15 * MIN));
    expect(third?.ms.upperQuartile.toString()).toBe(String(15 * MIN));
  });

  it("measures from the first entry only with entry: 'first'", () => {
    const result = funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 }, entry: "first" });
    // h's first view (09:00) reaches nothing within its hour
    expect(counts(result)).toEqual([7, 4, 2]);
  });

  it("breaks the funnel down by the value on each customer's entry event", () => {
    const options = {
      steps: STEPS,
      window: { hours: 1 },
      breakdownBy: (e: ShopEvent) => e.channel,
    };
    const result = funnelAnalysis(SHOP, options);
    const table = result.breakdown?.map((b) => [b.value, counts(b)]);
    // ads: a b c, and h (measured from its 13:00 entry); email: d e; null: g
    expect(table).toEqual([
      ["ads", [4, 4, 2]],
      ["email", [2, 1, 1]],
      [null, [1, 0, 0]],
    ]);
    const first = funnelAnalysis(SHOP, { ...options, entry: "first" });
    // h now counts under email, from its 09:00 entry
    expect(first.breakdown?.map((b) => [b.value, counts(b)])).toEqual([
      ["ads", [3, 3, 1]],
      ["email", [3, 1, 1]],
      [null, [1, 0, 0]],
    ]);
    expect(result.breakdown?.[0]?.steps[1]?.fromPrevious?.rate.toString()).toBe("1");
    expect(funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 } }).breakdown).toBeNull();
  });

  it("orders breakdown groups as numbers, strings, false, true, null", () => {
    const values: Record<string, unknown> = {
      a: true,
      b: "x",
      c: 2,
      d: false,
      e: null,
      g: 1,
      h: "a",
    };
    const result = funnelAnalysis(SHOP, {
      steps: STEPS,
      window: { hours: 1 },
      breakdownBy: (e: ShopEvent) => values[e.customerId as string] as never,
    });
    expect(result.breakdown?.map((b) => b.value)).toEqual([1, 2, "a", "x", false, true, null]);
    expect(result.breakdown?.find((b) => b.value === true)?.steps.map((s) => s.count)).toEqual([
      1, 1, 1,
    ]);
  });

  it("reads a step name that never occurs as a step of nobody", () => {
    const result = funnelAnalysis(SHOP, { steps: ["page_view", "wishlist"], window: { days: 1 } });
    expect(counts(result)).toEqual([7, 0]);
    expect(result.steps[1]?.fromPrevious?.rate.toString()).toBe("0");
    expect(result.steps[1]?.timeFromPrevious).toBeNull();
    const none = funnelAnalysis(SHOP, { steps: ["wishlist", "page_view"], window: { days: 1 } });
    expect(counts(none)).toEqual([0, 0]);
    expect(none.steps[0]?.fromPrevious).toBeNull();
    expect(none.steps[1]?.fromFirst).toBeNull();
  });

  it("reads the same name twice in a strict funnel as a repeat", () => {
    const log = [
      ev("a", "10:00:00", "purchase"),
      ev("a", "10:00:00", "purchase"), // the same instant: not a second purchase after the first
      ev("b", "10:00:00", "purchase"),
      ev("b", "10:30:00", "purchase"),
    ];
    expect(
      counts(funnelAnalysis(log, { steps: ["purchase", "purchase"], window: { hours: 1 } })),
    ).toEqual([2, 1]);
  });

  it("takes predicates, with the row and its index", () => {
    const seen: number[] = [];
    const result = funnelAnalysis(SHOP, {
      steps: [
        function viewed(e: ShopEvent) {
          return e.event === "page_view";
        },
        (e: ShopEvent, i: number) => {
          seen.push(i);
          return e.event === "purchase" && Number(e.revenue) >= 20;
        },
      ],
      window: { hours: 1 },
    });
    expect(result.steps.map((s) => s.name)).toEqual(["viewed", "step 2"]);
    // a (30.00 at 10:20) and d (20.00 at 11:00); h's 50.00 is 45 min after its 13:00 entry
    expect(counts(result)).toEqual([7, 3]);
    expect(seen).toEqual(SHOP.map((_, i) => i));
  });

  it("reads columns as rows, with predicates over a record of the row", () => {
    const columns = {
      customerId: SHOP.map((e) => e.customerId),
      at: SHOP.map((e) => Date.parse(e.at as string)),
      event: SHOP.map((e) => e.event),
      revenue: SHOP.map((e) => e.revenue ?? null),
    };
    const rows = funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 } });
    expect(funnelAnalysis(columns, { steps: STEPS, window: { hours: 1 } })).toEqual(rows);
    const viaPredicate = funnelAnalysis(columns, {
      steps: ["page_view", (e: { event: unknown }) => e.event === "add_to_cart"],
      window: { hours: 1 },
    });
    expect(counts(viaPredicate)).toEqual([7, 5]);
  });

  it("reads rows of another shape through accessors", () => {
    const tuples = SHOP.map((e) => [e.customerId, e.at, e.event] as const);
    const result = funnelAnalysis(tuples, {
      steps: STEPS,
      window: { minutes: 60 },
      customerId: (r) => r[0],
      at: (r) => r[1],
      event: (r) => r[2],
    });
    expect(counts(result)).toEqual([7, 5, 3]);
    expect(result.steps[2]?.timeFromPrevious?.unit).toBe("minutes");
    expect(result.steps[2]?.timeFromPrevious?.inUnit.upperQuartile.toString()).toBe("17.5");
  });

  it("tells customers apart by id: 1 and '1' differ, 0 and -0 do not, large ids work", () => {
    const log = [
      { customerId: 1, at: 0, event: "view" },
      { customerId: "1", at: 1000, event: "buy" },
      { customerId: 0, at: 0, event: "view" },
      { customerId: -0, at: 1000, event: "buy" },
      { customerId: 2 ** 40, at: 0, event: "view" },
      { customerId: 2 ** 40, at: 1000, event: "buy" },
      { customerId: 12.5, at: 0, event: "view" },
      { customerId: 12.5, at: 1000, event: "buy" },
    ];
    // 1 never buys (the purchase is customer '1', who never views); 0, 2^40 and 12.5 convert
    expect(counts(funnelAnalysis(log, { steps: ["view", "buy"], window: { minutes: 1 } }))).toEqual(
      [4, 3],
    );
  });

  it("leaves out events at or after asOf", () => {
    // d's purchase is at 11:00:00 exactly: an instant asOf of 11:00:00 leaves it out
    const result = funnelAnalysis(SHOP, {
      steps: STEPS,
      window: { hours: 1 },
      asOf: at("11:00:00"),
    });
    expect(counts(result)).toEqual([6, 4, 1]);
  });

  it("does not depend on the time zone for instants", () => {
    const utc = funnelAnalysis(SHOP, { steps: STEPS, window: { days: 1 } });
    for (const timeZone of ["Asia/Kathmandu", "Pacific/Chatham", "America/Los_Angeles"]) {
      expect(funnelAnalysis(SHOP, { steps: STEPS, window: { days: 1 }, timeZone })).toEqual(utc);
    }
  });

  it("never mutates its input", () => {
    const frozen = Object.freeze(SHOP.map((e) => Object.freeze({ ...e })));
    const steps = Object.freeze([...STEPS]);
    expect(counts(funnelAnalysis(frozen, { steps, window: Object.freeze({ hours: 1 }) }))).toEqual([
      7, 5, 3,
    ]);
  });

  describe("refuses bad input", () => {
    const base = { steps: STEPS, window: { hours: 1 } } as const;
    it("with EMPTY for no steps and OUT_OF_RANGE for more than 30", () => {
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, steps: [] }))).toBe(
        "EMPTY steps",
      );
      const many = Array.from({ length: 31 }, (_, i) => `e${i}`);
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, steps: many }))).toBe(
        "OUT_OF_RANGE steps",
      );
      expect(
        counts(
          funnelAnalysis(SHOP, { ...base, steps: Array.from({ length: 30 }, (_, i) => `e${i}`) }),
        ),
      ).toEqual(new Array(30).fill(0));
    });

    it("with INVALID_OPTION for steps that are not names or predicates", () => {
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, steps: "page_view" as never })),
      ).toBe("INVALID_OPTION steps");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, steps: ["page_view", 3 as never] })),
      ).toBe("INVALID_OPTION steps[1]");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, steps: ["page_view", ""] })),
      ).toBe("INVALID_OPTION steps[1]");
    });

    it("with INVALID_OPTION for the same step twice in an any-order funnel", () => {
      const error = metricErrorOf(() =>
        funnelAnalysis(SHOP, {
          ...base,
          steps: ["page_view", "purchase", "purchase"],
          order: "any-order",
        }),
      );
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "steps[2]"]);
      expect(error.message).toBe(
        'funnelAnalysis: steps[2] must differ from steps[1] in an any-order funnel (one event would reach both) (received "purchase")',
      );
    });

    it("with INVALID_OPTION for a window without a unit, OUT_OF_RANGE for one ≤ 0", () => {
      const bare = metricErrorOf(() => funnelAnalysis(SHOP, { ...base, window: 7 as never }));
      expect([bare.code, bare.field]).toEqual(["INVALID_OPTION", "window"]);
      expect(bare.message).toContain("e.g. { days: 7 }");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: undefined as never })),
      ).toBe("INVALID_OPTION window");
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { days: 0 } }))).toBe(
        "OUT_OF_RANGE window.days",
      );
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { hours: -1 } }))).toBe(
        "OUT_OF_RANGE window.hours",
      );
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { months: 1 } as never })),
      ).toBe("INVALID_OPTION window");
      expect(
        codeAndFieldOf(() =>
          funnelAnalysis(SHOP, { ...base, window: { days: 1, hours: 2 } as never }),
        ),
      ).toBe("INVALID_OPTION window");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { seconds: "0.0001" } })),
      ).toBe("NOT_INTEGER window.seconds");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { weeks: 10_001 } })),
      ).toBe("OUT_OF_RANGE window.weeks");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, window: { days: Number.NaN } })),
      ).toBe("NOT_A_NUMBER window.days");
    });

    it("with INVALID_OPTION naming the step and the row for a predicate that throws", () => {
      const boom = new Error("no such property");
      const error = metricErrorOf(() =>
        funnelAnalysis(SHOP, {
          ...base,
          steps: [
            "page_view",
            (e: ShopEvent, i: number) => {
              if (i === 3) throw boom;
              return e.event === "add_to_cart";
            },
          ],
        }),
      );
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "steps[1]"]);
      expect(error.message).toBe(
        "funnelAnalysis: steps[1] must not throw (it threw on events[3]: no such property) (received a function)",
      );
      expect((error as MetricInputError & { cause?: unknown }).cause).toBe(boom);
      expect(error).toBeInstanceOf(MetricInputError);
    });

    it("with INVALID_OPTION for a predicate that returns a non-boolean", () => {
      const error = metricErrorOf(() =>
        funnelAnalysis(SHOP, { ...base, steps: ["page_view", (() => 1) as never] }),
      );
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "steps[1]"]);
      expect(error.message).toContain("returned 1 on events[0]");
    });

    it("with INVALID_OPTION for a breakdown that throws or gives an object", () => {
      expect(
        codeAndFieldOf(() =>
          funnelAnalysis(SHOP, {
            ...base,
            breakdownBy: () => {
              throw new Error("x");
            },
          }),
        ),
      ).toBe("INVALID_OPTION breakdownBy");
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, breakdownBy: () => ({}) }))).toBe(
        "INVALID_OPTION events[0]",
      );
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, breakdownBy: "channel" as never })),
      ).toBe("INVALID_OPTION breakdownBy");
    });

    it("with the log's codes for bad rows and columns", () => {
      const badTime = [
        ...SHOP.slice(0, 2),
        { customerId: "z", at: "yesterday", event: "page_view" },
      ];
      expect(codeAndFieldOf(() => funnelAnalysis(badTime, base))).toBe("INVALID_DATE events[2].at");
      const noId = [{ at: at("10:00:00"), event: "page_view" }];
      expect(codeAndFieldOf(() => funnelAnalysis(noId as never, base))).toBe(
        "NOT_A_NUMBER events[0].customerId",
      );
      expect(codeAndFieldOf(() => funnelAnalysis(null as never, base))).toBe("NOT_A_NUMBER events");
      expect(
        codeAndFieldOf(() =>
          funnelAnalysis(
            { customerId: ["a", "b"], at: [0], event: ["page_view", "page_view"] },
            base,
          ),
        ),
      ).toBe("INCONSISTENT events.at");
      expect(
        codeAndFieldOf(() =>
          funnelAnalysis(
            { customerId: ["a"], at: [0], event: ["page_view"] },
            { ...base, event: () => "x" },
          ),
        ),
      ).toBe("INVALID_OPTION event");
      expect(
        codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, order: "sequential" as never })),
      ).toBe("INVALID_OPTION order");
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, entry: "last" as never }))).toBe(
        "INVALID_OPTION entry",
      );
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, asOf: "soon" }))).toBe(
        "INVALID_DATE asOf",
      );
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, { ...base, confidence: 1 }))).toBe(
        "OUT_OF_RANGE confidence",
      );
      expect(codeAndFieldOf(() => funnelAnalysis(SHOP, null as never))).toBe(
        "INVALID_OPTION options",
      );
    });
  });

  it("finishes a customer with 200,000 entries and one long run in bounded time", () => {
    // Each entry's chain starts where the previous one's did: one pass per step.
    const n = 200_000;
    const columns = {
      customerId: new Array<string>(n).fill("x"),
      at: Float64Array.from({ length: n }, (_, i) => i * 1000),
      event: Array.from({ length: n }, (_, i) => (i === n - 1 ? "purchase" : "page_view")),
    };
    const result = funnelAnalysis(columns, {
      steps: ["page_view", "purchase"],
      window: { seconds: 2 },
    });
    expect(counts(result)).toEqual([1, 1]);
    // the earliest entry reaching the purchase is 2 s before it (the window's end, included)
    expect(result.steps[1]?.timeFromPrevious?.ms.median.toString()).toBe("2000");
  });
});

// ---------------------------------------------------------------------------------------------
// An independent plain implementation: every entry tried, every chain searched exhaustively.

interface Plain {
  readonly customerId: string;
  readonly t: number;
  readonly event: string;
  readonly channel: string | null;
}

function plainFunnel(
  log: readonly Plain[],
  steps: readonly string[],
  windowMs: number,
  order: "strict" | "any-order",
  entry: "furthest" | "first",
): { counts: number[]; byChannel: Map<string | null, number[]> } {
  const byCustomer = new Map<string, Plain[]>();
  for (const e of log) {
    const list = byCustomer.get(e.customerId) ?? [];
    list.push(e);
    byCustomer.set(e.customerId, list);
  }
  const countsOut = steps.map(() => 0);
  const byChannel = new Map<string | null, number[]>();
  for (const events of byCustomer.values()) {
    // The furthest step reachable from an entry at time t0, searched over every chain.
    const deepest = (k: number, after: number, t0: number, mustBeAfter: boolean): number => {
      if (k === steps.length) return 0;
      let bestDepth = 0;
      for (const e of events) {
        if (e.event !== steps[k]) continue;
        if (mustBeAfter ? !(e.t > after) : e.t < t0) continue;
        if (e.t - t0 > windowMs) continue;
        bestDepth = Math.max(bestDepth, 1 + deepest(k + 1, e.t, t0, mustBeAfter));
      }
      return bestDepth;
    };
    const anyOrder = (t0: number): number => {
      let k = 1;
      while (
        k < steps.length &&
        events.some((e) => e.event === steps[k] && e.t >= t0 && e.t - t0 <= windowMs)
      )
        k++;
      return k;
    };
    const entries = events.filter((e) => e.event === steps[0]).sort((a, b) => a.t - b.t);
    if (entries.length === 0) continue;
    let best = 0;
    let bestEntry: Plain | null = null;
    for (const e of entry === "first" ? entries.slice(0, 1) : entries) {
      const reached = order === "strict" ? 1 + deepest(1, e.t, e.t, true) : anyOrder(e.t);
      if (reached > best) {
        best = reached;
        bestEntry = e;
      }
    }
    for (let k = 0; k < best; k++) countsOut[k] = (countsOut[k] as number) + 1;
    // the entry's channel: among entries at the same instant, the first in input order
    const entryAt = bestEntry?.t;
    const channel =
      log.find(
        (e) => e.customerId === bestEntry?.customerId && e.t === entryAt && e.event === steps[0],
      )?.channel ?? null;
    const row = byChannel.get(channel) ?? steps.map(() => 0);
    for (let k = 0; k < best; k++) row[k] = (row[k] as number) + 1;
    byChannel.set(channel, row);
  }
  return { counts: countsOut, byChannel };
}

/** A seeded log (a linear congruential generator): sessions of view → cart → checkout → purchase. */
function generatedLog(seed: number, events: number): Plain[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const names = ["page_view", "add_to_cart", "checkout", "purchase", "refund"];
  const channels = ["ads", "email", "seo"];
  const log: Plain[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < events; i++) {
    const customerId = `c${Math.floor(120 * next() ** 2)}`;
    // minutes on a coarse grid, so that ties at one instant happen
    const t = start + Math.floor(next() * 20_000) * 60_000;
    const r = next();
    const event = names[r < 0.45 ? 0 : r < 0.7 ? 1 : r < 0.85 ? 2 : r < 0.97 ? 3 : 4] as string;
    log.push({ customerId, t, event, channel: channels[Math.floor(next() * 3)] as string });
  }
  return log;
}

describe("funnelAnalysis against a plain implementation", () => {
  const log = generatedLog(20240301, 1500);
  const steps = ["page_view", "add_to_cart", "checkout", "purchase"];
  const rows = log.map((e) => ({
    customerId: e.customerId,
    at: e.t,
    event: e.event,
    channel: e.channel,
  }));
  for (const order of ["strict", "any-order"] as const) {
    for (const entry of ["furthest", "first"] as const) {
      for (const days of [1, 3, 10]) {
        it(`agrees on a generated log (${order}, ${entry}, ${days} days)`, () => {
          const expected = plainFunnel(log, steps, days * 86_400_000, order, entry);
          const result = funnelAnalysis(rows, {
            steps,
            window: { days },
            order,
            entry,
            breakdownBy: (e) => e.channel,
          });
          expect(counts(result)).toEqual(expected.counts);
          const got = new Map(result.breakdown?.map((b) => [b.value, counts(b)]));
          expect(got).toEqual(expected.byChannel);
        });
      }
    }
  }
});

describe("funnelAnalysis properties", () => {
  const event = fc.record({
    customerId: fc.constantFrom("a", "b", "c", "d", 1, 2),
    at: fc.integer({ min: 0, max: 50 }).map((m) => m * 60_000),
    event: fc.constantFrom("view", "cart", "buy", "other"),
    channel: fc.constantFrom("x", "y", undefined),
  });
  const settings = fc.record({
    order: fc.constantFrom("strict" as const, "any-order" as const),
    entry: fc.constantFrom("furthest" as const, "first" as const),
    minutes: fc.integer({ min: 1, max: 40 }),
  });

  it("gives counts non-increasing along the funnel, rates in [0, 1] and breakdowns summing to the total", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), settings, (log, s) => {
        const result = funnelAnalysis(log, {
          steps: ["view", "cart", "buy"],
          window: { minutes: s.minutes },
          order: s.order,
          entry: s.entry,
          breakdownBy: (e) => e.channel,
        });
        const c = counts(result);
        for (let k = 1; k < c.length; k++) expect(c[k]).toBeLessThanOrEqual(c[k - 1] as number);
        for (const step of result.steps) {
          for (const r of [step.fromPrevious, step.fromFirst]) {
            if (r === null) continue;
            for (const v of [r.rate, r.lower, r.upper]) {
              expect(v.gte(0) && v.lte(1)).toBe(true);
            }
            expect(r.lower.lte(r.rate) && r.rate.lte(r.upper)).toBe(true);
          }
          const times = step.timeFromPrevious;
          if (times !== null) {
            expect(times.customers).toBe(step.count);
            expect(times.ms.lowerQuartile.lte(times.ms.median)).toBe(true);
            expect(times.ms.median.lte(times.ms.upperQuartile)).toBe(true);
            expect(times.ms.upperQuartile.lte(s.minutes * 60_000)).toBe(true);
          }
        }
        const sums = c.map(() => 0);
        for (const b of result.breakdown ?? [])
          b.steps.forEach((st, k) => {
            sums[k] = (sums[k] as number) + st.count;
          });
        expect(sums).toEqual(c);
      }),
    );
  });

  it("gives the same result for rows, columns and any order of the rows", () => {
    fc.assert(
      fc.property(
        fc
          .array(event, { maxLength: 60 })
          .chain((log) =>
            fc.tuple(
              fc.constant(log),
              fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }),
            ),
          ),
        settings,
        ([log, shuffled], s) => {
          const options = {
            steps: ["view", "cart", "buy"],
            window: { minutes: s.minutes },
            order: s.order,
            entry: s.entry,
          };
          const rows = funnelAnalysis(log, options);
          expect(funnelAnalysis(shuffled, options)).toEqual(rows);
          const columns = {
            customerId: log.map((e) => e.customerId),
            at: log.map((e) => new Date(e.at)),
            event: log.map((e) => e.event),
          };
          expect(funnelAnalysis(columns, options)).toEqual(rows);
        },
      ),
    );
  });
});

describe("funnelAnalysisAsync", () => {
  it("gives the documented example", async () => {
    async function* batches() {
      yield [{ customerId: "a", at: "2024-03-01T10:00:00Z", event: "page_view" }];
      yield {
        customerId: ["a", "b"],
        at: ["2024-03-01T10:30:00Z", "2024-03-01T11:00:00Z"],
        event: ["purchase", "page_view"],
      };
    }
    const result = await funnelAnalysisAsync(batches(), {
      steps: ["page_view", "purchase"],
      window: { hours: 1 },
    });
    expect(result.steps.map((s) => s.count)).toEqual([2, 1]);
  });

  it("gives funnelAnalysis's result for rows, arrays of rows and column chunks", async () => {
    const options = {
      steps: STEPS,
      window: { hours: 1 },
      breakdownBy: (e: ShopEvent) => e.channel,
    };
    const expected = funnelAnalysis(SHOP, options);
    async function* mixed() {
      yield SHOP[0] as ShopEvent;
      yield SHOP.slice(1, 9);
      const chunk = SHOP.slice(9, 15);
      yield {
        customerId: chunk.map((e) => e.customerId),
        at: chunk.map((e) => e.at),
        event: chunk.map((e) => e.event),
        channel: chunk.map((e) => e.channel),
      } as never;
      for (const e of SHOP.slice(15)) yield e;
    }
    // in a chunk of columns the breakdown reads the record of the row's values (no channel)
    const rowsOnly = await funnelAnalysisAsync(
      (async function* () {
        yield SHOP.slice(0, 11);
        yield* SHOP.slice(11);
      })(),
      options,
    );
    expect(rowsOnly).toEqual(expected);
    const fromMixed = await funnelAnalysisAsync(mixed(), { steps: STEPS, window: { hours: 1 } });
    expect(fromMixed).toEqual(funnelAnalysis(SHOP, { steps: STEPS, window: { hours: 1 } }));
    expect(await funnelAnalysisAsync(SHOP, { steps: STEPS, window: { hours: 1 } })).toEqual(
      fromMixed,
    );
  });

  it("rejects with the event's index in the whole stream, and checks options first", async () => {
    async function* bad() {
      yield SHOP.slice(0, 5);
      yield {
        customerId: ["x", "y"],
        at: ["2024-03-01T10:00:00Z", "later"],
        event: ["page_view", "page_view"],
      };
    }
    const error = await funnelAnalysisAsync(bad(), { steps: STEPS, window: { hours: 1 } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(MetricInputError);
    expect([error.code, error.field]).toEqual(["INVALID_DATE", "events[6].at"]);
    let read = false;
    async function* untouched() {
      read = true;
      yield SHOP[0] as ShopEvent;
    }
    const options = await funnelAnalysisAsync(untouched(), {
      steps: [],
      window: { hours: 1 },
    }).catch((e) => e);
    expect([options.code, options.field, read]).toEqual(["EMPTY", "steps", false]);
    const notIterable = await funnelAnalysisAsync(42 as never, {
      steps: STEPS,
      window: { hours: 1 },
    }).catch((e) => e);
    expect([notIterable.code, notIterable.field]).toEqual(["NOT_A_NUMBER", "events"]);
  });
});
