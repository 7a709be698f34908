/**
 * Public types of `customer-metrics/sql`.
 */
import type { CohortOptions } from "../cohorts/engine/types.js";

/**
 * The SQL dialect a query is written in: `'duckdb'` and `'postgres'` are verified by
 * execution in the library's tests; `'bigquery'` and `'snowflake'` are generated from the same
 * builder and checked by a SQL parser only.
 *
 * @category SQL
 */
export type SqlDialect = "duckdb" | "postgres" | "bigquery" | "snowflake";

/**
 * A generated query: the SQL text and the values bound to its placeholders, in order (`$1`,
 * `$2`, … in PostgreSQL; one value per `?` in the other dialects).
 *
 * @category SQL
 */
export interface SqlQuery {
  /** The SQL text (one `SELECT` statement, no trailing semicolon). */
  readonly sql: string;
  /** The parameter values, strings and integers, in placeholder order. */
  readonly params: readonly (string | number)[];
}

/**
 * Where the events live in the warehouse: a table (or view) and its columns. Every name is
 * validated (non-empty, no control characters) and quoted in the dialect's quotes, so it
 * names exactly that object: write names as the engine stores them (Snowflake stores an
 * unquoted `customer_id` as `CUSTOMER_ID`; PostgreSQL as `customer_id`).
 *
 * @category SQL
 */
export interface SqlSource {
  /**
   * The table: `'events'`, `'analytics.events'` (split at dots into parts), or the parts
   * themselves (`['analytics', 'events.v2']`) when a part holds a dot.
   */
  readonly table: string | readonly string[];
  /** The customer id column (any type; rows where it is NULL are left out). */
  readonly customerId: string;
  /**
   * The event time column: a timestamp with time zone (an instant), or a timestamp without
   * time zone holding UTC (rows where it is NULL are left out).
   */
  readonly at: string;
  /**
   * The revenue column: an exact type (DECIMAL / NUMERIC, or an integer count of minor units
   * with `minorUnits`). Optional: without it every event is activity (revenue 0).
   */
  readonly revenue?: string;
  /**
   * A column of explicit cohort instants (a timestamp, as `at`), the SQL form of the
   * `cohortOf` option of `cohortAnalysis`: the earliest non-NULL value of a customer sets their
   * cohort.
   */
  readonly cohortOf?: string;
  /**
   * The column of event names, read when `startEvent` or `returnEvent` names events (the SQL
   * form of the `event` option of `cohortAnalysis`): an event matches when this column equals
   * one of the names (NULL matches none).
   */
  readonly event?: string;
  /**
   * A raw SQL condition on the table's rows (`"country = 'DE'"`), placed in parentheses in the
   * `WHERE` clause. The one place raw SQL enters the query: it is the caller's own SQL, never
   * built from untrusted input; it must not contain parameter placeholders or a semicolon.
   */
  readonly where?: string;
}

/**
 * Options of {@link cohortQuery}: those of `cohortAnalysis` that shape the table, and the
 * dialect.
 *
 * @category SQL
 */
export interface CohortQueryOptions
  extends Pick<
    CohortOptions,
    "period" | "timeZone" | "weekStartsOn" | "asOf" | "active" | "refunds" | "minorUnits"
  > {
  /** The SQL dialect to write. */
  readonly dialect: SqlDialect;
  /**
   * The start event: an event name or names, matched against the column `source.event`
   * (default: every active event). A customer's cohort is the period of their first start
   * event; a customer without one is left out. Predicates have no SQL form: select the rows
   * with `source.where` or a view instead.
   */
  readonly startEvent?: string | readonly string[];
  /**
   * The return events: an event name or names, matched against `source.event` (default:
   * every active event). A member is active in period k > 0 when they have a return event in
   * it.
   */
  readonly returnEvent?: string | readonly string[];
  /**
   * Whether period 0 needs a return event at or after the start event (default `false`:
   * every member is active in period 0).
   */
  readonly returnInStartPeriod?: boolean;
  /**
   * A column of the source whose value on each customer's first start event (at one instant:
   * the least value, numbers before strings before `false`, `true`, NULL) puts the customer
   * in one table of `table.breakdown`. The rows then carry a `breakdown` column.
   */
  readonly breakdownBy?: string;
  /**
   * `'calendar'` (default; the only boundaries the query offers: rolling windows are
   * computed in process).
   */
  readonly boundaries?: "calendar";
  /**
   * Also return, per cohort, period `k` and previous active period, the number of customers
   * (the rows with `previous` not null), so that `retention({ mode: { brackets } })` works on
   * the table read back. Default `false`: the result then has one row per cohort cell.
   */
  readonly brackets?: boolean;
}

/**
 * Options of {@link cohortTableFromRows}: the options the query was built with (`dialect`
 * may be left out).
 *
 * @category SQL
 */
export interface CohortTableFromRowsOptions extends Omit<CohortQueryOptions, "dialect"> {
  /** The dialect the query was written in (not needed to read the rows). */
  readonly dialect?: SqlDialect;
}

/**
 * An integer as a SQL client returns it: a number, a bigint or a decimal string.
 *
 * @category SQL
 */
export type SqlInteger = number | bigint | string;

/**
 * One row of a {@link cohortQuery} result, as the Node clients of DuckDB (`getRowObjects()`,
 * `getRowObjectsJson()`) and PostgreSQL (`pg`, PGlite) return it. Integers may be numbers,
 * bigints or decimal strings; `revenue` is an exact decimal string.
 *
 * A cell row (`previous` null) describes cohort `cohort`'s period `k`; a bracket row
 * (`previous` not null, only with `brackets: true`) counts in `active` the customers of the
 * cohort active in period `k` whose previous active period was `previous` (−1: none).
 *
 * @category SQL
 */
export interface CohortQueryRow {
  /** The cohort's period index (the library's index: days, weeks or months since 1970, …). */
  readonly cohort: SqlInteger;
  /** Periods since the cohort's. */
  readonly k: SqlInteger;
  /** Null on a cell row; on a bracket row the previous active period (−1: none). */
  readonly previous: SqlInteger | null;
  /** Customers in the cohort (cell rows). */
  readonly size: SqlInteger | null;
  /** Cell row: distinct customers active in period `k`; bracket row: the customers counted. */
  readonly active: SqlInteger;
  /** Customers of the cohort whose last active period is `k` (cell rows). */
  readonly last_active: SqlInteger | null;
  /** Exact revenue of the cell, as a decimal string (cell rows). */
  readonly revenue: string | number | null;
  /** The table's last period index (every row). */
  readonly last_period: SqlInteger;
  /**
   * With `breakdownBy` only: the breakdown value of the row's customers (every row; rows of
   * every value together make the total).
   */
  readonly breakdown?: string | number | bigint | boolean | null;
}
