import { fail, record } from "../_lib/assert.js";
import type { CohortStreamItem } from "../cohorts/engine/cohortAnalysisAsync.js";
import type { CohortEvent } from "../cohorts/engine/types.js";
import { orderPlan } from "./orderMetricsCore.js";
import { isColumnChunk, OrderStream } from "./orderMetricsStream.js";
import type { OrderMetricsOptions, OrderMetricsResult } from "./orderMetricsTypes.js";

/**
 * {@link orderMetrics} of a stream: an async (or sync) iterable whose items are rows, arrays of
 * rows or chunks of columns (`{ customerId, at, revenue? }` of arrays), read in order.
 *
 * @remarks
 * The same definitions, options and result as {@link orderMetrics}. The stream is read to its
 * end before the report is made. Each event is validated as it arrives (rows read through the
 * accessors once) and, when the report can use it (a purchase, or a refund under
 * `refunds: 'net'`, in the report), kept as three numbers (a customer code, the time, the
 * amount); of a customer's purchases before `from`, only one time is kept (all that new versus
 * returning needs): about 20 bytes per kept event and 50 to 100 per customer, no row object
 * or id per event. Errors are raised as the bad event arrives, with the rest of the stream
 * unread. The report is the same as for the concatenated log in any batching. Accessors
 * apply to rows; a column chunk with accessor options is refused.
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
  const stream = new OrderStream(plan);
  for await (const item of input as AsyncIterable<unknown>) {
    if (Array.isArray(item)) stream.addRows(item);
    else if (isColumnChunk(item)) stream.addColumns(item as Record<string, unknown>);
    else stream.addRows([item]);
  }
  return stream.finish();
}
