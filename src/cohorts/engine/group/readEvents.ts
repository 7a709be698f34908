/**
 * Reading an event log (rows, any iterable of rows, or columns) once into typed columns: the
 * first stage of the per-customer scans (see `groupByCustomer.ts`).
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
 * - `hash` and `packed` (three int32): the id as `hashId` hashes and packs it;
 * - `src`: where the id is read again (`ids[src]`).
 */
import { fail } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import { isPurchase, type PurchaseRule } from "../../../_lib/eventRules.js";
import { isNoRevenue, RevenueReader } from "../../../_lib/minor.js";
import { ZoneClock } from "../periods.js";
import { hashId, packed } from "../read/ids.js";
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

/** The kept events as columns (see the module comment). */
export interface EventColumns {
  /** Number of kept events. */
  readonly n: number;
  // The five event columns are handed over to `groupByCustomer`, which empties them once it
  // has copied the events into partition order (so that the memory of one copy is free).
  key: Int32Array;
  value: Float64Array;
  hash: Int32Array;
  /** Three int32 per event (see `packed` in ingest.ts). */
  packed: Int32Array;
  src: Int32Array;
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

const MS_PER_DAY = 86_400_000;
const MAX_MS = 8.64e15;

/** Growable typed columns of kept events. */
class Sink {
  n = 0;
  key: Int32Array;
  value: Float64Array;
  hash: Int32Array;
  packed: Int32Array;
  src: Int32Array;
  loose = false;
  extra: Map<number, Decimal> | null = null;

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.key = new Int32Array(c);
    this.value = new Float64Array(c);
    this.hash = new Int32Array(c);
    this.packed = new Int32Array(3 * c);
    this.src = new Int32Array(c);
  }

  grow(): void {
    const c = 2 * this.key.length;
    const k = new Int32Array(c);
    k.set(this.key);
    this.key = k;
    const v = new Float64Array(c);
    v.set(this.value);
    this.value = v;
    const h = new Int32Array(c);
    h.set(this.hash);
    this.hash = h;
    const p = new Int32Array(3 * c);
    p.set(this.packed);
    this.packed = p;
    const s = new Int32Array(c);
    s.set(this.src);
    this.src = s;
  }
}

/** The per-event work shared by the row and column readers. */
class EventReader {
  readonly sink: Sink;
  anyRevenue = false;
  private readonly reader: RevenueReader;
  private readonly clock: ZoneClock;
  private readonly utc: boolean;
  private readonly plan: ReadPlan;

  constructor(plan: ReadPlan, capacity: number) {
    this.plan = plan;
    this.sink = new Sink(capacity);
    this.reader = new RevenueReader({ fn: plan.fn, minorUnits: null, scale: 2, pow: 100 });
    this.clock = new ZoneClock(plan.zone);
    this.utc = plan.zone === "UTC";
  }

  /** Validate one event and keep it when a scan needs it; `src` is where its id is read again. */
  take(id: unknown, at: unknown, revenue: unknown, index: number, src: number): void {
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
    if (!(t < plan.end) || !(purchase || (refund && plan.keepRefunds))) return;
    const sink = this.sink;
    if (sink.n === sink.key.length) sink.grow();
    const j = sink.n++;
    let day = 0;
    if (plan.days) {
      day = this.utc ? Math.floor(t / MS_PER_DAY) : Math.floor(this.clock.local(t) / MS_PER_DAY);
    }
    sink.key[j] = 4 * day + (t >= plan.cut ? 2 : 0) + (refund ? 1 : 0);
    sink.value[j] = units;
    if (Number.isNaN(units)) {
      if (sink.extra === null) sink.extra = new Map();
      sink.extra.set(src, this.reader.extra as Decimal);
    }
    sink.hash[j] = hashId(id, fn, index, root);
    const pk = packed;
    const k2 = pk[2] as number;
    sink.packed[3 * j] = pk[0] as number;
    sink.packed[3 * j + 1] = pk[1] as number;
    sink.packed[3 * j + 2] = k2;
    if (k2 === -1) sink.loose = true;
    sink.src[j] = src;
  }

  done(ids: ArrayLike<unknown>, rows: number): EventColumns {
    const s = this.sink;
    return {
      n: s.n,
      key: s.key,
      value: s.value,
      hash: s.hash,
      packed: s.packed,
      src: s.src,
      ids,
      extra: s.extra,
      loose: s.loose,
      rows,
      anyRevenue: this.anyRevenue,
    };
  }
}

/**
 * Read `events` (an iterable of rows, read through the accessors or the fields `customerId`,
 * `at`, `revenue`; or an object of columns of those names) under `plan`. Throws
 * `MetricInputError` naming the row and field of the first invalid value.
 */
export function readEvents(events: unknown, plan: ReadPlan): EventColumns {
  const { fn, root, optionPrefix: prefix } = plan;
  const getId = accessorOption(plan.accessors.customerId, fn, `${prefix}customerId`);
  const getAt = accessorOption(plan.accessors.at, fn, `${prefix}at`);
  const getRevenue = accessorOption(plan.accessors.revenue, fn, `${prefix}revenue`);
  if (events === null || typeof events !== "object") {
    fail(fn, root, "NOT_A_NUMBER", "must be an iterable of rows or an object of columns", events);
  }
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    const known = Array.isArray(events) ? events.length : 1024;
    const reader = new EventReader(plan, known);
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
      const before = reader.sink.n;
      reader.take(id, at, revenue, index, before);
      if (reader.sink.n !== before) ids.push(Object.is(id, -0) ? 0 : id);
    }
    return reader.done(ids, i);
  }
  const columns = events as Record<string, unknown>;
  const ids = columns.customerId;
  const ats = columns.at;
  const revenues = columns.revenue;
  if (!isArrayLike(ids)) {
    fail(fn, `${root}.customerId`, "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  if (!isArrayLike(ats)) fail(fn, `${root}.at`, "NOT_A_NUMBER", "must be an array of dates", ats);
  if (ats.length !== ids.length) {
    fail(
      fn,
      `${root}.at`,
      "INCONSISTENT",
      `must have the same length as ${root}.customerId (${ids.length})`,
      ats,
    );
  }
  if (revenues !== undefined) {
    if (!isArrayLike(revenues)) {
      fail(fn, `${root}.revenue`, "NOT_A_NUMBER", "must be an array of amounts", revenues);
    }
    if (revenues.length !== ids.length) {
      fail(
        fn,
        `${root}.revenue`,
        "INCONSISTENT",
        `must have the same length as ${root}.customerId (${ids.length})`,
        revenues,
      );
    }
  }
  const n = ids.length;
  const reader = new EventReader(plan, n);
  if (revenues === undefined) {
    for (let i = 0; i < n; i++) reader.take(ids[i], ats[i], undefined, i, i);
  } else {
    const rev = revenues as ArrayLike<unknown>;
    for (let i = 0; i < n; i++) reader.take(ids[i], ats[i], rev[i], i, i);
  }
  return reader.done(ids, n);
}
