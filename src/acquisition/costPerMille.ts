import { denominatorCount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { ImpressionCostInput } from "./costPerImpression.js";

const THOUSAND = 1000;

/**
 * Cost per thousand impressions (CPM, "mille" being Latin for thousand).
 *
 * @remarks
 * ```text
 * costPerMille = cost * 1000 / impressions
 * ```
 * Money per 1,000 impressions: 1,000 times {@link costPerImpression}. Opened emails are
 * not impressions; cost per thousand opens is a different figure.
 *
 * @example
 * £1,000 for 10,000 impressions:
 * ```ts
 * costPerMille({ cost: 1000, impressions: 10000 }).toString() //=> '100'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `impressions` is 0; `NEGATIVE`
 * for a negative cost or count; `NOT_INTEGER` for a fractional count; `NOT_A_NUMBER` /
 * `NOT_FINITE` for unreadable values or a missing input object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Google Ads Help, "Cost-per-thousand impressions (CPM)".
 * @category Acquisition
 */
export function costPerMille(input: ImpressionCostInput): Decimal {
  const fn = "costPerMille";
  const i = record<ImpressionCostInput>(input, fn);
  const cost = nonNegative(i.cost, fn, "cost");
  const impressions = denominatorCount(i.impressions, fn, "impressions");
  return clean(cost.times(THOUSAND).div(impressions));
}
