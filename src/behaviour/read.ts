/** Option pieces shared by the behaviour functions. */
import { accessorOption } from "../_lib/accessors.js";
import { describe } from "../_lib/assert.js";
import type { RowAccessor } from "../cohorts/engine/group/typedEvents.js";
import { MetricInputError } from "../errors.js";

/** An accessor option: absent (null) or a function `(row, index) => value`. */
export function accessor(value: unknown, fn: string, field: string): RowAccessor | null {
  return accessorOption(value, fn, field) as RowAccessor | null;
}

/**
 * The error for a user function (a step predicate, a breakdown accessor) that threw on row
 * `index`: `INVALID_OPTION` naming the option, the row and the thrown message, with the thrown
 * value as `cause`.
 */
export function predicateError(
  fn: string,
  field: string,
  index: number,
  value: unknown,
  thrown: unknown,
): never {
  const message =
    thrown instanceof Error
      ? thrown.message
      : typeof thrown === "string"
        ? thrown
        : describe(thrown);
  const error = new MetricInputError(
    "INVALID_OPTION",
    `${fn}: ${field} must not throw (it threw on events[${index}]: ${message}) (received ${describe(value)})`,
    field,
    value,
  );
  Object.defineProperty(error, "cause", { value: thrown, configurable: true, writable: true });
  throw error;
}
