/**
 * What the model queries need beyond the dialect table (`../dialects`), keyed by dialect
 * name: a new dialect adds its line here too.
 */
import type { DialectName } from "../dialects/index.js";

/**
 * ⌈a / b⌉ for positive integer expressions `a` and `b` (b not a constant), as an exact
 * integer: DuckDB's `//` and PostgreSQL's `/` on BIGINT truncate, BigQuery has `DIV`, and
 * Snowflake's `/` gives a rounded decimal, so there the remainder is taken off first.
 */
export const CEIL_DIV: Readonly<Record<DialectName, (a: string, b: string) => string>> = {
  duckdb: (a, b) => `((${a}) + (${b}) - 1) // (${b})`,
  postgres: (a, b) => `((${a}) + (${b}) - 1) / (${b})`,
  bigquery: (a, b) => `DIV((${a}) + (${b}) - 1, ${b})`,
  snowflake: (a, b) =>
    `CAST(((${a}) + (${b}) - 1 - MOD((${a}) + (${b}) - 1, ${b})) / (${b}) AS NUMBER(19, 0))`,
};
