// The reading side of the streamed event-log benchmark (run by bench/eventlog.ts in its own
// process, so that the peak RSS is that of the reading alone):
//
//   node --expose-gc --import tsx bench/eventlog-stream.ts <file.csv>
//
// Reads the CSV file in 16 MiB pieces with a simple line reader (split on newline and comma;
// the file has no quoting), turns each line into a string id, epoch milliseconds (the
// ISO-8601 'YYYY-MM-DDThh:mm:ssZ' read digit by digit) and a decimal string, and adds them to one
// cohort accumulator (monthly, UTC, active: 'rows') in column chunks of 1 M events; then
// result(). Resident memory is sampled every 100 ms (process.memoryUsage.rss(); the event loop
// turns at every read) and read from process.resourceUsage().maxRSS at the end. Prints one line
// 'RESULT {json}' on stdout, with the accumulator's own memory before result() (heap and
// ArrayBuffer bytes after a full collection, less those before it was created) per customer.
import { open } from "node:fs/promises";
import { library } from "./library.js";

const { createCohortAccumulator } = library;

const CHUNK = 1_000_000;
const READ_BYTES = 16 * 1024 * 1024;
const MiB = 1024 * 1024;

/** Digit at `p` of `s` (the code's distance from '0'). */
function digit(s: string, p: number): number {
  return s.charCodeAt(p) - 48;
}

let cachedDate = -1;
let cachedDayMs = 0;

/** Epoch ms of 'YYYY-MM-DDThh:mm:ssZ' at `p` in `s` (the day's start cached: rows come in days). */
function parseIso(s: string, p: number): number {
  const year = digit(s, p) * 1000 + digit(s, p + 1) * 100 + digit(s, p + 2) * 10 + digit(s, p + 3);
  const month = digit(s, p + 5) * 10 + digit(s, p + 6);
  const day = digit(s, p + 8) * 10 + digit(s, p + 9);
  const date = (year * 100 + month) * 100 + day;
  if (date !== cachedDate) {
    cachedDate = date;
    cachedDayMs = Date.UTC(year, month - 1, day);
  }
  const hours = digit(s, p + 11) * 10 + digit(s, p + 12);
  const minutes = digit(s, p + 14) * 10 + digit(s, p + 15);
  const seconds = digit(s, p + 17) * 10 + digit(s, p + 18);
  return cachedDayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: eventlog-stream.ts <file.csv>");
  let rssPeak = 0;
  let heapPeak = 0;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > rssPeak) rssPeak = rss;
    const heap = process.memoryUsage().heapUsed;
    if (heap > heapPeak) heapPeak = heap;
  };
  const timer = setInterval(sample, 100);

  const options = { period: "month", timeZone: "UTC", active: "rows" } as Parameters<
    typeof createCohortAccumulator
  >[0];
  /** Heap and ArrayBuffer bytes in use after a full collection. */
  const held = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const t0 = performance.now();
  const heldBefore = held();
  const acc = createCohortAccumulator(options);
  let addMs = 0;
  let events = 0;
  let ids = new Array<string>(CHUNK);
  let at = new Float64Array(CHUNK);
  let revenue = new Array<string>(CHUNK);
  let k = 0;
  const flush = (): void => {
    const t = performance.now();
    acc.add(
      k === CHUNK
        ? { customerId: ids, at, revenue }
        : { customerId: ids.slice(0, k), at: at.subarray(0, k), revenue: revenue.slice(0, k) },
    );
    addMs += performance.now() - t;
    events += k;
    k = 0;
    ids = new Array<string>(CHUNK);
    at = new Float64Array(CHUNK);
    revenue = new Array<string>(CHUNK);
  };

  const fh = await open(file, "r");
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  let carry = "";
  let header = true;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      const text = carry + buffer.toString("latin1", 0, bytesRead);
      let pos = 0;
      for (;;) {
        const nl = text.indexOf("\n", pos);
        if (nl < 0) break;
        if (header) header = false;
        else {
          const c1 = text.indexOf(",", pos);
          const c2 = text.indexOf(",", c1 + 1);
          ids[k] = text.slice(pos, c1);
          at[k] = parseIso(text, c1 + 1);
          revenue[k] = text.slice(c2 + 1, nl);
          if (++k === CHUNK) flush();
        }
        pos = nl + 1;
      }
      carry = text.slice(pos);
    }
  } finally {
    await fh.close();
  }
  if (carry.length) throw new Error("the file does not end with a newline");
  if (k > 0) flush();
  ids = [];
  revenue = [];
  at = new Float64Array(0);
  const gcStart = performance.now();
  const accumulatorBytes = held() - heldBefore;
  const gcMs = performance.now() - gcStart;
  const t1 = performance.now();
  const table = acc.result();
  const t2 = performance.now();
  clearInterval(timer);
  sample();
  const customers = table.cohorts.reduce((s, c) => s + c.size, 0);
  const result = {
    events,
    seconds: (t2 - t0 - gcMs) / 1000,
    addSeconds: addMs / 1000,
    resultSeconds: (t2 - t1) / 1000,
    rssPeakSampledMiB: rssPeak / MiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    heapPeakSampledMiB: heapPeak / MiB,
    cohorts: table.cohorts.length,
    customers,
    accumulatorMiB: accumulatorBytes / MiB,
    bytesPerCustomer: accumulatorBytes / customers,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

await main();
