/**
 * Readers of the library results the charts draw: every field is checked, so a wrong object
 * gives a {@link MetricInputError} naming the chart function and the path of the field.
 */

import { format } from "d3-format";
import { fail, floatNumber } from "../../_lib/assert.js";

/** An array field (`EMPTY` when it must hold something). */
export function list(
  value: unknown,
  fn: string,
  field: string,
  nonEmpty = false,
): readonly unknown[] {
  if (!Array.isArray(value)) fail(fn, field, "NOT_A_NUMBER", "must be an array", value);
  if (nonEmpty && value.length === 0) fail(fn, field, "EMPTY", "must not be empty", value);
  return value;
}

/** An object field. */
export function object(
  value: unknown,
  fn: string,
  field: string,
  what: string,
): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    fail(fn, field, "NOT_A_NUMBER", `must be ${what}`, value);
  return value as Record<string, unknown>;
}

/** A finite number from a number, numeric string or Decimal. */
export function num(value: unknown, fn: string, field: string): number {
  return floatNumber(value, fn, field);
}

/** A finite number or `null`. */
export function nullableNum(value: unknown, fn: string, field: string): number | null {
  return value === null ? null : floatNumber(value, fn, field);
}

/** A string field. */
export function str(value: unknown, fn: string, field: string): string {
  if (typeof value !== "string") fail(fn, field, "NOT_A_NUMBER", "must be a string", value);
  return value;
}

/** The largest of the values (or `fallback` when there are none). */
export function maxOf(values: Iterable<number>, fallback: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > m) m = v;
  return m === Number.NEGATIVE_INFINITY ? fallback : m;
}

/** The smallest of the values (or `fallback` when there are none). */
export function minOf(values: Iterable<number>, fallback: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < m) m = v;
  return m === Number.POSITIVE_INFINITY ? fallback : m;
}

/** Percent with one decimal (`'42.5%'`). */
export const percent1 = format(".1%");
/** Percent, whole (`'42%'`). */
export const percent0 = format(".0%");
/** A count with thousands separators (`'12,345'`). */
export const countFormat = format(",.0f");
/** Up to three significant digits, SI-free (`'1.25'`, `'12,300'`). */
export const shortNumber = (value: number): string =>
  Math.abs(value) >= 1000 ? format(",.0f")(value) : format(",.3~g")(value);
/** A money amount with two decimals and an optional currency sign before it. */
export function moneyFormat(currency: string): (value: number) => string {
  const f = format(",.2f");
  return (value: number) => (value < 0 ? `−${currency}${f(-value)}` : `${currency}${f(value)}`);
}

/** Title-case a period name (`'month'` → `'Month'`). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
