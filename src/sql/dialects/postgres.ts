/**
 * PostgreSQL (verified by execution in the tests through PGlite, PostgreSQL compiled to
 * WebAssembly). `timestamptz AT TIME ZONE zone` gives the local timestamp; `EXTRACT(EPOCH
 * …)` is exact NUMERIC since PostgreSQL 14 and reads a timestamp without time zone as UTC.
 */
import { daysIntoWeek, paren } from "./common.js";
import type { Dialect } from "./types.js";

const PG_PARTS = { year: "YEAR", quarter: "QUARTER", month: "MONTH", isoDayOfWeek: "ISODOW" };

export const postgres: Dialect = {
  name: "postgres",
  quoteIdentifier: (part) => `"${part.replaceAll('"', '""')}"`,
  parameter: (index, type) => `CAST($${index} AS ${type === "text" ? "TEXT" : "BIGINT"})`,
  epochMs: (expr) => `CAST(floor(EXTRACT(EPOCH FROM ${expr}) * 1000) AS BIGINT)`,
  localTime: (epochMs, zone) => `(to_timestamp(${paren(epochMs)} / 1000.0) AT TIME ZONE ${zone})`,
  wallMs: (local) => `CAST(floor(EXTRACT(EPOCH FROM ${local}) * 1000) AS BIGINT)`,
  wallTime: (wallMs) => `(to_timestamp(${paren(wallMs)} / 1000.0) AT TIME ZONE 'UTC')`,
  dayNumber: (local) => `(CAST(${local} AS DATE) - DATE '1970-01-01')`,
  datePart: (part, local) => `CAST(EXTRACT(${PG_PARTS[part]} FROM ${local}) AS BIGINT)`,
  truncate: (local, unit, weekStartsOn) =>
    unit === "week"
      ? `(CAST(${local} AS DATE) - CAST(${daysIntoWeek(`EXTRACT(ISODOW FROM ${local})`, weekStartsOn)} AS INTEGER))`
      : `CAST(date_trunc('${unit}', ${local}) AS DATE)`,
  floorDiv: (a, b) => `CAST(floor(CAST(${a} AS NUMERIC) / ${b}) AS BIGINT)`,
  integerType: "BIGINT",
  decimalType: (precision, scale) => `NUMERIC(${precision}, ${scale})`,
  textType: "TEXT",
  decimalText: (expr) => `CAST(${expr} AS TEXT)`,
};
