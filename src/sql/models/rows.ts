/**
 * Reading the rows a model query returns, as the Node clients give them: integers as numbers,
 * bigints or decimal strings; exact sums as decimal strings (or numbers, bigints, Decimals);
 * customer ids as strings, numbers or bigints.
 */
import { fail, toDecimal } from "../../_lib/assert.js";
import { type Decimal, ZERO } from "../../_lib/decimal.js";
import type { CustomerId } from "../../cohorts/engine/types.js";

/** The rows as an array; NOT_A_NUMBER for anything that is not an iterable of objects. */
export function rowList(rows: unknown, fn: string): readonly Record<string, unknown>[] {
  let list: unknown[];
  if (Array.isArray(rows)) list = rows;
  else if (
    rows !== null &&
    typeof rows === "object" &&
    typeof (rows as Iterable<unknown>)[Symbol.iterator] === "function" &&
    typeof rows !== "string"
  ) {
    list = Array.from(rows as Iterable<unknown>);
  } else {
    return fail(fn, "rows", "NOT_A_NUMBER", "must be an array of result rows", rows);
  }
  list.forEach((row, i) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      fail(fn, `rows[${i}]`, "NOT_A_NUMBER", "must be a result row (an object)", row);
    }
  });
  return list as Record<string, unknown>[];
}

/** A whole number ≥ `min` (a count, a day difference) from a number, bigint or numeric string. */
export function intField(
  row: Record<string, unknown>,
  key: string,
  i: number,
  fn: string,
  min = 0,
): number {
  const field = `rows[${i}].${key}`;
  const value = row[key];
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) n = Number(value);
  else if (value === undefined || value === null) {
    return fail(fn, field, "NOT_A_NUMBER", "is required (a whole number)", value);
  } else return fail(fn, field, "NOT_A_NUMBER", "must be a whole number", value);
  if (!Number.isFinite(n)) fail(fn, field, "NOT_FINITE", "must be finite", value);
  if (!Number.isInteger(n)) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  if (!Number.isSafeInteger(n)) fail(fn, field, "OUT_OF_RANGE", "must be a safe integer", value);
  if (n < min) {
    fail(
      fn,
      field,
      min === 0 ? "NEGATIVE" : "OUT_OF_RANGE",
      min === 0 ? "must not be negative" : `must be at least ${min}`,
      value,
    );
  }
  return n === 0 ? 0 : n;
}

/** An exact sum (NULL, as SQL sums nothing, is 0), as the library's Decimal. */
export function moneyField(
  row: Record<string, unknown>,
  key: string,
  i: number,
  fn: string,
): Decimal {
  const value = row[key];
  if (value === null) return ZERO;
  return toDecimal(value, fn, `rows[${i}].${key}`);
}

/** A customer id: a string, or a finite number (a bigint within the safe range is a number). */
export function idField(row: Record<string, unknown>, i: number, fn: string): CustomerId {
  const value = row.customer_id;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  if (typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    if (value >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  }
  return fail(
    fn,
    `rows[${i}].customer_id`,
    "NOT_A_NUMBER",
    "must be a string or a finite number (a customer id)",
    value,
  );
}

/**
 * The library's order of customer ids: numbers ascending, then strings by UTF-16 code units.
 */
export function compareIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Refuse a second row of the same customer (the rows of another query, or joined twice). */
export function uniqueIds(ids: readonly CustomerId[], fn: string): void {
  for (let i = 1; i < ids.length; i++) {
    if (compareIds(ids[i - 1] as CustomerId, ids[i] as CustomerId) === 0) {
      fail(fn, "rows", "INCONSISTENT", "must hold one row per customer", ids[i]);
    }
  }
}
