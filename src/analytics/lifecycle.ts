import { withActiveMasks } from "../cohorts/engine/scan/activeMasks.js";
import { withActiveRuns } from "../cohorts/engine/scan/activeRuns.js";
import type { CohortColumns, CohortEvent } from "../cohorts/engine/types.js";
import { aggregate, optionsObject, resolve } from "./options.js";
import { lifecycleOf } from "./results.js";
import type { LifecycleOptions, LifecycleResult } from "./types.js";

/**
 * Lifecycle of an event log: per calendar period, the active customers split into new,
 * returning and resurrecting, and the customers who went dormant.
 *
 * @remarks
 * ```text
 * A(c)            = the periods in which customer c has an active event
 * new[p]          = #{ c : p = min A(c) }                          first active period
 * returning[p]    = #{ c : p ∈ A(c), p - 1 ∈ A(c) }
 * resurrecting[p] = #{ c : p ∈ A(c), p - 1 ∉ A(c), p > min A(c) }
 * dormant[p]      = -#{ c : p - 1 ∈ A(c), p ∉ A(c) }              a negative count
 * active[p]       = new[p] + returning[p] + resurrecting[p] = #{ c : p ∈ A(c) }
 * so  active[p] = active[p-1] + new[p] + resurrecting[p] + dormant[p]
 * and dormant[p] = -(active[p-1] - returning[p])
 * ```
 * Periods are calendar periods in `timeZone`, labelled as in cohort tables (`'2024-01'`,
 * `'2024-W03'`, `'2024-Q1'`, `'2024'`, `'2024-01-15'`). What makes a customer active is the
 * `active` rule of {@link cohortAnalysis}: by default every row that is not a refund, so a
 * customer with only refunds never appears. The periods run from the first active one to the
 * one holding the end of the data: with `asOf`, the period holding its last instant (marked
 * `complete: false` unless it ends there); without, the last active period (so nobody is
 * dormant after it). Customers active in the last period before the log's first are not
 * known, so the first period has only new customers.
 *
 * The same four groups as PostHog's Lifecycle insight ("whether a user has been active in
 * your selected time interval or not and by whether they were also active in the previous
 * interval": new, returning, resurrecting, dormant, dormant drawn below zero) and Amplitude's
 * Lifecycle chart (new, current, resurrected, dormant). Where they differ: Amplitude counts a
 * user as new from their first event of any kind in Amplitude, even when the chart's event is
 * another one; here `new` is the first active event under the `active` rule, and
 * `active: 'rows'` (every row counts) is the option that matches a chart of "any event".
 * Amplitude also shows dormant users as a positive bar of their own colour; the count is the
 * same.
 *
 * A log of 5,000,000 periods or more is refused (`OUT_OF_RANGE`), as a cohort table is.
 *
 * @example
 * ```ts
 * const result = lifecycle([
 *   { customerId: 'a', at: '2024-01-05T10:00:00Z' },
 *   { customerId: 'a', at: '2024-02-05T10:00:00Z' },
 *   { customerId: 'b', at: '2024-01-20T10:00:00Z' },
 *   { customerId: 'b', at: '2024-03-02T10:00:00Z' },
 * ], { period: 'month' })
 * result.periods.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant])
 * //=> [['2024-01', 2, 0, 0, 0], ['2024-02', 0, 1, 0, -1], ['2024-03', 0, 0, 1, -1]]
 * ```
 * @param events - rows `{ customerId, at, revenue? }` (or any shape with accessor options),
 *   or columns `{ customerId, at, revenue? }` of arrays or typed arrays
 * @param options - period, timeZone, weekStartsOn, asOf, active, refunds, minorUnits, accessors
 * @returns `{ period, periods }`, one {@link LifecyclePeriod} per period
 * @throws {@link MetricInputError} as {@link cohortAnalysis} does: `INVALID_DATE` for an
 *   unreadable time or `asOf`, `NOT_A_NUMBER` for a missing customer id or non-numeric
 *   revenue, `NOT_FINITE` for infinite revenue, `INCONSISTENT` for columns of different
 *   lengths, `INVALID_OPTION` for an unknown period, zone, week start, `active` or `refunds`
 *   value or accessors with columns, `OUT_OF_RANGE` for more than 5,000,000 periods.
 * @see PostHog, "Lifecycle" (product analytics docs, posthog.com/docs/product-analytics/lifecycle).
 * @see Amplitude, "Interpret your Lifecycle chart" (amplitude.com/docs/analytics/charts/lifecycle).
 * @category Event analytics
 */
export function lifecycle<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns,
  options?: LifecycleOptions<Row>,
): LifecycleResult {
  const fn = "lifecycle";
  const o = optionsObject<LifecycleOptions<unknown>>(options, fn);
  const resolved = resolve(o, o.period, fn);
  // columns with dense integer ids whose periods fit one bit per customer and period: the
  // masks; other columns: each customer's active periods (active runs); rows: the general table
  return (
    withActiveMasks(resolved, events, (masks) => lifecycleOf(masks)) ??
    withActiveRuns(resolved, events, (runs) => lifecycleOf(runs)) ??
    lifecycleOf(aggregate(events, resolved, fn))
  );
}
