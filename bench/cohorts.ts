// Cohort benchmark: cohortAnalysis on a generated event log, side by side with a plain Map-based
// implementation and DuckDB on the same in-memory data, in one process and one sitting.
//
//   npm run bench -- cohorts                          1M and 10M events
//   npm run bench -- cohorts --events 1e6             one size (comma-separated list allowed)
//   npm run bench -- cohorts --runs 5 --warmup 1      timed runs / untimed warm-up runs per form
//                                                     (default: 5 runs at <= 2M events, else 3; one
//                                                     warm-up at the first size only)
//   npm run bench -- cohorts --check-reference events_1m.csv --reference reference_1000000.json
//
// Forms measured (monthly table, UTC):
//   columns-string   { customerId: string[], at: Float64Array (epoch ms), revenue: string[] }
//   columns-int      { customerId: Int32Array, at: Float64Array, revenue: Float64Array cents },
//                    minorUnits: 2
//   rows             { customerId, at, revenue }[] (same values as columns-string)
//   stream           cohortAnalysisAsync over an async generator building each row on the fly
//   map-baseline     plain Map per customer with a Map month -> cents (cohorts-baseline.ts)
//   duckdb           the reference SQL on an in-memory DuckDB table, threads = 2
// Every result of every run (warm-up included) is compared cell by cell (active customers and
// revenue cents) with the Map baseline; the process exits with 1 on any difference.
// Results: a markdown table on stdout and bench/out/cohorts-<date>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { type Cells, diffCells, mapBaseline } from "./cohorts-baseline.js";
import { type DuckSide, duckCells, loadDuck, runDuck } from "./cohorts-duckdb.js";
import {
  centsToString,
  describe,
  type EventLog,
  generateEvents,
  idStrings,
  revenueStrings,
} from "./cohorts-gen.js";
import { libCells } from "./cohorts-lib.js";
import { measure, type RunStats } from "./cohorts-measure.js";
import { checkReference } from "./cohorts-reference.js";
import { library, libraryName } from "./library.js";

const { cohortAnalysis, cohortAnalysisAsync } = library;

interface Args {
  events: number[];
  runs: number | undefined;
  warmup: number | undefined;
  only: string[] | undefined;
  checkReference: string | undefined;
  reference: string | undefined;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    events: [1e6, 1e7],
    runs: undefined,
    warmup: undefined,
    only: undefined,
    checkReference: undefined,
    reference: undefined,
    seed: 42,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "cohorts") continue;
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--events") a.events = value.split(",").map((s) => Math.round(Number(s)));
    else if (flag === "--runs") a.runs = Number(value);
    else if (flag === "--warmup") a.warmup = Number(value);
    else if (flag === "--only") a.only = value.split(",");
    else if (flag === "--check-reference") a.checkReference = value;
    else if (flag === "--reference") a.reference = value;
    else if (flag === "--seed") a.seed = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  for (const n of a.events)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--events: not a positive count (${n})`);
  return a;
}

interface FormResult extends RunStats {
  form: string;
  description: string;
  /** 1-minute load average when the form's runs ended (other processes on the machine). */
  load: number;
}

interface SizeResult {
  events: number;
  customers: number;
  cohorts: number;
  cells: number;
  refundShare: number;
  activityShare: number;
  eventsOnBoundary: number;
  generateSeconds: number;
  duckdbLoadSeconds: number;
  forms: FormResult[];
}

const failures: string[] = [];

function checker<T>(name: string, reference: Cells, toCells: (r: T) => Cells) {
  return (result: T): void => {
    const d = diffCells(toCells(result), reference, name, "map-baseline");
    if (d.length) {
      failures.push(`${name}: ${d.length} difference(s): ${d.join("; ")}`);
      console.error(`MISMATCH ${name}:\n  ${d.join("\n  ")}`);
    }
  };
}

const fmt = (x: number, digits = 3): string => x.toFixed(digits);
const int = (x: number): string => Math.round(x).toLocaleString("en-US");

async function* streamRows(log: EventLog) {
  const { names, customerIndex, atMs, cents } = log;
  for (let i = 0; i < log.n; i++) {
    yield {
      customerId: names[customerIndex[i] as number] as string,
      at: atMs[i] as number,
      revenue: centsToString(cents[i] as number),
    };
  }
}

async function benchSize(n: number, args: Args, warmup: number): Promise<SizeResult> {
  const runs = args.runs ?? (n <= 2e6 ? 5 : 3);
  const wanted = (form: string): boolean => !args.only || args.only.includes(form);
  // The reference (cohort-retention/v1, the Map baseline and DuckDB) counts every row as
  // activity, refunds included: active 'rows'.
  const options = { period: "month", timeZone: "UTC", active: "rows" } as const;
  const intOptions = { period: "month", timeZone: "UTC", minorUnits: 2, active: "rows" } as const;
  console.log(`\n## ${int(n)} events\n`);

  let t = performance.now();
  const log = generateEvents(n, args.seed);
  const generateSeconds = (performance.now() - t) / 1000;
  const shares = describe(log);
  console.log(
    `generated ${int(n)} events, ${int(log.nCustomers)} customers in ${fmt(generateSeconds, 1)} s ` +
      `(refunds ${(shares.refunds * 100).toFixed(2)} %, activity ${(shares.activity * 100).toFixed(2)} %, ` +
      `${int(shares.onBoundary)} exactly on a month boundary)`,
  );
  const forms: FormResult[] = [];
  const record = (form: string, description: string, s: RunStats): void => {
    const load = os.loadavg()[0] as number;
    forms.push({ form, description, load, ...s });
    console.log(
      `  ${form.padEnd(15)} median ${fmt(s.median)} s  best ${fmt(s.best)} s  cpu ${fmt(s.cpuMedian)} s  ` +
        `heap +${fmt(s.heapPeak - s.heapBase, 0)} MiB  rss ${fmt(s.rssPeak, 0)} MiB  load ${fmt(load, 1)}`,
    );
  };

  // The reference: the Map baseline over string columns (also checked against DuckDB below).
  const reference = mapBaseline(idStrings(log), log.atMs, revenueStrings(log));
  const nCells = reference.active.reduce((s, a) => s + a.length, 0);

  // DuckDB's table is loaded from the string columns (untimed); its data then live outside the
  // JavaScript heap, and the strings are dropped until the string forms below.
  let duck: DuckSide | undefined;
  let duckdbLoadSeconds = Number.NaN;
  if (wanted("duckdb")) {
    t = performance.now();
    duck = await loadDuck(idStrings(log), log.atMs, revenueStrings(log));
    duckdbLoadSeconds = (performance.now() - t) / 1000;
  }

  // Forms over the typed arrays, with only the typed arrays and the id dictionary resident
  // (a large resident heap makes every major collection slower, so the string columns are
  // not kept alive while these run).
  if (wanted("stream"))
    record(
      "stream",
      "cohortAnalysisAsync over an async generator of rows built on the fly",
      await measure(
        () => cohortAnalysisAsync(streamRows(log), options),
        checker("stream", reference, libCells),
        warmup,
        runs,
      ),
    );

  if (wanted("columns-int"))
    record(
      "columns-int",
      "columns: Int32Array dictionary ids, Float64Array epoch ms, Float64Array cents, minorUnits: 2",
      await measure(
        () =>
          cohortAnalysis(
            { customerId: log.customerIndex, at: log.atMs, revenue: log.cents },
            intOptions,
          ),
        // dictionary codes are not the string ids, but cohorts and cells are the same
        checker("columns-int", reference, libCells),
        warmup,
        runs,
      ),
    );

  if (duck !== undefined) {
    const side = duck;
    record(
      "duckdb",
      `DuckDB ${side.version} in-memory table, anchors' SQL, threads = 2`,
      await measure(
        () => runDuck(side),
        checker("duckdb", reference, (r) => duckCells(r as unknown[][])),
        warmup,
        runs,
      ),
    );
    side.close();
  }

  // Forms over the string columns.
  const cols = { ids: idStrings(log), revenue: revenueStrings(log) };

  if (wanted("columns-string"))
    record(
      "columns-string",
      "columns: string ids, Float64Array epoch ms, decimal-string revenue",
      await measure(
        () =>
          cohortAnalysis({ customerId: cols.ids, at: log.atMs, revenue: cols.revenue }, options),
        checker("columns-string", reference, libCells),
        warmup,
        runs,
      ),
    );

  if (wanted("map-baseline"))
    record(
      "map-baseline",
      "plain Map<string, { first, Map<month, cents> }> over the string columns",
      await measure(
        () => mapBaseline(cols.ids, log.atMs, cols.revenue),
        checker("map-baseline", reference, (r) => r as Cells),
        0, // the reference computation above was its warm-up
        runs,
      ),
    );

  if (wanted("rows")) {
    const rows = new Array<{ customerId: string; at: number; revenue: string }>(n);
    for (let i = 0; i < n; i++)
      rows[i] = {
        customerId: cols.ids[i] as string,
        at: log.atMs[i] as number,
        revenue: cols.revenue[i] as string,
      };
    record(
      "rows",
      "array of { customerId: string, at: epoch ms, revenue: decimal string }",
      await measure(
        () => cohortAnalysis(rows, options),
        checker("rows", reference, libCells),
        warmup,
        runs,
      ),
    );
  }

  return {
    events: n,
    customers: log.nCustomers,
    cohorts: reference.keys.length,
    cells: nCells,
    refundShare: shares.refunds,
    activityShare: shares.activity,
    eventsOnBoundary: shares.onBoundary,
    generateSeconds,
    duckdbLoadSeconds,
    forms,
  };
}

function table(r: SizeResult): string {
  const duck = r.forms.find((f) => f.form === "duckdb");
  const map = r.forms.find((f) => f.form === "map-baseline");
  const lines = [
    `### ${int(r.events)} events, ${int(r.customers)} customers, ${r.cohorts} cohorts, ${r.cells} cells`,
    "",
    "| input form | median s | best s | CPU s (median) | events/s (median) | time / DuckDB | time / Map baseline | peak heap above input MiB | peak heap MiB | peak RSS MiB | RSS above input MiB | load |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const f of r.forms) {
    lines.push(
      `| ${f.form} | ${fmt(f.median)} | ${fmt(f.best)} | ${fmt(f.cpuMedian)} | ${int(r.events / f.median)} | ` +
        `${duck ? fmt(f.median / duck.median, 2) : "-"} | ${map ? fmt(f.median / map.median, 2) : "-"} | ` +
        `${fmt(f.heapPeak - f.heapBase, 0)} | ${fmt(f.heapPeak, 0)} | ${fmt(f.rssPeak, 0)} | ` +
        `${fmt(f.rssPeak - f.rssBase, 0)} | ${fmt(f.load, 1)} |`,
    );
  }
  if (duck) {
    const targets: [string, number][] = [
      ["columns-string", 1],
      ["columns-int", 0.5],
    ];
    lines.push("");
    for (const [form, limit] of targets) {
      const f = r.forms.find((x) => x.form === form);
      if (!f) continue;
      const ratio = f.median / duck.median;
      lines.push(
        `- target ${form} <= ${limit} x DuckDB: ${fmt(ratio, 2)} x -> ${ratio <= limit ? "met" : "NOT met"}`,
      );
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.checkReference) {
    if (!args.reference) throw new Error("--check-reference needs --reference <json>");
    const ok = await checkReference(args.checkReference, args.reference);
    process.exit(ok ? 0 : 1);
  }
  const started = new Date();
  const results: SizeResult[] = [];
  // Without --warmup, only the first size gets a warm-up run per form: later sizes run the same
  // code, already optimised.
  for (const [i, n] of args.events.entries())
    results.push(await benchSize(n, args, args.warmup ?? (i === 0 ? 1 : 0)));

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
      `, library ${machine.library}` +
      `, ${started.toISOString().slice(0, 16)}Z\n`,
  );
  for (const r of results) console.log(`${table(r)}\n`);

  mkdirSync("bench/out", { recursive: true });
  const file = `bench/out/cohorts-${started.toISOString().slice(0, 10)}.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ date: started.toISOString(), machine, results, failures }, null, 1)}\n`,
  );
  console.log(`wrote ${file}`);
  if (failures.length) {
    console.error(`\n${failures.length} mismatching run(s):\n${failures.join("\n")}`);
    process.exit(1);
  }
  console.log("all results agree with the Map baseline and DuckDB, cell by cell");
}

await main();
