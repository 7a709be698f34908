/**
 * The general aggregate table: per customer (cohort information) and per (customer, period)
 * (revenue, and whether the customer was active), partitioned by a hash of the customer id.
 * It takes any input (rows, columns, batches, rolling periods, explicit cohorts), merges with
 * another table exactly (`combine`), and serialises; the period-mask table (PeriodMasks.ts)
 * is its faster sibling for one-shot calendar tables.
 *
 * Its partitions take one of two forms, chosen up front by the named check `compactFits`:
 * for the accumulator and the streams over calendar months, quarters or years, compact
 * partitions (CompactPartition.ts: per customer a record with period masks and a run of
 * revenue, ~55 bytes); otherwise general partitions (Partition.ts: an entry per (customer,
 * period), found by hash). Both are read through the same methods (`idOf`, `firstOf`,
 * `cohortOf`, `visitEntries`), by the scan, `combine` and the document
 * (customerPeriodsState.ts).
 *
 * `add` works in three passes over a batch: validate and hash every id (nothing changes
 * before the whole batch is valid), scatter the events into partition order, then aggregate
 * partition by partition, so that each partition's working set stays in the CPU cache.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import type { RevenueReader } from "../../../_lib/minor.js";
import { MS_PER_DAY, PARTITION_SHIFT, PARTITIONS, RESERVE_SLACK } from "../constants.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "../eventKinds.js";
import { Arena } from "../memory.js";
import { DayPeriods, ZoneClock } from "../periods.js";
import { hashId, idHash, packed } from "../read/ids.js";
import type { Resolved } from "../read/options.js";
import type { CohortParts } from "../scan/cells.js";
import type { CompactPartition } from "./CompactPartition.js";
import type { CompactForm } from "./compactForm.js";
import { scanCustomerPeriods } from "./customerPeriodsScan.js";
import {
  combinePartition,
  loadDocument,
  type TableDocument,
  tableDocument,
} from "./customerPeriodsState.js";
import { Partition } from "./Partition.js";
import { partitionStarts } from "./partitionOrder.js";
import { SortedEvents } from "./sortedEvents.js";

/** A batch of events in column form after reading: times, revenue and ids. */
export interface Batch {
  /** Number of events. */
  readonly n: number;
  /** Index of the batch's first event in `ids`, `at`, `value`, `raw`, `cohortAt` and `periods`. */
  readonly base: number;
  readonly ids: ArrayLike<unknown>;
  /** Instants (epoch ms), already validated. */
  readonly at: ArrayLike<number>;
  /** Revenue in integer units (NaN: see `extra`), or null when `raw` is to be read. */
  readonly value: ArrayLike<number> | null;
  /** Exact amounts of the NaN values, by index within the batch. */
  readonly extra: Map<number, Decimal> | null;
  /** Raw revenue values, read during the scatter pass (before any state changes). */
  readonly raw?: ArrayLike<unknown> | undefined;
  readonly reader?: RevenueReader | undefined;
  /** Explicit cohort instants (NaN: none), or null. */
  readonly cohortAt: ArrayLike<number> | null;
  /** Calendar period keys already computed by the one key pass, or null. */
  readonly periods?: Int32Array | null | undefined;
}

/** Scratch bytes {@link CustomerPeriods.add} needs for a batch of `n` events. */
export function batchScratchBytes(n: number): number {
  return 57 * n + 136;
}

/** A partition of either form, as the scan, `combine` and the document read it. */
export type AnyPartition = Partition | CompactPartition;

/**
 * Whether a table takes the compact partitions (CompactPartition.ts): calendar periods of a
 * month or longer, where a customer's periods rarely span more than MASK_PERIODS (those that
 * do move to the general entries). Rolling periods keep one entry per event, and days or
 * weeks span more than 32 periods for most returning customers.
 */
export function compactFits(options: Resolved): boolean {
  return (
    options.boundaries === "calendar" &&
    (options.period === "month" || options.period === "quarter" || options.period === "year")
  );
}

export type { TableDocument } from "./customerPeriodsState.js";

export class CustomerPeriods {
  /** The options; `options.fn` names the public function of the call in progress. */
  options: Resolved;
  readonly clock: ZoneClock;
  readonly days: DayPeriods;
  readonly calendar: boolean;
  readonly arena = new Arena();
  private readonly partitions: (AnyPartition | undefined)[] = new Array(PARTITIONS);
  /**
   * What read tables (of `scan`) still read from the state, to copy before it changes: the
   * active pairs of an accumulator's table cost nothing until the accumulator grows.
   */
  private pending: (() => void)[] = [];
  /** Whether the partitions are compact (see {@link compactFits}). */
  readonly compact: boolean;
  /** The compact form when the partitions are compact, else null. */
  private readonly compactForm: CompactForm | null;
  /**
   * The event with the latest key (period index, or instant for rolling periods): the path
   * of its time (`events[12].at`) and the instant, for errors about the table's extent.
   */
  last: { key: number; field: string; at: number } = {
    key: Number.NEGATIVE_INFINITY,
    field: "at",
    at: Number.NaN,
  };

  /**
   * @param compact - the compact form (compactForm.ts' `COMPACT`), taken when the options
   *   allow ({@link compactFits}): the accumulator's and the stream's tables, which live long
   *   or grow large; null (the default) for the general partitions
   */
  constructor(options: Resolved, compact: CompactForm | null = null) {
    this.options = options;
    this.compactForm = compact !== null && compactFits(options) ? compact : null;
    this.compact = this.compactForm !== null;
    this.clock = new ZoneClock(options.zone);
    this.days = new DayPeriods(options.period, options.weekStartsOn);
    this.calendar = options.boundaries === "calendar";
  }

  /** The general partitions that hold customers (none in a compact table). */
  used(): Partition[] {
    return this.partitions.filter((p): p is Partition => p instanceof Partition);
  }

  /** The partitions of either form that hold customers. */
  all(): AnyPartition[] {
    return this.partitions.filter((p): p is AnyPartition => p !== undefined);
  }

  /** Partition `p`, created when first needed. */
  partition(p: number): AnyPartition {
    let partition = this.partitions[p];
    if (partition === undefined) {
      partition =
        this.compactForm !== null
          ? this.compactForm.create(this.arena, this.options.scale)
          : new Partition(this.calendar, this.arena, this.options.scale);
      this.partitions[p] = partition;
    }
    return partition;
  }

  /** Run `keep` before the state next changes (see `pending`). */
  beforeChange(keep: () => void): void {
    this.pending.push(keep);
  }

  /** Let the read tables copy what they still read from the state, which is about to change. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const keep of pending) keep();
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return this.days.of(Math.floor(this.clock.local(instant) / MS_PER_DAY));
  }

  /**
   * Aggregate a read batch. Validates every id first (throws before any state changes).
   *
   * @param expected - how many times the events seen so far (this batch included) the whole
   *   input is expected to hold, to size the partitions' arrays once instead of regrowing
   * @param scratch - memory for the batch's working arrays (carved from its start)
   */
  add(batch: Batch, prefix: string, offset: number, expected: number, scratch: Arena): void {
    const { n, base, ids, at, value, extra, cohortAt } = batch;
    const { fn, asOf } = this.options;
    this.settle();
    scratch.reset();
    // Pass 1: validate ids and count each partition's events; events at or after asOf are dropped.
    const typedIds = ids instanceof Int32Array || ids instanceof Float64Array;
    const hashOf = scratch.i32(n);
    const packedOf = typedIds ? null : scratch.i32(3 * n);
    const counts = new Int32Array(PARTITIONS);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const h = hashId(ids[base + i], fn, i + offset, prefix);
      hashOf[i] = h;
      if (packedOf !== null) {
        packedOf[3 * i] = packed[0] as number;
        packedOf[3 * i + 1] = packed[1] as number;
        packedOf[3 * i + 2] = packed[2] as number;
      }
      if ((at[base + i] as number) < asOf) {
        const p = h >>> PARTITION_SHIFT;
        counts[p] = (counts[p] as number) + 1;
        kept++;
      }
    }
    const starts = partitionStarts(counts);
    // Pass 2: scatter keys, revenue, activity (and ids or their sources) into partition order.
    const calendar = this.calendar;
    const sortedUnits = scratch.f64(kept);
    const sortedKey = calendar ? scratch.i32(kept) : scratch.f64(kept);
    const sortedPacked = packedOf === null ? null : scratch.i32(3 * kept);
    const sortedId = typedIds
      ? ids instanceof Int32Array
        ? scratch.i32(kept)
        : scratch.f64(kept)
      : null;
    const sortedSource = !typedIds || cohortAt !== null ? scratch.i32(kept) : null;
    const sortedHash = scratch.i32(kept);
    const sortedActive = scratch.u8(kept);
    const kinds = new EventKinds(this.options);
    const fill = starts.slice(0, PARTITIONS);
    const { clock, days } = this;
    const periods = batch.periods ?? null;
    const keyMode = !calendar ? "instant" : periods !== null ? "given" : clock.utc ? "utc" : "zone";
    const all = kept === n;
    const raw = batch.raw ?? null;
    const reader = batch.reader as RevenueReader;
    let amountOf: Map<number, Decimal> | null = null;
    let lastKey = this.last.key;
    let lastIndex = -1;
    for (let i = 0; i < n; i++) {
      const t = at[base + i] as number;
      if (!all && !(t < asOf)) {
        if (raw !== null) reader.read(raw[base + i], i + offset, prefix);
        continue;
      }
      const h = hashOf[i] as number;
      const j = fill[h >>> PARTITION_SHIFT] as number;
      fill[h >>> PARTITION_SHIFT] = j + 1;
      sortedHash[j] = h;
      if (sortedPacked !== null && packedOf !== null) {
        sortedPacked[3 * j] = packedOf[3 * i] as number;
        sortedPacked[3 * j + 1] = packedOf[3 * i + 1] as number;
        sortedPacked[3 * j + 2] = packedOf[3 * i + 2] as number;
      }
      const key =
        keyMode === "given"
          ? ((periods as Int32Array)[base + i] as number)
          : keyMode === "utc"
            ? days.of(Math.floor(t / MS_PER_DAY))
            : keyMode === "zone"
              ? days.of(Math.floor(clock.local(t) / MS_PER_DAY))
              : t;
      sortedKey[j] = key;
      if (key > lastKey) {
        lastKey = key;
        lastIndex = i;
      }
      let units: number;
      let amount: Decimal | null = null;
      if (raw !== null) {
        units = reader.read(raw[base + i], i + offset, prefix);
        if (Number.isNaN(units)) amount = reader.extra as Decimal;
      } else {
        units = (value as ArrayLike<number>)[base + i] as number;
        if (Number.isNaN(units)) amount = extra?.get(i) as Decimal;
      }
      const kind = kinds.of(revenueSign(units, amount));
      if ((kind & COUNTED) === 0) units = 0;
      else if (amount !== null) {
        if (amountOf === null) amountOf = new Map();
        amountOf.set(j, amount);
      }
      sortedUnits[j] = units;
      sortedActive[j] = kind & ACTIVE;
      if (sortedSource !== null) sortedSource[j] = base + i;
      if (sortedId !== null) sortedId[j] = ids[base + i] as number;
    }
    if (lastIndex >= 0) {
      this.last = {
        key: lastKey,
        field: `${prefix}[${lastIndex + offset}].at`,
        at: at[base + lastIndex] as number,
      };
    }
    // Pass 3: aggregate partition by partition.
    let bytes = 0;
    for (let p = 0; p < PARTITIONS; p++) {
      const count = (starts[p + 1] as number) - (starts[p] as number);
      const partition = count > 0 ? this.partition(p) : null;
      if (partition instanceof Partition) bytes += partition.reserveBytes(count, expected);
    }
    if (bytes > 0) this.arena.reserve(Math.ceil(bytes * RESERVE_SLACK));
    const events = new SortedEvents({
      hash: sortedHash,
      id: sortedId,
      packed: sortedPacked,
      key: sortedKey,
      units: sortedUnits,
      active: sortedActive,
      source: sortedSource,
      cohortAt,
      ids,
      amountOf,
    });
    for (let p = 0; p < PARTITIONS; p++) {
      const lo = starts[p] as number;
      const hi = starts[p + 1] as number;
      if (lo === hi) continue;
      const any = this.partition(p);
      if (any instanceof Partition) addGeneral(any, lo, hi, events, expected);
      else (this.compactForm as CompactForm).add(any, lo, hi, events);
    }
  }

  /** Add another table's state (same options) into this one: exact for any split of the events. */
  combine(other: CustomerPeriods): void {
    this.settle();
    other.partitions.forEach((theirs, p) => {
      if (theirs !== undefined) combinePartition(this.partition(p), theirs);
    });
    if (other.last.key > this.last.key) this.last = other.last;
  }

  /** The state as plain data: customers in partition order, entries pointing at them. */
  toDocument(): TableDocument {
    return tableDocument(this.all(), this.options.scale);
  }

  /**
   * A table from a validated document (revenue as exact unit counts); `compact` as in the
   * constructor.
   */
  static fromDocument(
    options: Resolved,
    doc: TableDocument<Decimal>,
    compact: CompactForm | null = null,
  ): CustomerPeriods {
    const table = new CustomerPeriods(options, compact);
    loadDocument(doc, (id) => table.partition(idHash(id) >>> PARTITION_SHIFT), options.scale);
    return table;
  }

  /**
   * The cohort cells of the table (the state is only read). With `owned` the state will not
   * change any more, so the cells may read it later instead of copying what brackets need.
   */
  scan(owned: boolean): CohortParts | null {
    return scanCustomerPeriods(this, this.all(), owned);
  }
}

/** The last pass of {@link CustomerPeriods.add} for a general partition (see addCompact.ts). */
function addGeneral(
  partition: Partition,
  lo: number,
  hi: number,
  events: SortedEvents,
  expected: number,
): void {
  partition.reserve(hi - lo, expected);
  const revenue = partition.entryRevenue;
  const { key, units, active, amountOf } = events;
  for (let j = lo; j < hi; j++) {
    if (!events.leavesTrace(j)) continue;
    const k = key[j] as number;
    const c = events.customerIn(partition, j);
    const e = partition.entry(c, k);
    if (active[j] !== 0) {
      partition.lowerFirst(c, k);
      partition.entryActive[e] = 1;
    }
    const u = units[j] as number;
    if (u !== 0) revenue.add(e, u, amountOf?.get(j));
    const explicit = events.explicitAt(j);
    if (!Number.isNaN(explicit)) partition.setCohort(c, explicit);
  }
}
