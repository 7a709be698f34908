import { count, denominatorCount, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link conversionRate}.
 *
 * @category Conversion
 */
export interface ConversionRateInput {
  /** Units that converted (each counted once), a whole number. */
  readonly conversions: Numeric;
  /** Units exposed: visitors, sessions or users (one kind, the same as for `conversions`), a whole number greater than 0. */
  readonly interactions: Numeric;
}

/**
 * Share of visitors, sessions or users that converted.
 *
 * @remarks
 * ```text
 * conversionRate = conversions / interactions
 * ```
 * A fraction in [0, 1]. Pick one unit (visitor, session or user) for the denominator and
 * count a converting unit once, so that `conversions` cannot exceed `interactions`; orders
 * per session, which can, is a different ratio. For the uncertainty of the rate see
 * {@link wilsonInterval}; to compare two rates see {@link compareConversion}.
 *
 * @example
 * 100 of 2,000 visitors bought:
 * ```ts
 * conversionRate({ conversions: 100, interactions: 2000 }).toString() //=> '0.05'
 * ```
 * @throws {@link MetricInputError} `INCONSISTENT` when `conversions` exceeds `interactions`;
 * `ZERO_DENOMINATOR` when `interactions` is 0; `NEGATIVE` / `NOT_INTEGER` for counts that
 * are not whole non-negative numbers; `NOT_A_NUMBER` / `NOT_FINITE` for unreadable values
 * or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Google Analytics Help, "[GA4] Conversion rate" (user and session conversion rates).
 * @category Conversion
 */
export function conversionRate(input: ConversionRateInput): Decimal {
  const fn = "conversionRate";
  const i = record<ConversionRateInput>(input, fn);
  const conversions = count(i.conversions, fn, "conversions");
  const interactions = denominatorCount(i.interactions, fn, "interactions");
  notAbove(conversions, interactions, fn, "conversions", "interactions", i.conversions);
  return clean(conversions.div(interactions));
}
