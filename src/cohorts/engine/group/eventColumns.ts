/**
 * One event of a log as the per-customer scans keep it, and the columns that hold the kept
 * events: what to read and keep (`ReadPlan`), the columns (`EventColumns`, `Layout`), and the
 * per-event work shared by the row and column readers of `readEvents.ts` (`EventReader`:
 * validate, decide whether a scan needs the event, write it).
 *
 * A kept event is four numbers and the id's hash:
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
import type { Decimal } from "../../../_lib/decimal.js";
import { isPurchase, type PurchaseRule } from "../../../_lib/eventRules.js";
import { isNoRevenue, RevenueReader } from "../../../_lib/minor.js";
import { MAX_MS, MS_PER_DAY } from "../constants.js";
import type { Arena } from "../memory.js";
import { ZoneClock } from "../periods.js";
import { hashId } from "../read/ids.js";
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

/** Event columns: `key`, `value`, `hash`, `packed` (three per event), `src`. */
export class Layout {
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
export class EventReader {
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
