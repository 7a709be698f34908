import { denominatorCount, nonNegative, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

const FN = "stickiness";

/**
 * Input of {@link stickiness}.
 *
 * @category Engagement
 */
export interface StickinessInput {
  /** Daily active users: one day's count, or the average over the month (may be fractional). */
  dailyActive: Numeric;
  /** Monthly active users: distinct users active in the month (or the trailing 30 days). */
  monthlyActive: Numeric;
}

/**
 * The DAU/MAU ratio: the share of a month's active users who are active on a typical day.
 *
 * @remarks
 * ```text
 * stickiness = dailyActive / monthlyActive
 * ```
 * A fraction in [0, 1]: 0.5 means the average monthly user is active half the days.
 * `dailyActive` may be one day's count divided by the trailing-30-day count, or the
 * average daily count over a calendar month divided by that month's count: both are
 * used, and the caller chooses by what is passed in. `dailyActive` may be fractional (an
 * average); `monthlyActive` is a whole count. Daily users are a subset of the month's,
 * so `dailyActive > monthlyActive` is a contradiction. (PostHog's "Stickiness" insight,
 * a distribution of users by active days, is a different measure.)
 *
 * @example
 * 1,000 daily active users out of 2,000 monthly active users:
 * ```ts
 * stickiness({ dailyActive: 1000, monthlyActive: 2000 }).toString() //=> '0.5'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a missing or
 * non-numeric value; `NEGATIVE` for a negative value; `NOT_INTEGER` when `monthlyActive`
 * is fractional; `ZERO_DENOMINATOR` when `monthlyActive` is 0; `INCONSISTENT` when
 * `dailyActive` exceeds `monthlyActive`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see PostHog blog, "What is user stickiness" (DAU/MAU, 1,000 / 2,000 = 50 %).
 * @category Engagement
 */
export function stickiness(input: StickinessInput): Decimal {
  const data = record<Record<string, unknown>>(input, FN);
  const daily = nonNegative(data.dailyActive, FN, "dailyActive");
  const monthly = denominatorCount(data.monthlyActive, FN, "monthlyActive");
  notAbove(daily, monthly, FN, "dailyActive", "monthlyActive", data.dailyActive);
  return clean(daily.div(monthly));
}
