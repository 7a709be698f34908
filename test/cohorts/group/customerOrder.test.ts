// The per-customer scans order their rows by customer id (numbers ascending, then strings by
// UTF-16 code units) through radix keys; a reference order by plain comparison.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmSegments, summarizeTransactions } from "../../../src/index.js";

function compare(a: string | number, b: string | number): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const idArb = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 14 }),
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.constantFrom(
    "",
    "\u0000",
    "a",
    "a\u0000",
    "abcdefgh",
    "abcdefghi",
    "abcdefgh\u0000",
    "é",
    "ÿ",
  ),
  fc.stringMatching(/^c0[0-9]{6,12}$/),
);

describe("customer order of the per-customer scans", () => {
  it("orders summary and RFM rows as a plain comparison of the ids would", () => {
    fc.assert(
      fc.property(fc.array(idArb, { minLength: 1, maxLength: 60 }), (ids) => {
        const log = ids.map((customerId, i) => ({
          customerId,
          at: Date.UTC(2024, 0, 1 + (i % 20)),
          revenue: 1 + (i % 7),
        }));
        const want = [...new Set(ids.map((id) => (Object.is(id, -0) ? 0 : id)))].sort(compare);
        const summary = summarizeTransactions(log, { observationEnd: "2024-02-01", unit: "day" });
        expect(summary.map((r) => r.customerId)).toEqual(want);
        const rfm = rfmSegments(log, { asOf: "2024-02-01" });
        expect(rfm.customers.map((r) => r.customerId)).toEqual(want);
      }),
    );
  });

  it("orders many prefix-sharing string ids and int32, large and fractional numbers", () => {
    const ids: (string | number)[] = [];
    for (let i = 0; i < 3000; i++) ids.push(`c${String((i * 7919) % 100_000).padStart(6, "0")}`);
    ids.push(2 ** 40, -(2 ** 40), 0.5, -0.5, 2_147_483_647, -2_147_483_648, "Ωmega", "Ω", "c");
    const log = ids.map((customerId) => ({ customerId, at: "2024-01-01", revenue: "1" }));
    const summary = summarizeTransactions(log, { observationEnd: "2024-01-01", unit: "day" });
    expect(summary.map((r) => r.customerId)).toEqual([...new Set(ids)].sort(compare));
  });
});
