/**
 * `buildTable` as `cohortAnalysisAsync` imports it: the cohort table of a general aggregate
 * table (scan/Table.ts assembles it).
 */
import type { CustomerPeriods } from "./aggregate/CustomerPeriods.js";
import { assembleTable } from "./scan/Table.js";
import type { CohortTable } from "./types.js";

/** The cohort table of `table`; with `owned` the table will not change any more. */
export function buildTable(table: CustomerPeriods, owned = false): CohortTable {
  return assembleTable(table.options, table.scan(owned));
}
