/**
 * Option and input shapes shared by the event-log readers: accessor options and array-like
 * columns.
 */
import { fail } from "./assert.js";

/** A user's accessor: reads one field of a row. */
export type Accessor = (row: unknown, index: number) => unknown;

/** An accessor option: absent (null) or a function `(row, index) => value`. */
export function accessorOption(value: unknown, fn: string, field: string): Accessor | null {
  if (value === undefined) return null;
  if (typeof value !== "function") {
    fail(fn, field, "INVALID_OPTION", "must be a function (row, index) => value", value);
  }
  return value as Accessor;
}

/**
 * Whether `value` can be a column: an object with a numeric `length` (an array, a typed
 * array), not a `String` object, whose characters are no column.
 */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof String) &&
    typeof (value as { length?: unknown }).length === "number"
  );
}
