/**
 * Shared validators. Each takes the public function's name (`fn`) and the field name so
 * that every error message reads `"<fn>: <field> <requirement> (received <value>)"`.
 */
import { MetricInputError, type MetricInputErrorCode } from "../errors.js";
import { Decimal, MAX_FINITE } from "./decimal.js";

/** Render a received value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (Decimal.isDecimal(value)) return `Decimal(${(value as Decimal).toString()})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  return typeof value === "object" ? "an object" : String(value);
}

/** Throw a {@link MetricInputError} with the library's message style. */
export function fail(
  fn: string,
  field: string,
  code: MetricInputErrorCode,
  requirement: string,
  value: unknown,
): never {
  throw new MetricInputError(
    code,
    `${fn}: ${field} ${requirement} (received ${describe(value)})`,
    field,
    value,
  );
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The one conversion path from {@link Numeric} to the library's Decimal. Accepts numbers,
 * numeric strings (trimmed; `'1e3'`, `'+5'`), bigints and Decimals of any decimal.js copy.
 */
export function toDecimal(value: unknown, fn: string, field: string): Decimal {
  let result: Decimal;
  if (typeof value === "number") {
    if (Number.isNaN(value)) fail(fn, field, "NOT_A_NUMBER", "must be a number", value);
    if (!Number.isFinite(value)) fail(fn, field, "NOT_FINITE", "must be finite", value);
    return new Decimal(value === 0 ? 0 : value);
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (!NUMERIC.test(text)) {
      if (/^[+-]?infinity$/i.test(text)) fail(fn, field, "NOT_FINITE", "must be finite", value);
      fail(fn, field, "NOT_A_NUMBER", "must be a decimal number", value);
    }
    result = new Decimal(text);
  } else if (typeof value === "bigint") {
    result = new Decimal(value.toString());
  } else if (value !== null && typeof value === "object" && Decimal.isDecimal(value)) {
    const other = value as Decimal;
    if (other.isNaN()) fail(fn, field, "NOT_A_NUMBER", "must be a number", value);
    if (!other.isFinite()) fail(fn, field, "NOT_FINITE", "must be finite", value);
    result = new Decimal(other.toString());
  } else if (value === undefined) {
    return fail(fn, field, "NOT_A_NUMBER", "is required", value);
  } else {
    return fail(
      fn,
      field,
      "NOT_A_NUMBER",
      "must be a number, numeric string, bigint or Decimal",
      value,
    );
  }
  if (!result.isFinite() || result.abs().gt(MAX_FINITE)) {
    fail(fn, field, "NOT_FINITE", "must be finite (beyond the float64 range)", value);
  }
  return result.isZero() ? new Decimal(0) : result;
}

/** A finite amount of any sign (money that may be negative, a difference). */
export function amount(value: unknown, fn: string, field: string): Decimal {
  return toDecimal(value, fn, field);
}

/** A finite amount that cannot be negative (spend, revenue, MRR). */
export function nonNegative(value: unknown, fn: string, field: string): Decimal {
  const d = toDecimal(value, fn, field);
  if (d.isNegative()) fail(fn, field, "NEGATIVE", "must not be negative", value);
  return d;
}

/** A finite amount that must be greater than zero (a price, a length). */
export function positive(value: unknown, fn: string, field: string): Decimal {
  const d = nonNegative(value, fn, field);
  if (d.isZero()) fail(fn, field, "OUT_OF_RANGE", "must be greater than 0", value);
  return d;
}

/** A non-negative integer count (number, bigint, integral string or Decimal). */
export function count(value: unknown, fn: string, field: string): Decimal {
  const d = toDecimal(value, fn, field);
  if (d.isNegative()) fail(fn, field, "NEGATIVE", "must not be negative", value);
  if (!d.isInteger()) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  return d;
}

/** A count used as a denominator: a non-negative integer that is not zero. */
export function denominatorCount(value: unknown, fn: string, field: string): Decimal {
  const d = count(value, fn, field);
  if (d.isZero()) fail(fn, field, "ZERO_DENOMINATOR", "must be greater than 0", value);
  return d;
}

/**
 * Throws `INCONSISTENT` when a part exceeds its whole ("field must not exceed wholeField
 * (whole)"); `value` is the part as given.
 */
export function notAbove(
  part: Decimal,
  whole: Decimal,
  fn: string,
  field: string,
  wholeField: string,
  value: unknown,
): void {
  if (part.gt(whole)) {
    fail(fn, field, "INCONSISTENT", `must not exceed ${wholeField} (${whole.toString()})`, value);
  }
}

/** A non-negative amount used as a denominator: zero is `ZERO_DENOMINATOR`. */
export function denominatorAmount(value: unknown, fn: string, field: string): Decimal {
  const d = nonNegative(value, fn, field);
  if (d.isZero()) fail(fn, field, "ZERO_DENOMINATOR", "must be greater than 0", value);
  return d;
}

/** A fraction in [0, 1] (a rate, a margin). */
export function fraction(value: unknown, fn: string, field: string): Decimal {
  const d = toDecimal(value, fn, field);
  if (d.isNegative() || d.gt(1)) fail(fn, field, "OUT_OF_RANGE", "must be between 0 and 1", value);
  return d;
}

/** A number in the closed interval [min, max]. */
export function inRange(
  value: unknown,
  min: number | string,
  max: number | string,
  fn: string,
  field: string,
): Decimal {
  const d = toDecimal(value, fn, field);
  if (d.lt(min) || d.gt(max)) {
    fail(fn, field, "OUT_OF_RANGE", `must be between ${String(min)} and ${String(max)}`, value);
  }
  return d;
}

/** A JS integer count as a plain number (for loop bounds, periods); rejects unsafe sizes. */
export function intNumber(value: unknown, fn: string, field: string, min = 0): number {
  const d = toDecimal(value, fn, field);
  if (!d.isInteger()) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  if (d.lt(min)) {
    fail(
      fn,
      field,
      min === 0 ? "NEGATIVE" : "OUT_OF_RANGE",
      min === 0 ? "must not be negative" : `must be at least ${min}`,
      value,
    );
  }
  if (d.gt(Number.MAX_SAFE_INTEGER))
    fail(fn, field, "OUT_OF_RANGE", "must be a safe integer", value);
  return d.toNumber();
}

/** An option value from a fixed set; `undefined` gives the default. */
export function option<T extends string | number | boolean>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  fn: string,
  field: string,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly unknown[]).includes(value)) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
      value,
    );
  }
  return value as T;
}

/** A boolean option; `undefined` gives the default. */
export function flag(value: unknown, fallback: boolean, fn: string, field: string): boolean {
  return option(value, [true, false], fallback, fn, field);
}

/** The input object itself: must be a non-null object. */
export function record<T extends object>(value: unknown, fn: string, field = "input"): T {
  if (value === null || typeof value !== "object") {
    fail(fn, field, "NOT_A_NUMBER", "must be an object", value);
  }
  return value as T;
}

/** Options object: `undefined` is `{}`; anything else must be an object. */
export function options<T extends object>(value: unknown, fn: string): Partial<T> {
  if (value === undefined) return {};
  // A plain object only: arrays, typed arrays, Maps, Dates and Decimals would lend their own
  // methods (`at`, `keys`, …) as option values.
  if (
    value === null ||
    typeof value !== "object" ||
    Object.prototype.toString.call(value) !== "[object Object]" ||
    Decimal.isDecimal(value)
  ) {
    fail(fn, "options", "INVALID_OPTION", "must be an object", value);
  }
  return value as Partial<T>;
}

/** A finite JS number (for float-based routines); same error rules as {@link toDecimal}. */
export function floatNumber(value: unknown, fn: string, field: string): number {
  if (typeof value === "number") {
    if (Number.isNaN(value)) fail(fn, field, "NOT_A_NUMBER", "must be a number", value);
    if (!Number.isFinite(value)) fail(fn, field, "NOT_FINITE", "must be finite", value);
    return value === 0 ? 0 : value;
  }
  return toDecimal(value, fn, field).toNumber();
}
