/**
 * Reading a transaction log (rows with optional accessors, or columns) for
 * summarizeTransactions.
 */
import { fail, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import { parseInstant } from "../../_lib/time.js";

/** One validated transaction. */
export interface ReadTransaction {
  id: string | number;
  at: number;
  /** `undefined` when the row has no revenue. */
  revenue: Decimal | undefined;
}

type Accessor = (row: unknown, index: number) => unknown;

function accessorOption(value: unknown, fn: string, field: string): Accessor | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") {
    fail(fn, field, "INVALID_OPTION", "must be a function (row, index) => value", value);
  }
  return value as Accessor;
}

function property(row: unknown, name: string): unknown {
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

/**
 * Call `visit` for every transaction, validated: `INVALID_DATE` (`transactions[3].at`),
 * `NOT_A_NUMBER` (`transactions[3].customerId`, `transactions[3].revenue`) and the like.
 */
export function forEachTransaction(
  transactions: unknown,
  accessors: Record<string, unknown>,
  timeZone: string,
  fn: string,
  visit: (t: ReadTransaction) => void,
): void {
  const getId = accessorOption(accessors.customerId, fn, "options.customerId");
  const getAt = accessorOption(accessors.at, fn, "options.at");
  const getRevenue = accessorOption(accessors.revenue, fn, "options.revenue");
  if (transactions === null || typeof transactions !== "object") {
    fail(
      fn,
      "transactions",
      "NOT_A_NUMBER",
      "must be an iterable of rows or an object of columns",
      transactions,
    );
  }
  const read = (rowId: unknown, rowAt: unknown, rowRevenue: unknown, index: number): void => {
    if (!(typeof rowId === "string" || (typeof rowId === "number" && Number.isFinite(rowId)))) {
      fail(
        fn,
        `transactions[${index}].customerId`,
        "NOT_A_NUMBER",
        "must be a string or a finite number",
        rowId,
      );
    }
    const at = parseInstant(rowAt, timeZone, fn, `transactions[${index}].at`);
    const revenue =
      rowRevenue === undefined || rowRevenue === null
        ? undefined
        : toDecimal(rowRevenue, fn, `transactions[${index}].revenue`);
    visit({ id: Object.is(rowId, -0) ? 0 : rowId, at, revenue });
  };
  if (typeof (transactions as Iterable<unknown>)[Symbol.iterator] === "function") {
    let index = 0;
    for (const row of transactions as Iterable<unknown>) {
      const i = index++;
      read(
        getId ? getId(row, i) : property(row, "customerId"),
        getAt ? getAt(row, i) : property(row, "at"),
        getRevenue ? getRevenue(row, i) : property(row, "revenue"),
        i,
      );
    }
    return;
  }
  const columns = transactions as Record<string, unknown>;
  const ids = columns.customerId;
  const ats = columns.at;
  const revenues = columns.revenue;
  if (!isArrayLike(ids)) {
    fail(fn, "transactions.customerId", "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  if (!isArrayLike(ats)) {
    fail(fn, "transactions.at", "NOT_A_NUMBER", "must be an array of dates", ats);
  }
  if (ats.length !== ids.length) {
    fail(
      fn,
      "transactions.at",
      "INCONSISTENT",
      `must have the same length as transactions.customerId (${ids.length})`,
      ats,
    );
  }
  if (revenues !== undefined) {
    if (!isArrayLike(revenues)) {
      fail(fn, "transactions.revenue", "NOT_A_NUMBER", "must be an array of amounts", revenues);
    }
    if (revenues.length !== ids.length) {
      fail(
        fn,
        "transactions.revenue",
        "INCONSISTENT",
        `must have the same length as transactions.customerId (${ids.length})`,
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

/** Customer ids in a fixed order: numbers ascending before strings, strings by code unit. */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
