/**
 * Feeding a stream to the general aggregate table: an async (or sync) iterable whose items are
 * rows, arrays of rows (batches) or chunks of columns, read in chunks of ROW_CHUNK rows, with
 * one `await` per item. Errors name an event by its index in the whole stream.
 */
import { fail, record } from "../../../_lib/assert.js";
import { ROW_CHUNK } from "../constants.js";
import { asColumns, isColumn } from "../read/input.js";
import type { Resolved } from "../read/options.js";
import type { CohortColumns } from "../types.js";
import type { CustomerPeriods } from "./CustomerPeriods.js";
import { addColumns, addRowChunk } from "./feed.js";

/** Whether a stream item is a chunk of columns (an object whose `customerId` is an array). */
function isColumnChunk(item: unknown): boolean {
  return (
    item !== null &&
    typeof item === "object" &&
    !Array.isArray(item) &&
    isColumn((item as { customerId?: unknown }).customerId)
  );
}

/** Where a stream's events go: rows and column chunks, with the index of their first event. */
export interface StreamSink {
  readonly options: Resolved;
  rows(batch: readonly unknown[], prefix: string, offset: number): void;
  columns(cols: CohortColumns, prefix: string, offset: number): void;
}

/** Add every event of the stream `events` to `table`; `fn` names the public function. */
export function addStream(table: CustomerPeriods, events: unknown, fn: string): Promise<void> {
  return addStreamTo(
    {
      get options() {
        return table.options;
      },
      rows: (batch, prefix, offset) => addRowChunk(table, batch, prefix, offset),
      columns: (cols, prefix, offset) => addColumns(table, cols, prefix, null, offset),
    },
    events,
    fn,
  );
}

/** Add every event of the stream `events` to `sink`; `fn` names the public function. */
export async function addStreamTo(sink: StreamSink, events: unknown, fn: string): Promise<void> {
  const input = record<object>(events, fn);
  if (
    input instanceof String ||
    (!(Symbol.asyncIterator in input) && !(Symbol.iterator in input))
  ) {
    fail(fn, "input", "NOT_A_NUMBER", "must be an async or sync iterable of rows", events);
  }
  /** Single rows waiting to be added as one chunk. */
  let pending: unknown[] = [];
  /** Index in the whole stream of the next event. */
  let index = 0;
  const flush = () => {
    if (pending.length > 0) sink.rows(pending, "events", index - pending.length);
    pending = [];
  };
  for await (const item of input as AsyncIterable<unknown>) {
    if (Array.isArray(item)) {
      flush();
      for (let start = 0; start < item.length; start += ROW_CHUNK) {
        const end = Math.min(item.length, start + ROW_CHUNK);
        const batch = start === 0 && end === item.length ? item : item.slice(start, end);
        sink.rows(batch, "events", index + start);
      }
      index += item.length;
    } else if (isColumnChunk(item)) {
      flush();
      const columns = asColumns(sink.options, item, fn) as CohortColumns;
      sink.columns(columns, "events", index);
      index += columns.customerId.length;
    } else {
      pending.push(item);
      index++;
      if (pending.length === ROW_CHUNK) flush();
    }
  }
  flush();
}
