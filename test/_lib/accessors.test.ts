import { describe, expect, it } from "vitest";
import { accessorOption, isArrayLike } from "../../src/_lib/accessors.js";
import { funnelAnalysis } from "../../src/index.js";

describe("accessor options and columns", () => {
  it("takes an absent accessor as null and a function as itself", () => {
    const f = (row: unknown) => row;
    expect(accessorOption(undefined, "fn", "at")).toBeNull();
    expect(accessorOption(f, "fn", "at")).toBe(f);
  });

  it("refuses an accessor that is not a function, naming the option", () => {
    expect(() => accessorOption("at", "orderMetrics", "at")).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", field: "at" }),
    );
  });

  it("takes arrays and typed arrays as columns, not strings or String objects", () => {
    expect(isArrayLike([1, 2])).toBe(true);
    expect(isArrayLike(new Float64Array(2))).toBe(true);
    expect(isArrayLike({ length: 0 })).toBe(true);
    expect(isArrayLike("ab")).toBe(false);
    expect(isArrayLike(new String("ab"))).toBe(false);
    expect(isArrayLike(null)).toBe(false);
  });

  it("refuses a String object as an id column instead of reading its characters as ids", () => {
    const events = {
      customerId: new String("ab"),
      at: ["2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"],
      event: ["view", "buy"],
    };
    expect(() =>
      funnelAnalysis(events as never, { steps: ["view", "buy"], window: { days: 1 } }),
    ).toThrow(expect.objectContaining({ code: "NOT_A_NUMBER", field: "events.customerId" }));
  });
});
