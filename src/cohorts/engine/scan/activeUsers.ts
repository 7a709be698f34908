/**
 * The active-user scan of the general aggregate table over calendar days: distinct customers
 * active per day and in rolling windows of whole calendar days, and the distribution of days
 * active per week or month (stickiness).
 */
import type { Period } from "../../../types.js";
import { periodOfDay } from "../periods.js";
import { type ActiveSource, reportedPeriods, visitActive } from "./lifecycle.js";

export interface ActiveUserParts {
  /** First and last reported day (day numbers in the zone). */
  readonly first: number;
  readonly last: number;
  /** Per day: customers active that day. */
  readonly daily: Float64Array;
  /** Per window, per day: customers active on some day of the `w` days ending that day. */
  readonly windows: Float64Array[];
  /** First and last stickiness period. */
  readonly firstGroup: number;
  readonly lastGroup: number;
  /** Per stickiness period, `size` counts: customers active on exactly 1 … `size` days. */
  readonly histogram: Float64Array;
  readonly size: number;
}

/**
 * Scan a table of `period: 'day'` keys. `windows` are whole numbers of days (at least 1);
 * `group` is the stickiness period (`'week'` or `'month'`).
 */
export function scanActiveUsers(
  table: ActiveSource,
  windows: readonly number[],
  group: Period,
): ActiveUserParts | null {
  const range = reportedPeriods(table);
  if (range === null) return null;
  const { first, last } = range;
  const span = last - first + 1;
  const { weekStartsOn } = table.options;
  const daily = new Float64Array(span);
  // per window, +1 where a customer's covered stretch starts and -1 after it ends
  const steps = windows.map(() => new Float64Array(span + 1));
  const firstGroup = periodOfDay(first, group, weekStartsOn);
  const lastGroup = periodOfDay(last, group, weekStartsOn);
  const size = group === "week" ? 7 : 31;
  const histogram = new Float64Array((lastGroup - firstGroup + 1) * size);
  // each reported day's stickiness period, counted from firstGroup, so that the walk over a
  // customer's days does no calendar arithmetic
  const groupOf = new Int32Array(span);
  for (let d = 0; d < span; d++)
    groupOf[d] = periodOfDay(first + d, group, weekStartsOn) - firstGroup;
  const count = windows.length;
  visitActive(table, (days, n) => {
    for (let i = 0; i < n; i++) {
      const at = (days[i] as number) - first;
      daily[at] = (daily[at] as number) + 1;
    }
    for (let wi = 0; wi < count; wi++) {
      const w = windows[wi] as number;
      const step = steps[wi] as Float64Array;
      // the union of [d, d + w - 1] over the customer's active days d, clipped to the range
      let from = (days[0] as number) - first;
      let to = Math.min(from + w, span); // exclusive
      for (let i = 1; i < n; i++) {
        const at = (days[i] as number) - first;
        if (at <= to) to = Math.min(at + w, span);
        else {
          step[from] = (step[from] as number) + 1;
          step[to] = (step[to] as number) - 1;
          from = at;
          to = Math.min(at + w, span);
        }
      }
      step[from] = (step[from] as number) + 1;
      step[to] = (step[to] as number) - 1;
    }
    // days active per stickiness period: runs of equal periods in the ascending days
    let current = groupOf[(days[0] as number) - first] as number;
    let days1 = 0;
    for (let i = 0; i < n; i++) {
      const g = groupOf[(days[i] as number) - first] as number;
      if (g !== current) {
        const cell = current * size + days1 - 1;
        histogram[cell] = (histogram[cell] as number) + 1;
        current = g;
        days1 = 0;
      }
      days1++;
    }
    const cell = current * size + days1 - 1;
    histogram[cell] = (histogram[cell] as number) + 1;
  });
  const counts = steps.map((step) => {
    const out = new Float64Array(span);
    let running = 0;
    for (let d = 0; d < span; d++) {
      running += step[d] as number;
      out[d] = running;
    }
    return out;
  });
  return { first, last, daily, windows: counts, firstGroup, lastGroup, histogram, size };
}
