// Per-customer scans against DuckDB: summarizeTransactions and rfmSegments from string-id
// columns { customerId: string[], at: Float64Array, revenue: string[] } of the bench log
// (bench/cohorts-gen.ts, seed 42), side by side with DuckDB's equivalent queries
// (bench/eventlog-duckdb.ts) on the same in-memory data, in one process.
//
//   node --expose-gc --max-old-space-size=8192 --import tsx bench/scans-dev.ts [--events 1e6,1e7] [--runs 3]
//
// BENCH_LIBRARY names a built bundle to measure (e.g. esbuild src/index.ts --bundle
// --format=esm --platform=node --outfile=/tmp/scans-lib/index.js); without it, the sources.
// BENCH_BASELINE names another bundle (an earlier commit's) measured in the same run.
// `rfmSegments + byCustomer` also reads the result's Map by customer (made on first read).
// The machine is shared: compare the ratios of one run, not figures across runs; the load
// average is printed before and after each size.
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { loadDuck } from "./cohorts-duckdb.js";
import { generateEvents, idStrings, revenueStrings } from "./cohorts-gen.js";
import { measure, type RunStats } from "./cohorts-measure.js";
import { rfmQuery, runQuery, summaryQuery } from "./eventlog-duckdb.js";
import { library, libraryName } from "./library.js";

const { summarizeTransactions, rfmSegments } = library;
const baselinePath = process.env.BENCH_BASELINE;
const baseline: typeof library | null = baselinePath
  ? ((await import(pathToFileURL(baselinePath).href)) as typeof library)
  : null;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
}
const sizes = arg("events", "1e6,1e7").split(",").map(Number);
const runs = Number(arg("runs", "3"));

const LAST_DAY = "2024-12-31";
const fmt = (s: RunStats) =>
  `${s.median.toFixed(3)} s (best ${s.best.toFixed(3)}, CPU ${s.cpuMedian.toFixed(3)} s), heap peak ${(s.heapPeak - s.heapBase).toFixed(0)} MiB, RSS peak ${(s.rssPeak - s.rssBase).toFixed(0)} MiB above input`;

console.log(
  `library: ${libraryName}; baseline: ${baselinePath ?? "none"}; node ${process.version}`,
);
for (const n of sizes) {
  const log = generateEvents(n);
  const cols = { customerId: idStrings(log), at: log.atMs, revenue: revenueStrings(log) };
  console.log(`\n## ${n.toExponential(0)} events, ${log.nCustomers} customers`);
  console.log(`load average before: ${load()}`);
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
  const oursRfmMap = await measure(
    () => rfmSegments(cols, { asOf: LAST_DAY, ties: "ntile" }).byCustomer.size,
    ok,
    1,
    runs,
  );
  const base = baseline;
  const baseSummary =
    base === null
      ? null
      : await measure(
          () => base.summarizeTransactions(cols, { observationEnd: LAST_DAY, unit: "day" }),
          ok,
          1,
          runs,
        );
  const baseRfm =
    base === null
      ? null
      : await measure(() => base.rfmSegments(cols, { asOf: LAST_DAY, ties: "ntile" }), ok, 1, runs);
  const ratio = (a: RunStats, b: RunStats) =>
    `wall ${(a.median / b.median).toFixed(2)} ×, CPU ${(a.cpuMedian / b.cpuMedian).toFixed(2)} ×`;
  console.log(`summary rows: ${customers}`);
  console.log(`summarizeTransactions ${fmt(ours)}`);
  if (baseSummary !== null) console.log(`  baseline            ${fmt(baseSummary)}`);
  console.log(`DuckDB summary        ${fmt(duckSummary)}`);
  console.log(`  ratio ${ratio(ours, duckSummary)}`);
  if (baseSummary !== null) console.log(`  baseline ratio ${ratio(baseSummary, duckSummary)}`);
  console.log(`rfmSegments           ${fmt(oursRfm)}`);
  console.log(`  + byCustomer        ${fmt(oursRfmMap)}`);
  if (baseRfm !== null) console.log(`  baseline            ${fmt(baseRfm)}`);
  console.log(`DuckDB RFM            ${fmt(duckRfm)}`);
  console.log(`  ratio ${ratio(oursRfm, duckRfm)}`);
  console.log(`  ratio with byCustomer ${ratio(oursRfmMap, duckRfm)}`);
  if (baseRfm !== null) console.log(`  baseline ratio ${ratio(baseRfm, duckRfm)}`);
  console.log(`load average after: ${load()}`);
}
