/**
 * The one customer-numbering step of the engine: events laid out in partition order (the
 * partition is the top bits of the id hash, see `aggregate/partitionOrder.ts`) get dense
 * customer numbers 0…customers − 1, partition by partition, so that one partition's id table
 * and events stay in the CPU cache while it is numbered; the customers of a partition get
 * consecutive numbers. Ids are compared by hash and packed form (`packed` in ids.ts), and ids
 * without a packed form by reading them again (`same`).
 *
 * Its consumers: the period-mask tables (`aggregate/maskNumbering.ts`,
 * `events/roleColumns.ts`), the per-customer scans (`group/groupByCustomer.ts`) and the active
 * runs of lifecycle and active users (`scan/activeRuns.ts`).
 */
import { PARTITIONS } from "../constants.js";
import type { Arena } from "../memory.js";

/** Events in partition order, as the numbering reads them. */
export interface PartitionedIds {
  /** Where partition p's events start (length PARTITIONS + 1). */
  readonly starts: Int32Array;
  /** Where partition p's events end (partition p holds `starts[p]` to `ends[p] − 1`). */
  readonly ends: Int32Array;
  /** Each event's id hash; only the bits of `hashMask` are read (the others may hold other data). */
  readonly hashes: Int32Array;
  readonly hashMask: number;
  /** The packed form of each event's id, three int32 per event. */
  readonly packed: Int32Array;
  /**
   * Where each event's id is read again (the argument of `same`), or null when every id has a
   * packed form (`packed[3j + 2] !== -1`).
   */
  readonly source: Int32Array | null;
  /** Whether the ids read at two `source` positions are the same customer. */
  readonly same: (a: number, b: number) => boolean;
}

/**
 * The {@link PartitionedIds} of events sorted by partition, one run per partition (`starts`
 * of length PARTITIONS + 1), with whole hashes; ids without a packed form are compared by
 * value, read from `ids` at their `source` position.
 */
export function sortedIds(
  starts: Int32Array,
  hashes: Int32Array,
  packed: Int32Array,
  source: Int32Array | null,
  ids: ArrayLike<unknown>,
): PartitionedIds {
  return {
    starts,
    ends: starts.subarray(1),
    hashes,
    hashMask: -1,
    packed,
    source,
    same: (a, b) => ids[a] === ids[b],
  };
}

/** What the numbering found. */
export interface CustomerNumbers {
  readonly customers: number;
  /** The first customer number of each partition (length PARTITIONS + 1). */
  readonly firstOf: Int32Array;
}

/**
 * Called after partition p is numbered: its events (`lo` to `hi − 1`) have their customers in
 * `customerOf`, its customers are `first` to `first + count − 1`.
 */
export type NumberedPartition = (
  p: number,
  lo: number,
  hi: number,
  first: number,
  count: number,
) => void;

/**
 * Number the customers of `events` (see the module comment). Event j's customer goes to
 * `customerOf[j]`, which may be `events.hashes` itself (each hash is read before it is
 * overwritten). With `firstEvent`, customer g's first event (its lowest position) goes to
 * `firstEvent[g]`; it grows with g and is at least g. `done` is called after each partition.
 * The working memory (a table of twice the largest partition) comes from `scratch`.
 */
export function numberCustomers(
  events: PartitionedIds,
  customerOf: Int32Array,
  scratch: Arena,
  firstEvent: Int32Array | null = null,
  done: NumberedPartition | null = null,
): CustomerNumbers {
  const { starts, ends, hashes, hashMask, packed, source, same } = events;
  let largest = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const size = (ends[p] as number) - (starts[p] as number);
    if (size > largest) largest = size;
  }
  let slots = 16;
  while (slots < 2 * largest) slots *= 2;
  const table = scratch.i32(slots);
  // customer c of the partition: its hash, packed id, first event
  const localHash = scratch.i32(largest);
  const localId0 = scratch.i32(largest);
  const localId1 = scratch.i32(largest);
  const localId2 = scratch.i32(largest);
  const localFirst = scratch.i32(largest);
  const firstOf = new Int32Array(PARTITIONS + 1);
  let numbered = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    firstOf[p] = numbered;
    const lo = starts[p] as number;
    const hi = ends[p] as number;
    if (lo === hi) continue;
    let size = 16;
    while (size < 2 * (hi - lo)) size *= 2;
    const mask = size - 1;
    table.fill(0, 0, size);
    let local = 0;
    for (let j = lo; j < hi; j++) {
      const h = (hashes[j] as number) & hashMask;
      const id0 = packed[3 * j] as number;
      const id1 = packed[3 * j + 1] as number;
      const id2 = packed[3 * j + 2] as number;
      let slot = h & mask;
      let c: number;
      for (;;) {
        const taken = table[slot] as number;
        if (taken === 0) {
          c = local++;
          localHash[c] = h;
          localId0[c] = id0;
          localId1[c] = id1;
          localId2[c] = id2;
          localFirst[c] = j;
          table[slot] = c + 1;
          break;
        }
        c = taken - 1;
        if (
          localHash[c] === h &&
          localId2[c] === id2 &&
          (id2 === -1
            ? same(
                (source as Int32Array)[localFirst[c] as number] as number,
                (source as Int32Array)[j] as number,
              )
            : localId0[c] === id0 && localId1[c] === id1)
        )
          break;
        slot = (slot + 1) & mask;
      }
      customerOf[j] = numbered + c;
    }
    if (firstEvent !== null) firstEvent.set(localFirst.subarray(0, local), numbered);
    done?.(p, lo, hi, numbered, local);
    numbered += local;
  }
  firstOf[PARTITIONS] = numbered;
  return { customers: numbered, firstOf };
}
