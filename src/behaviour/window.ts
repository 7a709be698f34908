/**
 * The conversion window of the behaviour functions: a duration naming its unit,
 * `{ seconds | minutes | hours | days | weeks: n }`, in fixed lengths (a day is 24 hours, a
 * week 7 days: a window is elapsed time, not calendar days, so no time zone changes it).
 */
import { fail, toDecimal } from "../_lib/assert.js";
import type { Decimal } from "../_lib/decimal.js";
import type { WindowUnit } from "./types.js";

/** Milliseconds per unit. */
export const MS_PER_UNIT: Readonly<Record<WindowUnit, number>> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** The units, in the order of {@link MS_PER_UNIT} (a literal, so that bundlers drop it where unused). */
const UNITS: readonly WindowUnit[] = ["seconds", "minutes", "hours", "days", "weeks"];

/** A read window: its length in ms, its unit and the amount as given. */
export interface ReadWindow {
  readonly ms: number;
  readonly unit: WindowUnit;
  readonly amount: Decimal;
}

/**
 * Read a window option. A bare number is `INVALID_OPTION` (its unit would be a guess); an
 * object must have exactly one of the unit keys; the amount must be greater than 0
 * (`OUT_OF_RANGE`) and at most 10,000 weeks (about 190 years; `OUT_OF_RANGE`) and a whole
 * number of milliseconds in total (`NOT_INTEGER`).
 */
export function readWindow(value: unknown, fn: string, field: string): ReadWindow {
  if (
    typeof value === "number" ||
    typeof value === "string" ||
    typeof value === "bigint" ||
    value === null ||
    typeof value !== "object" ||
    Array.isArray(value)
  ) {
    const example = typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 7;
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must name its unit, e.g. { days: ${example} } (one of ${UNITS.join(", ")})`,
      value,
    );
  }
  const keys = Object.keys(value);
  const unit = keys[0] as WindowUnit;
  if (keys.length !== 1 || !UNITS.includes(unit)) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must have exactly one of the keys ${UNITS.join(", ")}, e.g. { days: 7 }`,
      value,
    );
  }
  const raw = (value as Record<string, unknown>)[unit];
  const amount = toDecimal(raw, fn, `${field}.${unit}`);
  if (amount.lte(0)) fail(fn, `${field}.${unit}`, "OUT_OF_RANGE", "must be greater than 0", raw);
  const msDecimal = amount.times(MS_PER_UNIT[unit]);
  if (msDecimal.gt(10_000 * MS_PER_UNIT.weeks)) {
    fail(fn, `${field}.${unit}`, "OUT_OF_RANGE", "must be at most 10,000 weeks", raw);
  }
  if (!msDecimal.isInteger()) {
    fail(fn, `${field}.${unit}`, "NOT_INTEGER", "must be a whole number of milliseconds", raw);
  }
  return { ms: msDecimal.toNumber(), unit, amount };
}
