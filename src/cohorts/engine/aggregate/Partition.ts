/**
 * One hash partition of the general aggregate table: its customers and their entries.
 *
 * Customers: an open-addressing table from id to a local number, and per customer a 32-byte
 * record (one cache line read per lookup), the first active key and the explicit cohort date.
 * An id is kept in its packed form in the record (see read/ids.ts) and made again from it when
 * asked for ({@link Partition.idOf}); only ids that do not pack (long or non-Latin-1 strings,
 * numbers that are not int32) are also held as values. So the table holds no string per
 * customer: a hundred million events of short ids cost no heap objects for the collector to
 * mark, and 16 bytes less per customer.
 * Entries: for calendar periods one per distinct (customer, period), found through a second
 * open-addressing table; for rolling periods one per event (the windows depend on the
 * customer's first active instant, which can change as shards merge). Each entry holds its
 * key, its revenue (exact sums in integer units) and whether an active event fell in it.
 * It is the form of every partition for days, weeks and rolling periods, and holds the
 * customers of a compact partition (CompactPartition.ts) whose periods span more than its
 * masks.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import type { Arena } from "../memory.js";
import { IdTable, placeAll, RECORD } from "./IdTable.js";

/** Int32 slots of a customer record after its id (IdTable.ts): `[.., last entry, its key, -, -]`. */
const LAST_ENTRY = 4;
const LAST_KEY = 5;

/**
 * A visit of one (customer, period) entry: local customer number, key, whether an active
 * event fell in it, revenue in integer units and the exact part beyond them (or undefined).
 */
export type EntryVisit = (
  c: number,
  key: number,
  active: boolean,
  units: number,
  amount: Decimal | undefined,
) => void;

/** The hash of an entry's (customer, key) pair. */
function entrySlot(customer: number, key: number): number {
  const h = Math.imul(customer, 0x9e3779b1) ^ Math.imul(key | 0, 0x85ebca77);
  return h ^ (h >>> 15);
}

export class Partition extends IdTable {
  /**
   * Calendar: smallest period index of an active event; rolling: earliest active instant
   * (`Infinity` while the customer has no active event).
   */
  firstActive = new Float64Array(16);
  /** Earliest explicit cohort instant per customer (`Infinity` when none), or null. */
  cohortAt: Float64Array | null = null;
  entries = 0;
  entryCustomer = new Int32Array(16);
  /** Calendar: period index; rolling: instant. */
  entryKey = new Float64Array(16);
  /** 1 when an active event fell in the entry, else 0 (revenue of refunds only). */
  entryActive = new Uint8Array(16);
  /** Revenue per entry. */
  readonly entryRevenue: ExactSums;
  /** Open-addressing table of calendar entries by (customer, key): slot → entry + 1; null for rolling. */
  private entrySlots: Int32Array | null;
  private entryMask = 31;
  private readonly arena: Arena;

  constructor(calendar: boolean, arena: Arena, scale: number) {
    super(new Int32Array(32), new Int32Array(16 * RECORD), 1, 2);
    this.entrySlots = calendar ? new Int32Array(32) : null;
    this.arena = arena;
    this.entryRevenue = new ExactSums(16, scale);
  }

  protected made(c: number): void {
    if (c === this.firstActive.length) this.growCustomers(c + 1);
    this.firstActive[c] = Number.POSITIVE_INFINITY;
    if (this.cohortAt !== null) this.cohortAt[c] = Number.POSITIVE_INFINITY;
    this.records[RECORD * c + LAST_ENTRY] = -1;
  }

  protected newSlots(size: number): Int32Array<ArrayBuffer> {
    return this.arena.i32(size);
  }

  /** Lower the first active key of customer `c` to `key`. */
  lowerFirst(c: number, key: number): void {
    if (key < (this.firstActive[c] as number)) this.firstActive[c] = key;
  }

  /** The first active key of customer `c` (`Infinity` when none). */
  firstOf(c: number): number {
    return this.firstActive[c] as number;
  }

  /** The earliest explicit cohort instant of customer `c`, or `Infinity`. */
  cohortOf(c: number): number {
    return this.cohortAt === null ? Number.POSITIVE_INFINITY : (this.cohortAt[c] as number);
  }

  /** Number of entries. */
  entryCount(): number {
    return this.entries;
  }

  /**
   * Calls `visit` for every entry; for rolling periods a customer's entries come together
   * (the scan counts each window of a customer once).
   */
  visitEntries(visit: EntryVisit): void {
    const order = this.entrySlots === null ? entriesByCustomer(this) : null;
    const revenue = this.entryRevenue;
    const extra = revenue.extra;
    for (let i = 0; i < this.entries; i++) {
      const e = order === null ? i : (order[i] as number);
      visit(
        this.entryCustomer[e] as number,
        this.entryKey[e] as number,
        this.entryActive[e] === 1,
        revenue.units[e] as number,
        extra === null ? undefined : extra.get(e),
      );
    }
  }

  /** Lower a customer's explicit cohort instant. */
  setCohort(c: number, at: number): void {
    if (this.cohortAt === null) this.growCohort(this.firstActive.length);
    const cohortAt = this.cohortAt as Float64Array;
    if (at < (cohortAt[c] as number)) cohortAt[c] = at;
  }

  /** The entry of (customer, key), created empty when new. */
  entry(c: number, key: number): number {
    const slots = this.entrySlots;
    if (slots === null) return this.newEntry(c, key);
    const records = this.records;
    const at = RECORD * c;
    const last = records[at + LAST_ENTRY] as number;
    if (last >= 0 && records[at + LAST_KEY] === key) return last;
    const mask = this.entryMask;
    let slot = entrySlot(c, key) & mask;
    for (;;) {
      const taken = slots[slot] as number;
      let e: number;
      if (taken === 0) {
        e = this.newEntry(c, key);
        slots[slot] = e + 1;
        if (this.entries * 2 > mask) this.rehashEntries(0);
      } else if (this.entryCustomer[taken - 1] === c && this.entryKey[taken - 1] === key) {
        e = taken - 1;
      } else {
        slot = (slot + 1) & mask;
        continue;
      }
      records[at + LAST_ENTRY] = e;
      records[at + LAST_KEY] = key;
      return e;
    }
  }

  /** Add revenue (integer units; NaN: the exact `amount`) to an entry, marking it active when `active`. */
  add(c: number, key: number, units: number, amount: unknown, active: boolean): void {
    const e = this.entry(c, key);
    if (active) this.entryActive[e] = 1;
    if (units !== 0) this.entryRevenue.add(e, units, amount as never);
  }

  /**
   * Capacities to grow to before `events` more events are added (0: no growth), when the
   * whole input is expected to hold `scale` times the events seen so far (this batch
   * included): a quarter of the events are taken as new customers and three quarters (all,
   * for rolling periods) as new entries, and the arrays grow only when the expected
   * additions of this batch do not fit, to the size expected for the whole input.
   */
  private plan(events: number, scale: number): [number, number] {
    const newEntries = this.entrySlots === null ? events : (events * 3) >> 2;
    const newCustomers = events >> 2;
    const customers =
      this.customers + newCustomers > this.firstActive.length
        ? Math.ceil((this.customers + newCustomers) * scale)
        : 0;
    const entries =
      this.entries + newEntries > this.entryCustomer.length
        ? Math.ceil((this.entries + newEntries) * scale)
        : 0;
    return [customers, entries];
  }

  /** The bytes {@link reserve} will allocate for the same arguments. */
  reserveBytes(events: number, scale: number): number {
    const [customers, entries] = this.plan(events, scale);
    let bytes = 0;
    if (customers > this.firstActive.length)
      bytes += Math.max(customers, this.firstActive.length * 2) * (8 + 4 * RECORD);
    bytes += this.slotBytes(customers);
    if (entries > this.entryCustomer.length)
      bytes += Math.max(entries, this.entryCustomer.length * 2) * 25 + 8;
    if (this.entrySlots !== null && entries * 2 > this.entryMask)
      bytes += 2 ** Math.ceil(Math.log2(entries * 2 + 2)) * 4;
    return bytes;
  }

  /** Make room for `events` more events without regrowing while they are added. */
  reserve(events: number, scale: number): void {
    const [customers, entries] = this.plan(events, scale);
    if (entries > this.entryCustomer.length) this.growEntries(entries);
    if (customers > this.firstActive.length) this.growCustomers(customers);
    this.reserveSlots(customers);
    if (this.entrySlots !== null && entries * 2 > this.entryMask) this.rehashEntries(entries);
  }

  private newEntry(c: number, key: number): number {
    const e = this.entries++;
    if (e === this.entryCustomer.length) this.growEntries(0);
    this.entryCustomer[e] = c;
    this.entryKey[e] = key;
    this.entryRevenue.units[e] = 0;
    this.entryActive[e] = 0;
    return e;
  }

  private growCustomers(min: number): void {
    const size = Math.max(min, this.firstActive.length * 2);
    const first = this.arena.f64(size);
    first.set(this.firstActive);
    this.firstActive = first;
    const records = this.arena.i32(RECORD * size);
    records.set(this.records);
    this.records = records;
    if (this.cohortAt !== null) this.growCohort(size);
  }

  private growCohort(size: number): void {
    const next = this.arena.f64(size).fill(Number.POSITIVE_INFINITY);
    if (this.cohortAt !== null) next.set(this.cohortAt);
    this.cohortAt = next;
  }

  private growEntries(min: number): void {
    const size = Math.max(min, this.entryCustomer.length * 2);
    const customer = this.arena.i32(size);
    customer.set(this.entryCustomer);
    this.entryCustomer = customer;
    const key = this.arena.f64(size);
    key.set(this.entryKey);
    this.entryKey = key;
    this.entryRevenue.moveTo(this.arena.f64(size));
    const active = this.arena.u8(size);
    active.set(this.entryActive);
    this.entryActive = active;
  }

  private rehashEntries(min: number): void {
    const { entryCustomer, entryKey } = this;
    const alloc = (size: number) => this.arena.i32(size);
    this.entrySlots = placeAll(this.entryMask, this.entries, min, alloc, (e) =>
      entrySlot(entryCustomer[e] as number, entryKey[e] as number),
    );
    this.entryMask = this.entrySlots.length - 1;
  }
}

/** A partition's entries ordered by customer (a counting sort). */
function entriesByCustomer(p: Partition): Int32Array {
  const start = new Int32Array(p.customers + 1);
  for (let e = 0; e < p.entries; e++) {
    const c = (p.entryCustomer[e] as number) + 1;
    start[c] = (start[c] as number) + 1;
  }
  for (let c = 0; c < p.customers; c++)
    start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const order = new Int32Array(p.entries);
  for (let e = 0; e < p.entries; e++) {
    const c = p.entryCustomer[e] as number;
    order[start[c] as number] = e;
    start[c] = (start[c] as number) + 1;
  }
  return order;
}
