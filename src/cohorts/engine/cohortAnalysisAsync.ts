import { fail, record } from "../../_lib/assert.js";
import { resolveOptions } from "./ingest.js";
import { addRowChunk, State } from "./state.js";
import { buildTable } from "./table.js";
import type { CohortEvent, CohortOptions, CohortTable } from "./types.js";

const CHUNK = 65_536;

/**
 * {@link cohortAnalysis} over an async iterable of rows (a stream too big to hold).
 *
 * @remarks
 * ```text
 * same table as cohortAnalysis(all rows, options)
 * ```
 * Rows are read in chunks of 65,536 and folded into per-customer state, so memory grows
 * with the number of customers, not events. Sync iterables are accepted too.
 *
 * @example
 * ```ts
 * async function* rows() {
 *   yield { customerId: 'a', at: '2024-01-03T09:00:00Z', revenue: '20.00' }
 *   yield { customerId: 'a', at: '2024-02-11T09:00:00Z', revenue: '4.00' }
 * }
 * const table = await cohortAnalysisAsync(rows(), { period: 'month' })
 * table.cohorts[0].active //=> [1, 1]
 * ```
 * @param events - an async (or sync) iterable of rows
 * @param options - as {@link cohortAnalysis}
 * @returns a Promise of the {@link CohortTable}
 * @throws {@link MetricInputError} (as a rejected Promise, naming `cohortAnalysisAsync`) for
 *   the inputs {@link cohortAnalysis} rejects, including `OUT_OF_RANGE` for a table beyond
 *   5,000,000 cells; `NOT_A_NUMBER` when `events` is not an iterable.
 * @see Amplitude, "How the Retention Analysis chart calculates retention" (pooled average).
 * @category Cohorts
 */
export async function cohortAnalysisAsync<Row = CohortEvent>(
  events: AsyncIterable<Row> | Iterable<Row>,
  options?: CohortOptions<Row>,
): Promise<CohortTable> {
  const fn = "cohortAnalysisAsync";
  const s = new State(resolveOptions(options, fn));
  const input = record<object>(events, fn);
  if (
    input instanceof String ||
    (!(Symbol.asyncIterator in input) && !(Symbol.iterator in input))
  ) {
    fail(fn, "input", "NOT_A_NUMBER", "must be an async or sync iterable of rows", events);
  }
  let buf: unknown[] = [];
  let index = 0;
  for await (const row of input as AsyncIterable<Row>) {
    buf.push(row);
    index++;
    if (buf.length === CHUNK) {
      addRowChunk(s, buf, "events", index - buf.length);
      buf = [];
    }
  }
  if (buf.length > 0) addRowChunk(s, buf, "events", index - buf.length);
  return buildTable(s, true);
}
