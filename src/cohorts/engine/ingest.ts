/**
 * Reading event fields without allocation in the common cases: customer-id hashing, ISO
 * instants, and revenue to integer minor units (exact Decimal only as a fallback).
 */
import { fail, intNumber, option, options as optionsObject } from "../../_lib/assert.js";
import { observationEnd, type RefundRule, refundsOption } from "../../_lib/eventRules.js";
import { parseInstant, timeZoneOption } from "../../_lib/time.js";
import type { Period, WeekStartsOn } from "../../types.js";
import { daysFromCivil } from "./periods.js";
import type { CohortActivity, CohortBoundaries, CohortOptions, CustomerId } from "./types.js";

/** Options after validation. */
export interface Resolved {
  readonly fn: string;
  readonly period: Period;
  readonly zone: string;
  readonly weekStartsOn: number;
  readonly boundaries: CohortBoundaries;
  /** Exclusive end of the data (epoch ms, see `observationEnd`); `Infinity` without `asOf`. */
  readonly asOf: number;
  readonly hasAsOf: boolean;
  /** What makes a customer active (and sets their cohort). */
  readonly active: CohortActivity;
  /** How refunds count in revenue. */
  readonly refunds: RefundRule;
  /** `minorUnits` as given, or `null` (amounts in currency units, kept in hundredths). */
  readonly minorUnits: number | null;
  /** Decimal places of the internal integer unit. */
  readonly scale: number;
  /** `10 ** scale`. */
  readonly pow: number;
  readonly getId: ((row: unknown, index: number) => unknown) | null;
  readonly getAt: ((row: unknown, index: number) => unknown) | null;
  readonly getRevenue: ((row: unknown, index: number) => unknown) | null;
  readonly getCohort: ((row: unknown, index: number) => unknown) | null;
}

const ACTIVITIES: readonly CohortActivity[] = ["events", "purchases", "rows"];
const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];
const DAYS: readonly WeekStartsOn[] = [0, 1, 2, 3, 4, 5, 6];

function accessor(value: unknown, fn: string, field: string) {
  if (value === undefined) return null;
  if (typeof value !== "function") {
    fail(fn, field, "INVALID_OPTION", "must be a function (row, index) => value", value);
  }
  return value as (row: unknown, index: number) => unknown;
}

/**
 * Validate the options shared by every entry point. `prefix` goes before the field names of
 * the options that shape the state (`'options.'` when they come from a serialised document).
 */
export function resolveOptions(raw: unknown, fn: string, prefix = ""): Resolved {
  const o = optionsObject<CohortOptions<unknown>>(raw, fn);
  const period = option(o.period, PERIODS, "month", fn, `${prefix}period`);
  const zone = timeZoneOption(o.timeZone, fn, `${prefix}timeZone`);
  const weekStartsOn = option(o.weekStartsOn, DAYS, 1, fn, `${prefix}weekStartsOn`);
  const boundaries = option(
    o.boundaries,
    ["calendar", "rolling"] as const,
    "calendar",
    fn,
    `${prefix}boundaries`,
  );
  if (boundaries === "rolling" && (period === "quarter" || period === "year")) {
    fail(
      fn,
      `${prefix}boundaries`,
      "INVALID_OPTION",
      "'rolling' is offered for day, week and month periods",
      boundaries,
    );
  }
  const hasAsOf = o.asOf !== undefined;
  const asOf = hasAsOf
    ? observationEnd(o.asOf, zone, fn, `${prefix}asOf`)
    : Number.POSITIVE_INFINITY;
  const active = option(o.active, ACTIVITIES, "events", fn, `${prefix}active`);
  const refunds = refundsOption(o.refunds, fn, `${prefix}refunds`);
  let minorUnits: number | null = null;
  if (o.minorUnits !== undefined) {
    minorUnits = intNumber(o.minorUnits, fn, `${prefix}minorUnits`);
    if (minorUnits > 15)
      fail(fn, `${prefix}minorUnits`, "OUT_OF_RANGE", "must be between 0 and 15", o.minorUnits);
  }
  const scale = minorUnits ?? 2;
  return {
    fn,
    period,
    zone,
    weekStartsOn,
    boundaries,
    asOf,
    hasAsOf,
    active,
    refunds,
    minorUnits,
    scale,
    pow: 10 ** scale,
    getId: accessor(o.customerId, fn, "customerId"),
    getAt: accessor(o.at, fn, "at"),
    getRevenue: accessor(o.revenue, fn, "revenue"),
    getCohort: accessor(o.cohortOf, fn, "cohortOf"),
  };
}

/** Murmur3 finaliser. */
function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * The packed form of the id last hashed by {@link hashId} / {@link idHash}: a string of at
 * most 11 code units below 256 is `[c0..c3, c4..c7, c8..c10 | length << 24]`, which compares
 * equal exactly when the strings do, without reading the strings again; an int32 number is
 * `[id, 0, -2]`; anything else has `packed[2] === -1` and is compared with `===`.
 */
export const packed = /* @__PURE__ */ new Int32Array(3);

/** FNV-1a over UTF-16 code units, finalised; also fills {@link packed}. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  const len = s.length;
  let ok = len <= 11;
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 255) ok = false;
    else if (i < 4) k0 |= c << (8 * i);
    else if (i < 8) k1 |= c << (8 * (i - 4));
    else k2 |= c << (8 * (i - 8));
  }
  packed[0] = k0;
  packed[1] = k1;
  packed[2] = ok ? k2 | (len << 24) : -1;
  return fmix(h);
}

function numberHash(id: number): number {
  if ((id | 0) === id) {
    packed[0] = id;
    packed[1] = 0;
    packed[2] = -2;
    return fmix(id ^ 0x5bd1e995);
  }
  packed[2] = -1;
  if (Number.isInteger(id)) {
    return fmix((id % 4294967296) ^ Math.imul(Math.floor(id / 4294967296), 0x27d4eb2d));
  }
  const h = hashString(String(id));
  packed[2] = -1;
  return h;
}

/**
 * A 32-bit hash of a valid customer id; throws for anything that is not a string or a finite
 * number. Only used to spread customers over partitions (ids are compared exactly in Maps).
 */
export function hashId(id: unknown, fn: string, index: number, prefix: string): number {
  if (typeof id === "string") return hashString(id);
  if (typeof id === "number" && Number.isFinite(id)) return numberHash(id);
  return fail(
    fn,
    `${prefix}[${index}].customerId`,
    "NOT_A_NUMBER",
    "must be a string or a finite number",
    id,
  );
}

/** The hash {@link hashId} gives a valid id (no validation). */
export function idHash(id: CustomerId): number {
  return typeof id === "string" ? hashString(id) : numberHash(id);
}

const MAX_MS = 8.64e15;
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`, or NaN when not exactly that form. */
function fastIso(s: string): number {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 90) return Number.NaN;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return Number.NaN;
  let bad = 0;
  const d = (i: number) => {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) bad = 1;
    return c;
  };
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = d(17) * 10 + d(18);
  let ms = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 46) return Number.NaN;
    ms = d(20) * 100 + d(21) * 10 + d(22);
  }
  if (bad || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month] as number))) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    ms
  );
}

/** Read an event time to epoch ms; errors name `prefix[index].field`. */
export function readInstant(
  value: unknown,
  zone: string,
  fn: string,
  index: number,
  prefix: string,
  field: string,
): number {
  if (typeof value === "number") {
    if (value <= MAX_MS && value >= -MAX_MS) return value === 0 ? 0 : value;
  } else if (typeof value === "string") {
    const t = fastIso(value);
    if (!Number.isNaN(t)) return t;
  }
  return parseInstant(value, zone, fn, `${prefix}[${index}].${field}`);
}

export { parseMinorString, RevenueReader } from "../../_lib/minor.js";
