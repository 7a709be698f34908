import type { CohortStreamItem } from "../cohorts/engine/cohortAnalysisAsync.js";
import type { CohortEvent } from "../cohorts/engine/types.js";
import { aggregateStream, optionsObject, resolve } from "./options.js";
import { activeUsersOf, activeUsersSettings } from "./results.js";
import type { ActiveUsersOptions, ActiveUsersResult } from "./types.js";

/**
 * {@link activeUsers} of a stream: an async (or sync) iterable whose items are rows, arrays of
 * rows or chunks of columns, read in bounded chunks as {@link cohortAnalysisAsync} reads one.
 *
 * @remarks
 * The same definitions, options and result as {@link activeUsers}; the events are aggregated
 * as they arrive, so memory grows with the active (customer, day) pairs, not with the events.
 *
 * @example
 * ```ts
 * async function* batches() {
 *   yield [{ customerId: 'a', at: '2024-01-01T10:00:00Z' }]
 *   yield { customerId: ['b'], at: ['2024-01-02T10:00:00Z'] }
 * }
 * const result = await activeUsersAsync(batches(), { windows: [1, 7] })
 * result.days.map((d) => [d.key, d.active, d.windows]) //=> [['2024-01-01', 1, [1, 1]], ['2024-01-02', 1, [1, 2]]]
 * ```
 * @param events - an async or sync iterable of rows, arrays of rows or column chunks
 * @param options - as {@link activeUsers}
 * @returns a promise of `{ windows, days, stickinessPeriod, stickiness }`
 * @throws {@link MetricInputError} (as a rejection) as {@link activeUsers} does, with the
 *   event's index in the whole stream; `NOT_A_NUMBER` when `events` is not iterable (field
 *   `input`).
 * @see Amplitude, "Interpret your stickiness analysis" (see {@link activeUsers}).
 * @category Event analytics
 */
export async function activeUsersAsync<Row = CohortEvent>(
  events: AsyncIterable<CohortStreamItem<Row>> | Iterable<CohortStreamItem<Row>>,
  options?: ActiveUsersOptions<Row>,
): Promise<ActiveUsersResult> {
  const fn = "activeUsersAsync";
  const o = optionsObject<ActiveUsersOptions<unknown>>(options, fn);
  const settings = activeUsersSettings(o, fn);
  const resolved = resolve(o, "day", fn);
  return activeUsersOf(await aggregateStream(events, resolved, fn), settings);
}
