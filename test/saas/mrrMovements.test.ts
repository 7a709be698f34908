import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  grossRevenueChurnRate,
  MetricInputError,
  type MrrRow,
  mrrMovements,
  netRevenueRetention,
  quickRatio,
} from "../../src/index.js";
import { codeOf } from "../_helpers.js";

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    if (error instanceof MetricInputError) return error.field;
    throw error;
  }
  return undefined;
}

function asStrings(m: ReturnType<typeof mrrMovements>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (v as Decimal).toString()]));
}

describe("mrrMovements", () => {
  it("computes the documented example", () => {
    const m = mrrMovements(
      [
        { customerId: "a", mrr: 100 },
        { customerId: "b", mrr: 50 },
        { customerId: "c", mrr: 30 },
      ],
      [
        { customerId: "a", mrr: 120 },
        { customerId: "b", mrr: 40 },
        { customerId: "d", mrr: 70 },
        { customerId: "e", mrr: 25 },
      ],
      { previouslyChurned: ["e"] },
    );
    expect(asStrings(m)).toEqual({
      startMrr: "180",
      endMrr: "255",
      new: "70",
      expansion: "20",
      contraction: "10",
      churned: "30",
      reactivation: "25",
      netNew: "75",
    });
  });

  it("follows ChartMogul's Syncalytics lifecycle, one subscription row each", () => {
    // ChartMogul Help Center, subscription-lifecycle article (Syncalytics): 4 Gold yearly
    // ($2,000 a year) -> New Business $166.67 (2000 / 12); +2 Silver monthly ($30 each) ->
    // Expansion $60; cancelling Silver -> Contraction $60; cancelling the last Gold ->
    // Churn; returning with 3 Gold monthly ($50 each) -> Reactivation $150.
    const gold = new Decimal(2000).div(12);
    const m1 = mrrMovements([], [{ customerId: "syncalytics", mrr: gold }]);
    expect(m1.new.eq(gold)).toBe(true);
    expect(m1.new.toDecimalPlaces(2).toString()).toBe("166.67");
    const withSilver = [
      { customerId: "syncalytics", mrr: gold },
      { customerId: "syncalytics", mrr: 60 },
    ];
    expect(
      mrrMovements([{ customerId: "syncalytics", mrr: gold }], withSilver).expansion.toString(),
    ).toBe("60");
    expect(
      mrrMovements(withSilver, [{ customerId: "syncalytics", mrr: gold }]).contraction.toString(),
    ).toBe("60");
    const churn = mrrMovements([{ customerId: "syncalytics", mrr: gold }], []);
    expect(churn.churned.eq(gold)).toBe(true);
    const back = mrrMovements([], [{ customerId: "syncalytics", mrr: 150 }], {
      previouslyChurned: new Set(["syncalytics"]),
    });
    expect(back.reactivation.toString()).toBe("150");
    expect(back.new.toString()).toBe("0");
  });

  it("feeds the revenue metrics: a bridge with new, expansion and losses", () => {
    // theprimecalculator.com, "SaaS Quick Ratio Calculator": 25k new + 10k expansion against
    // 8k churned + 4k contraction -> quick ratio 2.9167, net new MRR +23,000.
    const start: MrrRow[] = [
      { customerId: 1, mrr: 40000 },
      { customerId: 2, mrr: 8000 },
      { customerId: 3, mrr: 20000 },
    ];
    const end: MrrRow[] = [
      { customerId: 1, mrr: 50000 },
      { customerId: 3, mrr: 16000 },
      { customerId: 4, mrr: 25000 },
    ];
    const m = mrrMovements(start, end);
    expect(m.netNew.toString()).toBe("23000");
    expect(
      quickRatio({
        newRevenue: m.new,
        expansionRevenue: m.expansion,
        churnedRevenue: m.churned,
        contractionRevenue: m.contraction,
      })
        .toDecimalPlaces(4)
        .toString(),
    ).toBe("2.9167");
    const flow = {
      startRevenue: m.startMrr,
      churnedRevenue: m.churned,
      contractionRevenue: m.contraction,
      expansionRevenue: m.expansion,
    };
    expect(grossRevenueChurnRate(flow).eq(new Decimal(12000).div(68000))).toBe(true);
    expect(netRevenueRetention(flow).eq(new Decimal(66000).div(68000))).toBe(true);
  });

  it("sums duplicate ids within a snapshot (one row per subscription)", () => {
    const m = mrrMovements(
      [
        { customerId: "a", mrr: "10.10" },
        { customerId: "a", mrr: "20.20" },
      ],
      [{ customerId: "a", mrr: "30.30" }],
    );
    expect(m.startMrr.toString()).toBe("30.3");
    expect(m.expansion.toString()).toBe("0");
    expect(m.contraction.toString()).toBe("0");
  });

  it("treats zero-MRR rows as absent", () => {
    const m = mrrMovements(
      [
        { customerId: "free", mrr: 0 },
        { customerId: "paused", mrr: 40 },
      ],
      [
        { customerId: "free", mrr: 15 },
        { customerId: "paused", mrr: "0.00" },
      ],
    );
    expect(m.new.toString()).toBe("15");
    expect(m.churned.toString()).toBe("40");
    expect(m.expansion.toString()).toBe("0");
    expect(m.contraction.toString()).toBe("0");
  });

  it("treats '__proto__', 'constructor' and '' as ordinary ids", () => {
    const m = mrrMovements(
      [
        { customerId: "__proto__", mrr: 10 },
        { customerId: "constructor", mrr: 20 },
        { customerId: "", mrr: 30 },
        { customerId: "toString", mrr: 5 },
      ],
      [
        { customerId: "__proto__", mrr: 15 },
        { customerId: "constructor", mrr: 5 },
        { customerId: "hasOwnProperty", mrr: 7 },
      ],
      { previouslyChurned: ["hasOwnProperty"] },
    );
    expect(asStrings(m)).toEqual({
      startMrr: "65",
      endMrr: "27",
      new: "0",
      expansion: "5",
      contraction: "15",
      churned: "35",
      reactivation: "7",
      netNew: "-38",
    });
  });

  it("keeps string and number ids apart", () => {
    const m = mrrMovements([{ customerId: 7, mrr: 10 }], [{ customerId: "7", mrr: 10 }]);
    expect(m.churned.toString()).toBe("10");
    expect(m.new.toString()).toBe("10");
  });

  it("only reclassifies customers absent at the start as reactivation", () => {
    const m = mrrMovements([{ customerId: "a", mrr: 10 }], [{ customerId: "a", mrr: 12 }], {
      previouslyChurned: ["a"],
    });
    expect(m.expansion.toString()).toBe("2");
    expect(m.reactivation.toString()).toBe("0");
  });

  it("accepts any iterable: generators, Sets and Map values", () => {
    function* rows(): Generator<MrrRow> {
      yield { customerId: "a", mrr: 1n };
      yield { customerId: "b", mrr: new Decimal("2.5") };
    }
    const end = new Map([["a", { customerId: "a", mrr: "3" }]]);
    const m = mrrMovements(rows(), end.values(), { previouslyChurned: new Set<string>() });
    expect(m.startMrr.toString()).toBe("3.5");
    expect(m.expansion.toString()).toBe("2");
    expect(m.churned.toString()).toBe("2.5");
  });

  it("gives zeros for two empty snapshots", () => {
    const m = mrrMovements([], []);
    for (const value of Object.values(m)) expect((value as Decimal).toString()).toBe("0");
  });

  it("returns a frozen result of the library's Decimals", () => {
    const m = mrrMovements([{ customerId: "a", mrr: 1 }], []);
    expect(Object.isFrozen(m)).toBe(true);
    expect(m.churned).toBeInstanceOf(Decimal);
  });

  it("works on frozen input and leaves it unchanged", () => {
    const start = Object.freeze([Object.freeze({ customerId: "a", mrr: 10 })]);
    const end = Object.freeze([Object.freeze({ customerId: "a", mrr: 12 })]);
    const churned = Object.freeze(["b"]);
    expect(
      mrrMovements(start, end, Object.freeze({ previouslyChurned: churned })).netNew.toString(),
    ).toBe("2");
    expect(start[0]).toEqual({ customerId: "a", mrr: 10 });
  });

  it("balances: netNew = new + expansion + reactivation - contraction - churned = end - start", () => {
    const row = fc.record({
      customerId: fc.oneof(
        fc.constantFrom("__proto__", "constructor", "", "a", "b"),
        fc.integer({ min: 0, max: 20 }),
      ),
      mrr: fc.integer({ min: 0, max: 100_000 }).map((cents) => new Decimal(cents).div(100)),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.array(row, { maxLength: 30 }),
        fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 20 })), {
          maxLength: 10,
        }),
        (start, end, previouslyChurned) => {
          const m = mrrMovements(start, end, { previouslyChurned });
          const flow = m.new
            .plus(m.expansion)
            .plus(m.reactivation)
            .minus(m.contraction)
            .minus(m.churned);
          expect(flow.eq(m.netNew)).toBe(true);
          expect(m.endMrr.minus(m.startMrr).eq(m.netNew)).toBe(true);
          for (const key of [
            "new",
            "expansion",
            "contraction",
            "churned",
            "reactivation",
          ] as const) {
            expect(m[key].isNegative()).toBe(false);
          }
          expect(m.churned.plus(m.contraction).lte(m.startMrr)).toBe(true);
          // Independent of row order.
          const reversed = mrrMovements([...start].reverse(), [...end].reverse(), {
            previouslyChurned,
          });
          expect(asStrings(reversed)).toEqual(asStrings(m));
        },
      ),
    );
  });

  it("throws NOT_A_NUMBER when a snapshot is not an iterable of rows", () => {
    expect(codeOf(() => mrrMovements(null as never, []))).toBe("NOT_A_NUMBER");
    expect(fieldOf(() => mrrMovements([], "ab" as never))).toBe("end");
    expect(fieldOf(() => mrrMovements([], { customerId: "a", mrr: 1 } as never))).toBe("end");
    expect(fieldOf(() => mrrMovements([{ customerId: "a", mrr: 1 }, 5] as never, []))).toBe(
      "start[1]",
    );
  });

  it("throws NOT_A_NUMBER for an id that is not a string or a finite number", () => {
    for (const customerId of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}, 1n]) {
      expect(codeOf(() => mrrMovements([{ customerId, mrr: 1 }] as never, []))).toBe(
        "NOT_A_NUMBER",
      );
    }
    expect(fieldOf(() => mrrMovements([], [{ customerId: true, mrr: 1 }] as never))).toBe(
      "end[0].customerId",
    );
  });

  it("throws NEGATIVE, NOT_A_NUMBER and NOT_FINITE for a bad mrr, naming the row", () => {
    expect(codeOf(() => mrrMovements([{ customerId: "a", mrr: -1 }], []))).toBe("NEGATIVE");
    expect(() =>
      mrrMovements(
        [],
        [
          { customerId: "a", mrr: 1 },
          { customerId: "b", mrr: -1 },
        ],
      ),
    ).toThrow("mrrMovements: end[1].mrr must not be negative (received -1)");
    expect(codeOf(() => mrrMovements([{ customerId: "a", mrr: "ten" }], []))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => mrrMovements([{ customerId: "a" }] as never, []))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => mrrMovements([{ customerId: "a", mrr: "1e999" }], []))).toBe("NOT_FINITE");
  });

  it("throws for bad previouslyChurned ids and INVALID_OPTION for non-object options", () => {
    expect(codeOf(() => mrrMovements([], [], { previouslyChurned: 5 as never }))).toBe(
      "NOT_A_NUMBER",
    );
    expect(fieldOf(() => mrrMovements([], [], { previouslyChurned: ["a", null] as never }))).toBe(
      "previouslyChurned[1]",
    );
    expect(codeOf(() => mrrMovements([], [], "x" as never))).toBe("INVALID_OPTION");
  });
});
