/**
 * The scan of the general aggregate table into cohort cells: each customer's cohort (the
 * period of the first active event, or of the explicit cohort date), the table's extent, and
 * per cell the active customers, the exact revenue and the customers last active there.
 * Called through `CustomerPeriods.scan`; the state is only read.
 */
import { ExactSums } from "../../../_lib/exactSums.js";
import { isoInstant } from "../../../_lib/time.js";
import { MAX_TABLE_CELLS } from "../constants.js";
import { periodStart, rollingWindowMs } from "../periods.js";
import { type ActivePairs, type CohortParts, checkCells, rowOffsets } from "../scan/cells.js";
import type { CustomerPeriods } from "./CustomerPeriods.js";
import type { Partition } from "./Partition.js";

const NONE = Number.POSITIVE_INFINITY;

/** The field and value that set the last period of a table: `asOf` or the latest event. */
function extentField(table: CustomerPeriods, lastPeriod: number): [string, unknown] {
  const { options, last } = table;
  if (options.hasAsOf) {
    const k = table.calendar ? last.key : table.periodOf(last.at);
    if (!(k >= lastPeriod)) return ["asOf", isoInstant(options.asOf)];
  }
  return [last.field, Number.isNaN(last.at) ? undefined : isoInstant(last.at)];
}

export function scanCustomerPeriods(
  table: CustomerPeriods,
  partitions: readonly Partition[],
  owned: boolean,
): CohortParts | null {
  const { options, calendar } = table;
  let total = 0;
  for (const p of partitions) total += p.customers;
  if (total === 0) return null;
  // Per customer (numbered across partitions): cohort period, and for rolling periods the
  // instant the windows start. A one-shot analysis carves these arrays from the slack of the
  // table's arena when they fit there (see memory.ts), so that they allocate nothing new.
  const fromArena = owned && table.arena.room() >= total * (calendar ? 16 : 24) + 64;
  const f64 = (n: number) => (fromArena ? table.arena.f64(n) : new Float64Array(n));
  const i32 = (n: number) => (fromArena ? table.arena.i32(n) : new Int32Array(n));
  const cohort = f64(total);
  const windowStart = calendar ? null : f64(total);
  const bases: number[] = [];
  // The earliest period of an active event, and the earliest explicit cohort date before it:
  // when such a date sets the first cohort, errors about the table's extent name `cohortOf`.
  let eventMin = NONE;
  let early = Number.NaN;
  let earlyPeriod = NONE;
  let g = 0;
  for (const p of partitions) {
    bases.push(g);
    for (let c = 0; c < p.customers; c++, g++) {
      const first = p.firstActive[c] as number;
      if (first === NONE) {
        cohort[g] = NONE; // no active event: not in the table (and neither are its refunds)
        continue;
      }
      const explicit = p.cohortAt === null ? NONE : (p.cohortAt[c] as number);
      const firstPeriod = calendar ? first : table.periodOf(first);
      if (firstPeriod < eventMin) eventMin = firstPeriod;
      if (explicit !== NONE) {
        cohort[g] = table.periodOf(explicit);
        if (windowStart !== null) windowStart[g] = explicit;
        if ((cohort[g] as number) < earlyPeriod) {
          earlyPeriod = cohort[g] as number;
          early = explicit;
        }
      } else {
        cohort[g] = firstPeriod;
        if (windowStart !== null) windowStart[g] = first;
      }
    }
  }
  // The last key that counts: an active entry, or revenue at or after the customer's cohort.
  let lastKey = Number.NEGATIVE_INFINITY;
  partitions.forEach((p, pi) => {
    const base = bases[pi] as number;
    for (let e = 0; e < p.entries; e++) {
      const key = p.entryKey[e] as number;
      if (key <= lastKey) continue;
      const gc = base + (p.entryCustomer[e] as number);
      const k = cohort[gc] as number;
      if (k === NONE) continue;
      if (p.entryActive[e] === 0) {
        if (p.entryRevenue.isZero(e)) continue;
        if (key < (calendar ? k : ((windowStart as Float64Array)[gc] as number))) continue;
      }
      lastKey = key;
    }
  });
  if (lastKey === Number.NEGATIVE_INFINITY) return null;
  const lastInstant = options.hasAsOf ? options.asOf - 1 : calendar ? Number.NaN : lastKey;
  const lastPeriod = options.hasAsOf || !calendar ? table.periodOf(lastInstant) : lastKey;
  let firstCohort = NONE;
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    if (k < firstCohort && k <= lastPeriod) firstCohort = k;
  }
  if (firstCohort === NONE) return null;
  const span = lastPeriod - firstCohort + 1;
  const extent = (): [string, unknown] =>
    earlyPeriod === firstCohort && earlyPeriod < eventMin
      ? ["cohortOf", isoInstant(early)]
      : extentField(table, lastPeriod);
  // The first cohort alone has about `span` cells: refuse before the per-period arrays.
  if (span > MAX_TABLE_CELLS) checkCells(options, span, firstCohort, lastPeriod, ...extent());
  const sizeAt = new Float64Array(span);
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    if (k <= lastPeriod) sizeAt[k - firstCohort] = (sizeAt[k - firstCohort] as number) + 1;
  }
  const rowOf = new Int32Array(span).fill(-1);
  const cohorts: number[] = [];
  const lengths: number[] = [];
  const windowMs = rollingWindowMs(options.period);
  const { period, zone, weekStartsOn } = options;
  let cells = 0;
  for (let i = 0; i < span; i++) {
    if (sizeAt[i] === 0) continue;
    const C = firstCohort + i;
    rowOf[i] = cohorts.length;
    cohorts.push(C);
    const length = calendar
      ? lastPeriod - C + 1
      : Math.max(
          1,
          Math.floor((lastInstant - periodStart(C, period, zone, weekStartsOn)) / windowMs) + 1,
        );
    lengths.push(length);
    cells += length;
  }
  checkCells(options, cells, firstCohort, lastPeriod, ...extent());
  const offsets = rowOffsets(lengths);
  const active = new Float64Array(cells);
  const revenue = new ExactSums(cells, options.scale);
  const lastActive = new Float64Array(cells);
  // Row of each customer (-1: not in the table) and the last period k it was active in.
  const customerRow = i32(total);
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    customerRow[i] = k <= lastPeriod ? (rowOf[k - firstCohort] as number) : -1;
  }
  const lastK = i32(total).fill(-1);
  /** The period k of entry `e` of a customer in row `row`, or -1 outside the row. */
  const periodK = (p: Partition, e: number, gc: number, row: number): number => {
    const k = calendar
      ? (p.entryKey[e] as number) - (cohorts[row] as number)
      : Math.floor(
          ((p.entryKey[e] as number) - ((windowStart as Float64Array)[gc] as number)) / windowMs,
        );
    return k < 0 || k >= (lengths[row] as number) ? -1 : k;
  };
  partitions.forEach((p, pi) => {
    const base = bases[pi] as number;
    for (let e = 0; e < p.entries; e++) {
      const gc = base + (p.entryCustomer[e] as number);
      const row = customerRow[gc] as number;
      if (row < 0) continue;
      const k = periodK(p, e, gc, row);
      if (k < 0) continue;
      revenue.addCell((offsets[row] as number) + k, p.entryRevenue, e);
      if (p.entryActive[e] !== 0 && k > (lastK[gc] as number)) lastK[gc] = k;
    }
  });
  // Distinct active customers per cell: calendar entries are distinct per (customer, period);
  // rolling entries are events, several of which can fall in one window of a customer.
  const scanPairs: ActivePairs = (visit) => {
    partitions.forEach((p, pi) => {
      const base = bases[pi] as number;
      const order = calendar ? null : entriesByCustomer(p);
      const seen = new Set<number>();
      let previous = -1;
      for (let i = 0; i < p.entries; i++) {
        const e = order === null ? i : (order[i] as number);
        if (p.entryActive[e] === 0) continue;
        const gc = base + (p.entryCustomer[e] as number);
        const row = customerRow[gc] as number;
        if (row < 0) continue;
        const k = periodK(p, e, gc, row);
        if (k < 0) continue;
        if (order !== null) {
          if (gc !== previous) seen.clear();
          previous = gc;
          if (seen.has(k)) continue;
          seen.add(k);
        }
        visit(gc, row, k);
      }
    });
  };
  // A table that may still grow (an accumulator's) keeps its own copy of the pairs.
  const activePairs = owned ? scanPairs : storedPairs(scanPairs);
  activePairs((_, row, k) => {
    const cell = (offsets[row] as number) + k;
    active[cell] = (active[cell] as number) + 1;
  });
  for (let i = 0; i < total; i++) {
    const k = lastK[i] as number;
    if (k >= 0) {
      const cell = (offsets[customerRow[i] as number] as number) + k;
      lastActive[cell] = (lastActive[cell] as number) + 1;
    }
  }
  return {
    cohorts,
    lengths,
    sizes: cohorts.map((C) => sizeAt[C - firstCohort] as number),
    offsets,
    active,
    revenue,
    lastActive,
    customers: total,
    activePairs,
  };
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

/** The pairs of a scan, copied once (counted, then filled), replayed on each visit. */
function storedPairs(scan: ActivePairs): ActivePairs {
  let count = 0;
  scan(() => {
    count++;
  });
  const pairs = new Int32Array(3 * count);
  let at = 0;
  scan((customer, row, k) => {
    pairs[at++] = customer;
    pairs[at++] = row;
    pairs[at++] = k;
  });
  return (visit) => {
    for (let i = 0; i < pairs.length; i += 3)
      visit(pairs[i] as number, pairs[i + 1] as number, pairs[i + 2] as number);
  };
}
