/**
 * Confidence intervals of retention rates: the `intervals` option read once, then one
 * {@link wilsonInterval} per rate (retained of size trials) and per pooled average.
 */
import { fail, option, options as optionsObject } from "../../../_lib/assert.js";
import { readConfidence } from "../../../_lib/normal.js";
import {
  METHODS,
  type ProportionIntervalMethod,
  type WilsonIntervalInput,
  wilsonInterval,
} from "../../../conversion/wilsonInterval.js";
import type { Numeric } from "../../../types.js";
import type { RateInterval, RateIntervalOptions } from "../types.js";

/** The validated `intervals` option. */
export interface IntervalSettings {
  /** The level as given (already checked), or undefined for the default 0.95. */
  readonly confidence: Numeric | undefined;
  readonly method: ProportionIntervalMethod;
}

/**
 * The `intervals` option of `fn`, validated: `null` when absent, else the confidence level and
 * method, checked here so that errors name `fn` and the fields `intervals.…`.
 */
export function readIntervals(value: unknown, fn: string): IntervalSettings | null {
  if (value === undefined) return null;
  let o: Partial<RateIntervalOptions>;
  try {
    o = optionsObject<RateIntervalOptions>(value, fn);
  } catch {
    // The shared check names the field `options`; here the object is `intervals`.
    return fail(
      fn,
      "intervals",
      "INVALID_OPTION",
      "must be an object { confidence?, method? }",
      value,
    );
  }
  const confidence = o.confidence;
  readConfidence(confidence, fn, "intervals.confidence");
  const method = option(o.method, METHODS, "wilson", fn, "intervals.method");
  return { confidence, method };
}

/** The interval of `successes` of `trials` (0 < trials ≤ 2^53 − 1) under the settings. */
export type RateIntervals = (successes: number, trials: number) => RateInterval;

/**
 * The intervals of one call: {@link wilsonInterval} (40-digit decimals, the costly part) once
 * per distinct pair of counts, the frozen result shared by the cells with that pair.
 */
export function rateIntervals(settings: IntervalSettings): RateIntervals {
  const cache = new Map<string, RateInterval>();
  return (successes, trials) => {
    const key = `${successes}/${trials}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const input: WilsonIntervalInput =
      settings.confidence === undefined
        ? { successes, trials }
        : { successes, trials, confidence: settings.confidence };
    const { lower, upper } = wilsonInterval(input, { method: settings.method });
    const interval = Object.freeze({ lower, upper });
    cache.set(key, interval);
    return interval;
  };
}
