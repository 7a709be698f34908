import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import { readRevenueMovements } from "../_lib/revenueMovements.js";
import type { RevenueRetentionInput } from "./netRevenueRetention.js";

/**
 * Recurring revenue kept from the customers present at the start of a period, ignoring
 * expansion, per unit of revenue at its start (GRR, also called gross dollar retention).
 *
 * @remarks
 * ```text
 * grossRevenueRetention = max(0, (startRevenue - contractionRevenue - churnedRevenue) / startRevenue)
 * ```
 * A fraction in [0, 1]: expansion and reactivation never raise it, so it cannot exceed 1,
 * and it stops at 0 when revenue that grew during the period before being lost makes the
 * losses exceed the starting amount. Otherwise `grossRevenueRetention = 1 -
 * grossRevenueChurnRate` with the same movements. `expansionRevenue` and
 * `reactivationRevenue` are read only to check that the losses are possible.
 *
 * @example
 * Start $100, $10 churned, $10 contraction, $10 expansion:
 * ```ts
 * grossRevenueRetention({
 *   startRevenue: 100, churnedRevenue: 10, contractionRevenue: 10, expansionRevenue: 10,
 * }).toString() //=> '0.8'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `startRevenue` is 0;
 * `INCONSISTENT` when churned plus contraction revenue exceed start plus expansion plus
 * reactivation revenue; `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an
 * input that is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Metric: MRR Churn Rate" (gross MRR churn, whose complement this is).
 * @category Retention
 */
export function grossRevenueRetention(input: RevenueRetentionInput): Decimal {
  const m = readRevenueMovements(input, "grossRevenueRetention", true);
  const kept = m.start.minus(m.contraction).minus(m.churned);
  return clean(kept.isNegative() ? ZERO : kept.div(m.start));
}
