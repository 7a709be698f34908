import { fail, options as optionsObject, record } from "../_lib/assert.js";
import { readStep, runFunnel } from "./funnelCore.js";
import type {
  FunnelResult,
  LifecycleStageFunnelOptions,
  TypedEvent,
  TypedEventColumns,
} from "./types.js";

const STAGES = ["awareness", "engagement", "purchase", "retention", "advocacy"] as const;

/**
 * The lifecycle-stage funnel (awareness → engagement → purchase → retention → advocacy): a
 * preset of {@link funnelAnalysis} whose five steps are the stage events you name.
 *
 * @remarks
 * ```text
 * steps = [stages.awareness, stages.engagement, stages.purchase, stages.retention, stages.advocacy]
 * funnelAnalysis(events, { ...options, steps, order: 'strict' })
 * ```
 * A convention of marketing writing (the customer lifecycle or "flywheel" of retention
 * articles), not a standard: there is no agreed event for any stage, so every stage is an
 * option (an event name or a predicate) and nothing has a default. A strict funnel reads the
 * same name twice as a repeat: `purchase: 'purchase', retention: 'purchase'` makes retention a
 * second purchase, strictly after the first. The result's steps are named after the stages.
 * The window runs from the awareness event to the last stage reached (end included).
 *
 * @example
 * ```ts
 * const result = lifecycleStageFunnel([
 *   { customerId: 'a', at: '2024-03-01T10:00:00Z', event: 'page_view' },
 *   { customerId: 'a', at: '2024-03-01T10:05:00Z', event: 'add_to_cart' },
 *   { customerId: 'a', at: '2024-03-01T10:10:00Z', event: 'purchase', revenue: '20.00' },
 *   { customerId: 'a', at: '2024-03-15T10:00:00Z', event: 'purchase', revenue: '25.00' },
 *   { customerId: 'a', at: '2024-03-20T10:00:00Z', event: 'referral' },
 *   { customerId: 'b', at: '2024-03-02T10:00:00Z', event: 'page_view' },
 * ], {
 *   stages: { awareness: 'page_view', engagement: 'add_to_cart', purchase: 'purchase',
 *             retention: 'purchase', advocacy: 'referral' },
 *   window: { days: 90 },
 * })
 * result.steps.map((s) => [s.name, s.count])
 * //=> [['awareness', 2], ['engagement', 1], ['purchase', 1], ['retention', 1], ['advocacy', 1]]
 * ```
 * @param events - as {@link funnelAnalysis} reads them
 * @param options - stages, window, entry, asOf, breakdownBy, confidence, timeZone, accessors
 * @returns a {@link FunnelResult} with the steps `awareness` … `advocacy`
 * @throws {@link MetricInputError} `INVALID_OPTION` when `stages` is missing or not an object,
 *   or a stage is neither an event name nor a predicate; otherwise as {@link funnelAnalysis}.
 * @see Lewis's AIDA model (attention, interest, desire, action; E. St. Elmo Lewis, 1898) is
 *   the origin of the purchase funnel; the retention and advocacy stages extend it after the
 *   purchase. No standard fixes the stages or their events.
 * @category Behaviour
 */
export function lifecycleStageFunnel<Row = TypedEvent>(
  events: Iterable<Row> | TypedEventColumns,
  options: LifecycleStageFunnelOptions<Row>,
): FunnelResult {
  const fn = "lifecycleStageFunnel";
  const o = optionsObject<LifecycleStageFunnelOptions<unknown>>(options, fn) as Record<
    string,
    unknown
  >;
  if (o.stages === undefined || o.stages === null || typeof o.stages !== "object") {
    fail(
      fn,
      "stages",
      "INVALID_OPTION",
      "must be an object naming the five stage events",
      o.stages,
    );
  }
  const stages = record<Record<string, unknown>>(o.stages, fn, "stages");
  const steps = STAGES.map((name) => {
    const s = readStep(stages[name], `stages.${name}`, fn, name);
    return { ...s, label: name };
  });
  return runFunnel(events, steps, o, "strict", fn);
}
