/**
 * Calendar periods in an explicit time zone, by exact civil-calendar arithmetic.
 *
 * A period is identified by an integer index that does not depend on any reference date:
 * - `day`: days since 1970-01-01 (local calendar day in the zone),
 * - `week`: weeks counted so that week 0 contains 1970-01-01 (its first day is `weekStartsOn`),
 * - `month`: `year * 12 + (month - 1)`, `quarter`: `floor(month / 3)`, `year`: the year.
 *
 * The difference of two indices is the number of whole calendar periods between them, which
 * is what cohort period `k` is. Internal module: used by the cohort engine and helpers.
 */

import { daysFromCivil, MS_PER_DAY, offsetMs, wallClockToInstant } from "../../_lib/time.js";
import type { Period, WeekStartsOn } from "../../types.js";
import { MAX_CACHED_HOURS } from "./constants.js";

export { daysFromCivil };

const MS_PER_HOUR = 3_600_000;

/** Floor division for integers held in doubles. */
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Month index (`year * 12 + month - 1`) of a day number, after H. Hinnant's civil_from_days. */
export function monthOfDay(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  // mp counts months from March (0 = March … 11 = February).
  const year = yoe + era * 400 + (mp >= 10 ? 1 : 0);
  const month0 = mp < 10 ? mp + 2 : mp - 10;
  return year * 12 + month0;
}

/** Index of the period holding a local calendar day. */
export function periodOfDay(dayNumber: number, period: Period, weekStartsOn: number): number {
  switch (period) {
    case "day":
      return dayNumber;
    case "week":
      // 1970-01-01 was a Thursday (weekday 4).
      return floorDiv(dayNumber + 4 - weekStartsOn, 7);
    case "month":
      return monthOfDay(dayNumber);
    case "quarter":
      return floorDiv(monthOfDay(dayNumber), 3);
    default:
      return floorDiv(monthOfDay(dayNumber), 12);
  }
}

/** Day number of the first local day of a period. */
export function periodStartDay(index: number, period: Period, weekStartsOn: number): number {
  switch (period) {
    case "day":
      return index;
    case "week":
      return index * 7 - 4 + weekStartsOn;
    default: {
      const month = period === "month" ? index : period === "quarter" ? index * 3 : index * 12;
      const year = floorDiv(month, 12);
      return daysFromCivil(year, month - year * 12 + 1, 1);
    }
  }
}

const UNKNOWN = 0x7fffffff;
const TRANSITION = 0x7ffffffe;

/**
 * Wall-clock reading of instants in one zone, with the zone offset cached per UTC hour.
 *
 * An hour whose start and end have different offsets (a transition inside it) is marked and
 * its instants are converted exactly; every other hour reuses the cached offset. The cache
 * is a typed array over the hours seen (a Map beyond ~240 years of range).
 */
export class ZoneClock {
  readonly zone: string;
  readonly utc: boolean;
  private base = 0;
  private cache: Int32Array = new Int32Array(0);
  private far: Map<number, number> | null = null;

  constructor(zone: string) {
    this.zone = zone;
    this.utc = zone === "UTC";
  }

  /** The wall-clock time (fields as if UTC) of an instant, in milliseconds. */
  local(instant: number): number {
    if (this.utc) return instant;
    const hour = Math.floor(instant / MS_PER_HOUR);
    const i = hour - this.base;
    let o: number;
    if (i >= 0 && i < this.cache.length) {
      o = this.cache[i] as number;
      if (o === UNKNOWN) {
        o = this.hourOffset(hour);
        this.cache[i] = o;
      }
    } else {
      o = this.slow(hour);
    }
    if (o === TRANSITION) return instant + Math.round(offsetMs(this.zone, instant));
    return instant + o;
  }

  private hourOffset(hour: number): number {
    const a = Math.round(offsetMs(this.zone, hour * MS_PER_HOUR));
    const b = Math.round(offsetMs(this.zone, hour * MS_PER_HOUR + MS_PER_HOUR - 1));
    return a === b ? a : TRANSITION;
  }

  private slow(hour: number): number {
    const len = this.cache.length;
    const lo = len === 0 ? hour - 24 * 62 : Math.min(this.base, hour - 24 * 62);
    const hi = len === 0 ? hour + 24 * 400 : Math.max(this.base + len, hour + 24 * 400);
    if (hi - lo <= MAX_CACHED_HOURS) {
      const next = new Int32Array(hi - lo).fill(UNKNOWN);
      if (len > 0) next.set(this.cache, this.base - lo);
      this.cache = next;
      this.base = lo;
      const o = this.hourOffset(hour);
      next[hour - lo] = o;
      return o;
    }
    if (this.far === null) this.far = new Map();
    let o = this.far.get(hour);
    if (o === undefined) {
      o = this.hourOffset(hour);
      this.far.set(hour, o);
    }
    return o;
  }
}

/**
 * The index of the calendar period holding an instant, in a zone.
 *
 * @param instant - epoch milliseconds
 * @param period - the period length
 * @param zone - an IANA zone (validated), `'UTC'` for UTC
 * @param weekStartsOn - first day of the week (0 Sunday … 6 Saturday), for weeks
 */
export function periodIndex(
  instant: number,
  period: Period,
  zone: string,
  weekStartsOn: WeekStartsOn | number = 1,
): number {
  const local = zone === "UTC" ? instant : instant + Math.round(offsetMs(zone, instant));
  return periodOfDay(Math.floor(local / MS_PER_DAY), period, weekStartsOn);
}

/** The instant (epoch ms) at which a period starts in a zone: local midnight of its first day. */
export function periodStart(
  index: number,
  period: Period,
  zone: string,
  weekStartsOn: WeekStartsOn | number = 1,
): number {
  return wallClockToInstant(periodStartDay(index, period, weekStartsOn) * MS_PER_DAY, zone);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function yearLabel(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? "-" : "+") + pad(Math.abs(year), 6);
}

/** `YYYY-MM-DD` of a day number. */
export function dayKey(dayNumber: number): string {
  const m = monthOfDay(dayNumber);
  const year = floorDiv(m, 12);
  const month = m - year * 12 + 1;
  const day = dayNumber - daysFromCivil(year, month, 1) + 1;
  return `${yearLabel(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The label of a period: `'2024-01-15'` (day), `'2024-W03'` (ISO week, Monday start) or the
 * start date (other week starts), `'2024-01'` (month), `'2024-Q1'`, `'2024'`.
 */
export function periodKey(
  index: number,
  period: Period,
  weekStartsOn: WeekStartsOn | number = 1,
): string {
  switch (period) {
    case "day":
      return dayKey(index);
    case "week": {
      const start = periodStartDay(index, period, weekStartsOn);
      if (weekStartsOn !== 1) return dayKey(start);
      const thursday = start + 3;
      const isoYear = floorDiv(monthOfDay(thursday), 12);
      const week = floorDiv(thursday - daysFromCivil(isoYear, 1, 1), 7) + 1;
      return `${yearLabel(isoYear)}-W${pad(week, 2)}`;
    }
    case "month": {
      const year = floorDiv(index, 12);
      return `${yearLabel(year)}-${pad(index - year * 12 + 1, 2)}`;
    }
    case "quarter": {
      const year = floorDiv(index, 4);
      return `${yearLabel(year)}-Q${index - year * 4 + 1}`;
    }
    default:
      return yearLabel(index);
  }
}

const MAX_DAYS = 1_048_576; // 2^20

/**
 * Period index by local day number, from a lookup table over the days seen (computed once
 * per day, then one array read per event).
 */
export class DayPeriods {
  private base = 0;
  private table: Int32Array = new Int32Array(0);
  private readonly period: Period;
  private readonly weekStartsOn: number;

  constructor(period: Period, weekStartsOn: number) {
    this.period = period;
    this.weekStartsOn = weekStartsOn;
  }

  /** The period index of a local day number. */
  of(day: number): number {
    const i = day - this.base;
    if (i >= 0 && i < this.table.length) return this.table[i] as number;
    return this.miss(day);
  }

  private miss(day: number): number {
    const len = this.table.length;
    const lo = len === 0 ? day - 400 : Math.min(this.base, day - 400);
    const hi = len === 0 ? day + 800 : Math.max(this.base + len, day + 800);
    if (hi - lo > MAX_DAYS) return periodOfDay(day, this.period, this.weekStartsOn);
    const next = new Int32Array(hi - lo);
    for (let d = lo; d < hi; d++) next[d - lo] = periodOfDay(d, this.period, this.weekStartsOn);
    this.table = next;
    this.base = lo;
    return next[day - lo] as number;
  }
}

/** Length of a rolling window in ms: 24 h, 7 × 24 h or 30 × 24 h (rolling quarters and years are not offered). */
export function rollingWindowMs(period: Period): number {
  return period === "day" ? MS_PER_DAY : period === "week" ? 7 * MS_PER_DAY : 30 * MS_PER_DAY;
}
