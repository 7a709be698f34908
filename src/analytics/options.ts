/**
 * Reading the events of an event-analytics function into the cohort engine's general
 * aggregate table, with the cohort engine's validated options.
 */
import { options as optionsObject } from "../_lib/assert.js";
import { CustomerPeriods } from "../cohorts/engine/aggregate/CustomerPeriods.js";
import { addEvents } from "../cohorts/engine/aggregate/feed.js";
import { resolveOptions } from "../cohorts/engine/read/options.js";
import type { EventAnalyticsOptions } from "./types.js";

/** The (customer, period) table of `events`, over calendar periods of length `period`. */
export function aggregate(
  events: unknown,
  o: EventAnalyticsOptions<unknown> & { weekStartsOn?: unknown },
  period: unknown,
  fn: string,
): CustomerPeriods {
  const resolved = resolveOptions(
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
  const table = new CustomerPeriods(resolved);
  addEvents(table, events, fn);
  return table;
}

export { optionsObject };
