import { Decimal as ForeignDecimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  count,
  denominatorAmount,
  denominatorCount,
  fraction,
  inRange,
  intNumber,
  isPlainDecimal,
  nonNegative,
  option,
  options,
  positive,
  record,
  toDecimal,
} from "../../src/_lib/assert.js";
import { clean, Decimal, fromFloat } from "../../src/_lib/decimal.js";
import type { MetricInputError } from "../../src/errors.js";
import { codeOf } from "../_helpers.js";

describe("toDecimal", () => {
  it("accepts numbers, numeric strings, bigints and Decimals", () => {
    expect(toDecimal(0.1, "f", "x").toString()).toBe("0.1");
    expect(toDecimal("1e3", "f", "x").toString()).toBe("1000");
    expect(toDecimal(" +5 ", "f", "x").toString()).toBe("5");
    expect(toDecimal("-.5", "f", "x").toString()).toBe("-0.5");
    expect(toDecimal(12345678901234567890123n, "f", "x").toString()).toBe(
      "12345678901234567890123",
    );
    expect(toDecimal(new ForeignDecimal("19.99"), "f", "x").toString()).toBe("19.99");
  });

  it("recognises Decimals of another decimal.js copy by isDecimal, not instanceof", () => {
    const foreign = ForeignDecimal.clone({ precision: 3 });
    const value = new foreign("1.23456789");
    expect(toDecimal(value, "f", "x").toString()).toBe("1.23456789");
    expect(toDecimal(value, "f", "x")).toBeInstanceOf(Decimal);
  });

  it("normalises -0 to 0", () => {
    expect(toDecimal(-0, "f", "x").isNegative()).toBe(false);
    expect(toDecimal("-0", "f", "x").isNegative()).toBe(false);
    expect(clean(new Decimal(-0)).isNegative()).toBe(false);
  });

  it.each([
    [Number.NaN, "NOT_A_NUMBER"],
    [Number.POSITIVE_INFINITY, "NOT_FINITE"],
    [Number.NEGATIVE_INFINITY, "NOT_FINITE"],
    ["", "NOT_A_NUMBER"],
    ["   ", "NOT_A_NUMBER"],
    ["abc", "NOT_A_NUMBER"],
    ["0x10", "NOT_A_NUMBER"],
    ["1,5", "NOT_A_NUMBER"],
    ["Infinity", "NOT_FINITE"],
    ["-infinity", "NOT_FINITE"],
    ["NaN", "NOT_A_NUMBER"],
    ["1e400", "NOT_FINITE"],
    ["-1e400", "NOT_FINITE"],
    [undefined, "NOT_A_NUMBER"],
    [null, "NOT_A_NUMBER"],
    [{}, "NOT_A_NUMBER"],
    [[1], "NOT_A_NUMBER"],
    [true, "NOT_A_NUMBER"],
    [new ForeignDecimal(Number.NaN), "NOT_A_NUMBER"],
    [new ForeignDecimal(Number.POSITIVE_INFINITY), "NOT_FINITE"],
  ])("rejects %s with %s", (value, code) => {
    expect(codeOf(() => toDecimal(value, "f", "x"))).toBe(code);
  });

  it("reads the float64 range: above MAX_VALUE is NOT_FINITE, a non-zero below MIN_VALUE OUT_OF_RANGE", () => {
    expect(toDecimal(Number.MIN_VALUE, "f", "x").toString()).toBe("5e-324");
    expect(toDecimal("5e-324", "f", "x").toString()).toBe("5e-324");
    expect(toDecimal("-5e-324", "f", "x").toString()).toBe("-5e-324");
    expect(toDecimal(Number.MAX_VALUE, "f", "x").eq(Number.MAX_VALUE)).toBe(true);
    expect(toDecimal("0e-9000000000000000", "f", "x").toString()).toBe("0");
    for (const value of [
      "1e-400",
      "-1e-400",
      "4.9e-324",
      "1e-9000000000000000",
      // beyond decimal.js's own exponent limit, which would read it as 0
      "1e-90000000000000000000",
      new ForeignDecimal("1e-9000000000000000"),
    ]) {
      expect(codeOf(() => toDecimal(value, "f", "x"))).toBe("OUT_OF_RANGE");
    }
    expect(codeOf(() => toDecimal("1e90000000000000000000", "f", "x"))).toBe("NOT_FINITE");
    expect(codeOf(() => toDecimal(10n ** 400n, "f", "x"))).toBe("NOT_FINITE");
    expect(() => toDecimal("1e-400", "ltvToCacRatio", "cac")).toThrow(
      'ltvToCacRatio: cac must be 0 or at least 5e-324 in magnitude (below the float64 range) (received "1e-400")',
    );
  });

  it("rejects objects that only look like Decimals with NOT_A_NUMBER, never a TypeError", () => {
    const broken = new ForeignDecimal(5) as unknown as Record<string, unknown>;
    const fakes: unknown[] = [
      { toStringTag: "[object Decimal]" },
      { toStringTag: "[object Decimal]", toString: () => 12 },
      {
        toStringTag: "[object Decimal]",
        toString: () => {
          throw new Error("no");
        },
      },
      { [Symbol.toStringTag]: "Decimal" },
      { constructor: { isDecimal: () => true } },
      { d: "x", e: "y", s: 1 },
      { d: [1], e: 0, s: 1 },
      // The fields and the own `constructor` of one of the library's Decimals, on a plain object.
      { d: [1], e: 0, s: 1, constructor: Decimal },
      { constructor: Decimal },
      Object.create(ForeignDecimal.prototype),
      Object.assign(Object.create(ForeignDecimal.prototype), { d: "x", e: "y", s: "z" }),
      Object.assign(broken, { d: null, e: Number.NaN, s: "x" }),
      new Proxy(
        {},
        {
          get() {
            throw new Error("trap");
          },
          getPrototypeOf() {
            throw new Error("trap");
          },
        },
      ),
    ];
    for (const fake of fakes) {
      expect(codeOf(() => toDecimal(fake, "churnRate", "start"))).toBe("NOT_A_NUMBER");
    }
    // A look-alike whose toString gives a decimal number works as one and is read once.
    let reads = 0;
    const working = {
      toStringTag: "[object Decimal]",
      toString: () => {
        reads += 1;
        return "12.5";
      },
    };
    expect(toDecimal(working, "f", "x").toString()).toBe("12.5");
    expect(reads).toBe(1);
    const padded = { toStringTag: "[object Decimal]", toString: () => " 12" };
    expect(codeOf(() => toDecimal(padded, "f", "x"))).toBe("NOT_A_NUMBER");
    expect(() => toDecimal({ toStringTag: "[object Decimal]" }, "churnRate", "start")).toThrow(
      "churnRate: start must be a Decimal whose toString() gives a number (received an object that is not a working Decimal)",
    );
  });

  it("returns the library's own well-formed Decimals as they are, and converts every other", () => {
    const own = new Decimal("-3.25");
    expect(isPlainDecimal(own)).toBe(true);
    expect(toDecimal(own, "f", "x")).toBe(own);
    // A Decimal of the user's global class carries the user's settings: it is converted.
    const global = new ForeignDecimal("3.25");
    expect(isPlainDecimal(global)).toBe(false);
    expect(toDecimal(global, "f", "x").constructor).toBe(Decimal);
    for (const value of [
      new Decimal(-0),
      new Decimal("1e-400"),
      new Decimal("5e-324"),
      new Decimal("1e308"),
      new Decimal(Number.NaN),
      new Decimal(Number.POSITIVE_INFINITY),
      Object.assign(new Decimal(5), { d: [Number.NaN] }),
      Object.assign(new Decimal(5), { e: "1" }),
      { toStringTag: "[object Decimal]" },
      5,
      null,
    ]) {
      expect(isPlainDecimal(value)).toBe(false);
    }
    expect(
      codeOf(() => toDecimal(Object.assign(new Decimal(5), { d: [Number.NaN] }), "f", "x")),
    ).toBe("NOT_A_NUMBER");
    expect(toDecimal(new Decimal("1e308"), "f", "x").toString()).toBe("1e+308");
    expect(toDecimal(new Decimal(-0), "f", "x").isNegative()).toBe(false);
  });

  it("names the function, the field and the value in the message", () => {
    expect(() => toDecimal("abc", "churnRate", "start")).toThrow(
      'churnRate: start must be a decimal number (received "abc")',
    );
    try {
      toDecimal("abc", "churnRate", "start");
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect((error as MetricInputError).field).toBe("start");
      expect((error as MetricInputError).value).toBe("abc");
    }
  });
});

describe("validators", () => {
  it("count accepts whole numbers of every Numeric kind and rejects others", () => {
    expect(count("12", "f", "n").toString()).toBe("12");
    expect(count(12n, "f", "n").toString()).toBe("12");
    expect(count("1.0", "f", "n").toString()).toBe("1");
    expect(codeOf(() => count(1.5, "f", "n"))).toBe("NOT_INTEGER");
    expect(codeOf(() => count(-1, "f", "n"))).toBe("NEGATIVE");
  });

  it("denominators reject zero", () => {
    expect(codeOf(() => denominatorCount(0, "f", "n"))).toBe("ZERO_DENOMINATOR");
    expect(codeOf(() => denominatorAmount("0.00", "f", "n"))).toBe("ZERO_DENOMINATOR");
    expect(denominatorAmount("0.01", "f", "n").toString()).toBe("0.01");
  });

  it("nonNegative, positive, fraction and inRange check their intervals", () => {
    expect(codeOf(() => nonNegative("-0.01", "f", "m"))).toBe("NEGATIVE");
    expect(codeOf(() => positive(0, "f", "m"))).toBe("OUT_OF_RANGE");
    expect(fraction(1, "f", "r").toString()).toBe("1");
    expect(codeOf(() => fraction("1.0001", "f", "r"))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => fraction(-0.1, "f", "r"))).toBe("OUT_OF_RANGE");
    expect(inRange(10, 0, 10, "f", "s").toString()).toBe("10");
    expect(codeOf(() => inRange(11, 0, 10, "f", "s"))).toBe("OUT_OF_RANGE");
  });

  it("intNumber returns safe integers as numbers", () => {
    expect(intNumber("7", "f", "k")).toBe(7);
    expect(codeOf(() => intNumber(0, "f", "k", 1))).toBe("OUT_OF_RANGE");
    expect(codeOf(() => intNumber("1e20", "f", "k"))).toBe("OUT_OF_RANGE");
  });

  it("option accepts listed values, defaults undefined and rejects the rest", () => {
    expect(option(undefined, ["a", "b"] as const, "a", "f", "mode")).toBe("a");
    expect(option("b", ["a", "b"] as const, "a", "f", "mode")).toBe("b");
    expect(codeOf(() => option("c", ["a", "b"] as const, "a", "f", "mode"))).toBe("INVALID_OPTION");
  });

  it("record and options reject non-objects", () => {
    expect(codeOf(() => record(null, "f"))).toBe("NOT_A_NUMBER");
    expect(options(undefined, "f")).toEqual({});
    expect(codeOf(() => options(3, "f"))).toBe("INVALID_OPTION");
    expect(codeOf(() => options([], "f"))).toBe("INVALID_OPTION");
    expect(codeOf(() => options(new Float64Array(0), "f"))).toBe("INVALID_OPTION");
    expect(codeOf(() => options(new Map(), "f"))).toBe("INVALID_OPTION");
    expect(codeOf(() => options(new Date(0), "f"))).toBe("INVALID_OPTION");
    expect(codeOf(() => options(new Decimal(1), "f"))).toBe("INVALID_OPTION");
    expect(options(Object.create(null), "f")).toEqual({});
  });

  it("fromFloat refuses non-finite values and maps 0 to a clean zero", () => {
    expect(fromFloat(-0).isNegative()).toBe(false);
    expect(() => fromFloat(Number.NaN)).toThrow(/internal error/);
    expect(() => clean(new Decimal(Number.POSITIVE_INFINITY))).toThrow(/internal error/);
  });
});

describe("Decimal", () => {
  it("is a private clone: the user's global settings never change our results", () => {
    ForeignDecimal.set({ precision: 5 });
    try {
      expect(new Decimal(1).dividedBy(3).toString()).toBe(
        "0.3333333333333333333333333333333333333333",
      );
    } finally {
      ForeignDecimal.set({ precision: 20 });
    }
  });
});
