/**
 * The public results of the event-analytics functions, from the scans of a filled
 * (customer, period) table.
 */
import { fail, intNumber, option } from "../_lib/assert.js";
import { Decimal } from "../_lib/decimal.js";
import { isoInstant } from "../_lib/time.js";
import { periodKey, periodStart } from "../cohorts/engine/periods.js";
import { scanActiveUsers } from "../cohorts/engine/scan/activeUsers.js";
import type { ActiveSource } from "../cohorts/engine/scan/lifecycle.js";
import { scanLifecycle } from "../cohorts/engine/scan/lifecycle.js";
import type {
  ActiveUsersDay,
  ActiveUsersOptions,
  ActiveUsersResult,
  LifecyclePeriod,
  LifecycleResult,
  StickinessPeriod,
} from "./types.js";

export function lifecycleOf(table: ActiveSource): LifecycleResult {
  const { period, zone, weekStartsOn, asOf } = table.options;
  const parts = scanLifecycle(table);
  const periods: LifecyclePeriod[] = [];
  if (parts !== null) {
    const { first, fresh, returning, resurrecting, dormant } = parts;
    for (let i = 0; i < fresh.length; i++) {
      const index = first + i;
      const n = fresh[i] as number;
      const r = returning[i] as number;
      const s = resurrecting[i] as number;
      const d = dormant[i] as number;
      periods.push(
        Object.freeze({
          key: periodKey(index, period, weekStartsOn),
          start: isoInstant(periodStart(index, period, zone, weekStartsOn)),
          new: n,
          returning: r,
          resurrecting: s,
          dormant: d === 0 ? 0 : -d,
          active: n + r + s,
          complete: periodStart(index + 1, period, zone, weekStartsOn) <= asOf,
        }),
      );
    }
  }
  return Object.freeze({ period, periods: Object.freeze(periods) });
}

const DEFAULT_WINDOWS: readonly number[] = [1, 7, 30];

/** The options of activeUsers that the cohort engine does not validate. */
export interface ActiveUsersSettings {
  readonly windows: readonly number[];
  readonly group: "week" | "month";
}

/** Validate `period` (`'day'` only), `windows` (distinct whole days ≥ 1) and `stickiness`. */
export function activeUsersSettings(
  o: Partial<ActiveUsersOptions<unknown>>,
  fn: string,
): ActiveUsersSettings {
  option(o.period, ["day"] as const, "day", fn, "period");
  let windows = DEFAULT_WINDOWS;
  const raw: unknown = o.windows;
  if (raw !== undefined) {
    if (!Array.isArray(raw) || raw.length === 0)
      fail(fn, "windows", "INVALID_OPTION", "must be a non-empty array of whole days", raw);
    const list = raw.map((w, i) => intNumber(w, fn, `windows[${i}]`, 1));
    const seen = new Set<number>();
    for (const [i, w] of list.entries()) {
      if (seen.has(w))
        fail(fn, `windows[${i}]`, "INVALID_OPTION", "must not repeat an earlier window", raw[i]);
      seen.add(w);
    }
    windows = Object.freeze(list);
  }
  const group = option(o.stickiness, ["week", "month"] as const, "week", fn, "stickiness");
  return { windows, group };
}

export function activeUsersOf(
  table: ActiveSource,
  { windows, group }: ActiveUsersSettings,
): ActiveUsersResult {
  const { zone, weekStartsOn, asOf } = table.options;
  const parts = scanActiveUsers(table, windows, group);
  const days: ActiveUsersDay[] = [];
  const sticky: StickinessPeriod[] = [];
  if (parts !== null) {
    // the index of the largest window (a loop: a spread of a long option array overflows the stack)
    let largest = 0;
    for (let w = 1; w < windows.length; w++) {
      if ((windows[w] as number) > (windows[largest] as number)) largest = w;
    }
    for (let i = 0; i < parts.daily.length; i++) {
      const day = parts.first + i;
      const active = parts.daily[i] as number;
      const counts = Object.freeze(parts.windows.map((w) => w[i] as number));
      const divisor = counts[largest] as number;
      days.push(
        Object.freeze({
          key: periodKey(day, "day"),
          start: isoInstant(periodStart(day, "day", zone)),
          active,
          windows: counts,
          ratio: divisor === 0 ? null : new Decimal(active).div(divisor),
          complete: periodStart(day + 1, "day", zone) <= asOf,
        }),
      );
    }
    const { size, histogram, firstGroup } = parts;
    for (let g = firstGroup; g <= parts.lastGroup; g++) {
      const at = (g - firstGroup) * size;
      const row = Array.from(histogram.subarray(at, at + size));
      sticky.push(
        Object.freeze({
          key: periodKey(g, group, weekStartsOn),
          start: isoInstant(periodStart(g, group, zone, weekStartsOn)),
          customers: row.reduce((a, b) => a + b, 0),
          days: Object.freeze(row),
          complete: periodStart(g + 1, group, zone, weekStartsOn) <= asOf,
        }),
      );
    }
  }
  return Object.freeze({
    windows,
    days: Object.freeze(days),
    stickinessPeriod: group,
    stickiness: Object.freeze(sticky),
  });
}
