// cohortQuery with start and return events, returnInStartPeriod and breakdownBy, executed by
// DuckDB (@duckdb/node-api) and PostgreSQL (PGlite): the table read back equals
// cohortAnalysis over the same events, on a hand-checked toy log and on generated logs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import NodeSqlParser from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CohortTable } from "../../src/index.js";
import { cohortAnalysis, MetricInputError } from "../../src/index.js";
import { cohortQuery } from "../../src/sql/cohortQuery.js";
import { cohortTableFromRows } from "../../src/sql/cohortTableFromRows.js";
import type { CohortQueryOptions, SqlSource } from "../../src/sql/types.js";
import { generatedLog, views } from "./_cohortCases.js";

/** One event with its name and two breakdown columns (text and integer). */
interface Event {
  readonly customerId: string;
  readonly at: number;
  readonly revenue: string | null;
  readonly event: string | null;
  readonly channel: string | null;
  readonly tier: number | null;
}

const SOURCE: SqlSource = {
  table: "events",
  customerId: "customer_id",
  at: "at",
  revenue: "revenue",
  event: "event",
};

const iso = (ms: number) => new Date(ms).toISOString();
const t = (s: string) => Date.parse(s);

/** Both engines, each loaded once per file with every table. */
interface Engines {
  duck: DuckDBConnection;
  closeDuck: () => void;
  pg: PGlite;
}

async function load(
  engines: Engines,
  name: string,
  events: readonly Event[],
  duckOnly = false,
): Promise<void> {
  const columns = `customer_id TEXT, "at" TIMESTAMPTZ, revenue DECIMAL(18, 2), event TEXT, channel TEXT, tier INTEGER`;
  await engines.duck.run(`CREATE TABLE "${name}" (${columns})`);
  if (!duckOnly) await engines.pg.exec(`CREATE TABLE "${name}" (${columns})`);
  const chunk = 5_000;
  for (let i = 0; i < events.length; i += chunk) {
    const part = events.slice(i, i + chunk);
    const arrays = [
      part.map((e) => e.customerId),
      part.map((e) => iso(e.at)),
      part.map((e) => e.revenue),
      part.map((e) => e.event),
      part.map((e) => e.channel),
      part.map((e) => e.tier),
    ];
    if (!duckOnly)
      await engines.pg.query(
        `INSERT INTO "${name}" SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::numeric[], $4::text[], $5::text[], $6::int[])`,
        arrays,
      );
    const values = part
      .map(
        (e) =>
          `('${e.customerId}', '${iso(e.at)}', ${e.revenue ?? "NULL"}, ${
            e.event === null ? "NULL" : `'${e.event}'`
          }, ${e.channel === null ? "NULL" : `'${e.channel}'`}, ${e.tier ?? "NULL"})`,
      )
      .join(",");
    await engines.duck.run(`INSERT INTO "${name}" VALUES ${values}`);
  }
}

type Options = Omit<CohortQueryOptions, "dialect">;

async function fromSql(
  engines: Engines,
  dialect: "duckdb" | "postgres",
  table: string,
  options: Options,
): Promise<CohortTable> {
  const q = cohortQuery({ ...SOURCE, table }, { ...options, dialect, brackets: true });
  const rows =
    dialect === "duckdb"
      ? (await engines.duck.runAndReadAll(q.sql, [...q.params] as never)).getRowObjectsJson()
      : (await engines.pg.query<Record<string, unknown>>(q.sql, [...q.params])).rows;
  return cohortTableFromRows(rows as never, { ...options, brackets: true });
}

function inProcess(events: readonly Event[], options: Options): CohortTable {
  return cohortAnalysis(
    {
      customerId: events.map((e) => e.customerId),
      at: Float64Array.from(events, (e) => e.at),
      revenue: events.map((e) => e.revenue),
      event: events.map((e) => e.event),
      channel: events.map((e) => e.channel),
      tier: events.map((e) => e.tier),
    } as never,
    options as never,
  );
}

/** Every view of a table and of each breakdown table, as plain JSON. */
function allViews(table: CohortTable): unknown {
  const breakdown = (table as { breakdown?: ReadonlyMap<unknown, CohortTable> }).breakdown;
  return {
    total: views(table),
    breakdown: breakdown === undefined ? null : [...breakdown].map(([v, b]) => [v, views(b)]),
  };
}

/**
 * The toy log (UTC, monthly), checked by hand below:
 * A: a view before the signup (not a start), signup 2024-01-10 (ads), purchases 01-20 (10.00)
 *    and 02-03 (5.00);
 * B: a purchase 01-12 (7.00) before the signup 01-15 (seo), a purchase 03-01 (3.00);
 * C: views only (never a member);
 * D: three signups at one instant 02-10 (seo / ads / NULL; tiers 2 / 1 / NULL): ads and
 *    tier 1 win the tie; a purchase later that day (20.00);
 * E: a signup 02-01 with no channel and no tier, nothing after.
 */
const TOY: Event[] = [
  ["A", "2024-01-05T09:00:00Z", "0.00", "view", null, null],
  ["A", "2024-01-10T09:00:00Z", "0.00", "signup", "ads", 3],
  ["A", "2024-01-20T09:00:00Z", "10.00", "purchase", null, null],
  ["A", "2024-02-03T09:00:00Z", "5.00", "purchase", null, null],
  ["B", "2024-01-12T09:00:00Z", "7.00", "purchase", null, null],
  ["B", "2024-01-15T09:00:00Z", null, "signup", "seo", 2],
  ["B", "2024-03-01T09:00:00Z", "3.00", "purchase", null, null],
  ["C", "2024-01-02T09:00:00Z", null, "view", "ads", 1],
  ["C", "2024-02-02T09:00:00Z", null, "view", "ads", 1],
  ["D", "2024-02-10T09:00:00Z", null, "signup", "seo", 2],
  ["D", "2024-02-10T09:00:00Z", null, "signup", "ads", 1],
  ["D", "2024-02-10T09:00:00Z", null, "signup", null, null],
  ["D", "2024-02-10T18:00:00Z", "20.00", "purchase", null, null],
  ["E", "2024-02-01T09:00:00Z", null, "signup", null, null],
].map(([customerId, at, revenue, event, channel, tier]) => ({
  customerId: customerId as string,
  at: t(at as string),
  revenue: revenue as string | null,
  event: event as string,
  channel: channel as string | null,
  tier: tier as number | null,
}));

const NAMES = ["view", "signup", "purchase", "cart", null] as const;
const CHANNELS = ["ads", "seo", "ref", "Émail", null] as const;

/**
 * A generated log (the bench workload's customers, times and revenue) with event names and
 * breakdown values from a fixed arithmetic pattern, and every 50th event doubled at the same
 * instant as a signup with another channel and tier (ties for the breakdown).
 */
function eventLog(n: number, seed: number): Event[] {
  const out: Event[] = [];
  generatedLog(n, seed).forEach((e, i) => {
    const h = (i * 2_654_435_761) >>> 0;
    const event = NAMES[h % 5] as string | null;
    out.push({
      ...e,
      event,
      channel: CHANNELS[(h >>> 3) % 5] as string | null,
      tier: (h >>> 6) % 4 === 3 ? null : (h >>> 6) % 4,
    });
    if (i % 50 === 0) {
      out.push({
        ...e,
        revenue: null,
        event: "signup",
        channel: CHANNELS[(h >>> 9) % 5] as string | null,
        tier: (h >>> 12) % 3,
      });
    }
  });
  return out;
}

const ENGINES = ["duckdb", "postgres"] as const;

describe("cohortQuery with start and return events and a breakdown", () => {
  let engines: Engines;
  let log: Event[];
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const duck = await instance.connect();
    engines = {
      duck,
      closeDuck: () => {
        duck.closeSync();
        instance.closeSync();
      },
      pg: new PGlite(),
    };
    log = eventLog(3_000, 23);
    await load(engines, "toy", TOY);
    await load(engines, "events", log);
  }, 120_000);
  afterAll(async () => {
    engines?.closeDuck();
    await engines?.pg.close();
  });

  const toy: Options = {
    period: "month",
    startEvent: "signup",
    returnEvent: ["purchase"],
    breakdownBy: "channel",
  };

  for (const dialect of ENGINES) {
    it(`gives the hand-checked toy table in ${dialect} (returns in the start period not needed)`, async () => {
      const table = await fromSql(engines, dialect, "toy", toy);
      const json = table.toJSON();
      // Members A, B (January), D, E (February); C never signs up. The last period is March
      // (B's purchase). Every member is active in its start period.
      expect(json.cohorts.map((c) => [c.key, c.size, c.active, c.revenue])).toEqual([
        ["2024-01", 2, [2, 1, 1], ["17", "5", "3"]],
        ["2024-02", 2, [2, 0], ["20", "0"]],
      ]);
      // ads: A (January) and D (the tie at one instant goes to 'ads'); seo: B; null: E.
      expect(
        json.breakdown?.map((b) => [
          b.value,
          b.table.cohorts.map((c) => [c.key, c.size, c.active, c.revenue]),
        ]),
      ).toEqual([
        [
          "ads",
          [
            ["2024-01", 1, [1, 1, 0], ["10", "5", "0"]],
            ["2024-02", 1, [1, 0], ["20", "0"]],
          ],
        ],
        ["seo", [["2024-01", 1, [1, 0, 1], ["7", "0", "3"]]]],
        [null, [["2024-02", 1, [1, 0], ["0", "0"]]]],
      ]);
      expect(allViews(table)).toEqual(allViews(inProcess(TOY, toy)));
    });

    it(`gives the hand-checked toy table in ${dialect} with returnInStartPeriod`, async () => {
      const options = { ...toy, returnInStartPeriod: true };
      const table = await fromSql(engines, dialect, "toy", options);
      // Period 0 now needs a purchase at or after the signup: A (01-20 after 01-10) and D
      // (18:00 after 09:00) count; B's purchase (01-12) came before the signup (01-15); E
      // has none.
      expect(table.cohorts.map((c) => c.active)).toEqual([
        [1, 1, 1],
        [1, 0],
      ]);
      expect(
        table.retention().cohorts.map((c) => c.rates.map((v) => v?.toFixed() ?? null)),
      ).toEqual([
        ["0.5", "0.5", "0.5"],
        ["0.5", "0", null],
      ]);
      expect(allViews(table)).toEqual(allViews(inProcess(TOY, options)));
    });

    it(`breaks down by an integer column in ${dialect} (the tie goes to the least number)`, async () => {
      const options: Options = { period: "month", startEvent: "signup", breakdownBy: "tier" };
      const table = await fromSql(engines, dialect, "toy", options);
      const breakdown = (table as { breakdown?: ReadonlyMap<unknown, CohortTable> }).breakdown;
      // A tier 3, B tier 2, D tier 1 (of 2, 1, NULL at one instant), E NULL.
      expect([...(breakdown?.keys() ?? [])]).toEqual([1, 2, 3, null]);
      expect(allViews(table)).toEqual(allViews(inProcess(TOY, options)));
    });
  }

  const cases: [string, Options][] = [
    [
      "UTC monthly, names, breakdown by channel",
      {
        period: "month",
        startEvent: "signup",
        returnEvent: ["purchase", "cart"],
        breakdownBy: "channel",
      },
    ],
    [
      "UTC monthly, returnInStartPeriod, breakdown by tier, asOf",
      {
        period: "month",
        startEvent: ["signup", "view"],
        returnEvent: "purchase",
        returnInStartPeriod: true,
        breakdownBy: "tier",
        asOf: "2024-03-01",
      },
    ],
    [
      "America/New_York weekly (ISO weeks across the year end), purchases active, no breakdown",
      {
        period: "week",
        timeZone: "America/New_York",
        active: "purchases",
        refunds: "exclude",
        startEvent: "signup",
      },
    ],
    [
      "Australia/Lord_Howe daily, returns in the start period, breakdown by channel",
      {
        period: "day",
        timeZone: "Australia/Lord_Howe",
        returnEvent: ["purchase"],
        returnInStartPeriod: true,
        breakdownBy: "channel",
        asOf: "2023-05-01",
      },
    ],
  ];
  for (const dialect of ENGINES) {
    for (const [name, options] of cases) {
      it(`equals cohortAnalysis on a generated log in ${dialect}: ${name}`, async () => {
        const table = await fromSql(engines, dialect, "events", options);
        expect(table.cohorts.length).toBeGreaterThan(1);
        expect(allViews(table)).toEqual(allViews(inProcess(log, options)));
      });
    }
  }

  it("equals cohortAnalysis on random small logs with ties (DuckDB)", async () => {
    const base = t("2023-12-20T00:00:00Z");
    const event = fc.record({
      customer: fc.integer({ min: 0, max: 5 }),
      // half-day steps: several events of a customer often share an instant
      halfDays: fc.integer({ min: 0, max: 240 }),
      revenue: fc.constantFrom(null, "0.00", "12.50", "-3.25", "0.01"),
      event: fc.constantFrom("signup", "buy", "view", null),
      channel: fc.constantFrom("a", "b", "Z", null),
      tier: fc.constantFrom(0, 1, 2, null),
    });
    const options = fc.record({
      period: fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">,
      timeZone: fc.constantFrom("UTC", "America/New_York", "Australia/Lord_Howe"),
      active: fc.constantFrom("events", "purchases", "rows") as fc.Arbitrary<
        "events" | "purchases" | "rows"
      >,
      refunds: fc.constantFrom("net", "exclude") as fc.Arbitrary<"net" | "exclude">,
      startEvent: fc.constantFrom(undefined, "signup", ["signup", "view"]),
      returnEvent: fc.constantFrom(undefined, "buy", ["buy", "view"]),
      returnInStartPeriod: fc.boolean(),
      breakdownBy: fc.constantFrom(undefined, "channel", "tier"),
      asOfDays: fc.option(fc.integer({ min: 1, max: 130 })),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 25 }),
        options,
        async (list, o) => {
          const events: Event[] = list.map((e) => ({
            customerId: `c${e.customer}`,
            at: base + e.halfDays * 43_200_000,
            revenue: e.revenue,
            event: e.event,
            channel: e.channel,
            tier: e.tier,
          }));
          const table = `random${n++}`;
          await load(engines, table, events, true);
          const { asOfDays, ...rest } = o;
          const defined = Object.fromEntries(
            Object.entries(rest).filter(([, v]) => v !== undefined),
          ) as Options;
          const opts =
            asOfDays === null
              ? defined
              : { ...defined, asOf: new Date(base + asOfDays * 86_400_000).toISOString() };
          const sql = await fromSql(engines, "duckdb", table, opts);
          expect(allViews(sql)).toEqual(allViews(inProcess(events, opts)));
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it("gives an empty table with an empty breakdown when no customer has a start event", async () => {
    const options: Options = { startEvent: "never", breakdownBy: "channel" };
    for (const dialect of ENGINES) {
      const table = await fromSql(engines, dialect, "toy", options);
      expect(table.cohorts).toEqual([]);
      expect(table.toJSON()).toEqual(inProcess(TOY, options).toJSON());
      expect(table.toJSON().breakdown).toEqual([]);
    }
  });
});

describe("cohortQuery refuses what has no SQL form", () => {
  const codeAndField = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof MetricInputError) return `${e.code} ${e.field}: ${e.message}`;
      throw e;
    }
    throw new Error("did not throw");
  };
  it("names the option of a predicate or accessor and points to where or a view", () => {
    expect(
      codeAndField(() =>
        cohortQuery(SOURCE, { dialect: "duckdb", startEvent: (() => true) as never }),
      ),
    ).toBe(
      "INVALID_OPTION options.startEvent: cohortQuery: options.startEvent must be an event name or a non-empty array of event names in SQL (a predicate cannot be compiled: select the rows with source.where or a view) (received a function)",
    );
    expect(
      codeAndField(() =>
        cohortQuery(SOURCE, { dialect: "duckdb", returnEvent: (() => true) as never }),
      ),
    ).toMatch(/^INVALID_OPTION options.returnEvent: cohortQuery: options.returnEvent must be/);
    expect(
      codeAndField(() =>
        cohortQuery(SOURCE, { dialect: "duckdb", breakdownBy: (() => 1) as never }),
      ),
    ).toMatch(/^INVALID_OPTION options.breakdownBy: .*compute the value in a view/);
    expect(
      codeAndField(() => cohortQuery(SOURCE, { dialect: "duckdb", event: "name" } as never)),
    ).toMatch(/^INVALID_OPTION options.event: .*source.event/);
  });

  it("needs source.event with event names, and no source.cohortOf with start events", () => {
    const { event: _, ...noEvent } = SOURCE;
    expect(
      codeAndField(() => cohortQuery(noEvent, { dialect: "postgres", startEvent: "signup" })),
    ).toMatch(/^INVALID_OPTION source.event: cohortQuery: source.event must name the column/);
    expect(
      codeAndField(() =>
        cohortQuery(
          { ...SOURCE, cohortOf: "signup_at" },
          { dialect: "duckdb", returnEvent: "buy" },
        ),
      ),
    ).toMatch(/^INVALID_OPTION source.cohortOf: /);
    // A hostile column name is quoted (it names one column), never executed.
    expect(
      cohortQuery(SOURCE, { dialect: "duckdb", breakdownBy: 'x"; DROP TABLE events; --' }).sql,
    ).toContain('"x""; DROP TABLE events; --" AS "bv"');
    expect(
      codeAndField(() => cohortQuery(SOURCE, { dialect: "duckdb", breakdownBy: "a\nb" })),
    ).toMatch(/^INVALID_OPTION options.breakdownBy: /);
    // A breakdown column alone needs no event column.
    expect(cohortQuery(noEvent, { dialect: "duckdb", breakdownBy: "channel" }).sql).toContain(
      '"channel" AS "bv"',
    );
  });

  it("binds event names as parameters, never in the text", () => {
    const q = cohortQuery(SOURCE, {
      dialect: "postgres",
      startEvent: ["sign'up", "b"],
      returnEvent: "x; DROP TABLE events",
    });
    expect(q.sql).not.toContain("DROP");
    expect(q.sql).not.toContain("sign'up");
    // names deduplicated and sorted, start before return
    expect(q.params).toEqual(["b", "sign'up", "x; DROP TABLE events"]);
  });

  it("reads a breakdown value per row and refuses rows without one", () => {
    const row = {
      cohort: 1,
      k: 0,
      previous: null,
      size: 1,
      active: 1,
      last_active: 1,
      revenue: "0",
      last_period: 1,
    };
    expect(
      codeAndField(() => cohortTableFromRows([row], { startEvent: "a", breakdownBy: "c" })),
    ).toMatch(/^INCONSISTENT rows\[0\].breakdown: /);
    const table = cohortTableFromRows([{ ...row, breakdown: 7n }], { breakdownBy: "c" });
    expect(table.toJSON().breakdown?.map((b) => b.value)).toEqual([7]);
  });
});

const GRAMMAR = { bigquery: "BigQuery", snowflake: "Snowflake" } as const;
const parser = new NodeSqlParser.Parser();
const GOLDEN_OPTIONS: Options = {
  period: "week",
  timeZone: "America/New_York",
  startEvent: "signup",
  returnEvent: ["purchase", "renewal"],
  breakdownBy: "channel",
  brackets: true,
};
const GOLDEN_SOURCE: SqlSource = {
  table: "analytics.events",
  customerId: "customer_id",
  at: "event_at",
  revenue: "amount",
  event: "event_name",
};

describe("cohortQuery with events: golden SQL and the BigQuery / Snowflake grammars", () => {
  for (const dialect of ["duckdb", "postgres", "bigquery", "snowflake"] as const) {
    it(`writes cohort-events-week-breakdown in ${dialect} as the golden file`, () => {
      const { sql } = cohortQuery(GOLDEN_SOURCE, { ...GOLDEN_OPTIONS, dialect });
      const file = join(
        import.meta.dirname,
        "golden",
        `cohort-events-week-breakdown.${dialect}.sql`,
      );
      expect(`${sql}\n`).toBe(readFileSync(file, "utf8"));
    });
  }
  for (const dialect of ["bigquery", "snowflake"] as const) {
    it(`parses the event queries in ${dialect} as one WITH … SELECT`, () => {
      for (const variant of [
        GOLDEN_OPTIONS,
        {
          ...GOLDEN_OPTIONS,
          returnInStartPeriod: true,
          asOf: "2024-06-30",
          period: "month" as const,
        },
        { startEvent: ["a", "b"], timeZone: "UTC" },
        { breakdownBy: "channel", period: "day" as const, timeZone: "Australia/Lord_Howe" },
      ]) {
        const q = cohortQuery(GOLDEN_SOURCE, { ...variant, dialect });
        const ast = parser.astify(q.sql, { database: GRAMMAR[dialect] });
        const select = (Array.isArray(ast) ? ast : [ast])[0] as { type: string; with: unknown[] };
        expect(select.type).toBe("select");
        expect(select.with.length).toBeGreaterThanOrEqual(13);
      }
    });
  }
});
