// Event-log benchmark: every event-log function of the library and each of its input forms,
// side by side with DuckDB's equivalent query on the same in-memory data, in one process.
//
//   npm run bench -- eventlog                          1 M and 10 M events
//   npm run bench -- eventlog --events 1e6 --runs 1    one size, one timed run per form
//   npm run bench -- eventlog --only summary,rfm       a subset: form ids or function groups
//   npm run bench -- eventlog --only orderMetrics      orderMetrics (columns, rows) and its SQL
//   npm run bench -- eventlog --only funnel            a 4-step funnel (bench/eventlog-funnel.ts)
//   npm run bench -- eventlog --only lifecycle,activeUsers   (bench/eventlog-activity.ts)
//   npm run bench -- eventlog --no-check               report differences from DuckDB, go on
//   npm run bench -- eventlog --stream-100m            also 100 M events streamed from a file
//   npm run bench -- eventlog --refunds net            refunds netted (library and DuckDB)
//
// Options: --runs N timed runs per form (default 5 at <= 2 M events, else 3); --warmup N
// untimed runs first (default 1 at the first size only); --seed N (42); --stream-events N (the
// size of the streamed file, 1e8); --refunds exclude|net (default exclude: the summary and RFM
// sum purchases only, and orderMetrics reports no refunds, on both sides; the library is passed
// the same `refunds` option).
//
// The workload is bench/cohorts-gen.ts (the model of gen_events.py --seed 42), monthly UTC
// cohorts. Forms (id: what is timed):
//   cohort-columns-string  cohortAnalysis({ customerId: string[], at: Float64Array, revenue: string[] })
//   cohort-columns-int     cohortAnalysis over Int32 dictionary codes, Float64Array cents, minorUnits: 2
//   cohort-rows            cohortAnalysis over an array of { customerId, at, revenue } rows
//   async-rows             cohortAnalysisAsync, one row per yield
//   async-row-batches      cohortAnalysisAsync, batches of 65,536 rows per yield
//   async-column-chunks    cohortAnalysisAsync, column chunks of 65,536 per yield
//   accumulator            createCohortAccumulator, add() over 1 M-event column chunks, result()
//   accumulator-shards     4 accumulators (customers split by a hash of the id), merged in a
//                          random order, result(); the table must equal the one-pass table
//   summary-columns/-rows  summarizeTransactions, observationEnd = the last day of the data, unit 'day'
//   rfm-columns/-rows      rfmSegments, asOf = the day after the last event, ties 'ntile'
//   orderMetrics-columns/-rows  orderMetrics by month in UTC, from a month start about a quarter
//                          into the data to its last day (bench/eventlog-orders.ts)
//   duckdb-cohort/-summary/-rfm/-orders   the equivalent SQL (bench/cohorts-duckdb.ts,
//                          bench/eventlog-duckdb.ts, bench/eventlog-orders.ts)
// All cohort forms pass `active: 'rows'` (every row counts, refunds included, as the SQL does).
// Every result of every run is compared with DuckDB's (bench/eventlog-check.ts); any
// difference ends the benchmark with exit code 1, or with --no-check is reported (the number of
// differing customers and the first few) and the benchmark goes on.
// --stream-100m writes 100 M events to a temporary CSV file (bench/eventlog-csv.ts, in blocks of
// 1 M events, time-ordered within a block; deleted afterwards) and reads it back in a separate
// process (bench/eventlog-stream.ts) into one accumulator in 1 M-event column chunks: time,
// peak RSS, and the ratio to this run's 10 M accumulator time.
// Results: a markdown table on stdout and bench/out/eventlog-<date>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { CohortTable } from "../src/index.js";
import type { Cells } from "./cohorts-baseline.js";
import { DUCK_QUERY, type DuckSide, duckCells, loadDuck } from "./cohorts-duckdb.js";
import {
  describe,
  type EventLog,
  generateEvents,
  idStrings,
  revenueStrings,
} from "./cohorts-gen.js";
import { measure, median } from "./cohorts-measure.js";
import {
  ACTIVE_USERS_QUERY,
  checkActiveUsers,
  checkLifecycle,
  duckActiveUsers,
  duckLifecycle,
  LIFECYCLE_QUERY,
} from "./eventlog-activity.js";
import { checkCohorts, checkRfm, checkSummary, tableKey } from "./eventlog-check.js";
import { streamFile } from "./eventlog-csv.js";
import {
  duckRfm,
  duckSummary,
  type QueryTimes,
  type RefundRule,
  type RfmFigures,
  rfmQuery,
  runQuery,
  type SummaryFigures,
  summaryQuery,
} from "./eventlog-duckdb.js";
import { benchFunnel, type FunnelBenchResult } from "./eventlog-funnel.js";
import {
  ACCUMULATOR_CHUNK,
  columnChunks,
  oneRowPerYield,
  type Row,
  rowBatches,
  SHARDS,
  type StringColumns,
  shardColumns,
  shuffled,
  sliceColumns,
} from "./eventlog-inputs.js";
import {
  checkOrders,
  duckOrders,
  type OrderRow,
  ordersQuery,
  ordersReport,
} from "./eventlog-orders.js";
import {
  type FormResult,
  fmt,
  int,
  type Query,
  type SizeResult,
  type StreamResult,
  streamTable,
  table,
} from "./eventlog-report.js";
import { library, libraryName } from "./library.js";

const {
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  summarizeTransactions,
  rfmSegments,
  orderMetrics,
  lifecycle,
  activeUsers,
} = library;

interface Args {
  events: number[];
  runs: number | undefined;
  warmup: number | undefined;
  only: string[] | undefined;
  check: boolean;
  stream: boolean;
  streamEvents: number;
  refunds: RefundRule;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    events: [1e6, 1e7],
    runs: undefined,
    warmup: undefined,
    only: undefined,
    check: true,
    stream: false,
    streamEvents: 1e8,
    refunds: "exclude",
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === "eventlog") continue;
    if (flag === "--no-check") {
      a.check = false;
      continue;
    }
    if (flag === "--stream-100m") {
      a.stream = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--events") a.events = value.split(",").map((s) => Math.round(Number(s)));
    else if (flag === "--runs") a.runs = Number(value);
    else if (flag === "--warmup") a.warmup = Number(value);
    else if (flag === "--only") a.only = value.split(",");
    else if (flag === "--seed") a.seed = Number(value);
    else if (flag === "--stream-events") {
      a.stream = true;
      a.streamEvents = Math.round(Number(value));
    } else if (flag === "--refunds") {
      if (value !== "net" && value !== "exclude") throw new Error("--refunds: net or exclude");
      a.refunds = value;
    } else throw new Error(`unknown option ${flag}`);
  }
  for (const n of [...a.events, a.streamEvents])
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive event count (${n})`);
  return a;
}

/** The library's forms compared with each query. */
const FORMS: Record<Query, string[]> = {
  cohort: [
    "cohort-columns-int",
    "cohort-columns-string",
    "cohort-rows",
    "async-rows",
    "async-row-batches",
    "async-column-chunks",
    "accumulator",
    "accumulator-shards",
  ],
  summary: ["summary-columns", "summary-rows"],
  rfm: ["rfm-columns", "rfm-rows"],
  orders: ["orderMetrics-columns", "orderMetrics-rows"],
  lifecycle: ["lifecycle-columns"],
  activeUsers: ["activeUsers-columns"],
};

/** A wrong result: ends the benchmark unless --no-check. */
class Mismatch extends Error {}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const MS_PER_DAY = 86_400_000;

function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${e.name}${typeof code === "string" ? ` ${code}` : ""}: ${e.message}`;
  }
  return String(e);
}

async function benchSize(n: number, args: Args, warmup: number): Promise<SizeResult> {
  const runs = args.runs ?? (n <= 2e6 ? 5 : 3);
  const wanted = (id: string): boolean =>
    !args.only || args.only.some((x) => id === x || id.startsWith(`${x}-`));
  // The cohort options of every cohort form; `active` is an option being added (ignored by a
  // library that does not know it yet).
  const cohortOptions = { period: "month", timeZone: "UTC", active: "rows" } as const;
  type CohortOptions = Parameters<typeof cohortAnalysis>[1];
  const options = cohortOptions as CohortOptions;
  const intOptions = { ...cohortOptions, minorUnits: 2 } as CohortOptions;
  console.log(`\n## ${int(n)} events\n`);

  let t = performance.now();
  const log: EventLog = generateEvents(n, args.seed);
  const generateSeconds = (performance.now() - t) / 1000;
  const shares = describe(log);
  const lastMs = log.atMs[n - 1] as number; // rows are in time order
  const lastDay = isoDay(lastMs);
  const asOfDay = isoDay((Math.floor(lastMs / MS_PER_DAY) + 1) * MS_PER_DAY);
  console.log(
    `generated ${int(n)} events, ${int(log.nCustomers)} customers in ${fmt(generateSeconds, 1)} s ` +
      `(refunds ${(shares.refunds * 100).toFixed(2)} %, activity ${(shares.activity * 100).toFixed(2)} %); ` +
      `last day ${lastDay}`,
  );

  const forms: FormResult[] = [];
  const add = (
    id: string,
    fn: string,
    form: string,
    query: Query,
    target?: number,
  ): FormResult | undefined => {
    if (!wanted(id) && !id.startsWith("duckdb-")) return undefined;
    const f: FormResult = {
      id,
      fn,
      form,
      query,
      target,
      stats: undefined,
      error: undefined,
      differences: [],
      load: Number.NaN,
    };
    forms.push(f);
    return f;
  };
  /** A check that records the first differences of a form (and stops unless --no-check). */
  const checking =
    <T>(f: FormResult, diff: (r: T) => string[]) =>
    (result: T): void => {
      const d = diff(result);
      if (d.length === 0 || f.differences.length > 0) return;
      f.differences = d;
      console.error(`DIFFERENCE ${f.id}:\n  ${d.join("\n  ")}`);
      if (args.check) throw new Mismatch(`${f.id} differs from DuckDB: ${d[0]}`);
    };
  const run = async <T>(
    f: FormResult | undefined,
    fn: () => T | Promise<T>,
    diff: (r: T) => string[],
  ): Promise<void> => {
    if (f === undefined) return;
    try {
      f.stats = await measure(fn, checking(f, diff), warmup, runs);
    } catch (e) {
      if (e instanceof Mismatch) throw e;
      f.error = errorMessage(e);
    }
    f.load = os.loadavg()[0] as number;
    const s = f.stats;
    console.log(
      s
        ? `  ${f.id.padEnd(22)} median ${fmt(s.median)} s  min ${fmt(s.best)} s  ` +
            `heap +${fmt(s.heapPeak - s.heapBase, 0)} MiB  rss ${fmt(s.rssPeak, 0)} MiB  ` +
            `load ${fmt(f.load, 1)}${f.differences.length ? `  DIFFERS: ${f.differences[0]}` : ""}`
        : `  ${f.id.padEnd(22)} ${f.error}`,
    );
  };
  const result = (): SizeResult => ({
    events: n,
    customers: log.nCustomers,
    refundShare: shares.refunds,
    activityShare: shares.activity,
    lastDay,
    generateSeconds,
    duckdbLoadSeconds,
    forms,
  });

  // DuckDB first: its results are the references of the checks. The table is loaded from the
  // string columns (untimed) and closed before the library's forms, so that its memory does
  // not count in theirs.
  const needs = (q: Query): boolean => [`duckdb-${q}`, ...FORMS[q]].some(wanted);
  const needCohort = needs("cohort");
  const needSummary = needs("summary");
  const needRfm = needs("rfm");
  const needOrders = needs("orders");
  const needLifecycle = needs("lifecycle");
  const needActiveUsers = needs("activeUsers");
  const report = ordersReport(log.atMs[0] as number, lastMs, lastDay, args.refunds);
  t = performance.now();
  const duck: DuckSide = await loadDuck(idStrings(log), log.atMs, revenueStrings(log));
  const duckdbLoadSeconds = (performance.now() - t) / 1000;
  let cells: Cells = { keys: [], size: [], active: [], cents: [] };
  let summary = new Map<string, SummaryFigures>();
  let rfm = new Map<string, RfmFigures>();
  let orderFigures = new Map<string, OrderRow>();
  let lifecycleFigures = new Map<string, number[]>();
  let activeUserFigures = new Map<string, number[]>();
  /** Measures one DuckDB query; returns its result as read by `read` (the checks' reference). */
  const duckForm = async <T>(
    query: Query,
    label: string,
    sql: string,
    read: (rows: unknown[][]) => T,
    same: (a: T, b: T) => boolean,
  ): Promise<T> => {
    const reference = read(await runQuery(duck, sql));
    const f = add(`duckdb-${query}`, "DuckDB", label, query) as FormResult;
    const times: QueryTimes = { query: [], read: [] };
    await run(
      f,
      () => runQuery(duck, sql, times),
      (rows) => (same(read(rows), reference) ? [] : ["DuckDB's result changed between runs"]),
    );
    const timed = f.stats?.times.length ?? 0;
    f.duckQuery = median(times.query.slice(-timed));
    f.duckRead = median(times.read.slice(-timed));
    return reference;
  };
  try {
    if (needCohort)
      cells = await duckForm(
        "cohort",
        "cohort query",
        DUCK_QUERY,
        duckCells,
        (a, b) => JSON.stringify(a) === JSON.stringify(b),
      );
    if (needSummary)
      summary = await duckForm(
        "summary",
        "summary query",
        summaryQuery(lastDay, args.refunds),
        duckSummary,
        (a, b) => a.size === b.size,
      );
    if (needRfm)
      rfm = await duckForm(
        "rfm",
        "RFM query",
        rfmQuery(asOfDay, args.refunds),
        duckRfm,
        (a, b) => a.size === b.size,
      );
    if (needOrders)
      orderFigures = await duckForm(
        "orders",
        "order KPIs by month",
        ordersQuery(report),
        duckOrders,
        (a, b) => JSON.stringify([...a]) === JSON.stringify([...b]),
      );
    if (needLifecycle)
      lifecycleFigures = await duckForm(
        "lifecycle",
        "lifecycle by month",
        LIFECYCLE_QUERY,
        duckLifecycle,
        (a, b) => JSON.stringify([...a]) === JSON.stringify([...b]),
      );
    if (needActiveUsers)
      activeUserFigures = await duckForm(
        "activeUsers",
        "DAU, WAU, MAU by day",
        ACTIVE_USERS_QUERY,
        duckActiveUsers,
        (a, b) => JSON.stringify([...a]) === JSON.stringify([...b]),
      );
  } finally {
    duck.close();
  }
  const cohortDiff = (table: CohortTable): string[] => checkCohorts(table, cells);

  try {
    // Over the typed arrays only (no strings resident).
    await run(
      add(
        "cohort-columns-int",
        "cohortAnalysis",
        "Int32 codes, cents, minorUnits: 2",
        "cohort",
        0.25,
      ),
      () =>
        cohortAnalysis(
          { customerId: log.customerIndex, at: log.atMs, revenue: log.cents },
          intOptions,
        ),
      cohortDiff,
    );

    // Over the string columns.
    const cols: StringColumns = {
      customerId: idStrings(log),
      at: log.atMs,
      revenue: revenueStrings(log),
    };
    await run(
      add("cohort-columns-string", "cohortAnalysis", "string-id columns", "cohort", 0.4),
      () => cohortAnalysis(cols, options),
      cohortDiff,
    );
    await run(
      add("async-rows", "cohortAnalysisAsync", "one row per yield", "cohort"),
      () => cohortAnalysisAsync(oneRowPerYield(cols), options),
      cohortDiff,
    );
    await run(
      add("async-row-batches", "cohortAnalysisAsync", "batches of 65,536 rows", "cohort", 1),
      () =>
        cohortAnalysisAsync(
          rowBatches(cols) as unknown as AsyncIterable<Row>,
          options as Parameters<typeof cohortAnalysisAsync>[1],
        ),
      cohortDiff,
    );
    await run(
      add("async-column-chunks", "cohortAnalysisAsync", "column chunks of 65,536", "cohort", 1),
      () =>
        cohortAnalysisAsync(
          columnChunks(cols) as unknown as AsyncIterable<Row>,
          options as Parameters<typeof cohortAnalysisAsync>[1],
        ),
      cohortDiff,
    );

    let onePass: string | undefined;
    const accumulate = (): CohortTable => {
      const acc = createCohortAccumulator(options);
      for (let s = 0; s < n; s += ACCUMULATOR_CHUNK)
        acc.add(sliceColumns(cols, s, Math.min(n, s + ACCUMULATOR_CHUNK)));
      return acc.result();
    };
    await run(
      add("accumulator", "createCohortAccumulator", "add 1 M-event column chunks", "cohort", 0.6),
      accumulate,
      (table) => {
        onePass ??= tableKey(table);
        return cohortDiff(table);
      },
    );
    const shardForm = add(
      "accumulator-shards",
      "createCohortAccumulator",
      `${SHARDS} shards by customer hash, merged`,
      "cohort",
    );
    if (shardForm) {
      const shards = shardColumns(cols);
      await run(
        shardForm,
        () => {
          const accs = shards.map((chunks) => {
            const acc = createCohortAccumulator(options);
            for (const c of chunks) acc.add(c);
            return acc;
          });
          const [first, ...rest] = shuffled(SHARDS).map((i) => accs[i] as (typeof accs)[number]);
          for (const other of rest) first?.merge(other);
          return first?.result() as CohortTable;
        },
        (table) => {
          const d = cohortDiff(table);
          onePass ??= tableKey(accumulate());
          if (tableKey(table) !== onePass)
            d.push("the merged table differs from the one-pass table");
          return d;
        },
      );
    }

    const summaryOptions = {
      observationEnd: lastDay,
      unit: "day",
      timeZone: "UTC",
      refunds: args.refunds,
    } as Parameters<typeof summarizeTransactions>[1];
    const summaryDiff = (r: ReturnType<typeof summarizeTransactions>): string[] =>
      checkSummary(r, summary);
    await run(
      add("summary-columns", "summarizeTransactions", "string-id columns", "summary", 0.5),
      () => summarizeTransactions(cols, summaryOptions),
      summaryDiff,
    );
    const rfmOptions = {
      asOf: asOfDay,
      ties: "ntile",
      refunds: args.refunds,
    } as Parameters<typeof rfmSegments>[1];
    const rfmDiff = (r: ReturnType<typeof rfmSegments>): string[] => checkRfm(r, rfm);
    await run(
      add("rfm-columns", "rfmSegments", "string-id columns", "rfm", 0.5),
      () => rfmSegments(cols, rfmOptions),
      rfmDiff,
    );

    const orderOptions = {
      from: report.from,
      to: report.through,
      by: "month",
      refunds: report.refunds,
    } as Parameters<typeof orderMetrics>[1];
    const ordersDiff = (r: ReturnType<typeof orderMetrics>): string[] =>
      checkOrders(r, orderFigures);
    await run(
      add("orderMetrics-columns", "orderMetrics", "string-id columns", "orders", 1),
      () => orderMetrics(cols, orderOptions),
      ordersDiff,
    );

    // Lifecycle by month and active users by day (windows 1, 7, 30), every row active.
    await run(
      add("lifecycle-columns", "lifecycle", "string-id columns", "lifecycle", 1),
      () => lifecycle(cols, { period: "month", timeZone: "UTC", active: "rows" }),
      (r: ReturnType<typeof lifecycle>) => checkLifecycle(r, lifecycleFigures),
    );
    await run(
      add("activeUsers-columns", "activeUsers", "string-id columns", "activeUsers", 1),
      () => activeUsers(cols, { windows: [1, 7, 30], timeZone: "UTC", active: "rows" }),
      (r: ReturnType<typeof activeUsers>) => checkActiveUsers(r, activeUserFigures),
    );

    // Over rows (the same strings).
    if (["cohort-rows", "summary-rows", "rfm-rows", "orderMetrics-rows"].some(wanted)) {
      const rows = new Array<Row>(n);
      for (let i = 0; i < n; i++)
        rows[i] = {
          customerId: cols.customerId[i] as string,
          at: cols.at[i] as number,
          revenue: cols.revenue[i] as string,
        };
      await run(
        add("cohort-rows", "cohortAnalysis", "rows", "cohort"),
        () => cohortAnalysis(rows, options),
        cohortDiff,
      );
      await run(
        add("summary-rows", "summarizeTransactions", "rows", "summary"),
        () => summarizeTransactions(rows, summaryOptions),
        summaryDiff,
      );
      await run(
        add("rfm-rows", "rfmSegments", "rows", "rfm"),
        () => rfmSegments(rows, rfmOptions),
        rfmDiff,
      );
      await run(
        add("orderMetrics-rows", "orderMetrics", "rows", "orders"),
        () => orderMetrics(rows, orderOptions),
        ordersDiff,
      );
    }
  } catch (e) {
    if (e instanceof Mismatch) partial = result();
    throw e;
  }
  return result();
}

/** The results of a size that ended on a wrong result. */
let partial: SizeResult | undefined;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  const results: SizeResult[] = [];
  let stream: StreamResult | undefined;
  let mismatch: string | undefined;
  const funnels: FunnelBenchResult[] = [];
  const onlyFunnel = args.only?.length === 1 && args.only[0] === "funnel";
  try {
    for (const [i, n] of args.events.entries()) {
      if (!onlyFunnel) results.push(await benchSize(n, args, args.warmup ?? (i === 0 ? 1 : 0)));
      // The funnel reads a typed event log of its own (the cohort workload has no event names).
      if (!args.only || args.only.includes("funnel")) {
        const f = await benchFunnel(n);
        funnels.push(f);
        if (!f.agree && args.check) throw new Mismatch(`funnel at ${n}: ${f.counts.join(", ")}`);
      }
    }
    if (args.stream) {
      const at10M = results
        .find((r) => r.events === 1e7)
        ?.forms.find((f) => f.id === "accumulator");
      stream = streamFile(args.streamEvents, args.seed, at10M?.stats?.median);
    }
  } catch (e) {
    if (!(e instanceof Mismatch)) throw e;
    mismatch = e.message;
    if (partial) results.push(partial);
  }

  const cpu = os.cpus();
  const machine = {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    library: libraryName,
    platform: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg(),
  };
  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `${machine.platform}, load ${machine.loadavg.map((x) => x.toFixed(2)).join(" ")}` +
      `, library ${machine.library}, refunds ${args.refunds}` +
      `, ${started.toISOString().slice(0, 16)}Z\n`,
  );
  for (const r of results) console.log(`${table(r)}\n`);
  if (stream) console.log(`${streamTable(stream)}\n`);
  for (const f of funnels) {
    console.log(
      `funnelAnalysis, 4 steps, 7-day window, ${int(f.events)} events: ${f.library.toFixed(3)} s, ` +
        `DuckDB ${f.duckdb.toFixed(3)} s, ${(f.library / f.duckdb).toFixed(2)} × DuckDB, ` +
        `counts ${f.counts.join(" / ")}${f.agree ? " (agree)" : " (DIFFER)"}\n`,
    );
  }

  mkdirSync("bench/out", { recursive: true });
  const file = `bench/out/eventlog-${started.toISOString().slice(0, 10)}.json`;
  const differences = results.flatMap((r) =>
    r.forms
      .filter((f) => f.differences.length)
      .map((f) => ({ events: r.events, form: f.id, differences: f.differences })),
  );
  writeFileSync(
    file,
    `${JSON.stringify({ date: started.toISOString(), machine, args, results, stream, funnels, differences }, null, 1)}\n`,
  );
  console.log(`wrote ${file}`);
  if (mismatch !== undefined) {
    console.error(`\nstopped: ${mismatch} (--no-check reports differences and goes on)`);
    process.exit(1);
  }
  if (differences.length) {
    console.error(
      `\n${differences.length} form(s) differ from DuckDB (reported, --no-check):\n` +
        differences.map((d) => `  ${d.events} ${d.form}: ${d.differences[0]}`).join("\n"),
    );
  } else console.log("every result agrees with DuckDB");
}

await main();
