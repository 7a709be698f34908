/**
 * Shared validators. Each takes the public function's name (`fn`) and the field name so
 * that every error message reads `"<fn>: <field> <requirement> (received <value>)"`.
 */
import { MetricInputError, type MetricInputErrorCode } from "../errors.js";
import { Decimal, MAX_FINITE, MIN_FINITE } from "./decimal.js";

/** Render a received value for an error message; never throws (a Proxy may). */
export function describe(value: unknown): string {
  try {
    if (value == null || typeof value === "symbol" || typeof value === "boolean")
      return String(value);
    if (typeof value === "string") return JSON.stringify(clip(value));
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
    if (isDecimalObject(value)) {
      const text = decimalText(value);
      return text === undefined
        ? "an object that is not a working Decimal"
        : `Decimal(${clip(text)})`;
    }
    if (Array.isArray(value)) return `an array of ${value.length}`;
    if (value instanceof Date)
      return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    return typeof value === "function" ? "a function" : "an object";
  } catch {
    return "an object";
  }
}

/** The first 40 characters of a long text, marked as cut. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
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

/**
 * Whether `value` claims to be a Decimal of some copy of decimal.js (`Decimal.isDecimal`, read
 * inside try/catch: a Proxy may throw). Whether it works as one is {@link decimalText}'s check.
 */
function isDecimalObject(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  try {
    return Decimal.isDecimal(value);
  } catch {
    return false;
  }
}

/**
 * Whether `value` is a finite Decimal of the library's own class (decimal.js gives each
 * instance its class as an own `constructor`; the prototype test keeps out plain objects that
 * copy the fields) inside float64's range (decimal exponent from -323 to 307, or zero), whose
 * digits are trusted as decimal.js made them. A fast path that needs no conversion: anything else, including Decimals of other decimal.js
 * copies or classes, goes through {@link toDecimal}.
 */
export function isPlainDecimal(value: unknown): value is Decimal {
  try {
    const { constructor: owner, d, e, s } = value as { constructor: unknown } & Decimal;
    return (
      value instanceof Decimal &&
      owner === Decimal &&
      Array.isArray(d) &&
      typeof e === "number" &&
      (d[0] === 0
        ? d.length === 1 && e === 0 && s === 1
        : e >= -323 && e <= 307 && (d[0] as number) > 0)
    );
  } catch {
    return false;
  }
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The text of a Decimal from any copy of decimal.js, read once; `undefined` when the object
 * only looks like a Decimal (its `toString` throws, or does not return a decimal number,
 * `NaN` or `±Infinity`).
 */
function decimalText(value: object): string | undefined {
  try {
    const text: unknown = (value as { toString(): unknown }).toString();
    if (typeof text !== "string") return undefined;
    return NUMERIC.test(text) || /^[+-]?(?:NaN|Infinity)$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read a numeric text already checked against {@link NUMERIC}. Exponents beyond the Decimal
 * clone's range are read as ±Infinity or as the smallest magnitude, never silently as 0, so
 * the range check of {@link toDecimal} sees them.
 */
function parseNumeric(text: string): Decimal {
  const result = new Decimal(text);
  // decimal.js turns an exponent below its minE into 0: keep the sign and report the underflow.
  if (result.isZero() && /[1-9]/.test(text.split(/e/i)[0] ?? "")) {
    return new Decimal(text.startsWith("-") ? "-1e-9000000000000000" : "1e-9000000000000000");
  }
  return result;
}

/**
 * The one conversion path from {@link Numeric} to the library's Decimal. Accepts numbers,
 * numeric strings (trimmed; `'1e3'`, `'+5'`), bigints and Decimals of any decimal.js copy.
 *
 * @remarks
 * The range is float64's: a magnitude above `Number.MAX_VALUE` (`'1e400'`, `10n ** 400n`) is
 * `NOT_FINITE`, as `Number('1e400')` is `Infinity`; a non-zero magnitude below
 * `Number.MIN_VALUE` (5e-324: `'1e-400'`, a Decimal `1e-9000000000000000`) is `OUT_OF_RANGE`,
 * as `Number('1e-400')` is 0. Within that range no sum, product or quotient of a few inputs
 * can leave the clone's exponent range (±9e15), so results are never `Infinity`.
 *
 * A Decimal is recognised with `Decimal.isDecimal` and then read once through its
 * `toString()`: an object that only looks like a Decimal (a `toStringTag` field, a broken
 * `toString`, corrupted `d`/`e`/`s` fields) is `NOT_A_NUMBER`.
 */
export function toDecimal(value: unknown, fn: string, field: string): Decimal {
  if (isPlainDecimal(value)) return value;
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
    result = parseNumeric(text);
  } else if (typeof value === "bigint") {
    result = new Decimal(value.toString());
  } else if (isDecimalObject(value)) {
    const text = decimalText(value);
    if (text === undefined) {
      return fail(
        fn,
        field,
        "NOT_A_NUMBER",
        "must be a Decimal whose toString() gives a number",
        value,
      );
    }
    if (text.endsWith("NaN")) fail(fn, field, "NOT_A_NUMBER", "must be a number", value);
    if (text.endsWith("Infinity")) fail(fn, field, "NOT_FINITE", "must be finite", value);
    result = parseNumeric(text);
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
  if (result.isZero()) return new Decimal(0);
  if (result.abs().lt(MIN_FINITE)) {
    fail(
      fn,
      field,
      "OUT_OF_RANGE",
      "must be 0 or at least 5e-324 in magnitude (below the float64 range)",
      value,
    );
  }
  return result;
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

/** A plain object that is not a Decimal; false when looking at it throws (a Proxy). */
function isPlainObject(value: object): boolean {
  try {
    return Object.prototype.toString.call(value) === "[object Object]" && !isDecimalObject(value);
  } catch {
    return false;
  }
}

/** Options object: `undefined` is `{}`; anything else must be an object. */
export function options<T extends object>(value: unknown, fn: string): Partial<T> {
  if (value === undefined) return {};
  // A plain object only: arrays, typed arrays, Maps, Dates and Decimals would lend their own
  // methods (`at`, `keys`, …) as option values.
  if (value === null || typeof value !== "object" || !isPlainObject(value)) {
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
