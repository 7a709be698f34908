/**
 * The rows and cells every scan of an aggregate fills (customerPeriodsScan.ts, PeriodMasks.ts
 * and, for start and return events, events/roleScan.ts and events/RoleMasks.ts): per row its
 * cohort, length and size, the row offsets and, per cell, the active customers, the revenue
 * and the customers last active there, all zero. A scan fills the cells and spreads the table
 * into its CohortParts (scan/cells.ts).
 */
import { ExactSums } from "../../../_lib/exactSums.js";
import { type CohortParts, rowOffsets } from "../scan/cells.js";

/** The rows and cells of {@link CohortParts}. */
export type EmptyTable = Omit<CohortParts, "customers" | "activePairs">;

/**
 * The table of rows with cohorts `cohorts`, `lengths` periods and `sizes` customers, its cells
 * empty (revenue at `scale` decimal places).
 */
export function emptyTable(
  cohorts: readonly number[],
  lengths: readonly number[],
  sizes: readonly number[],
  scale: number,
): EmptyTable {
  const offsets = rowOffsets(lengths);
  const count = offsets[lengths.length] as number;
  return {
    cohorts,
    lengths,
    sizes,
    offsets,
    active: new Float64Array(count),
    revenue: new ExactSums(count, scale),
    lastActive: new Float64Array(count),
  };
}
