/**
 * Feeding a one-shot input to the period-mask table: customers get consecutive numbers, then
 * their active periods set mask bits, then (masks final) revenue goes to the cohort cells.
 *
 * - Dense integer ids (dictionary codes, an `Int32Array` or integral `Float64Array` over a
 *   range of about the number of events) are their own numbers, minus the smallest.
 * - Any other ids are hashed, scattered into partitions by hash, and numbered partition by
 *   partition by the engine's one numbering step (`read/customerNumbers.ts`), each partition's
 *   period bits and revenue added while its events and masks are still in the CPU cache.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import type { RevenueReader } from "../../../_lib/minor.js";
import { DENSE_ID_SLACK, PARTITION_SHIFT, PARTITIONS } from "../constants.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "../eventKinds.js";
import type { Arena } from "../memory.js";
import { numberCustomers } from "../read/customerNumbers.js";
import { hashId, packed } from "../read/ids.js";
import type { Resolved } from "../read/options.js";
import { DROPPED } from "../read/periodKeys.js";
import { maskWords, PeriodMasks } from "./PeriodMasks.js";
import { partitionStarts } from "./partitionOrder.js";

/** Ids already validated and hashed (see `hashId`), with equality of two events' ids. */
export interface HashedIds {
  readonly hashes: Int32Array;
  /** The packed form of each id, three int32 per event. */
  readonly packed: Int32Array;
  /** Whether any id is not packable (`packed[3i + 2] === -1`). */
  readonly loose: boolean;
  readonly same: (a: number, b: number) => boolean;
}

/** A one-shot input after the key pass. */
export interface KeyedEvents {
  readonly n: number;
  readonly ids: ArrayLike<unknown>;
  /** Period of each event (DROPPED: left out), from `periodKeys`. */
  readonly keys: Int32Array;
  /** The first and last period of the kept events. */
  readonly first: number;
  readonly last: number;
  /** Revenue in integer units (NaN: see `amounts`), or null (read `raw`, or no revenue). */
  readonly units: ArrayLike<number> | null;
  readonly amounts: Map<number, Decimal> | null;
  readonly raw: ArrayLike<unknown> | null;
  readonly reader: RevenueReader;
  readonly prefix: string;
  /** Ids hashed while reading rows, or null. */
  readonly hashed: HashedIds | null;
}

/** `[min, range]` of integer ids dense enough to index masks directly, or null. */
export function denseIds(ids: ArrayLike<unknown>, n: number): [number, number] | null {
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
  return range <= 2 * n + DENSE_ID_SLACK ? [min, range] : null;
}

/** Scratch bytes of a mask table over `n` events (dense ids: their range). */
export function maskScratchBytes(
  n: number,
  dense: [number, number] | null,
  hashed: boolean,
): number {
  return dense !== null ? 4 * n + 4 * dense[1] + 64 : (hashed ? 36 : 52) * n + 64;
}

/** The mask table of events with dense integer ids `[min, range]`. */
export function denseMasks(
  options: Resolved,
  ev: KeyedEvents,
  dense: [number, number],
  scratch: Arena,
): PeriodMasks {
  const [idBase, range] = dense;
  const { n, ids, keys, first, prefix, reader } = ev;
  const span = ev.last - first + 1;
  const masks = new PeriodMasks(
    options,
    first,
    span,
    range,
    maskWords(span) === 1 ? scratch.i32(range).fill(0) : null,
  );
  const kinds = new EventKinds(options);
  let units = ev.units;
  let amounts = ev.amounts;
  if (ev.raw !== null && !kinds.allActive) {
    // Activity depends on the sign of revenue: read it before the masks.
    const read = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      read[i] = reader.read(ev.raw[i], i, prefix);
      if (Number.isNaN(read[i])) {
        if (amounts === null) amounts = new Map();
        amounts.set(i, reader.extra as Decimal);
      }
    }
    units = read;
  }
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (k === DROPPED) continue;
    if (!kinds.allActive) {
      const v = units === null ? 0 : (units[i] as number);
      const kind = v === 0 ? kinds.activity : kinds.of(revenueSign(v, amounts?.get(i)));
      if ((kind & ACTIVE) === 0) continue;
    }
    masks.add((ids[i] as number) - idBase, k - first);
  }
  masks.settle(0, range);
  if (units === null && ev.raw === null) return masks;
  const netRefunds = (kinds.refund & COUNTED) !== 0;
  for (let i = 0; i < n; i++) {
    let v: number;
    let amount: Decimal | undefined;
    if (units !== null) {
      v = units[i] as number;
      if (Number.isNaN(v)) amount = amounts?.get(i);
    } else {
      v = reader.read((ev.raw as ArrayLike<unknown>)[i], i, prefix);
      if (Number.isNaN(v)) amount = reader.extra as Decimal;
    }
    const k = keys[i] as number;
    if (k === DROPPED || v === 0) continue;
    if (!netRefunds && revenueSign(v, amount) < 0) continue;
    masks.addRevenue((ids[i] as number) - idBase, k - first, v, amount);
  }
  return masks;
}

/** The mask table of events with any ids: hashed, scattered by partition, numbered per partition. */
export function hashedMasks(options: Resolved, ev: KeyedEvents, scratch: Arena): PeriodMasks {
  const { n, ids, keys, first, prefix, reader, units, raw } = ev;
  const span = ev.last - first + 1;
  const periods = Math.max(span, 1);
  const kinds = new EventKinds(options);
  const netRefunds = (kinds.refund & COUNTED) !== 0;
  // Pass 1: validate and hash the ids (with their packed form), count events per partition.
  const hashes = ev.hashed?.hashes ?? scratch.i32(n);
  const packedIds = ev.hashed?.packed ?? scratch.i32(3 * n);
  let loose = ev.hashed?.loose ?? false;
  if (ev.hashed === null) {
    const packedId = packed; // one read of the binding: a transpiled import may be a getter
    for (let i = 0; i < n; i++) {
      hashes[i] = hashId(ids[i], options.fn, i, prefix);
      packedIds[3 * i] = packedId[0] as number;
      packedIds[3 * i + 1] = packedId[1] as number;
      packedIds[3 * i + 2] = packedId[2] as number;
      if (packedId[2] === -1) loose = true;
    }
  }
  const counts = new Int32Array(PARTITIONS);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (keys[i] === DROPPED) continue;
    const p = (hashes[i] as number) >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
    kept++;
  }
  const same = ev.hashed?.same ?? ((a: number, b: number) => ids[a] === ids[b]);
  const starts = partitionStarts(counts);
  // Pass 2: scatter into partition order: the low hash bits with the period bit on top
  // (periodBits bits), the packed id, the revenue.
  const periodBits = Math.max(1, 32 - Math.clz32(periods - 1));
  const periodShift = 32 - periodBits;
  const hashMask = -1 >>> periodBits;
  const sortedHashPeriod = scratch.i32(kept);
  const sortedPacked = scratch.i32(3 * kept);
  const sortedUnits = units === null && raw === null ? null : scratch.f64(kept);
  const sortedSource = loose ? scratch.i32(kept) : null;
  let amountOf: Map<number, Decimal> | null = null;
  const fill = starts.slice(0, PARTITIONS);
  for (let i = 0; i < n; i++) {
    let v = 0;
    if (units !== null) v = units[i] as number;
    else if (raw !== null) v = reader.read(raw[i], i, prefix);
    const k = keys[i] as number;
    if (k === DROPPED) continue;
    const h = hashes[i] as number;
    const j = fill[h >>> PARTITION_SHIFT] as number;
    fill[h >>> PARTITION_SHIFT] = j + 1;
    sortedHashPeriod[j] = (h & hashMask) | ((k - first) << periodShift);
    sortedPacked[3 * j] = packedIds[3 * i] as number;
    sortedPacked[3 * j + 1] = packedIds[3 * i + 1] as number;
    sortedPacked[3 * j + 2] = packedIds[3 * i + 2] as number;
    if (sortedUnits !== null) {
      sortedUnits[j] = v;
      if (Number.isNaN(v)) {
        if (amountOf === null) amountOf = new Map();
        amountOf.set(j, (units !== null ? ev.amounts?.get(i) : reader.extra) as Decimal);
      }
    }
    if (sortedSource !== null) sortedSource[j] = i;
  }
  // Pass 3: number the customers partition by partition (numbers are contiguous within a
  // partition), set their period bits, then add the partition's revenue.
  const masks = new PeriodMasks(
    options,
    first,
    span,
    kept,
    maskWords(span) === 1 ? scratch.i32(kept) : null,
  );
  const customerOf = hashes; // free after the scatter pass
  const setBits = (_p: number, lo: number, hi: number, firstCustomer: number, count: number) => {
    if (masks.words === 1) masks.masks.fill(0, firstCustomer, firstCustomer + count);
    for (let j = lo; j < hi; j++) {
      if (!kinds.allActive) {
        const v = sortedUnits === null ? 0 : (sortedUnits[j] as number);
        const kind = v === 0 ? kinds.activity : kinds.of(revenueSign(v, amountOf?.get(j)));
        if ((kind & ACTIVE) === 0) continue;
      }
      masks.add(customerOf[j] as number, (sortedHashPeriod[j] as number) >>> periodShift);
    }
    masks.settle(firstCustomer, firstCustomer + count);
    if (sortedUnits === null) return;
    for (let j = lo; j < hi; j++) {
      const v = sortedUnits[j] as number;
      if (v === 0) continue;
      const amount = amountOf?.get(j);
      if (!netRefunds && revenueSign(v, amount) < 0) continue;
      masks.addRevenue(
        customerOf[j] as number,
        (sortedHashPeriod[j] as number) >>> periodShift,
        v,
        amount,
      );
    }
  };
  const { customers } = numberCustomers(
    {
      starts,
      ends: starts.subarray(1),
      hashes: sortedHashPeriod,
      hashMask,
      packed: sortedPacked,
      source: sortedSource,
      same,
    },
    customerOf,
    scratch,
    null,
    setBits,
  );
  return masks.withCustomers(customers);
}
