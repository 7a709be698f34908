/**
 * DuckDB (verified by execution in the tests through `@duckdb/node-api`). Time zones through
 * ICU's `timezone(zone, timestamptz)`, which gives the local TIMESTAMP; instants built by
 * `to_timestamp(seconds)`, which does not read the session's TimeZone setting.
 */
import { daysIntoWeek, paren } from "./common.js";
import type { Dialect } from "./types.js";

export const duckdb: Dialect = {
  name: "duckdb",
  quoteIdentifier: (part) => `"${part.replaceAll('"', '""')}"`,
  parameter: (_index, type) => `CAST(? AS ${type === "text" ? "VARCHAR" : "BIGINT"})`,
  epochMs: (expr) => `epoch_ms(${expr})`,
  localTime: (epochMs, zone) => `timezone(${zone}, to_timestamp(${paren(epochMs)} / 1000.0))`,
  wallMs: (local) => `epoch_ms(${local})`,
  wallTime: (wallMs) => `make_timestamp(${paren(wallMs)} * 1000)`,
  dayNumber: (local) => `date_diff('day', DATE '1970-01-01', CAST(${local} AS DATE))`,
  datePart: (part, local) =>
    part === "isoDayOfWeek" ? `isodow(${local})` : `CAST(date_part('${part}', ${local}) AS BIGINT)`,
  truncate: (local, unit, weekStartsOn) =>
    unit === "week"
      ? `CAST(CAST(${local} AS DATE) - CAST(${daysIntoWeek(`isodow(${local})`, weekStartsOn)} AS INTEGER) AS DATE)`
      : `CAST(date_trunc('${unit}', ${local}) AS DATE)`,
  floorDiv: (a, b) => `CAST(floor(${paren(a)} / ${b}.0) AS BIGINT)`,
  integerType: "BIGINT",
  decimalType: (precision, scale) => `DECIMAL(${precision}, ${scale})`,
  textType: "VARCHAR",
  decimalText: (expr) => `CAST(${expr} AS VARCHAR)`,
};
