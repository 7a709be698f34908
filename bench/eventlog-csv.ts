// The streamed file of the event-log benchmark: an event log of any size written as CSV in the
// format of gen_events.py (header customer_id,ts,revenue; ids 'c' + digits; ts ISO-8601 UTC
// with second precision and a trailing 'Z'; revenue with two decimals; no quoting), without
// holding it in memory.
//
// The log is written in blocks of 1 M events, each block a log of bench/cohorts-gen.ts with its
// own seed (seed + block number) and its own customers (ids c<block><6 digits>), so that the file
// has the workload's distribution and as many customers as one generation of that size would
// have. Rows are in time order within a block, not across blocks.
// streamFile writes such a file, has it read by bench/eventlog-stream.ts and deletes it.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import os from "node:os";
import { centsToString, generateEvents } from "./cohorts-gen.js";
import { fmt, int, type StreamResult } from "./eventlog-report.js";

/** Events per generated block (customers of a block have at most this many ids). */
const BLOCK = 1_000_000;
/** Lines per write call. */
const LINES_PER_WRITE = 65_536;
const MS_PER_DAY = 86_400_000;

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** 'YYYY-MM-DDThh:mm:ssZ' of epoch ms (whole seconds); the date part cached per day. */
function isoFormatter(): (ms: number) => string {
  let day = Number.NaN;
  let prefix = "";
  return (ms) => {
    const d = Math.floor(ms / MS_PER_DAY);
    if (d !== day) {
      day = d;
      prefix = new Date(d * MS_PER_DAY).toISOString().slice(0, 11);
    }
    const s = Math.floor((ms - d * MS_PER_DAY) / 1000);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s - h * 3600) / 60);
    return `${prefix}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s - h * 3600 - m * 60]}Z`;
  };
}

/** Writes `events` events to `file` and returns the bytes written. */
export function writeEventCsv(file: string, events: number, seed: number): number {
  const fd = openSync(file, "w");
  let bytes = 0;
  const write = (s: string): void => {
    bytes += writeSync(fd, s);
  };
  try {
    write("customer_id,ts,revenue\n");
    const blocks = Math.ceil(events / BLOCK);
    const blockDigits = Math.max(2, String(blocks - 1).length);
    const iso = isoFormatter();
    for (let b = 0; b < blocks; b++) {
      const n = Math.min(BLOCK, events - b * BLOCK);
      const log = generateEvents(n, seed + b);
      const block = String(b).padStart(blockDigits, "0");
      // names are 'c' + a zero-padded number below BLOCK (fewer customers than events)
      const ids = log.names.map((name) => `c${block}${name.slice(1).padStart(6, "0")}`);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        lines.push(
          `${ids[log.customerIndex[i] as number]},${iso(log.atMs[i] as number)},${centsToString(log.cents[i] as number)}\n`,
        );
        if (lines.length === LINES_PER_WRITE) {
          write(lines.join(""));
          lines.length = 0;
        }
      }
      if (lines.length) write(lines.join(""));
      if (b % 10 === 9)
        process.stderr.write(`  written ${((b + 1) * BLOCK).toLocaleString("en-US")} events\n`);
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * Writes `events` events to a temporary CSV file, reads it back in a separate process
 * (bench/eventlog-stream.ts, so that the peak RSS is that of the reading alone) and deletes it.
 */
export function streamFile(
  events: number,
  seed: number,
  accumulator10M: number | undefined,
): StreamResult {
  const file = `${os.tmpdir()}/customer-metrics-eventlog-${process.pid}.csv`;
  const remove = (): void => {
    spawnSync("rm", ["-f", file]);
  };
  process.on("SIGINT", () => {
    remove();
    process.exit(130);
  });
  try {
    console.log(`\n## ${int(events)} events streamed from a CSV file\n`);
    const t = performance.now();
    const bytes = writeEventCsv(file, events, seed);
    const writeSeconds = (performance.now() - t) / 1000;
    console.log(`wrote ${file}: ${fmt(bytes / 2 ** 30, 2)} GiB in ${fmt(writeSeconds, 1)} s`);
    // The reading side runs in its own process, so that its peak RSS is its own.
    const child = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=8192",
        "--import",
        "tsx",
        "bench/eventlog-stream.ts",
        file,
      ],
      { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`bench/eventlog-stream.ts failed (${child.status})`);
    const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error("bench/eventlog-stream.ts printed no result");
    const read = JSON.parse(line.slice(7)) as Omit<StreamResult, "writeSeconds" | "accumulator10M">;
    if (read.events !== events)
      throw new Error(`read ${read.events} events of the ${events} written`);
    return {
      ...read,
      fileBytes: bytes,
      writeSeconds,
      accumulator10M,
    };
  } finally {
    remove();
  }
}
