// The Decimals of per-customer results are made once per value and read from float64 sums in
// hundredths; the reference is BigInt arithmetic on the same integers (independent of
// decimal.js), and the rows of rfmSegments / summarizeTransactions that share a value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSums } from "../../../src/_lib/exactSums.js";
import {
  centsDecimal,
  countDecimal,
  ResultDecimals,
} from "../../../src/cohorts/engine/group/decimalCache.js";
import { rfmSegments, summarizeTransactions } from "../../../src/index.js";

/** `units / 100` as a plain decimal string, from BigInt arithmetic. */
function hundredths(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const a = units < 0n ? -units : units;
  const whole = a / 100n;
  const cents = a % 100n;
  const tail = cents === 0n ? "" : `.${cents.toString().padStart(2, "0").replace(/0$/, "")}`;
  return `${sign}${whole}${tail}`;
}

describe("centsDecimal", () => {
  it("gives units / 100 exactly for every safe integer", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }),
          fc.maxSafeInteger(),
          fc.maxSafeNat().map((x) => -x),
        ),
        (units) => {
          expect(centsDecimal(units).toFixed()).toBe(hundredths(BigInt(units)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives the edges of the float64 reading and beyond exactly", () => {
    for (const units of [
      1, -1, 999_999_999_999_999, -999_999_999_999_999, 1_000_000_000_000_000,
      9_007_199_254_740_991, -9_007_199_254_740_991,
    ]) {
      expect(centsDecimal(units).toFixed()).toBe(hundredths(BigInt(units)));
    }
    expect(Object.is(centsDecimal(0).toNumber(), 0)).toBe(true);
  });
});

describe("ResultDecimals", () => {
  it("gives one Decimal per total and the quotient of the exact sum per mean", () => {
    const sums = new ExactSums(4, 2);
    sums.add(0, 2999);
    sums.add(1, 2999);
    sums.add(2, 1000);
    sums.add(3, 9_007_199_254_740_991);
    sums.add(3, 9); // beyond 2^53 − 1: the exact part of the cell
    const decimals = new ResultDecimals();
    expect(decimals.total(sums, 0)).toBe(decimals.total(sums, 1));
    expect(decimals.total(sums, 0).toString()).toBe("29.99");
    expect(decimals.total(sums, 3).toFixed()).toBe("90071992547410");
    // 10 / 3 = 3.333… to 40 significant digits, half-up
    expect(decimals.mean(sums, 2, 3).toString()).toBe(`3.${"3".repeat(39)}`);
    expect(decimals.mean(sums, 0, 2).toString()).toBe("14.995");
    expect(decimals.mean(sums, 0, 2)).toBe(decimals.mean(sums, 1, 2));
    expect(decimals.mean(sums, 3, 4).toFixed()).toBe("22517998136852.5");
    expect(decimals.mean(sums, 2, 0).toString()).toBe("0");
  });

  it("shares the Decimals of small counts", () => {
    expect(countDecimal(7)).toBe(countDecimal(7));
    expect(countDecimal(7).toString()).toBe("7");
    expect(countDecimal(5000).toString()).toBe("5000");
  });
});

describe("per-customer results", () => {
  const events = [
    { customerId: "a", at: "2024-01-02", revenue: "10.10" },
    { customerId: "a", at: "2024-01-05", revenue: "5.05" },
    { customerId: "b", at: "2024-01-03", revenue: "10.10" },
    { customerId: "b", at: "2024-01-04", revenue: "5.05" },
    { customerId: "c", at: "2024-01-04", revenue: "0.01" },
  ];

  it("rfmSegments gives equal totals, and reads byCustomer from its rows on first use", () => {
    const result = rfmSegments(events, { asOf: "2024-01-31", bins: 2 });
    const [a, b, c] = result.customers;
    expect(a?.monetary.toString()).toBe("15.15");
    expect(b?.monetary.toString()).toBe("15.15");
    expect(c?.monetary.toString()).toBe("0.01");
    expect(Object.isFrozen(result)).toBe(true);
    const map = result.byCustomer;
    expect(result.byCustomer).toBe(map);
    expect([...map.keys()]).toEqual(["a", "b", "c"]);
    expect(map.get("b")).toBe(b);
  });

  it("summarizeTransactions gives each customer the mean of their own repeat days", () => {
    const rows = summarizeTransactions(events, { observationEnd: "2024-01-31", unit: "day" });
    expect(rows.map((r) => [r.customerId, r.monetaryValue.toString()])).toEqual([
      ["a", "5.05"],
      ["b", "5.05"],
      ["c", "0"],
    ]);
  });
});
