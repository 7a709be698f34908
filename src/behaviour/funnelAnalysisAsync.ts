import { option, options as optionsObject } from "../_lib/assert.js";
import { readTypedEventsAsync } from "../cohorts/engine/group/readTypedEvents.js";
import { prepareFunnel, readFunnelSteps } from "./funnelCore.js";
import type {
  FunnelAnalysisOptions,
  FunnelResult,
  TypedEvent,
  TypedEventColumns,
} from "./types.js";

/**
 * {@link funnelAnalysis} of a stream: an async (or sync) iterable whose items are rows, arrays
 * of rows or chunks of columns.
 *
 * @remarks
 * The same definitions, options and result as {@link funnelAnalysis}. The options are checked
 * before the first item is read; each event is validated and, when it matches a step, kept as
 * a few numbers as it arrives (events matching no step are not kept), then the customers are
 * scanned once the stream ends. Predicates and `breakdownBy` see each row (for a chunk of
 * columns, a record of the row's values) with its index in the whole stream.
 *
 * @example
 * ```ts
 * async function* batches() {
 *   yield [{ customerId: 'a', at: '2024-03-01T10:00:00Z', event: 'page_view' }]
 *   yield { customerId: ['a', 'b'], at: ['2024-03-01T10:30:00Z', '2024-03-01T11:00:00Z'],
 *           event: ['purchase', 'page_view'] }
 * }
 * const result = await funnelAnalysisAsync(batches(), {
 *   steps: ['page_view', 'purchase'], window: { hours: 1 },
 * })
 * result.steps.map((s) => s.count) //=> [2, 1]
 * ```
 * @param events - an async or sync iterable of rows, arrays of rows or column chunks
 * @param options - as {@link funnelAnalysis}
 * @returns a promise of the {@link FunnelResult}
 * @throws {@link MetricInputError} (as a rejection) as {@link funnelAnalysis} does, with the
 *   event's index in the whole stream (`events[70000].at`); `NOT_A_NUMBER` when `events` is not
 *   iterable.
 * @see Amplitude, Mixpanel and PostHog funnels (see {@link funnelAnalysis}).
 * @category Behaviour
 */
export async function funnelAnalysisAsync<Row = TypedEvent>(
  events:
    | AsyncIterable<Row | readonly Row[] | TypedEventColumns>
    | Iterable<Row | readonly Row[] | TypedEventColumns>,
  options: FunnelAnalysisOptions<Row>,
): Promise<FunnelResult> {
  const fn = "funnelAnalysisAsync";
  const o = optionsObject<FunnelAnalysisOptions<unknown>>(options, fn) as Record<string, unknown>;
  const steps = readFunnelSteps(o.steps, fn);
  const order = option(o.order, ["strict", "any-order"] as const, "strict", fn, "order");
  const funnel = prepareFunnel(steps, o, order, fn);
  return funnel.finish(await readTypedEventsAsync(events, funnel.plan));
}
