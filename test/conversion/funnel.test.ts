import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, funnel } from "../../src/index.js";
import { codeAndFieldOf as errorOf } from "../_helpers.js";

function show(steps: ReturnType<typeof funnel>) {
  return steps.map((s) => [
    s.name,
    s.count.toString(),
    s.fromPrevious?.toString() ?? null,
    s.fromFirst.toString(),
  ]);
}

describe("funnel", () => {
  it("gives step and overall conversion (documented example)", () => {
    const steps = funnel([
      { name: "visited", count: 2000 },
      { name: "added to cart", count: 400 },
      { name: "purchased", count: 100 },
    ]);
    expect(steps[1]?.fromPrevious?.toString()).toBe("0.2");
    expect(steps[2]?.fromPrevious?.toString()).toBe("0.25");
    expect(steps[2]?.fromFirst.toString()).toBe("0.05");
    expect(show(steps)).toEqual([
      ["visited", "2000", "1", "1"],
      ["added to cart", "400", "0.2", "0.2"],
      ["purchased", "100", "0.25", "0.05"],
    ]);
  });

  it("gives 1 and 1 for a single step", () => {
    expect(show(funnel([{ name: "only", count: 7 }]))).toEqual([["only", "7", "1", "1"]]);
  });

  it("makes fromPrevious null after a step with count 0, keeping fromFirst", () => {
    expect(
      show(
        funnel([
          { name: "a", count: 10 },
          { name: "b", count: 0 },
          { name: "c", count: 0 },
        ]),
      ),
    ).toEqual([
      ["a", "10", "1", "1"],
      ["b", "0", "0", "0"],
      ["c", "0", null, "0"],
    ]);
  });

  it("accepts rises with allowIncrease, giving rates above 1", () => {
    const steps = funnel(
      [
        { name: "a", count: 10 },
        { name: "b", count: 0 },
        { name: "c", count: 4 },
        { name: "d", count: 8 },
      ],
      { allowIncrease: true },
    );
    expect(show(steps)).toEqual([
      ["a", "10", "1", "1"],
      ["b", "0", "0", "0"],
      ["c", "4", null, "0.4"],
      ["d", "8", "2", "0.8"],
    ]);
  });

  it("accepts every numeric kind and keeps 40 digits", () => {
    const steps = funnel([
      { name: "a", count: 3n },
      { name: "b", count: "2" },
      { name: "c", count: new Decimal(1) },
    ]);
    expect(steps[1]?.fromFirst.toString()).toBe("0.6666666666666666666666666666666666666667");
    expect(steps[2]?.fromPrevious?.toString()).toBe("0.5");
    expect(
      funnel([
        { name: "a", count: 10n ** 30n },
        { name: "b", count: 1 },
      ])[1]?.fromFirst.toString(),
    ).toBe("1e-30");
  });

  it("does not modify frozen input and returns frozen results", () => {
    const input = Object.freeze([
      Object.freeze({ name: "a", count: 4 }),
      Object.freeze({ name: "b", count: 1 }),
    ]);
    const steps = funnel(input);
    expect(steps[1]?.fromFirst.toString()).toBe("0.25");
    expect(Object.isFrozen(steps)).toBe(true);
    expect(Object.isFrozen(steps[0])).toBe(true);
    expect(input[1]).toEqual({ name: "b", count: 1 });
  });

  it("throws EMPTY for no steps", () => {
    expect(errorOf(() => funnel([]))).toBe("EMPTY steps");
  });

  it("throws ZERO_DENOMINATOR when the first step is 0", () => {
    expect(errorOf(() => funnel([{ name: "a", count: 0 }]))).toBe(
      "ZERO_DENOMINATOR steps[0].count",
    );
  });

  it("throws INCONSISTENT when a step rises above the previous one", () => {
    expect(
      errorOf(() =>
        funnel([
          { name: "a", count: 10 },
          { name: "b", count: 11 },
        ]),
      ),
    ).toBe("INCONSISTENT steps[1].count");
  });

  it("throws NEGATIVE, NOT_INTEGER, NOT_A_NUMBER, NOT_FINITE and INVALID_OPTION", () => {
    expect(errorOf(() => funnel([{ name: "a", count: -1 }]))).toBe("NEGATIVE steps[0].count");
    expect(errorOf(() => funnel([{ name: "a", count: 1.5 }]))).toBe("NOT_INTEGER steps[0].count");
    expect(errorOf(() => funnel([{ name: "a", count: "x" }]))).toBe("NOT_A_NUMBER steps[0].count");
    expect(errorOf(() => funnel([{ name: "a", count: Number.POSITIVE_INFINITY }]))).toBe(
      "NOT_FINITE steps[0].count",
    );
    expect(errorOf(() => funnel([{ name: 1, count: 1 }] as never))).toBe(
      "NOT_A_NUMBER steps[0].name",
    );
    expect(errorOf(() => funnel([{ name: "a", count: 2 }, null] as never))).toBe(
      "NOT_A_NUMBER steps[1]",
    );
    expect(errorOf(() => funnel("abc" as never))).toBe("NOT_A_NUMBER steps");
    expect(
      errorOf(() => funnel([{ name: "a", count: 1 }], { allowIncrease: "yes" as never })),
    ).toBe("INVALID_OPTION allowIncrease");
    expect(errorOf(() => funnel([{ name: "a", count: 1 }], 1 as never))).toBe(
      "INVALID_OPTION options",
    );
  });

  it("has fromFirst = product of fromPrevious, all in [0, 1], for non-increasing counts (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { maxLength: 8 }),
        (top, shares) => {
          const counts = [top];
          for (const share of shares) counts.push(Math.floor((counts.at(-1) as number) * share));
          const steps = funnel(counts.map((count, k) => ({ name: `s${k}`, count })));
          expect(steps).toHaveLength(counts.length);
          let product = new Decimal(1);
          let broken = false;
          for (const step of steps) {
            expect(step.fromFirst.gte(0) && step.fromFirst.lte(1)).toBe(true);
            if (step.fromPrevious === null) {
              broken = true;
              continue;
            }
            expect(step.fromPrevious.gte(0) && step.fromPrevious.lte(1)).toBe(true);
            product = product.times(step.fromPrevious);
            if (!broken) expect(product.minus(step.fromFirst).abs().lte("1e-35")).toBe(true);
          }
        },
      ),
    );
  });
});
