import { describe, expect, it } from "vitest";
import { Decimal, formatPercent, MetricInputError, round, toPercent } from "../../src/index.js";

describe("round", () => {
  it("rounds half-up by default, away from zero at ties", () => {
    expect(round("2.345", 2).toString()).toBe("2.35");
    expect(round("-2.5", 0).toString()).toBe("-3");
  });
  it.each([
    ["half-even", "2.345", "2.34"],
    ["half-down", "2.345", "2.34"],
    ["up", "2.341", "2.35"],
    ["down", "2.349", "2.34"],
    ["ceil", "-2.349", "-2.34"],
    ["floor", "-2.341", "-2.35"],
  ] as const)("mode %s rounds %s to %s", (mode, value, expected) => {
    expect(round(value, 2, mode).toString()).toBe(expected);
  });
  it("never returns -0", () => {
    expect(round("-0.001", 2).isNegative()).toBe(false);
  });
  it("rejects bad places and modes", () => {
    expect(() => round(1, 1.5)).toThrow(MetricInputError);
    expect(() => round(1, -1)).toThrow(/places must not be negative/);
    expect(() => round(1, 1001)).toThrow(/at most 1000/);
    // @ts-expect-error an unknown mode
    expect(() => round(1, 2, "bankers")).toThrow(/mode must be one of/);
  });
});

describe("toPercent and formatPercent", () => {
  it("multiplies by 100 exactly", () => {
    expect(toPercent("0.875").toString()).toBe("87.5");
    expect(toPercent(new Decimal("0.1")).toString()).toBe("10");
  });
  it("formats with a fixed number of decimals", () => {
    expect(formatPercent("0.875")).toBe("87.5%");
    expect(formatPercent("0.45963", { decimals: 2 })).toBe("45.96%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent("0.00000001", { decimals: 0 })).toBe("0%");
    expect(formatPercent("-0.00001")).toBe("0.0%");
    expect(formatPercent("0.12345", { decimals: 2, mode: "down" })).toBe("12.34%");
  });
  it("formats the largest float64 rate, 1e308, as 1e310 % (it once failed naming round)", () => {
    expect(formatPercent(1e308)).toBe(`1${"0".repeat(310)}.0%`);
    expect(formatPercent(Number.MAX_VALUE, { decimals: 0 })).toBe(
      `${new Decimal(Number.MAX_VALUE).times(100).toFixed(0)}%`,
    );
    expect(toPercent(1e308).toString()).toBe("1e+310");
  });

  it("names formatPercent, not round, in every error it throws", () => {
    const calls: (() => unknown)[] = [
      () => formatPercent("1e400"),
      () => formatPercent("1e-400"),
      () => formatPercent("abc"),
      () => formatPercent(1, { decimals: 1.5 }),
      () => formatPercent(1, { decimals: -1 }),
      () => formatPercent(1, { decimals: 101 }),
      () => formatPercent(1, { mode: "nearest" as never }),
    ];
    for (const call of calls) {
      expect(call).toThrow(MetricInputError);
      expect(call).toThrow(/^formatPercent: /);
    }
  });

  it("rejects bad options", () => {
    expect(() => formatPercent(1, { decimals: 101 })).toThrow(/at most 100/);
    // @ts-expect-error options must be an object
    expect(() => formatPercent(1, 3)).toThrow(/options must be an object/);
  });
});
