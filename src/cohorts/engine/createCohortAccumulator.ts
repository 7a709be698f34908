import { CohortAccumulator } from "./CohortAccumulator.js";
import type { CohortEvent, CohortOptions } from "./types.js";

/**
 * Create an empty, mergeable cohort aggregation for events that arrive in batches or shards.
 *
 * @remarks
 * ```text
 * acc.add(batch1).add(batch2); acc.merge(otherShard); acc.result() = cohortAnalysis(all events)
 * ```
 * The accumulator keeps per-customer state (not events); {@link CohortAccumulator.toJSON}
 * and {@link CohortAccumulator.fromJSON} move it between processes or worker threads. The
 * event rules are those of {@link cohortAnalysis} (`active`, `refunds`, `asOf`): a refund
 * added before the customer's first active event is kept aside and left out of the table, as
 * in the one-pass table, whatever the order in which batches and shards arrive. Start and
 * return events and `breakdownBy` work as in {@link cohortAnalysis}: a start event added after
 * the events it precedes still sets the cohort.
 *
 * @example
 * ```ts
 * const a = createCohortAccumulator({ period: 'month' })
 * const b = createCohortAccumulator({ period: 'month' })
 * a.add([{ customerId: 'u1', at: '2024-01-05T10:00:00Z', revenue: '10.00' }])
 * b.add([{ customerId: 'u1', at: '2024-02-07T10:00:00Z', revenue: '5.50' }])
 * a.merge(b).result().cohorts[0].active //=> [1, 1]
 * ```
 * @param options - the options of {@link cohortAnalysis}
 * @returns a new {@link CohortAccumulator}
 * @throws {@link MetricInputError} `INVALID_OPTION` for unknown periods, zones, boundaries,
 *   `active` or `refunds` values, and for invalid `startEvent`, `returnEvent`,
 *   `returnInStartPeriod` or `breakdownBy` (see {@link cohortAnalysis}); `INVALID_DATE` for an
 *   unreadable `asOf`.
 * @see Fader, P. S. & Hardie, B. G. S. (2010), "Customer-Base Valuation in a Contractual Setting", Marketing Science 29(1) (cohort-by-period tables).
 * @category Cohorts
 */
export function createCohortAccumulator<Row = CohortEvent>(
  options?: CohortOptions<Row>,
): CohortAccumulator<Row> {
  return new CohortAccumulator<Row>(options);
}
