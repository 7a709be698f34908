import type { Decimal } from "../_lib/decimal.js";
import type { CohortActivity, InstantInput } from "../cohorts/engine/types.js";
import type { Numeric, Period, WeekStartsOn } from "../types.js";

/**
 * Options shared by the event-analytics functions: the time options, the event rules and the
 * accessors of the cohort engine (see {@link CohortOptions}).
 *
 * @category Event analytics
 */
export interface EventAnalyticsOptions<Row> {
  /** IANA time zone for all calendar arithmetic. Default `'UTC'`; the host zone is never used. */
  readonly timeZone?: string;
  /**
   * The end of the data: an instant (a Date, epoch ms, a date-time string) is the first
   * instant not observed (events at or after it are ignored); a calendar date (`'2024-06-30'`)
   * names the last day observed, included in full. The period holding the end's last instant
   * is the last reported; it is incomplete unless it ends there.
   */
  readonly asOf?: InstantInput;
  /**
   * What makes a customer active: `'events'` (default) every row that is not a refund;
   * `'purchases'` rows with positive revenue only; `'rows'` every row, refunds included.
   */
  readonly active?: CohortActivity;
  /** Accepted for symmetry with `cohortAnalysis`; refunds never change who is active. */
  readonly refunds?: "net" | "exclude";
  /** When given, revenue values are integers counting `10^-minorUnits` of the currency. */
  readonly minorUnits?: number;
  /** Reads a row's customer id (default `row.customerId`); rows only. */
  readonly customerId?: (row: Row, index: number) => unknown;
  /** Reads a row's time (default `row.at`); rows only. */
  readonly at?: (row: Row, index: number) => unknown;
  /** Reads a row's revenue (default `row.revenue`); rows only. */
  readonly revenue?: (row: Row, index: number) => Numeric | null | undefined;
}

/**
 * Options of {@link lifecycle}.
 *
 * @category Event analytics
 */
export interface LifecycleOptions<Row> extends EventAnalyticsOptions<Row> {
  /** The period length. Default `'month'`. */
  readonly period?: Period;
  /** First day of the week for `period: 'week'` (0 Sunday … 6 Saturday). Default 1 (ISO). */
  readonly weekStartsOn?: WeekStartsOn;
}

/**
 * One period of a {@link LifecycleResult}.
 *
 * @category Event analytics
 */
export interface LifecyclePeriod {
  /** The period's label (`'2024-01'`, `'2024-W03'`, `'2024-Q1'`, …), as in cohort tables. */
  readonly key: string;
  /** The instant the period starts, as an ISO-8601 UTC string. */
  readonly start: string;
  /** Customers whose first active period this is. */
  readonly new: number;
  /** Customers active in this period and in the previous one. */
  readonly returning: number;
  /** Customers active in this period, not in the previous one, and in some earlier one. */
  readonly resurrecting: number;
  /** Minus the customers active in the previous period and not in this one (0 or negative). */
  readonly dormant: number;
  /** Customers active in this period: `new + returning + resurrecting`. */
  readonly active: number;
  /** Whether the period had ended by `asOf` (always `true` without `asOf`). */
  readonly complete: boolean;
}

/**
 * The result of {@link lifecycle}.
 *
 * @category Event analytics
 */
export interface LifecycleResult {
  /** The period length. */
  readonly period: Period;
  /** One entry per period, in time order, from the first active period to the last reported. */
  readonly periods: readonly LifecyclePeriod[];
}

/**
 * Options of {@link activeUsers}.
 *
 * @category Event analytics
 */
export interface ActiveUsersOptions<Row> extends EventAnalyticsOptions<Row> {
  /** The series' period: `'day'` (the only one offered; the default). */
  readonly period?: "day";
  /**
   * Rolling windows in whole calendar days (each a distinct whole number ≥ 1). Default
   * `[1, 7, 30]`: DAU, WAU, MAU.
   */
  readonly windows?: readonly number[];
  /** The period of the stickiness distribution: `'week'` (default) or `'month'`. */
  readonly stickiness?: "week" | "month";
  /** First day of the week for `stickiness: 'week'` (0 Sunday … 6 Saturday). Default 1 (ISO). */
  readonly weekStartsOn?: WeekStartsOn;
}

/**
 * One day of an {@link ActiveUsersResult}.
 *
 * @category Event analytics
 */
export interface ActiveUsersDay {
  /** The day's label, `'2024-01-15'`. */
  readonly key: string;
  /** The instant the day starts in the time zone, as an ISO-8601 UTC string. */
  readonly start: string;
  /** Distinct customers active that day (DAU). */
  readonly active: number;
  /**
   * `windows[i]`: distinct customers active on some day of the `windows[i]` calendar days
   * ending with this one (in the order of the option).
   */
  readonly windows: readonly number[];
  /** `active / windows[largest]` (DAU/MAU with the default windows); `null` when that is 0. */
  readonly ratio: Decimal | null;
  /** Whether the day had ended by `asOf` (always `true` without `asOf`). */
  readonly complete: boolean;
}

/**
 * One week or month of the stickiness distribution of an {@link ActiveUsersResult}.
 *
 * @category Event analytics
 */
export interface StickinessPeriod {
  /** The period's label (`'2024-W03'`, `'2024-01'`). */
  readonly key: string;
  /** The instant the period starts, as an ISO-8601 UTC string. */
  readonly start: string;
  /** Distinct customers active in the period. */
  readonly customers: number;
  /** `days[k - 1]`: customers active on exactly `k` days of the period (7 or 31 entries). */
  readonly days: readonly number[];
  /** Whether the period had ended by `asOf` (always `true` without `asOf`). */
  readonly complete: boolean;
}

/**
 * The result of {@link activeUsers}.
 *
 * @category Event analytics
 */
export interface ActiveUsersResult {
  /** The windows, in days, as given. */
  readonly windows: readonly number[];
  /** One entry per calendar day, from the first active day to the last reported. */
  readonly days: readonly ActiveUsersDay[];
  /** The period of the stickiness distribution. */
  readonly stickinessPeriod: "week" | "month";
  /** One entry per week or month holding a reported day. */
  readonly stickiness: readonly StickinessPeriod[];
}
