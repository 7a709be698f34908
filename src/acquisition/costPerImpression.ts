import { denominatorCount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link costPerImpression} and {@link costPerMille}.
 *
 * @category Acquisition
 */
export interface ImpressionCostInput {
  /** Cost of the campaign, money. */
  readonly cost: Numeric;
  /** Impressions served (times the ad was shown), a whole number greater than 0. */
  readonly impressions: Numeric;
}

/**
 * Cost of one impression.
 *
 * @remarks
 * ```text
 * costPerImpression = cost / impressions
 * ```
 * Money per impression; usually quoted per thousand instead ({@link costPerMille}).
 * An impression is one display of an ad. Opened emails are not impressions: cost / opens
 * is a cost per open, and should not be reported under this name.
 *
 * @example
 * £1,000 for 10,000 impressions:
 * ```ts
 * costPerImpression({ cost: 1000, impressions: 10000 }).toString() //=> '0.1'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `impressions` is 0; `NEGATIVE`
 * for a negative cost or count; `NOT_INTEGER` for a fractional count; `NOT_A_NUMBER` /
 * `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Interactive Advertising Bureau (IAB), "Interactive Audience Measurement and Advertising
 * Campaign Reporting and Audit Guidelines" (definition of an ad impression).
 * @category Acquisition
 */
export function costPerImpression(input: ImpressionCostInput): Decimal {
  const fn = "costPerImpression";
  const i = record<ImpressionCostInput>(input, fn);
  const cost = nonNegative(i.cost, fn, "cost");
  const impressions = denominatorCount(i.impressions, fn, "impressions");
  return clean(cost.div(impressions));
}
