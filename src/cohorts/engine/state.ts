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
import { Decimal } from "../../_lib/decimal.js";
import { MetricInputError } from "../../errors.js";
import { hashId, type Resolved, RevenueReader, readInstant } from "./ingest.js";
import { periodOfDay, ZoneClock } from "./periods.js";
import type { CustomerId } from "./types.js";

export const PART_BITS = 8;
export const PARTS = 1 << PART_BITS;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MS_PER_DAY = 86_400_000;

/** One hash partition of customers and their entries. */
export class Part {
  readonly ids = new Map<CustomerId, number>();
  keys: CustomerId[] = [];
  nCust = 0;
  /** Calendar: smallest period index seen; rolling: earliest instant. */
  first = new Float64Array(16);
  /** Earliest explicit cohort instant per customer (`Infinity` when none), or null. */
  cohortAt: Float64Array | null = null;
  nEnt = 0;
  eCust = new Int32Array(16);
  /** Calendar: period index; rolling: instant. */
  eKey = new Float64Array(16);
  eVal = new Float64Array(16);
  /** Entry index → exact remainder in currency units (values beyond the integer path). */
  extra: Map<number, Decimal> | null = null;
  private table: Int32Array | null;
  private mask = 0;

  constructor(calendar: boolean) {
    this.table = calendar ? new Int32Array(32) : null;
    this.mask = 31;
  }

  /** Local index of a customer, created on first sight with `first = key`. */
  customer(id: CustomerId, key: number): number {
    let c = this.ids.get(id);
    if (c === undefined) {
      c = this.nCust++;
      this.ids.set(id, c);
      this.keys.push(id);
      if (c === this.first.length) {
        const next = new Float64Array(c * 2);
        next.set(this.first);
        this.first = next;
        if (this.cohortAt !== null) this.growCohort(c * 2);
      }
      this.first[c] = key;
      if (this.cohortAt !== null) this.cohortAt[c] = Number.POSITIVE_INFINITY;
    } else if (key < (this.first[c] as number)) {
      this.first[c] = key;
    }
    return c;
  }

  private growCohort(size: number): void {
    const next = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    if (this.cohortAt !== null) next.set(this.cohortAt);
    this.cohortAt = next;
  }

  /** Lower a customer's explicit cohort instant. */
  setCohort(c: number, at: number): void {
    if (this.cohortAt === null) this.growCohort(this.first.length);
    const arr = this.cohortAt as Float64Array;
    if (at < (arr[c] as number)) arr[c] = at;
  }

  private growEntries(): void {
    const size = this.eCust.length * 2;
    const c = new Int32Array(size);
    c.set(this.eCust);
    this.eCust = c;
    const k = new Float64Array(size);
    k.set(this.eKey);
    this.eKey = k;
    const v = new Float64Array(size);
    v.set(this.eVal);
    this.eVal = v;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size);
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
    this.extra.set(e, prev === undefined ? amount : prev.plus(amount));
  }

  /** Add revenue `value` (integer units; NaN → `extra` in currency units) to an entry. */
  add(c: number, key: number, value: number, extra: Decimal | null, pow: number): void {
    let e: number;
    const table = this.table;
    if (table === null) {
      e = this.newEntry(c, key);
    } else {
      const mask = this.mask;
      let slot = slotOf(c, key) & mask;
      for (;;) {
        const t = table[slot] as number;
        if (t === 0) {
          e = this.newEntry(c, key);
          table[slot] = e + 1;
          if (this.nEnt * 2 > mask) this.rehash();
          break;
        }
        if (this.eCust[t - 1] === c && this.eKey[t - 1] === key) {
          e = t - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    if (!Number.isNaN(value)) {
      const s = (this.eVal[e] as number) + value;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) this.eVal[e] = s;
      else this.addExtra(e, new Decimal(value).div(pow));
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
  readonly value: ArrayLike<number>;
  readonly extra: Map<number, Decimal> | null;
  readonly cohortAt: ArrayLike<number> | null;
}

/** The whole state: options, zone clock and partitions. */
export class State {
  readonly r: Resolved;
  readonly clock: ZoneClock;
  readonly parts: (Part | undefined)[] = new Array(PARTS);
  readonly calendar: boolean;

  constructor(r: Resolved) {
    this.r = r;
    this.clock = new ZoneClock(r.zone);
    this.calendar = r.boundaries === "calendar";
  }

  part(p: number): Part {
    let part = this.parts[p];
    if (part === undefined) {
      part = new Part(this.calendar);
      this.parts[p] = part;
    }
    return part;
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return periodOfDay(
      Math.floor(this.clock.local(instant) / MS_PER_DAY),
      this.r.period,
      this.r.weekStartsOn,
    );
  }

  /**
   * Aggregate a read batch. Validates every id first (throws before any state changes),
   * then partitions the events by id hash and aggregates partition by partition.
   */
  ingest(b: Batch, prefix: string, offset: number): void {
    const { n, ids, at, value } = b;
    const fn = this.r.fn;
    const asOf = this.r.asOf;
    const hashes = new Int32Array(n);
    const counts = new Int32Array(PARTS + 1);
    const shift = 32 - PART_BITS;
    for (let i = 0; i < n; i++) {
      const h = hashId(ids[i], fn, i + offset, prefix);
      const p = (at[i] as number) < asOf ? h >>> shift : PARTS;
      hashes[i] = p;
      counts[p] = (counts[p] as number) + 1;
    }
    const keys = new Float64Array(n);
    if (this.calendar) {
      const clock = this.clock;
      const { period, weekStartsOn } = this.r;
      if (clock.utc && period === "month") {
        for (let i = 0; i < n; i++) {
          keys[i] = monthOfInstantUtc(at[i] as number);
        }
      } else {
        for (let i = 0; i < n; i++) {
          keys[i] = periodOfDay(
            Math.floor(clock.local(at[i] as number) / MS_PER_DAY),
            period,
            weekStartsOn,
          );
        }
      }
    } else {
      for (let i = 0; i < n; i++) keys[i] = at[i] as number;
    }
    const starts = new Int32Array(PARTS + 1);
    let sum = 0;
    for (let p = 0; p <= PARTS; p++) {
      starts[p] = sum;
      sum += counts[p] as number;
    }
    const order = new Int32Array(n);
    const fill = starts.slice();
    for (let i = 0; i < n; i++) {
      const p = hashes[i] as number;
      const j = fill[p] as number;
      order[j] = i;
      fill[p] = j + 1;
    }
    const { extra, cohortAt } = b;
    const pow = this.r.pow;
    for (let p = 0; p < PARTS; p++) {
      const lo = starts[p] as number;
      const hi = starts[p + 1] as number;
      if (lo === hi) continue;
      const part = this.part(p);
      for (let j = lo; j < hi; j++) {
        const i = order[j] as number;
        const key = keys[i] as number;
        const c = part.customer(ids[i] as CustomerId, key);
        const v = value[i] as number;
        part.add(c, key, v, !Number.isNaN(v) ? null : (extra?.get(i) ?? null), pow);
        if (cohortAt !== null) {
          const t = cohortAt[i] as number;
          if (!Number.isNaN(t)) part.setCohort(c, t);
        }
      }
    }
  }
}

/** `year * 12 + month - 1` of an instant in UTC (the common fast path). */
function monthOfInstantUtc(t: number): number {
  const z = Math.floor(t / MS_PER_DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  return (yoe + era * 400 + (mp >= 10 ? 1 : 0)) * 12 + (mp < 10 ? mp + 2 : mp - 10);
}

const CHUNK = 1 << 20;

function isTyped(a: unknown): a is Float64Array | Int32Array | Uint32Array | Float32Array {
  return (
    ArrayBuffer.isView(a) &&
    !(a instanceof DataView) &&
    !(a instanceof BigInt64Array) &&
    !(a instanceof BigUint64Array)
  );
}

/** Read columns (chunk by chunk) into the state. */
export function addColumns(
  s: State,
  cols: {
    customerId: ArrayLike<unknown>;
    at: ArrayLike<unknown>;
    revenue?: ArrayLike<unknown> | undefined;
    cohortOf?: ArrayLike<unknown> | undefined;
  },
  prefix: string,
): void {
  const r = s.r;
  const fn = r.fn;
  const n = cols.customerId.length;
  for (const [name, col] of [
    ["at", cols.at],
    ["revenue", cols.revenue],
    ["cohortOf", cols.cohortOf],
  ] as const) {
    if (
      col !== undefined &&
      (col === null || typeof (col as ArrayLike<unknown>).length !== "number")
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
  const reader = new RevenueReader(r);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    const atCol = cols.at;
    let at: ArrayLike<number>;
    if (atCol instanceof Float64Array) {
      for (let i = 0; i < m; i++) {
        const t = atCol[off + i] as number;
        if (!(t <= 8.64e15 && t >= -8.64e15)) readInstant(t, r.zone, fn, off + i, prefix, "at");
      }
      at = atCol.subarray(off, off + m);
    } else {
      const a = new Float64Array(m);
      for (let i = 0; i < m; i++)
        a[i] = readInstant(atCol[off + i], r.zone, fn, off + i, prefix, "at");
      at = a;
    }
    let value: ArrayLike<number>;
    let extra: Map<number, Decimal> | null = null;
    const rev = cols.revenue;
    if (rev === undefined) {
      value = new Float64Array(m);
    } else if (r.minorUnits !== null && isTyped(rev)) {
      for (let i = 0; i < m; i++) {
        const v = rev[off + i] as number;
        if (!Number.isSafeInteger(v)) reader.read(v, off + i, prefix);
      }
      value =
        rev instanceof Float64Array
          ? rev.subarray(off, off + m)
          : Float64Array.from(rev.subarray(off, off + m));
    } else {
      const a = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const v = reader.read(rev[off + i], off + i, prefix);
        a[i] = v;
        if (Number.isNaN(v)) {
          if (extra === null) extra = new Map();
          extra.set(i, reader.extra as Decimal);
        }
      }
      value = a;
    }
    let cohortAt: Float64Array | null = null;
    const co = cols.cohortOf;
    if (co !== undefined) {
      cohortAt = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const v = co[off + i];
        cohortAt[i] =
          v === undefined || v === null
            ? Number.NaN
            : readInstant(v, r.zone, fn, off + i, prefix, "cohortOf");
      }
    }
    const ids = off === 0 && m === n ? cols.customerId : sliceIds(cols.customerId, off, m);
    s.ingest({ n: m, ids, at, value, extra, cohortAt }, prefix, off);
  }
}

function sliceIds(ids: ArrayLike<unknown>, off: number, m: number): ArrayLike<unknown> {
  if (ArrayBuffer.isView(ids)) return (ids as unknown as Float64Array).subarray(off, off + m);
  if (Array.isArray(ids)) return ids.slice(off, off + m);
  const out = new Array(m);
  for (let i = 0; i < m; i++) out[i] = ids[off + i];
  return out;
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
  const { getId, getAt, getRevenue, getCohort } = r;
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    const idx = base + i;
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
    ids[i] = getId === null ? o.customerId : getId(row, idx);
    at[i] = readInstant(getAt === null ? o.at : getAt(row, idx), r.zone, fn, idx, prefix, "at");
    const v = reader.read(getRevenue === null ? o.revenue : getRevenue(row, idx), idx, prefix);
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
  s.ingest({ n: m, ids, at, value, extra, cohortAt }, prefix, base);
}
