import { fail, record } from "../_lib/assert.js";
import type { CohortStreamItem } from "../cohorts/engine/cohortAnalysisAsync.js";
import type { CohortEvent } from "../cohorts/engine/types.js";
import {
  accessorsWithColumns,
  hasAccessors,
  orderMetricsOf,
  orderPlan,
} from "./orderMetricsCore.js";
import type { OrderMetricsOptions, OrderMetricsResult } from "./orderMetricsTypes.js";

/**
 * {@link orderMetrics} of a stream: an async (or sync) iterable whose items are rows, arrays of
 * rows or chunks of columns (`{ customerId, at, revenue? }` of arrays), read in order.
 *
 * @remarks
 * The same definitions, options and result as {@link orderMetrics}. The stream is read to its
 * end before the report is made, and its events are held until then (memory grows with the
 * events, as for an array of them); the report is the same as for the concatenated log in any
 * batching. Accessors apply to rows; a column chunk with accessor options is refused.
 *
 * @example
 * ```ts
 * async function* batches() {
 *   yield [{ customerId: 'a', at: '2024-01-05T10:00:00Z', revenue: 40 }]
 *   yield { customerId: ['a', 'b'], at: ['2024-01-20T10:00:00Z', '2024-01-21T10:00:00Z'], revenue: [10, 30] }
 * }
 * const report = await orderMetricsAsync(batches(), { from: '2024-01-01', to: '2024-01-31' })
 * ;[report.total.orders, report.total.customers, String(report.total.averageOrderValue)]
 * //=> [3, 2, '26.66666666666666666666666666666666666667']
 * ```
 * @param orders - an async or sync iterable of rows, arrays of rows or column chunks
 * @param options - as {@link orderMetrics}
 * @returns a promise of the {@link OrderMetricsResult}
 * @throws {@link MetricInputError} (as a rejection) as {@link orderMetrics} does, with the
 *   event's index in the whole stream (`orders[70000].at`); `NOT_A_NUMBER` when `orders` is not
 *   iterable (field `input`) or a column chunk's columns are not arrays; `INVALID_OPTION`
 *   (field `options`) for a column chunk with accessor options.
 * @see docs/definitions-value-acquisition-conversion.md, "Order and customer value" (see
 *   {@link orderMetrics}).
 * @category Event analytics
 */
export async function orderMetricsAsync<Row = CohortEvent>(
  orders: AsyncIterable<CohortStreamItem<Row>> | Iterable<CohortStreamItem<Row>>,
  options: OrderMetricsOptions<Row>,
): Promise<OrderMetricsResult> {
  const fn = "orderMetricsAsync";
  const plan = orderPlan(options, fn);
  const input = record<object>(orders, fn);
  if (
    input instanceof String ||
    (!(Symbol.asyncIterator in input) && !(Symbol.iterator in input))
  ) {
    fail(fn, "input", "NOT_A_NUMBER", "must be an async or sync iterable of rows", orders);
  }
  const rows: unknown[] = [];
  for await (const item of input as AsyncIterable<unknown>) {
    if (Array.isArray(item)) {
      for (const row of item) rows.push(row);
    } else if (isColumnChunk(item)) {
      if (hasAccessors(plan.options)) accessorsWithColumns(fn);
      addColumns(rows, item as Record<string, unknown>, fn, rows.length);
    } else {
      rows.push(item);
    }
  }
  return orderMetricsOf(rows, plan);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof String) &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

/** Whether a stream item is a chunk of columns (an object whose `customerId` is an array). */
function isColumnChunk(item: unknown): boolean {
  return (
    item !== null &&
    typeof item === "object" &&
    !Array.isArray(item) &&
    isArrayLike((item as { customerId?: unknown }).customerId)
  );
}

/** Append the events of a column chunk as rows; `index` is its first event's in the stream. */
function addColumns(
  rows: unknown[],
  chunk: Record<string, unknown>,
  fn: string,
  index: number,
): void {
  const ids = chunk.customerId as ArrayLike<unknown>;
  const ats = chunk.at;
  const revenues = chunk.revenue;
  const n = ids.length;
  if (!isArrayLike(ats))
    fail(fn, `orders[${index}].at`, "NOT_A_NUMBER", "must be an array of dates", ats);
  if (revenues !== undefined && !isArrayLike(revenues)) {
    fail(fn, `orders[${index}].revenue`, "NOT_A_NUMBER", "must be an array of amounts", revenues);
  }
  const rev = revenues as ArrayLike<unknown> | undefined;
  for (const [field, column] of [
    ["at", ats],
    ["revenue", rev],
  ] as const) {
    if (column !== undefined && column.length !== n) {
      fail(
        fn,
        `orders[${index}].${field}`,
        "INCONSISTENT",
        `must have the same length as customerId (${n})`,
        column,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    rows.push({ customerId: ids[i], at: ats[i], revenue: rev === undefined ? undefined : rev[i] });
  }
}
