// SQL benchmark of customer-metrics/sql: the generated cohort (and summary) queries run by
// DuckDB over a table and over a Parquet file, against moving the rows into Node and running
// cohortAnalysis, in the same process.
//
//   npm run bench -- sql                      10 M events (table and Parquet)
//   npm run bench -- sql --events 1e6         another size
//   npm run bench -- sql --events 1e8         100 M events: Parquet only (the cohort query's
//                                             time and peak RSS; no move into Node)
//
// Options: --events N (default 1e7), --seed N (42), --threads N (DuckDB threads, default 2),
// --runs N timed runs of each query (default 3; the best is reported).
// The workload is bench/cohorts-gen.ts (the model of gen_events.py), generated in blocks of at
// most 10 M events (block b: seed + b, customers numbered apart), appended to DuckDB
// (customer_id VARCHAR, at TIMESTAMP holding UTC, revenue DECIMAL(12,2)), then written to
// bench/out/sql-events-<N>.parquet (not committed; deleted afterwards). Monthly UTC cohorts,
// the library's default rules; then the same with start and return events and a breakdown by
// channel (a view over the events). Every table read back is compared with cohortAnalysis's (at
// sizes where the rows are moved into Node); a difference ends the benchmark with exit code 1.
// Results: a markdown table on stdout and bench/out/sql-<date>.json.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
} from "@duckdb/node-api";
import { generateEvents } from "./cohorts-gen.js";
import { library, libraryName } from "./library.js";

type Sql = typeof import("../src/sql/index.js");
const target = process.env.BENCH_LIBRARY;
const sql: Sql = target
  ? ((await import(pathToFileURL(target.replace(/index\.js$/, "sql.js")).href)) as Sql)
  : await import("../src/sql/index.js");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}
const EVENTS = arg("events", 1e7);
const SEED = arg("seed", 42);
const THREADS = arg("threads", 2);
const RUNS = arg("runs", 3);
const BLOCK = 10_000_000;
const MOVE_LIMIT = 2e7; // above this many events the rows are not moved into Node
const CHUNK = 2048;

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function best<T>(runs: number, f: () => Promise<T>): Promise<[number, T]> {
  let time = Number.POSITIVE_INFINITY;
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = await f();
    time = Math.min(time, seconds(t0));
  }
  return [time, value as T];
}

/** Appends the generated events in blocks to table raw, then builds table events. */
async function load(c: DuckDBConnection): Promise<void> {
  await c.run("CREATE TABLE raw (code INTEGER, ms DOUBLE, cents DOUBLE)");
  for (let b = 0, done = 0; done < EVENTS; b++) {
    const n = Math.min(BLOCK, EVENTS - done);
    const log = generateEvents(n, SEED + b);
    const appender = await c.createAppender("raw");
    const offset = b * BLOCK;
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      const chunk = DuckDBDataChunk.create([INTEGER, DOUBLE, DOUBLE], end - start);
      chunk.setColumns([
        Array.from(log.customerIndex.subarray(start, end), (x) => x + offset),
        Array.from(log.atMs.subarray(start, end)),
        Array.from(log.cents.subarray(start, end)),
      ]);
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    done += n;
  }
  await c.run(
    "CREATE TABLE events AS SELECT 'c' || code AS customer_id, " +
      "epoch_ms(CAST(ms AS BIGINT)) AS at, CAST(CAST(cents AS DECIMAL(12, 0)) * 0.01 AS DECIMAL(12, 2)) AS revenue FROM raw",
  );
  await c.run("DROP TABLE raw");
  await c.run("CHECKPOINT");
}

interface Row {
  what: string;
  seconds: number;
  note: string;
}

const results: Row[] = [];
const report = (what: string, s: number, note = "") => {
  results.push({ what, seconds: s, note });
  console.log(`${what}: ${s.toFixed(3)} s ${note}`);
};

const instance = await DuckDBInstance.create(":memory:", { threads: String(THREADS) });
const c = await instance.connect();
await c.run("SET TimeZone = 'UTC'");
const version = String((await c.runAndReadAll("SELECT version()")).getRows()[0]?.[0]);
let t0 = performance.now();
await load(c);
console.log(`loaded ${EVENTS.toExponential()} events in ${seconds(t0).toFixed(1)} s`);
mkdirSync("bench/out", { recursive: true });
const parquet = `bench/out/sql-events-${EVENTS}.parquet`;
t0 = performance.now();
await c.run(`COPY events TO '${parquet}' (FORMAT parquet)`);
console.log(`wrote ${parquet} in ${seconds(t0).toFixed(1)} s`);
await c.run(`CREATE VIEW events_parquet AS SELECT * FROM read_parquet('${parquet}')`);
const moveIntoNode = EVENTS <= MOVE_LIMIT;
if (!moveIntoNode) await c.run("DROP TABLE events");

const options = { period: "month" } as const;
const source = { customerId: "customer_id", at: "at", revenue: "revenue" };
const tables = moveIntoNode ? ["events", "events_parquet"] : ["events_parquet"];
let sqlTable: ReturnType<Sql["cohortTableFromRows"]> | null = null;
for (const table of tables) {
  const q = sql.cohortQuery({ ...source, table }, { ...options, dialect: "duckdb" });
  const [time, rows] = await best(RUNS, async () =>
    (await c.runAndReadAll(q.sql, [...q.params])).getRowObjectsJson(),
  );
  report(
    `cohortQuery on ${table === "events" ? "a DuckDB table" : "Parquet"}`,
    time,
    `(${rows.length} rows)`,
  );
  const [readTime, t] = await best(RUNS, async () =>
    sql.cohortTableFromRows(rows as never, options),
  );
  report("cohortTableFromRows", readTime);
  sqlTable = t;
  const qb = sql.cohortQuery(
    { ...source, table },
    { ...options, dialect: "duckdb", brackets: true },
  );
  const [bt, brows] = await best(RUNS, async () =>
    (await c.runAndReadAll(qb.sql, [...qb.params])).getRowObjectsJson(),
  );
  report(
    `cohortQuery with brackets on ${table === "events" ? "a DuckDB table" : "Parquet"}`,
    bt,
    `(${brows.length} rows)`,
  );
}

if (moveIntoNode) {
  // Moving the rows into Node: the query that selects them, reading the columns, cohortAnalysis.
  t0 = performance.now();
  const reader = await c.runAndReadAll(
    'SELECT customer_id, CAST(epoch_ms("at") AS DOUBLE) AS ms, CAST(revenue * 100 AS DOUBLE) AS cents FROM events',
  );
  const cols = reader.getColumnsJS() as [string[], number[], number[]];
  const columns = {
    customerId: cols[0],
    at: Float64Array.from(cols[1]),
    revenue: Float64Array.from(cols[2]),
  };
  const moveTime = seconds(t0);
  report("rows moved into Node (query + columns)", moveTime, `(${columns.at.length} rows)`);
  const [analysis, memory] = await best(RUNS, async () =>
    library.cohortAnalysis(columns, { ...options, minorUnits: 2 }),
  );
  report("cohortAnalysis in Node", analysis);
  report("moved + cohortAnalysis", moveTime + analysis);
  if (JSON.stringify(memory.toJSON()) !== JSON.stringify(sqlTable?.toJSON())) {
    console.error("the table from SQL differs from cohortAnalysis");
    process.exit(1);
  }
  console.log("the table from SQL equals cohortAnalysis's");
}

// Start and return events and a breakdown: a view names each event ('purchase' when revenue
// > 0, else 'visit') and gives each customer a channel from a hash of the id; the cohort
// starts at the first visit, purchases are the returns, one table per channel.
{
  const base = moveIntoNode ? "events" : "events_parquet";
  await c.run(
    `CREATE VIEW events_roles AS SELECT *, CASE WHEN revenue > 0 THEN 'purchase' ELSE 'visit' END AS event, ` +
      `['ads', 'seo', 'ref'][1 + CAST(hash(customer_id) % 3 AS INTEGER)] AS channel FROM ${base}`,
  );
  const roleOptions = {
    ...options,
    startEvent: "visit",
    returnEvent: "purchase",
    breakdownBy: "channel",
  } as const;
  const q = sql.cohortQuery(
    { ...source, table: "events_roles", event: "event" },
    { ...roleOptions, dialect: "duckdb" },
  );
  const [time, rows] = await best(RUNS, async () =>
    (await c.runAndReadAll(q.sql, [...q.params])).getRowObjectsJson(),
  );
  report(
    `cohortQuery with start and return events and a breakdown on ${base === "events" ? "a DuckDB table" : "Parquet"}`,
    time,
    `(${rows.length} rows)`,
  );
  const table = sql.cohortTableFromRows(rows as never, roleOptions);
  if (moveIntoNode) {
    const reader = await c.runAndReadAll(
      'SELECT customer_id, CAST(epoch_ms("at") AS DOUBLE) AS ms, CAST(revenue * 100 AS DOUBLE) AS cents, event, channel FROM events_roles',
    );
    const cols = reader.getColumnsJS() as [string[], number[], number[], string[], string[]];
    const memory = library.cohortAnalysis(
      {
        customerId: cols[0],
        at: Float64Array.from(cols[1]),
        revenue: Float64Array.from(cols[2]),
        event: cols[3],
        channel: cols[4],
      } as never,
      { ...roleOptions, minorUnits: 2 } as never,
    );
    if (JSON.stringify(memory.toJSON()) !== JSON.stringify(table.toJSON())) {
      console.error("the table with events from SQL differs from cohortAnalysis");
      process.exit(1);
    }
    console.log("the table with events and a breakdown from SQL equals cohortAnalysis's");
  }
}

// The summary of the purchase models, compressed to patterns, and a BG/NBD fit from them.
if (typeof sql.summaryQuery === "function") {
  const summaryOptions = { observationEnd: "2024-12-31", unit: "week", compress: true } as const;
  const table = moveIntoNode ? "events" : "events_parquet";
  const q = sql.summaryQuery({ ...source, table }, { ...summaryOptions, dialect: "duckdb" });
  const [time, rows] = await best(RUNS, async () =>
    (await c.runAndReadAll(q.sql, [...q.params])).getRowObjectsJson(),
  );
  report("summaryQuery (compressed)", time, `(${rows.length} patterns)`);
  const [readTime, patterns] = await best(RUNS, async () =>
    sql.summaryFromRows(rows as never, summaryOptions),
  );
  report("summaryFromRows", readTime);
  const customers = patterns.reduce((s, p) => s + p.weight, 0);
  const [fitTime, fit] = await best(1, async () =>
    library.fitBetaGeometricNBD(patterns as never, { unit: "week" }),
  );
  report(
    "BG/NBD fit from the patterns",
    fitTime,
    `(${patterns.length} patterns, ${customers} customers; r ${fit.params.r.toFixed(3)}, α ${fit.params.alpha.toFixed(3)}, a ${fit.params.a.toFixed(3)}, b ${fit.params.b.toFixed(3)})`,
  );
}

const peak = rssMb();
console.log(`\npeak RSS ${peak} MB`);
console.log(
  `\n| ${EVENTS.toExponential()} events, DuckDB ${version}, ${THREADS} threads, ${libraryName} | seconds | |`,
);
console.log("|---|---:|---|");
for (const r of results) console.log(`| ${r.what} | ${r.seconds.toFixed(3)} | ${r.note} |`);
console.log(`| peak RSS | ${peak} MB | |`);
writeFileSync(
  `bench/out/sql-${new Date().toISOString().slice(0, 10)}.json`,
  JSON.stringify(
    {
      events: EVENTS,
      version,
      threads: THREADS,
      cpus: os.cpus().length,
      library: libraryName,
      results,
      peakRssMb: peak,
    },
    null,
    2,
  ),
);
c.closeSync();
instance.closeSync();
rmSync(parquet, { force: true });
