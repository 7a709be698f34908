/**
 * One hash partition of the general aggregate table in its compact form, for calendar periods
 * (chosen up front by `compactFits`): per customer a 32-byte record and, per period with an
 * event, one integer of revenue. No per-customer or per-entry JS objects, and no entry hash.
 *
 * A customer's record (Int32 slots) is `[hash, id0, id1, id2, base, present, active, run]`:
 * the packed id (see read/ids.ts), the period index `base` of bit 0, two masks of the periods
 * relative to it (`present`: an event fell there; `active`: an active one did), and where its
 * revenue starts in `runs`. The revenue of the periods with a `present` bit lies in `runs`
 * in bit order, one Int32 (later Float64) each (integer minor units, exact while |sum| ≤ 2^53 − 1; beyond
 * that, or for an amount that is no whole number of units, the rest is an exact Decimal per
 * (customer, period) in `extra`), so an event costs one id lookup and a popcount. A run is
 * moved to a longer one when a period is added (the old one goes to a free list per length
 * and serves the next customer of that length). A customer whose periods span more than
 * MASK_PERIODS moves whole to a general Partition (`overflow`) and its record points there.
 *
 * Memory: 32 bytes of record, 4 to 11 bytes of id table and 4 bytes per (customer, period)
 * (8 once a sum of the partition leaves ±(2^31 − 1) minor units);
 * the arrays regrow as plain typed arrays, so an old copy is freed (1/256 of the table each).
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { MAX_SAFE_UNITS } from "../../../_lib/exactSums.js";
import { exact, fromUnits } from "../../../_lib/minor.js";
import { MASK_PERIODS } from "../constants.js";
import type { Arena } from "../memory.js";
import { idHash, packed } from "../read/ids.js";
import type { CustomerId } from "../types.js";
import { type EntryVisit, Partition, unpack } from "./Partition.js";

const RECORD = 8;
const HASH = 0;
const ID0 = 1;
const ID1 = 2;
const ID2 = 3;
const BASE = 4;
const PRESENT = 5;
const ACTIVE = 6;
/** Start of the revenue run (≥ 0), -1 before the first entry, or -2 - (local number in `overflow`). */
const RUN = 7;

/**
 * Growth factor of the arrays: an eighth more each time keeps the unused tail near 6 % (each
 * array is 1/256 of the table, so the copies stay small).
 */
const GROWTH = 1.125;

/** Largest sum a run holds while it is an Int32Array. */
const INT32_UNITS = 2147483647;

/** Number of set bits of a 32-bit integer. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** Index of the lowest set bit of a non-zero 32-bit integer. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

export class CompactPartition {
  /** Open-addressing table of customers by id hash: slot → local number + 1. */
  private slots = new Int32Array(16);
  private slotMask = 15;
  private records = new Int32Array(4 * RECORD);
  /** The ids that do not pack (`packed[2] === -1`), by local number; null while there are none. */
  private loose: Map<number, CustomerId> | null = null;
  customers = 0;
  /** Earliest explicit cohort instant per customer (`Infinity` when none), or null. */
  private cohortAt: Float64Array | null = null;
  /**
   * Revenue per (customer, period) in integer units, customer runs in bit order: an
   * Int32Array (4 bytes an entry) until a sum leaves ±(2^31 − 1), then a Float64Array.
   */
  private runs: Int32Array | Float64Array = new Int32Array(16);
  /** Largest |sum| `runs` holds: INT32_UNITS, then MAX_SAFE_UNITS. */
  private runLimit = INT32_UNITS;
  private runTop = 0;
  /** Head of the free runs of each length (-1: none); a free run holds the next one's start. */
  private readonly free = new Int32Array(MASK_PERIODS + 1).fill(-1);
  /** The exact part beyond `runs` per customer and period key, or null while there is none. */
  private extra: Map<number, Map<number, Decimal>> | null = null;
  /** Customers whose periods span more than MASK_PERIODS, or null while there are none. */
  overflow: Partition | null = null;
  /** Local number here of each customer of `overflow`. */
  private overflowOwner: number[] = [];
  private readonly scale: number;
  private readonly arena: Arena;

  constructor(arena: Arena, scale: number) {
    this.arena = arena;
    this.scale = scale;
  }

  /** Local number of a customer, created on first sight. */
  customer(id: CustomerId): number {
    const h = idHash(id);
    return this.customerPacked(
      h,
      packed[0] as number,
      packed[1] as number,
      packed[2] as number,
      [id],
      0,
    );
  }

  /**
   * {@link customer} for an id given by its hash and packed form; `ids[src]` is read only to
   * create the customer or when the id is not packable.
   */
  customerPacked(
    hash: number,
    id0: number,
    id1: number,
    id2: number,
    ids: ArrayLike<unknown>,
    src: number,
  ): number {
    const slots = this.slots;
    const mask = this.slotMask;
    const records = this.records;
    let slot = hash & mask;
    for (;;) {
      const taken = slots[slot] as number;
      if (taken === 0) break;
      const at = RECORD * (taken - 1);
      if (
        records[at + HASH] === hash &&
        records[at + ID2] === id2 &&
        (id2 === -1
          ? (this.loose as Map<number, CustomerId>).get(taken - 1) === ids[src]
          : records[at + ID0] === id0 && records[at + ID1] === id1)
      ) {
        return taken - 1;
      }
      slot = (slot + 1) & mask;
    }
    const c = this.customers++;
    if (id2 === -1) {
      if (this.loose === null) this.loose = new Map();
      this.loose.set(c, ids[src] as CustomerId);
    }
    if (RECORD * (c + 1) > this.records.length) {
      const grown = new Int32Array(RECORD * Math.ceil((c + 1) * GROWTH + 4));
      grown.set(this.records);
      this.records = grown;
    }
    const r = this.records;
    const at = RECORD * c;
    r[at + HASH] = hash;
    r[at + ID0] = id0;
    r[at + ID1] = id1;
    r[at + ID2] = id2;
    r[at + PRESENT] = 0;
    r[at + ACTIVE] = 0;
    r[at + RUN] = -1;
    slots[slot] = c + 1;
    if (this.customers * 4 > mask * 3) this.rehash();
    return c;
  }

  /** The id of customer `c` (an equal string or number). */
  idOf(c: number): CustomerId {
    const at = RECORD * c;
    const id2 = this.records[at + ID2] as number;
    if (id2 === -1) return (this.loose as Map<number, CustomerId>).get(c) as CustomerId;
    const id0 = this.records[at + ID0] as number;
    if (id2 === -2) return id0;
    return unpack(id0, this.records[at + ID1] as number, id2);
  }

  /** Lower a customer's explicit cohort instant. */
  setCohort(c: number, at: number): void {
    if (this.cohortAt === null || c >= this.cohortAt.length) {
      const grown = new Float64Array(Math.ceil(this.records.length / RECORD)).fill(Infinity);
      if (this.cohortAt !== null) grown.set(this.cohortAt);
      this.cohortAt = grown;
    }
    if (at < (this.cohortAt[c] as number)) this.cohortAt[c] = at;
  }

  /** The earliest explicit cohort instant of customer `c`, or `Infinity`. */
  cohortOf(c: number): number {
    return this.cohortAt === null || c >= this.cohortAt.length
      ? Infinity
      : (this.cohortAt[c] as number);
  }

  /** The smallest period index of an active event of customer `c`, or `Infinity`. */
  firstOf(c: number): number {
    const at = RECORD * c;
    const run = this.records[at + RUN] as number;
    if (run < -1) return (this.overflow as Partition).firstActive[-2 - run] as number;
    const active = this.records[at + ACTIVE] as number;
    return active === 0 ? Infinity : (this.records[at + BASE] as number) + lowestBit(active);
  }

  /**
   * Add revenue (integer units; NaN: the exact `amount`) to the entry (customer `c`, period
   * `key`), created when new, marking it active when `active`.
   */
  add(
    c: number,
    key: number,
    units: number,
    amount: Decimal | null | undefined,
    active: boolean,
  ): void {
    const r = this.records;
    const at = RECORD * c;
    let run = r[at + RUN] as number;
    if (run < -1) {
      this.addOverflow(-2 - run, key, units, amount, active);
      return;
    }
    let present = r[at + PRESENT] as number;
    let d: number;
    if (present === 0) {
      r[at + BASE] = key;
      d = 0;
    } else {
      d = key - (r[at + BASE] as number);
      if (d < 0) {
        // shift the masks up, when the latest period still fits
        if (31 - Math.clz32(present) - d >= MASK_PERIODS) {
          this.moveToOverflow(c);
          this.add(c, key, units, amount, active);
          return;
        }
        present <<= -d;
        r[at + PRESENT] = present;
        r[at + ACTIVE] = (r[at + ACTIVE] as number) << -d;
        r[at + BASE] = key;
        d = 0;
      } else if (d >= MASK_PERIODS) {
        this.moveToOverflow(c);
        this.add(c, key, units, amount, active);
        return;
      }
    }
    const bit = 1 << d;
    const rank = popcount(present & (bit - 1));
    if ((present & bit) === 0) {
      const count = present === 0 ? 0 : popcount(present);
      const next = this.takeRun(count + 1);
      const runs = this.runs;
      for (let i = 0; i < rank; i++) runs[next + i] = runs[run + i] as number;
      runs[next + rank] = 0;
      for (let i = rank; i < count; i++) runs[next + i + 1] = runs[run + i] as number;
      if (count > 0) this.freeRun(run, count);
      run = next;
      r[at + RUN] = run;
      r[at + PRESENT] = present | bit;
    }
    if (active) r[at + ACTIVE] = (r[at + ACTIVE] as number) | bit;
    if (units !== 0) {
      const sum = (this.runs[run + rank] as number) + units;
      const limit = this.runLimit;
      if (sum <= limit && sum >= -limit) this.runs[run + rank] = sum;
      else this.addSlow(c, key, run + rank, sum, units, amount);
    }
  }

  /**
   * The fall-back of {@link add} for a sum beyond `runLimit`: the runs become Float64 when the
   * sum is safe there, else the amount goes to the entry's exact Decimal.
   */
  private addSlow(
    c: number,
    key: number,
    slot: number,
    sum: number,
    units: number,
    amount: Decimal | null | undefined,
  ): void {
    if (sum <= MAX_SAFE_UNITS && sum >= -MAX_SAFE_UNITS) {
      const wide = new Float64Array(this.runs.length);
      wide.set(this.runs);
      this.runs = wide;
      this.runLimit = MAX_SAFE_UNITS;
      wide[slot] = sum;
      return;
    }
    this.addAmount(
      c,
      key,
      Number.isNaN(units) ? (amount as Decimal) : fromUnits(units, this.scale),
    );
  }

  /** Add an exact amount in currency units to the existing entry (customer `c`, period `key`). */
  addAmount(c: number, key: number, amount: Decimal): void {
    const run = this.records[RECORD * c + RUN] as number;
    if (run < -1) {
      const overflow = this.overflow as Partition;
      overflow.entryRevenue.addAmount(overflow.entry(-2 - run, key), amount);
      return;
    }
    if (this.extra === null) this.extra = new Map();
    let own = this.extra.get(c);
    if (own === undefined) {
      own = new Map();
      this.extra.set(c, own);
    }
    const prev = own.get(key);
    own.set(key, prev === undefined ? exact(amount) : prev.plus(amount));
  }

  /** Number of (customer, period) entries. */
  entryCount(): number {
    let count = this.overflow === null ? 0 : this.overflow.entries;
    const r = this.records;
    for (let c = 0; c < this.customers; c++) count += popcount(r[RECORD * c + PRESENT] as number);
    return count;
  }

  /** Calls `visit` for every entry, a customer's entries together in period order. */
  visitEntries(visit: EntryVisit): void {
    const r = this.records;
    const extra = this.extra;
    for (let c = 0; c < this.customers; c++) {
      const at = RECORD * c;
      const run = r[at + RUN] as number;
      if (run < 0) continue;
      const base = r[at + BASE] as number;
      const active = r[at + ACTIVE] as number;
      const own = extra === null ? undefined : extra.get(c);
      let rest = r[at + PRESENT] as number;
      for (let i = 0; rest !== 0; i++) {
        const b = lowestBit(rest);
        rest &= rest - 1;
        const key = base + b;
        visit(
          c,
          key,
          ((active >>> b) & 1) === 1,
          this.runs[run + i] as number,
          own === undefined ? undefined : own.get(key),
        );
      }
    }
    const overflow = this.overflow;
    if (overflow !== null) {
      const owner = this.overflowOwner;
      overflow.visitEntries((o, key, active, units, amount) =>
        visit(owner[o] as number, key, active, units, amount),
      );
    }
  }

  /** Move customer `c` whole to the general `overflow` partition. */
  private moveToOverflow(c: number): void {
    if (this.overflow === null) this.overflow = new Partition(true, this.arena, this.scale);
    const overflow = this.overflow;
    const o = overflow.customer(this.idOf(c), this.firstOf(c));
    this.overflowOwner[o] = c;
    const at = RECORD * c;
    const r = this.records;
    const run = r[at + RUN] as number;
    const base = r[at + BASE] as number;
    const active = r[at + ACTIVE] as number;
    const own = this.extra?.get(c);
    let rest = r[at + PRESENT] as number;
    const count = popcount(rest);
    for (let i = 0; rest !== 0; i++) {
      const b = lowestBit(rest);
      rest &= rest - 1;
      const e = overflow.entry(o, base + b);
      if (((active >>> b) & 1) === 1) overflow.entryActive[e] = 1;
      const units = this.runs[run + i] as number;
      if (units !== 0) overflow.entryRevenue.add(e, units);
      const x = own?.get(base + b);
      if (x !== undefined) overflow.entryRevenue.addAmount(e, x);
    }
    if (own !== undefined) this.extra?.delete(c);
    if (count > 0) this.freeRun(run, count);
    r[at + PRESENT] = 0;
    r[at + ACTIVE] = 0;
    r[at + RUN] = -2 - o;
  }

  private addOverflow(
    o: number,
    key: number,
    units: number,
    amount: Decimal | null | undefined,
    active: boolean,
  ): void {
    const overflow = this.overflow as Partition;
    if (active && key < (overflow.firstActive[o] as number)) overflow.firstActive[o] = key;
    overflow.add(o, key, units, amount, active);
  }

  /** Start of a free run of `n` Float64 slots. */
  private takeRun(n: number): number {
    const head = this.free[n] as number;
    if (head >= 0) {
      this.free[n] = this.runs[head] as number;
      return head;
    }
    const start = this.runTop;
    if (start + n > this.runs.length) {
      const size = Math.ceil((start + n) * GROWTH + 16);
      const grown = this.runs instanceof Int32Array ? new Int32Array(size) : new Float64Array(size);
      grown.set(this.runs);
      this.runs = grown;
    }
    this.runTop = start + n;
    return start;
  }

  private freeRun(start: number, n: number): void {
    this.runs[start] = this.free[n] as number;
    this.free[n] = start;
  }

  /** Double the id table (kept at most three quarters full). */
  private rehash(): void {
    const size = (this.slotMask + 1) * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    const r = this.records;
    for (let c = 0; c < this.customers; c++) {
      let slot = (r[RECORD * c + HASH] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = c + 1;
    }
    this.slots = slots;
    this.slotMask = mask;
  }
}
