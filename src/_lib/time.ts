/**
 * Instants and wall-clock time, independent of the host's time zone.
 *
 * An instant is a number: epoch milliseconds. Every calendar computation names its IANA time
 * zone explicitly; `'UTC'` is the default everywhere and takes a fast path.
 */
import { tzOffset } from "@date-fns/tz/tzOffset";
import { fail } from "./assert.js";

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
/** The range of a JS Date: ±8.64e15 ms. */
const MAX_MS = 8.64e15;

const validZones = new Map<string, string>();

/** Validate an IANA time-zone name (or `'UTC'`); `undefined` gives `'UTC'`. */
export function timeZoneOption(value: unknown, fn: string, field = "timeZone"): string {
  if (value === undefined) return "UTC";
  if (typeof value !== "string" || value.trim() === "") {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      "must be an IANA time-zone name such as 'Europe/Berlin'",
      value,
    );
  }
  const known = validZones.get(value);
  if (known !== undefined) return known;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return fail(
      fn,
      field,
      "INVALID_OPTION",
      "must be an IANA time-zone name such as 'Europe/Berlin'",
      value,
    );
  }
  const zone = ["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu"].includes(resolved)
    ? "UTC"
    : value;
  validZones.set(value, zone);
  return zone;
}

/**
 * The zone's offset from UTC at an instant, in milliseconds (UTC+5:45 → 20 700 000).
 *
 * Beyond the range of a JS Date (±8.64e15 ms, where calendar arithmetic still reaches for the
 * ends of a period) the offset at the nearest edge of the range is used: the time-zone data
 * has no rules that far out, and `Intl` would give no offset at all.
 */
export function offsetMs(timeZone: string, instant: number): number {
  if (timeZone === "UTC") return 0;
  const t = instant > MAX_MS ? MAX_MS : instant < -MAX_MS ? -MAX_MS : instant;
  return tzOffset(timeZone, new Date(t)) * MS_PER_MINUTE;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields (the fields are
 * given as if in UTC: `wallMs = daysFromCivil(y, m, d) * MS_PER_DAY + time of day`).
 *
 * In a daylight-saving gap (a wall time that does not exist) the time is read with the
 * offset before the change, so it lands after the gap (02:30 on a spring-forward night is
 * 03:30 new time); in an overlap (a wall time that occurs twice) the earlier instant is taken.
 * These are the rules of RFC 5545 and of Temporal's `'compatible'` disambiguation.
 */
export function wallClockToInstant(wallMs: number, timeZone: string): number {
  if (timeZone === "UTC") return wallMs;
  const before = offsetMs(timeZone, wallMs - MS_PER_DAY);
  const after = offsetMs(timeZone, wallMs + MS_PER_DAY);
  const t1 = wallMs - before;
  const t2 = wallMs - after;
  const ok1 = offsetMs(timeZone, t1) === before;
  const ok2 = offsetMs(timeZone, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  // In a gap: neither reading exists; take the offset before the change.
  return t1;
}

/** Wall-clock fields of an instant in a zone, as a UTC-based millisecond count. */
export function instantToWallClock(instant: number, timeZone: string): number {
  return instant + offsetMs(timeZone, instant);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1–12), after H. Hinnant's
 * days_from_civil. Plain arithmetic: every year is read as given (`Date.UTC` would read the
 * years 0–99 as 1900–1999).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** `YYYY` for years 0–9999, else the ISO-8601 expanded form `±YYYYYY`. */
function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, "0");
  return (year < 0 ? "-" : "+") + String(Math.abs(year)).padStart(6, "0");
}

/** Year, month (1–12) and day of a day number, after H. Hinnant's civil_from_days. */
function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * ISO-8601 UTC text of an instant, `'2024-03-05T10:00:00.000Z'`, like `Date#toISOString` but
 * also for instants just outside the Date range (the start of the period holding the earliest
 * Date, `'-271822-01-01T00:00:00.000Z'` for a year).
 */
export function isoInstant(instant: number): string {
  if (instant <= MAX_MS && instant >= -MAX_MS) return new Date(instant).toISOString();
  const day = Math.floor(instant / MS_PER_DAY);
  const [y, m, d] = civilFromDays(day);
  const time = new Date(instant - day * MS_PER_DAY).toISOString().slice(10);
  return `${isoYear(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}${time}`;
}

/**
 * Read a point in time: a Date, epoch milliseconds, or an ISO-8601 string.
 *
 * - A string with `Z` or an offset (`2024-03-05T10:00:00+01:00`) is that instant.
 * - A date-only string (`2024-03-05`) is the start of that calendar day in `timeZone`.
 * - A date-time without offset (`2024-03-05T10:00`) is wall-clock time in `timeZone`.
 *
 * Anything else throws `INVALID_DATE` naming `field`.
 */
export function parseInstant(value: unknown, timeZone: string, fn: string, field: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_MS) {
      fail(fn, field, "INVALID_DATE", "must be a valid date (epoch milliseconds)", value);
    }
    return value === 0 ? 0 : value;
  }
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) fail(fn, field, "INVALID_DATE", "must be a valid date", value);
    return t;
  }
  if (typeof value === "string") {
    const m = ISO.exec(value.trim());
    if (m !== null) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = Number(m[3]);
      const hour = m[4] === undefined ? 0 : Number(m[4]);
      const minute = m[5] === undefined ? 0 : Number(m[5]);
      const second = m[6] === undefined ? 0 : Number(m[6]);
      const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9);
      if (
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= daysInMonth(year, month) &&
        hour <= 23 &&
        minute <= 59 &&
        second <= 59
      ) {
        const wall =
          daysFromCivil(year, month, day) * MS_PER_DAY +
          ((hour * 60 + minute) * 60 + second) * 1000 +
          ms;
        const zone = m[8];
        let t = Number.NaN;
        if (zone === undefined) t = wallClockToInstant(wall, timeZone);
        else if (zone === "Z" || zone === "z") t = wall;
        else {
          const sign = zone[0] === "-" ? -1 : 1;
          const digits = zone.slice(1).replace(":", "");
          const offH = Number(digits.slice(0, 2));
          const offM = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
          if (offH <= 23 && offM <= 59) t = wall - sign * (offH * 60 + offM) * MS_PER_MINUTE;
        }
        // A string beyond the range of a Date (±8.64e15 ms: 20 April 271821 BC to
        // 13 September 275760 AD) cannot be an instant; four-digit years never are, but
        // the zone's offset can push 0000-01-01 or 9999-12-31 no further than a day.
        if (t <= MAX_MS && t >= -MAX_MS) return t === 0 ? 0 : t;
      }
    }
    return fail(fn, field, "INVALID_DATE", "must be an ISO-8601 date or date-time", value);
  }
  return fail(
    fn,
    field,
    "INVALID_DATE",
    "must be a Date, an ISO-8601 string or epoch milliseconds",
    value,
  );
}

/** Calendar day number (days since 1970-01-01) of an instant in a zone. */
export function dayNumber(instant: number, timeZone: string): number {
  return Math.floor(instantToWallClock(instant, timeZone) / MS_PER_DAY);
}

/** ISO `YYYY-MM-DD` label of a day number (`±YYYYYY-MM-DD` outside the years 0–9999). */
export function dayLabel(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${isoYear(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
