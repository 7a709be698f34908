/**
 * Snowflake (generated and checked by a SQL parser only; not executed in the tests).
 * `CONVERT_TIMEZONE('UTC', zone, timestamp_ntz)` gives the local TIMESTAMP_NTZ;
 * `TO_TIMESTAMP_NTZ(ms, 3)` and `DATE_PART(EPOCH_MILLISECOND, …)` carry instants;
 * `DAYOFWEEKISO` does not depend on the WEEK_START session parameter. Quoted identifiers
 * are case-sensitive (an unquoted `customer_id` is stored as `CUSTOMER_ID`). Parameters
 * are positional `:1`, `:2`, …, bound by `snowflake-sdk` from its `binds` array.
 */
import { daysIntoWeek, paren } from "./common.js";
import type { Dialect } from "./types.js";

const SF_PARTS = { year: "YEAR", quarter: "QUARTER", month: "MONTH" };

export const snowflake: Dialect = {
  name: "snowflake",
  quoteIdentifier: (part) => `"${part.replaceAll('"', '""')}"`,
  parameter: (index, type) => `CAST(:${index} AS ${type === "text" ? "VARCHAR" : "NUMBER(19, 0)"})`,
  epochMs: (expr) => `DATE_PART(EPOCH_MILLISECOND, ${expr})`,
  localTime: (epochMs, zone) => `CONVERT_TIMEZONE('UTC', ${zone}, TO_TIMESTAMP_NTZ(${epochMs}, 3))`,
  wallMs: (local) => `DATE_PART(EPOCH_MILLISECOND, ${local})`,
  wallTime: (wallMs) => `TO_TIMESTAMP_NTZ(${wallMs}, 3)`,
  dayNumber: (local) => `DATEDIFF(DAY, CAST('1970-01-01' AS DATE), CAST(${local} AS DATE))`,
  datePart: (part, local) =>
    part === "isoDayOfWeek" ? `DAYOFWEEKISO(${local})` : `DATE_PART(${SF_PARTS[part]}, ${local})`,
  truncate: (local, unit, weekStartsOn) =>
    unit === "week"
      ? `DATEADD(DAY, -${paren(daysIntoWeek(`DAYOFWEEKISO(${local})`, weekStartsOn))}, CAST(${local} AS DATE))`
      : `CAST(DATE_TRUNC(${unit.toUpperCase()}, ${local}) AS DATE)`,
  floorDiv: (a, b) => `CAST(FLOOR(${paren(a)} / ${b}) AS NUMBER(19, 0))`,
  integerType: "NUMBER(19, 0)",
  decimalType: (precision, scale) => `NUMBER(${precision}, ${scale})`,
  textType: "VARCHAR",
  decimalText: (expr) => `CAST(${expr} AS VARCHAR)`,
};
