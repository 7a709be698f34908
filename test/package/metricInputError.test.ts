import { describe, expect, it, vi } from "vitest";
import { churnRate, isMetricInputError, MetricInputError } from "../../src/index.js";

/** A second, separately evaluated copy of errors.ts: what the other build of the package is. */
async function otherCopy(): Promise<typeof import("../../src/errors.js")> {
  vi.resetModules();
  return await import("../../src/errors.js");
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("MetricInputError across copies of the package", () => {
  it("recognises an error thrown by another copy's class, both ways", async () => {
    const other = await otherCopy();
    expect(other.MetricInputError).not.toBe(MetricInputError);
    const foreign = new other.MetricInputError("EMPTY", "f: x must not be empty", "x", []);
    expect(foreign instanceof MetricInputError).toBe(true);
    expect(isMetricInputError(foreign)).toBe(true);
    const local = thrown(() => churnRate({ start: 0, lost: 0 }));
    expect(local instanceof other.MetricInputError).toBe(true);
    expect(other.isMetricInputError(local)).toBe(true);
    expect((local as MetricInputError).code).toBe("ZERO_DENOMINATOR");
  });

  it("stays a RangeError and an Error", () => {
    const error = thrown(() => churnRate({ start: 0, lost: 0 }));
    expect(error instanceof RangeError).toBe(true);
    expect(error instanceof Error).toBe(true);
    expect(error instanceof MetricInputError).toBe(true);
  });

  it("keeps the ordinary prototype test for a subclass", async () => {
    class QuotaError extends MetricInputError {}
    const sub = new QuotaError("OUT_OF_RANGE", "q: n must be at most 3 (received 4)", "n", 4);
    expect(sub instanceof QuotaError).toBe(true);
    expect(sub instanceof MetricInputError).toBe(true);
    expect(new MetricInputError("EMPTY", "m", "x", []) instanceof QuotaError).toBe(false);
    const other = await otherCopy();
    expect(new other.MetricInputError("EMPTY", "m", "x", []) instanceof QuotaError).toBe(false);
  });

  it("rejects look-alikes: plain errors, objects with the fields, primitives", () => {
    const lookalike = Object.assign(new RangeError("m"), { code: "EMPTY", field: "x", value: [] });
    for (const value of [lookalike, new Error("m"), { code: "EMPTY" }, null, undefined, 0, "x"]) {
      expect(value instanceof MetricInputError).toBe(false);
      expect(isMetricInputError(value)).toBe(false);
    }
  });

  it("carries the shared mark on its prototype, outside keys and JSON", () => {
    const error = new MetricInputError("EMPTY", "m", "x", []);
    expect(
      (error as unknown as Record<symbol, unknown>)[
        Symbol.for("customer-metrics.MetricInputError")
      ],
    ).toBe(true);
    const mark = Symbol.for("customer-metrics.MetricInputError");
    expect(Object.prototype.propertyIsEnumerable.call(error, mark)).toBe(false);
    expect(JSON.stringify({ ...error })).toBe(
      '{"code":"EMPTY","field":"x","value":[],"name":"MetricInputError"}',
    );
  });
});
