/**
 * Time units of the purchase models: the unit a summary is measured in travels with the
 * summary and the fitted model, and every conversion goes through the day lengths below.
 */
import { fail, toDecimal } from "../../_lib/assert.js";
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

/** The plural key of each unit, as a {@link Duration} names it. */
export const PLURALS: Readonly<Record<Period, string>> = {
  day: "days",
  week: "weeks",
  month: "months",
  quarter: "quarters",
  year: "years",
};

/** The unit of a duration key, or `undefined` (inherited names like `constructor` are not keys). */
function durationUnit(key: string | undefined): Period | undefined {
  return key !== undefined && Object.hasOwn(DURATION_KEYS, key) ? DURATION_KEYS[key] : undefined;
}

/**
 * Read a {@link Duration}: its unit and its (non-negative) amount as a Decimal. Anything but a
 * plain object with exactly one of the keys (a number, a Decimal, an array, a Proxy whose traps
 * throw) is `INVALID_OPTION` naming `field`; `hint` is added to that message.
 */
export function readDuration(
  value: unknown,
  fn: string,
  field: string,
  hint = "",
): { unit: Period; amount: Decimal } {
  let key: string | undefined;
  let raw: unknown;
  try {
    if (
      value !== null &&
      typeof value === "object" &&
      Object.prototype.toString.call(value) === "[object Object]"
    ) {
      const keys = Object.keys(value);
      if (keys.length === 1 && durationUnit(keys[0]) !== undefined) {
        key = keys[0];
        raw = (value as Record<string, unknown>)[key as string];
      }
    }
  } catch {
    key = undefined;
  }
  const unit = durationUnit(key);
  if (key === undefined || unit === undefined) {
    fail(
      fn,
      field,
      "INVALID_OPTION",
      `must name its unit: exactly one of { days }, { weeks }, { months }, { quarters }, { years }${hint}`,
      value,
    );
  }
  const amount = toDecimal(raw, fn, `${field}.${key}`);
  if (amount.isNegative()) fail(fn, `${field}.${key}`, "NEGATIVE", "must not be negative", raw);
  return { unit, amount };
}
