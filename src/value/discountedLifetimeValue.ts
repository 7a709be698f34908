import {
  amount,
  fail,
  fraction,
  intNumber,
  nonNegative,
  option,
  options as readOptions,
  record,
} from "../_lib/assert.js";
import { clean, type Decimal, ONE } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * When the first margin of {@link discountedLifetimeValue} is received.
 *
 * - `'end'` (the default): at the end of the first period, and only if the customer is
 *   retained through it; every margin is weighted by `retentionRate^t` for t = 1, 2, ….
 *   Gupta et al. (2006).
 * - `'start'`: now, at the start of period 0, for certain (the customer has just been
 *   acquired or renewed); later margins at the start of each period the customer stays.
 *
 * @category Value
 */
export type DiscountedLifetimeValueTiming = "end" | "start";

/**
 * Input of {@link discountedLifetimeValue}. All rates are per period, and the same period.
 *
 * @category Value
 */
export interface DiscountedLifetimeValueInput {
  /** Margin (or revenue) a retained customer brings per period, money; may be negative. */
  readonly margin: Numeric;
  /** Probability a customer stays from one period to the next, a fraction in [0, 1]. */
  readonly retentionRate: Numeric;
  /** Discount rate per period, a non-negative fraction (10 % a year is `0.1`). */
  readonly discountRate: Numeric;
  /** Number of margins counted (a finite horizon), a whole number; omit for an infinite horizon. */
  readonly periods?: Numeric;
}

/**
 * Options of {@link discountedLifetimeValue}.
 *
 * @category Value
 */
export interface DiscountedLifetimeValueOptions {
  /** When the first margin arrives: `'end'` (default) or `'start'`. See {@link DiscountedLifetimeValueTiming}. */
  timing?: DiscountedLifetimeValueTiming;
}

/**
 * Present value of the margins of a customer who stays each period with a constant
 * retention rate, discounted at a constant rate.
 *
 * @remarks
 * With `m = margin`, `r = retentionRate`, `d = discountRate` and `T = periods`:
 * ```text
 * timing 'end'   (default):  sum_{t=1..T}   m * r^t / (1 + d)^t  ->  m * r / (1 + d - r)        as T -> inf
 * timing 'start':            sum_{t=0..T-1} m * r^t / (1 + d)^t  ->  m * (1 + d) / (1 + d - r)  as T -> inf
 * finite T = closed form * (1 - (r / (1 + d))^T)
 * ```
 * Money per customer. The two timings differ by exactly one margin (`'start'` = `'end'` +
 * `m`); a first margin at the end of the first period but certain, `m / (1 + d - r)`, is the
 * `'start'` value discounted by one period (divide by `1 + d`). `periods` counts the
 * margins included, so both timings sum `T` terms and tend to their closed forms as `T`
 * grows. The infinite horizon with `d = 0` and `r = 1` diverges and throws; give `periods`.
 *
 * @example
 * Margin 100 a year, 80 % retention, 10 % discount rate:
 * ```ts
 * round(discountedLifetimeValue({ margin: 100, retentionRate: '0.8', discountRate: '0.1' }), 3).toString() //=> '266.667'
 * round(discountedLifetimeValue({ margin: 100, retentionRate: '0.8', discountRate: '0.1' }, { timing: 'start' }), 3).toString() //=> '366.667'
 * round(discountedLifetimeValue({ margin: 100, retentionRate: '0.8', discountRate: '0.1', periods: 3 }), 3).toString() //=> '164.087'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `periods` is omitted and
 * `discountRate` is 0 with `retentionRate` 1 (infinite value); `OUT_OF_RANGE` when
 * `retentionRate` is outside [0, 1] or `periods` beyond the safe-integer range; `NEGATIVE`
 * for a negative `discountRate` or `periods`; `NOT_INTEGER` for fractional `periods`;
 * `INVALID_OPTION` for an unknown `timing`; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable
 * values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Gupta, Hanssens, Hardie, Kahn, Kumar, Lin, Ravishanker & Sriram (2006), "Modeling Customer
 * Lifetime Value", Journal of Service Research 9(2), 139–155 (margin multiple r / (1 + i − r)).
 * @category Value
 */
export function discountedLifetimeValue(
  input: DiscountedLifetimeValueInput,
  options?: DiscountedLifetimeValueOptions,
): Decimal {
  const fn = "discountedLifetimeValue";
  const i = record<DiscountedLifetimeValueInput>(input, fn);
  const m = amount(i.margin, fn, "margin");
  const r = fraction(i.retentionRate, fn, "retentionRate");
  const d = nonNegative(i.discountRate, fn, "discountRate");
  const periods = i.periods === undefined ? undefined : intNumber(i.periods, fn, "periods");
  const o = readOptions<DiscountedLifetimeValueOptions>(options, fn);
  const timing = option(o.timing, ["end", "start"] as const, "end", fn, "timing");

  const onePlusD = ONE.plus(d);
  const gap = onePlusD.minus(r); // 1 + d - r >= 0, zero only when d = 0 and r = 1
  // Numerator of the closed form: the first term's weight times (1 + d).
  const head = timing === "end" ? r : onePlusD;
  if (periods === undefined) {
    if (gap.isZero()) {
      fail(
        fn,
        "discountRate",
        "ZERO_DENOMINATOR",
        "must be greater than 0 when retentionRate is 1 and no periods are given (infinite value)",
        i.discountRate,
      );
    }
    return clean(m.times(head).div(gap));
  }
  if (gap.isZero()) return clean(m.times(periods)); // every term is m
  const q = r.div(onePlusD);
  return clean(
    m
      .times(head)
      .times(ONE.minus(q.pow(periods)))
      .div(gap),
  );
}
