import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { churnRate, Decimal, type MetricInputError, retentionRate } from "../../src/index.js";
import { codeOf } from "../_helpers.js";

describe("retentionRate", () => {
  it("computes the documented example: 2,000 at the start, 2,400 at the end, 600 new", () => {
    // Computed: (2400 - 600) / 2000 = 0.9.
    expect(retentionRate({ start: 2000, end: 2400, acquired: 600 }).toString()).toBe("0.9");
  });

  it("gives 0.875 for 16 / 19 / 5, not the 84 % a widely copied article states", () => {
    // Computed: (19 - 5) / 16 = 0.875. The article's 84 % is 16 / 19 = 0.842,
    // start divided by end, which is not a retention formula.
    expect(retentionRate({ start: 16, end: 19, acquired: 5 }).toString()).toBe("0.875");
  });

  it("gives 0.78 for 50,000 / 40,000 / 1,000, not the 81 % of 40,000 / 49,000", () => {
    // Computed: (40000 - 1000) / 50000 = 0.78. The article's 81 % is
    // 40000 / 49000 = 0.8163 (end / (start - new)), truncated; that ratio is meaningless.
    expect(retentionRate({ start: 50000, end: 40000, acquired: 1000 }).toString()).toBe("0.78");
  });

  it("shows the aggregate formula understating retention when new customers also left", () => {
    // Computed: 100 at start, 20 new of whom 5 left, 105 at end.
    // Aggregate (105 - 20) / 100 = 0.85, although 90 of the 100 starters stayed.
    expect(retentionRate({ start: 100, end: 105, acquired: 20 }).toString()).toBe("0.85");
    expect(retentionRate({ start: 100, end: 105, acquired: 15 }).toString()).toBe("0.9");
  });

  it("excludes reactivated customers when they are counted", () => {
    expect(retentionRate({ start: 100, end: 110, acquired: 15, reactivated: 5 }).toString()).toBe(
      "0.9",
    );
    expect(retentionRate({ start: 100, end: 110, acquired: 15, reactivated: 0 }).toString()).toBe(
      "0.95",
    );
  });

  it("reaches 0 and 1 at the edges", () => {
    expect(retentionRate({ start: 10, end: 3, acquired: 3 }).toString()).toBe("0");
    expect(retentionRate({ start: 10, end: 10, acquired: 0 }).toString()).toBe("1");
    expect(retentionRate({ start: 1, end: 1, acquired: 0 }).toString()).toBe("1");
    expect(retentionRate({ start: 10, end: 3, acquired: 3 }).isNegative()).toBe(false);
  });

  it("handles huge counts exactly", () => {
    const r = retentionRate({
      start: 10n ** 30n,
      end: 10n ** 30n + 1n,
      acquired: 2n,
    });
    expect(r.toString()).toBe("0.999999999999999999999999999999");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    const inputs = [
      { start: 16, end: 19, acquired: 5 },
      { start: "16", end: "19", acquired: "5" },
      { start: 16n, end: 19n, acquired: 5n },
      { start: new Decimal(16), end: new Decimal(19), acquired: new Decimal(5) },
    ];
    for (const input of inputs) expect(retentionRate(input).toString()).toBe("0.875");
  });

  it("returns the library's Decimal", () => {
    expect(retentionRate({ start: 16, end: 19, acquired: 5 })).toBeInstanceOf(Decimal);
  });

  it("throws ZERO_DENOMINATOR when start is 0", () => {
    expect(codeOf(() => retentionRate({ start: 0, end: 5, acquired: 5 }))).toBe("ZERO_DENOMINATOR");
    expect(() => retentionRate({ start: 0, end: 5, acquired: 5 })).toThrow(
      "retentionRate: start must be greater than 0 (received 0)",
    );
  });

  it("throws INCONSISTENT when more were acquired than are present at the end", () => {
    // Computed: S=10, E=15, N=20 would give -0.5.
    expect(codeOf(() => retentionRate({ start: 10, end: 15, acquired: 20 }))).toBe("INCONSISTENT");
    try {
      retentionRate({ start: 10, end: 15, acquired: 20 });
    } catch (error) {
      expect((error as MetricInputError).field).toBe("acquired");
    }
  });

  it("throws INCONSISTENT when acquired plus reactivated exceed end", () => {
    expect(codeOf(() => retentionRate({ start: 10, end: 15, acquired: 10, reactivated: 6 }))).toBe(
      "INCONSISTENT",
    );
  });

  it("throws INCONSISTENT when more customers were retained than started", () => {
    // 100 at the start, 130 at the end, only 20 acquired: 10 must have returned unreported.
    expect(codeOf(() => retentionRate({ start: 100, end: 130, acquired: 20 }))).toBe(
      "INCONSISTENT",
    );
    expect(() => retentionRate({ start: 100, end: 130, acquired: 20 })).toThrow(/end minus/);
    // Counted as reactivated, the same figures are fine.
    expect(retentionRate({ start: 100, end: 130, acquired: 20, reactivated: 10 }).toString()).toBe(
      "1",
    );
  });

  it.each([
    [{ start: -1, end: 5, acquired: 0 }, "NEGATIVE"],
    [{ start: 1.5, end: 5, acquired: 0 }, "NOT_INTEGER"],
    [{ start: "x", end: 5, acquired: 0 }, "NOT_A_NUMBER"],
    [{ start: 10, end: Number.POSITIVE_INFINITY, acquired: 0 }, "NOT_FINITE"],
    [{ start: 10, end: 5 }, "NOT_A_NUMBER"],
    [{ start: 10, end: 5, acquired: 0, reactivated: -1 }, "NEGATIVE"],
  ])("rejects bad counts (%o -> %s)", (input, code) => {
    expect(codeOf(() => retentionRate(input as never))).toBe(code);
  });

  it("throws NOT_A_NUMBER with field 'input' when the input is not an object", () => {
    expect(codeOf(() => retentionRate(null as never))).toBe("NOT_A_NUMBER");
    expect(() => retentionRate(undefined as never)).toThrow(/input must be an object/);
  });

  it("works on frozen input and leaves it unchanged", () => {
    const input = Object.freeze({ start: 2000, end: 2400, acquired: 600 });
    expect(retentionRate(input).toString()).toBe("0.9");
    expect(input).toEqual({ start: 2000, end: 2400, acquired: 600 });
  });

  it("adds up to exactly 1 with churn on the worked examples", () => {
    for (const input of [
      { start: 2000, end: 2400, acquired: 600 },
      { start: 16, end: 19, acquired: 5 },
      { start: 50000, end: 40000, acquired: 1000 },
      { start: 3, end: 2, acquired: 0 },
    ]) {
      expect(retentionRate(input).plus(churnRate(input)).toString()).toBe("1");
    }
  });

  it("stays in [0, 1] and complements churn when nobody returns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, acquired, share) => {
          // end - acquired = retained starters, between 0 and start.
          const retained = Math.floor(start * share);
          const end = retained + acquired;
          const r = retentionRate({ start, end, acquired });
          expect(r.gte(0) && r.lte(1)).toBe(true);
          const c = churnRate({ start, end, acquired });
          // Exactly 1 up to rounding in the 40th significant digit of each term.
          expect(r.plus(c).minus(1).abs().lte("1e-39")).toBe(true);
        },
      ),
    );
  });
});
