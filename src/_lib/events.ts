/**
 * Reading an event log given as rows (with optional accessors) or as columns, for the
 * functions that need one validated event at a time (repeatPurchaseRetention, rfmSegments,
 * summarizeTransactions). Internal: not re-exported.
 */
import { fail, toDecimal } from "./assert.js";
import type { Decimal } from "./decimal.js";
import { isNoRevenue, RevenueReader } from "./minor.js";
import { parseInstant } from "./time.js";

/** One validated event. */
export interface ReadEvent {
  id: string | number;
  at: number;
  /**
   * `undefined` when the row has no revenue (`undefined` or `null`, see `isNoRevenue`); with
   * `revenueUnits`, only the exact amount of a value that `units` cannot hold.
   */
  revenue: Decimal | undefined;
  /** With `revenueUnits`: the revenue in hundredths (0 without revenue), or NaN (see `revenue`). */
  units: number;
  index: number;
}

function accessorOption(
  value: unknown,
  fn: string,
  field: string,
): ((row: unknown, index: number) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") {
    fail(fn, field, "INVALID_OPTION", "must be a function (row, index) => value", value);
  }
  return value as (row: unknown, index: number) => unknown;
}

function field(row: unknown, name: string): unknown {
  return row !== null && typeof row === "object"
    ? (row as Record<string, unknown>)[name]
    : undefined;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

/** How {@link forEachEvent} names fields in its errors. */
export interface EventNaming {
  /** The parameter holding the log: `'events'` (default) or `'transactions'`. */
  root?: string;
  /** Prefix of accessor option fields: `''` (default, `'at'`) or `'options.'` (`'options.at'`). */
  optionPrefix?: string;
  /** With false, revenue is neither parsed nor validated (it is `undefined`). Default true. */
  readRevenue?: boolean;
  /**
   * With true, revenue is read into integer hundredths (`units`) without allocating, and a
   * Decimal only for amounts that do not fit. Default false.
   */
  revenueUnits?: boolean;
}

/**
 * Call `visit` for every event, validated. Throws `INVALID_DATE` (`events[3].at`),
 * `NOT_A_NUMBER` (`events[3].customerId`, `events[3].revenue`) and the like.
 */
export function forEachEvent(
  events: unknown,
  accessors: Record<string, unknown>,
  timeZone: string,
  fn: string,
  visit: (event: ReadEvent) => void,
  naming: EventNaming = {},
): void {
  const root = naming.root ?? "events";
  const prefix = naming.optionPrefix ?? "";
  const readRevenue = naming.readRevenue ?? true;
  const reader = naming.revenueUnits
    ? new RevenueReader({ fn, minorUnits: null, scale: 2, pow: 100 })
    : null;
  const getId = accessorOption(accessors.customerId, fn, `${prefix}customerId`);
  const getAt = accessorOption(accessors.at, fn, `${prefix}at`);
  const getRevenue = accessorOption(accessors.revenue, fn, `${prefix}revenue`);
  if (events === null || typeof events !== "object") {
    fail(fn, root, "NOT_A_NUMBER", "must be an iterable of rows or an object of columns", events);
  }
  const read = (rowId: unknown, rowAt: unknown, rowRevenue: unknown, index: number): void => {
    if (!(typeof rowId === "string" || (typeof rowId === "number" && Number.isFinite(rowId)))) {
      fail(
        fn,
        `${root}[${index}].customerId`,
        "NOT_A_NUMBER",
        "must be a string or a finite number",
        rowId,
      );
    }
    const at = parseInstant(rowAt, timeZone, fn, `${root}[${index}].at`);
    let revenue: Decimal | undefined;
    let units = 0;
    if (readRevenue && !isNoRevenue(rowRevenue)) {
      if (reader === null) revenue = toDecimal(rowRevenue, fn, `${root}[${index}].revenue`);
      else {
        units = reader.read(rowRevenue, index, root);
        if (Number.isNaN(units)) revenue = reader.extra as Decimal;
      }
    }
    visit({ id: Object.is(rowId, -0) ? 0 : rowId, at, revenue, units, index });
  };
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    let index = 0;
    const fieldsRead = getId !== undefined && getAt !== undefined;
    for (const row of events as Iterable<unknown>) {
      const i = index++;
      // A row the default field names are read from must be an object (as in cohortAnalysis).
      if (!fieldsRead && (row === null || typeof row !== "object")) {
        fail(fn, `${root}[${i}]`, "NOT_A_NUMBER", "must be an object", row);
      }
      read(
        getId ? getId(row, i) : field(row, "customerId"),
        getAt ? getAt(row, i) : field(row, "at"),
        getRevenue ? getRevenue(row, i) : field(row, "revenue"),
        i,
      );
    }
    return;
  }
  const columns = events as Record<string, unknown>;
  const ids = columns.customerId;
  const ats = columns.at;
  const revenues = columns.revenue;
  if (!isArrayLike(ids)) {
    fail(fn, `${root}.customerId`, "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  if (!isArrayLike(ats)) fail(fn, `${root}.at`, "NOT_A_NUMBER", "must be an array of dates", ats);
  if (ats.length !== ids.length) {
    fail(
      fn,
      `${root}.at`,
      "INCONSISTENT",
      `must have the same length as ${root}.customerId (${ids.length})`,
      ats,
    );
  }
  if (revenues !== undefined) {
    if (!isArrayLike(revenues)) {
      fail(fn, `${root}.revenue`, "NOT_A_NUMBER", "must be an array of amounts", revenues);
    }
    if (revenues.length !== ids.length) {
      fail(
        fn,
        `${root}.revenue`,
        "INCONSISTENT",
        `must have the same length as ${root}.customerId (${ids.length})`,
        revenues,
      );
    }
  }
  for (let i = 0; i < ids.length; i++) {
    read(
      ids[i],
      ats[i],
      revenues === undefined ? undefined : (revenues as ArrayLike<unknown>)[i],
      i,
    );
  }
}

/**
 * Order customer ids deterministically: numbers ascending before strings, strings by UTF-16
 * code units.
 */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a === "number") {
    return typeof b === "number" ? a - b : -1;
  }
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
