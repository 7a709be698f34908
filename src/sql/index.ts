/**
 * `customer-metrics/sql`: the library's definitions compiled into SQL for a warehouse, and
 * the small results read back into the library's own objects.
 *
 * @remarks
 * Each `…Query(source, options)` returns `{ sql, params }` in the dialect asked for
 * (`'duckdb'`, `'postgres'`: verified by execution in the tests; `'bigquery'`,
 * `'snowflake'`: generated from the same builder and checked by a SQL parser only); run it
 * with your own client and give the rows to the matching `…FromRows(rows, options)`. Values
 * are bound parameters; identifiers are validated and quoted. See the guide
 * docs/warehouse.md.
 *
 * @packageDocumentation
 */
export { cohortQuery } from "./cohortQuery.js";
export { cohortTableFromRows } from "./cohortTableFromRows.js";
export type { ModelSource } from "./models/source.js";
export {
  type RepeatFromRowsOptions,
  type RepeatQueryOptions,
  repeatFromRows,
  repeatQuery,
} from "./repeatQuery.js";
export {
  type RfmFromRowsOptions,
  type RfmQueryOptions,
  rfmFromRows,
  rfmQuery,
} from "./rfmQuery.js";
export {
  type SummaryFromRowsOptions,
  type SummaryPattern,
  type SummaryQueryOptions,
  summaryFromRows,
  summaryQuery,
} from "./summaryQuery.js";
export type {
  CohortQueryOptions,
  CohortQueryRow,
  CohortTableFromRowsOptions,
  SqlDialect,
  SqlInteger,
  SqlQuery,
  SqlSource,
} from "./types.js";
