import { count, fail, flag, options as readOptions, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * One step of a funnel as given to {@link funnel}.
 *
 * @category Conversion
 */
export interface FunnelStep {
  /** Label of the step (`'visited'`, `'added to cart'`). */
  readonly name: string;
  /** Units (visitors, users) that reached the step, a whole number. */
  readonly count: Numeric;
}

/**
 * One step of a funnel with its conversion rates, as returned by {@link funnel}.
 *
 * @category Conversion
 */
export interface FunnelStepResult {
  /** Label of the step, as given. */
  readonly name: string;
  /** Units that reached the step. */
  readonly count: Decimal;
  /** count / previous step's count; 1 for the first step; `null` when the previous step's count is 0. */
  readonly fromPrevious: Decimal | null;
  /** count / first step's count; 1 for the first step. */
  readonly fromFirst: Decimal;
}

/**
 * Options of {@link funnel}.
 *
 * @category Conversion
 */
export interface FunnelOptions {
  /**
   * Allow a step to count more units than the step before it (funnels whose steps need not
   * happen in order, or whose counts come from different sources); rates above 1 then
   * appear. Default `false`: such a step throws `INCONSISTENT`.
   */
  allowIncrease?: boolean;
}

/**
 * Step-by-step and overall conversion through an ordered funnel.
 *
 * @remarks
 * ```text
 * fromPrevious[k] = count[k] / count[k - 1]      (step 0: 1)
 * fromFirst[k]    = count[k] / count[0]          (step 0: 1)
 * ```
 * Fractions. In a strict funnel every unit at step k also reached step k − 1, so counts
 * never rise; a rise means the counts do not describe one funnel and throws, unless
 * `allowIncrease` is set. After a step with count 0, `fromPrevious` is `null` (no one to
 * convert), while `fromFirst` is still defined. The drop-off of a step is
 * `1 - fromPrevious`. Input steps are not modified; the result is a new frozen array.
 *
 * @example
 * ```ts
 * const steps = funnel([
 *   { name: 'visited', count: 2000 },
 *   { name: 'added to cart', count: 400 },
 *   { name: 'purchased', count: 100 },
 * ])
 * steps[1].fromPrevious?.toString() //=> '0.2'
 * steps[2].fromPrevious?.toString() //=> '0.25'
 * steps[2].fromFirst.toString()     //=> '0.05'
 * ```
 * @throws {@link MetricInputError} `EMPTY` when there are no steps; `ZERO_DENOMINATOR`
 * when the first step's count is 0; `INCONSISTENT` when a step counts more than the one
 * before it (unless `allowIncrease`); `NEGATIVE` / `NOT_INTEGER` for counts that are not
 * whole non-negative numbers; `NOT_A_NUMBER` when `steps` is not an array, a step is not an
 * object, a name is not a string or a count is unreadable (`NOT_FINITE` for infinite
 * counts); `INVALID_OPTION` for a non-boolean `allowIncrease` or a non-object `options`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Mixpanel Docs, "Funnels" (conversion from the previous step and overall conversion).
 * @category Conversion
 */
export function funnel(
  steps: readonly FunnelStep[],
  options?: FunnelOptions,
): readonly FunnelStepResult[] {
  const fn = "funnel";
  if (!Array.isArray(steps)) fail(fn, "steps", "NOT_A_NUMBER", "must be an array", steps);
  const o = readOptions<FunnelOptions>(options, fn);
  const allowIncrease = flag(o.allowIncrease, false, fn, "allowIncrease");
  if (steps.length === 0) fail(fn, "steps", "EMPTY", "must contain at least one step", steps);

  const names: string[] = [];
  const counts: Decimal[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = record<FunnelStep>(steps[k], fn, `steps[${k}]`);
    if (typeof step.name !== "string") {
      fail(fn, `steps[${k}].name`, "NOT_A_NUMBER", "must be a string", step.name);
    }
    const c = count(step.count, fn, `steps[${k}].count`);
    const previous = counts[k - 1];
    if (k === 0 && c.isZero()) {
      fail(fn, "steps[0].count", "ZERO_DENOMINATOR", "must be greater than 0", step.count);
    }
    if (!allowIncrease && previous !== undefined && c.gt(previous)) {
      fail(
        fn,
        `steps[${k}].count`,
        "INCONSISTENT",
        `must not exceed the previous step's count (${previous.toString()})`,
        step.count,
      );
    }
    names.push(step.name);
    counts.push(c);
  }

  const first = counts[0] as Decimal;
  const result: FunnelStepResult[] = counts.map((c, k) => {
    const previous = k === 0 ? c : (counts[k - 1] as Decimal);
    return Object.freeze({
      name: names[k] as string,
      count: c,
      fromPrevious: previous.isZero() ? null : clean(c.div(previous)),
      fromFirst: clean(c.div(first)),
    });
  });
  return Object.freeze(result);
}
