/**
 * One hash partition of the general aggregate table in its compact form, for calendar periods
 * (chosen up front by `compactFits`): per customer a 32-byte record and, per period with an
 * event, one integer of revenue. No per-customer or per-entry JS objects, and no entry hash.
 *
 * A customer's record (Int32 slots) is `[hash, id0, id1, id2, base, present, active, run]`:
 * the packed id (see read/ids.ts), the period index `base` of bit 0, two masks of the periods
 * relative to it (`present`: an event fell there; `active`: an active one did), and where its
 * revenue run starts in `runs` (RevenueRuns.ts: one integer of minor units per `present` bit,
 * in bit order; what is beyond a safe integer, or no whole number of units, is an exact
 * Decimal per (customer, period) in `extra`). So an event costs one id lookup and a popcount.
 * A customer whose periods span more than MASK_PERIODS moves whole to a general Partition
 * (`overflow`), and its record points there.
 *
 * Memory per customer: 32 bytes of record, 5 to 11 bytes of id table, and 4 bytes per
 * (customer, period) (8 once a sum of the partition leaves ±(2^31 − 1) minor units), about 55
 * bytes for a customer active in 2 to 3 months. The arrays regrow as plain typed arrays by an
 * eighth, so an old copy is freed at once (each is 1/256 of the table).
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { exact, fromUnits } from "../../../_lib/minor.js";
import { MASK_PERIODS } from "../constants.js";
import type { Arena } from "../memory.js";
import { IdTable, RECORD } from "./IdTable.js";
import { type EntryVisit, Partition } from "./Partition.js";
import { GROWTH, RevenueRuns } from "./RevenueRuns.js";

/** Int32 slots of a customer record after its id (IdTable.ts). */
const BASE = 4;
const PRESENT = 5;
const ACTIVE = 6;
/** Start of the revenue run (≥ 0), -1 before the first entry, or -2 - (local number in `overflow`). */
const RUN = 7;

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

export class CompactPartition extends IdTable {
  /** Earliest explicit cohort instant per customer (`Infinity` when none), or null. */
  private cohortAt: Float64Array | null = null;
  /** Revenue per (customer, period) in integer units: each customer's run, in period order. */
  private readonly runs = new RevenueRuns();
  /** The exact part beyond `runs` per customer and period key, or null while there is none. */
  private extra: Map<number, Map<number, Decimal>> | null = null;
  /** Customers whose periods span more than MASK_PERIODS, or null while there are none. */
  overflow: Partition | null = null;
  /** Local number here of each customer of `overflow`. */
  private overflowOwner: number[] = [];
  private readonly scale: number;
  private readonly arena: Arena;

  constructor(arena: Arena, scale: number) {
    super(new Int32Array(16), new Int32Array(4 * RECORD), 3, 4);
    this.arena = arena;
    this.scale = scale;
  }

  protected made(c: number): void {
    if (RECORD * (c + 1) > this.records.length) {
      const grown = new Int32Array(RECORD * Math.ceil((c + 1) * GROWTH + 4));
      grown.set(this.records);
      this.records = grown;
    }
    const at = RECORD * c;
    this.records[at + PRESENT] = 0;
    this.records[at + ACTIVE] = 0;
    this.records[at + RUN] = -1;
  }

  protected newSlots(size: number): Int32Array<ArrayBuffer> {
    return new Int32Array(size);
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
      run = this.runs.insert(run, count, rank);
      r[at + RUN] = run;
      r[at + PRESENT] = present | bit;
    }
    if (active) r[at + ACTIVE] = (r[at + ACTIVE] as number) | bit;
    if (units !== 0) {
      if (!this.runs.add(run + rank, units)) {
        const exactAmount = Number.isNaN(units)
          ? (amount as Decimal)
          : fromUnits(units, this.scale);
        this.addAmount(c, key, exactAmount);
      }
    }
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
          this.runs.values[run + i] as number,
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
    const o = overflow.customer(this.idOf(c));
    overflow.lowerFirst(o, this.firstOf(c));
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
      const units = this.runs.values[run + i] as number;
      if (units !== 0) overflow.entryRevenue.add(e, units);
      const x = own?.get(base + b);
      if (x !== undefined) overflow.entryRevenue.addAmount(e, x);
    }
    if (own !== undefined) this.extra?.delete(c);
    if (count > 0) this.runs.release(run, count);
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
    if (active) overflow.lowerFirst(o, key);
    overflow.add(o, key, units, amount, active);
  }
}
