/**
 * The one pass over a one-shot input that both aggregate tables need: every event's instant
 * validated and its calendar period computed. Its extent (first and last period) decides which
 * table takes the input (see `periodMasksFit`).
 */
import { MAX_MS, MS_PER_DAY } from "../constants.js";
import { DayPeriods, ZoneClock } from "../periods.js";
import { readInstant } from "./instants.js";
import type { Resolved } from "./options.js";

/** The period key of an event at or after `asOf` (left out). */
export const DROPPED = -2147483648;

/** The extent of the keys: first and last period, Infinity / -Infinity when every event is dropped. */
export interface KeyExtent {
  readonly first: number;
  readonly last: number;
}

/**
 * Write every event's period to `keys` (DROPPED at or after asOf) and, when `instants` is
 * given, its instant; throws `INVALID_DATE` naming `prefix[i].at` for an unreadable time.
 */
export function periodKeys(
  options: Resolved,
  at: ArrayLike<unknown>,
  n: number,
  prefix: string,
  keys: Int32Array,
  instants: Float64Array | null,
): KeyExtent {
  const { fn, zone, asOf } = options;
  const clock = new ZoneClock(zone);
  const days = new DayPeriods(options.period, options.weekStartsOn);
  const utc = clock.utc;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let t = at[i];
    if (typeof t !== "number" || !(t <= MAX_MS && t >= -MAX_MS))
      t = readInstant(t, zone, fn, i, prefix, "at");
    const ms = t as number;
    if (instants !== null) instants[i] = ms;
    if (!(ms < asOf)) {
      keys[i] = DROPPED;
      continue;
    }
    const k = days.of(Math.floor((utc ? ms : clock.local(ms)) / MS_PER_DAY));
    keys[i] = k;
    if (k < first) first = k;
    if (k > last) last = k;
  }
  return { first, last };
}
