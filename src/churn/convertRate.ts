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

/** Below 10^-50 the first two terms of the series are exact to far more than 40 digits. */
const TINY_EXPONENT = -50;

/** Working precision of the series for tiny rates. */
const TINY_PRECISION = 60;

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
 * agrees in all 40 digits. Rates below 10^-50 use the first two terms of the series,
 * `k·rate − k(k − 1)/2·rate²` with `k = length(to) / length(from)`, exact to well beyond 40
 * digits, so the running time does not depend on how small the rate is. All of it runs on a
 * private copy of the library's {@link Decimal}: the user's global decimal.js settings do
 * not change the result.
 *
 * @example
 * ```ts
 * convertRate('0.05', { from: 'month', to: 'year' }).toString() //=> '0.459639912337363037109375'
 * round(convertRate('0.4', { from: 'year', to: 'month' }), 6).toString() //=> '0.041675'
 * ```
 * @throws {@link MetricInputError} `OUT_OF_RANGE` when `rate` is outside [0, 1];
 * `NOT_A_NUMBER` / `NOT_FINITE` for a bad rate; `INVALID_OPTION` when `from` or `to` is
 * missing or not one of `'day'`, `'week'`, `'month'`, `'quarter'`, `'year'`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
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
  // A private clone of the library's clone: the user's global decimal.js settings (a
  // global minE, say) never reach it. The precision is bounded (at most 113
  // digits), so the running time does not grow with the rate's exponent.
  const tiny = r.e < TINY_EXPONENT;
  const precision = tiny ? TINY_PRECISION : GUARD_DIGITS + Math.max(0, -r.e) + 3;
  const Wide = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_UP });
  const exponent = new Wide(DAYS[to]).div(DAYS[from]);
  const wideRate = new Wide(r);
  let result: Decimal;
  if (tiny) {
    // 1 - (1 - r)^k = k r - k (k - 1) / 2 r^2 + O(k^3 r^3): for r < 10^-50 and k < 366 the
    // next term is below 10^-95 of the first, far beyond 40 digits.
    const second = exponent.times(exponent.minus(1)).div(2).times(wideRate.times(wideRate));
    result = exponent.times(wideRate).minus(second);
  } else {
    result = new Wide(1).minus(new Wide(1).minus(wideRate).pow(exponent));
  }
  return clean(new Decimal(result).toSignificantDigits(Decimal.precision));
}
