/**
 * The cohort cells every scan of an aggregate table produces (one row per cohort, one cell per
 * reported period of it), and the table-size limit checked before they are allocated.
 */
import { fail } from "../../../_lib/assert.js";
import type { ExactSums } from "../../../_lib/exactSums.js";
import { MAX_TABLE_CELLS } from "../constants.js";
import { periodKey } from "../periods.js";
import type { Resolved } from "../read/options.js";

/** Visits every (customer, row, k) where a customer of cohort row `row` was active in period k. */
export type ActivePairs = (visit: (customer: number, row: number, k: number) => void) => void;

/** Cohort rows, per-cell counts and exact revenue: what a table is made of. */
export interface CohortParts {
  /** Period index of each row's cohort. */
  readonly cohorts: readonly number[];
  /** Number of periods of each row. */
  readonly lengths: readonly number[];
  /** Customers of each row. */
  readonly sizes: readonly number[];
  /** Offset of each row's first cell (length rows + 1). */
  readonly offsets: Int32Array;
  /** Distinct active customers per cell. */
  readonly active: Float64Array;
  /** Exact revenue per cell. */
  readonly revenue: ExactSums;
  /** Per cell, customers whose last active period (within the row) is that cell's. */
  readonly lastActive: Float64Array;
  /** Customers in the table (the numbers `activePairs` visits run from 0 to this). */
  readonly customers: number;
  /** The (customer, row, period) triples of active cells, for bracket retention. */
  readonly activePairs: ActivePairs;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Throws `OUT_OF_RANGE` when a table of `cells` cells over the periods `first..last` exceeds
 * MAX_TABLE_CELLS. `field` names what stretched the table: `asOf`, the event path of the
 * latest event (`events[12].at`), or `cohortOf` when an explicit cohort date precedes every
 * event.
 */
export function checkCells(
  options: Resolved,
  cells: number,
  first: number,
  last: number,
  field: string,
  value: unknown,
): void {
  if (cells <= MAX_TABLE_CELLS) return;
  const { period, weekStartsOn } = options;
  const from = periodKey(first, period, weekStartsOn);
  const to = periodKey(last, period, weekStartsOn);
  fail(
    options.fn,
    field,
    "OUT_OF_RANGE",
    `must keep the cohort table within ${grouped(MAX_TABLE_CELLS)} cells (cohorts × periods): ` +
      `periods ${from} to ${to} would give ${cells > 1e15 ? "more than 10^15" : grouped(cells)}`,
    value,
  );
}

/** Start offsets of rows of the given lengths (length rows + 1). */
export function rowOffsets(lengths: readonly number[]): Int32Array {
  const offsets = new Int32Array(lengths.length + 1);
  for (let row = 0; row < lengths.length; row++)
    offsets[row + 1] = (offsets[row] as number) + (lengths[row] as number);
  return offsets;
}
