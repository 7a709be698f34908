/**
 * The cells of the general table of start and return events (EventRoles.ts): the total table
 * and one table per breakdown value, each over the total's periods so that the tables sum to
 * the total cell by cell. Entries are grouped by customer (a counting sort); a customer's cells
 * run from its cohort (the period of its first start event) to the last period reported.
 */
import { isoInstant } from "../../../_lib/time.js";
import { emptyTable } from "../aggregate/tableCells.js";
import { MAX_TABLE_CELLS } from "../constants.js";
import { type CohortParts, checkCells } from "../scan/cells.js";
import type { CohortBreakdownValue } from "../types.js";
import type { EventRoles } from "./EventRoles.js";
import { grown, NO_RETURN } from "./roleInput.js";
import { compareValues } from "./values.js";

/** The cells of a scan: the total, and per breakdown value. */
export interface RoleScan {
  readonly total: CohortParts | null;
  /** Per breakdown value (in value order), null without `breakdownBy`. */
  readonly groups: readonly (readonly [CohortBreakdownValue, CohortParts])[] | null;
}

/** The cells of the total table and of each breakdown value's table of `t`. */
export function scanRoles(table: EventRoles): RoleScan {
  const { options, roles } = table;
  const total = table.customers.length;
  const cohort = new Float64Array(total).fill(Infinity);
  let members = 0;
  let lastPeriod = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < total; c++) {
    const t = table.startAt[c] as number;
    if (t === Infinity) continue;
    const k = table.periodOf(t);
    cohort[c] = k;
    members++;
    if (k > lastPeriod) lastPeriod = k;
  }
  const grouped = roles.breakdownName !== null || roles.breakdownAccessor !== null;
  if (members === 0) return { total: null, groups: grouped ? [] : null };
  const inStart = roles.returnInStartPeriod;
  // Entries by customer (a counting sort), and the last period that counts.
  const entries = table.entries;
  const first = new Int32Array(total + 1);
  for (let e = 0; e < entries; e++) {
    const c = (table.entryCustomer[e] as number) + 1;
    first[c] = (first[c] as number) + 1;
  }
  for (let c = 0; c < total; c++) first[c + 1] = (first[c + 1] as number) + (first[c] as number);
  const order = new Int32Array(entries);
  const fill = first.slice(0, total);
  for (let e = 0; e < entries; e++) {
    const c = table.entryCustomer[e] as number;
    order[fill[c] as number] = e;
    fill[c] = (fill[c] as number) + 1;
  }
  const isActive = (c: number, e: number, k: number): boolean => {
    const r = table.entryReturn[e] as number;
    if (r === NO_RETURN) return false;
    return k > 0 || (inStart && r >= (table.startAt[c] as number));
  };
  if (options.hasAsOf) {
    lastPeriod = table.periodOf(options.asOf - 1);
  } else {
    for (let e = 0; e < entries; e++) {
      const c = table.entryCustomer[e] as number;
      const p = table.entryPeriod[e] as number;
      const k = p - (cohort[c] as number);
      if (!(k >= 0) || p <= lastPeriod) continue;
      if (isActive(c, e, k) || !table.revenue.isZero(e)) lastPeriod = p;
    }
  }
  const extent = (): [string, unknown] =>
    options.hasAsOf && !(table.last.period >= lastPeriod)
      ? ["asOf", isoInstant(options.asOf)]
      : [table.last.field, Number.isNaN(table.last.at) ? undefined : isoInstant(table.last.at)];
  const parts = (list: Int32Array): CohortParts => {
    let firstCohort = Infinity;
    const size = list.length;
    for (let m = 0; m < size; m++) {
      const C = cohort[list[m] as number] as number;
      if (C < firstCohort) firstCohort = C;
    }
    const span = lastPeriod - firstCohort + 1;
    if (span > MAX_TABLE_CELLS) checkCells(options, span, firstCohort, lastPeriod, ...extent());
    const sizeAt = new Float64Array(span);
    for (let m = 0; m < size; m++) {
      const i = (cohort[list[m] as number] as number) - firstCohort;
      sizeAt[i] = (sizeAt[i] as number) + 1;
    }
    const rowOf = new Int32Array(span).fill(-1);
    const cohorts: number[] = [];
    const lengths: number[] = [];
    let cells = 0;
    for (let i = 0; i < span; i++) {
      if (sizeAt[i] === 0) continue;
      rowOf[i] = cohorts.length;
      cohorts.push(firstCohort + i);
      lengths.push(span - i);
      cells += span - i;
    }
    checkCells(options, cells, firstCohort, lastPeriod, ...extent());
    const sizes = cohorts.map((C) => sizeAt[C - firstCohort] as number);
    const empty = emptyTable(cohorts, lengths, sizes, options.scale);
    const { offsets, active, revenue, lastActive } = empty;
    let pairs = new Int32Array(3 * size + 48);
    let nPairs = 0;
    const pair = (c: number, row: number, k: number) => {
      if (nPairs + 3 > pairs.length) pairs = grown(pairs);
      pairs[nPairs] = c;
      pairs[nPairs + 1] = row;
      pairs[nPairs + 2] = k;
      nPairs += 3;
    };
    const entryPeriod = table.entryPeriod;
    for (let m = 0; m < size; m++) {
      const c = list[m] as number;
      const C = cohort[c] as number;
      const row = rowOf[C - firstCohort] as number;
      const o = offsets[row] as number;
      const length = lengths[row] as number;
      let lastK = -1;
      if (!inStart) {
        active[o] = (active[o] as number) + 1;
        pair(c, row, 0);
        lastK = 0;
      }
      for (let j = first[c] as number; j < (first[c + 1] as number); j++) {
        const e = order[j] as number;
        const k = (entryPeriod[e] as number) - C;
        if (k < 0 || k >= length) continue;
        revenue.addCell(o + k, table.revenue, e);
        if (!isActive(c, e, k)) continue;
        active[o + k] = (active[o + k] as number) + 1;
        pair(c, row, k);
        if (k > lastK) lastK = k;
      }
      if (lastK >= 0) lastActive[o + lastK] = (lastActive[o + lastK] as number) + 1;
    }
    return {
      ...empty,
      customers: total,
      activePairs: (visit) => {
        for (let i = 0; i < nPairs; i += 3)
          visit(pairs[i] as number, pairs[i + 1] as number, pairs[i + 2] as number);
      },
    };
  };
  const everyone = new Int32Array(members);
  for (let c = 0, m = 0; c < total; c++) if (cohort[c] !== Infinity) everyone[m++] = c;
  const totalParts = parts(everyone);
  if (!grouped) return { total: totalParts, groups: null };
  const byValue = new Map<CohortBreakdownValue, number[]>();
  for (const c of everyone) {
    const v = table.startValue[c] ?? null;
    let list = byValue.get(v);
    if (list === undefined) {
      list = [];
      byValue.set(v, list);
    }
    list.push(c);
  }
  const values = [...byValue.keys()].sort(compareValues);
  return {
    total: totalParts,
    groups: values.map((v) => [v, parts(Int32Array.from(byValue.get(v) as number[]))] as const),
  };
}
