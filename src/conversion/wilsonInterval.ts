import {
  count,
  denominatorCount,
  fail,
  notAbove,
  option,
  options as readOptions,
  record,
} from "../_lib/assert.js";
import { clean, Decimal, ONE, ZERO } from "../_lib/decimal.js";
import { readConfidence } from "../_lib/normal.js";
import type { Numeric } from "../types.js";
import { clopperPearson } from "./_binomialBounds.js";

/**
 * How {@link wilsonInterval} builds the interval.
 *
 * - `'wilson'` (default): Wilson score interval (Wilson 1927).
 * - `'wilson-cc'`: Wilson with continuity correction (Newcombe 1998, method 4); wider.
 * - `'wald'`: p ± z·√(p(1 − p)/n), clipped to [0, 1]; collapses to a point at 0 and n.
 * - `'agresti-coull'`: Wald around (x + z²/2)/(n + z²) with n + z² trials, clipped to [0, 1].
 * - `'clopper-pearson'`: the "exact" interval from beta quantiles; conservative. Computed
 *   in float64, for up to 2^53 − 1 trials.
 *
 * @category Conversion
 */
export type ProportionIntervalMethod =
  | "wilson"
  | "wilson-cc"
  | "wald"
  | "agresti-coull"
  | "clopper-pearson";

/**
 * Input of {@link wilsonInterval}.
 *
 * @category Conversion
 */
export interface WilsonIntervalInput {
  /** Successes (conversions), a whole number not above `trials`. */
  readonly successes: Numeric;
  /** Trials (interactions), a whole number greater than 0. */
  readonly trials: Numeric;
  /**
   * Two-sided confidence level, from 1e-300 to 1 − 1e-300. Default `0.95`. Levels closer to 1
   * than float64 shows (`'0.99999999999999999999'`) are read exactly.
   */
  readonly confidence?: Numeric;
}

/**
 * Options of {@link wilsonInterval}.
 *
 * @category Conversion
 */
export interface WilsonIntervalOptions {
  /** Interval method. Default `'wilson'`. See {@link ProportionIntervalMethod}. */
  method?: ProportionIntervalMethod;
}

/**
 * A proportion with a confidence interval.
 *
 * @category Conversion
 */
export interface ProportionInterval {
  /** The observed rate successes / trials, exact. */
  readonly rate: Decimal;
  /** Lower bound, in [0, 1]. */
  readonly lower: Decimal;
  /** Upper bound, in [0, 1]. */
  readonly upper: Decimal;
}

/** The interval methods, in the order the docs list them (internal: read by cohort tables). */
export const METHODS: readonly ProportionIntervalMethod[] = [
  "wilson",
  "wilson-cc",
  "wald",
  "agresti-coull",
  "clopper-pearson",
];

function clamp01(value: Decimal): Decimal {
  return clean(Decimal.min(ONE, Decimal.max(ZERO, value)));
}

/**
 * Confidence interval for a proportion such as a conversion rate; Wilson score interval
 * by default.
 *
 * @remarks
 * With p = successes / trials = x / n and z = Φ⁻¹(1 − (1 − confidence)/2):
 * ```text
 * wilson:  (p + z^2/(2n) ± z * sqrt(p(1 - p)/n + z^2/(4n^2))) / (1 + z^2/n)
 * ```
 * The rate is exact; the bounds are computed with 40-digit decimals from a float64 z
 * (Clopper–Pearson: from float64 beta quantiles, for up to 2^53 − 1 trials), with an
 * absolute error below about 1e-15. Wilson stays
 * inside [0, 1] and keeps a non-zero width at x = 0 and x = n, where the Wald interval
 * collapses to a point; so it is the default. The bound at x = 0 is exactly 0 and at
 * x = n exactly 1. Other methods via `options.method` ({@link ProportionIntervalMethod}).
 *
 * @example
 * 100 conversions out of 2,000 visitors, 95 % confidence:
 * ```ts
 * const { rate, lower, upper } = wilsonInterval({ successes: 100, trials: 2000 })
 * rate.toString()            //=> '0.05'
 * round(lower, 6).toString() //=> '0.041281'
 * round(upper, 6).toString() //=> '0.060444'
 * ```
 * @throws {@link MetricInputError} `INCONSISTENT` when `successes` exceeds `trials`;
 * `ZERO_DENOMINATOR` when `trials` is 0; `OUT_OF_RANGE` when `confidence` is not between
 * 0 and 1 with at least 1e-300 to spare on either side, or when `trials` exceeds 2^53 − 1 with `'clopper-pearson'` (computed in
 * float64; the other methods have no limit); `NEGATIVE` / `NOT_INTEGER` for counts that are not whole non-negative
 * numbers; `INVALID_OPTION` for an unknown method; `NOT_A_NUMBER` / `NOT_FINITE` for
 * unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Wilson, E. B. (1927), "Probable Inference, the Law of Succession, and Statistical
 * Inference", JASA 22(158); Newcombe, R. G. (1998), "Two-sided confidence intervals for the
 * single proportion: comparison of seven methods", Statistics in Medicine 17(8).
 * @category Conversion
 */
export function wilsonInterval(
  input: WilsonIntervalInput,
  options?: WilsonIntervalOptions,
): ProportionInterval {
  const fn = "wilsonInterval";
  const i = record<WilsonIntervalInput>(input, fn);
  const x = count(i.successes, fn, "successes");
  const n = denominatorCount(i.trials, fn, "trials");
  notAbove(x, n, fn, "successes", "trials", i.successes);
  const level = readConfidence(i.confidence, fn);
  const o = readOptions<WilsonIntervalOptions>(options, fn);
  const method = option(o.method, METHODS, "wilson", fn, "method");

  const p = x.div(n);
  const rate = clean(p);
  const atZero = x.isZero();
  const atAll = x.eq(n);
  let lower: Decimal;
  let upper: Decimal;
  if (method === "clopper-pearson") {
    if (n.gt(Number.MAX_SAFE_INTEGER)) {
      fail(
        fn,
        "trials",
        "OUT_OF_RANGE",
        `must be at most ${Number.MAX_SAFE_INTEGER} for method 'clopper-pearson'`,
        i.trials,
      );
    }
    const bounds = clopperPearson(x.toNumber(), n.toNumber(), level.alpha.div(2).toNumber());
    lower = atZero ? ZERO : bounds.lower;
    upper = atAll ? ONE : bounds.upper;
  } else {
    const z = new Decimal(level.z);
    const z2 = z.times(z);
    const q = ONE.minus(p);
    if (method === "wilson") {
      const denominator = ONE.plus(z2.div(n));
      const centre = p.plus(z2.div(n.times(2))).div(denominator);
      const half = z
        .times(
          p
            .times(q)
            .div(n)
            .plus(z2.div(n.times(n).times(4)))
            .sqrt(),
        )
        .div(denominator);
      lower = atZero ? ZERO : centre.minus(half);
      upper = atAll ? ONE : centre.plus(half);
    } else if (method === "wilson-cc") {
      const denominator = n.plus(z2).times(2);
      const centre = x.times(2).plus(z2);
      const inverseN = ONE.div(n);
      lower = atZero
        ? ZERO
        : centre
            .minus(1)
            .minus(
              z.times(
                z2
                  .minus(2)
                  .minus(inverseN)
                  .plus(p.times(4).times(n.times(q).plus(1)))
                  .sqrt(),
              ),
            )
            .div(denominator);
      upper = atAll
        ? ONE
        : centre
            .plus(1)
            .plus(
              z.times(
                z2
                  .plus(2)
                  .minus(inverseN)
                  .plus(p.times(4).times(n.times(q).minus(1)))
                  .sqrt(),
              ),
            )
            .div(denominator);
    } else {
      // Wald, or Agresti–Coull: Wald on x + z²/2 successes in n + z² trials.
      const nn = method === "wald" ? n : n.plus(z2);
      const pp = method === "wald" ? p : x.plus(z2.div(2)).div(nn);
      const half = z.times(pp.times(ONE.minus(pp)).div(nn).sqrt());
      lower = pp.minus(half);
      upper = pp.plus(half);
    }
  }
  return Object.freeze({ rate, lower: clamp01(lower), upper: clamp01(upper) });
}
