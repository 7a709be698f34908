// The accumulator's compact table (CompactPartition.ts) gives exactly the general table
// (Partition.ts): the same cohort table, retention brackets and document, on random logs with
// customers whose periods span more than the 32-period masks, refunds, amounts with more
// decimals than the minor unit and sums beyond 2^31 and 2^53 minor units; shards merge in any
// order to the one-pass table; the named check `compactFits` chooses the form up front.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompactPartition } from "../../../src/cohorts/engine/aggregate/CompactPartition.js";
import {
  CustomerPeriods,
  compactFits,
} from "../../../src/cohorts/engine/aggregate/CustomerPeriods.js";
import { COMPACT } from "../../../src/cohorts/engine/aggregate/compactForm.js";
import { addEvents } from "../../../src/cohorts/engine/aggregate/feed.js";
import { resolveOptions } from "../../../src/cohorts/engine/read/options.js";
import { assembleTable } from "../../../src/cohorts/engine/scan/Table.js";
import {
  CohortAccumulator,
  type CohortAccumulatorJSON,
  type CohortTable,
  createCohortAccumulator,
} from "../../../src/index.js";

const MONTH0 = Date.UTC(2020, 0, 1);

/** The table as exact data, with bracket retention (read from the active pairs). */
function shape(t: CohortTable) {
  return {
    table: JSON.parse(JSON.stringify(t)),
    brackets: JSON.parse(
      JSON.stringify(
        t.retention({
          mode: {
            brackets: [
              [0, 0],
              [1, 3],
              [2, 40],
            ],
          },
        }),
      ),
    ),
    unbounded: JSON.parse(JSON.stringify(t.retention({ mode: "unbounded" }))),
  };
}

/** The document's state as sorted lines (customer and entry order depend on the layout). */
function state(json: CohortAccumulatorJSON): string[] {
  const d = json as unknown as {
    customers: unknown[];
    first: unknown[];
    cohortAt: unknown[];
    entries: { customer: number[]; key: number[]; revenue: string[]; active: number[] };
  };
  const lines = d.customers.map(
    (id, c) => `c ${JSON.stringify(id)} ${String(d.first[c])} ${String(d.cohortAt[c])}`,
  );
  d.entries.customer.forEach((c, e) => {
    lines.push(
      `e ${JSON.stringify(d.customers[c])} ${d.entries.key[e]} ${d.entries.revenue[e]} ${d.entries.active[e]}`,
    );
  });
  return lines.sort();
}

const ID = fc.oneof(
  fc.constantFrom("a", "b", "c", "d", "e", "long-customer-id-0001", "日本"),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(2 ** 40, 1.5),
);
const REVENUE = fc.oneof(
  fc.integer({ min: -500_000, max: 500_000 }).map((c) => (c / 100).toFixed(2)),
  fc.integer({ min: -99_999, max: 99_999 }).map((c) => (c / 10_000).toFixed(4)),
  fc.constantFrom("30000000", "-30000000", "90071992547409.91", "-90071992547409.91", "0"),
);
const EVENT = fc.record({
  customerId: ID,
  // months 0 .. 79 from 2020: spans beyond 32 periods, in any order
  month: fc.integer({ min: 0, max: 79 }),
  day: fc.integer({ min: 0, max: 27 }),
  revenue: REVENUE,
  cohort: fc.option(fc.integer({ min: 0, max: 79 }), { freq: 8 }),
});
type Ev = Omit<typeof EVENT extends fc.Arbitrary<infer T> ? T : never, "customerId"> & {
  customerId: string | number;
};

function at(month: number, day: number): string {
  const d = new Date(MONTH0);
  d.setUTCMonth(d.getUTCMonth() + month, 1 + day);
  return d.toISOString();
}

function columns(events: readonly Ev[]) {
  return {
    customerId: events.map((e) => e.customerId),
    at: events.map((e) => at(e.month, e.day)),
    revenue: events.map((e) => e.revenue),
    cohortOf: events.map((e) => (e.cohort === null ? null : at(e.cohort, 0))),
  };
}

const OPTIONS = fc.record({
  period: fc.constantFrom("month" as const, "quarter" as const, "year" as const),
  active: fc.constantFrom("events" as const, "purchases" as const, "rows" as const),
  refunds: fc.constantFrom("net" as const, "exclude" as const),
  asOf: fc.option(fc.integer({ min: 10, max: 85 }).map((m) => at(m, 0))),
});

/** The general table's result over the same events (the layout before the compact one). */
function generalResult(options: object, events: readonly Ev[]): CohortTable {
  const resolved = resolveOptions(options, "createCohortAccumulator");
  const table = new CustomerPeriods(resolved, null);
  expect(table.compact).toBe(false);
  addEvents(table, columns(events), "createCohortAccumulator");
  return assembleTable(resolved, table.scan(false));
}

describe("the compact table equals the general table", () => {
  it("gives the same table, brackets and document on random logs (property)", () => {
    fc.assert(
      fc.property(
        OPTIONS,
        fc.array(EVENT, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        (o, events, shards) => {
          const { asOf, ...rest } = o;
          const options = asOf === null ? rest : { ...rest, asOf };
          const expected = shape(generalResult(options, events));
          const acc = createCohortAccumulator(options);
          acc.add(columns(events));
          expect(shape(acc.result())).toEqual(expected);
          // the document does not depend on the layout, and reads back to the same table
          const doc = acc.toJSON();
          expect(doc.version).toBe(2);
          const back = CohortAccumulator.fromJSON(JSON.stringify(doc));
          expect(shape(back.result())).toEqual(expected);
          expect(state(back.toJSON())).toEqual(state(doc));
          // shards split arbitrarily, merged in a random order
          const parts = Array.from({ length: shards }, () => createCohortAccumulator(options));
          events.forEach((e, i) => {
            (parts[(i * 7 + e.month) % shards] as CohortAccumulator).add(columns([e]));
          });
          const order = parts.map((p, i) => [p, (i * 5 + events.length) % shards] as const);
          order.sort((x, y) => x[1] - y[1]);
          const merged = createCohortAccumulator(options);
          for (const [p] of order) merged.merge(p as CohortAccumulator<never>);
          expect(shape(merged.result())).toEqual(expected);
          expect(state(merged.toJSON())).toEqual(state(doc));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reproduces: one customer over 45 months in reverse order moves to the general entries", () => {
    const events: Ev[] = [];
    for (let m = 44; m >= 0; m -= 4)
      events.push({ customerId: "x", month: m, day: 3, revenue: "1.25", cohort: null });
    events.push({ customerId: "y", month: 2, day: 0, revenue: "-3", cohort: null });
    events.push({ customerId: "y", month: 3, day: 0, revenue: "4", cohort: null });
    const resolved = resolveOptions({ period: "month" }, "createCohortAccumulator");
    const table = new CustomerPeriods(resolved, COMPACT);
    addEvents(table, columns(events), "createCohortAccumulator");
    const parts = table.all() as CompactPartition[];
    // x spans 45 months: in a general overflow partition; y stays compact
    expect(parts.every((p) => p instanceof CompactPartition)).toBe(true);
    expect(parts.reduce((n, p) => n + (p.overflow?.customers ?? 0), 0)).toBe(1);
    const t = assembleTable(resolved, table.scan(false));
    expect(shape(t)).toEqual(shape(generalResult({ period: "month" }, events)));
    // cohort January 2020: x (12 months with an event), y from March
    expect(t.cohorts[0]?.size).toBe(1);
    expect(t.cohorts[0]?.active.slice(0, 5)).toEqual([1, 0, 0, 0, 1]);
    expect(t.cohorts[0]?.revenue[44]?.toString()).toBe("1.25");
  });

  it("reproduces: sums beyond 2^31 and 2^53 minor units stay exact", () => {
    const acc = createCohortAccumulator({ period: "month" });
    const events: Ev[] = [];
    for (let i = 0; i < 3; i++)
      events.push({ customerId: "a", month: 0, day: i, revenue: "30000000", cohort: null });
    for (let i = 0; i < 2; i++)
      events.push({
        customerId: "b",
        month: 0,
        day: i,
        revenue: "90071992547409.91",
        cohort: null,
      });
    events.push({ customerId: "b", month: 0, day: 5, revenue: "0.001", cohort: null });
    acc.add(columns(events));
    const t = acc.result();
    // 3 × 30,000,000 + 2 × 90,071,992,547,409.91 + 0.001 (exact decimal arithmetic)
    expect(t.cohorts[0]?.revenue[0]?.toString()).toBe("180144075094819.821");
    expect(shape(t)).toEqual(shape(generalResult({ period: "month" }, events)));
  });

  it("keeps a table's brackets when the accumulator grows after result()", () => {
    const first: Ev[] = [
      { customerId: "a", month: 0, day: 0, revenue: "1", cohort: null },
      { customerId: "a", month: 2, day: 0, revenue: "1", cohort: null },
      { customerId: "b", month: 0, day: 0, revenue: "1", cohort: null },
    ];
    const acc = createCohortAccumulator({ period: "month" });
    acc.add(columns(first));
    const before = acc.result();
    acc.add(columns([{ customerId: "b", month: 1, day: 0, revenue: "1", cohort: null }]));
    const bracket = { mode: { brackets: [[1, 2]] as [number, number][] } };
    // January (a and b): a active in March (k = 2); b's February came after the table was read
    expect(before.retention(bracket).cohorts[0]?.rates.map(String)).toEqual(["0.5"]);
    expect(acc.result().retention(bracket).cohorts[0]?.rates.map(String)).toEqual(["1"]);
  });
});

describe("compactFits, the named check of the layout", () => {
  it("takes the compact table for calendar months, quarters and years", () => {
    for (const period of ["month", "quarter", "year"] as const) {
      const resolved = resolveOptions({ period }, "createCohortAccumulator");
      expect(compactFits(resolved)).toBe(true);
      expect(new CustomerPeriods(resolved, COMPACT).compact).toBe(true);
    }
  });

  it("keeps the general table for days, weeks and rolling periods, with the same results", () => {
    for (const options of [
      { period: "day" as const },
      { period: "week" as const },
      { period: "month" as const, boundaries: "rolling" as const },
    ]) {
      const resolved = resolveOptions(options, "createCohortAccumulator");
      expect(compactFits(resolved)).toBe(false);
      const table = new CustomerPeriods(resolved, COMPACT);
      expect(table.compact).toBe(false);
      const events: Ev[] = [
        { customerId: "a", month: 0, day: 1, revenue: "2", cohort: null },
        { customerId: "a", month: 1, day: 20, revenue: "-1", cohort: null },
      ];
      addEvents(table, columns(events), "createCohortAccumulator");
      expect(table.all().some((p) => p instanceof CompactPartition)).toBe(false);
      const acc = createCohortAccumulator(options);
      acc.add(columns(events));
      expect(shape(acc.result())).toEqual(shape(generalResult(options, events)));
    }
  });
});
