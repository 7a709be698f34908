import { option, options as optionsObject } from "../_lib/assert.js";
import { readFunnelSteps, runFunnel } from "./funnelCore.js";
import type {
  FunnelAnalysisOptions,
  FunnelResult,
  TypedEvent,
  TypedEventColumns,
} from "./types.js";

/**
 * A conversion funnel from an event log: per step, the customers who went through the steps
 * in order within a conversion window from their entry, the conversion from the previous and
 * the first step with Wilson intervals, and the time between steps.
 *
 * @remarks
 * ```text
 * entry e     = an event of customer c matching step 1, at t0
 * strict:     step k reached at t_k = the first event matching step k with t_k > t_(k-1)
 *             and t_k - t0 <= window                              (end of the window included)
 * any-order:  step k reached when steps 2..k each have an event at t in [t0, t0 + window];
 *             t_k = the latest of their first such events
 * reach(c)    = the furthest step reached from c's measured entry: the earliest entry reaching
 *               the furthest step of any entry (entry: 'furthest'), or the first entry ('first')
 * count[k]    = #{ c : reach(c) >= k }                             non-increasing in k
 * fromPrevious[k] = count[k] / count[k-1],  fromFirst[k] = count[k] / count[1]
 * time[k]     = t_k - t_(k-1) of each customer reaching step k (quartiles, ms and window unit)
 * ```
 * A step is an event name (compared with `===` to the event accessor's value) or a predicate
 * `(event, index) => boolean` (for columns, the event is a record `{ customerId, at, event,
 * revenue }` of the row). One event may match several steps; in a strict funnel it can still
 * reach only one of them (each step needs a later instant), so the same name twice is a repeat
 * (`['purchase', 'purchase']`: a second purchase). An any-order funnel refuses the same name or
 * predicate twice. A step name that never occurs in the log is a step of 0 customers, not an
 * error (a log may be a sample, a period without that event).
 *
 * Ties: in a strict funnel the next step must happen at a later instant than the previous one;
 * events at the same millisecond are not ordered (the order of rows in a log is not a reliable
 * time order), so the result never depends on the order of the rows. The window is elapsed
 * time from the entry, its end included: with `{ hours: 1 }`, a step exactly one hour after
 * the entry counts and one a second later does not.
 *
 * Conversion rates are exact Decimals with Wilson score intervals ({@link wilsonInterval},
 * level `confidence`); the rate of step 1 is 1 by definition (interval [1, 1]); a rate whose
 * denominator is 0 is `null`. Times are quartiles by linear interpolation (NumPy's default),
 * exact, in milliseconds and in the window's unit.
 *
 * With `breakdownBy`, each customer belongs to the group of the value read on their measured
 * entry event (as Amplitude breaks a funnel down by a property of its first step), so the
 * groups add up to the total at every step.
 *
 * How the tools define it (where they differ, which option matches):
 * - Amplitude (Funnel Analysis): steps in order, other events allowed between, within a
 *   conversion window of elapsed time from step 1 (24-hour days, not calendar days, as here);
 *   for unique users the earliest, longest path of each user counts: `entry: 'furthest'` (the
 *   default). Amplitude keeps times to the second and takes two events in the same second in
 *   either order; here events at the same millisecond are not ordered.
 * - Mixpanel (Funnels, unique users): the first time a user does step 1 starts the window,
 *   and a later step-1 event does not restart it: `entry: 'first'`. With "optimized re-entry"
 *   every entry is tried and a user converting from any of them counts: `entry: 'furthest'`.
 * - PostHog (Funnels): "sequential" steps (other events allowed between) are `'strict'` here;
 *   PostHog's "strict" order (no other event between two steps) has no option here; "any
 *   order" as here. A breakdown by the value on the first step ("first touch") as here.
 *
 * Events are read once (rows or columns), grouped by customer and scanned in time order:
 * O(events × steps) time, whatever the order of the rows.
 *
 * @example
 * ```ts
 * const result = funnelAnalysis([
 *   { customerId: 'a', at: '2024-03-01T10:00:00Z', event: 'page_view' },
 *   { customerId: 'a', at: '2024-03-01T10:05:00Z', event: 'add_to_cart' },
 *   { customerId: 'a', at: '2024-03-01T10:20:00Z', event: 'purchase', revenue: '30.00' },
 *   { customerId: 'b', at: '2024-03-01T11:00:00Z', event: 'page_view' },
 *   { customerId: 'b', at: '2024-03-01T13:00:00Z', event: 'add_to_cart' }, // after the window
 * ], { steps: ['page_view', 'add_to_cart', 'purchase'], window: { hours: 1 } })
 * result.steps.map((s) => [s.name, s.count, s.fromFirst?.rate.toString()])
 * //=> [['page_view', 2, '1'], ['add_to_cart', 1, '0.5'], ['purchase', 1, '0.5']]
 * result.steps[1].timeFromPrevious?.inUnit.median.toString() //=> '0.08333333333333333333333333333333333333333' (5 minutes in hours)
 * ```
 * @param events - rows `{ customerId, at, event, revenue? }` (or any shape with accessor
 *   options), or columns `{ customerId, at, event, revenue? }`
 * @param options - steps, window, order, entry, asOf, breakdownBy, confidence, timeZone, accessors
 * @returns the funnel over every customer and, with `breakdownBy`, one per value
 * @throws {@link MetricInputError} `EMPTY` for no steps; `OUT_OF_RANGE` for more than 30 steps, a
 *   window ≤ 0 or above 10,000 weeks, or a confidence outside (0, 1); `INVALID_OPTION` for a
 *   window without a unit (a bare number), a step that is neither a name nor a function, the
 *   same step twice in an any-order funnel, an unknown `order` / `entry`, an accessor that is
 *   not a function or is given with columns, a predicate that throws (naming the step and the
 *   row, the thrown error as `cause`) or returns a non-boolean, a breakdown value that is not a
 *   string, finite number, boolean or null; `NOT_INTEGER` for a window that is not a whole number of ms;
 *   `NOT_A_NUMBER` for a missing customer id or a log that is not rows or columns;
 *   `INVALID_DATE` for an unreadable time or `asOf`; `INCONSISTENT` for columns of different
 *   lengths. Nothing is returned half-built.
 * @see Amplitude, "Build a funnel analysis" and "Interpret your funnel analysis" (amplitude.com/docs/analytics/charts/funnel-analysis).
 * @see Mixpanel, "Funnels: Overview" and "Funnels FAQ" (docs.mixpanel.com/docs/reports/funnels).
 * @see PostHog, "Funnels" (posthog.com/docs/product-analytics/funnels).
 * @category Behaviour
 */
export function funnelAnalysis<Row = TypedEvent>(
  events: Iterable<Row> | TypedEventColumns,
  options: FunnelAnalysisOptions<Row>,
): FunnelResult {
  const fn = "funnelAnalysis";
  const o = optionsObject<FunnelAnalysisOptions<unknown>>(options, fn) as Record<string, unknown>;
  const steps = readFunnelSteps(o.steps, fn);
  const order = option(o.order, ["strict", "any-order"] as const, "strict", fn, "order");
  return runFunnel(events, steps, o, order, fn);
}
