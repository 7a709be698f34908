/**
 * The one grouping primitive of the per-customer scans (summaries, RFM, repeat purchases):
 * the events read by `readEvents` are grouped by customer and each customer's events handed
 * to a scan as one contiguous run, sorted by key (time).
 *
 * 1. `readEvents` has laid the events out in partition order (the top bits of the id hash),
 *    each partition in input order;
 * 2. the engine's one numbering step (`read/customerNumbers.ts`) numbers the customers
 *    partition by partition, so that one partition's id table and events stay in the CPU
 *    cache, and the customers of a partition get contiguous numbers;
 * 3. per partition, lay each customer's events out contiguously (a counting sort by customer
 *    number), sort each run by key (insertion sort: runs are short and usually in order
 *    already; long runs by a typed-array sort), and hand the run to the scan.
 *
 * No per-event object, Map or Decimal, and no typed array of the heap: the columns, the
 * numbering's table and the scans' figures (typed arrays indexed by customer number) are
 * carved from the call's scratch memory (`memory.ts`).
 */
import { PARTITIONS } from "../constants.js";
import type { Arena } from "../memory.js";
import { numberCustomers } from "../read/customerNumbers.js";
import type { EventColumns } from "./eventColumns.js";

/** Runs up to this length are sorted by insertion (the others by a typed-array sort). */
const SHORT_RUN = 32;

/** The events of the customer being scanned: positions `lo` to `hi − 1` of each column. */
export interface Runs {
  /** Keys, sorted within a run (ties in input order). */
  readonly key: Int32Array;
  readonly value: Float64Array;
  /** Where each event's id is read (and its exact amount found, see `EventColumns.extra`). */
  readonly src: Int32Array;
}

/** A scan over each customer's run of events. */
export interface RunScan {
  /**
   * Called once, before any run, with the number of customers, the call's scratch memory
   * (not zeroed) for per-customer figures, and the columns every run is read from.
   */
  start(customers: number, scratch: Arena, runs: Runs): void;
  /** Customer `g`'s events: positions `lo` to `hi − 1` of the runs' columns. */
  run(g: number, lo: number, hi: number): void;
}

/**
 * The customers found: `rep[g]` is where customer g's id is read (`ids[rep[g]]`), and
 * `packed[3g…3g+2]` its packed form (see `packed` in read/ids.ts).
 */
export interface Grouped {
  readonly customers: number;
  readonly rep: Int32Array;
  readonly packed: Int32Array;
}

/** Scratch bytes of grouping `n` events (customer numbers, first events, runs). */
export function groupBytes(n: number): number {
  return 8 * n + 4096;
}

/**
 * Group the events of `ev` (in partition order, see `readEvents`) by customer and hand each
 * customer's run to `scan` (see the module comment). The columns of `ev` are overwritten;
 * its `ids` and `extra` stay. Working memory comes from `scratch`.
 */
export function groupByCustomer(ev: EventColumns, scan: RunScan, scratch: Arena): Grouped {
  const ids = ev.ids;
  const { starts, ends, key, value, src, packed } = ev;
  // 1. Number the customers partition by partition; `cust` is each event's customer.
  const cust = ev.hash; // each event's hash is read before its customer is written there
  const firstEvent = scratch.i32(ev.n);
  const { customers, firstOf } = numberCustomers(
    {
      starts,
      ends,
      hashes: ev.hash,
      hashMask: -1,
      packed,
      source: ev.loose ? src : null,
      same: (a, b) => ids[a] === ids[b],
    },
    cust,
    scratch,
    firstEvent,
  );

  // 2. Per partition: runs by customer, sorted by key, to the scan.
  let largest = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const size = (ends[p] as number) - (starts[p] as number);
    if (size > largest) largest = size;
  }
  const runKey = scratch.i32(largest);
  const runValue = scratch.f64(largest);
  const runSrc = scratch.i32(largest);
  const runAt = scratch.i32(largest + 1);
  scan.start(customers, scratch, { key: runKey, value: runValue, src: runSrc });
  for (let p = 0; p < PARTITIONS; p++) {
    const lo = starts[p] as number;
    const hi = ends[p] as number;
    if (lo === hi) continue;
    const gLo = firstOf[p] as number;
    const m = (firstOf[p + 1] as number) - gLo;
    runAt.fill(0, 0, m + 1);
    for (let j = lo; j < hi; j++) {
      const c = (cust[j] as number) - gLo + 1;
      runAt[c] = (runAt[c] as number) + 1;
    }
    for (let c = 0; c < m; c++) runAt[c + 1] = (runAt[c + 1] as number) + (runAt[c] as number);
    for (let j = lo; j < hi; j++) {
      const c = (cust[j] as number) - gLo;
      const at = runAt[c] as number;
      runAt[c] = at + 1;
      runKey[at] = key[j] as number;
      runValue[at] = value[j] as number;
      runSrc[at] = src[j] as number;
    }
    // runAt[c] is now the end of run c (the start of run c + 1).
    let from = 0;
    for (let c = 0; c < m; c++) {
      const to = runAt[c] as number;
      if (to - from > 1) sortRun(runKey, runValue, runSrc, from, to);
      scan.run(gLo + c, from, to);
      from = to;
    }
  }
  // Customer g's id is read at its first event; its packed form moves to packed[3g…3g+2]
  // (firstEvent grows with g and is at least g, so no slot is overwritten before it is read).
  const rep = firstEvent.subarray(0, customers);
  for (let g = 0; g < customers; g++) {
    const j = firstEvent[g] as number;
    rep[g] = src[j] as number;
    packed[3 * g] = packed[3 * j] as number;
    packed[3 * g + 1] = packed[3 * j + 1] as number;
    packed[3 * g + 2] = packed[3 * j + 2] as number;
  }
  return { customers, rep, packed: packed.subarray(0, 3 * customers) };
}

/** Sort positions lo..hi−1 of the three arrays by key, stably. */
function sortRun(
  key: Int32Array,
  value: Float64Array,
  src: Int32Array,
  lo: number,
  hi: number,
): void {
  if (hi - lo <= SHORT_RUN) {
    for (let i = lo + 1; i < hi; i++) {
      const k = key[i] as number;
      if ((key[i - 1] as number) <= k) continue;
      const v = value[i] as number;
      const s = src[i] as number;
      let j = i - 1;
      while (j >= lo && (key[j] as number) > k) {
        key[j + 1] = key[j] as number;
        value[j + 1] = value[j] as number;
        src[j + 1] = src[j] as number;
        j--;
      }
      key[j + 1] = k;
      value[j + 1] = v;
      src[j + 1] = s;
    }
    return;
  }
  let sorted = true;
  for (let i = lo + 1; i < hi && sorted; i++) sorted = (key[i - 1] as number) <= (key[i] as number);
  if (sorted) return;
  // key · len + offset is unique and exact while |key| < 2^29 and len < 2^24: sorting it
  // orders the run by key, ties by position. Longer runs (one customer with 16 M events) sort
  // their positions with a comparator.
  const len = hi - lo;
  const k = key.slice(lo, hi);
  const v = value.slice(lo, hi);
  const s = src.slice(lo, hi);
  let order: ArrayLike<number>;
  if (len < 16_777_216) {
    const composite = new Float64Array(len);
    for (let i = 0; i < len; i++) composite[i] = (k[i] as number) * len + i;
    composite.sort();
    for (let i = 0; i < len; i++) composite[i] = (((composite[i] as number) % len) + len) % len;
    order = composite;
  } else {
    order = Array.from({ length: len }, (_, i) => i).sort(
      (a, b) => (k[a] as number) - (k[b] as number) || a - b,
    );
  }
  for (let i = 0; i < len; i++) {
    const at = order[i] as number;
    key[lo + i] = k[at] as number;
    value[lo + i] = v[at] as number;
    src[lo + i] = s[at] as number;
  }
}
