import { describe, expect, it } from "vitest";
import { CustomerPeriods } from "../../../src/cohorts/engine/aggregate/CustomerPeriods.js";
import { COMPACT } from "../../../src/cohorts/engine/aggregate/compactForm.js";
import { addEvents } from "../../../src/cohorts/engine/aggregate/feed.js";
import { resolveOptions } from "../../../src/cohorts/engine/read/options.js";
import { activeExtent, visitActiveKeys } from "../../../src/cohorts/engine/scan/activeKeys.js";

const events = [
  { customerId: "a", at: "2024-01-05T00:00:00Z", revenue: "10" },
  { customerId: "a", at: "2024-03-05T00:00:00Z", revenue: "5" },
  { customerId: "a", at: "2024-01-20T00:00:00Z", revenue: "1" },
  { customerId: "b", at: "2024-02-01T00:00:00Z", revenue: "-3" },
];

function table(compact: boolean): CustomerPeriods {
  const t = new CustomerPeriods(
    resolveOptions({ period: "month" }, "test"),
    compact ? COMPACT : null,
  );
  addEvents(t, events, "test");
  return t;
}

describe("activeKeys", () => {
  it("lists each customer's distinct active periods in order, and their extent", () => {
    const t = table(false);
    const seen: number[][] = [];
    visitActiveKeys(t, (keys, n) => seen.push(Array.from(keys.subarray(0, n))));
    // a: January twice and March; b's refund is no activity under the default rule
    expect(seen).toHaveLength(1);
    const [keys] = seen as [number[]];
    expect(keys).toHaveLength(2);
    expect((keys[1] as number) - (keys[0] as number)).toBe(2);
    expect(activeExtent(t)).toEqual({ first: keys[0], last: keys[1] });
  });

  it("refuses a table with compact partitions rather than seeing no customers", () => {
    const t = table(true);
    expect(t.compact).toBe(true);
    expect(() => visitActiveKeys(t, () => undefined)).toThrow(/general partitions/);
    expect(() => activeExtent(t)).toThrow(/general partitions/);
  });
});
