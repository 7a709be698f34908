/**
 * The partitioned path of the event-analytics scans (lifecycle, active users) for columns
 * that the period masks do not take (ids that are not dense integers, or too many customers
 * × periods for the masks): each customer's distinct active periods, ascending, in one array.
 *
 * One pass validates the times and computes every event's period (`periodKeys`), one hashes
 * the ids and reads the revenue (each event's activity, under the `active` rule); the active
 * events are scattered into partition order by id hash (their period beside them) and numbered
 * partition by partition by the engine's one numbering step (`read/customerNumbers.ts`). While a partition's events are
 * still in the CPU cache, its customers' periods are grouped (a counting sort by customer),
 * sorted and made distinct (over at most 32 periods: one bit per customer and period of the
 * partition, read in order). Nothing holds a set per period or a bit per customer and period of
 * the whole log, so the memory is a few int32 per event whatever the span, and the time does
 * not grow with it.
 */
import { RevenueReader } from "../../../_lib/minor.js";
import { MAX_TABLE_CELLS, PARTITION_SHIFT, PARTITIONS } from "../constants.js";
import { ACTIVE, EventKinds, revenueSign } from "../eventKinds.js";
import { type Arena, withScratch } from "../memory.js";
import { numberCustomers, sortedIds } from "../read/customerNumbers.js";
import { hashId, packed } from "../read/ids.js";
import { asColumns, checkColumns, isTyped } from "../read/input.js";
import type { Resolved } from "../read/options.js";
import { DROPPED, periodKeys } from "../read/periodKeys.js";

/** Each active customer's distinct active periods, ascending (valid inside `withActiveRuns`). */
export class ActiveRuns {
  constructor(
    readonly options: Resolved,
    /** Smallest and largest active period (Infinity / −Infinity when there is none). */
    readonly first: number,
    readonly last: number,
    /** Customers with an active event. */
    readonly customers: number,
    /** Customer c's periods are `keys[runStart[c]]` to `keys[runStart[c + 1] − 1]`. */
    readonly runStart: Int32Array,
    readonly keys: Int32Array,
    /** The most periods of one customer. */
    readonly longest: number,
  ) {}
}

/** Scratch bytes per event of the path (keys, hashes, packed ids, their partition-order copies). */
const BYTES_PER_EVENT = 52; // 4 × 13 (a literal, so that bundlers drop it where unused)

/**
 * Runs `body` on the active runs of `events` when they are columns (and scratch memory can be
 * had); returns undefined, having read nothing into any table, otherwise (rows; without `asOf`,
 * more periods than a table may have, which the general table reports naming the event).
 */
export function withActiveRuns<T>(
  options: Resolved,
  events: unknown,
  body: (runs: ActiveRuns) => T,
): T | undefined {
  const cols = asColumns(options, events, options.fn);
  if (cols === null) return undefined;
  const prefix = "events";
  const n = checkColumns(options, cols, prefix);
  return withScratch(BYTES_PER_EVENT * n + 64 * PARTITIONS, (scratch) => {
    if (scratch === null) return undefined;
    const keys = scratch.i32(n);
    const extent = periodKeys(options, cols.at, n, prefix, keys, null);
    const read = readIdsAndActivity(options, cols.customerId, cols.revenue, keys, n, scratch);
    const first = read.first ?? extent.first;
    const last = read.last ?? extent.last;
    if (!options.hasAsOf && first <= last && last - first + 1 > MAX_TABLE_CELLS) return undefined;
    return body(groupRuns(options, cols.customerId, keys, n, read, first, last, scratch));
  });
}

/** The ids hashed and the active events counted per partition. */
interface ReadIds {
  readonly hashes: Int32Array;
  /** The packed form of each id, three int32 per event. */
  readonly packed: Int32Array;
  /** Whether an id has no packed form (`packed[3i + 2] === -1`). */
  readonly loose: boolean;
  /** Active events per partition, and in all. */
  readonly counts: Int32Array;
  readonly kept: number;
  /** The extent of the active keys when activity depends on revenue, else null (every key). */
  readonly first: number | null;
  readonly last: number | null;
}

/**
 * One pass over the ids and revenue, row by row (id, then revenue): validate and hash each id,
 * validate each revenue value and, unless every row is active (`active: 'rows'`, where the
 * values are only checked), set the key of each inactive event to DROPPED; count the active
 * events per partition.
 */
function readIdsAndActivity(
  options: Resolved,
  ids: ArrayLike<unknown>,
  revenue: ArrayLike<unknown> | undefined,
  keys: Int32Array,
  n: number,
  scratch: Arena,
): ReadIds {
  const { fn } = options;
  const prefix = "events";
  const kinds = new EventKinds(options);
  const { allActive } = kinds;
  const reader = new RevenueReader(options);
  const typedMinor = revenue !== undefined && options.minorUnits !== null && isTyped(revenue);
  const dropAll = revenue === undefined && (kinds.activity & ACTIVE) === 0;
  const hashes = scratch.i32(n);
  const packedIds = scratch.i32(3 * n);
  const counts = new Int32Array(PARTITIONS);
  const packedId = packed; // one read of the binding: a transpiled import may be a getter
  let loose = false;
  let kept = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const h = hashId(ids[i], fn, i, prefix);
    hashes[i] = h;
    packedIds[3 * i] = packedId[0] as number;
    packedIds[3 * i + 1] = packedId[1] as number;
    packedIds[3 * i + 2] = packedId[2] as number;
    if (packedId[2] === -1) loose = true;
    let k = keys[i] as number;
    if (revenue !== undefined) {
      let v: number;
      if (typedMinor) {
        v = revenue[i] as number;
        if (!Number.isSafeInteger(v)) v = reader.read(v, i, prefix);
      } else v = reader.read(revenue[i], i, prefix);
      if (!allActive) {
        const kind = v === 0 ? kinds.activity : kinds.of(revenueSign(v, reader.extra));
        if ((kind & ACTIVE) === 0) k = DROPPED;
      }
    } else if (dropAll) k = DROPPED;
    if (k === DROPPED) {
      keys[i] = DROPPED;
      continue;
    }
    const p = h >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
    kept++;
    if (k < first) first = k;
    if (k > last) last = k;
  }
  return {
    hashes,
    packed: packedIds,
    loose,
    counts,
    kept,
    first: allActive ? null : first,
    last: allActive ? null : last,
  };
}

/** Scatter the active events by partition, number their customers and group their keys. */
function groupRuns(
  options: Resolved,
  ids: ArrayLike<unknown>,
  keys: Int32Array,
  n: number,
  read: ReadIds,
  first: number,
  last: number,
  scratch: Arena,
): ActiveRuns {
  const { hashes, packed: packedIds, loose, counts, kept } = read;
  const starts = new Int32Array(PARTITIONS + 1);
  for (let p = 0; p < PARTITIONS; p++)
    starts[p + 1] = (starts[p] as number) + (counts[p] as number);
  // scatter the active events into partition order (hash, packed id, key, position).
  const sortedHash = scratch.i32(kept);
  const sortedPacked = scratch.i32(3 * kept);
  const sortedKey = scratch.i32(kept);
  const sortedSource = loose ? scratch.i32(kept) : null;
  const fill = starts.slice(0, PARTITIONS);
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (k === DROPPED) continue;
    const h = hashes[i] as number;
    const p = h >>> PARTITION_SHIFT;
    const j = fill[p] as number;
    fill[p] = j + 1;
    sortedHash[j] = h;
    sortedPacked[3 * j] = packedIds[3 * i] as number;
    sortedPacked[3 * j + 1] = packedIds[3 * i + 1] as number;
    sortedPacked[3 * j + 2] = packedIds[3 * i + 2] as number;
    sortedKey[j] = k;
    if (sortedSource !== null) sortedSource[j] = i;
  }
  // number each partition's customers, then group their keys while it is in cache.
  let largest = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const size = (starts[p + 1] as number) - (starts[p] as number);
    if (size > largest) largest = size;
  }
  const runKeys = scratch.i32(kept);
  const runStart = scratch.i32(kept + 1);
  const customerOf = hashes; // free after the scatter pass
  const local = new Int32Array(largest + 1);
  const at = new Int32Array(largest + 1);
  const grouped = new Int32Array(largest);
  let written = 0;
  let longest = 0;
  // at most 32 periods: one bit per customer of the partition and period, read in order
  const oneWord = last - first < 32;
  const group = (_p: number, lo: number, hi: number, firstCustomer: number, count: number) => {
    if (oneWord) {
      local.fill(0, 0, count);
      for (let j = lo; j < hi; j++) {
        const c = (customerOf[j] as number) - firstCustomer;
        local[c] = (local[c] as number) | (1 << ((sortedKey[j] as number) - first));
      }
      for (let c = 0; c < count; c++) {
        runStart[firstCustomer + c] = written;
        let word = local[c] as number;
        while (word !== 0) {
          runKeys[written++] = first + 31 - Math.clz32(word & -word);
          word &= word - 1;
        }
        const length = written - (runStart[firstCustomer + c] as number);
        if (length > longest) longest = length;
      }
      return;
    }
    // a counting sort of the partition's keys by customer (stable: input order)
    local.fill(0, 0, count + 1);
    for (let j = lo; j < hi; j++) {
      const c = (customerOf[j] as number) - firstCustomer + 1;
      local[c] = (local[c] as number) + 1;
    }
    for (let c = 0; c < count; c++) local[c + 1] = (local[c + 1] as number) + (local[c] as number);
    at.set(local.subarray(0, count), 0);
    for (let j = lo; j < hi; j++) {
      const c = (customerOf[j] as number) - firstCustomer;
      const q = at[c] as number;
      at[c] = q + 1;
      grouped[q] = sortedKey[j] as number;
    }
    for (let c = 0; c < count; c++) {
      const from = local[c] as number;
      const to = local[c + 1] as number;
      runStart[firstCustomer + c] = written;
      sortRun(grouped, from, to);
      let previous = DROPPED;
      for (let q = from; q < to; q++) {
        const k = grouped[q] as number;
        if (k === previous) continue;
        runKeys[written++] = k;
        previous = k;
      }
      const length = written - (runStart[firstCustomer + c] as number);
      if (length > longest) longest = length;
    }
  };
  const { customers } = numberCustomers(
    sortedIds(starts, sortedHash, sortedPacked, sortedSource, ids),
    customerOf,
    scratch,
    null,
    group,
  );
  runStart[customers] = written;
  return new ActiveRuns(options, first, last, customers, runStart, runKeys, longest);
}

/** Sort `keys[from … to − 1]` ascending (insertion sort for the short runs of most customers). */
function sortRun(keys: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    keys.subarray(from, to).sort();
    return;
  }
  for (let q = from + 1; q < to; q++) {
    const k = keys[q] as number;
    if ((keys[q - 1] as number) <= k) continue;
    let r = q - 1;
    while (r >= from && (keys[r] as number) > k) {
      keys[r + 1] = keys[r] as number;
      r--;
    }
    keys[r + 1] = k;
  }
}

/**
 * Calls `visit(keys, n)` once per active customer: `keys[0..n-1]` are its active periods,
 * ascending (a view valid during the call), as `visitActiveKeys` does for the general table.
 */
export function visitRunKeys(
  runs: ActiveRuns,
  visit: (keys: Float64Array, n: number) => void,
): void {
  const { customers, runStart, keys: runKeys } = runs;
  const keys = new Float64Array(Math.max(runs.longest, 1));
  for (let c = 0; c < customers; c++) {
    const lo = runStart[c] as number;
    const hi = runStart[c + 1] as number;
    for (let q = lo; q < hi; q++) keys[q - lo] = runKeys[q] as number;
    visit(keys, hi - lo);
  }
}
