/**
 * The one grouping primitive of the per-customer scans (summaries, RFM, repeat purchases):
 * the events read by `readEvents` are grouped by customer and each customer's events handed
 * to a scan as one contiguous run, sorted by key (time).
 *
 * 1. scatter the events into {@link PARTS} partitions by the top bits of the id hash (a
 *    stable counting sort, so that a partition keeps the input order);
 * 2. number the customers partition by partition with open addressing on (hash, packed id):
 *    one partition's table and events stay in the CPU cache, and the customers of a
 *    partition get contiguous numbers;
 * 3. per partition, lay each customer's events out contiguously (a counting sort by customer
 *    number), sort each run by key (insertion sort: runs are short and usually in order
 *    already; long runs by a typed-array sort), and hand the run to the scan.
 *
 * No per-event object, Map or Decimal: the scans keep their figures in typed arrays indexed
 * by customer number.
 */
import type { EventColumns } from "./readEvents.js";

/** Partitions: the top 8 bits of a 32-bit hash pick one of 256. */
const PARTS = 256;
const SHIFT = 24; // 32 - 8
/** Runs up to this length are sorted by insertion (the others by a typed-array sort). */
const SHORT_RUN = 32;

/** A scan over each customer's run of events. */
export interface RunScan {
  /** Called once, before any run, with the number of customers. */
  start(customers: number): void;
  /**
   * Customer `g`'s events: positions `lo` to `hi − 1` of `key` / `value` / `src`, sorted by
   * key (ties in input order).
   */
  run(
    g: number,
    key: Int32Array,
    value: Float64Array,
    src: Int32Array,
    lo: number,
    hi: number,
  ): void;
}

/**
 * The customers found: `rep[g]` is where customer g's id is read (`ids[rep[g]]`), and
 * `packed[3g…3g+2]` its packed form (see `packed` in ingest.ts).
 */
export interface Grouped {
  readonly customers: number;
  readonly rep: Int32Array;
  readonly packed: Int32Array;
}

/**
 * Group the events of `ev` by customer and hand each customer's run to `scan` (see the
 * module comment). The event columns of `ev` are consumed (emptied); its `ids` and `extra`
 * stay.
 */
export function groupByCustomer(ev: EventColumns, scan: RunScan): Grouped {
  const ids = ev.ids;
  // 1. Scatter into partitions.
  const { starts, largest, key, value, hash, pk, src } = scatter(ev);

  // 2. Number the customers partition by partition; `cust` is each event's customer.
  const cust = hash; // each event's hash is read once before its slot is overwritten
  let size = 16;
  while (size < 2 * largest) size *= 2;
  const table = new Int32Array(size);
  const tH = new Int32Array(largest);
  const tK0 = new Int32Array(largest);
  const tK1 = new Int32Array(largest);
  const tK2 = new Int32Array(largest);
  const tSrc = new Int32Array(largest);
  const firstOf = new Int32Array(PARTS + 1);
  // Customer g's packed id goes to pk[3g…3g+2]: g is at most the position of the event that
  // found it (a partition has no more customers than events), so the slot was read already.
  let g0 = 0;
  for (let p = 0; p < PARTS; p++) {
    firstOf[p] = g0;
    const lo = starts[p] as number;
    const hi = starts[p + 1] as number;
    if (lo === hi) continue;
    let tsize = 16;
    while (tsize < 2 * (hi - lo)) tsize *= 2;
    const tmask = tsize - 1;
    table.fill(0, 0, tsize);
    let local = 0;
    for (let j = lo; j < hi; j++) {
      const h = hash[j] as number;
      const k0 = pk[3 * j] as number;
      const k1 = pk[3 * j + 1] as number;
      const k2 = pk[3 * j + 2] as number;
      let slot = h & tmask;
      let c: number;
      for (;;) {
        const t = table[slot] as number;
        if (t === 0) {
          c = local++;
          tH[c] = h;
          tK0[c] = k0;
          tK1[c] = k1;
          tK2[c] = k2;
          tSrc[c] = src[j] as number;
          table[slot] = c + 1;
          break;
        }
        c = t - 1;
        if (
          tH[c] === h &&
          tK2[c] === k2 &&
          (k2 === -1
            ? ids[tSrc[c] as number] === ids[src[j] as number]
            : tK0[c] === k0 && tK1[c] === k1)
        )
          break;
        slot = (slot + 1) & tmask;
      }
      cust[j] = g0 + c;
    }
    for (let c = 0; c < local; c++) {
      const g = g0 + c;
      pk[3 * g] = tK0[c] as number;
      pk[3 * g + 1] = tK1[c] as number;
      pk[3 * g + 2] = tK2[c] as number;
    }
    g0 += local;
  }
  firstOf[PARTS] = g0;
  const customers = g0;
  scan.start(customers);

  // 3. Per partition: runs by customer, sorted by key, to the scan.
  const runKey = new Int32Array(largest);
  const runValue = new Float64Array(largest);
  const runSrc = new Int32Array(largest);
  const runAt = new Int32Array(largest + 1);
  const rep = new Int32Array(customers);
  for (let p = 0; p < PARTS; p++) {
    const lo = starts[p] as number;
    const hi = starts[p + 1] as number;
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
      rep[gLo + c] = runSrc[from] as number;
      if (to - from > 1) sortRun(runKey, runValue, runSrc, from, to);
      scan.run(gLo + c, runKey, runValue, runSrc, from, to);
      from = to;
    }
  }
  return { customers, rep, packed: pk.subarray(0, 3 * customers) };
}

/**
 * Copy the events of `ev` into partition order (a stable counting sort on the top bits of
 * the hash), then empty `ev`'s event columns so that their memory is free.
 */
function scatter(ev: EventColumns) {
  const n = ev.n;
  const starts = new Int32Array(PARTS + 1);
  const hashes = ev.hash;
  for (let j = 0; j < n; j++) {
    const p = ((hashes[j] as number) >>> SHIFT) + 1;
    starts[p] = (starts[p] as number) + 1;
  }
  let largest = 0;
  for (let p = 0; p < PARTS; p++) {
    const c = starts[p + 1] as number;
    if (c > largest) largest = c;
    starts[p + 1] = (starts[p] as number) + c;
  }
  const key = new Int32Array(n);
  const value = new Float64Array(n);
  const hash = new Int32Array(n);
  const pk = new Int32Array(3 * n);
  const src = new Int32Array(n);
  const fill = starts.slice(0, PARTS);
  const k = ev.key;
  const v = ev.value;
  const q = ev.packed;
  const s = ev.src;
  for (let j = 0; j < n; j++) {
    const h = hashes[j] as number;
    const p = h >>> SHIFT;
    const at = fill[p] as number;
    fill[p] = at + 1;
    key[at] = k[j] as number;
    value[at] = v[j] as number;
    hash[at] = h;
    pk[3 * at] = q[3 * j] as number;
    pk[3 * at + 1] = q[3 * j + 1] as number;
    pk[3 * at + 2] = q[3 * j + 2] as number;
    src[at] = s[j] as number;
  }
  ev.key = new Int32Array(0);
  ev.value = new Float64Array(0);
  ev.hash = new Int32Array(0);
  ev.packed = new Int32Array(0);
  ev.src = new Int32Array(0);
  return { starts, largest, key, value, hash, pk, src };
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
