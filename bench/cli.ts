// The command line end to end: `node dist/cli.js cohorts events.csv --format csv` against
// DuckDB's read_csv + the cohort query of the cohort-retention/v1 workload (bench/cohorts-duckdb.ts)
// from @duckdb/node-api, on the same file, in the same run.
//
//   npm run bench -- cli                  # 1 M events
//   npm run bench -- cli --events 1e7     # 10 M events
//   npm run bench -- cli --runs 5
//
// The file is written by bench/eventlog-csv.ts (header customer_id,ts,revenue; the workload of
// bench/cohorts-gen.ts) to bench/out/cli-<events>.csv (not committed) and kept for later runs.
// Both sides read the CSV file from scratch on every run: the command as a fresh Node process
// (`--active rows`, the reference workload's rule: every row counts, refunds included;
// monthly UTC cohorts), DuckDB as a fresh in-memory database (2 threads, TimeZone UTC) running
// one query over read_csv with the column types given (VARCHAR, TIMESTAMP, DECIMAL(12,2)),
// its rows read into JavaScript. Wall seconds, the median of `--runs` runs (default 3) after
// one untimed warm-up of each; the command's peak RSS from /usr/bin/time. The cohort sizes
// and retention rates of both are compared (rates to 1e-12) before any figure is printed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DUCK_QUERY } from "./cohorts-duckdb.js";
import { writeEventCsv } from "./eventlog-csv.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const events = Math.round(option("events", 1e6));
const runs = Math.round(option("runs", 3));
const cli = resolve(process.env.BENCH_CLI ?? "dist/cli.js");
if (!existsSync(cli))
  throw new Error("dist/cli.js is missing: run npm run build (npm run bench builds it)");

mkdirSync("bench/out", { recursive: true });
const file = resolve(`bench/out/cli-${events}.csv`);
if (!existsSync(file)) {
  const t = performance.now();
  writeEventCsv(file, events, 42);
  console.log(`wrote ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const bytes = statSync(file).size;

/** One run of the command: wall and CPU seconds, peak RSS in MiB, stdout. */
function runCli(): { seconds: number; cpu: number; rssMiB: number; stdout: string } {
  const t = performance.now();
  const child = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "MAXRSS %M CPU %U %S",
      process.execPath,
      cli,
      "cohorts",
      file,
      "--format",
      "csv",
      "--active",
      "rows",
      "-q",
    ],
    { encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, CI: "true" } },
  );
  const seconds = (performance.now() - t) / 1000;
  if (child.status !== 0)
    throw new Error(`customer-metrics failed (${child.status}): ${child.stderr}`);
  const m = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(child.stderr);
  if (m === null) throw new Error(`no figures from /usr/bin/time: ${child.stderr}`);
  return {
    seconds,
    cpu: Number(m[2]) + Number(m[3]),
    rssMiB: Number(m[1]) / 1024,
    stdout: child.stdout,
  };
}

const READ_CSV = `read_csv('${file.replaceAll("'", "''")}', header = true, delim = ',', quote = '"',
  columns = {'customer_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'revenue': 'DECIMAL(12,2)'})`;
const QUERY = DUCK_QUERY.replace(/FROM events/g, `FROM ${READ_CSV}`);

/** One run of DuckDB: a fresh database, read_csv + the cohort query, rows read into JavaScript. */
async function runDuck(): Promise<{
  seconds: number;
  cpu: number;
  rows: unknown[][];
  version: string;
}> {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const rows = (await connection.runAndReadAll(QUERY)).getRows() as unknown[][];
  const seconds = (performance.now() - t) / 1000;
  const c1 = process.cpuUsage(c0);
  const version = String((await connection.runAndReadAll("SELECT version()")).getRows()[0]?.[0]);
  connection.closeSync();
  instance.closeSync();
  return { seconds, cpu: (c1.user + c1.system) / 1e6, rows, version };
}

/** Checks that both sides give the same cohort sizes and retention rates. */
function compare(cliCsv: string, duckRows: unknown[][]): number {
  const lines = cliCsv.trimEnd().split("\n").slice(1, -1); // no header, no pooled row
  const byKey = new Map<string, { size: number; rates: number[] }>();
  for (const line of lines) {
    const [key, , size, ...rates] = line.split(",");
    byKey.set(key as string, {
      size: Number(size),
      rates: rates.filter((r) => r !== "").map(Number),
    });
  }
  let cells = 0;
  for (const row of duckRows) {
    const m = Number(row[0]);
    const key = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    const k = Number(row[1]);
    const c = byKey.get(key);
    if (!c || c.size !== Number(row[2])) throw new Error(`cohort ${key}: sizes differ`);
    const rate = c.rates[k];
    if (rate === undefined || Math.abs(rate - Number(row[6])) > 1e-12) {
      throw new Error(`cohort ${key}, period ${k}: ${rate} against DuckDB's ${row[6]}`);
    }
    cells++;
  }
  if (cells !== [...byKey.values()].reduce((s, c) => s + c.rates.length, 0)) {
    throw new Error("the tables differ in their cells");
  }
  return cells;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

console.log(
  `\n## customer-metrics cohorts against DuckDB read_csv, ${events.toLocaleString("en-US")} events\n`,
);
console.log(`file: ${file} (${(bytes / 2 ** 20).toFixed(0)} MiB)`);
const warmCli = runCli();
const warmDuck = await runDuck();
const cells = compare(warmCli.stdout, warmDuck.rows);
console.log(`same table: ${cells} cells (sizes equal, rates within 1e-12); ${warmDuck.version}`);
const cliTimes: number[] = [];
const cliCpu: number[] = [];
const cliRss: number[] = [];
const duckTimes: number[] = [];
const duckCpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c = runCli();
  cliTimes.push(c.seconds);
  cliCpu.push(c.cpu);
  cliRss.push(c.rssMiB);
  const d = await runDuck();
  duckTimes.push(d.seconds);
  duckCpu.push(d.cpu);
}
const a = median(cliTimes);
const b = median(duckTimes);
const ac = median(cliCpu);
const bc = median(duckCpu);
const events_ = events.toLocaleString("en-US");
const mib = (bytes / 2 ** 20).toFixed(0);
console.log("");
console.log(
  "| events | file | | customer-metrics cohorts | DuckDB read_csv + query (2 threads) | ratio |",
);
console.log("| ---: | ---: | --- | ---: | ---: | ---: |");
console.log(
  `| ${events_} | ${mib} MiB | wall | ${a.toFixed(2)} s | ${b.toFixed(2)} s | ${(a / b).toFixed(2)} × |`,
);
console.log(`| | | CPU | ${ac.toFixed(2)} s | ${bc.toFixed(2)} s | ${(ac / bc).toFixed(2)} × |`);
console.log(
  `\ncommand peak RSS ${median(cliRss).toFixed(0)} MiB; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`,
);
const list = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(", ");
console.log(
  `runs (wall / CPU s): command ${list(cliTimes)} / ${list(cliCpu)}; DuckDB ${list(duckTimes)} / ${list(duckCpu)}`,
);
