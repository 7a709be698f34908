// Per-customer scans against DuckDB: summarizeTransactions and rfmSegments from string-id
// columns { customerId: string[], at: Float64Array, revenue: string[] } of the bench log
// (bench/cohorts-gen.ts, seed 42), side by side with DuckDB's equivalent queries
// (bench/eventlog-duckdb.ts) on the same in-memory data, in one process.
//
//   node --expose-gc --max-old-space-size=8192 --import tsx bench/scans-dev.ts [--events 1e6,1e7] [--runs 3]
//
// BENCH_LIBRARY names a built bundle to measure (e.g. esbuild src/index.ts --bundle
// --format=esm --platform=node --outfile=/tmp/scans-lib/index.js); without it, the sources.
// The machine is shared: compare the ratios of one run, not figures across runs.
import { loadDuck } from "./cohorts-duckdb.js";
import { generateEvents, idStrings, revenueStrings } from "./cohorts-gen.js";
import { measure, type RunStats } from "./cohorts-measure.js";
import { rfmQuery, runQuery, summaryQuery } from "./eventlog-duckdb.js";
import { library, libraryName } from "./library.js";

const { summarizeTransactions, rfmSegments } = library;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
}
const sizes = arg("events", "1e6,1e7").split(",").map(Number);
const runs = Number(arg("runs", "3"));

const LAST_DAY = "2024-12-31";
const fmt = (s: RunStats) =>
  `${s.median.toFixed(3)} s (best ${s.best.toFixed(3)}, CPU ${s.cpuMedian.toFixed(3)} s), heap peak ${(s.heapPeak - s.heapBase).toFixed(0)} MiB, RSS peak ${(s.rssPeak - s.rssBase).toFixed(0)} MiB above input`;

console.log(`library: ${libraryName}; node ${process.version}`);
for (const n of sizes) {
  const log = generateEvents(n);
  const cols = { customerId: idStrings(log), at: log.atMs, revenue: revenueStrings(log) };
  console.log(`\n## ${n.toExponential(0)} events, ${log.nCustomers} customers`);
  const duck = await loadDuck(cols.customerId, cols.at, cols.revenue);
  const ok = () => undefined;
  const duckSummary = await measure(
    () => runQuery(duck, summaryQuery(LAST_DAY, "net")),
    ok,
    1,
    runs,
  );
  const duckRfm = await measure(() => runQuery(duck, rfmQuery(LAST_DAY, "net")), ok, 1, runs);
  duck.close();
  let customers = 0;
  const ours = await measure(
    () => summarizeTransactions(cols, { observationEnd: LAST_DAY, unit: "day" }),
    (rows) => {
      customers = rows.length;
    },
    1,
    runs,
  );
  const oursRfm = await measure(
    () => rfmSegments(cols, { asOf: LAST_DAY, ties: "ntile" }),
    ok,
    1,
    runs,
  );
  console.log(`summary rows: ${customers}`);
  console.log(`summarizeTransactions ${fmt(ours)}`);
  console.log(`DuckDB summary        ${fmt(duckSummary)}`);
  console.log(`  ratio ${(ours.median / duckSummary.median).toFixed(2)} ×`);
  console.log(`rfmSegments           ${fmt(oursRfm)}`);
  console.log(`DuckDB RFM            ${fmt(duckRfm)}`);
  console.log(`  ratio ${(oursRfm.median / duckRfm.median).toFixed(2)} ×`);
}
