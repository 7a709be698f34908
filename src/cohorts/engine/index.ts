/*
 * Cohort engine. Fastest input form (for benchmarks): columns
 *   { customerId: Int32Array | Float64Array (integer ids or dictionary codes),
 *     at: Float64Array (epoch ms), revenue: Float64Array (integer cents) }
 * with the option `minorUnits: 2`. Next: string ids in an array with the same typed `at`
 * and `revenue` columns; then decimal-string revenue (parsed by a char-code loop to cents,
 * no option needed). Rows ({ customerId, at, revenue }) cost one object read per field;
 * ISO strings `YYYY-MM-DDTHH:MM:SS(.sss)Z` take a fast parser, other time forms the general one.
 */
export { CohortAccumulator, type CohortAccumulatorJSON } from "./CohortAccumulator.js";
export { cohortAnalysis } from "./cohortAnalysis.js";
export { cohortAnalysisAsync } from "./cohortAnalysisAsync.js";
export { createCohortAccumulator } from "./createCohortAccumulator.js";
export type {
  CohortBoundaries,
  CohortColumns,
  CohortEvent,
  CohortOptions,
  CohortRates,
  CohortRow,
  CohortTable,
  CohortTableJSON,
  CohortValues,
  CustomerId,
  InstantInput,
  LifetimeValueTable,
  RetentionMode,
  RetentionOptions,
  RetentionTable,
} from "./types.js";
