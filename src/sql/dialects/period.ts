/**
 * The library's period index of a local time, written in SQL through a dialect. The index
 * is the one of the cohort engine (src/cohorts/engine/periods.ts), so that an index read
 * back from SQL names the same period: `day` days since 1970-01-01, `week` weeks so that week
 * 0 holds 1970-01-01 (a Thursday) with weeks starting on `weekStartsOn`, `month` year × 12 +
 * month − 1, `quarter` year × 4 + quarter − 1, `year` the year. The difference of two indices
 * is the number of whole periods between their starts.
 */
import type { Period } from "../../types.js";
import type { Dialect } from "./types.js";

export function periodIndex(
  dialect: Dialect,
  local: string,
  period: Period,
  weekStartsOn: number,
): string {
  switch (period) {
    case "day":
      return dialect.dayNumber(local);
    case "week":
      return dialect.floorDiv(`${dialect.dayNumber(local)} + ${4 - weekStartsOn}`, 7);
    case "month":
      return `(${dialect.datePart("year", local)} * 12 + ${dialect.datePart("month", local)} - 1)`;
    case "quarter":
      return `(${dialect.datePart("year", local)} * 4 + ${dialect.datePart("quarter", local)} - 1)`;
    default:
      return dialect.datePart("year", local);
  }
}

const MS_PER_DAY = 86_400_000;

/**
 * {@link periodIndex} of a wall-clock reading given as milliseconds since 1970 (see
 * `Dialect.wallMs`): days by integer division, the calendar fields from `Dialect.wallTime`.
 */
export function periodIndexOfWallMs(
  dialect: Dialect,
  wallMs: string,
  period: Period,
  weekStartsOn: number,
): string {
  const day = dialect.floorDiv(wallMs, MS_PER_DAY);
  if (period === "day") return day;
  if (period === "week") return dialect.floorDiv(`${day} + ${4 - weekStartsOn}`, 7);
  return periodIndex(dialect, dialect.wallTime(wallMs), period, weekStartsOn);
}
