/**
 * The scan of the general aggregate table into cohort cells: each customer's cohort (the
 * period of the first active event, or of the explicit cohort date), the table's extent, and
 * per cell the active customers, the exact revenue and the customers last active there.
 * Called through `CustomerPeriods.scan`; the state is only read.
 */
import { isoInstant } from "../../../_lib/time.js";
import { MAX_TABLE_CELLS } from "../constants.js";
import { periodStart, rollingWindowMs } from "../periods.js";
import { type ActivePairs, type CohortParts, checkCells } from "../scan/cells.js";
import type { AnyPartition, CustomerPeriods } from "./CustomerPeriods.js";
import { emptyTable } from "./tableCells.js";

// `Infinity` rather than `Number.POSITIVE_INFINITY`: bundlers drop an unused literal, not a
// property read.
const NONE = Infinity;
const INT32_MAX = 2147483647;

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
  partitions: readonly AnyPartition[],
  owned: boolean,
): CohortParts | null {
  const { options, calendar } = table;
  let total = 0;
  for (const p of partitions) total += p.customers;
  if (total === 0) return null;
  // Per customer (numbered across partitions): cohort period, and for rolling periods the
  // instant the windows start. A one-shot analysis carves these arrays from the slack of the
  // table's arena when they fit there (see memory.ts), so that they allocate nothing new.
  const fromArena = owned && table.arena.room() >= total * (calendar ? 8 : 24) + 64;
  const f64 = (n: number) => (fromArena ? table.arena.f64(n) : new Float64Array(n));
  const i32 = (n: number) => (fromArena ? table.arena.i32(n) : new Int32Array(n));
  // Calendar cohorts are period indices (int32); NO_COHORT marks a customer not in the table.
  const NO_COHORT = calendar ? INT32_MAX : NONE;
  const cohort: Int32Array | Float64Array = calendar ? i32(total) : f64(total);
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
      const first = p.firstOf(c);
      if (first === NONE) {
        cohort[g] = NO_COHORT; // no active event: not in the table (and neither are its refunds)
        continue;
      }
      const explicit = p.cohortOf(c);
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
    p.visitEntries((c, key, active, units, amount) => {
      if (key <= lastKey) return;
      const gc = base + c;
      const k = cohort[gc] as number;
      if (k === NO_COHORT) return;
      if (!active) {
        if (units === 0 && amount === undefined) return;
        if (key < (calendar ? k : ((windowStart as Float64Array)[gc] as number))) return;
      }
      lastKey = key;
    });
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
  const sizes = cohorts.map((C) => sizeAt[C - firstCohort] as number);
  const empty = emptyTable(cohorts, lengths, sizes, options.scale);
  const { offsets, active, revenue, lastActive } = empty;
  // Row of each customer (-1: not in the table), and the last period k it was active in.
  const customerRow = (gc: number): number => {
    const k = cohort[gc] as number;
    return k <= lastPeriod ? (rowOf[k - firstCohort] as number) : -1;
  };

  const lastK = i32(total).fill(-1);
  // One pass over the entries: revenue of every entry in a cell, and per active (customer,
  // period) the active count and the customer's last active period. Calendar entries are
  // distinct per (customer, period); rolling entries are events, several of which can fall in
  // one window of a customer (their entries are visited customer by customer). A table that
  // may still grow (an accumulator's) finds them again on demand until it changes, and then
  // keeps them (`table.beforeChange`); a rolling table keeps them now.
  const keep = !calendar;
  let pairs = new Int32Array(keep ? 3 * Math.max(16, entryCount(partitions)) : 0);
  let nPairs = 0;
  const visitEntries = (visit: ((customer: number, row: number, k: number) => void) | null) => {
    partitions.forEach((p, pi) => {
      const base = bases[pi] as number;
      const seen = calendar ? null : new Set<number>();
      let previous = -1;
      p.visitEntries((c, key, isActive, units, amount) => {
        const gc = base + c;
        const row = customerRow(gc);
        if (row < 0) return;
        const k = calendar
          ? key - (cohorts[row] as number)
          : Math.floor((key - ((windowStart as Float64Array)[gc] as number)) / windowMs);
        if (k < 0 || k >= (lengths[row] as number)) return;
        if (visit === null) {
          const cell = (offsets[row] as number) + k;
          revenue.add(cell, units);
          if (amount !== undefined) revenue.addAmount(cell, amount);
        }
        if (!isActive) return;
        if (seen !== null) {
          if (gc !== previous) seen.clear();
          previous = gc;
          if (seen.has(k)) return;
          seen.add(k);
        }
        if (visit !== null) {
          visit(gc, row, k);
          return;
        }
        const cell = (offsets[row] as number) + k;
        active[cell] = (active[cell] as number) + 1;
        if (k > (lastK[gc] as number)) lastK[gc] = k;
        if (keep) {
          if (3 * nPairs === pairs.length) {
            const grown = new Int32Array(2 * pairs.length);
            grown.set(pairs);
            pairs = grown;
          }
          pairs[3 * nPairs] = gc;
          pairs[3 * nPairs + 1] = row;
          pairs[3 * nPairs + 2] = k;
          nPairs++;
        }
      });
    });
  };
  visitEntries(null);
  const replay: ActivePairs = (visit) => {
    for (let i = 0; i < 3 * nPairs; i += 3)
      visit(pairs[i] as number, pairs[i + 1] as number, pairs[i + 2] as number);
  };
  let kept = keep;
  if (!owned && !keep) {
    table.beforeChange(() => {
      let n = 0;
      visitEntries(() => n++);
      pairs = new Int32Array(3 * n);
      visitEntries((gc, row, k) => {
        pairs[3 * nPairs] = gc;
        pairs[3 * nPairs + 1] = row;
        pairs[3 * nPairs + 2] = k;
        nPairs++;
      });
      kept = true;
    });
  }
  const activePairs: ActivePairs = (visit) => (kept ? replay(visit) : visitEntries(visit));
  for (let i = 0; i < total; i++) {
    const k = lastK[i] as number;
    if (k >= 0) {
      const cell = (offsets[customerRow(i)] as number) + k;
      lastActive[cell] = (lastActive[cell] as number) + 1;
    }
  }
  return {
    ...empty,
    customers: total,
    activePairs,
  };
}

/** Entries of all partitions. */
function entryCount(partitions: readonly AnyPartition[]): number {
  let count = 0;
  for (const p of partitions) count += p.entryCount();
  return count;
}
