/**
 * Per-customer state of the cohort engine, partitioned by a hash of the customer id.
 *
 * Each partition holds its customers (a Map from id to a local index, plus typed arrays) and
 * its entries: for calendar periods one entry per distinct (customer, period) with the
 * revenue of that customer in that period in integer units; for rolling periods one entry
 * per event (instant and revenue), because the windows depend on the customer's first event.
 * Partitioning keeps each partition's working set small enough for the CPU cache when a
 * large batch is aggregated one partition at a time.
 */
import { describe } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import { exact, fromUnits } from "../../_lib/minor.js";
import { MetricInputError } from "../../errors.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "./eventKinds.js";
import { hashId, idHash, packed, type Resolved, RevenueReader, readInstant } from "./ingest.js";
import { DayPeriods, ZoneClock } from "./periods.js";
import type { CustomerId } from "./types.js";

export const PART_BITS = 8;
export const PARTS = 256; // 2^PART_BITS
/** Int32 slots per customer record. */
const CK = 8;
const MAX_SAFE = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER, as a literal that bundlers can drop
const MS_PER_DAY = 86_400_000;

/**
 * Memory for the partitions' typed arrays, carved from a few large ArrayBuffers. The engine
 * of V8 starts a full garbage collection for about every 64 MB of ArrayBuffer memory
 * allocated, and a full collection has to mark everything the caller holds (10 million id
 * strings take 0.7 s to mark): one large buffer instead of thousands of small ones keeps
 * that to about one collection per call. A regrown array leaves its old range unused.
 */
export class Arena {
  private buf: ArrayBuffer | null = null;
  private used = 0;
  /** Size of the next buffer when none is reserved (doubles up to 256 MiB). */
  private next = 1 << 16;

  /** Make sure `bytes` more can be carved without a new allocation. */
  reserve(bytes: number): void {
    if (this.buf === null || this.buf.byteLength - this.used < bytes) {
      this.buf = new ArrayBuffer(Math.max(bytes, this.next));
      this.used = 0;
      if (this.next < 1 << 28) this.next *= 2;
    }
  }

  /** Bytes left in the current buffer. */
  room(): number {
    return this.buf === null ? 0 : this.buf.byteLength - this.used;
  }

  private take(bytes: number): number {
    const b = Math.ceil(bytes / 8) * 8;
    if (this.buf === null || this.buf.byteLength - this.used < b) {
      this.buf = new ArrayBuffer(Math.max(b, this.next));
      this.used = 0;
      if (this.next < 1 << 28) this.next *= 2;
    }
    const o = this.used;
    this.used += b;
    return o;
  }

  f64(n: number): Float64Array<ArrayBuffer> {
    const o = this.take(8 * n);
    return new Float64Array(this.buf as ArrayBuffer, o, n);
  }

  i32(n: number): Int32Array<ArrayBuffer> {
    const o = this.take(4 * n);
    return new Int32Array(this.buf as ArrayBuffer, o, n);
  }

  u8(n: number): Uint8Array<ArrayBuffer> {
    const o = this.take(n);
    return new Uint8Array(this.buf as ArrayBuffer, o, n);
  }
}

/** One hash partition of customers and their entries. */
export class Part {
  /** Open-addressing table of customer ids by hash: slot → local index + 1. */
  private idTable = new Int32Array(32);
  private idMask = 31;
  /**
   * Per customer, one 32-byte record (a lookup reads one cache line): `[hash, k0, k1, k2,
   * last entry, period of the last entry, -, -]`; `k0..k2` is the packed id (see `packed` in
   * ingest.ts; `k2 === -1`: compare `keys`).
   */
  private ck = new Int32Array(16 * CK);
  keys: CustomerId[] = [];
  nCust = 0;
  /**
   * Calendar: smallest period index of an active event; rolling: earliest active instant
   * (`Infinity` while the customer has no active event).
   */
  first = new Float64Array(16);
  /** Earliest explicit cohort instant per customer (`Infinity` when none), or null. */
  cohortAt: Float64Array | null = null;
  nEnt = 0;
  eCust = new Int32Array(16);
  /** Calendar: period index; rolling: instant. */
  eKey = new Float64Array(16);
  eVal = new Float64Array(16);
  /** 1 when the entry holds an active event (see eventKinds.ts), else 0 (refunds only). */
  eAct = new Uint8Array(16);
  /** Entry index → exact remainder in currency units (values beyond the integer path). */
  extra: Map<number, Decimal> | null = null;
  private table: Int32Array | null;
  private mask = 0;

  private readonly arena: Arena;

  constructor(calendar: boolean, arena: Arena) {
    this.table = calendar ? new Int32Array(32) : null;
    this.mask = 31;
    this.arena = arena;
  }

  private newCustomer(id: CustomerId, key: number): number {
    const c = this.nCust++;
    this.keys.push(id);
    if (c === this.first.length) this.growCustomers(c + 1);
    this.first[c] = key;
    this.ck[CK * c + 4] = -1;
    if (this.cohortAt !== null) this.cohortAt[c] = Number.POSITIVE_INFINITY;
    return c;
  }

  /** Local index of a customer, created on first sight with `first = key`. */
  customer(id: CustomerId, key: number): number {
    const h = idHash(id);
    return this.customerPacked(
      h,
      packed[0] as number,
      packed[1] as number,
      packed[2] as number,
      key,
      [id],
      0,
    );
  }

  /**
   * {@link customer} for an id given by its hash and packed form; `ids[src]` is read only to
   * create the customer or when the id is not packable.
   */
  customerPacked(
    h: number,
    k0: number,
    k1: number,
    k2: number,
    key: number,
    ids: ArrayLike<unknown>,
    src: number,
  ): number {
    const table = this.idTable;
    const mask = this.idMask;
    const ck = this.ck;
    let slot = h & mask;
    for (;;) {
      const t = table[slot] as number;
      if (t === 0) break;
      const c = t - 1;
      const r = CK * c;
      if (
        ck[r] === h &&
        ck[r + 3] === k2 &&
        (k2 === -1 ? this.keys[c] === ids[src] : ck[r + 1] === k0 && ck[r + 2] === k1)
      ) {
        if (key < (this.first[c] as number)) this.first[c] = key;
        return c;
      }
      slot = (slot + 1) & mask;
    }
    const c = this.newCustomer(ids[src] as CustomerId, key);
    const r = CK * c;
    this.ck[r] = h;
    this.ck[r + 1] = k0;
    this.ck[r + 2] = k1;
    this.ck[r + 3] = k2;
    table[slot] = c + 1;
    if (this.nCust * 2 > mask) this.rehashIds(this.nCust);
    return c;
  }

  private rehashIds(min: number): void {
    let size = (this.idMask + 1) * 2;
    while (size < min * 2 + 2) size *= 2;
    const table = this.arena.i32(size);
    const mask = size - 1;
    for (let c = 0; c < this.nCust; c++) {
      let slot = (this.ck[CK * c] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = c + 1;
    }
    this.idTable = table;
    this.idMask = mask;
  }

  private growCohort(size: number): void {
    const next = this.arena.f64(size).fill(Number.POSITIVE_INFINITY);
    if (this.cohortAt !== null) next.set(this.cohortAt);
    this.cohortAt = next;
  }

  /** Lower a customer's explicit cohort instant. */
  setCohort(c: number, at: number): void {
    if (this.cohortAt === null) this.growCohort(this.first.length);
    const arr = this.cohortAt as Float64Array;
    if (at < (arr[c] as number)) arr[c] = at;
  }

  /**
   * Capacities to grow to before `events` more events are added (0: no growth), when the
   * whole input is expected to hold `scale` times the events seen so far (this batch
   * included): a quarter of the events are taken as new customers and three quarters (all,
   * for rolling periods) as new entries, and the arrays grow only when the expected
   * additions of this batch do not fit, to the size expected for the whole input.
   */
  private plan(events: number, scale: number): [number, number] {
    const ePer = this.table === null ? events : (events * 3) >> 2;
    const c =
      this.nCust + (events >> 2) > this.first.length
        ? Math.ceil((this.nCust + (events >> 2)) * scale)
        : 0;
    const e = this.nEnt + ePer > this.eCust.length ? Math.ceil((this.nEnt + ePer) * scale) : 0;
    return [c, e];
  }

  /** The bytes {@link reserve} will allocate for the same arguments. */
  reserveBytes(events: number, scale: number): number {
    const [c, e] = this.plan(events, scale);
    let bytes = 0;
    if (c > this.first.length) bytes += Math.max(c, this.first.length * 2) * (8 + 4 * CK);
    if (c * 2 > this.idMask) bytes += 2 ** Math.ceil(Math.log2(c * 2 + 2)) * 4;
    if (e > this.eCust.length) bytes += Math.max(e, this.eCust.length * 2) * 25 + 8;
    if (this.table !== null && e * 2 > this.mask) bytes += 2 ** Math.ceil(Math.log2(e * 2 + 2)) * 4;
    return bytes;
  }

  /** Make room for `events` more events without regrowing while they are added. */
  reserve(events: number, scale: number): void {
    const [c, e] = this.plan(events, scale);
    if (e > this.eCust.length) this.growEntries(e);
    if (c > this.first.length) this.growCustomers(c);
    if (c * 2 > this.idMask) this.rehashIds(c);
    if (this.table !== null && e * 2 > this.mask) this.rehash(e);
  }

  private growCustomers(min: number): void {
    const size = Math.max(min, this.first.length * 2);
    const next = this.arena.f64(size);
    next.set(this.first);
    this.first = next;
    const ck = this.arena.i32(CK * size);
    ck.set(this.ck);
    this.ck = ck;
    if (this.cohortAt !== null) this.growCohort(size);
  }

  private growEntries(min = 0): void {
    const size = Math.max(min, this.eCust.length * 2);
    const c = this.arena.i32(size);
    c.set(this.eCust);
    this.eCust = c;
    const k = this.arena.f64(size);
    k.set(this.eKey);
    this.eKey = k;
    const v = this.arena.f64(size);
    v.set(this.eVal);
    this.eVal = v;
    const a = this.arena.u8(size);
    a.set(this.eAct);
    this.eAct = a;
  }

  private rehash(min = 0): void {
    let size = (this.mask + 1) * 2;
    while (size < min * 2 + 2) size *= 2;
    const table = this.arena.i32(size);
    const mask = size - 1;
    for (let e = 0; e < this.nEnt; e++) {
      let slot = slotOf(this.eCust[e] as number, this.eKey[e] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
    this.mask = mask;
  }

  private addExtra(e: number, amount: Decimal): void {
    if (this.extra === null) this.extra = new Map();
    const prev = this.extra.get(e);
    this.extra.set(e, prev === undefined ? exact(amount) : prev.plus(amount));
  }

  /** The entry of (customer, key), created empty when new. */
  entry(c: number, key: number): number {
    const table = this.table;
    if (table === null) return this.newEntry(c, key);
    const ck = this.ck;
    const r = CK * c;
    const l = ck[r + 4] as number;
    if (l >= 0 && ck[r + 5] === key) return l;
    const mask = this.mask;
    let slot = slotOf(c, key) & mask;
    for (;;) {
      const t = table[slot] as number;
      if (t === 0) {
        const e = this.newEntry(c, key);
        table[slot] = e + 1;
        if (this.nEnt * 2 > mask) this.rehash();
        ck[r + 4] = e;
        ck[r + 5] = key;
        return e;
      }
      if (this.eCust[t - 1] === c && this.eKey[t - 1] === key) {
        ck[r + 4] = t - 1;
        ck[r + 5] = key;
        return t - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Add revenue `value` (integer units; NaN → `extra` in currency units) to an entry, and
   * mark it active when `active`.
   */
  add(
    c: number,
    key: number,
    value: number,
    extra: Decimal | null,
    pow: number,
    active = false,
  ): void {
    const e = this.entry(c, key);
    if (active) this.eAct[e] = 1;
    if (!Number.isNaN(value)) {
      const s = (this.eVal[e] as number) + value;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) this.eVal[e] = s;
      else this.addExtra(e, fromUnits(value, Math.round(Math.log10(pow))));
    } else {
      this.addExtra(e, extra as Decimal);
    }
  }

  private newEntry(c: number, key: number): number {
    const e = this.nEnt++;
    if (e === this.eCust.length) this.growEntries();
    this.eCust[e] = c;
    this.eKey[e] = key;
    this.eVal[e] = 0;
    this.eAct[e] = 0;
    return e;
  }
}

function slotOf(c: number, key: number): number {
  const h = Math.imul(c, 0x9e3779b1) ^ Math.imul(key | 0, 0x85ebca77);
  return h ^ (h >>> 15);
}

/** A batch of events in column form after reading: times, values and validated ids. */
export interface Batch {
  readonly n: number;
  readonly ids: ArrayLike<unknown>;
  readonly at: ArrayLike<number>;
  /** Revenue in integer units (NaN: see `extra`), or null when `raw` is to be read. */
  readonly value: ArrayLike<number> | null;
  readonly extra: Map<number, Decimal> | null;
  /** Raw revenue values, read during the scatter pass (before any state changes). */
  readonly raw?: ArrayLike<unknown> | undefined;
  /** Index of the batch's first event in `ids`, `at`, `value`, `raw` and `cohortAt`. */
  readonly base?: number;
  readonly reader?: RevenueReader | undefined;
  readonly cohortAt: ArrayLike<number> | null;
}

/**
 * Scratch memory for one batch, kept weakly between calls so that repeated large batches do
 * not allocate (and trigger full garbage collections) again; the collector may reclaim it.
 */
let pool: WeakRef<ArrayBuffer> | undefined;

/** Scratch bytes {@link State.ingest} needs for a batch of `n` events. */
function scratchBytes(n: number): number {
  return 57 * n + 136;
}

function scratchBuffer(bytes: number): ArrayBuffer {
  let b = pool?.deref();
  if (b === undefined || b.byteLength < bytes) {
    b = new ArrayBuffer(bytes);
    pool = new WeakRef(b);
  }
  return b;
}

/** Whether a call holds the pooled scratch buffer. */
let lent = false;

/** Scratch memory lent to one call; `done()` must follow in a `finally`. */
export interface ScratchLease {
  /** The pooled buffer, grown to at least `bytes`, or a new one while another call holds it. */
  take(bytes: number): ArrayBuffer;
  done(): void;
}

/**
 * Borrow the scratch buffer. A call made while another holds it (from an accessor, say)
 * gets buffers of its own, so that it never overwrites the outer call's scratch data.
 */
export function borrowScratch(): ScratchLease {
  const own = !lent;
  lent = true;
  return {
    take: (bytes) => (own ? scratchBuffer(bytes) : new ArrayBuffer(bytes)),
    done: () => {
      if (own) lent = false;
    },
  };
}

/** The whole state: options, zone clock and partitions. */
export class State {
  /** The options; `r.fn` names the public function of the call in progress. */
  r: Resolved;
  readonly clock: ZoneClock;
  readonly parts: (Part | undefined)[] = new Array(PARTS);
  readonly calendar: boolean;
  readonly days: DayPeriods;
  readonly arena = new Arena();
  /**
   * The event with the latest key (period index, or instant for rolling periods): the
   * path of its time (`events[12].at`) and the instant, for errors about the table's extent.
   */
  last: { key: number; field: string; at: number } = {
    key: Number.NEGATIVE_INFINITY,
    field: "at",
    at: Number.NaN,
  };

  constructor(r: Resolved) {
    this.r = r;
    this.clock = new ZoneClock(r.zone);
    this.days = new DayPeriods(r.period, r.weekStartsOn);
    this.calendar = r.boundaries === "calendar";
  }

  part(p: number): Part {
    let part = this.parts[p];
    if (part === undefined) {
      part = new Part(this.calendar, this.arena);
      this.parts[p] = part;
    }
    return part;
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return this.days.of(Math.floor(this.clock.local(instant) / MS_PER_DAY));
  }

  /**
   * Aggregate a read batch. Validates every id first (throws before any state changes),
   * then partitions the events by id hash and aggregates partition by partition.
   */
  /**
   * @param scale - how many times the events seen so far (this batch included) the whole
   *   input is expected to hold, to size the partitions' arrays once instead of regrowing
   */
  ingest(b: Batch, prefix: string, offset: number, scale = 1, scratch?: ArrayBuffer): void {
    const { n, ids, at, value, extra, cohortAt } = b;
    const base = b.base ?? 0;
    const fn = this.r.fn;
    const asOf = this.r.asOf;
    // Pass 1: validate ids and pick each event's partition; events at or after asOf are dropped.
    const typedIds = ids instanceof Int32Array || ids instanceof Float64Array;
    const buf =
      scratch !== undefined && scratch.byteLength >= scratchBytes(n)
        ? scratch
        : new ArrayBuffer(scratchBytes(n));
    let at8 = 0;
    const take = (bytes: number) => {
      const o = at8;
      at8 += Math.ceil(bytes / 8) * 8;
      return o;
    };
    const hashOf = new Int32Array(buf, take(4 * n), n);
    const kA = typedIds ? null : new Int32Array(buf, take(12 * n), 3 * n);
    const counts = new Int32Array(PARTS);
    const shift = 32 - PART_BITS;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const h = hashId(ids[base + i], fn, i + offset, prefix);
      hashOf[i] = h;
      if (kA !== null) {
        kA[3 * i] = packed[0] as number;
        kA[3 * i + 1] = packed[1] as number;
        kA[3 * i + 2] = packed[2] as number;
      }
      const p = h >>> shift;
      if ((at[base + i] as number) < asOf) {
        counts[p] = (counts[p] as number) + 1;
        kept++;
      }
    }
    const starts = new Int32Array(PARTS + 1);
    let sum = 0;
    for (let p = 0; p < PARTS; p++) {
      starts[p] = sum;
      sum += counts[p] as number;
    }
    starts[PARTS] = sum;
    // Pass 2: scatter period keys, values (and ids or sources) into partition order.
    const calendar = this.calendar;
    const pVal = new Float64Array(buf, take(8 * kept), kept);
    const pKey = calendar
      ? new Int32Array(buf, take(4 * kept), kept)
      : new Float64Array(buf, take(8 * kept), kept);
    const pK = kA === null ? null : new Int32Array(buf, take(12 * kept), 3 * kept);
    const pId = typedIds
      ? ids instanceof Int32Array
        ? new Int32Array(buf, take(4 * kept), kept)
        : new Float64Array(buf, take(8 * kept), kept)
      : null;
    const needSrc = !typedIds || cohortAt !== null;
    const pSrc = needSrc ? new Int32Array(buf, take(4 * kept), kept) : null;
    const pHash = new Int32Array(buf, take(4 * kept), kept);
    const pAct = new Uint8Array(buf, take(kept), kept);
    const kinds = new EventKinds(this.r);
    const fill = starts.slice(0, PARTS);
    const clock = this.clock;
    const days = this.days;
    const mode = !calendar ? 0 : clock.utc ? 1 : 2;
    const all = kept === n;
    const raw = b.raw ?? null;
    const reader = b.reader as RevenueReader;
    let xj: Map<number, Decimal> | null = null;
    let hiKey = this.last.key;
    let hiI = -1;
    for (let i = 0; i < n; i++) {
      const t = at[base + i] as number;
      if (!all && !(t < asOf)) {
        if (raw !== null) reader.read(raw[base + i], i + offset, prefix);
        continue;
      }
      const h = hashOf[i] as number;
      const p = h >>> shift;
      const j = fill[p] as number;
      pHash[j] = h;
      if (pK !== null && kA !== null) {
        pK[3 * j] = kA[3 * i] as number;
        pK[3 * j + 1] = kA[3 * i + 1] as number;
        pK[3 * j + 2] = kA[3 * i + 2] as number;
      }
      fill[p] = j + 1;
      const key =
        mode === 1
          ? days.of(Math.floor(t / MS_PER_DAY))
          : mode === 2
            ? days.of(Math.floor(clock.local(t) / MS_PER_DAY))
            : t;
      pKey[j] = key;
      if (key > hiKey) {
        hiKey = key;
        hiI = i;
      }
      let v: number;
      let x: Decimal | null = null;
      if (raw !== null) {
        v = reader.read(raw[base + i], i + offset, prefix);
        if (Number.isNaN(v)) x = reader.extra as Decimal;
      } else {
        v = (value as ArrayLike<number>)[base + i] as number;
        if (Number.isNaN(v)) x = extra?.get(i) as Decimal;
      }
      const kind = kinds.of(revenueSign(v, x));
      if ((kind & COUNTED) === 0) v = 0;
      else if (x !== null) {
        if (xj === null) xj = new Map();
        xj.set(j, x);
      }
      pVal[j] = v;
      pAct[j] = kind & ACTIVE;
      if (pSrc !== null) pSrc[j] = base + i;
      if (pId !== null) pId[j] = ids[base + i] as number;
    }
    if (hiI >= 0) {
      this.last = {
        key: hiKey,
        field: `${prefix}[${hiI + offset}].at`,
        at: at[base + hiI] as number,
      };
    }
    // Pass 3: aggregate partition by partition (each partition's state stays in cache).
    const pow = this.r.pow;
    let bytes = 0;
    for (let p = 0; p < PARTS; p++) {
      const events = (starts[p + 1] as number) - (starts[p] as number);
      if (events > 0) bytes += this.part(p).reserveBytes(events, scale);
    }
    // A quarter more than planned: later regrowth and the table's per-customer arrays then
    // usually fit without another allocation (untouched pages of a large buffer cost no memory).
    if (bytes > 0) this.arena.reserve(Math.ceil(bytes * 1.25));
    for (let p = 0; p < PARTS; p++) {
      const lo = starts[p] as number;
      const hi = starts[p + 1] as number;
      if (lo === hi) continue;
      const part = this.part(p);
      part.reserve(hi - lo, scale);
      for (let j = lo; j < hi; j++) {
        const v = pVal[j] as number;
        const act = pAct[j] as number;
        // An event that neither makes active nor adds revenue leaves no trace, unless it
        // carries an explicit cohort date.
        if (
          act === 0 &&
          v === 0 &&
          (cohortAt === null || Number.isNaN(cohortAt[(pSrc as Int32Array)[j] as number]))
        )
          continue;
        const key = pKey[j] as number;
        const firstKey = act === 0 ? Number.POSITIVE_INFINITY : key;
        let c: number;
        if (pId !== null) {
          // a typed-array id, packed as idHash packs numbers: an int32 as [id, 0, -2]
          const id = pId[j] as number;
          const small = (id | 0) === id;
          c = part.customerPacked(
            pHash[j] as number,
            small ? id : 0,
            0,
            small ? -2 : -1,
            firstKey,
            pId,
            j,
          );
        } else
          c = part.customerPacked(
            pHash[j] as number,
            (pK as Int32Array)[3 * j] as number,
            (pK as Int32Array)[3 * j + 1] as number,
            (pK as Int32Array)[3 * j + 2] as number,
            firstKey,
            ids,
            (pSrc as Int32Array)[j] as number,
          );
        const e = part.entry(c, key);
        if (act !== 0) part.eAct[e] = 1;
        const vals = part.eVal;
        const s = (vals[e] as number) + v;
        if (s <= MAX_SAFE && s >= -MAX_SAFE) vals[e] = s;
        else part.add(c, key, v, Number.isNaN(v) ? (xj?.get(j) ?? null) : null, pow);
        if (cohortAt !== null) {
          const t = cohortAt[(pSrc as Int32Array)[j] as number] as number;
          if (!Number.isNaN(t)) part.setCohort(c, t);
        }
      }
    }
  }
}

const CHUNK = 2_097_152; // 2^21

export function isTyped(a: unknown): a is Float64Array | Int32Array | Uint32Array | Float32Array {
  return (
    ArrayBuffer.isView(a) &&
    !(a instanceof DataView) &&
    !(a instanceof BigInt64Array) &&
    !(a instanceof BigUint64Array)
  );
}

/** Columns as `cohortAnalysis` takes them. */
export interface Columns {
  customerId: ArrayLike<unknown>;
  at: ArrayLike<unknown>;
  revenue?: ArrayLike<unknown> | undefined;
  cohortOf?: ArrayLike<unknown> | undefined;
}

/**
 * Read one row: validates it, writes its instant to `out[0]` and its revenue in integer units
 * to `out[1]` (NaN: `reader.extra`), and returns its raw customer id.
 */
export function readRow(
  r: Resolved,
  reader: RevenueReader,
  row: unknown,
  idx: number,
  prefix: string,
  out: Float64Array,
): unknown {
  const { fn, getId, getAt, getRevenue } = r;
  if (row === null || typeof row !== "object") {
    if (getId === null || getAt === null || getRevenue === null) {
      throw new MetricInputError(
        "NOT_A_NUMBER",
        `${fn}: ${prefix}[${idx}] must be an object (received ${describe(row)})`,
        `${prefix}[${idx}]`,
        row,
      );
    }
  }
  const o = row as { customerId?: unknown; at?: unknown; revenue?: unknown };
  const id = getId === null ? o.customerId : getId(row, idx);
  out[0] = readInstant(getAt === null ? o.at : getAt(row, idx), r.zone, fn, idx, prefix, "at");
  out[1] = reader.read(getRevenue === null ? o.revenue : getRevenue(row, idx), idx, prefix);
  return id;
}

/** Throws unless the columns are arrays of one length; returns that length. */
export function checkColumns(r: Resolved, cols: Columns, prefix: string): number {
  const fn = r.fn;
  const n = cols.customerId.length;
  for (const [name, col] of [
    ["at", cols.at],
    ["revenue", cols.revenue],
    ["cohortOf", cols.cohortOf],
  ] as const) {
    if (
      col !== undefined &&
      (col === null ||
        typeof col !== "object" ||
        col instanceof String ||
        typeof (col as ArrayLike<unknown>).length !== "number")
    ) {
      throw inconsistent(fn, `${prefix}.${name}`, "must be an array", col);
    }
    if (col !== undefined && col.length !== n) {
      throw inconsistent(
        fn,
        `${prefix}.${name}`,
        `must have the same length as ${prefix}.customerId (${n})`,
        col,
      );
    }
  }
  return n;
}

/** Read columns (chunk by chunk) into the state. */
export function addColumns(s: State, cols: Columns, prefix: string): void {
  const r = s.r;
  const n = checkColumns(r, cols, prefix);
  const reader = new RevenueReader(r);
  const atCol = cols.at;
  const atArr = atCol instanceof Float64Array ? atCol : new Float64Array(n);
  const rev = cols.revenue;
  const typedMinor = rev !== undefined && r.minorUnits !== null && isTyped(rev);
  const valueArr =
    rev === undefined
      ? new Float64Array(n)
      : typedMinor
        ? rev instanceof Float64Array
          ? rev
          : Float64Array.from(rev as ArrayLike<number>)
        : null;
  // One scratch buffer for every chunk of this call, held until the call ends (a buffer only
  // held weakly may be collected between chunks, and each new allocation of this size
  // brings a full garbage collection closer).
  const lease = borrowScratch();
  try {
    const scratch = lease.take(scratchBytes(Math.min(CHUNK, n)));
    addColumnChunks(s, cols, prefix, n, reader, atArr, valueArr, typedMinor, scratch);
  } finally {
    lease.done();
  }
}

/** The chunk loop of {@link addColumns}. */
function addColumnChunks(
  s: State,
  cols: Columns,
  prefix: string,
  n: number,
  reader: RevenueReader,
  atArr: Float64Array,
  valueArr: Float64Array | null,
  typedMinor: boolean,
  scratch: ArrayBuffer,
): void {
  const r = s.r;
  const fn = r.fn;
  const atCol = cols.at;
  const rev = cols.revenue;
  const co = cols.cohortOf;
  const cohortAt = co === undefined ? null : new Float64Array(n);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    const at = atArr;
    if (atCol instanceof Float64Array) {
      for (let i = 0; i < m; i++) {
        const t = atCol[off + i] as number;
        if (!(t <= 8.64e15 && t >= -8.64e15)) readInstant(t, r.zone, fn, off + i, prefix, "at");
      }
    } else {
      for (let i = 0; i < m; i++)
        atArr[off + i] = readInstant(atCol[off + i], r.zone, fn, off + i, prefix, "at");
    }
    const extra: Map<number, Decimal> | null = null;
    if (typedMinor) {
      const tv = rev as ArrayLike<number>;
      for (let i = 0; i < m; i++) {
        const v = tv[off + i] as number;
        if (!Number.isSafeInteger(v)) reader.read(v, off + i, prefix);
      }
    }
    const value = valueArr;
    const rawRev = valueArr === null ? rev : undefined;
    if (co !== undefined && cohortAt !== null) {
      for (let i = 0; i < m; i++) {
        const v = co[off + i];
        cohortAt[off + i] =
          v === undefined || v === null
            ? Number.NaN
            : readInstant(v, r.zone, fn, off + i, prefix, "cohortOf");
      }
    }
    const ids = cols.customerId;
    s.ingest(
      { n: m, base: off, ids, at, value, extra, cohortAt, raw: rawRev, reader },
      prefix,
      off,
      n / (off + m),
      scratch,
    );
  }
}

/**
 * Add events whose fields were already read (instants, revenue in integer units of
 * `10^-scale` with NaN where `extra` has the exact amount in currency units), chunk by chunk.
 * The values are not read again, so they are never converted a second time.
 */
export function addRead(
  s: State,
  ids: ArrayLike<unknown>,
  at: Float64Array,
  value: Float64Array,
  extra: Map<number, Decimal> | null,
  prefix: string,
): void {
  const n = ids.length;
  const lease = borrowScratch();
  try {
    const scratch = lease.take(scratchBytes(Math.min(CHUNK, n)));
    for (let off = 0; off < n; off += CHUNK) {
      const m = Math.min(CHUNK, n - off);
      let x: Map<number, Decimal> | null = null;
      if (extra !== null) {
        for (const [i, d] of extra) {
          if (i < off || i >= off + m) continue;
          if (x === null) x = new Map();
          x.set(i - off, d);
        }
      }
      const batch = { n: m, base: off, ids, at, value, extra: x, cohortAt: null };
      s.ingest(batch, prefix, off, n / (off + m), scratch);
    }
  } finally {
    lease.done();
  }
}

function inconsistent(
  fn: string,
  field: string,
  requirement: string,
  value: unknown,
): MetricInputError {
  return new MetricInputError(
    "INCONSISTENT",
    `${fn}: ${field} ${requirement} (received ${describe(value)})`,
    field,
    value,
  );
}

/** Read rows (an iterable) chunk by chunk into the state. */
export function addRows(s: State, rows: Iterable<unknown>, prefix: string, start = 0): number {
  const r = s.r;
  let index = start;
  let buf: unknown[] = [];
  const flush = () => {
    if (buf.length > 0) {
      addRowChunk(s, buf, prefix, index - buf.length);
      buf = [];
    }
  };
  for (const row of rows) {
    buf.push(row);
    index++;
    if (buf.length === 65_536) flush();
  }
  flush();
  void r;
  return index;
}

/** Read one chunk of rows (their global indices start at `base`). */
export function addRowChunk(
  s: State,
  rows: readonly unknown[],
  prefix: string,
  base: number,
): void {
  const r = s.r;
  const fn = r.fn;
  const m = rows.length;
  const ids = new Array<unknown>(m);
  const at = new Float64Array(m);
  const value = new Float64Array(m);
  let extra: Map<number, Decimal> | null = null;
  let cohortAt: Float64Array | null = null;
  const reader = new RevenueReader(r);
  const { getCohort } = r;
  const out = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    const idx = base + i;
    ids[i] = readRow(r, reader, row, idx, prefix, out);
    at[i] = out[0] as number;
    const v = out[1] as number;
    value[i] = v;
    if (Number.isNaN(v)) {
      if (extra === null) extra = new Map();
      extra.set(i, reader.extra as Decimal);
    }
    if (getCohort !== null) {
      const c = getCohort(row, idx);
      if (cohortAt === null) cohortAt = new Float64Array(m).fill(Number.NaN);
      if (c !== undefined && c !== null)
        cohortAt[i] = readInstant(c, r.zone, fn, idx, prefix, "cohortOf");
    }
  }
  const lease = borrowScratch();
  try {
    const batch = { n: m, ids, at, value, extra, cohortAt };
    s.ingest(batch, prefix, base, 1, lease.take(scratchBytes(m)));
  } finally {
    lease.done();
  }
}
