// Model-fitting benchmark: each probabilistic model fitted on its reference data set, timed as
// the median of several runs after warm-up runs (wall clock and CPU time of this process).
//
//   npm run bench -- models            (node --expose-gc --import tsx bench/models.ts)
//   node --import tsx bench/models.ts --runs 15 --warmup 3
//
// Data (copies in test/fixtures/models/): cdnow_customers_summary.csv (BG/NBD, Pareto/NBD),
// CDNOW_sample.txt summarised with summarizeTransactions (Gamma-Gamma; the summary is built
// once, outside the timing), sbg-retention.json high-end cohort t = 0..7 (sBG) and
// donations.csv (BG/BB). Models not exported yet are skipped.
// Reference: Python lifetimes fits the same data in about 0.09 s (BetaGeoFitter) and 0.05 s
// (GammaGammaFitter); the targets are half of that, and under 0.3 s for Pareto/NBD.
//
// Then the fits at scale (bench/models-scale.ts, in a process of its own so that its heap does
// not mix with these figures) on the summaries of the 1 M- and 10 M-event bench logs:
// `--scale 1e6` for the first only, `--scale none` to leave them out.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { library as lib } from "./library.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const scaleAt = args.indexOf("--scale");
const scale = scaleAt >= 0 ? (args[scaleAt + 1] ?? "1e6,1e7") : "1e6,1e7";
const runs = option("runs", 11);
const warmup = option("warmup", 3);

const fixture = (name: string): string =>
  readFileSync(new URL(`../test/fixtures/models/${name}`, import.meta.url), "utf8");

const cdnow = fixture("cdnow_customers_summary.csv")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, frequency, recency, T] = line.split(",").map(Number) as number[];
    return { frequency: frequency as number, recency: recency as number, T: T as number };
  });
const transactions = fixture("CDNOW_sample.txt")
  .trim()
  .split("\n")
  .map((line) => {
    const [, id, date, , spent] = line.trim().split(/\s+/) as string[];
    const d = date as string;
    return {
      customerId: Number(id),
      at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
      revenue: spent as string,
    };
  });
const sbg = JSON.parse(fixture("sbg-retention.json")) as {
  cohorts: { highEnd: { alive: number[] } };
};
const donations = fixture("donations.csv")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [frequency, recency, periods, weight] = line.split(",").map(Number) as number[];
    return { frequency, recency, periods, weight };
  });

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const gc = (globalThis as { gc?: () => void }).gc;

interface Row {
  model: string;
  data: string;
  wall: number;
  cpu: number;
  target: string;
  result: string;
}
const rows: Row[] = [];

function bench(
  model: string,
  data: string,
  target: string,
  fitter:
    | (() => {
        params: Record<string, { toPrecision(n: number): string }>;
        logLikelihood?: { toFixed(n: number): string };
      })
    | undefined,
): void {
  if (fitter === undefined) {
    rows.push({
      model,
      data,
      wall: Number.NaN,
      cpu: Number.NaN,
      target,
      result: "skipped: not exported yet",
    });
    return;
  }
  let last = fitter();
  for (let i = 1; i < warmup; i++) last = fitter();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const w0 = performance.now();
    const c0 = cpuMs();
    last = fitter();
    cpu.push(cpuMs() - c0);
    wall.push(performance.now() - w0);
  }
  const params = Object.entries(last.params)
    .map(([k, v]) => `${k} ${v.toPrecision(6)}`)
    .join(", ");
  const ll = last.logLikelihood ? `; LL ${last.logLikelihood.toFixed(4)}` : "";
  rows.push({ model, data, wall: median(wall), cpu: median(cpu), target, result: params + ll });
}

type Fit = (...input: unknown[]) => {
  params: Record<string, { toPrecision(n: number): string }>;
  logLikelihood?: { toFixed(n: number): string };
};
const api = lib as unknown as Record<string, Fit | undefined>;
const exported = (name: string): Fit | undefined =>
  typeof api[name] === "function" ? api[name] : undefined;

const summary = lib.summarizeTransactions(transactions, {
  observationEnd: "1997-09-30",
  unit: "week",
});
const bgnbd = exported("fitBetaGeometricNBD");
const pnbd = exported("fitParetoNBD");
const gg = exported("fitGammaGamma");
const sbgFit = exported("fitShiftedBetaGeometric");
const bgbb = exported("fitBetaGeometricBetaBinomial");

bench("BG/NBD", "CDNOW summary, 2,357", "< 45 ms", bgnbd && (() => bgnbd(cdnow, { unit: "week" })));
bench(
  "Pareto/NBD",
  "CDNOW summary, 2,357",
  "< 300 ms",
  pnbd && (() => pnbd(cdnow, { unit: "week" })),
);
bench("Gamma-Gamma", "CDNOW repeat buyers, 946", "< 25 ms", gg && (() => gg(summary)));
bench(
  "sBG",
  "high-end cohort, t = 0..7",
  "",
  sbgFit && (() => sbgFit({ alive: sbg.cohorts.highEnd.alive.slice(0, 8) })),
);
bench("BG/BB", "donations, 22 patterns", "", bgbb && (() => bgbb(donations)));
const summaryTimes: number[] = [];
for (let i = 0; i < warmup + runs; i++) {
  const t0 = performance.now();
  lib.summarizeTransactions(transactions, { observationEnd: "1997-09-30", unit: "week" });
  if (i >= warmup) summaryTimes.push(performance.now() - t0);
}

const fmt = (v: number): string => (Number.isNaN(v) ? "–" : v.toFixed(1));
console.log(
  `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; median of ${runs} runs after ${warmup} warm-up runs\n`,
);
console.log("| model | data | wall ms | CPU ms | target | estimates |");
console.log("| --- | --- | ---: | ---: | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.model} | ${r.data} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${r.target} | ${r.result} |`,
  );
}
console.log(
  `\nsummarizeTransactions on CDNOW_sample.txt (6,919 rows): ${median(summaryTimes).toFixed(1)} ms`,
);

if (scale !== "none") {
  console.log("\n### models-scale\n");
  const run = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      new URL("./models-scale.ts", import.meta.url).pathname,
      "--events",
      scale,
    ],
    { stdio: "inherit", env: process.env },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
