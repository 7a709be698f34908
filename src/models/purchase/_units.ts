/**
 * Time units of the purchase models: the unit a summary is measured in travels with the
 * summary and the fitted model, and every conversion goes through the day lengths below.
 */
import { fail, options as readOptions, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import type { Numeric, Period } from "../../types.js";

/** Days in one unit: a month is a twelfth of the mean Gregorian year (365.2425 / 12). */
export const DAYS_PER_UNIT: Readonly<Record<Period, number>> = {
  day: 1,
  week: 7,
  month: 30.436875,
  quarter: 91.310625,
  year: 365.2425,
};

export const UNITS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** The plural keys of a {@link Duration}, by unit. */
const DURATION_KEYS: Readonly<Record<string, Period>> = {
  days: "day",
  weeks: "week",
  months: "month",
  quarters: "quarter",
  years: "year",
};

/**
 * A length of time with its unit named: exactly one of `days`, `weeks`, `months`,
 * `quarters` or `years`, for example `{ months: 12 }`. A month is 30.436875 days
 * (365.2425 / 12), a quarter 91.310625 days, a year 365.2425 days, a week 7 days.
 *
 * @category Models
 */
export type Duration =
  | {
      /** A number of days. */
      readonly days: Numeric;
    }
  | {
      /** A number of 7-day weeks. */
      readonly weeks: Numeric;
    }
  | {
      /** A number of average months (30.436875 days). */
      readonly months: Numeric;
    }
  | {
      /** A number of average quarters (91.310625 days). */
      readonly quarters: Numeric;
    }
  | {
      /** A number of average years (365.2425 days). */
      readonly years: Numeric;
    };

/** A required time-unit option. */
export function unitOption(value: unknown, fn: string, field: string): Period {
  if (value === undefined) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `is required: one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
      value,
    );
  }
  if (!(UNITS as readonly unknown[]).includes(value)) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
      value,
    );
  }
  return value as Period;
}

/** Read a {@link Duration}: its unit and its (non-negative) amount as a Decimal. */
export function readDuration(
  value: unknown,
  fn: string,
  field: string,
): { unit: Period; amount: Decimal } {
  const requirement =
    "must name its unit: exactly one of { days }, { weeks }, { months }, { quarters }, { years }";
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(fn, field, "INVALID_OPTION", requirement, value);
  }
  const keys = Object.keys(readOptions<Record<string, unknown>>(value, fn));
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || DURATION_KEYS[key] === undefined) {
    fail(fn, field, "INVALID_OPTION", requirement, value);
  }
  const raw = (value as Record<string, unknown>)[key];
  const amount = toDecimal(raw, fn, `${field}.${key}`);
  if (amount.isNegative()) fail(fn, `${field}.${key}`, "NEGATIVE", "must not be negative", raw);
  return { unit: DURATION_KEYS[key] as Period, amount };
}
