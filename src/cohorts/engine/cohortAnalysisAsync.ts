import { CustomerPeriods } from "./aggregate/CustomerPeriods.js";
import { COMPACT } from "./aggregate/compactForm.js";
import { addStream, addStreamTo } from "./aggregate/stream.js";
import { EventRoles } from "./events/EventRoles.js";
import { resolveOptions } from "./read/options.js";
import { assembleRoles, assembleTable } from "./scan/Table.js";
import type {
  CohortColumns,
  CohortColumnsWithProperties,
  CohortEvent,
  CohortOptions,
  CohortTable,
} from "./types.js";

/**
 * One item of the stream {@link cohortAnalysisAsync} reads: a row, an array of rows (a batch),
 * or a chunk of columns.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export type CohortStreamItem<Row = CohortEvent> =
  | Row
  | readonly Row[]
  | CohortColumns
  | CohortColumnsWithProperties;

/**
 * {@link cohortAnalysis} over an async iterable (a stream too big to hold): of rows, of
 * batches of rows, or of column chunks.
 *
 * @remarks
 * ```text
 * same table as cohortAnalysis(all events, options)
 * ```
 * Each item the stream yields is read by its shape:
 * - an array is a batch of rows (a page of a database cursor, a block of a CSV reader);
 * - an object whose `customerId` is an array (or typed array) is a chunk of columns
 *   `{ customerId, at, revenue?, cohortOf? }` of one length, as {@link cohortAnalysis} takes
 *   them (accessor options apply to rows only);
 * - anything else is one row. Rows that are themselves arrays (tuples read by accessors) are
 *   yielded inside a batch: `yield [row]`.
 *
 * Batches and column chunks cost one `await` each, so a stream of 65,536-row batches or
 * column chunks runs at nearly the speed of the same events held in memory; single rows are
 * gathered into chunks of 65,536. Events are folded into per-customer state, so memory grows
 * with the number of customers and their active periods, not with the events. Errors name an
 * event by its index in the whole stream (`events[70000].at` is the 70,001st event, whatever
 * batch it came in). The event rules (`active`, `refunds`) and `asOf` are those of
 * {@link cohortAnalysis}, and so are start and return events and `breakdownBy`: a column
 * chunk then carries its `event` column and the breakdown column. Sync iterables are
 * accepted too.
 *
 * @example
 * ```ts
 * async function* pages() {
 *   yield [
 *     { customerId: 'a', at: '2024-01-03T09:00:00Z', revenue: '20.00' },
 *     { customerId: 'b', at: '2024-01-05T09:00:00Z', revenue: '12.00' },
 *   ]
 *   yield { customerId: ['a'], at: [Date.UTC(2024, 1, 11)], revenue: ['4.00'] }
 * }
 * const table = await cohortAnalysisAsync(pages(), { period: 'month' })
 * table.cohorts[0].active //=> [2, 1]
 * ```
 * @param events - an async (or sync) iterable of rows, arrays of rows, or column chunks
 * @param options - as {@link cohortAnalysis}
 * @returns a Promise of the {@link CohortTable}
 * @throws {@link MetricInputError} (as a rejected Promise, naming `cohortAnalysisAsync`) for
 *   the inputs {@link cohortAnalysis} rejects, including `OUT_OF_RANGE` for a table beyond
 *   5,000,000 cells and `INVALID_OPTION` for accessor options with a column chunk;
 *   `NOT_A_NUMBER` when `events` is not an iterable.
 * @see Amplitude, "How the Retention Analysis chart calculates retention" (pooled average).
 * @category Cohorts
 */
export async function cohortAnalysisAsync<Row = CohortEvent>(
  events: AsyncIterable<CohortStreamItem<Row>> | Iterable<CohortStreamItem<Row>>,
  options?: CohortOptions<Row>,
): Promise<CohortTable> {
  const fn = "cohortAnalysisAsync";
  const resolved = resolveOptions(options, fn);
  if (resolved.roles !== null) {
    const roles = new EventRoles(resolved);
    await addStreamTo(
      {
        options: resolved,
        rows: (batch, prefix, offset) => roles.addRows(batch, prefix, offset),
        columns: (cols, prefix, offset) => roles.addColumns(cols, prefix, offset),
      },
      events,
      fn,
    );
    const { total, groups } = roles.scan();
    return assembleRoles(resolved, total, groups);
  }
  const table = new CustomerPeriods(resolved, COMPACT);
  await addStream(table, events, fn);
  return assembleTable(resolved, table.scan(true));
}
