/**
 * The customer id table both partition forms share (Partition.ts, CompactPartition.ts): an
 * open-addressing table from id to local number over per-customer records of RECORD Int32
 * slots, the first four being `[hash, id0, id1, id2]`, the id's hash and packed form (see
 * read/ids.ts: `id2` -2 for an int32 `id0`, -1 for an id that does not pack, else a short
 * Latin-1 string). The ids that do not pack are held as values in a `loose` map by local
 * number. The rest of a record is the partition's own.
 */
import { idHash, packed } from "../read/ids.js";
import type { CustomerId } from "../types.js";

/** Int32 slots per customer record. */
export const RECORD = 8;
const HASH = 0;
const ID0 = 1;
const ID1 = 2;
const ID2 = 3;

/**
 * A partition's customers: the id table and the records. A subclass says how its records
 * (and its other per-customer arrays) grow and sets the rest of a new record.
 */
export abstract class IdTable {
  /** Open-addressing table of customers by id hash: slot → local number + 1. */
  private slots: Int32Array;
  private slotMask: number;
  /** The table is rebuilt twice as wide once `customers * loadDen > slotMask * loadNum`. */
  private readonly loadNum: number;
  private readonly loadDen: number;
  /** Per customer, a {@link RECORD}: `[hash, id0, id1, id2]`, then the subclass's slots. */
  protected records: Int32Array;
  /** The ids that do not pack (`id2 === -1`), by local number; null while there are none. */
  private loose: Map<number, CustomerId> | null = null;
  customers = 0;

  /** `slots` a power of two; the table at most `loadNum / loadDen` full. */
  constructor(slots: Int32Array, records: Int32Array, loadNum: number, loadDen: number) {
    this.slots = slots;
    this.slotMask = slots.length - 1;
    this.records = records;
    this.loadNum = loadNum;
    this.loadDen = loadDen;
  }

  /** Make room for the record of new customer `c` and set its slots after the id. */
  protected abstract made(c: number): void;

  /** A zeroed Int32Array of `size` for the id table. */
  protected abstract newSlots(size: number): Int32Array<ArrayBuffer>;

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
    this.made(c);
    const r = this.records;
    const at = RECORD * c;
    r[at + HASH] = hash;
    r[at + ID0] = id0;
    r[at + ID1] = id1;
    r[at + ID2] = id2;
    slots[slot] = c + 1;
    if (this.customers * this.loadDen > mask * this.loadNum) this.growSlots(this.customers);
    return c;
  }

  /** The id of customer `c`, made again from its packed form (an equal string or number). */
  idOf(c: number): CustomerId {
    const at = RECORD * c;
    const id2 = this.records[at + ID2] as number;
    if (id2 === -1) return (this.loose as Map<number, CustomerId>).get(c) as CustomerId;
    const id0 = this.records[at + ID0] as number;
    if (id2 === -2) return id0;
    return unpack(id0, this.records[at + ID1] as number, id2);
  }

  /** The bytes {@link reserveSlots} allocates for `customers`. */
  protected slotBytes(customers: number): number {
    return customers * this.loadDen > this.slotMask * this.loadNum
      ? 2 ** Math.ceil(Math.log2(customers * 2 + 2)) * 4
      : 0;
  }

  /** Widen the id table now to hold `customers` customers. */
  protected reserveSlots(customers: number): void {
    if (customers * this.loadDen > this.slotMask * this.loadNum) this.growSlots(customers);
  }

  /** Rebuild the id table at least twice as wide, and wide enough for `min` customers. */
  private growSlots(min: number): void {
    const records = this.records;
    this.slots = placeAll(
      this.slotMask,
      this.customers,
      min,
      this.newSlots.bind(this),
      (c) => records[RECORD * c + HASH] as number,
    );
    this.slotMask = this.slots.length - 1;
  }
}

/** The string of a packed id `[c0..c3, c4..c7, c8..c10 | length << 24]` (see read/ids.ts). */
function unpack(id0: number, id1: number, id2: number): string {
  const length = id2 >>> 24;
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) {
    const word = i < 4 ? id0 : i < 8 ? id1 : id2;
    codes[i] = (word >>> (8 * (i & 3))) & 255;
  }
  return String.fromCharCode(...codes);
}

/**
 * A new open-addressing table (from `alloc`, zeroed) holding `count` items by their hash, each
 * as its number + 1: at least twice as wide as one of mask `old`, and twice `min` + 2.
 */
export function placeAll(
  old: number,
  count: number,
  min: number,
  alloc: (size: number) => Int32Array<ArrayBuffer>,
  hashOf: (i: number) => number,
): Int32Array<ArrayBuffer> {
  let size = (old + 1) * 2;
  while (size < min * 2 + 2) size *= 2;
  const slots = alloc(size);
  const mask = size - 1;
  for (let i = 0; i < count; i++) {
    let slot = hashOf(i) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  return slots;
}
