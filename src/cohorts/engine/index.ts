/*
 * Cohort engine. Fastest input form (for benchmarks): columns
 *   { customerId: Int32Array (integer ids or dictionary codes),
 *     at: Float64Array (epoch ms), revenue: Float64Array (integer cents) }
 * with the option `minorUnits: 2`; call cohortAnalysis(columns, { minorUnits: 2 }).
 * Next: string ids in a plain array (ids of at most 11 Latin-1 characters compare fastest)
 * with the same typed `at` column and decimal-string revenue (parsed by a char-code loop,
 * no option needed). ISO strings `YYYY-MM-DDTHH:MM:SS(.sss)Z` take a fast parser but cost
 * more than epoch ms; rows ({ customerId, at, revenue }) cost one property read per field.
 * Time-bucketing internals for other modules: ./periods.js (periodIndex, periodKey,
 * periodStart, ZoneClock, DayPeriods).
 */
export { CohortAccumulator, type CohortAccumulatorJSON } from "./CohortAccumulator.js";
export { cohortAnalysis } from "./cohortAnalysis.js";
export { cohortAnalysisAsync } from "./cohortAnalysisAsync.js";
export { createCohortAccumulator } from "./createCohortAccumulator.js";
export type {
  CohortActivity,
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
  EventAccessors,
  InstantInput,
  LifetimeValueTable,
  RetentionMode,
  RetentionOptions,
  RetentionTable,
} from "./types.js";
