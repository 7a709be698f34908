/**
 * What a SQL dialect supplies to the query builders of `customer-metrics/sql`: every place
 * where PostgreSQL, DuckDB, BigQuery and Snowflake write the same thing differently. A new
 * dialect is one file implementing {@link Dialect}, added to the table in `index.ts`.
 *
 * Conventions every member keeps:
 * - Arguments named `expr`, `local`, `epochMs`, `zone` are SQL expressions already built
 *   (quoted identifiers, placeholders, or other members' output); members wrap them in
 *   parentheses where precedence could matter and never interpolate values.
 * - An instant is carried as integer epoch milliseconds (`epochMs`), so that a column of
 *   either timestamp type gives the same instant whatever the session's time zone is.
 * - A local time (`local`) is a timestamp WITHOUT time zone holding the wall-clock reading
 *   in the zone (DuckDB and PostgreSQL `TIMESTAMP`, BigQuery `DATETIME`, Snowflake
 *   `TIMESTAMP_NTZ`).
 * - Integers are 64-bit (`integerType`), money is an exact decimal (`decimalType`).
 */

/** The dialect names {@link Dialect.name} takes. */
export type DialectName = "duckdb" | "postgres" | "bigquery" | "snowflake";

/** A calendar unit a local time is truncated to. */
export type TruncateUnit = "day" | "week" | "month" | "quarter" | "year";

/** A calendar field of a local time. */
export type DatePart = "year" | "quarter" | "month" | "isoDayOfWeek";

/** The SQL types a parameter is cast to, so that every engine knows its type. */
export type ParameterType = "text" | "integer";

export interface Dialect {
  /** The dialect's name (`dialect` option value). */
  readonly name: DialectName;
  /**
   * One identifier part (already validated: non-empty, no control character) in the
   * dialect's quotes, with the quote character (and, in BigQuery, the backslash) escaped, so
   * that any text names exactly that object and can never end the quotes early.
   */
  quoteIdentifier(part: string): string;
  /**
   * The placeholder of the `index`-th parameter (1-based) in the form the dialect's usual
   * Node client binds: `$1` (PostgreSQL: `pg`, PGlite), `?` (DuckDB `@duckdb/node-api`),
   * `@p1` (BigQuery named parameters of `@google-cloud/bigquery`), `:1` (`snowflake-sdk`
   * binds), cast to `type` so that no engine has to infer it. Every call is a new parameter
   * (as `?` requires), so builders call it in the order placeholders appear in the text.
   */
  parameter(index: number, type: ParameterType): string;
  /**
   * Integer epoch milliseconds (64-bit) of an instant column. The column is a timestamp WITH
   * time zone (an instant) or a timestamp WITHOUT time zone holding UTC wall time; both give
   * the instant, independent of the session time zone.
   */
  epochMs(expr: string): string;
  /** The local wall-clock timestamp in the IANA zone `zone` (a text expression) of an instant in epoch ms. */
  localTime(epochMs: string, zone: string): string;
  /**
   * The wall-clock reading of a local time as integer milliseconds since 1970-01-01 00:00 (the
   * local time read as if it were UTC): with {@link Dialect.epochMs}, the zone's offset at an
   * instant is `wallMs(localTime(ms, zone)) − ms`.
   */
  wallMs(local: string): string;
  /** The timestamp without time zone whose wall-clock reading is `wallMs` milliseconds since 1970. */
  wallTime(wallMs: string): string;
  /** Whole days from 1970-01-01 to the local calendar day of `local` (an integer; negative before 1970). */
  dayNumber(local: string): string;
  /** A calendar field of `local` as an integer: year, quarter 1–4, month 1–12, ISO weekday 1 (Monday) – 7 (Sunday). */
  datePart(part: DatePart, local: string): string;
  /**
   * The local date (a DATE) starting the unit holding `local`; weeks start on
   * `weekStartsOn` (0 Sunday … 6 Saturday; 1 gives ISO weeks), a trusted integer.
   */
  truncate(local: string, unit: TruncateUnit, weekStartsOn: number): string;
  /** ⌊a / b⌋ for integer expressions, `b` a positive integer constant, as an integer. */
  floorDiv(a: string, b: number): string;
  /** The 64-bit integer type (`BIGINT`, `INT64`, `NUMBER(19, 0)`). */
  readonly integerType: string;
  /** An exact decimal type of `precision` digits, `scale` of them after the point. */
  decimalType(precision: number, scale: number): string;
  /** The variable-length text type. */
  readonly textType: string;
  /**
   * An exact decimal (a sum of revenue) as text, so that every client reads it as a string
   * with all its digits (no float conversion on the way).
   */
  decimalText(expr: string): string;
}
