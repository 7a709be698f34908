/** Reading the values SQL clients return: integers as numbers, bigints or strings; decimals. */
import { fail, toDecimal } from "../_lib/assert.js";
import type { Decimal } from "../_lib/decimal.js";

const INTEGER = /^-?\d{1,16}$/;

/** A safe integer from a number, a bigint or a decimal string (`'42'`), at least `min`. */
export function rowInteger(value: unknown, fn: string, field: string, min: number): number {
  let n = Number.NaN;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER))
      n = Number(value);
    else fail(fn, field, "OUT_OF_RANGE", "must be a safe integer", value);
  } else if (typeof value === "string" && INTEGER.test(value.trim())) n = Number(value.trim());
  else if (typeof value !== "string" || value.trim() === "" || Number.isNaN(Number(value)))
    fail(
      fn,
      field,
      "NOT_A_NUMBER",
      "must be an integer (a number, a bigint or a string of digits)",
      value,
    );
  else n = Number(value);
  if (!Number.isFinite(n)) fail(fn, field, "NOT_FINITE", "must be a finite integer", value);
  if (!Number.isInteger(n)) fail(fn, field, "NOT_INTEGER", "must be an integer", value);
  if (!Number.isSafeInteger(n)) fail(fn, field, "OUT_OF_RANGE", "must be a safe integer", value);
  if (n < min) {
    fail(fn, field, min === 0 ? "NEGATIVE" : "OUT_OF_RANGE", `must be at least ${min}`, value);
  }
  return n;
}

/** An exact decimal from a decimal string, a number, a bigint or a Decimal. */
export function rowDecimal(value: unknown, fn: string, field: string): Decimal {
  return toDecimal(value, fn, field);
}
