import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdCodes, MAX_MINOR_DIGITS, TypedLog, unitsText } from "../../src/cli/log.js";

describe("IdCodes", () => {
  it("numbers ids densely in order of first appearance, as a Map would, through growth", () => {
    const codes = new IdCodes();
    const reference = new Map<string, number>();
    // 140,000 distinct short ids (the table, 65,536 slots at first, grows three times), each
    // looked up twice, and ids the packed form does not take (long, beyond U+00FF)
    const ids: string[] = [];
    for (let i = 0; i < 140_000; i++) ids.push(`c${i.toString(36)}`);
    ids.push("a-customer-id-of-27-letters", "jürgen", "客户", "", "c0 ", "c0\u0000");
    for (let round = 0; round < 2; round++) {
      let differ = 0;
      for (const id of ids) {
        if (!reference.has(id)) reference.set(id, reference.size);
        if (codes.code(id) !== reference.get(id)) differ++;
      }
      expect(differ).toBe(0);
      expect(codes.names.length).toBe(ids.length);
    }
    expect(codes.names[140_001]).toBe("jürgen");
    expect(codes.names[140_003]).toBe("");
  });

  it("tells apart any two different ids (random ids, packed or not)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            maxLength: 14,
            unit: fc.constantFrom("a", "b", "\u00ff", "\u0100", "\u0000"),
          }),
          { maxLength: 60 },
        ),
        (ids) => {
          const codes = new IdCodes();
          const reference = new Map<string, number>();
          const got = ids.map((id) => codes.code(id));
          const want = ids.map((id) => {
            if (!reference.has(id)) reference.set(id, reference.size);
            return reference.get(id);
          });
          expect(got).toEqual(want);
          expect(codes.names).toEqual([...reference.keys()]);
        },
      ),
    );
  });
});

describe("TypedLog", () => {
  const batch = (revenue: (string | null)[]) => ({
    ids: revenue.map((_, i) => `c${i % 3}`),
    at: new Float64Array(revenue.map((_, i) => i * 1000)),
    revenue,
  });

  it("keeps amounts as integer minor units, raising the scale to the most decimals seen", () => {
    const log = new TypedLog();
    const b = batch(["1.10", "-5", "", "19.995", "+0.5", ".25", "7."]);
    expect(log.add(b.ids, b.at, b.revenue)).toBe(7);
    expect(log.scale).toBe(3);
    expect([...(log.units as Float64Array).subarray(0, 7)]).toEqual([
      1100, -5000, 0, 19995, 500, 250, 7000,
    ]);
    expect(log.revenueStrings()).toEqual([
      "1.100",
      "-5.000",
      "0.000",
      "19.995",
      "0.500",
      "0.250",
      "7.000",
    ]);
    expect([...log.codes.subarray(0, 7)]).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(log.customerIds()).toEqual(["c0", "c1", "c2", "c0", "c1", "c2", "c0"]);
  });

  it("stops at the first amount that does not fit, keeping the events before it", () => {
    const log = new TypedLog();
    const b = batch(["1.25", "0.1234567", "3"]);
    expect(MAX_MINOR_DIGITS).toBe(6);
    expect(log.add(b.ids, b.at, b.revenue)).toBe(1);
    expect(log.length).toBe(1);
    expect(log.revenueStrings()).toEqual(["1.25"]);
    // beyond 2^53 minor units
    const big = new TypedLog();
    const c = batch(["1", "90071992547409.93"]);
    expect(big.add(c.ids, c.at, c.revenue)).toBe(1);
    // a raise of the scale that would take an earlier amount beyond 2^53
    const raise = new TypedLog();
    const d = batch(["90071992547409.91", "0.001"]);
    expect(raise.add(d.ids, d.at, d.revenue)).toBe(1);
    expect(raise.scale).toBe(2);
    expect(raise.revenueStrings()).toEqual(["90071992547409.91"]);
  });

  it("writes minor units back as their exact decimal text", () => {
    expect(unitsText(0, 2)).toBe("0.00");
    expect(unitsText(5, 2)).toBe("0.05");
    expect(unitsText(-5, 3)).toBe("-0.005");
    expect(unitsText(123456, 2)).toBe("1234.56");
    expect(unitsText(42, 0)).toBe("42");
    expect(unitsText(9007199254740991, 6)).toBe("9007199254.740991");
  });
});
