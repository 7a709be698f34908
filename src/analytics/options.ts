/**
 * Reading the events of an event-analytics function into the cohort engine's general
 * aggregate table, with the cohort engine's validated options: at once (rows or columns) or
 * from a stream of rows, arrays of rows and column chunks.
 */
import { options as optionsObject } from "../_lib/assert.js";
import { CustomerPeriods } from "../cohorts/engine/aggregate/CustomerPeriods.js";
import { addEvents } from "../cohorts/engine/aggregate/feed.js";
import { addStream } from "../cohorts/engine/aggregate/stream.js";
import { type Resolved, resolveOptions } from "../cohorts/engine/read/options.js";
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
  await addStream(table, events, fn);
  return table;
}
