// cohortQuery and cohortTableFromRows: a hand-checked toy log, hostile identifiers run on
// DuckDB, random small logs (SQL on DuckDB = in process), and every error.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortAnalysis, MetricInputError } from "../../src/index.js";
import { cohortQuery } from "../../src/sql/cohortQuery.js";
import { cohortTableFromRows } from "../../src/sql/cohortTableFromRows.js";
import type { CohortQueryRow } from "../../src/sql/types.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";
import { plain, views } from "./_cohortCases.js";
import { duckdbEngine, type Engine, type LoadedEvent } from "./_engines.js";

const ms = (iso: string) => Date.parse(iso);
const SOURCE = { table: "toy", customerId: "customer_id", at: "at", revenue: "revenue" };

// A: purchases in January and February (with a refund), activity in April (after asOf).
// B: a purchase 1 ms before February, one exactly at the start of March.
// C: activity exactly at the start of February, a refund in February.
// D: a refund only (never active: not in the table).
const TOY: LoadedEvent[] = [
  { customerId: "A", at: ms("2024-01-05T10:00:00Z"), revenue: "10.00" },
  { customerId: "A", at: ms("2024-02-10T10:00:00Z"), revenue: "5.50" },
  { customerId: "A", at: ms("2024-02-11T10:00:00Z"), revenue: "-2.00" },
  { customerId: "A", at: ms("2024-04-01T00:00:00Z"), revenue: null },
  { customerId: "B", at: ms("2024-01-31T23:59:59.999Z"), revenue: "20.00" },
  { customerId: "B", at: ms("2024-03-01T00:00:00Z"), revenue: "1.25" },
  { customerId: "C", at: ms("2024-02-01T00:00:00Z"), revenue: "0.00" },
  { customerId: "C", at: ms("2024-02-15T00:00:00Z"), revenue: "-4.00" },
  { customerId: "D", at: ms("2024-01-10T00:00:00Z"), revenue: "-5.00" },
];

let engine: Engine & { connection: import("@duckdb/node-api").DuckDBConnection };
beforeAll(async () => {
  engine = await duckdbEngine();
  await engine.load("toy", TOY, 2);
}, 60_000);
afterAll(async () => {
  await engine?.close();
});

async function run(options: Parameters<typeof cohortQuery>[1], source = SOURCE) {
  const q = cohortQuery(source, options);
  return (await engine.query(q.sql, q.params)) as unknown as CohortQueryRow[];
}

describe("cohortQuery on a hand-checked log", () => {
  // asOf '2024-03-31' (a date: March included in full, April left out), UTC months:
  //   cohort 2024-01 = {A, B}: Jan active 2, revenue 10 + 20 = 30; Feb A, 5.50 − 2.00 = 3.50;
  //                            Mar B, 1.25
  //   cohort 2024-02 = {C}:    Feb active 1, revenue −4.00 (the refund nets in C's cell); Mar 0
  //   D has no active event: not in the table, its refund left out.
  const options = { dialect: "duckdb", asOf: "2024-03-31", brackets: true } as const;

  it("returns the rows of the cells, sizes, last actives and bracket counts", async () => {
    const rows = await run(options);
    const cells = rows
      .filter((r) => r.previous === null)
      .map((r) => [r.cohort, r.k, r.size, r.active, r.last_active, r.revenue, r.last_period])
      .sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
    // 2024-01 is month index 2024 × 12 + 0 = 24288; March 24290.
    expect(cells).toEqual([
      ["24288", "0", "2", "2", "0", "30.00", "24290"],
      ["24288", "1", "2", "1", "1", "3.50", "24290"],
      ["24288", "2", "2", "1", "1", "1.25", "24290"],
      ["24289", "0", "1", "1", "1", "-4.00", "24290"],
    ]);
    const brackets = rows
      .filter((r) => r.previous !== null)
      .map((r) => [r.cohort, r.k, r.previous, r.active].map(Number))
      .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    expect(brackets).toEqual([
      [24288, 0, -1, 2],
      [24288, 1, 0, 1],
      [24288, 2, 0, 1],
      [24289, 0, -1, 1],
    ]);
  });

  it("reads back the table, retention in every mode and lifetime value", async () => {
    const table = cohortTableFromRows(await run(options), { asOf: "2024-03-31" });
    expect(table.toJSON()).toEqual({
      period: "month",
      timeZone: "UTC",
      weekStartsOn: 1,
      boundaries: "calendar",
      asOf: "2024-04-01T00:00:00.000Z",
      cohorts: [
        {
          key: "2024-01",
          start: "2024-01-01T00:00:00.000Z",
          size: 2,
          active: [2, 1, 1],
          revenue: ["30", "3.5", "1.25"],
          complete: [true, true, true],
        },
        {
          key: "2024-02",
          start: "2024-02-01T00:00:00.000Z",
          size: 1,
          active: [1, 0],
          revenue: ["-4", "0"],
          complete: [true, true],
        },
      ],
    });
    const rates = (r: { cohorts: readonly { rates: readonly unknown[] }[] }) =>
      plain(r.cohorts.map((c) => c.rates));
    expect(rates(table.retention())).toEqual([
      ["1", "0.5", "0.5"],
      ["1", "0", null],
    ]);
    // k or later: Jan cohort A last active in k 1, B in k 2.
    expect(rates(table.retention({ mode: "unbounded" }))).toEqual([
      ["1", "1", "0.5"],
      ["1", "0", null],
    ]);
    // [1, 2]: A (k 1) and B (k 2); C's row has no period 2.
    expect(rates(table.retention({ mode: { brackets: [[1, 2]] } }))).toEqual([["1"], [null]]);
    // LTV: cumulative 30, 33.5, 34.75 over 2 customers; −4, −4 over 1; pooled (30 − 4) / 3.
    const ltv = table.lifetimeValue();
    expect(plain(ltv.cohorts.map((c) => c.values))).toEqual([
      ["15", "16.75", "17.375"],
      ["-4", "-4", null],
    ]);
    expect(ltv.average[0]?.toFixed(10)).toBe("8.6666666667");
    expect(ltv.average[2]?.toString()).toBe("17.375");
    const memory = cohortAnalysis(
      TOY.map((e) => ({ customerId: e.customerId, at: e.at, revenue: e.revenue })),
      { asOf: "2024-03-31" },
    );
    expect(views(table)).toEqual(views(memory));
  });

  it("marks the last period incomplete when asOf is inside it", async () => {
    const asOf = new Date("2024-03-15T00:00:00Z");
    const table = cohortTableFromRows(await run({ dialect: "duckdb", asOf }), { asOf });
    expect(table.cohorts[0]?.complete).toEqual([true, true, false]);
    expect(table.retention().cohorts[0]?.rates[2]).toBeNull();
  });

  it("ends the table at the latest event that counts without asOf", async () => {
    const table = cohortTableFromRows(await run({ dialect: "duckdb" }), {});
    // A's activity on 2024-04-01 makes April the last period.
    expect(table.cohorts.map((c) => c.active)).toEqual([
      [2, 1, 1, 1],
      [1, 0, 0],
    ]);
  });

  it("gives an empty table when no customer is active", async () => {
    const rows = await run({ dialect: "duckdb", active: "purchases", asOf: "2024-01-01" });
    expect(rows).toEqual([]);
    const table = cohortTableFromRows(rows, { asOf: "2024-01-01" });
    expect(table.cohorts).toEqual([]);
    expect(table.retention()).toEqual({ cohorts: [], average: [] });
  });

  it("refuses bracket retention on rows read without bracket counts", async () => {
    const table = cohortTableFromRows(await run({ dialect: "duckdb", asOf: "2024-03-31" }), {
      asOf: "2024-03-31",
    });
    expect(codeAndFieldOf(() => table.retention({ mode: { brackets: [[1, 2]] } }))).toBe(
      "INVALID_OPTION mode.brackets",
    );
    expect(table.retention({ mode: "unbounded" }).average.map(String)).toEqual([
      "1",
      "0.6666666666666666666666666666666666666667",
      "0.5",
    ]);
  });
});

describe("cohortQuery with explicit cohorts (source.cohortOf)", () => {
  // E buys on 2024-01-10; its only cohort instant sits on a row after asOf (left out with it):
  //   E's cohort is its first active month, 2024-01.
  // F's cohort instant 2023-12-05 precedes its first event (2024-02-03, 7.00): cohort 2023-12,
  //   active in k = 2 only; G's instant 2024-02-20 follows its first event (2024-01-15, 4.00):
  //   cohort 2024-02, the January purchase before the cohort is left out.
  const EXPLICIT: LoadedEvent[] = [
    { customerId: "E", at: ms("2024-01-10T12:00:00Z"), revenue: "3.00" },
    {
      customerId: "E",
      at: ms("2024-04-02T00:00:00Z"),
      revenue: null,
      cohortOf: ms("2023-10-01T00:00:00Z"),
    },
    {
      customerId: "F",
      at: ms("2024-02-03T00:00:00Z"),
      revenue: "7.00",
      cohortOf: ms("2023-12-05T00:00:00Z"),
    },
    { customerId: "G", at: ms("2024-01-15T00:00:00Z"), revenue: "4.00" },
    {
      customerId: "G",
      at: ms("2024-03-01T00:00:00Z"),
      revenue: "1.00",
      cohortOf: ms("2024-02-20T00:00:00Z"),
    },
  ];

  it("sets each customer's cohort by the earliest instant of the rows kept", async () => {
    await engine.load("explicit", EXPLICIT, 2);
    const options = { asOf: "2024-03-31" } as const;
    const q = cohortQuery(
      { ...SOURCE, table: "explicit", cohortOf: "cohort_at" },
      { ...options, dialect: "duckdb", brackets: true },
    );
    const rows = (await engine.query(q.sql, q.params)) as unknown as CohortQueryRow[];
    const table = cohortTableFromRows(rows, { ...options, brackets: true });
    expect(table.cohorts.map((c) => [c.key, c.size, c.active, c.revenue.map(String)])).toEqual([
      ["2023-12", 1, [0, 0, 1, 0], ["0", "0", "7", "0"]],
      ["2024-01", 1, [1, 0, 0], ["3", "0", "0"]],
      ["2024-02", 1, [0, 1], ["0", "1"]],
    ]);
    const memory = cohortAnalysis(
      EXPLICIT.map((e) => ({
        customerId: e.customerId,
        at: e.at,
        revenue: e.revenue,
        signup: e.cohortOf ?? null,
      })),
      { ...options, cohortOf: (row) => row.signup },
    );
    expect(views(table)).toEqual(views(memory));
  });
});

describe("hostile identifiers", () => {
  const HOSTILE = [
    '"; DROP TABLE victim; --',
    "it's",
    "back`tick",
    "semi;colon",
    'double""quote',
    "space d",
  ];

  it("quotes every identifier and never runs what it holds (DuckDB)", async () => {
    const c = engine.connection;
    await c.run("CREATE TABLE victim (x INTEGER)");
    await c.run("INSERT INTO victim VALUES (1)");
    const [id, at, rev] = HOSTILE.map((h) => `"${h.replaceAll('"', '""')}"`);
    await c.run(
      `CREATE TABLE "${HOSTILE[5]}" (${id} VARCHAR, ${at} TIMESTAMPTZ, ${rev} DECIMAL(10, 2))`,
    );
    await c.run(
      `INSERT INTO "${HOSTILE[5]}" VALUES ('a', TIMESTAMPTZ '2024-01-01 00:00:00+00', 1.50)`,
    );
    const q = cohortQuery(
      {
        table: HOSTILE[5] as string,
        customerId: HOSTILE[0] as string,
        at: HOSTILE[1] as string,
        revenue: HOSTILE[2] as string,
      },
      { dialect: "duckdb" },
    );
    const rows = await engine.query(q.sql, q.params);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revenue).toBe("1.50");
    const victim = await c.runAndReadAll("SELECT x FROM victim");
    expect(victim.getRowObjectsJson()).toEqual([{ x: 1 }]);
  });

  it("quotes a hostile table name that does not exist: the engine reports it, nothing runs", async () => {
    const q = cohortQuery(
      { table: 'toy"; DROP TABLE victim; --', customerId: "customer_id", at: "at" },
      { dialect: "duckdb" },
    );
    await expect(engine.query(q.sql, q.params)).rejects.toThrow(/toy"; DROP TABLE victim; --/);
    const victim = await engine.connection.runAndReadAll("SELECT count(*) AS n FROM victim");
    expect(victim.getRowObjectsJson()).toEqual([{ n: "1" }]);
  });

  it("doubles quotes in every dialect's quoting", () => {
    const source = { table: ["s", 'a"b'], customerId: "c`d", at: 'e"f' };
    expect(cohortQuery(source, { dialect: "postgres" }).sql).toContain('FROM "s"."a""b"');
    expect(cohortQuery(source, { dialect: "snowflake" }).sql).toContain('"e""f"');
    expect(cohortQuery(source, { dialect: "bigquery" }).sql).toContain("`c\\`d`");
  });

  it("rejects names with control characters, empty names and a where with ';'", () => {
    const base = { table: "t", customerId: "c", at: "a" };
    expect(codeAndFieldOf(() => cohortQuery({ ...base, at: "a\nb" }, { dialect: "duckdb" }))).toBe(
      "INVALID_OPTION source.at",
    );
    expect(
      codeAndFieldOf(() => cohortQuery({ ...base, customerId: "" }, { dialect: "duckdb" })),
    ).toBe("INVALID_OPTION source.customerId");
    expect(
      codeAndFieldOf(() => cohortQuery({ ...base, table: "a..b" }, { dialect: "duckdb" })),
    ).toBe("INVALID_OPTION source.table");
    expect(
      codeAndFieldOf(() =>
        cohortQuery({ ...base, table: ["a", "b\u0000"] }, { dialect: "duckdb" }),
      ),
    ).toBe("INVALID_OPTION source.table[1]");
    const e = metricErrorOf(() =>
      cohortQuery({ ...base, where: "1 = 1; DROP TABLE victim" }, { dialect: "duckdb" }),
    );
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toBe(
      "cohortQuery: source.where must be one condition without ';' (received \"1 = 1; DROP TABLE victim\")",
    );
  });
});

describe("random small logs", () => {
  const ZONES = ["UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"];
  const base = ms("2023-12-20T00:00:00Z");
  const event = fc.record({
    customer: fc.integer({ min: 0, max: 5 }),
    minutes: fc.integer({ min: 0, max: 60 * 24 * 120 }),
    revenue: fc.oneof(
      fc.constant(null),
      fc.constant("0.00"),
      fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)),
    ),
  });
  const options = fc.record({
    period: fc.constantFrom("day", "week", "month", "quarter") as fc.Arbitrary<
      "day" | "week" | "month" | "quarter"
    >,
    timeZone: fc.constantFrom(...ZONES),
    weekStartsOn: fc.constantFrom(0, 1, 3) as fc.Arbitrary<0 | 1 | 3>,
    active: fc.constantFrom("events", "purchases", "rows") as fc.Arbitrary<
      "events" | "purchases" | "rows"
    >,
    refunds: fc.constantFrom("net", "exclude") as fc.Arbitrary<"net" | "exclude">,
    asOfDays: fc.option(fc.integer({ min: 1, max: 130 })),
  });

  it("SQL on DuckDB equals cohortAnalysis in process", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 25 }),
        options,
        async (list, o) => {
          const events: LoadedEvent[] = list.map((e) => ({
            customerId: `c${e.customer}`,
            at: base + e.minutes * 60_000,
            revenue: e.revenue,
          }));
          const table = `random${n++}`;
          await engine.load(table, events, 2);
          const { asOfDays, ...rest } = o;
          const opts =
            asOfDays === null ? rest : { ...rest, asOf: new Date(base + asOfDays * 86_400_000) };
          const q = cohortQuery(
            { ...SOURCE, table },
            { ...opts, dialect: "duckdb", brackets: true },
          );
          const rows = (await engine.query(q.sql, q.params)) as unknown as CohortQueryRow[];
          const sql = cohortTableFromRows(rows, { ...opts, brackets: true });
          const memory = cohortAnalysis(
            events.map((e) => ({ customerId: e.customerId, at: e.at, revenue: e.revenue })),
            opts,
          );
          expect(views(sql)).toEqual(views(memory));
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe("errors", () => {
  const source = { table: "t", customerId: "c", at: "a" };

  it("cohortQuery: dialect, source, options without an SQL form", () => {
    expect(codeAndFieldOf(() => cohortQuery(source, {} as never))).toBe(
      "INVALID_OPTION options.dialect",
    );
    expect(codeAndFieldOf(() => cohortQuery(source, { dialect: "mysql" } as never))).toBe(
      "INVALID_OPTION options.dialect",
    );
    expect(codeAndFieldOf(() => cohortQuery(null as never, { dialect: "duckdb" }))).toBe(
      "NOT_A_NUMBER source",
    );
    expect(
      codeAndFieldOf(() =>
        cohortQuery(source, { dialect: "duckdb", boundaries: "rolling" } as never),
      ),
    ).toBe("INVALID_OPTION options.boundaries");
    expect(
      codeAndFieldOf(() => cohortQuery(source, { dialect: "duckdb", cohortOf: () => 0 } as never)),
    ).toBe("INVALID_OPTION options.cohortOf");
    expect(
      codeAndFieldOf(() =>
        cohortQuery(source, { dialect: "duckdb", startEvent: () => true } as never),
      ),
    ).toBe("INVALID_OPTION options.startEvent");
    expect(
      codeAndFieldOf(() => cohortQuery(source, { dialect: "duckdb", period: "decade" } as never)),
    ).toBe("INVALID_OPTION options.period");
    expect(
      codeAndFieldOf(() => cohortQuery(source, { dialect: "duckdb", asOf: "yesterday" })),
    ).toBe("INVALID_DATE options.asOf");
    expect(codeAndFieldOf(() => cohortQuery(source, { dialect: "duckdb", minorUnits: 16 }))).toBe(
      "OUT_OF_RANGE options.minorUnits",
    );
    expect(metricErrorOf(() => cohortQuery(source, { dialect: "oracle" } as never)).message).toBe(
      'cohortQuery: options.dialect must be one of "duckdb", "postgres", "bigquery", "snowflake" (received "oracle")',
    );
  });

  const cell = {
    cohort: "24288",
    k: "0",
    previous: null,
    size: "2",
    active: "2",
    last_active: "0",
    revenue: "30.00",
    last_period: "24290",
  };
  const read =
    (rows: unknown, options = {}) =>
    () =>
      cohortTableFromRows(rows as never, options);

  it("cohortTableFromRows: one test per code, naming the row and field", () => {
    expect(codeAndFieldOf(read("rows"))).toBe("NOT_A_NUMBER rows");
    expect(codeAndFieldOf(read([null]))).toBe("NOT_A_NUMBER rows[0]");
    expect(codeAndFieldOf(read([{ ...cell, k: "x" }]))).toBe("NOT_A_NUMBER rows[0].k");
    expect(codeAndFieldOf(read([{ ...cell, k: 0.5 }]))).toBe("NOT_INTEGER rows[0].k");
    expect(codeAndFieldOf(read([{ ...cell, k: -1 }]))).toBe("NEGATIVE rows[0].k");
    expect(codeAndFieldOf(read([{ ...cell, k: 3 }]))).toBe("OUT_OF_RANGE rows[0].k");
    expect(codeAndFieldOf(read([{ ...cell, size: 0 }]))).toBe("OUT_OF_RANGE rows[0].size");
    expect(codeAndFieldOf(read([{ ...cell, active: Number.NaN }]))).toBe(
      "NOT_FINITE rows[0].active",
    );
    expect(codeAndFieldOf(read([{ ...cell, active: 2n ** 60n }]))).toBe(
      "OUT_OF_RANGE rows[0].active",
    );
    expect(codeAndFieldOf(read([{ ...cell, active: "3" }]))).toBe("INCONSISTENT rows[0].active");
    expect(codeAndFieldOf(read([{ ...cell, revenue: "abc" }]))).toBe(
      "NOT_A_NUMBER rows[0].revenue",
    );
    expect(codeAndFieldOf(read([cell, { ...cell, k: "1", size: "3" }]))).toBe(
      "INCONSISTENT rows[1].size",
    );
    expect(codeAndFieldOf(read([cell, { ...cell, last_period: "24291" }]))).toBe(
      "INCONSISTENT rows[1].last_period",
    );
    expect(codeAndFieldOf(read([cell, cell]))).toBe("INCONSISTENT rows");
    expect(codeAndFieldOf(read([{ ...cell, previous: "-1", k: "1" }]))).toBe("INCONSISTENT rows");
    expect(codeAndFieldOf(read([cell], { asOf: "2024-02-29" }))).toBe(
      "INCONSISTENT rows[0].last_period",
    );
    expect(codeAndFieldOf(read([{ ...cell, last_period: "9000000000" }]))).toBe(
      "OUT_OF_RANGE rows",
    );
    expect(codeAndFieldOf(read([cell], { dialect: "duckdb", period: "fortnight" }))).toBe(
      "INVALID_OPTION options.period",
    );
    const e = metricErrorOf(read([{ ...cell, k: 3 }]));
    expect(e).toBeInstanceOf(MetricInputError);
    expect(e.message).toBe(
      "cohortTableFromRows: rows[0].k must be at most last_period − cohort (2) (received 3)",
    );
  });

  it("cohortTableFromRows: reads numbers, bigints and strings alike, and never mutates the rows", () => {
    const asNumbers = {
      ...cell,
      cohort: 24288,
      k: 0,
      size: 2,
      active: 2,
      last_active: 0,
      last_period: 24290,
    };
    const asBigints = {
      ...cell,
      cohort: 24288n,
      k: 0n,
      size: 2n,
      active: 2n,
      last_active: 0n,
      last_period: 24290n,
    };
    const rows = Object.freeze([Object.freeze(asNumbers)]);
    const a = cohortTableFromRows(rows as never).toJSON();
    expect(cohortTableFromRows([asBigints] as never).toJSON()).toEqual(a);
    expect(cohortTableFromRows([cell]).toJSON()).toEqual(a);
    expect(a.cohorts[0]?.revenue).toEqual(["30", "0", "0"]);
  });
});
