/**
 * The one-shot path of `cohortAnalysis` for columns and calendar periods.
 *
 * When the whole input is at hand, each customer's activity over the periods of the data is
 * a bit mask, one bit per period (one int32 word per 32 periods): the cohort is the lowest
 * set bit, the active cells are the set bits, and the last active period is the highest
 * one. The engine then needs a few bytes per customer and no per-(customer, period) entries:
 *
 * 1. one pass computes every event's period (and validates the times);
 * 2. dense integer ids (dictionary codes, `Int32Array` or integral `Float64Array` over a
 *    range of about the number of events) index the masks directly; any other ids are
 *    hashed, scattered into 256 partitions by hash, and numbered partition by partition,
 *    so that the id table and the masks of the partition being numbered stay in the CPU
 *    cache;
 * 3. revenue is added to (cohort, period) cells in integer units once the masks are final.
 *
 * Inputs this path does not cover (rolling boundaries, explicit cohorts, data spanning more
 * than 1,024 periods, masks beyond 256 MiB) go to the general engine in state.ts, which
 * gives the same table.
 */
import type { Decimal } from "../../_lib/decimal.js";
import { exact, fromUnits } from "../../_lib/minor.js";
import { isoInstant } from "../../_lib/time.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "./eventKinds.js";
import { hashId, packed, type Resolved, RevenueReader, readInstant } from "./ingest.js";
import { DayPeriods, ZoneClock } from "./periods.js";
import {
  addRead,
  borrowScratch,
  type Columns,
  checkColumns,
  isTyped,
  readRow,
  type ScratchLease,
  State,
} from "./state.js";
import { assembleTable, buildTable, checkCells, emptyTable } from "./table.js";
import type { CohortTable } from "./types.js";

/** The period of an event at or after `asOf` (left out). */
const DROP = -2147483648;
const MAX_SAFE = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER, as a literal that bundlers can drop
const MAX_MS = 8.64e15;
const MS_PER_DAY = 86_400_000;
/** Most periods the masks hold (32 per int32 word). */
const SPAN = 1024;
/** Most bytes of masks (beyond that, the general engine's entries are smaller). */
const MAX_MASK_BYTES = 268_435_456; // 256 MiB
/** Partitions of hashed ids: the top 8 bits of a 32-bit hash pick one of 256. */
const PARTS = 256;
const SHIFT = 24; // 32 - 8

/** Sub-arrays of one scratch buffer, 8-byte aligned. */
class Carver {
  private at = 0;
  constructor(private readonly buf: ArrayBuffer) {}
  private take(bytes: number): number {
    const o = this.at;
    this.at += Math.ceil(bytes / 8) * 8;
    return o;
  }
  i32(n: number): Int32Array<ArrayBuffer> {
    return new Int32Array(this.buf, this.take(4 * n), n);
  }
  f64(n: number): Float64Array<ArrayBuffer> {
    return new Float64Array(this.buf, this.take(8 * n), n);
  }
}

/** Index of the lowest set bit of a non-zero int32. */
function low(m: number): number {
  return 31 - Math.clz32(m & -m);
}

/** Lowest set bit of the `words`-word mask at `off`, or -1. */
function lowest(masks: Int32Array, off: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const m = masks[off + w] as number;
    if (m !== 0) return 32 * w + low(m);
  }
  return -1;
}

/** Whether the mask at `off` has a bit in `lo..hi`. */
function anyIn(masks: Int32Array, off: number, lo: number, hi: number): boolean {
  for (let w = lo >>> 5; w <= hi >>> 5; w++) {
    const a = w === lo >>> 5 ? lo & 31 : 0;
    const width = (w === hi >>> 5 ? hi & 31 : 31) - a + 1;
    const window = width === 32 ? -1 : ((1 << width) - 1) << a;
    if (((masks[off + w] as number) & window) !== 0) return true;
  }
  return false;
}

/** Revenue already read: integer units of `10^-scale`, NaN where `extra` has the exact amount. */
export interface PreRead {
  readonly value: Float64Array;
  readonly extra: Map<number, Decimal> | null;
}

/** Ids already validated and hashed (see `hashId`), with equality of two events' ids. */
export interface PreHashed {
  readonly hashes: Int32Array;
  /** The packed form of each id, three int32 per event. */
  readonly packed: Int32Array;
  /** Whether any id is not packable (`packed[3i + 2] === -1`). */
  readonly loose: boolean;
  readonly same: (a: number, b: number) => boolean;
}

/** Scratch bytes of {@link columnarTable}. */
function scratchBytes(n: number, dense: [number, number] | null, hashed: boolean): number {
  return dense !== null ? 4 * n + 4 * dense[1] + 64 : (hashed ? 36 : 52) * n + 64;
}

/** `[min, range]` of integer ids dense enough to index masks directly, or null. */
function denseIds(ids: ArrayLike<unknown>, n: number): [number, number] | null {
  if (!(ids instanceof Int32Array || ids instanceof Float64Array)) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = ids[i] as number;
    if ((v | 0) !== v) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  return range <= 2 * n + 4096 ? [min, range] : null;
}

/**
 * The cohort table of columns, or null when the input needs the general engine. Throws
 * `MetricInputError` for invalid input exactly as the general engine does.
 */
export function columnarTable(
  r: Resolved,
  cols: Columns,
  prefix: string,
  pre: PreRead | null = null,
  hashed: PreHashed | null = null,
  scratch: Carver | null = null,
): CohortTable | null {
  if (scratch !== null) return columnar(r, cols, prefix, pre, hashed, () => scratch);
  const lease = borrowScratch();
  try {
    return columnar(r, cols, prefix, pre, hashed, (bytes) => new Carver(take(lease, bytes)));
  } catch (error) {
    if (error === NO_MEMORY) return null;
    throw error;
  } finally {
    lease.done();
  }
}

/** Thrown by {@link take} when the scratch buffer cannot be allocated. */
const NO_MEMORY = Symbol("no memory");

/**
 * Scratch memory from a lease. When the system cannot provide it, the caller returns null
 * and the general engine, which works in bounded batches, takes over.
 */
function take(lease: ScratchLease, bytes: number): ArrayBuffer {
  try {
    return lease.take(bytes);
  } catch {
    throw NO_MEMORY;
  }
}

function columnar(
  r: Resolved,
  cols: Columns,
  prefix: string,
  pre: PreRead | null,
  hashed: PreHashed | null,
  scratch: (bytes: number) => Carver,
): CohortTable | null {
  if (r.boundaries !== "calendar" || cols.cohortOf !== undefined) return null;
  const n = checkColumns(r, cols, prefix);
  if (n === 0) return null;
  const fn = r.fn;
  const ids = cols.customerId;
  const atCol = cols.at;
  const rev = cols.revenue;
  const clock = new ZoneClock(r.zone);
  const days = new DayPeriods(r.period, r.weekStartsOn);
  const reader = new RevenueReader(r);
  const typedMinor = pre === null && rev !== undefined && r.minorUnits !== null && isTyped(rev);
  const raw = pre === null && rev !== undefined && !typedMinor ? rev : null;
  const dense = hashed === null ? denseIds(ids, n) : null;
  const mem = scratch(scratchBytes(n, dense, hashed !== null));

  // Pass 1: every event's period (DROP at or after asOf); validates the times.
  const keys = mem.i32(n);
  const asOf = r.asOf;
  const mode = clock.utc ? 1 : 2;
  let kMin = Number.POSITIVE_INFINITY;
  let kMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let t = atCol[i];
    if (typeof t !== "number" || !(t <= MAX_MS && t >= -MAX_MS))
      t = readInstant(t, r.zone, fn, i, prefix, "at");
    const ms = t as number;
    if (!(ms < asOf)) {
      keys[i] = DROP;
      continue;
    }
    const k =
      mode === 1
        ? days.of(Math.floor(ms / MS_PER_DAY))
        : days.of(Math.floor(clock.local(ms) / MS_PER_DAY));
    keys[i] = k;
    if (k < kMin) kMin = k;
    if (k > kMax) kMax = k;
  }
  if (typedMinor) {
    const tv = rev as ArrayLike<number>;
    for (let i = 0; i < n; i++) {
      const v = tv[i] as number;
      if (!Number.isSafeInteger(v)) reader.read(v, i, prefix);
    }
  }
  const span = kMax - kMin + 1;
  if (span > SPAN) return null;
  const W = span > 0 ? span : 1;
  const words = (W + 31) >>> 5;
  const upper = dense !== null ? dense[1] : n;
  if (words > 1 && upper * words * 4 > MAX_MASK_BYTES) return null;
  let typed = pre !== null ? pre.value : typedMinor ? (rev as ArrayLike<number>) : null;
  let preExtra = pre?.extra ?? null;
  const kinds = new EventKinds(r);
  const allActive = kinds.allActive;
  const netRefunds = (kinds.refund & COUNTED) !== 0;
  /** Highest period bit of revenue counted in a customer's cohort (it may follow the last active one). */
  let revenueTop = -1;
  const minor = new Float64Array(W * W);
  let extras: Map<number, Decimal> | null = null;
  const addExtra = (cell: number, d: Decimal) => {
    if (extras === null) extras = new Map();
    const prev = extras.get(cell);
    extras.set(cell, prev === undefined ? exact(d) : prev.plus(d));
  };
  /** Revenue that does not fit the integer sum: `v` beyond the safe range, or NaN. */
  const slowAdd = (cell: number, v: number, x: Decimal | undefined) => {
    if (Number.isNaN(v)) addExtra(cell, x as Decimal);
    else addExtra(cell, fromUnits(v, r.scale));
  };

  // Masks of one word live in the scratch buffer; longer ones get their own arrays, with
  // each customer's cohort bit in `first`.
  let masks: Int32Array;
  let first: Int32Array | null = null;
  let customers: number;
  if (dense !== null) {
    const [base, range] = dense;
    masks = words === 1 ? mem.i32(range).fill(0) : new Int32Array(range * words);
    customers = range;
    if (raw !== null && !allActive) {
      // Activity depends on the sign of revenue: read it before the masks.
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = reader.read(raw[i], i, prefix);
        values[i] = v;
        if (Number.isNaN(v)) {
          if (preExtra === null) preExtra = new Map();
          preExtra.set(i, reader.extra as Decimal);
        }
      }
      typed = values;
    }
    const signs = allActive ? null : typed;
    const activity = kinds.activity;
    if (words === 1) {
      for (let i = 0; i < n; i++) {
        const k = keys[i] as number;
        if (k === DROP) continue;
        if (!allActive) {
          const v = signs === null ? 0 : (signs[i] as number);
          const kind = v === 0 ? activity : kinds.of(revenueSign(v, preExtra?.get(i)));
          if ((kind & ACTIVE) === 0) continue;
        }
        const g = (ids[i] as number) - base;
        masks[g] = (masks[g] as number) | (1 << (k - kMin));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const k = keys[i] as number;
        if (k === DROP) continue;
        if (!allActive) {
          const v = signs === null ? 0 : (signs[i] as number);
          const kind = v === 0 ? activity : kinds.of(revenueSign(v, preExtra?.get(i)));
          if ((kind & ACTIVE) === 0) continue;
        }
        const bit = k - kMin;
        const at = ((ids[i] as number) - base) * words + (bit >>> 5);
        masks[at] = (masks[at] as number) | (1 << bit);
      }
    }
    if (words > 1) {
      first = new Int32Array(range);
      for (let g = 0; g < range; g++) first[g] = lowest(masks, g * words, words);
    }
    if (rev !== undefined || pre !== null) {
      for (let i = 0; i < n; i++) {
        let v: number;
        let x: Decimal | undefined;
        if (typed !== null) {
          v = typed[i] as number;
          if (Number.isNaN(v)) x = preExtra?.get(i);
        } else {
          v = reader.read((raw as ArrayLike<unknown>)[i], i, prefix);
          if (Number.isNaN(v)) x = reader.extra as Decimal;
        }
        const k = keys[i] as number;
        if (k === DROP || v === 0) continue;
        if (!netRefunds && revenueSign(v, x) < 0) continue;
        const g = (ids[i] as number) - base;
        const cohort = first === null ? low(masks[g] as number) : (first[g] as number);
        const bit = k - kMin;
        // no active event yet (-1) or a refund before the cohort: not counted
        if (cohort < 0 || bit < cohort) continue;
        if (bit > revenueTop) revenueTop = bit;
        const cell = cohort * W + bit;
        const s = (minor[cell] as number) + v;
        if (s <= MAX_SAFE && s >= -MAX_SAFE) minor[cell] = s;
        else slowAdd(cell, v, x);
      }
    }
  } else {
    // Pass 2: validate and hash the ids (with their packed form), count events per partition.
    const hashes = hashed?.hashes ?? mem.i32(n);
    const kA = hashed?.packed ?? mem.i32(3 * n);
    const counts = new Int32Array(PARTS);
    let loose = hashed?.loose ?? false;
    let kept = 0;
    if (hashed === null) {
      const pk = packed; // one read of the binding: a transpiled import may be a getter
      for (let i = 0; i < n; i++) {
        const h = hashId(ids[i], fn, i, prefix);
        hashes[i] = h;
        const k2 = pk[2] as number;
        kA[3 * i] = pk[0] as number;
        kA[3 * i + 1] = pk[1] as number;
        kA[3 * i + 2] = k2;
        if (k2 === -1) loose = true;
      }
    }
    for (let i = 0; i < n; i++) {
      if (keys[i] !== DROP) {
        const p = (hashes[i] as number) >>> SHIFT;
        counts[p] = (counts[p] as number) + 1;
        kept++;
      }
    }
    const same = hashed?.same ?? ((a: number, b: number) => ids[a] === ids[b]);
    const starts = new Int32Array(PARTS + 1);
    let largest = 0;
    for (let p = 0, sum = 0; p < PARTS; p++) {
      starts[p] = sum;
      const c = counts[p] as number;
      sum += c;
      if (c > largest) largest = c;
      starts[p + 1] = sum;
    }
    // Pass 3: scatter into partition order: low hash bits with the period bit on top (kb
    // bits), packed id, revenue.
    const kb = Math.max(1, 32 - Math.clz32(W - 1));
    const kShift = 32 - kb;
    const hmask = -1 >>> kb;
    const pHK = mem.i32(kept);
    const pK = mem.i32(3 * kept);
    const pVal = rev === undefined && pre === null ? null : mem.f64(kept);
    const pSrc = loose ? mem.i32(kept) : null;
    let xj: Map<number, Decimal> | null = null;
    const fill = starts.slice(0, PARTS);
    for (let i = 0; i < n; i++) {
      let v = 0;
      if (typed !== null) v = typed[i] as number;
      else if (raw !== null) v = reader.read(raw[i], i, prefix);
      const k = keys[i] as number;
      if (k === DROP) continue;
      const h = hashes[i] as number;
      const p = h >>> SHIFT;
      const j = fill[p] as number;
      fill[p] = j + 1;
      pHK[j] = (h & hmask) | ((k - kMin) << kShift);
      pK[3 * j] = kA[3 * i] as number;
      pK[3 * j + 1] = kA[3 * i + 1] as number;
      pK[3 * j + 2] = kA[3 * i + 2] as number;
      if (pVal !== null) {
        pVal[j] = v;
        if (Number.isNaN(v)) {
          if (xj === null) xj = new Map();
          xj.set(j, (typed !== null ? preExtra?.get(i) : reader.extra) as Decimal);
        }
      }
      if (pSrc !== null) pSrc[j] = i;
    }
    // Pass 4: number the customers partition by partition (global numbers are contiguous
    // within a partition), set their period bits, then add the partition's revenue.
    let size = 16;
    while (size < 2 * largest) size *= 2;
    masks = words === 1 ? mem.i32(kept) : new Int32Array(kept * words);
    if (words > 1) first = new Int32Array(kept);
    const table = new Int32Array(size);
    const rH = new Int32Array(largest);
    const rK0 = new Int32Array(largest);
    const rK1 = new Int32Array(largest);
    const rK2 = new Int32Array(largest);
    const rSrc = loose ? new Int32Array(largest) : null;
    const pG = hashes; // free after the scatter pass
    let g0 = 0;
    for (let p = 0; p < PARTS; p++) {
      const lo = starts[p] as number;
      const hi = starts[p + 1] as number;
      if (lo === hi) continue;
      let tsize = 16;
      while (tsize < 2 * (hi - lo)) tsize *= 2;
      const tmask = tsize - 1;
      table.fill(0, 0, tsize);
      let local = 0;
      for (let j = lo; j < hi; j++) {
        const hk = pHK[j] as number;
        const h = hk & hmask;
        const k0 = pK[3 * j] as number;
        const k1 = pK[3 * j + 1] as number;
        const k2 = pK[3 * j + 2] as number;
        let slot = h & tmask;
        let c: number;
        for (;;) {
          const t = table[slot] as number;
          if (t === 0) {
            c = local++;
            rH[c] = h;
            rK0[c] = k0;
            rK1[c] = k1;
            rK2[c] = k2;
            if (rSrc !== null) rSrc[c] = (pSrc as Int32Array)[j] as number;
            table[slot] = c + 1;
            if (words === 1) masks[g0 + c] = 0;
            break;
          }
          c = t - 1;
          if (
            rH[c] === h &&
            rK2[c] === k2 &&
            (k2 === -1
              ? same((rSrc as Int32Array)[c] as number, (pSrc as Int32Array)[j] as number)
              : rK0[c] === k0 && rK1[c] === k1)
          )
            break;
          slot = (slot + 1) & tmask;
        }
        const g = g0 + c;
        pG[j] = g;
        if (!allActive) {
          const v = pVal === null ? 0 : (pVal[j] as number);
          const kind = v === 0 ? kinds.activity : kinds.of(revenueSign(v, xj?.get(j)));
          if ((kind & ACTIVE) === 0) continue;
        }
        const bit = hk >>> kShift;
        const at = words === 1 ? g : g * words + (bit >>> 5);
        masks[at] = (masks[at] as number) | (1 << bit);
      }
      if (first !== null)
        for (let g = g0; g < g0 + local; g++) first[g] = lowest(masks, g * words, words);
      if (pVal !== null) {
        for (let j = lo; j < hi; j++) {
          const v = pVal[j] as number;
          if (v === 0) continue;
          if (!netRefunds && revenueSign(v, xj?.get(j)) < 0) continue;
          const g = pG[j] as number;
          const cohort = first === null ? low(masks[g] as number) : (first[g] as number);
          const bit = (pHK[j] as number) >>> kShift;
          if (cohort < 0 || bit < cohort) continue;
          if (bit > revenueTop) revenueTop = bit;
          const cell = cohort * W + bit;
          const s = (minor[cell] as number) + v;
          if (s <= MAX_SAFE && s >= -MAX_SAFE) minor[cell] = s;
          else slowAdd(cell, v, xj?.get(j));
        }
      }
      g0 += local;
    }
    customers = g0;
  }
  if (kMin === Number.POSITIVE_INFINITY) return emptyTable(r);
  // With asOf the table runs to the period holding its last instant; without, to the last
  // period with an active event or counted revenue (maskTable finds the active one).
  const L = r.hasAsOf
    ? days.of(Math.floor(clock.local(r.asOf - 1) / MS_PER_DAY))
    : kMin + revenueTop;
  return maskTable(r, masks, words, customers, kMin, W, L, minor, extras);
}

/**
 * The table from per-customer period masks (`words` int32 per customer; bit b: active in
 * period `kMin + b`) and revenue per (cohort bit, period bit) cell `cohort * W + period`.
 */
function maskTable(
  r: Resolved,
  masks: Int32Array,
  words: number,
  customers: number,
  kMin: number,
  W: number,
  lastPeriod: number,
  revenue: Float64Array,
  revenueExtra: Map<number, Decimal> | null,
): CohortTable {
  let L = lastPeriod;
  // Periods after L (the period holding asOf) are not reported.
  let lim = r.hasAsOf ? L - kMin + 1 : W;
  if (lim <= 0) return emptyTable(r);
  const allow = new Int32Array(words);
  for (let w = 0; w < words; w++) {
    const bits = lim - 32 * w;
    allow[w] = bits >= 32 ? -1 : bits <= 0 ? 0 : (1 << bits) - 1;
  }
  const act = new Float64Array(W * W);
  const last = new Float64Array(W * W);
  const size = new Float64Array(W);
  let live = 0;
  let activeTop = -1;
  for (let g = 0; g < customers; g++) {
    const off = g * words;
    let b = -1;
    let top = -1;
    for (let w = 0; w < words; w++) {
      const m = (masks[off + w] as number) & (allow[w] as number);
      if (m === 0) continue;
      if (b < 0) b = 32 * w + low(m);
      top = 32 * w + 31 - Math.clz32(m);
    }
    if (b < 0) continue;
    live++;
    if (top > activeTop) activeTop = top;
    const row = b * W;
    size[b] = (size[b] as number) + 1;
    last[row + top] = (last[row + top] as number) + 1;
    for (let w = 0; w < words; w++) {
      for (let x = (masks[off + w] as number) & (allow[w] as number); x !== 0; x &= x - 1) {
        const cell = row + 32 * w + low(x);
        act[cell] = (act[cell] as number) + 1;
      }
    }
  }
  if (live === 0) return emptyTable(r);
  if (!r.hasAsOf) {
    // the last period with an active event, or with revenue counted after it (L - kMin)
    lim = Math.max(activeTop, L - kMin) + 1;
    L = kMin + lim - 1;
  }
  // The masks of the customers in the table, for bracket retention.
  const kept = new Int32Array(live * words);
  for (let g = 0, i = 0; g < customers; g++) {
    const off = g * words;
    let any = 0;
    for (let w = 0; w < words; w++) any |= (masks[off + w] as number) & (allow[w] as number);
    if (any === 0) continue;
    for (let w = 0; w < words; w++)
      kept[i * words + w] = (masks[off + w] as number) & (allow[w] as number);
    i++;
  }
  const rowC: number[] = [];
  const lens: number[] = [];
  const sizes: number[] = [];
  const rowOf = new Int32Array(W).fill(-1);
  const offsetList = [0];
  for (let b = 0; b < W; b++) {
    if (size[b] === 0) continue;
    rowOf[b] = rowC.length;
    rowC.push(kMin + b);
    sizes.push(size[b] as number);
    const len = L - (kMin + b) + 1;
    lens.push(len);
    offsetList.push((offsetList[offsetList.length - 1] as number) + len);
  }
  // Only a distant asOf can take the table beyond its limit here (the data span at most
  // SPAN periods).
  checkCells(
    r,
    offsetList[rowC.length] as number,
    kMin,
    L,
    "asOf",
    r.hasAsOf ? isoInstant(r.asOf) : undefined,
  );
  const offsets = Int32Array.from(offsetList);
  const cells = offsets[rowC.length] as number;
  const active = new Float64Array(cells);
  const minor = new Float64Array(cells);
  const lastActive = new Float64Array(cells);
  let extras: Map<number, Decimal> | null = null;
  for (let row = 0; row < rowC.length; row++) {
    const b = (rowC[row] as number) - kMin;
    const o = offsets[row] as number;
    for (let k = 0; k < (lens[row] as number) && b + k < W; k++) {
      const src = b * W + b + k;
      active[o + k] = act[src] as number;
      minor[o + k] = revenue[src] as number;
      lastActive[o + k] = last[src] as number;
      const x = revenueExtra?.get(src);
      if (x !== undefined) {
        if (extras === null) extras = new Map();
        extras.set(o + k, x);
      }
    }
  }
  const nRows = rowC.length;
  return assembleTable(r, {
    rowC,
    lens,
    sizes,
    offsets,
    active,
    minor,
    extras,
    lastActive,
    bracketCounts: (brackets) => {
      const nb = brackets.length;
      const counts = new Float64Array(nRows * nb);
      const bits = 32 * words;
      for (let i = 0; i < live; i++) {
        const off = i * words;
        const b = lowest(kept, off, words);
        const at = (rowOf[b] as number) * nb;
        for (let q = 0; q < nb; q++) {
          const [from, to] = brackets[q] as readonly [number, number];
          const lo = b + from;
          const hi = Math.min(b + to, bits - 1);
          if (lo <= hi && anyIn(kept, off, lo, hi)) counts[at + q] = (counts[at + q] as number) + 1;
        }
      }
      return counts;
    },
  });
}

/**
 * The cohort table of an array of rows through the column path: one pass reads each row's
 * fields once (times and revenue into typed arrays, ids validated and hashed, or kept as
 * int32 codes while they all are), or null when the input needs the general engine.
 */
export function rowsTable(
  r: Resolved,
  rows: readonly unknown[],
  prefix: string,
): CohortTable | null {
  if (r.boundaries !== "calendar" || r.getCohort !== null) return null;
  const n = rows.length;
  if (n === 0) return null;
  const lease = borrowScratch();
  try {
    return readRows(r, rows, prefix, lease);
  } catch (error) {
    if (error === NO_MEMORY) return null;
    throw error;
  } finally {
    lease.done();
  }
}

function readRows(
  r: Resolved,
  rows: readonly unknown[],
  prefix: string,
  lease: ScratchLease,
): CohortTable | null {
  const n = rows.length;
  const fn = r.fn;
  // One scratch buffer for the columns read here and the column path's own arrays.
  const rest = Math.max(scratchBytes(n, null, true), scratchBytes(n, [0, 2 * n + 4096], false));
  const mem = new Carver(take(lease, 36 * n + 64 + rest));
  const at = mem.f64(n);
  const value = mem.f64(n);
  const hashes = mem.i32(n);
  const kA = mem.i32(3 * n);
  let ints: Int32Array | null = mem.i32(n);
  let loose = false;
  let extra: Map<number, Decimal> | null = null;
  const reader = new RevenueReader(r);
  const { getId } = r;
  const pk = packed;
  const out = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const id = readRow(r, reader, rows[i], i, prefix, out);
    at[i] = out[0] as number;
    const v = out[1] as number;
    value[i] = v;
    if (Number.isNaN(v)) {
      if (extra === null) extra = new Map();
      extra.set(i, reader.extra as Decimal);
    }
    hashes[i] = hashId(id, fn, i, prefix);
    const k2 = pk[2] as number;
    kA[3 * i] = pk[0] as number;
    kA[3 * i + 1] = pk[1] as number;
    kA[3 * i + 2] = k2;
    if (k2 === -1) loose = true;
    if (ints !== null) {
      if (k2 === -2) ints[i] = pk[0] as number;
      else ints = null;
    }
  }
  // Ids that are not packable are compared by reading them from their rows again.
  const idOf = (i: number) => {
    const row = rows[i] as { customerId?: unknown };
    return getId === null ? row.customerId : getId(row, i);
  };
  const denseCodes = ints !== null && denseIds(ints, n) !== null;
  const customerId: ArrayLike<unknown> = denseCodes ? (ints as Int32Array) : { length: n };
  const cols = { customerId, at, revenue: value };
  const table = columnarTable(
    r,
    cols,
    prefix,
    { value, extra },
    denseCodes
      ? null
      : { hashes, packed: kA, loose, same: (a: number, b: number) => idOf(a) === idOf(b) },
    mem,
  );
  if (table !== null) return table;
  // A span the masks do not cover: the general engine over the values read (its scratch
  // memory is its own while this call holds the pooled buffer).
  const ids = Array.from({ length: n }, (_, i) => (ints !== null ? ints[i] : idOf(i)));
  const s = new State(r);
  addRead(s, ids, at, value, extra, prefix);
  return buildTable(s, true);
}
