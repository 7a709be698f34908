import { Decimal as DecimalJs } from "decimal.js";
import { fail, fraction, options as readOptions } from "../_lib/assert.js";
import { clean, Decimal } from "../_lib/decimal.js";
import type { Numeric, Period } from "../types.js";

/**
 * Options of {@link convertRate}: the period the rate is measured over and the one wanted.
 *
 * @category Churn
 */
export interface ConvertRateOptions {
  /** The period of the given rate. Required. */
  from: Period;
  /** The period of the result. Required. */
  to: Period;
}

const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** Period lengths in days: a year of 365.2425 days (Gregorian mean), a month 1/12 of it. */
const DAYS: Record<Period, string> = {
  day: "1",
  week: "7",
  month: "30.436875",
  quarter: "91.310625",
  year: "365.2425",
};

/** Working precision on top of the result's: guards the subtraction from 1. */
const GUARD_DIGITS = 60;

/** Below 10^-50 the first-order term e·r is exact to far more than 40 digits. */
const TINY_EXPONENT = -50;

function period(value: unknown, field: string): Period {
  if (!(PERIODS as readonly unknown[]).includes(value)) {
    fail(
      "convertRate",
      field,
      "INVALID_OPTION",
      `must be one of ${PERIODS.map((p) => JSON.stringify(p)).join(", ")}`,
      value,
    );
  }
  return value as Period;
}

/**
 * Convert a churn (or any per-period loss) rate from one period length to another, compounding.
 *
 * @remarks
 * ```text
 * convertRate(rate, { from, to }) = 1 - (1 - rate) ^ (length(to) / length(from))
 * ```
 * A customer survives a year only by surviving each of its twelve months, so retention
 * multiplies: 5 % monthly churn is 1 - 0.95^12 = 45.96 % a year, not 12 × 5 % = 60 %.
 * Lengths: a week is 7 days, a month 1/12 of a year, a quarter 3 months, and a year
 * 365.2425 days (the Gregorian mean), so month ↔ quarter ↔ year exponents are whole
 * numbers (12, 4, 3) and week ↔ year is 52.1775.
 *
 * `rate` is a fraction in [0, 1]. To convert a retention rate `q`, convert `1 - q` and
 * subtract the result from 1.
 *
 * Precision: the power is computed with decimal.js at 60 to 113 significant digits (more
 * for tiny rates, so that the subtraction from 1 loses nothing) and the result is rounded
 * to the library's 40 significant digits; against mpmath at 60 digits every tested value
 * agrees in all 40 digits. Rates below 10^-50 use the first-order term `rate × exponent`,
 * exact to well beyond 40 digits.
 *
 * @example
 * ```ts
 * convertRate('0.05', { from: 'month', to: 'year' }).toString() //=> '0.459639912337363037109375'
 * round(convertRate('0.4', { from: 'year', to: 'month' }), 6).toString() //=> '0.041675'
 * ```
 * @throws {@link MetricInputError} `OUT_OF_RANGE` when `rate` is outside [0, 1];
 * `NOT_A_NUMBER` / `NOT_FINITE` for a bad rate; `INVALID_OPTION` when `from` or `to` is
 * missing or not one of `'day'`, `'week'`, `'month'`, `'quarter'`, `'year'`.
 * @see S. Noble (2011), "Defining Churn Rate (no really, this actually requires an entire blog post)", Shopify Engineering.
 * @category Churn
 */
export function convertRate(rate: Numeric, options: ConvertRateOptions): Decimal {
  const fn = "convertRate";
  const r = fraction(rate, fn, "rate");
  const o = readOptions<ConvertRateOptions>(options, fn);
  const from = period(o.from, "from");
  const to = period(o.to, "to");
  if (from === to || r.isZero() || r.eq(1)) return clean(r);
  const precision = GUARD_DIGITS + Math.max(0, -r.e) + 3;
  const Wide = DecimalJs.clone({ precision, rounding: DecimalJs.ROUND_HALF_UP });
  const exponent = new Wide(DAYS[to]).div(DAYS[from]);
  const wideRate = new Wide(r.toString());
  const result =
    r.e < TINY_EXPONENT
      ? wideRate.times(exponent)
      : new Wide(1).minus(new Wide(1).minus(wideRate).pow(exponent));
  return clean(new Decimal(result.toString()).toSignificantDigits(Decimal.precision));
}
