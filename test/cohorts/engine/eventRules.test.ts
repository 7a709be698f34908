// The event rules of the cohort table (src/_lib/eventRules.ts): a refund (negative revenue)
// is netted into the revenue of its period but makes no customer active and starts no cohort;
// `active` chooses what makes a customer active ('events', 'purchases', 'rows'), `refunds`
// whether refunds are netted or left out; `asOf` is an exclusive instant, or a calendar date
// whose day is included. Every case is checked on every input path: the column path (rows
// array, columns), the general engine (an iterator), cohortAnalysisAsync, the accumulator in
// batches, merged shards, and a toJSON / fromJSON round trip. Expected values are worked out
// by hand in the comments.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortOptions,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
} from "../../../src/index.js";
import { metricErrorOf } from "../../_helpers.js";

interface Row {
  customerId: string;
  at: string;
  revenue?: string | null;
}

function shape(t: CohortTable) {
  return t.cohorts.map((c) => ({
    key: c.key,
    size: c.size,
    active: [...c.active],
    revenue: c.revenue.map(String),
    complete: [...c.complete],
  }));
}

/** The table through every input path, labelled; every path must give `want`. */
async function expectEveryPath(
  rows: readonly Row[],
  options: CohortOptions,
  want: ReturnType<typeof shape>,
): Promise<void> {
  const frozen = rows.map((r) => Object.freeze({ ...r }));
  const got: [string, ReturnType<typeof shape>][] = [];
  got.push(["rows array", shape(cohortAnalysis(frozen, options))]);
  got.push(["rows iterator", shape(cohortAnalysis(frozen.values(), options))]);
  got.push([
    "columns",
    shape(
      cohortAnalysis(
        {
          customerId: rows.map((r) => r.customerId),
          at: rows.map((r) => r.at),
          revenue: rows.map((r) => r.revenue),
        },
        options,
      ),
    ),
  ]);
  async function* stream() {
    yield* frozen;
  }
  got.push(["cohortAnalysisAsync", shape(await cohortAnalysisAsync(stream(), options))]);
  const batches = createCohortAccumulator(options);
  for (const r of frozen) batches.add([r]);
  got.push(["accumulator, one row per add", shape(batches.result())]);
  const even = createCohortAccumulator(options).add(frozen.filter((_, i) => i % 2 === 0));
  const odd = createCohortAccumulator(options).add(frozen.filter((_, i) => i % 2 === 1));
  got.push(["merged shards", shape(odd.merge(even as never).result())]);
  const back = CohortAccumulator.fromJSON(JSON.stringify(odd.toJSON()));
  got.push(["toJSON / fromJSON", shape(back.result())]);
  for (const [path, table] of got) expect({ path, table }).toEqual({ path, table: want });
}

const row = (key: string, size: number, active: number[], revenue: string[]) => ({
  key,
  size,
  active,
  revenue,
  complete: active.map(() => true),
});

describe("refunds under the default rules (active: 'events', refunds: 'net')", () => {
  it("leaves a refund-only customer out of the table", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "10.00" },
      { customerId: "r", at: "2024-02-05T10:00:00Z", revenue: "-5.00" },
    ];
    // r has no active event: no cohort, and the refund (in no cohort) is left out
    await expectEveryPath(rows, {}, [row("2024-01", 1, [1], ["10"])]);
    // counting every row (active: 'rows'), the refund puts r in February's cohort
    await expectEveryPath(rows, { active: "rows" }, [
      row("2024-01", 1, [1, 0], ["10", "0"]),
      row("2024-02", 1, [1], ["-5"]),
    ]);
  });

  it("nets a refund on a purchase day into that period", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "20.00" },
      { customerId: "a", at: "2024-01-05T18:00:00Z", revenue: "-5.00" },
      { customerId: "a", at: "2024-01-05T19:00:00Z", revenue: "3.00" },
    ];
    await expectEveryPath(rows, {}, [row("2024-01", 1, [1], ["18"])]);
  });

  it("counts a refund in a period without other activity as revenue, not activity", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "20.00" },
      { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "-5.00" },
      { customerId: "a", at: "2024-03-05T10:00:00Z", revenue: "10.00" },
    ];
    await expectEveryPath(rows, {}, [row("2024-01", 1, [1, 0, 1], ["20", "-5", "10"])]);
    // a refund after the last active period still has a cell: the table reaches its period
    await expectEveryPath(rows.slice(0, 2), {}, [row("2024-01", 1, [1, 0], ["20", "-5"])]);
    // unbounded retention counts active periods only: a is not retained "in February or later"
    // by the refund, only by March's purchase
    const t = cohortAnalysis(rows.slice(0, 2));
    expect(t.retention({ mode: "unbounded" }).cohorts[0]?.rates.map(String)).toEqual(["1", "0"]);
    expect(t.retention({ mode: { brackets: [[1, 1]] } }).cohorts[0]?.rates.map(String)).toEqual([
      "0",
    ]);
  });

  it("leaves out a refund before the customer's first active event", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "-5.00" },
      { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "20.00" },
    ];
    // the cohort is February (the first active event); January's refund is in no cell
    await expectEveryPath(rows, {}, [row("2024-02", 1, [1], ["20"])]);
  });

  it("makes zero-revenue and no-revenue rows active", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "0.00" },
      { customerId: "a", at: "2024-02-05T10:00:00Z" },
      { customerId: "b", at: "2024-02-06T10:00:00Z", revenue: null },
    ];
    await expectEveryPath(rows, {}, [
      row("2024-01", 1, [1, 1], ["0", "0"]),
      row("2024-02", 1, [1], ["0"]),
    ]);
  });
});

describe("active: 'purchases'", () => {
  it("makes only rows with positive revenue active", async () => {
    const rows = [
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "0.00" }, // a login
      { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "10.00" },
      { customerId: "a", at: "2024-03-05T10:00:00Z" }, // no revenue
      { customerId: "a", at: "2024-04-05T10:00:00Z", revenue: "5.00" },
      { customerId: "b", at: "2024-01-06T10:00:00Z", revenue: "0.00" }, // never buys
      { customerId: "c", at: "2024-02-07T10:00:00Z", revenue: "7.00" },
      { customerId: "c", at: "2024-03-07T10:00:00Z", revenue: "-7.00" },
    ];
    // a's cohort is February (first purchase); b is not in the table; c's refund is netted
    await expectEveryPath(rows, { active: "purchases" }, [
      row("2024-02", 2, [2, 0, 1], ["17", "-7", "5"]),
    ]);
  });
});

describe("refunds: 'exclude'", () => {
  const rows = [
    { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "20.00" },
    { customerId: "a", at: "2024-01-06T10:00:00Z", revenue: "-5.00" },
    { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "-3.00" },
  ];

  it("leaves refunds out of every sum", async () => {
    // February holds only an excluded refund: no cell is needed for it
    await expectEveryPath(rows, { refunds: "exclude" }, [row("2024-01", 1, [1], ["20"])]);
  });

  it("still counts refund rows as activity under active: 'rows'", async () => {
    await expectEveryPath(rows, { refunds: "exclude", active: "rows" }, [
      row("2024-01", 1, [1, 1], ["20", "0"]),
    ]);
  });
});

describe("asOf: an instant is exclusive, a calendar date includes its day", () => {
  const rows = [
    { customerId: "a", at: "2024-01-10T10:00:00Z", revenue: "1.00" },
    { customerId: "a", at: "2024-02-29T23:00:00Z", revenue: "2.00" },
    { customerId: "b", at: "2024-03-01T00:00:00Z", revenue: "4.00" },
  ];

  it("leaves out an event exactly at an instant asOf", async () => {
    const asOf = new Date("2024-03-01T00:00:00Z");
    await expectEveryPath(rows, { asOf }, [row("2024-01", 1, [1, 1], ["1", "2"])]);
    expect(cohortAnalysis(rows, { asOf }).asOf).toBe("2024-03-01T00:00:00.000Z");
  });

  it("includes the whole named day of a date asOf, and completes a period ending on it", async () => {
    // '2024-02-29' observes February 29 in full: February is complete, b's March event is out
    await expectEveryPath(rows, { asOf: "2024-02-29" }, [row("2024-01", 1, [1, 1], ["1", "2"])]);
    expect(cohortAnalysis(rows, { asOf: "2024-02-29" }).asOf).toBe("2024-03-01T00:00:00.000Z");
    // '2024-02-28' leaves out February 29, and February is not complete
    await expectEveryPath(rows, { asOf: "2024-02-28" }, [
      { key: "2024-01", size: 1, active: [1, 0], revenue: ["1", "0"], complete: [true, false] },
    ]);
  });

  it("reads a date asOf in the analysis time zone", async () => {
    // New York: '2024-02-29' ends at 2024-03-01T05:00Z, so b's event (00:00Z, still
    // February 29 there) is in, and February is complete
    await expectEveryPath(rows, { asOf: "2024-02-29", timeZone: "America/New_York" }, [
      row("2024-01", 1, [1, 1], ["1", "2"]),
      row("2024-02", 1, [1], ["4"]),
    ]);
  });
});

describe("rolling periods follow the same rules", () => {
  it("starts windows at the first active event and nets refunds into their window", async () => {
    const rows = [
      { customerId: "r", at: "2024-01-01T10:00:00Z", revenue: "-4.00" }, // before r's first purchase
      { customerId: "r", at: "2024-01-03T00:00:00Z", revenue: "6.00" },
      { customerId: "a", at: "2024-01-01T10:00:00Z", revenue: "10.00" },
      { customerId: "a", at: "2024-01-09T10:00:00Z", revenue: "-5.00" }, // window 1: refund only
      { customerId: "a", at: "2024-01-16T12:00:00Z", revenue: "7.00" }, // window 2
    ];
    // weekly rolling windows: a from Jan 1 10:00, r from Jan 3 00:00 (same ISO week 2024-W01);
    // the table runs to the window of the last event of a customer in it (a's, window 2)
    await expectEveryPath(rows, { period: "week", boundaries: "rolling" }, [
      row("2024-W01", 2, [2, 0, 1], ["16", "-5", "7"]),
    ]);
  });
});

describe("the accumulator under every rule", () => {
  const event = fc.record({
    customerId: fc.constantFrom("a", "b", "c", "d"),
    at: fc
      .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 1) })
      .map((t) => new Date(t).toISOString()),
    revenue: fc.oneof(
      fc.integer({ min: -500, max: 500 }).map((c) => (c / 100).toFixed(2)),
      fc.constant(undefined),
    ),
  });

  it("merges shards in any split exactly into the one-pass table (property)", () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 30, maxLength: 30 }),
        fc.constantFrom("events", "purchases", "rows"),
        fc.constantFrom("net", "exclude"),
        fc.constantFrom("calendar", "rolling"),
        (events, shardOf, active, refunds, boundaries) => {
          const options = { active, refunds, boundaries, period: "week" } as CohortOptions;
          const rows = events.map(({ revenue, ...r }) =>
            revenue === undefined ? r : { ...r, revenue },
          );
          const once = cohortAnalysis(rows, options).toJSON();
          const shards = [0, 1, 2].map((s) =>
            createCohortAccumulator(options).add(rows.filter((_, i) => shardOf[i] === s)),
          );
          const [a, b, c] = shards as [CohortAccumulator, CohortAccumulator, CohortAccumulator];
          const viaJSON = CohortAccumulator.fromJSON(JSON.stringify(b.toJSON()));
          expect(
            c
              .merge(a as never)
              .merge(viaJSON as never)
              .result()
              .toJSON(),
          ).toEqual(once);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses to merge accumulators of different rules", () => {
    const a = createCohortAccumulator({ active: "purchases" });
    const b = createCohortAccumulator();
    const e = metricErrorOf(() => a.merge(b as never));
    expect([e.code, e.field]).toEqual(["INCONSISTENT", "other"]);
  });

  it("serialises the rules and reads them back", () => {
    const acc = createCohortAccumulator({ active: "purchases", refunds: "exclude" });
    acc.add([
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "0.00" },
      { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "10.00" },
    ]);
    const json = acc.toJSON();
    expect([json.version, json.options.active, json.options.refunds]).toEqual([
      2,
      "purchases",
      "exclude",
    ]);
    // the zero-revenue row neither makes a active nor adds revenue: no entry for January
    expect(json.entries).toEqual({ customer: [0], key: [24289], revenue: ["1000"], active: [1] });
    const e = metricErrorOf(() =>
      CohortAccumulator.fromJSON({ ...json, options: { ...json.options, active: "all" } } as never),
    );
    expect([e.code, e.field]).toEqual(["INVALID_OPTION", "options.active"]);
  });

  it("reads a version 1 document as active: 'rows', refunds: 'net' (what it meant)", () => {
    // Written before the rules: customer r's only event is a refund in February (24289),
    // which version 1 counted as activity.
    const v1 = {
      format: "customer-metrics/cohort-accumulator",
      version: 1,
      options: {
        period: "month",
        timeZone: "UTC",
        weekStartsOn: 1,
        boundaries: "calendar",
        asOf: null,
        minorUnits: null,
      },
      customers: ["a", "r"],
      first: [24288, 24289],
      cohortAt: [null, null],
      entries: { customer: [0, 1], key: [24288, 24289], revenue: ["1000", "-500"] },
    };
    const acc = CohortAccumulator.fromJSON(JSON.stringify(v1));
    expect(shape(acc.result())).toEqual([
      row("2024-01", 1, [1, 0], ["10", "0"]),
      row("2024-02", 1, [1], ["-5"]),
    ]);
    const again = acc.toJSON();
    expect([again.version, again.options.active, again.options.refunds]).toEqual([
      2,
      "rows",
      "net",
    ]);
    expect(again.entries.active).toEqual([1, 1]);
    // it merges with accumulators of the same rules only
    expect(() => acc.merge(createCohortAccumulator({ active: "rows" }) as never)).not.toThrow();
    const e = metricErrorOf(() => acc.merge(createCohortAccumulator() as never));
    expect(e.code).toBe("INCONSISTENT");
  });

  it("refuses a version 2 document whose first is not its earliest active entry", () => {
    const acc = createCohortAccumulator().add([
      { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "-1.00" },
      { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "1.00" },
    ]);
    const json = acc.toJSON();
    expect([json.first, json.entries.active]).toEqual([[24289], [0, 1]]);
    const e = metricErrorOf(() => CohortAccumulator.fromJSON({ ...json, first: [24288] }));
    expect([e.code, e.field]).toEqual(["INCONSISTENT", "first[0]"]);
    const refundOnly = createCohortAccumulator()
      .add([{ customerId: "r", at: "2024-01-05T10:00:00Z", revenue: "-1.00" }])
      .toJSON();
    expect(refundOnly.first).toEqual([null]);
    expect(CohortAccumulator.fromJSON(refundOnly).result().cohorts).toEqual([]);
  });
});

describe("option errors", () => {
  it("names active and refunds", () => {
    const a = metricErrorOf(() => cohortAnalysis([], { active: "all" as never }));
    expect([a.code, a.field]).toEqual(["INVALID_OPTION", "active"]);
    const r = metricErrorOf(() => cohortAnalysis([], { refunds: "keep" as never }));
    expect([r.code, r.field]).toEqual(["INVALID_OPTION", "refunds"]);
  });
});
