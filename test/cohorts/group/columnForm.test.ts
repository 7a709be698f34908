// A log read as columns hashes and packs each id in a first pass and keeps the packed form of
// the kept events only; the rows form hashes each kept id as it is read. Both must group the
// same customers: ids that pack (int32 numbers, short Latin-1 strings) and ids that do not
// (long or non-Latin-1 strings, large and fractional numbers) alike.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmSegments, summarizeTransactions } from "../../../src/index.js";

type Id = string | number;

interface Event {
  customerId: Id;
  at: number;
  revenue: string;
}

function columns(log: readonly Event[]) {
  return {
    customerId: log.map((e) => e.customerId),
    at: log.map((e) => e.at),
    revenue: log.map((e) => e.revenue),
  };
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const idArb = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(2 ** 40, -(2 ** 40), 0.5, 2_147_483_648, "1", "Ω", "Ωmega"),
  fc.constantFrom("abcdefghijk", "abcdefghijkl", "abcdefghijkm", "abc", "abd", ""),
  fc.string({ maxLength: 13 }),
);

const eventArb = fc.record({
  customerId: idArb,
  at: fc.integer({ min: 0, max: 40 }).map((d) => START + d * DAY + 3_600_000),
  revenue: fc.constantFrom("-2.50", "0", "1", "9.99", "12.34"),
});

describe("the column form of a log", () => {
  it("groups ids that pack and ids that do not as the rows form does", () => {
    // 12-code-unit strings sharing their first 11 code units (not packed), 1 and '1', a
    // non-Latin-1 id, an integer beyond int32 and a fraction; two purchase days each except
    // 'abcdefghijkm' (one day) and '1' (three days).
    const log: Event[] = [
      { customerId: "abcdefghijkl", at: START, revenue: "10" },
      { customerId: "abcdefghijkm", at: START, revenue: "20" },
      { customerId: 1, at: START, revenue: "5" },
      { customerId: "1", at: START, revenue: "7" },
      { customerId: "Ω", at: START, revenue: "1" },
      { customerId: 2 ** 40, at: START, revenue: "2" },
      { customerId: 0.5, at: START, revenue: "3" },
      { customerId: "abcdefghijkl", at: START + 2 * DAY, revenue: "11.50" },
      { customerId: 1, at: START + 3 * DAY, revenue: "6" },
      { customerId: "1", at: START + DAY, revenue: "8" },
      { customerId: "1", at: START + 4 * DAY, revenue: "9" },
      { customerId: "Ω", at: START + DAY, revenue: "4" },
      { customerId: 2 ** 40, at: START + 5 * DAY, revenue: "6" },
      { customerId: 0.5, at: START + 6 * DAY, revenue: "1.25" },
    ];
    const options = { observationEnd: "2024-01-10", unit: "day" } as const;
    const fromColumns = summarizeTransactions(columns(log), options);
    const fromRows = summarizeTransactions(log, options);
    expect(fromColumns).toEqual(fromRows);
    // Expected by hand: ids in order (numbers ascending, then strings by code units), repeat
    // days, and the mean of the repeat days' totals.
    expect(
      fromColumns.map((r) => [r.customerId, r.frequency.toString(), r.monetaryValue.toString()]),
    ).toEqual([
      [0.5, "1", "1.25"],
      [1, "1", "6"],
      [2 ** 40, "1", "6"],
      ["1", "2", "8.5"],
      ["abcdefghijkl", "1", "11.5"],
      ["abcdefghijkm", "0", "0"],
      ["Ω", "1", "4"],
    ]);
  });

  it("gives the rows form's summary and RFM result for any log", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 80 }), (log) => {
        const options = { observationEnd: "2024-02-15", unit: "day" } as const;
        expect(summarizeTransactions(columns(log), options)).toEqual(
          summarizeTransactions(log, options),
        );
        if (!log.some((e) => Number(e.revenue) > 0)) return;
        const rfmOptions = { asOf: "2024-02-15", bins: 3 } as const;
        const a = rfmSegments(columns(log), rfmOptions);
        const b = rfmSegments(log, rfmOptions);
        expect(a.customers).toEqual(b.customers);
        expect(a.segments).toEqual(b.segments);
      }),
    );
  });
});

describe("RFM segment sizes", () => {
  it("count the customers whose row names each segment, in rule order", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 120 }), (log) => {
        if (!log.some((e) => Number(e.revenue) > 0)) return;
        const { customers, segments } = rfmSegments(log, { asOf: "2024-02-15" });
        const names = segments.map((s) => s.name);
        expect(names).toEqual([
          "New customers",
          "Promising",
          "Lost",
          "Can't lose them",
          "Champions",
          "Need attention",
          "About to sleep",
          "Hibernating",
          "Potential loyalist",
          "At risk",
          "Loyal",
          "Others",
        ]);
        for (const s of segments) {
          expect(s.customers).toBe(customers.filter((c) => c.segment === s.name).length);
        }
        expect(segments.reduce((n, s) => n + s.customers, 0)).toBe(customers.length);
      }),
    );
  });
});
