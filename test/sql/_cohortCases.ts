// The event logs and option sets on which the cohort query, run by a real engine, must equal
// cohortAnalysis in process. Shared by the DuckDB and the PostgreSQL test files.
import { centsToString, generateEvents } from "../../bench/cohorts-gen.js";
import { wallClockToInstant } from "../../src/_lib/time.js";
import type { CohortTable } from "../../src/index.js";
import { cohortAnalysis } from "../../src/index.js";
import { cohortQuery } from "../../src/sql/cohortQuery.js";
import { cohortTableFromRows } from "../../src/sql/cohortTableFromRows.js";
import type { CohortQueryOptions, SqlSource } from "../../src/sql/types.js";
import type { Engine, LoadedEvent } from "./_engines.js";

const DAY = 86_400_000;

/**
 * Events exactly at local period boundaries of the zones under test (and 1 ms before), on
 * daylight-saving days, across the 2023/2024 year boundary, and exactly at the ends used as
 * asOf below. Customers `edge-*`, some of them also in the generated log's period.
 */
function edgeEvents(): LoadedEvent[] {
  const out: LoadedEvent[] = [];
  const walls: [string, string][] = [
    ["America/New_York", "2023-12-31T00:00:00"], // Sunday before ISO week 2024-W01
    ["America/New_York", "2024-01-01T00:00:00"], // Monday, ISO 2024-W01 starts
    ["America/New_York", "2023-01-02T00:00:00"], // ISO 2023-W01 starts
    ["America/New_York", "2023-03-12T03:00:00"], // after the spring-forward gap
    ["America/New_York", "2023-11-05T01:30:00"], // the repeated hour
    ["Asia/Kathmandu", "2023-03-01T00:00:00"],
    ["Asia/Kathmandu", "2024-01-01T00:00:00"],
    ["Australia/Lord_Howe", "2023-04-02T00:00:00"], // DST ends at 02:00 (back 30 minutes)
    ["Australia/Lord_Howe", "2023-04-02T01:45:00"], // the repeated half hour
    ["Australia/Lord_Howe", "2023-04-03T00:00:00"],
    ["Australia/Lord_Howe", "2023-10-01T00:00:00"], // DST starts at 02:00 (forward 30 minutes)
    ["Australia/Lord_Howe", "2023-10-01T02:30:00"],
    ["Australia/Lord_Howe", "2023-10-02T00:00:00"],
    ["Australia/Lord_Howe", "2023-07-01T00:00:00"], // the end used as asOf
  ];
  walls.forEach(([zone, wall], i) => {
    const at = wallClockToInstant(Date.parse(`${wall}Z`), zone);
    for (const [j, t] of [at - 1, at, at + 1].entries()) {
      const id = `edge-${(i * 3 + j) % 7}`;
      out.push({ customerId: id, at: t, revenue: j === 2 ? "-3.10" : `${10 + i}.0${j}` });
      out.push({ customerId: `edge-new-${i}-${j}`, at: t, revenue: j === 1 ? null : "0.00" });
    }
    // a customer whose only later event is exactly a day after a boundary
    out.push({ customerId: `edge-day-${i}`, at: at - DAY, revenue: "1.00" });
    out.push({ customerId: `edge-day-${i}`, at, revenue: "2.00" });
  });
  return out;
}

/** About `n` events of the bench's workload (seeded) plus the boundary events. */
export function generatedLog(n: number, seed: number): LoadedEvent[] {
  const log = generateEvents(n, seed);
  const events: LoadedEvent[] = Array.from({ length: log.n }, (_, i) => ({
    customerId: log.names[log.customerIndex[i] as number] as string,
    at: log.atMs[i] as number,
    revenue: centsToString(log.cents[i] as number),
  }));
  return events.concat(edgeEvents());
}

/** The same events with revenue of 4 decimal places (two more digits on every amount). */
export function fourPlaces(events: readonly LoadedEvent[]): LoadedEvent[] {
  return events.map((e, i) => ({
    ...e,
    revenue: e.revenue === null ? null : `${e.revenue}${String((i * 37) % 100).padStart(2, "0")}`,
  }));
}

/** The same events with revenue in integer cents (for minorUnits: 2). */
export function inCents(events: readonly LoadedEvent[]): LoadedEvent[] {
  return events.map((e) => ({
    ...e,
    revenue: e.revenue === null ? null : String(Math.round(Number(e.revenue) * 100)),
  }));
}

/** Explicit cohort instants for every fifth customer: some before, some after the first event. */
export function withCohortOf(events: readonly LoadedEvent[]): LoadedEvent[] {
  const first = new Map<string, number>();
  for (const e of events) {
    const f = first.get(e.customerId);
    if (f === undefined || e.at < f) first.set(e.customerId, e.at);
  }
  let n = 0;
  const cohort = new Map<string, number>();
  for (const [id, at] of first) {
    n++;
    if (n % 5 === 0) cohort.set(id, at - 40 * DAY);
    else if (n % 5 === 1) cohort.set(id, at + 33 * DAY);
  }
  // The value sits on one of the customer's rows only (the earliest per customer wins).
  const marked = new Set<string>();
  return events.map((e) => {
    const c = cohort.get(e.customerId);
    if (c === undefined || marked.has(e.customerId)) return e;
    marked.add(e.customerId);
    return { ...e, cohortOf: c };
  });
}

export const SOURCE: SqlSource = {
  table: "events",
  customerId: "customer_id",
  at: "at",
  revenue: "revenue",
};

/** One case: a table, the options, how the in-process input reads the revenue. */
export interface Case {
  readonly name: string;
  readonly table: string;
  readonly options: Omit<CohortQueryOptions, "dialect">;
  readonly source?: Partial<SqlSource>;
}

export const CASES: readonly Case[] = [
  { name: "UTC monthly", table: "events", options: {} },
  {
    name: "America/New_York ISO weekly across the year boundary, asOf a date",
    table: "events",
    options: { period: "week", timeZone: "America/New_York", asOf: "2024-01-07" },
  },
  {
    name: "America/New_York weekly from Sunday",
    table: "events",
    options: { period: "week", weekStartsOn: 0, timeZone: "America/New_York" },
  },
  {
    name: "Asia/Kathmandu monthly, active purchases, refunds excluded",
    table: "events",
    options: {
      period: "month",
      timeZone: "Asia/Kathmandu",
      active: "purchases",
      refunds: "exclude",
    },
  },
  {
    name: "Australia/Lord_Howe daily across both DST changes, asOf an instant",
    table: "events",
    options: {
      period: "day",
      timeZone: "Australia/Lord_Howe",
      asOf: new Date(wallClockToInstant(Date.parse("2023-07-01T00:00:00Z"), "Australia/Lord_Howe")),
    },
  },
  {
    name: "UTC quarterly and every row active",
    table: "events",
    options: { period: "quarter", active: "rows" },
  },
  {
    name: "yearly in Europe/Berlin",
    table: "events",
    options: { period: "year", timeZone: "Europe/Berlin" },
  },
  {
    name: "4 decimal places, monthly in America/New_York",
    table: "events4",
    options: { timeZone: "America/New_York" },
  },
  {
    name: "integer cents with minorUnits 2, Kathmandu monthly",
    table: "cents",
    options: { timeZone: "Asia/Kathmandu", minorUnits: 2 },
  },
  {
    name: "explicit cohorts (cohortOf), New York monthly, asOf a date",
    table: "cohorted",
    options: { timeZone: "America/New_York", asOf: "2024-06-30" },
    source: { cohortOf: "cohort_at" },
  },
  {
    name: "a where fragment",
    table: "events",
    options: { period: "month" },
    source: { where: "revenue IS NULL OR revenue <> 0" },
  },
];

/** The tables of the cases: name, events, scale of the revenue column. */
export function caseTables(n: number, seed: number): [string, LoadedEvent[], number][] {
  const events = generatedLog(n, seed);
  return [
    ["events", events, 2],
    ["events4", fourPlaces(events), 4],
    ["cents", inCents(events), 0],
    ["cohorted", withCohortOf(events), 2],
  ];
}

/** cohortAnalysis over the events as the case reads them. */
export function inProcess(events: readonly LoadedEvent[], c: Case): CohortTable {
  const kept =
    c.source?.where === undefined
      ? events
      : events.filter((e) => e.revenue === null || Number(e.revenue) !== 0);
  const columns = {
    customerId: kept.map((e) => e.customerId),
    at: Float64Array.from(kept, (e) => e.at),
    revenue:
      c.options.minorUnits === undefined
        ? kept.map((e) => e.revenue)
        : Float64Array.from(kept, (e) => Number(e.revenue ?? 0)),
    ...(c.source?.cohortOf === undefined ? {} : { cohortOf: kept.map((e) => e.cohortOf ?? null) }),
  };
  return cohortAnalysis(columns, c.options);
}

/** The table from SQL run by the engine, with bracket rows. */
export async function fromSql(engine: Engine, c: Case): Promise<CohortTable> {
  const query = cohortQuery(
    { ...SOURCE, table: c.table, ...c.source },
    { ...c.options, dialect: engine.name, brackets: true },
  );
  const rows = await engine.query(query.sql, query.params);
  return cohortTableFromRows(rows as never, c.options);
}

/** Plain JSON (Decimals as their strings), for deep equality. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export const BRACKETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 1],
  [1, 3],
  [2, 6],
  [4, 12],
  [7, 40],
];

/** Every view of two tables, as plain JSON: rows, all retention modes, trends, LTV. */
export function views(table: CohortTable): Record<string, unknown> {
  return plain({
    json: table.toJSON(),
    classic: table.retention(),
    unbounded: table.retention({ mode: "unbounded" }),
    brackets: table.retention({ mode: { brackets: BRACKETS } }),
    at1: table.retentionAt(1, { mode: "unbounded" }),
    bracketAt: table.retentionAt(2, { mode: { brackets: BRACKETS } }),
    ltv: table.lifetimeValue(),
  }) as Record<string, unknown>;
}
