/**
 * The lifecycle scan of the general aggregate table: per period, the customers who are new,
 * returning, resurrecting or dormant there, from each customer's active periods in order.
 */
import { isoInstant } from "../../../_lib/time.js";
import { CustomerPeriods } from "../aggregate/CustomerPeriods.js";
import type { PeriodMasks } from "../aggregate/PeriodMasks.js";
import { periodIndex } from "../periods.js";
import { activeExtent, visitActiveKeys } from "./activeKeys.js";
import { maskExtent, visitMaskKeys } from "./activeMasks.js";
import { ActiveRuns, visitRunKeys } from "./activeRuns.js";
import { checkCells } from "./cells.js";

/**
 * What the event-analytics scans read: the general table, the period masks or the active runs
 * of columns.
 */
export type ActiveSource = CustomerPeriods | PeriodMasks | ActiveRuns;

/** Calls `visit(keys, n)` once per active customer with its active periods, ascending. */
export function visitActive(
  source: ActiveSource,
  visit: (keys: Float64Array, n: number) => void,
): void {
  if (source instanceof CustomerPeriods) visitActiveKeys(source, visit);
  else if (source instanceof ActiveRuns) visitRunKeys(source, visit);
  else visitMaskKeys(source, visit);
}

/** Counts per period `first + i` (dormant as a positive count: the caller negates it). */
export interface LifecycleParts {
  readonly first: number;
  readonly last: number;
  readonly fresh: Float64Array;
  readonly returning: Float64Array;
  readonly resurrecting: Float64Array;
  readonly dormant: Float64Array;
}

/**
 * The periods run from the first active one to the one holding the end of the data (`asOf`)
 * or, without `asOf`, to the last active one; at most MAX_TABLE_CELLS of them.
 */
export function reportedPeriods(source: ActiveSource): { first: number; last: number } | null {
  const extent =
    source instanceof CustomerPeriods
      ? activeExtent(source)
      : source instanceof ActiveRuns
        ? source.first <= source.last
          ? { first: source.first, last: source.last }
          : null
        : maskExtent(source);
  if (extent === null) return null;
  const { options } = source;
  const { period, zone, weekStartsOn } = options;
  const last = !options.hasAsOf
    ? extent.last
    : source instanceof CustomerPeriods
      ? source.periodOf(options.asOf - 1)
      : periodIndex(options.asOf - 1, period, zone, weekStartsOn);
  if (options.hasAsOf) {
    const value = isoInstant(options.asOf);
    checkCells(options, last - extent.first + 1, extent.first, last, "asOf", value);
  } else if (source instanceof CustomerPeriods) {
    const value = isoInstant(source.last.at);
    checkCells(options, last - extent.first + 1, extent.first, last, source.last.field, value);
  }
  // (masks without asOf span at most MASK_SPAN periods, far below MAX_TABLE_CELLS; active runs
  // without asOf are only made within MAX_TABLE_CELLS periods)
  return { first: extent.first, last };
}

export function scanLifecycle(table: ActiveSource): LifecycleParts | null {
  const range = reportedPeriods(table);
  if (range === null) return null;
  const { first, last } = range;
  const span = last - first + 1;
  const fresh = new Float64Array(span);
  const returning = new Float64Array(span);
  const resurrecting = new Float64Array(span);
  const dormant = new Float64Array(span);
  visitActive(table, (keys, n) => {
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      const at = k - first;
      if (i === 0) fresh[at] = (fresh[at] as number) + 1;
      else if (keys[i - 1] === k - 1) returning[at] = (returning[at] as number) + 1;
      else resurrecting[at] = (resurrecting[at] as number) + 1;
      // not active in the next period: dormant there, when it is reported
      const next = i + 1 < n ? (keys[i + 1] as number) : Infinity;
      if (next !== k + 1 && k + 1 <= last) dormant[at + 1] = (dormant[at + 1] as number) + 1;
    }
  });
  return { first, last, fresh, returning, resurrecting, dormant };
}
