/**
 * BigQuery (generated and checked by a SQL parser only; not executed in the tests).
 * `DATETIME(timestamp, zone)` gives the local DATETIME; `UNIX_MILLIS` / `TIMESTAMP_MILLIS`
 * carry instants; NUMERIC / BIGNUMERIC sums are exact. Quoted identifiers escape a backtick
 * or backslash with a backslash (BigQuery's lexical rules). Parameters are named `@p1`, `@p2`,
 * …, bound by `@google-cloud/bigquery` from a `params` object `{ p1: …, p2: … }`.
 */
import { daysIntoWeek, paren } from "./common.js";
import type { Dialect } from "./types.js";

const BQ_PARTS = { year: "YEAR", quarter: "QUARTER", month: "MONTH" };

function isoDayOfWeek(local: string): string {
  // DAYOFWEEK is 1 (Sunday) … 7 (Saturday).
  return `(MOD(EXTRACT(DAYOFWEEK FROM ${local}) + 5, 7) + 1)`;
}

export const bigquery: Dialect = {
  name: "bigquery",
  quoteIdentifier: (part) => `\`${part.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``,
  parameter: (index, type) => `CAST(@p${index} AS ${type === "text" ? "STRING" : "INT64"})`,
  epochMs: (expr) => `UNIX_MILLIS(${expr})`,
  localTime: (epochMs, zone) => `DATETIME(TIMESTAMP_MILLIS(${epochMs}), ${zone})`,
  wallMs: (local) => `UNIX_MILLIS(TIMESTAMP(${local}, 'UTC'))`,
  wallTime: (wallMs) => `DATETIME(TIMESTAMP_MILLIS(${wallMs}), 'UTC')`,
  dayNumber: (local) => `UNIX_DATE(DATE(${local}))`,
  datePart: (part, local) =>
    part === "isoDayOfWeek" ? isoDayOfWeek(local) : `EXTRACT(${BQ_PARTS[part]} FROM ${local})`,
  truncate: (local, unit, weekStartsOn) =>
    unit === "week"
      ? `DATE_SUB(DATE(${local}), INTERVAL ${daysIntoWeek(isoDayOfWeek(local), weekStartsOn)} DAY)`
      : `DATE_TRUNC(DATE(${local}), ${unit.toUpperCase()})`,
  floorDiv: (a, b) => `CAST(FLOOR(${paren(a)} / ${b}) AS INT64)`,
  integerType: "INT64",
  decimalType: (precision, scale) =>
    precision - scale <= 29 && scale <= 9
      ? `NUMERIC(${precision}, ${scale})`
      : `BIGNUMERIC(${precision}, ${scale})`,
  textType: "STRING",
  decimalText: (expr) => `CAST(${expr} AS STRING)`,
};
