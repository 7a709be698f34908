/**
 * Reading an event log (rows, any iterable of rows, or columns) once into typed columns in
 * partition order: the first stage of the per-customer scans (see `groupByCustomer.ts`).
 *
 * Every row is validated (customer id, then time, then revenue, as every event-log function
 * does), then kept only when a scan can use it: a purchase, or a refund when the plan keeps
 * refunds, before the plan's end. A kept event is four numbers and the id's hash:
 * - `key`: `4 · day + 2 · phase + refund` — its calendar day in the zone (0 when the plan
 *   needs no days), its phase (1 at or after the plan's `cut`, else 0) and 1 for a refund, so
 *   that sorting a customer's keys orders the events by time, purchases of a day and phase
 *   before its refunds;
 * - `value`: the revenue in integer hundredths (NaN when the amount does not fit, with the
 *   exact amount in `extra` under the event's `src`);
 * - `hash` and `packed` (three int32): the id as `hashId` hashes and packs it (each id is
 *   hashed once: columns in the first pass, rows when kept);
 * - `src`: where the id is read again (`ids[src]`).
 */
import { fail } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import { isPurchase, type PurchaseRule } from "../../../_lib/eventRules.js";
import { isNoRevenue, RevenueReader } from "../../../_lib/minor.js";
import { partitionStarts } from "../aggregate/partitionOrder.js";
import { MAX_MS, MS_PER_DAY, PARTITION_SHIFT, PARTITIONS } from "../constants.js";
import { Arena } from "../memory.js";
import { ZoneClock } from "../periods.js";
import { hashId, idHash, packed } from "../read/ids.js";
import { readInstant } from "../read/instants.js";

/** What to read and keep. */
export interface ReadPlan {
  /** The public function, for errors. */
  readonly fn: string;
  /** The parameter holding the log in error fields: `'events'` or `'transactions'`. */
  readonly root: string;
  /** Prefix of accessor option fields in errors: `''` or `'options.'`. */
  readonly optionPrefix: string;
  /** IANA zone of the calendar days. */
  readonly zone: string;
  /** Exclusive end (epoch ms): events at or after it are left out. */
  readonly end: number;
  /** Events at or after this instant (and before `end`) have phase 1. */
  readonly cut: number;
  /** Whether the scans need calendar days (else the day part of every key is 0). */
  readonly days: boolean;
  /** What a purchase is. */
  readonly purchases: PurchaseRule;
  /** Whether refunds are kept (for `refunds: 'net'`). */
  readonly keepRefunds: boolean;
  /** The `customerId` / `at` / `revenue` accessor options, as given. */
  readonly accessors: Readonly<Record<string, unknown>>;
}

/**
 * The kept events as columns in partition order (the partition is the top bits of the id
 * hash, see `aggregate/partitionOrder.ts`): partition p holds positions `starts[p]` to
 * `ends[p] − 1`, in input order. The columns are scratch memory of the call.
 */
export interface EventColumns {
  /** Number of kept events. */
  readonly n: number;
  /** Where partition p's events start (length PARTITIONS + 1) and end (length PARTITIONS). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly key: Int32Array;
  readonly value: Float64Array;
  readonly hash: Int32Array;
  /** Three int32 per event (see `packed` in read/ids.ts). */
  readonly packed: Int32Array;
  readonly src: Int32Array;
  /** Where ids are read: `ids[src[j]]`. */
  readonly ids: ArrayLike<unknown>;
  /** Exact amounts of the events whose `value` is NaN, by `src`. */
  readonly extra: Map<number, Decimal> | null;
  /** Whether some id has no packed form (compared by reading `ids`). */
  readonly loose: boolean;
  /** Rows read (kept or not). */
  readonly rows: number;
  /** Whether any row (kept or not) has revenue. */
  readonly anyRevenue: boolean;
}

/**
 * Scratch bytes of reading `n` events: the columns in partition order, and the id hashes and
 * packed ids in input order (columns) or the columns in event order (rows).
 */
export function readBytes(n: number, rows: boolean): number {
  return (rows ? 68 : 48) * n + 4096;
}

type Accessor = (row: unknown, index: number) => unknown;

function accessorOption(value: unknown, fn: string, field: string): Accessor | null {
  if (value === undefined) return null;
  if (typeof value !== "function") {
    fail(fn, field, "INVALID_OPTION", "must be a function (row, index) => value", value);
  }
  return value as Accessor;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

/** Throws INCONSISTENT unless the column `field` has `length` entries, as `customerId` has. */
function sameLength(
  fn: string,
  root: string,
  field: string,
  column: ArrayLike<unknown>,
  length: number,
): void {
  if (column.length === length) return;
  fail(
    fn,
    `${root}.${field}`,
    "INCONSISTENT",
    `must have the same length as ${root}.customerId (${length})`,
    column,
  );
}

/** Event columns: `key`, `value`, `hash`, `packed` (three per event), `src`. */
class Layout {
  key: Int32Array;
  value: Float64Array;
  hash: Int32Array;
  packed: Int32Array;
  src: Int32Array;

  constructor(scratch: Arena, capacity: number) {
    this.key = scratch.i32(capacity);
    this.value = scratch.f64(capacity);
    this.hash = scratch.i32(capacity);
    this.packed = scratch.i32(3 * capacity);
    this.src = scratch.i32(capacity);
  }

  /** Twice the room (rows of unknown number). */
  grow(scratch: Arena): void {
    const old = { ...this };
    const c = 2 * this.key.length;
    this.key = scratch.i32(c);
    this.key.set(old.key);
    this.value = scratch.f64(c);
    this.value.set(old.value);
    this.hash = scratch.i32(c);
    this.hash.set(old.hash);
    this.packed = scratch.i32(3 * c);
    this.packed.set(old.packed);
    this.src = scratch.i32(c);
    this.src.set(old.src);
  }
}

/** The per-event work shared by the row and column readers. */
class EventReader {
  anyRevenue = false;
  loose = false;
  extra: Map<number, Decimal> | null = null;
  private readonly reader: RevenueReader;
  private readonly clock: ZoneClock;
  private readonly utc: boolean;
  private readonly plan: ReadPlan;
  // the event last taken
  private key = 0;
  private units = 0;

  constructor(plan: ReadPlan) {
    this.plan = plan;
    this.reader = new RevenueReader({ fn: plan.fn, minorUnits: null, scale: 2, pow: 100 });
    this.clock = new ZoneClock(plan.zone);
    this.utc = plan.zone === "UTC";
  }

  /**
   * Validate one event (id, time, revenue); true when a scan needs it, which {@link put}
   * then writes (the id is hashed by the caller).
   */
  take(id: unknown, at: unknown, revenue: unknown, index: number): boolean {
    const plan = this.plan;
    const fn = plan.fn;
    const root = plan.root;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      hashId(id, fn, index, root); // throws NOT_A_NUMBER naming the row
    }
    let t: number;
    if (typeof at === "number" && at <= MAX_MS && at >= -MAX_MS) t = at;
    else t = readInstant(at, plan.zone, fn, index, root, "at");
    let units = 0;
    let refund = false;
    let purchase: boolean;
    if (isNoRevenue(revenue)) {
      purchase = plan.purchases === "all";
    } else {
      this.anyRevenue = true;
      units = this.reader.read(revenue, index, root);
      let sign = units;
      if (Number.isNaN(units)) {
        const d = this.reader.extra as Decimal;
        sign = d.isZero() ? 0 : d.isNegative() ? -1 : 1;
      }
      refund = sign < 0;
      purchase = isPurchase(sign, true, plan.purchases);
    }
    if (!(t < plan.end) || !(purchase || (refund && plan.keepRefunds))) return false;
    let day = 0;
    if (plan.days) {
      day = this.utc ? Math.floor(t / MS_PER_DAY) : Math.floor(this.clock.local(t) / MS_PER_DAY);
    }
    this.key = 4 * day + (t >= plan.cut ? 2 : 0) + (refund ? 1 : 0);
    this.units = units;
    return true;
  }

  /**
   * Write the event last taken at position j of `to`; `src` is where its id is read again,
   * `hash` its id's hash and `pk[at…at+2]` its packed form.
   */
  put(to: Layout, j: number, src: number, hash: number, pk: Int32Array, at: number): void {
    to.key[j] = this.key;
    to.value[j] = this.units;
    if (Number.isNaN(this.units)) {
      if (this.extra === null) this.extra = new Map();
      this.extra.set(src, this.reader.extra as Decimal);
    }
    to.hash[j] = hash;
    const k2 = pk[at + 2] as number;
    to.packed[3 * j] = pk[at] as number;
    to.packed[3 * j + 1] = pk[at + 1] as number;
    to.packed[3 * j + 2] = k2;
    if (k2 === -1) this.loose = true;
    to.src[j] = src;
  }

  done(
    ids: ArrayLike<unknown>,
    rows: number,
    n: number,
    to: Layout,
    starts: Int32Array,
    ends: Int32Array,
  ): EventColumns {
    return {
      n,
      starts,
      ends,
      key: to.key,
      value: to.value,
      hash: to.hash,
      packed: to.packed,
      src: to.src,
      ids,
      extra: this.extra,
      loose: this.loose,
      rows,
      anyRevenue: this.anyRevenue,
    };
  }
}

/**
 * Read `events` (an iterable of rows, read through the accessors or the fields `customerId`,
 * `at`, `revenue`; or an object of columns of those names) under `plan`, into columns in
 * partition order carved from `scratch` (without it: new columns, the partitions moved
 * together so that positions 0 … n − 1 hold the kept events). Throws `MetricInputError` naming the row and field
 * of the first invalid value.
 *
 * Columns are read in two passes: the ids are hashed first (partition sizes), then each kept
 * event is written straight to its place in partition order. Rows (perhaps a one-shot
 * iterable, read through accessors once) are read in one pass, then scattered.
 */
export function readEvents(
  events: unknown,
  plan: ReadPlan,
  scratch: Arena | null = null,
): EventColumns {
  if (scratch === null) return closeGaps(readEvents(events, plan, new Arena()));
  const { fn, root, optionPrefix: prefix } = plan;
  const getId = accessorOption(plan.accessors.customerId, fn, `${prefix}customerId`);
  const getAt = accessorOption(plan.accessors.at, fn, `${prefix}at`);
  const getRevenue = accessorOption(plan.accessors.revenue, fn, `${prefix}revenue`);
  if (events === null || typeof events !== "object") {
    fail(fn, root, "NOT_A_NUMBER", "must be an iterable of rows or an object of columns", events);
  }
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    const reader = new EventReader(plan);
    let sink = new Layout(scratch, Math.max(16, Array.isArray(events) ? events.length : 1024));
    // The ids of kept rows, in keeping order (rows may be a one-shot iterable).
    const ids: unknown[] = [];
    const fieldsRead = getId !== null && getAt !== null;
    let i = 0;
    for (const row of events as Iterable<unknown>) {
      const index = i++;
      // A row the default field names are read from must be an object (as in cohortAnalysis).
      if (!fieldsRead && (row === null || typeof row !== "object")) {
        fail(fn, `${root}[${index}]`, "NOT_A_NUMBER", "must be an object", row);
      }
      const r = row as { customerId?: unknown; at?: unknown; revenue?: unknown };
      const id = getId === null ? r.customerId : getId(row, index);
      const at = getAt === null ? r.at : getAt(row, index);
      const revenue = getRevenue === null ? r.revenue : getRevenue(row, index);
      if (!reader.take(id, at, revenue, index)) continue;
      const h = hashId(id, fn, index, root);
      const j = ids.length;
      if (j === sink.key.length) sink.grow(scratch);
      reader.put(sink, j, j, h, packed, 0);
      ids.push(Object.is(id, -0) ? 0 : id);
    }
    const n = ids.length;
    const { starts, ends, to } = scatter(sink, n, scratch);
    sink = to;
    return reader.done(ids, i, n, sink, starts, ends);
  }
  const columns = events as Record<string, unknown>;
  const ids = columns.customerId;
  const ats = columns.at;
  const revenues = columns.revenue;
  if (!isArrayLike(ids)) {
    fail(fn, `${root}.customerId`, "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  if (!isArrayLike(ats)) fail(fn, `${root}.at`, "NOT_A_NUMBER", "must be an array of dates", ats);
  sameLength(fn, root, "at", ats, ids.length);
  if (revenues !== undefined) {
    if (!isArrayLike(revenues)) {
      fail(fn, `${root}.revenue`, "NOT_A_NUMBER", "must be an array of amounts", revenues);
    }
    sameLength(fn, root, "revenue", revenues, ids.length);
  }
  const n = ids.length;
  // Pass 1: hash and pack the ids and count them per partition, up to the first invalid id (its
  // row is reported after the rows before it are validated, so that errors come in row order).
  const hashes = scratch.i32(n);
  const packedIds = scratch.i32(3 * n);
  const counts = new Int32Array(PARTITIONS);
  let valid = n;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      valid = i;
      break;
    }
    const h = idHash(id);
    hashes[i] = h;
    packedIds[3 * i] = packed[0] as number;
    packedIds[3 * i + 1] = packed[1] as number;
    packedIds[3 * i + 2] = packed[2] as number;
    const p = h >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
  }
  // Pass 2: validate each row and write a kept event at its partition's next place.
  const starts = partitionStarts(counts);
  const fill = starts.slice(0, PARTITIONS);
  const to = new Layout(scratch, valid);
  const reader = new EventReader(plan);
  const rev = revenues as ArrayLike<unknown> | undefined;
  for (let i = 0; i < valid; i++) {
    if (!reader.take(ids[i], ats[i], rev === undefined ? undefined : rev[i], i)) continue;
    const h = hashes[i] as number;
    const p = h >>> PARTITION_SHIFT;
    const j = fill[p] as number;
    fill[p] = j + 1;
    reader.put(to, j, i, h, packedIds, 3 * i);
  }
  if (valid < n) hashId(ids[valid], fn, valid, root); // throws NOT_A_NUMBER naming the row
  let kept = 0;
  for (let p = 0; p < PARTITIONS; p++) kept += (fill[p] as number) - (starts[p] as number);
  return reader.done(ids, n, kept, to, starts, fill);
}

/**
 * The same columns with the partitions moved together, so that positions 0 … n − 1 hold the
 * kept events (the form read without scratch memory).
 */
function closeGaps(ev: EventColumns): EventColumns {
  const { starts, ends, key, value, hash, packed: pk, src } = ev;
  let to = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const lo = starts[p] as number;
    const hi = ends[p] as number;
    if (lo !== to) {
      key.copyWithin(to, lo, hi);
      value.copyWithin(to, lo, hi);
      hash.copyWithin(to, lo, hi);
      pk.copyWithin(3 * to, 3 * lo, 3 * hi);
      src.copyWithin(to, lo, hi);
    }
    starts[p] = to;
    to += hi - lo;
    ends[p] = to;
  }
  starts[PARTITIONS] = to;
  return ev;
}

/** The events of `from` (event order) in partition order (a stable counting sort). */
function scatter(from: Layout, n: number, scratch: Arena) {
  const hashes = from.hash;
  const counts = new Int32Array(PARTITIONS);
  for (let j = 0; j < n; j++) {
    const p = (hashes[j] as number) >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
  }
  const starts = partitionStarts(counts);
  const to = new Layout(scratch, n);
  const fill = starts.slice(0, PARTITIONS);
  const { key, value, packed: pk, src } = from;
  for (let j = 0; j < n; j++) {
    const h = hashes[j] as number;
    const p = h >>> PARTITION_SHIFT;
    const at = fill[p] as number;
    fill[p] = at + 1;
    to.key[at] = key[j] as number;
    to.value[at] = value[j] as number;
    to.hash[at] = h;
    to.packed[3 * at] = pk[3 * j] as number;
    to.packed[3 * at + 1] = pk[3 * j + 1] as number;
    to.packed[3 * at + 2] = pk[3 * j + 2] as number;
    to.src[at] = src[j] as number;
  }
  return { starts, ends: fill, to };
}
