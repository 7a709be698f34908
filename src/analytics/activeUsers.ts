import { withActiveMasks } from "../cohorts/engine/scan/activeMasks.js";
import { withActiveRuns } from "../cohorts/engine/scan/activeRuns.js";
import type { CohortColumns, CohortEvent } from "../cohorts/engine/types.js";
import { aggregate, optionsObject, resolve } from "./options.js";
import { activeUsersOf, activeUsersSettings } from "./results.js";
import type { ActiveUsersOptions, ActiveUsersResult } from "./types.js";

/**
 * Daily active customers, distinct customers in rolling windows of calendar days (WAU, MAU),
 * DAU/MAU, and the distribution of days active per week or month (stickiness), from an event
 * log.
 *
 * @remarks
 * ```text
 * A(c)             = the calendar days (in timeZone) on which customer c has an active event
 * active[d]        = #{ c : d ∈ A(c) }                                         DAU
 * windows[d][w]    = #{ c : A(c) ∩ [d - w + 1, d] ≠ ∅ }       the w calendar days ending on d
 * ratio[d]         = active[d] / windows[d][max w]        (DAU/MAU; null when the divisor is 0)
 * stickiness[P][k] = #{ c : |A(c) ∩ P| = k }        k = 1 … 7 (weeks) or 1 … 31 (months)
 * ```
 * A window is counted in calendar days of `timeZone`, not in multiples of 24 hours: the
 * 7 days ending on 2024-04-02 in Europe/Berlin run from 2024-03-27, through the 23-hour
 * 31 March. What makes a customer active is the `active` rule of {@link cohortAnalysis} (by
 * default every row that is not a refund). The days run from the first active day to the
 * last active day, or with `asOf` to the day holding its last instant (then `complete:
 * false` unless it ends there); a window early in the log counts only the days the log
 * covers. The stickiness periods are the weeks (starting on `weekStartsOn`) or months holding
 * a reported day; in a partly reported one, the days outside are days without activity.
 *
 * This is DAU / WAU / MAU as Amplitude and PostHog chart them with a rolling window ("users
 * active in the 7 or 30 days ending on the day"), and the non-cumulative form of Amplitude's
 * Stickiness chart ("users who triggered the event at least one time on the exact number of
 * days", per week or month; a customer active in two weeks appears once in each); the
 * cumulative form (`at least k days`) is the running sum from the right. The ratio is the
 * stickiness ratio of {@link stickiness}, computed per day.
 *
 * @example
 * ```ts
 * const result = activeUsers([
 *   { customerId: 'a', at: '2024-01-01T10:00:00Z' },
 *   { customerId: 'a', at: '2024-01-02T10:00:00Z' },
 *   { customerId: 'b', at: '2024-01-02T18:00:00Z' },
 * ], { windows: [1, 7] })
 * result.days.map((d) => [d.key, d.active, d.windows, String(d.ratio)])
 * //=> [['2024-01-01', 1, [1, 1], '1'], ['2024-01-02', 2, [2, 2], '1']]
 * result.stickiness[0].days //=> [1, 1, 0, 0, 0, 0, 0]   (b on 1 day, a on 2, week 2024-W01)
 * ```
 * @param events - rows `{ customerId, at, revenue? }` (or any shape with accessor options),
 *   or columns `{ customerId, at, revenue? }` of arrays or typed arrays
 * @param options - period (`'day'`), windows, stickiness, timeZone, weekStartsOn, asOf,
 *   active, refunds, minorUnits, accessors
 * @returns `{ windows, days, stickinessPeriod, stickiness }`
 * @throws {@link MetricInputError} `INVALID_OPTION` for a period other than `'day'`, windows
 *   that are not a non-empty array or repeat a value, an unknown `stickiness`, and as
 *   {@link lifecycle} does for the time options, the event rules and the events;
 *   `NOT_INTEGER` / `OUT_OF_RANGE` for a window that is not a whole number at least 1 (field
 *   `windows[2]`); `OUT_OF_RANGE` for more than 5,000,000 days.
 * @see Amplitude, "Interpret your stickiness analysis" (amplitude.com/docs/analytics/charts/stickiness/stickiness-interpret).
 * @see PostHog, "Lifecycle" and "Stickiness" (posthog.com/docs/product-analytics).
 * @category Event analytics
 */
export function activeUsers<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns,
  options?: ActiveUsersOptions<Row>,
): ActiveUsersResult {
  const fn = "activeUsers";
  const o = optionsObject<ActiveUsersOptions<unknown>>(options, fn);
  const settings = activeUsersSettings(o, fn);
  const resolved = resolve(o, "day", fn);
  // columns with dense integer ids whose periods fit one bit per customer and period: the
  // masks; other columns: each customer's active periods (active runs); rows: the general table
  return (
    withActiveMasks(resolved, events, (masks) => activeUsersOf(masks, settings)) ??
    withActiveRuns(resolved, events, (runs) => activeUsersOf(runs, settings)) ??
    activeUsersOf(aggregate(events, resolved, fn), settings)
  );
}
