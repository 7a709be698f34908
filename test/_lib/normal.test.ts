import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/_lib/decimal.js";
import { normalQuantile, normalUpperQuantile, readConfidence } from "../../src/_lib/normal.js";
import { codeAndFieldOf } from "../_helpers.js";
// Φ⁻¹ references from mpmath at 350 digits (root of erfc(z/√2)/2 = tail), cross-checked
// with scipy.stats.norm.isf: python3 test/fixtures/confidence/extreme_confidence.py
import references from "../fixtures/confidence/extreme-confidence.json" with { type: "json" };

function relativeGap(actual: number, expected: string): number {
  const e = Number(expected);
  return e === 0 ? Math.abs(actual) : Math.abs(actual - e) / Math.abs(e);
}

describe("normalUpperQuantile", () => {
  it.each(references.quantiles)("gives Φ⁻¹(1 − $tail) to float64 accuracy", ({ tail, z }) => {
    const actual = normalUpperQuantile(new Decimal(tail));
    expect(Number.isFinite(actual)).toBe(true);
    // stdlib's erfcinv is within 1e-13 relative at tails down to 1e-300, 1e-15 elsewhere.
    expect(relativeGap(actual, z)).toBeLessThan(1e-13);
  });

  it("is exactly 0 at the median, never -0", () => {
    expect(Object.is(normalUpperQuantile(new Decimal("0.5")), 0)).toBe(true);
  });

  it("keeps the relative precision of a quantile next to the median", () => {
    // Φ⁻¹(0.5 + 1e-30) = √(2π)·1e-30 to 30 digits (mpmath); a float64 p would round to 0.5.
    const z = normalQuantile(new Decimal("0.500000000000000000000000000001"));
    expect(relativeGap(z, "2.506628274631000502415765284811e-30")).toBeLessThan(1e-15);
  });
});

describe("readConfidence", () => {
  it("reads a level closer to 1 than float64 can show exactly (mpmath reference)", () => {
    const { z, alpha } = readConfidence("0.99999999999999999999", "f");
    expect(alpha.eq("1e-20")).toBe(true);
    expect(relativeGap(z, "9.33604484923406003540577486581")).toBeLessThan(1e-15);
  });

  it("reads 0.9999999999999999 (the float64 just below 1) as a tail of 1e-16", () => {
    const { z } = readConfidence(0.9999999999999999, "f");
    expect(relativeGap(z, "8.30478542519411362188069407039")).toBeLessThan(1e-15);
  });

  it("defaults to 0.95", () => {
    const { level, z } = readConfidence(undefined, "f");
    expect(level.toString()).toBe("0.95");
    expect(relativeGap(z, "1.959963984540054235524594")).toBeLessThan(1e-15);
  });

  it("accepts the limits 1e-300 and 1 − 1e-300 with finite critical values", () => {
    const low = readConfidence("1e-300", "f");
    // √2 · erfinv(1e-300) = √(π/2) · 1e-300 (mpmath).
    expect(relativeGap(low.z, "1.25331413731550025120788264241e-300")).toBeLessThan(1e-15);
    const high = readConfidence(`0.${"9".repeat(300)}`, "f");
    expect(relativeGap(high.z, "37.0657878807721303932362953")).toBeLessThan(1e-13);
  });

  it("throws OUT_OF_RANGE beyond 1e-300 from 0 or 1, naming the public function", () => {
    for (const level of [0, 1, "1e-301", `0.${"9".repeat(301)}`, "-0.5", 1.5]) {
      expect(codeAndFieldOf(() => readConfidence(level, "wilsonInterval"))).toBe(
        "OUT_OF_RANGE confidence",
      );
    }
    expect(() => readConfidence(1, "netPromoterScore")).toThrow(
      "netPromoterScore: confidence must be between 0 and 1, at least 1e-300 from either end (received 1)",
    );
  });
});
