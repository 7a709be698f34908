/**
 * The options shared by every entry point of the cohort engine, validated once.
 */
import { accessorOption } from "../../../_lib/accessors.js";
import { fail, flag, intNumber, option, options as optionsObject } from "../../../_lib/assert.js";
import { observationEnd, type RefundRule, refundsOption } from "../../../_lib/eventRules.js";
import { timeZoneOption } from "../../../_lib/time.js";
import type { Period, WeekStartsOn } from "../../../types.js";
import type { CohortActivity, CohortBoundaries, CohortOptions } from "../types.js";

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
  /** Start and return events and the breakdown, or null when none is given. */
  readonly roles: Roles | null;
}

/** A start or return selection: event names, or a predicate of the row (null: every row). */
export type EventMatch =
  | { readonly names: readonly string[]; readonly test: null }
  | { readonly names: null; readonly test: (row: unknown, index: number) => boolean }
  | null;

/** The options of start and return events and of the breakdown, validated. */
export interface Roles {
  readonly getEvent: ((row: unknown, index: number) => unknown) | null;
  readonly start: EventMatch;
  readonly returns: EventMatch;
  readonly returnInStartPeriod: boolean;
  /** The property or column named by `breakdownBy`, or null. */
  readonly breakdownName: string | null;
  /** The accessor given as `breakdownBy`, or null. */
  readonly breakdownAccessor: ((row: unknown, index: number) => unknown) | null;
}

function eventMatch(value: unknown, fn: string, field: string): EventMatch {
  if (value === undefined) return null;
  if (typeof value === "function") {
    return { names: null, test: value as (row: unknown, index: number) => boolean };
  }
  if (typeof value === "string") return { names: [value], test: null };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) {
    return { names: Object.freeze([...new Set(value as string[])].sort()), test: null };
  }
  return fail(
    fn,
    field,
    "INVALID_OPTION",
    "must be an event name, a non-empty array of event names or a predicate (row, index) => boolean",
    value,
  );
}

function resolveRoles(
  o: Partial<CohortOptions<unknown>>,
  fn: string,
  prefix: string,
  boundaries: CohortBoundaries,
): Roles | null {
  const getEvent = accessorOption(o.event, fn, "event");
  const start = eventMatch(o.startEvent, fn, `${prefix}startEvent`);
  const returns = eventMatch(o.returnEvent, fn, `${prefix}returnEvent`);
  const returnInStartPeriod = flag(
    o.returnInStartPeriod,
    false,
    fn,
    `${prefix}returnInStartPeriod`,
  );
  const by = o.breakdownBy;
  if (by !== undefined && typeof by !== "function" && (typeof by !== "string" || by.length === 0)) {
    fail(
      fn,
      `${prefix}breakdownBy`,
      "INVALID_OPTION",
      "must be a property or column name or an accessor (row, index) => value",
      by,
    );
  }
  if (start === null && returns === null && by === undefined) return null;
  if (boundaries === "rolling") {
    fail(
      fn,
      `${prefix}boundaries`,
      "INVALID_OPTION",
      "must be 'calendar' with startEvent, returnEvent or breakdownBy",
      boundaries,
    );
  }
  if (o.cohortOf !== undefined) {
    fail(
      fn,
      "cohortOf",
      "INVALID_OPTION",
      "must not be given with startEvent, returnEvent or breakdownBy (the start event sets the cohort)",
      o.cohortOf,
    );
  }
  return {
    getEvent,
    start,
    returns,
    returnInStartPeriod,
    breakdownName: typeof by === "string" ? by : null,
    breakdownAccessor:
      typeof by === "function" ? (by as (row: unknown, index: number) => unknown) : null,
  };
}

const ACTIVITIES: readonly CohortActivity[] = ["events", "purchases", "rows"];
const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];
const DAYS: readonly WeekStartsOn[] = [0, 1, 2, 3, 4, 5, 6];

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
    getId: accessorOption(o.customerId, fn, "customerId"),
    getAt: accessorOption(o.at, fn, "at"),
    getRevenue: accessorOption(o.revenue, fn, "revenue"),
    getCohort: accessorOption(o.cohortOf, fn, "cohortOf"),
    roles: resolveRoles(o, fn, prefix, boundaries),
  };
}
