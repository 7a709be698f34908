import { Decimal as GlobalDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertRate, Decimal, type Period, round } from "../../src/index.js";
import { codeOf } from "../_helpers.js";
import fixture from "../fixtures/retention-churn-saas/convertRate.json" with { type: "json" };
import tiny from "../fixtures/retention-churn-saas/convertRate-tiny.json" with { type: "json" };

const PERIODS: Period[] = ["day", "week", "month", "quarter", "year"];

describe("convertRate", () => {
  it("compounds 5 % a month to 45.96 % a year, not 60 %", () => {
    // Computed: 1 - 0.95^12 = 0.459639912337363037109375 exactly
    // (Python decimal at 60 digits); the additive 12 × 5 % = 60 % is wrong.
    expect(convertRate("0.05", { from: "month", to: "year" }).toString()).toBe(
      "0.459639912337363037109375",
    );
    expect(round(convertRate(0.05, { from: "month", to: "year" }), 5).toString()).toBe("0.45964");
  });

  it("converts 40 % a year to 4.17 % a month", () => {
    // Computed: 1 - 0.6^(1/12) = 0.041675; mpmath at 60 digits:
    // 0.0416754713728520381984678306371564759869627638...
    const r = convertRate("0.4", { from: "year", to: "month" });
    expect(round(r, 6).toString()).toBe("0.041675");
    expect(r.toString()).toBe("0.04167547137285203819846783063715647598696");
  });

  it("agrees with mpmath in all 40 significant digits over every pair of periods", () => {
    // test/fixtures/retention-churn-saas/convertRate.json: 720 cases, mpmath at 120 digits,
    // rounded half-up to 40 significant digits.
    let checked = 0;
    for (const c of fixture.cases) {
      const got = convertRate(c.rate, { from: c.from as Period, to: c.to as Period });
      expect(got.eq(new Decimal(c.expected)), `${c.rate} ${c.from}->${c.to}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBe(720);
  });

  it("keeps precision for tiny rates", () => {
    // 1e-60 a year: first order 1e-60 / 12 a month; the next term is ~1e-120 smaller.
    expect(
      convertRate("1e-60", { from: "year", to: "month" }).eq(new Decimal("1e-60").div(12)),
    ).toBe(true);
    expect(convertRate("1e-60", { from: "month", to: "year" }).toString()).toBe("1.2e-59");
  });

  it("agrees with mpmath in 40 digits for tiny rates and rates next to 1", () => {
    // test/fixtures/retention-churn-saas/convert_rate_tiny.py: mpmath at 1,200 digits, from
    // 5e-324 to 1 - 1e-320, both sides of the 1e-50 switch to the series.
    for (const c of tiny.cases) {
      const got = convertRate(c.rate, { from: c.from as Period, to: c.to as Period });
      expect(got.eq(new Decimal(c.expected)), `${c.rate} ${c.from}->${c.to}: ${got}`).toBe(true);
    }
    expect(tiny.cases.length).toBe(160);
  });

  it("ignores the user's global decimal.js settings (a global minE of -20 once gave 0)", () => {
    GlobalDecimal.set({ minE: -20, precision: 5, rounding: GlobalDecimal.ROUND_DOWN });
    try {
      // 1 - (1 - 1e-30)^12 = 1.2e-29 - 6.6e-59 + ..., to 40 digits (mpmath).
      expect(convertRate("1e-30", { from: "month", to: "year" }).toString()).toBe(
        "0.000000000000000000000000000011999999999999999999999999999934",
      );
      expect(convertRate("0.05", { from: "month", to: "year" }).toString()).toBe(
        "0.459639912337363037109375",
      );
    } finally {
      GlobalDecimal.set({ minE: -9e15, precision: 20, rounding: GlobalDecimal.ROUND_HALF_UP });
    }
  });

  it("throws OUT_OF_RANGE for rates below 5e-324 at once (1e-9000000000000000 was a DecimalError, 1e-100000000 took seconds)", () => {
    for (const rate of ["1e-9000000000000000", "1e-100000000", "1e-400"]) {
      expect(codeOf(() => convertRate(rate, { from: "month", to: "year" }))).toBe("OUT_OF_RANGE");
    }
    expect(() => convertRate("1e-9000000000000000", { from: "month", to: "year" })).toThrow(
      'convertRate: rate must be 0 or at least 5e-324 in magnitude (below the float64 range) (received "1e-9000000000000000")',
    );
  });

  it("returns the rate unchanged for the same period, and 0 and 1 unchanged", () => {
    expect(convertRate("0.123", { from: "week", to: "week" }).toString()).toBe("0.123");
    expect(convertRate(0, { from: "day", to: "year" }).toString()).toBe("0");
    expect(convertRate(1, { from: "year", to: "day" }).toString()).toBe("1");
  });

  it("uses whole exponents between months, quarters and years", () => {
    // Quarter -> year is (1 - r)^4 exactly: 1 - 0.9^4 = 0.3439.
    expect(convertRate("0.1", { from: "quarter", to: "year" }).toString()).toBe("0.3439");
    expect(convertRate("0.1", { from: "month", to: "quarter" }).toString()).toBe("0.271");
    expect(convertRate("0.5", { from: "day", to: "week" }).toString()).toBe("0.9921875");
  });

  it("accepts numbers, strings, bigints and Decimals alike", () => {
    const a = convertRate("0.05", { from: "month", to: "year" });
    expect(convertRate(0.05, { from: "month", to: "year" }).eq(a)).toBe(true);
    expect(convertRate(new Decimal("0.05"), { from: "month", to: "year" }).eq(a)).toBe(true);
    expect(convertRate(1n, { from: "month", to: "year" }).toString()).toBe("1");
  });

  it("stays in [0, 1] and round-trips", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...PERIODS),
        fc.constantFrom(...PERIODS),
        (micro, from, to) => {
          const rate = new Decimal(micro).div(1_000_000);
          const there = convertRate(rate, { from, to });
          expect(there.gte(0) && there.lte(1)).toBe(true);
          // Round-trip where the 40 digits still hold the survival share 1 - there.
          if (there.lt("0.999999")) {
            const back = convertRate(there, { from: to, to: from });
            expect(back.minus(rate).abs().lte("1e-30")).toBe(true);
          }
        },
      ),
    );
  });

  it("grows with the length of the target period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), (micro) => {
        const rate = new Decimal(micro).div(1_000_000);
        const values = PERIODS.map((to) => convertRate(rate, { from: "month", to }));
        for (let k = 1; k < values.length; k += 1) {
          expect((values[k] as Decimal).gte(values[k - 1] as Decimal)).toBe(true);
        }
      }),
    );
  });

  it("throws OUT_OF_RANGE for a rate outside [0, 1]", () => {
    expect(codeOf(() => convertRate("1.01", { from: "month", to: "year" }))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => convertRate(-0.1, { from: "month", to: "year" }))).toBe("OUT_OF_RANGE");
  });

  it("throws NOT_A_NUMBER and NOT_FINITE for a bad rate", () => {
    expect(codeOf(() => convertRate("5%", { from: "month", to: "year" }))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => convertRate(Number.NaN, { from: "month", to: "year" }))).toBe(
      "NOT_A_NUMBER",
    );
    expect(codeOf(() => convertRate(Number.POSITIVE_INFINITY, { from: "month", to: "year" }))).toBe(
      "NOT_FINITE",
    );
  });

  it("throws INVALID_OPTION for unknown or missing periods", () => {
    expect(codeOf(() => convertRate("0.1", { from: "fortnight" as never, to: "year" }))).toBe(
      "INVALID_OPTION",
    );
    expect(() => convertRate("0.1", { from: "month", to: "decade" as never })).toThrow(
      /convertRate: to must be one of "day", "week", "month", "quarter", "year"/,
    );
    expect(codeOf(() => convertRate("0.1", {} as never))).toBe("INVALID_OPTION");
    expect(codeOf(() => convertRate("0.1", undefined as never))).toBe("INVALID_OPTION");
    expect(codeOf(() => convertRate("0.1", "month" as never))).toBe("INVALID_OPTION");
  });

  it("works with frozen options", () => {
    const options = Object.freeze({ from: "month", to: "year" } as const);
    expect(convertRate("0.05", options).toString()).toBe("0.459639912337363037109375");
  });
});
