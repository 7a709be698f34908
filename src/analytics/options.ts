/**
 * Reading the events of an event-analytics function into the cohort engine's general
 * aggregate table, with the cohort engine's validated options: at once (rows or columns) or
 * from a stream of rows, arrays of rows and column chunks.
 */
import { fail, options as optionsObject, record } from "../_lib/assert.js";
import { CustomerPeriods } from "../cohorts/engine/aggregate/CustomerPeriods.js";
import { addColumns, addEvents, addRowChunk } from "../cohorts/engine/aggregate/feed.js";
import { ROW_CHUNK } from "../cohorts/engine/constants.js";
import { asColumns, isColumn } from "../cohorts/engine/read/input.js";
import { type Resolved, resolveOptions } from "../cohorts/engine/read/options.js";
import type { CohortColumns } from "../cohorts/engine/types.js";
import type { EventAnalyticsOptions } from "./types.js";

export { optionsObject };

/** The cohort engine's options for calendar periods of length `period` (validated there). */
export function resolve(
  o: EventAnalyticsOptions<unknown> & { weekStartsOn?: unknown },
  period: unknown,
  fn: string,
): Resolved {
  return resolveOptions(
    {
      period,
      timeZone: o.timeZone,
      weekStartsOn: o.weekStartsOn,
      asOf: o.asOf,
      active: o.active,
      refunds: o.refunds,
      minorUnits: o.minorUnits,
      customerId: o.customerId,
      at: o.at,
      revenue: o.revenue,
    },
    fn,
  );
}

/** The (customer, period) table of `events` (rows or columns). */
export function aggregate(events: unknown, resolved: Resolved, fn: string): CustomerPeriods {
  const table = new CustomerPeriods(resolved);
  addEvents(table, events, fn);
  return table;
}

/** Whether a stream item is a chunk of columns (an object whose `customerId` is an array). */
function isColumnChunk(item: unknown): boolean {
  return (
    item !== null &&
    typeof item === "object" &&
    !Array.isArray(item) &&
    isColumn((item as { customerId?: unknown }).customerId)
  );
}

/**
 * The (customer, period) table of a stream (async or sync iterable) whose items are rows,
 * arrays of rows or chunks of columns, read in chunks as `cohortAnalysisAsync` reads one;
 * errors name the event's index in the whole stream (`events[12].at`).
 */
export async function aggregateStream(
  events: unknown,
  resolved: Resolved,
  fn: string,
): Promise<CustomerPeriods> {
  const table = new CustomerPeriods(resolved);
  const input = record<object>(events, fn);
  if (
    input instanceof String ||
    (!(Symbol.asyncIterator in input) && !(Symbol.iterator in input))
  ) {
    fail(fn, "input", "NOT_A_NUMBER", "must be an async or sync iterable of rows", events);
  }
  let pending: unknown[] = [];
  let index = 0;
  const flush = () => {
    if (pending.length > 0) addRowChunk(table, pending, "events", index - pending.length);
    pending = [];
  };
  for await (const item of input as AsyncIterable<unknown>) {
    if (Array.isArray(item)) {
      flush();
      for (let start = 0; start < item.length; start += ROW_CHUNK)
        addRowChunk(table, item.slice(start, start + ROW_CHUNK), "events", index + start);
      index += item.length;
    } else if (isColumnChunk(item)) {
      flush();
      const columns = asColumns(resolved, item, fn) as CohortColumns;
      addColumns(table, columns, "events", null, index);
      index += columns.customerId.length;
    } else {
      pending.push(item);
      index++;
      if (pending.length === ROW_CHUNK) flush();
    }
  }
  flush();
  return table;
}
