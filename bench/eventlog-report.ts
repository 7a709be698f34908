// Reporting of the event-log benchmark: the results' shapes and the markdown tables.
import type { RunStats } from "./cohorts-measure.js";

/** Which DuckDB query a form is compared with. */
export type Query = "cohort" | "summary" | "rfm" | "orders" | "lifecycle" | "activeUsers";

/** One input form's measurement (or the error the library gave for it). */
export interface FormResult {
  id: string;
  fn: string;
  form: string;
  query: Query;
  /** Target ratio to DuckDB at 10 M events, if the form has one. */
  target: number | undefined;
  stats: RunStats | undefined;
  /** The library's error message, when the form is not supported (yet). */
  error: string | undefined;
  /** Differences from DuckDB (first run that had any), empty when none. */
  differences: string[];
  /** 1-minute load average when the form's runs ended. */
  load: number;
  /** DuckDB forms: median seconds of the query alone (result held by DuckDB). */
  duckQuery?: number;
  /** DuckDB forms: median seconds of reading the result rows into JavaScript. */
  duckRead?: number;
}

/** Every form measured at one size of the log. */
export interface SizeResult {
  events: number;
  customers: number;
  refundShare: number;
  activityShare: number;
  lastDay: string;
  generateSeconds: number;
  duckdbLoadSeconds: number;
  forms: FormResult[];
}

export const fmt = (x: number, digits = 3): string => x.toFixed(digits);
export const int = (x: number): string => Math.round(x).toLocaleString("en-US");

/** The markdown table of one size. */
export function table(r: SizeResult): string {
  const duck = (q: Query): FormResult | undefined => r.forms.find((f) => f.id === `duckdb-${q}`);
  const lines = [
    `### ${int(r.events)} events, ${int(r.customers)} customers (refunds ${fmt(r.refundShare * 100, 2)} %, activity ${fmt(r.activityShare * 100, 2)} %)`,
    "",
    "| function | input form | median s | min s | CPU s | events/s | peak heap MiB | heap above input MiB | peak RSS MiB | × DuckDB | target at 10 M | × DuckDB query alone | same as DuckDB |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|",
  ];
  for (const f of r.forms) {
    const s = f.stats;
    const d = duck(f.query);
    const ratio = s && d?.stats ? s.median / d.stats.median : Number.NaN;
    const queryRatio = s && d?.duckQuery ? s.median / d.duckQuery : Number.NaN;
    const target =
      f.target === undefined
        ? ""
        : `≤ ${f.target}${Number.isNaN(ratio) ? "" : ratio <= f.target ? " ✓" : " ✗"}`;
    const same = f.id.startsWith("duckdb-")
      ? ""
      : f.differences.length
        ? `no: ${f.differences[0]}`
        : s
          ? "yes"
          : "";
    if (!s) {
      lines.push(
        `| ${f.fn} | ${f.form} | ${(f.error ?? (f.differences.length ? "stopped at a difference" : "not run")).replaceAll("|", "\\|").replaceAll("\n", " ")} | | | | | | | | ${target} | | ${same} |`,
      );
      continue;
    }
    const form =
      f.duckQuery === undefined || f.duckRead === undefined
        ? f.form
        : `${f.form} (query ${fmt(f.duckQuery)} s + rows into JS ${fmt(f.duckRead)} s)`;
    lines.push(
      `| ${f.fn} | ${form} | ${fmt(s.median)} | ${fmt(s.best)} | ${fmt(s.cpuMedian)} | ${int(r.events / s.median)} | ` +
        `${fmt(s.heapPeak, 0)} | ${fmt(s.heapPeak - s.heapBase, 0)} | ${fmt(s.rssPeak, 0)} | ` +
        `${Number.isNaN(ratio) ? "-" : fmt(ratio, 2)} | ${target} | ` +
        `${Number.isNaN(queryRatio) ? "-" : fmt(queryRatio, 2)} | ${same} |`,
    );
  }
  lines.push(
    "",
    "× DuckDB: median time over DuckDB's median time for the equivalent query, its result rows " +
      "read into JavaScript (the library's results are JavaScript objects); the targets apply to " +
      "this ratio at 10 M events. × DuckDB query alone: over the query's time with its result " +
      "held by DuckDB. CPU s: user + system CPU of the whole process (DuckDB runs 2 threads).",
  );
  return lines.join("\n");
}

/** Result line of the streamed file, as bench/eventlog-stream.ts prints it. */
export interface StreamResult {
  events: number;
  fileBytes: number;
  writeSeconds: number;
  seconds: number;
  addSeconds: number;
  resultSeconds: number;
  rssPeakSampledMiB: number;
  maxRssMiB: number;
  heapPeakSampledMiB: number;
  cohorts: number;
  customers: number;
  /** Median seconds of the 10 M accumulator form of this run, if measured. */
  accumulator10M: number | undefined;
}

/** The markdown table of the streamed file. */
export function streamTable(s: StreamResult): string {
  const ratio = s.accumulator10M === undefined ? Number.NaN : s.seconds / s.accumulator10M;
  const rssGiB = Math.max(s.rssPeakSampledMiB, s.maxRssMiB) / 1024;
  return [
    `### ${int(s.events)} events streamed from a ${fmt(s.fileBytes / 2 ** 30, 2)} GiB CSV file through one accumulator`,
    "",
    "| total s | of which add() s | result() s | events/s | peak RSS sampled MiB | maxRSS MiB | peak heap sampled MiB | time / 10 M accumulator | customers | cohorts |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${fmt(s.seconds, 1)} | ${fmt(s.addSeconds, 1)} | ${fmt(s.resultSeconds, 2)} | ${int(s.events / s.seconds)} | ` +
      `${fmt(s.rssPeakSampledMiB, 0)} | ${fmt(s.maxRssMiB, 0)} | ${fmt(s.heapPeakSampledMiB, 0)} | ` +
      `${Number.isNaN(ratio) ? "n/a (10 M not run)" : fmt(ratio, 1)} | ${int(s.customers)} | ${s.cohorts} |`,
    "",
    `- target peak RSS < 2 GiB: ${fmt(rssGiB, 2)} GiB -> ${rssGiB < 2 ? "met" : "NOT met"}`,
    `- target time <= 12 x the 10 M accumulator time: ${
      Number.isNaN(ratio)
        ? "n/a (run with --events 1e7)"
        : `${fmt(ratio, 1)} x -> ${ratio <= 12 ? "met" : "NOT met"}`
    } (reading and parsing the file included; add() alone ${
      Number.isNaN(ratio) ? "n/a" : `${fmt(s.addSeconds / (s.accumulator10M as number), 1)} x`
    })`,
  ].join("\n");
}
