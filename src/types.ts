import type { Decimal } from "./_lib/decimal.js";

/**
 * A number as the library accepts it: a JS number, a numeric string (`'19.99'`, `'1e3'`,
 * `' +5 '`), a bigint, or a Decimal from any copy of decimal.js.
 *
 * Money is best passed as a string or a Decimal, so that no binary rounding happens before
 * the library sees the value.
 *
 * Every input must lie in float64's range, read exactly: a magnitude above `Number.MAX_VALUE`
 * (`'1e400'`) throws `NOT_FINITE`, and a non-zero magnitude below `Number.MIN_VALUE` (5e-324:
 * `'1e-400'`) throws `OUT_OF_RANGE`. Within that range no result can overflow the library's
 * Decimal. A Decimal is read once through its `toString()`; an object that only looks like
 * one throws `NOT_A_NUMBER`.
 *
 * @category Types
 */
export type Numeric = number | string | bigint | Decimal;

/**
 * A calendar period.
 *
 * @category Types
 */
export type Period = "day" | "week" | "month" | "quarter" | "year";

/**
 * How {@link round} breaks ties and truncates.
 *
 * - `half-up`: to nearest, ties away from zero (the school rule; the default).
 * - `half-even`: to nearest, ties to the even neighbour (banker's rounding).
 * - `half-down`: to nearest, ties towards zero.
 * - `up`: away from zero. `down`: towards zero (truncation).
 * - `ceil`: towards +∞. `floor`: towards −∞.
 *
 * @category Types
 */
export type RoundingMode = "half-up" | "half-even" | "half-down" | "up" | "down" | "ceil" | "floor";

/**
 * The first day of a week: 0 Sunday, 1 Monday (the ISO-8601 default), … 6 Saturday.
 *
 * @category Types
 */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Options shared by functions that bucket time.
 *
 * @category Types
 */
export interface TimeOptions {
  /** An IANA time zone such as `'Europe/Berlin'`. Default `'UTC'`; the host's zone is never used. */
  timeZone?: string;
  /** First day of the week for `period: 'week'`. Default 1 (Monday, ISO weeks). */
  weekStartsOn?: WeekStartsOn;
}
