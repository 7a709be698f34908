// cohortAnalysis with start and return events (startEvent, returnEvent, returnInStartPeriod):
// hand-checked toy logs, the rules' interplay with `active` and `refunds`, bad input.
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortColumns,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";

const ms = (iso: string) => Date.parse(iso);

/** Cohort rows as plain data (revenue as strings). */
function rows(table: { toJSON(): { cohorts: readonly unknown[] } }) {
  return table.toJSON().cohorts.map((row) => {
    const r = row as { key: string; size: number; active: number[]; revenue: string[] };
    return { key: r.key, size: r.size, active: r.active, revenue: r.revenue };
  });
}

function errorOf(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return [error.code, error.field];
    throw error;
  }
  throw new Error("no error");
}

// A shop log: `a` browses and buys in January, signs up in February and buys in February and
// March; `b` signs up in February and buys in April; `c` only browses (no start event).
const SHOP = [
  { customerId: "a", at: "2024-01-02T10:00:00Z", event: "view" },
  { customerId: "a", at: "2024-01-05T10:00:00Z", event: "buy", revenue: "3.00" },
  { customerId: "a", at: "2024-02-02T10:00:00Z", event: "signup" },
  { customerId: "a", at: "2024-02-03T10:00:00Z", event: "buy", revenue: "10.00" },
  { customerId: "a", at: "2024-03-03T10:00:00Z", event: "buy", revenue: "5.00" },
  { customerId: "b", at: "2024-02-10T10:00:00Z", event: "signup" },
  { customerId: "b", at: "2024-04-03T10:00:00Z", event: "buy", revenue: "7.00" },
  { customerId: "c", at: "2024-02-11T10:00:00Z", event: "view" },
  { customerId: "c", at: "2024-05-11T10:00:00Z", event: "view" },
];

describe("cohortAnalysis({ startEvent, returnEvent })", () => {
  it("puts a customer in the cohort of their first start event, even when it is not their first event", () => {
    const table = cohortAnalysis(SHOP, { startEvent: "signup", returnEvent: "buy" });
    expect(rows(table)).toEqual([
      {
        key: "2024-02",
        // a and b signed up in February; c never did (in no cohort)
        size: 2,
        // k0: every member (returnInStartPeriod false); k1 March: a bought; k2 April: b bought.
        // a's January purchase is before the start: no return, no revenue.
        active: [2, 1, 1],
        // k0: a's 10.00 (after the signup); k1: a's 5.00; k2: b's 7.00
        revenue: ["10", "5", "7"],
      },
    ]);
    // c's views in May extend nothing: c has no cohort
    expect(table.breakdown).toBeUndefined();
  });

  it("counts a return event in the start period only with returnInStartPeriod: true", () => {
    // daily cohorts on 1 March: d signs up at 10:00 and buys at 12:00 (a return on the start
    // day); e buys at 08:00, before signing up at 09:00 (no return after the start); f signs up
    // at 11:00 and buys the next day.
    const log = [
      { customerId: "d", at: "2024-03-01T10:00:00Z", event: "signup" },
      { customerId: "d", at: "2024-03-01T12:00:00Z", event: "buy", revenue: "4" },
      { customerId: "e", at: "2024-03-01T08:00:00Z", event: "buy", revenue: "2" },
      { customerId: "e", at: "2024-03-01T09:00:00Z", event: "signup" },
      { customerId: "f", at: "2024-03-01T11:00:00Z", event: "signup" },
      { customerId: "f", at: "2024-03-02T11:00:00Z", event: "buy", revenue: "1" },
    ];
    const options = { period: "day", startEvent: "signup", returnEvent: "buy" } as const;
    const off = cohortAnalysis(log, options);
    const on = cohortAnalysis(log, { ...options, returnInStartPeriod: true });
    // revenue is per period, whatever the setting: e's 2 at 08:00 is in the start day
    const revenue = ["6", "1"];
    expect(rows(off)).toEqual([{ key: "2024-03-01", size: 3, active: [3, 1], revenue }]);
    // only d returned on the start day after the start event
    expect(rows(on)).toEqual([{ key: "2024-03-01", size: 3, active: [1, 1], revenue }]);
    // the pooled average of period 0 reads the counted returns: 1 of 3
    expect(on.retention().average[0]?.times(3).toDecimalPlaces(30).toString()).toBe("1");
    expect(off.retention().average[0]?.toString()).toBe("1");
  });

  it("counts the start event itself as a return in period 0 when it is also a return event", () => {
    const log = [
      { customerId: "a", at: "2024-03-01T10:00:00Z", event: "buy", revenue: "4" },
      { customerId: "b", at: "2024-03-01T11:00:00Z", event: "buy", revenue: "1" },
      { customerId: "b", at: "2024-04-01T11:00:00Z", event: "buy", revenue: "1" },
    ];
    const table = cohortAnalysis(log, {
      startEvent: "buy",
      returnEvent: "buy",
      returnInStartPeriod: true,
    });
    expect(rows(table)).toEqual([{ key: "2024-03", size: 2, active: [2, 1], revenue: ["5", "1"] }]);
  });

  it("takes event names, lists of names and predicates alike", () => {
    const byName = cohortAnalysis(SHOP, { startEvent: "signup", returnEvent: ["buy", "view"] });
    const byPredicate = cohortAnalysis(SHOP, {
      startEvent: (row) => row.event === "signup",
      returnEvent: (row) => row.event === "buy" || row.event === "view",
    });
    expect(JSON.stringify(byPredicate)).toBe(JSON.stringify(byName));
    // with views as returns, c is still in no cohort; a viewed nothing after signing up
    expect(rows(byName)).toEqual([
      { key: "2024-02", size: 2, active: [2, 1, 1], revenue: ["10", "5", "7"] },
    ]);
  });

  it("reads the event from an accessor and from the event column of columns", () => {
    const tuples = SHOP.map((r) => ({ id: r.customerId, t: r.at, kind: r.event, v: r.revenue }));
    const viaAccessors = cohortAnalysis(tuples, {
      customerId: (r) => r.id,
      at: (r) => r.t,
      revenue: (r) => r.v,
      event: (r) => r.kind,
      startEvent: "signup",
      returnEvent: "buy",
    });
    const columns: CohortColumns = {
      customerId: SHOP.map((r) => r.customerId),
      at: Float64Array.from(SHOP, (r) => ms(r.at)),
      revenue: SHOP.map((r) => r.revenue),
      event: SHOP.map((r) => r.event),
    };
    const viaColumns = cohortAnalysis(columns, { startEvent: "signup", returnEvent: "buy" });
    const viaRows = cohortAnalysis(SHOP, { startEvent: "signup", returnEvent: "buy" });
    expect(JSON.stringify(viaAccessors)).toBe(JSON.stringify(viaRows));
    expect(JSON.stringify(viaColumns)).toBe(JSON.stringify(viaRows));
  });

  it("selects start and return events among the rows the active rule admits", () => {
    // under active: 'purchases' a signup without revenue is not active: no cohort from it
    const purchasesOnly = cohortAnalysis(SHOP, {
      active: "purchases",
      startEvent: "signup",
      returnEvent: "buy",
    });
    expect(purchasesOnly.cohorts).toEqual([]);
    // a refund is a return event only under active: 'rows'
    const log = [
      { customerId: "a", at: "2024-01-02T10:00:00Z", event: "signup" },
      { customerId: "a", at: "2024-02-02T10:00:00Z", event: "buy", revenue: "-4" },
    ];
    const events = cohortAnalysis(log, { startEvent: "signup", returnEvent: "buy" });
    const everyRow = cohortAnalysis(log, {
      startEvent: "signup",
      returnEvent: "buy",
      active: "rows",
    });
    // the refund is netted in February either way (refunds: 'net'); active only under 'rows'
    expect(rows(events)).toEqual([
      { key: "2024-01", size: 1, active: [1, 0], revenue: ["0", "-4"] },
    ]);
    expect(rows(everyRow)).toEqual([
      { key: "2024-01", size: 1, active: [1, 1], revenue: ["0", "-4"] },
    ]);
    const excluded = cohortAnalysis(log, {
      startEvent: "signup",
      returnEvent: "buy",
      refunds: "exclude",
    });
    // without the refund nothing counts in February: the table ends in January
    expect(rows(excluded)).toEqual([{ key: "2024-01", size: 1, active: [1], revenue: ["0"] }]);
  });

  it("keeps the revenue of every row of a member from the cohort's period on, returns or not", () => {
    const log = [
      { customerId: "a", at: "2024-01-02T10:00:00Z", event: "signup", revenue: "1" },
      { customerId: "a", at: "2024-02-02T10:00:00Z", event: "gift", revenue: "2" },
    ];
    const table = cohortAnalysis(log, { startEvent: "signup", returnEvent: "buy" });
    // the gift is no return event (February inactive) but its revenue counts
    expect(rows(table)).toEqual([{ key: "2024-01", size: 1, active: [1, 0], revenue: ["1", "2"] }]);
  });

  it("buckets in the analysis zone, whatever the host's zone", () => {
    // 2024-03-01T03:00Z is 29 February, 22:00 in New York
    const log = [
      { customerId: "a", at: "2024-03-01T03:00:00Z", event: "signup" },
      { customerId: "a", at: "2024-03-01T06:00:00Z", event: "buy", revenue: "1" },
    ];
    const options = { startEvent: "signup", returnEvent: "buy" } as const;
    const ny = cohortAnalysis(log, { ...options, timeZone: "America/New_York" });
    expect(rows(ny)).toEqual([{ key: "2024-02", size: 1, active: [1, 1], revenue: ["0", "1"] }]);
    expect(ny.cohorts[0]?.start).toBe("2024-02-01T05:00:00.000Z");
    const utc = cohortAnalysis(log, options);
    expect(rows(utc)).toEqual([{ key: "2024-03", size: 1, active: [1], revenue: ["1"] }]);
  });

  it("reads asOf as every cohort table does: periods not yet ended are incomplete", () => {
    const table = cohortAnalysis(SHOP, {
      startEvent: "signup",
      returnEvent: "buy",
      asOf: "2024-03-15",
    });
    // events on or after 16 March are left out; March is incomplete
    expect(rows(table)).toEqual([
      { key: "2024-02", size: 2, active: [2, 1], revenue: ["10", "5"] },
    ]);
    expect(table.cohorts[0]?.complete).toEqual([true, false]);
  });

  it("gives the same table from cohortAnalysisAsync and the accumulator", async () => {
    const options = { startEvent: "signup", returnEvent: "buy" } as const;
    const once = JSON.stringify(cohortAnalysis(SHOP, options));
    async function* stream() {
      yield SHOP.slice(0, 3);
      for (const row of SHOP.slice(3, 5)) yield row;
      const rest = SHOP.slice(5);
      yield {
        customerId: rest.map((r) => r.customerId),
        at: rest.map((r) => r.at),
        revenue: rest.map((r) => r.revenue),
        event: rest.map((r) => r.event),
      };
    }
    expect(JSON.stringify(await cohortAnalysisAsync(stream(), options))).toBe(once);
    const a = createCohortAccumulator(options).add(SHOP.slice(4));
    const b = createCohortAccumulator(options).add(SHOP.slice(0, 4));
    expect(JSON.stringify(a.merge(b).result())).toBe(once);
    const json = JSON.parse(JSON.stringify(a.toJSON()));
    expect(json.version).toBe(3);
    expect(json.options.startEvent).toEqual({ names: ["signup"] });
    expect(JSON.stringify(CohortAccumulator.fromJSON(json).result())).toBe(once);
  });
});

describe("cohortAnalysis start and return events: bad input", () => {
  it("refuses options of the wrong type", () => {
    expect(errorOf(() => cohortAnalysis(SHOP, { startEvent: 3 as never }))).toEqual([
      "INVALID_OPTION",
      "startEvent",
    ]);
    expect(errorOf(() => cohortAnalysis(SHOP, { returnEvent: [] }))).toEqual([
      "INVALID_OPTION",
      "returnEvent",
    ]);
    expect(
      errorOf(() =>
        cohortAnalysis(SHOP, { startEvent: "signup", returnInStartPeriod: 1 as never }),
      ),
    ).toEqual(["INVALID_OPTION", "returnInStartPeriod"]);
    expect(
      errorOf(() => cohortAnalysis(SHOP, { startEvent: "signup", boundaries: "rolling" })),
    ).toEqual(["INVALID_OPTION", "boundaries"]);
    expect(
      errorOf(() => cohortAnalysis(SHOP, { startEvent: "signup", cohortOf: (r) => r.at })),
    ).toEqual(["INVALID_OPTION", "cohortOf"]);
  });

  it("refuses event names over columns without an event column", () => {
    const columns = { customerId: ["a"], at: [0] };
    const error = (() => {
      try {
        cohortAnalysis(columns, { startEvent: "signup" });
      } catch (e) {
        return e as MetricInputError;
      }
    })();
    expect(error).toBeInstanceOf(MetricInputError);
    expect([error?.code, error?.field]).toEqual(["INVALID_OPTION", "events.event"]);
    expect(error?.message).toBe(
      "cohortAnalysis: events.event must be a column of event names when startEvent or returnEvent names events (received undefined)",
    );
    expect(
      errorOf(() => cohortAnalysis({ ...columns, event: ["x", "y"] }, { startEvent: "x" })),
    ).toEqual(["INCONSISTENT", "events.event"]);
  });

  it("rethrows a throwing predicate with the row's index, and adds nothing to an accumulator", () => {
    const boom = (row: { event?: string }) => {
      if (row.event === "buy") throw new Error("no buys");
      return row.event === "signup";
    };
    let caught: unknown;
    try {
      cohortAnalysis(SHOP, { startEvent: boom });
    } catch (e) {
      caught = e;
    }
    const error = caught as MetricInputError;
    expect(error).toBeInstanceOf(MetricInputError);
    expect([error.code, error.field]).toEqual(["INVALID_OPTION", "events[1].startEvent"]);
    expect(error.message).toBe(
      "cohortAnalysis: events[1].startEvent could not be read: the startEvent predicate threw (received Error: no buys)",
    );
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(Error);
    const acc = createCohortAccumulator({ startEvent: boom }).add(SHOP.slice(2, 3));
    const before = JSON.stringify(acc.toJSON());
    expect(errorOf(() => acc.add(SHOP))).toEqual(["INVALID_OPTION", "events[1].startEvent"]);
    expect(JSON.stringify(acc.toJSON())).toBe(before);
    // a bad id later in the batch leaves the state as it was too
    const bad = [SHOP[5], { customerId: null, at: 0, event: "signup" }];
    expect(errorOf(() => acc.add(bad as never))).toEqual(["NOT_A_NUMBER", "events[1].customerId"]);
    expect(JSON.stringify(acc.toJSON())).toBe(before);
  });

  it("names the stream index of a throwing predicate in cohortAnalysisAsync", async () => {
    async function* stream() {
      yield SHOP.slice(0, 2);
      yield SHOP.slice(2);
    }
    const run = cohortAnalysisAsync(stream(), {
      returnEvent: (_row, index) => {
        if (index === 4) throw new TypeError("bad");
        return true;
      },
    });
    await expect(run).rejects.toMatchObject({
      code: "INVALID_OPTION",
      field: "events[4].returnEvent",
    });
  });

  it("restores a predicate accumulator only with the predicate given again", () => {
    const start = (row: { event?: string }) => row.event === "signup";
    const json = createCohortAccumulator({ startEvent: start }).add(SHOP).toJSON();
    expect(json.options.startEvent).toEqual({ predicate: true });
    expect(errorOf(() => CohortAccumulator.fromJSON(json))).toEqual([
      "INVALID_OPTION",
      "startEvent",
    ]);
    const back = CohortAccumulator.fromJSON(json, { startEvent: start });
    expect(JSON.stringify(back.result())).toBe(
      JSON.stringify(cohortAnalysis(SHOP, { startEvent: "signup" })),
    );
    const named = createCohortAccumulator({ startEvent: "signup" }).toJSON();
    expect(errorOf(() => CohortAccumulator.fromJSON(named, { startEvent: "buy" }))).toEqual([
      "INCONSISTENT",
      "startEvent",
    ]);
    const plain = createCohortAccumulator().toJSON();
    expect(errorOf(() => CohortAccumulator.fromJSON(plain, { startEvent: "signup" }))).toEqual([
      "INCONSISTENT",
      "startEvent",
    ]);
  });

  it("refuses to merge accumulators of different start or return events", () => {
    const a = createCohortAccumulator({ startEvent: "signup" });
    expect(errorOf(() => a.merge(createCohortAccumulator({ startEvent: "buy" })))).toEqual([
      "INCONSISTENT",
      "other",
    ]);
    expect(errorOf(() => a.merge(createCohortAccumulator()))).toEqual(["INCONSISTENT", "other"]);
  });

  it("validates a version 3 document", () => {
    const json = JSON.parse(
      JSON.stringify(
        createCohortAccumulator({ startEvent: "signup", returnEvent: "buy" }).add(SHOP).toJSON(),
      ),
    );
    const bad = (change: (doc: typeof json) => void) => {
      const doc = JSON.parse(JSON.stringify(json));
      change(doc);
      return errorOf(() => CohortAccumulator.fromJSON(doc));
    };
    expect(bad((d) => (d.start[0] = "x"))).toEqual(["NOT_A_NUMBER", "start[0]"]);
    expect(bad((d) => (d.first[0] = 0))).toEqual(["INCONSISTENT", "first[0]"]);
    expect(bad((d) => (d.entries.lastReturn = []))).toEqual(["INCONSISTENT", "entries.lastReturn"]);
    expect(bad((d) => (d.entries.customer[0] = 99))).toEqual([
      "OUT_OF_RANGE",
      "entries.customer[0]",
    ]);
    expect(bad((d) => (d.options.returnInStartPeriod = "no"))).toEqual([
      "INVALID_OPTION",
      "options.returnInStartPeriod",
    ]);
    expect(bad((d) => (d.options.startEvent = { names: [] }))).toEqual([
      "INVALID_OPTION",
      "options.startEvent.names",
    ]);
  });
});

describe("cohortAnalysis start and return predicates", () => {
  it("select a row when they return a truthy value", () => {
    const truthy = cohortAnalysis(SHOP, {
      startEvent: (row) => (row.event === "signup" ? 1 : 0) as unknown as boolean,
      returnEvent: "buy",
    });
    expect(JSON.stringify(truthy)).toBe(
      JSON.stringify(cohortAnalysis(SHOP, { startEvent: "signup", returnEvent: "buy" })),
    );
  });
});
