import type { CohortStreamItem } from "../cohorts/engine/cohortAnalysisAsync.js";
import type { CohortEvent } from "../cohorts/engine/types.js";
import { aggregateStream, optionsObject, resolve } from "./options.js";
import { lifecycleOf } from "./results.js";
import type { LifecycleOptions, LifecycleResult } from "./types.js";

/**
 * {@link lifecycle} of a stream: an async (or sync) iterable whose items are rows, arrays of
 * rows or chunks of columns, read in bounded chunks as {@link cohortAnalysisAsync} reads one.
 *
 * @remarks
 * The same definitions, options and result as {@link lifecycle}; the events are aggregated as
 * they arrive, so memory grows with the (customer, period) pairs, not with the events.
 *
 * @example
 * ```ts
 * async function* batches() {
 *   yield [{ customerId: 'a', at: '2024-01-05T10:00:00Z' }]
 *   yield { customerId: ['a'], at: ['2024-03-05T10:00:00Z'] }
 * }
 * const result = await lifecycleAsync(batches(), { period: 'month' })
 * result.periods.map((p) => [p.key, p.new, p.resurrecting, p.dormant])
 * //=> [['2024-01', 1, 0, 0], ['2024-02', 0, 0, -1], ['2024-03', 0, 1, 0]]
 * ```
 * @param events - an async or sync iterable of rows, arrays of rows or column chunks
 * @param options - as {@link lifecycle}
 * @returns a promise of `{ period, periods }`
 * @throws {@link MetricInputError} (as a rejection) as {@link lifecycle} does, with the event's
 *   index in the whole stream (`events[70000].at`); `NOT_A_NUMBER` when `events` is not
 *   iterable (field `input`).
 * @see PostHog, "Lifecycle"; Amplitude, "Interpret your Lifecycle chart" (see {@link lifecycle}).
 * @category Event analytics
 */
export async function lifecycleAsync<Row = CohortEvent>(
  events: AsyncIterable<CohortStreamItem<Row>> | Iterable<CohortStreamItem<Row>>,
  options?: LifecycleOptions<Row>,
): Promise<LifecycleResult> {
  const fn = "lifecycleAsync";
  const o = optionsObject<LifecycleOptions<unknown>>(options, fn);
  const resolved = resolve(o, o.period, fn);
  return lifecycleOf(await aggregateStream(events, resolved, fn));
}
