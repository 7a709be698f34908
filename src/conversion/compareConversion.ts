import {
  count,
  denominatorCount,
  notAbove,
  option,
  options as readOptions,
  record,
} from "../_lib/assert.js";
import { clean, Decimal, fromFloat, ONE, ZERO } from "../_lib/decimal.js";
import { normalCdf, normalQuantile, readConfidence } from "../_lib/normal.js";
import type { Numeric } from "../types.js";

/**
 * Conversions and interactions of one arm of an A/B test.
 *
 * @category Conversion
 */
export interface ConversionArm {
  /** Units that converted, a whole number not above `interactions`. */
  readonly conversions: Numeric;
  /** Units exposed (visitors, sessions or users), a whole number greater than 0. */
  readonly interactions: Numeric;
}

/**
 * Input of {@link compareConversion}.
 *
 * @category Conversion
 */
export interface CompareConversionInput {
  /** The baseline arm (A). */
  readonly control: ConversionArm;
  /** The arm under test (B). */
  readonly variant: ConversionArm;
  /** Confidence level, from 1e-300 to 1 − 1e-300. Default `0.95`; `significant` means p < 1 − confidence. */
  readonly confidence?: Numeric;
}

/**
 * The alternative hypothesis of {@link compareConversion}.
 *
 * - `'two-sided'` (default): the variant's rate differs from the control's.
 * - `'greater'`: the variant's rate is higher.
 * - `'less'`: the variant's rate is lower.
 *
 * @category Conversion
 */
export type ConversionAlternative = "two-sided" | "greater" | "less";

/**
 * Options of {@link compareConversion}.
 *
 * @category Conversion
 */
export interface CompareConversionOptions {
  /** The alternative hypothesis. Default `'two-sided'`. See {@link ConversionAlternative}. */
  alternative?: ConversionAlternative;
}

/**
 * Result of {@link compareConversion}. Rates and lifts are fractions.
 *
 * @category Conversion
 */
export interface ConversionComparison {
  /** Control rate, conversions / interactions, exact. */
  readonly controlRate: Decimal;
  /** Variant rate, exact. */
  readonly variantRate: Decimal;
  /** variantRate − controlRate, exact, in rate units (`0.015` is 1.5 percentage points). */
  readonly absoluteLift: Decimal;
  /** (variantRate − controlRate) / controlRate, a fraction (`0.3` is +30 %); `null` when the control rate is 0. */
  readonly relativeLift: Decimal | null;
  /** Pooled standard error of the difference under the null hypothesis, used for `z`. */
  readonly standardError: Decimal;
  /** The z statistic, absoluteLift / standardError (0 when the standard error is 0). */
  readonly z: Decimal;
  /** p-value for the chosen alternative (two-sided by default), in [0, 1]. */
  readonly pValue: Decimal;
  /** Confidence interval of `absoluteLift` with the unpooled standard error (one-sided alternatives: one bound is ±1). */
  readonly interval: {
    /** Lower bound of the difference variant − control, in rate units. */
    readonly lower: Decimal;
    /** Upper bound of the difference variant − control, in rate units. */
    readonly upper: Decimal;
  };
  /** Whether `pValue` is below 1 − confidence. */
  readonly significant: boolean;
}

function readArm(value: unknown, fn: string, name: string): { x: Decimal; n: Decimal } {
  const arm = record<ConversionArm>(value, fn, name);
  const x = count(arm.conversions, fn, `${name}.conversions`);
  const n = denominatorCount(arm.interactions, fn, `${name}.interactions`);
  notAbove(x, n, fn, `${name}.conversions`, `${name}.interactions`, arm.conversions);
  return { x, n };
}

/**
 * A/B comparison of two conversion rates with the two-proportion z-test.
 *
 * @remarks
 * With p1 = control rate, p2 = variant rate, pooled p = (x1 + x2) / (n1 + n2):
 * ```text
 * absoluteLift = p2 - p1
 * relativeLift = (p2 - p1) / p1
 * SE0 = sqrt(p (1 - p) (1/n1 + 1/n2))            pooled, for the test
 * z   = (p2 - p1) / SE0,   p-value = 2 (1 - Φ(|z|))  (two-sided)
 * SE  = sqrt(p1 (1 - p1)/n1 + p2 (1 - p2)/n2)     unpooled, for the interval
 * interval = (p2 - p1) ± Φ⁻¹(1 - (1 - confidence)/2) * SE
 * ```
 * The pooled error is right for the test (under the null both arms share one rate); the
 * interval uses the unpooled error, as the difference is not assumed zero there, so the
 * interval can contain 0 at the margin of significance. z² equals Pearson's χ² without
 * continuity correction. Lifts are in rate units: report the absolute lift as percentage
 * points and the relative lift as a percent change, never mixed. When the control rate is 0
 * the relative lift is `null` (undefined), not Infinity. When both arms convert all or
 * none (pooled p is 0 or 1) the rates are equal and there is no variation to test:
 * `z` is 0, `pValue` 1, not significant. The normal approximation is poor with fewer than
 * about 5 expected conversions or non-conversions per arm, and repeated peeking at a running
 * test inflates false positives.
 *
 * @example
 * 100 of 2,000 converted on the control page, 130 of 2,000 on the variant:
 * ```ts
 * const ab = compareConversion({
 *   control: { conversions: 100, interactions: 2000 },
 *   variant: { conversions: 130, interactions: 2000 },
 * })
 * ab.absoluteLift.toString()         //=> '0.015'
 * ab.relativeLift?.toString()        //=> '0.3'
 * round(ab.z, 4).toString()          //=> '2.0376'
 * round(ab.pValue, 6).toString()     //=> '0.041591'
 * round(ab.interval.lower, 6).toString() //=> '0.000579'
 * ab.significant                     //=> true
 * ```
 * @throws {@link MetricInputError} `INCONSISTENT` when an arm has more conversions than
 * interactions; `ZERO_DENOMINATOR` when an arm has no interactions; `OUT_OF_RANGE` when
 * `confidence` is not between 0 and 1 with at least 1e-300 to spare on either side; `NEGATIVE` / `NOT_INTEGER` for counts that
 * are not whole non-negative numbers; `INVALID_OPTION` for an unknown alternative;
 * `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values, or a missing input or arm object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Agresti, A. (2013), "Categorical Data Analysis", 3rd ed., Wiley (comparing two
 * proportions: the difference, its Wald interval and the pooled z test).
 * @category Conversion
 */
export function compareConversion(
  input: CompareConversionInput,
  options?: CompareConversionOptions,
): ConversionComparison {
  const fn = "compareConversion";
  const i = record<CompareConversionInput>(input, fn);
  const control = readArm(i.control, fn, "control");
  const variant = readArm(i.variant, fn, "variant");
  const level = readConfidence(i.confidence, fn);
  const o = readOptions<CompareConversionOptions>(options, fn);
  const alternative = option(
    o.alternative,
    ["two-sided", "greater", "less"] as const,
    "two-sided",
    fn,
    "alternative",
  );

  const p1 = control.x.div(control.n);
  const p2 = variant.x.div(variant.n);
  const diff = p2.minus(p1);
  const pooled = control.x.plus(variant.x).div(control.n.plus(variant.n));
  const se0 = pooled
    .times(ONE.minus(pooled))
    .times(ONE.div(control.n).plus(ONE.div(variant.n)))
    .sqrt();
  const z = se0.isZero() ? ZERO : diff.div(se0);
  const zf = z.toNumber();
  const pFloat =
    alternative === "two-sided"
      ? Math.min(1, 2 * normalCdf(-Math.abs(zf)))
      : alternative === "greater"
        ? normalCdf(-zf)
        : normalCdf(zf);
  const pValue = se0.isZero() ? ONE : fromFloat(pFloat);

  const se = p1
    .times(ONE.minus(p1))
    .div(control.n)
    .plus(p2.times(ONE.minus(p2)).div(variant.n))
    .sqrt();
  const critical = new Decimal(
    alternative === "two-sided" ? level.z : normalQuantile(level.level, level.alpha),
  );
  const half = critical.times(se);
  const minusOne = ONE.neg();
  const lower = alternative === "less" ? minusOne : Decimal.max(minusOne, diff.minus(half));
  const upper = alternative === "greater" ? ONE : Decimal.min(ONE, diff.plus(half));

  return Object.freeze({
    controlRate: clean(p1),
    variantRate: clean(p2),
    absoluteLift: clean(diff),
    relativeLift: p1.isZero() ? null : clean(diff.div(p1)),
    standardError: clean(se0),
    z: clean(z),
    pValue,
    interval: Object.freeze({ lower: clean(lower), upper: clean(upper) }),
    significant: pValue.lt(level.alpha),
  });
}
