// The Decimals of per-customer results are made once per value and read from float64 sums in
// hundredths; the reference is BigInt arithmetic on the same integers (independent of
// decimal.js), and the rows of rfmSegments / summarizeTransactions that share a value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSums } from "../../../src/_lib/exactSums.js";
import {
  centsDecimal,
  countDecimal,
  meanColumn,
  ResultDecimals,
  totalsInOrder,
} from "../../../src/cohorts/engine/group/decimalCache.js";
import { numberOrder } from "../../../src/cohorts/engine/group/sortOrder.js";
import { Arena } from "../../../src/cohorts/engine/memory.js";
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

describe("meanColumn", () => {
  // Quotients to 40 significant digits, half-up, from Python's decimal module:
  //   python3 -c "from decimal import *; c=getcontext(); c.prec=40; c.rounding=ROUND_HALF_UP;
  //     print(Decimal(1010)/300, Decimal(-505)/300, Decimal(2**31+7)/700, Decimal(-2**31-1)/300)"
  it("gives each customer the quotient of its exact sum, one Decimal per (sum, count)", () => {
    const sums = new ExactSums(9, 2);
    const counts = new Int32Array([3, 3, 3, 7, 3, 0, 4, 3, 1]);
    const included = new Uint8Array([1, 1, 1, 1, 0, 1, 1, 1, 1]);
    sums.add(0, 1010);
    sums.add(1, 1010);
    sums.add(2, -505);
    sums.add(3, 2 ** 31 + 7); // beyond one sorted 32-bit word
    sums.add(4, 1010); // not included
    sums.add(5, 1010); // no repeat days
    sums.add(6, 9_007_199_254_740_991);
    sums.add(6, 9); // beyond 2^53 − 1: the exact part of the cell
    sums.add(7, -(2 ** 31) - 1);
    sums.add(8, 1999);
    const { index, values } = meanColumn(sums, counts, included, 9, new Arena());
    const at = (g: number) => values[index[g] as number];
    expect(Array.from({ length: 9 }, (_, g) => at(g)?.toFixed())).toEqual([
      "3.366666666666666666666666666666666666667",
      "3.366666666666666666666666666666666666667",
      "-1.683333333333333333333333333333333333333",
      "3067833.792857142857142857142857142857143",
      "0",
      "0",
      "22517998136852.5",
      "-7158278.83",
      "19.99",
    ]);
    expect(at(0)).toBe(at(1));
  });

  it("agrees with ResultDecimals.mean for any sums and counts", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            units: fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.maxSafeInteger()),
            n: fc.integer({ min: 0, max: 5 }),
            included: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (cells) => {
          const sums = new ExactSums(cells.length, 2);
          cells.forEach((c, g) => {
            sums.add(g, c.units);
          });
          const counts = Int32Array.from(cells, (c) => c.n);
          const included = Uint8Array.from(cells, (c) => (c.included ? 1 : 0));
          const { index, values } = meanColumn(sums, counts, included, cells.length, new Arena());
          const one = new ResultDecimals();
          cells.forEach((c, g) => {
            const expected = c.included ? one.mean(sums, g, c.n).toFixed() : "0";
            expect(values[index[g] as number]?.toFixed()).toBe(expected);
          });
        },
      ),
    );
  });
});

describe("totalsInOrder", () => {
  it("makes each distinct total once, in hundredths, zero included", () => {
    const units = new Float64Array([-500, 0, 1999, 1999, 0, 250, -500, 2 ** 40]);
    const order = numberOrder(units, units.length);
    const { index, values } = totalsInOrder(units, order, units.length, new Arena());
    const at = (i: number) => values[index[i] as number];
    expect(Array.from(units, (u, i) => [at(i)?.toFixed(), hundredths(BigInt(u))])).toEqual(
      Array.from(units, (u) => [hundredths(BigInt(u)), hundredths(BigInt(u))]),
    );
    expect(at(2)).toBe(at(3));
    expect(at(0)).toBe(at(6));
    expect(values).toHaveLength(5); // 0, -5, 2.5, 19.99, 2^40 / 100
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

  it("makes every row of one call with the same fields in the same order", () => {
    const rows = summarizeTransactions(events, {
      observationEnd: "2024-01-31",
      calibrationEnd: "2024-01-03",
      unit: "day",
    });
    const fields = [
      "customerId",
      "frequency",
      "recency",
      "T",
      "monetaryValue",
      "unit",
      "frequencyHoldout",
      "monetaryValueHoldout",
      "durationHoldout",
    ];
    expect(rows.map((r) => Object.keys(r))).toEqual([fields, fields]);
    expect(rows.map((r) => r.monetaryValueHoldout?.toString())).toEqual(["5.05", "5.05"]);
    const rfm = rfmSegments(events, { asOf: "2024-01-31", bins: 2 }).customers;
    expect(new Set(rfm.map((r) => Object.keys(r).join())).size).toBe(1);
  });
});
