import type { PurchaseRule, RefundRule } from "../_lib/eventRules.js";
import type { InstantInput } from "../cohorts/engine/types.js";
import { readRepeatOptions } from "./models/repeatOptions.js";
import {
  eventConditions,
  finishQuery,
  type ModelSource,
  readSource,
  startQuery,
} from "./models/source.js";
import type { SqlDialect, SqlQuery } from "./types.js";

export { type RepeatFromRowsOptions, repeatFromRows } from "./models/repeatFromRows.js";

const FN = "repeatQuery";

/**
 * Options of {@link repeatQuery} (and, without `dialect`, of {@link repeatFromRows}): those of
 * `repeatPurchaseRetention`, plus the dialect.
 *
 * @category SQL
 */
export interface RepeatQueryOptions {
  /** First instant of the period (included). A date-only string is the start of that day in `timeZone`. */
  readonly periodStart: InstantInput;
  /**
   * End of the period, excluded: an instant (a Date, epoch ms, a date-time string). A
   * calendar date is refused: name the last day with `periodThrough`. Give exactly one of
   * `periodEnd` and `periodThrough`.
   */
  readonly periodEnd?: InstantInput | undefined;
  /** The last calendar day of the period, included (in `timeZone`). */
  readonly periodThrough?: InstantInput | undefined;
  /** IANA time zone for date-only and offset-less strings. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /** What a purchase is: `'positive'` (default) revenue above 0; `'all'` every row that is not a refund. */
  readonly purchases?: PurchaseRule | undefined;
  /** Accepted for the library's common options; refunds are never purchases, so it changes nothing here. */
  readonly refunds?: RefundRule | undefined;
  /** The SQL dialect to write: `'duckdb'`, `'postgres'`, `'bigquery'` or `'snowflake'`. Required. */
  readonly dialect: SqlDialect;
}

/**
 * The SQL of `repeatPurchaseRetention`: how many customers bought before a period, and how
 * many of them bought again inside it, counted in the warehouse.
 *
 * @remarks
 * ```text
 * eligible  = customers with a purchase before periodStart
 * returning = eligible customers with a purchase in [periodStart, periodEnd)
 * ```
 * One row with the columns `eligible` and `returning`; {@link repeatFromRows} makes the rate.
 * A purchase is a row with revenue above 0 (`purchases: 'positive'`, the default), or every
 * row that is not a refund (`'all'`); purchases at or after the period end are left out. The
 * period's bounds are computed here (as `repeatPurchaseRetention` reads them: `periodThrough`
 * names the last day, included in full) and bound as epoch-millisecond parameters;
 * identifiers are validated and quoted; `source.where` is put in the query as written. DuckDB
 * and PostgreSQL are verified by execution in the tests; BigQuery and Snowflake are generated
 * from the same builder and checked by a SQL parser only.
 *
 * @example
 * ```ts
 * const options = { periodStart: '2024-01-01', periodThrough: '2024-02-29', dialect: 'duckdb' } as const
 * const { sql, params } = repeatQuery({ table: 'orders', customerId: 'customer_id', at: 'ordered_at', revenue: 'amount' }, options)
 * const rows = (await connection.runAndReadAll(sql, [...params])).getRowObjectsJson()
 * repeatFromRows(rows, options).rate.toString() //=> '0.45' (900 of 2,000)
 * ```
 * @throws {@link index!MetricInputError} `INVALID_DATE` for a missing or unreadable period bound,
 *   or a calendar date as `periodEnd`; `INCONSISTENT` when the period is empty or both or
 *   neither of `periodEnd` / `periodThrough` are given; `INVALID_OPTION` for a bad option or
 *   `dialect`, a bad identifier in `source` (field `source.table`, …), an empty
 *   `source.where`, or `purchases: 'positive'` on a source without a revenue column (field
 *   `purchases`); `NOT_A_NUMBER` when `source` is not an object.
 * @see Kpitree, "Customer Repeat Rate" (Shopify metrics).
 * @category SQL
 */
export function repeatQuery(source: ModelSource, options: RepeatQueryOptions): SqlQuery {
  const o = readRepeatOptions(options, FN);
  const src = readSource(source, o.raw.dialect, FN, "dialect");
  const q = (name: string) => src.dialect.quoteIdentifier(name);
  const ev = eventConditions(src, o.purchases, "exclude", FN, "purchases");
  const { params, ms, where } = startQuery(src);
  const end = params.add(o.end, "integer");
  const start = params.add(o.start, "integer");
  const sql = `WITH per AS (
  SELECT ${src.customerId} AS customer_id, MIN(${ms}) AS first_ms, MAX(${ms}) AS last_ms
  FROM ${src.table}
  WHERE ${where}${ms} < ${end} AND ${ev.purchase}
  GROUP BY ${src.customerId}
)
SELECT COUNT(*) AS ${q("eligible")}, COALESCE(SUM(CASE WHEN last_ms >= ${start} THEN 1 ELSE 0 END), 0) AS ${q("returning")}
FROM per
WHERE first_ms < ${params.add(o.start, "integer")}`;
  return finishQuery(sql, params);
}
