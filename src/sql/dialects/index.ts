/**
 * The dialect table of `customer-metrics/sql`: each dialect is one file implementing
 * {@link Dialect} (types.ts documents what every member produces); add a dialect by adding
 * its file and its line here. Internal: the public functions take `dialect: '<name>'`.
 */
import { fail } from "../../_lib/assert.js";
import { bigquery } from "./bigquery.js";
import { duckdb } from "./duckdb.js";
import { postgres } from "./postgres.js";
import { snowflake } from "./snowflake.js";
import type { Dialect, DialectName } from "./types.js";

export { periodIndex, periodIndexOfWallMs } from "./period.js";
export type { DatePart, Dialect, DialectName, ParameterType, TruncateUnit } from "./types.js";

/** Every dialect by name. */
export const DIALECTS: Readonly<Record<DialectName, Dialect>> = Object.freeze({
  duckdb,
  postgres,
  bigquery,
  snowflake,
});

/** The dialect named by an option value; INVALID_OPTION for anything else. */
export function dialectOf(value: unknown, fn: string, field = "options.dialect"): Dialect {
  if (typeof value === "string" && Object.hasOwn(DIALECTS, value))
    return DIALECTS[value as DialectName];
  return fail(
    fn,
    field,
    "INVALID_OPTION",
    `must be one of ${Object.keys(DIALECTS)
      .map((d) => JSON.stringify(d))
      .join(", ")}`,
    value,
  );
}

/** Longest identifier part accepted (PostgreSQL truncates at 63 bytes; others allow more). */
const MAX_IDENTIFIER = 255;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function part(value: unknown, fn: string, field: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_IDENTIFIER) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must be a non-empty identifier of at most ${MAX_IDENTIFIER} characters`,
      value,
    );
  }
  if (CONTROL.test(value) || value.trim() !== value) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      "must be an identifier without control characters or surrounding spaces",
      value,
    );
  }
  return value;
}

/**
 * A column name, validated and quoted: one part, any text but control characters (quotes,
 * backticks, semicolons and spaces inside are quoted and name exactly that column).
 */
export function columnName(dialect: Dialect, value: unknown, fn: string, field: string): string {
  return dialect.quoteIdentifier(part(value, fn, field));
}

/**
 * A table name, validated and quoted part by part: a string is split at dots
 * (`'analytics.events'`), an array gives the parts themselves (for a name holding a dot:
 * `['analytics', 'events.v2']`).
 */
export function tableName(dialect: Dialect, value: unknown, fn: string, field: string): string {
  let parts: unknown[];
  if (typeof value === "string") parts = value.split(".");
  else if (Array.isArray(value) && value.length > 0 && value.length <= 4) parts = value;
  else {
    return fail(
      fn,
      field,
      "INVALID_OPTION",
      "must be a table name ('schema.table') or an array of 1 to 4 name parts",
      value,
    );
  }
  if (parts.length > 4) {
    fail(fn, field, "INVALID_OPTION", "must have at most 4 dot-separated parts", value);
  }
  return parts
    .map((p, i) =>
      dialect.quoteIdentifier(part(p, fn, Array.isArray(value) ? `${field}[${i}]` : field)),
    )
    .join(".");
}
