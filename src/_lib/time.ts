/**
 * Instants and wall-clock time, independent of the host's time zone.
 *
 * An instant is a number: epoch milliseconds. Every calendar computation names its IANA time
 * zone explicitly; `'UTC'` is the default everywhere and takes a fast path.
 */
import { tzOffset } from "@date-fns/tz";
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

/** The zone's offset from UTC at an instant, in milliseconds (UTC+5:45 → 20 700 000). */
export function offsetMs(timeZone: string, instant: number): number {
  if (timeZone === "UTC") return 0;
  return tzOffset(timeZone, new Date(instant)) * MS_PER_MINUTE;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields (the fields are
 * given as if in UTC: `wallMs = Date.UTC(y, m, d, h, mi, s, ms)`).
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

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
        const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
        const zone = m[8];
        if (zone === undefined) return wallClockToInstant(wall, timeZone);
        if (zone === "Z" || zone === "z") return wall;
        const sign = zone[0] === "-" ? -1 : 1;
        const digits = zone.slice(1).replace(":", "");
        const offH = Number(digits.slice(0, 2));
        const offM = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
        if (offH <= 23 && offM <= 59) return wall - sign * (offH * 60 + offM) * MS_PER_MINUTE;
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

/** ISO `YYYY-MM-DD` label of a day number. */
export function dayLabel(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
