import { flag, options as readOptions } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import { readRevenueMovements } from "../_lib/revenueMovements.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link netRevenueChurnRate}: recurring revenue movements of one period.
 *
 * @category Churn
 */
export interface NetRevenueChurnRateInput {
  /** Recurring revenue at the start of the period. */
  startRevenue: Numeric;
  /** Recurring revenue lost from customers who cancelled, as a positive amount. */
  churnedRevenue: Numeric;
  /** Recurring revenue lost to downgrades of customers who stayed, as a positive amount. Default 0. */
  contractionRevenue?: Numeric;
  /** Recurring revenue gained from upgrades of existing customers. Default 0. */
  expansionRevenue?: Numeric;
  /**
   * Recurring revenue of previously churned customers who came back during the period.
   * Default 0. It offsets losses only with `includeReactivation: true`.
   */
  reactivationRevenue?: Numeric;
}

/**
 * Options of {@link netRevenueChurnRate}.
 *
 * @category Churn
 */
export interface NetRevenueChurnRateOptions {
  /** Count downgrades (contraction) as lost revenue. Default `true`. */
  includeContraction?: boolean;
  /**
   * Let revenue from reactivated customers offset losses (ChartMogul's convention).
   * Default `false`: they were not customers at the start of the period.
   */
  includeReactivation?: boolean;
}

/**
 * Recurring revenue lost during a period net of expansion from existing customers, per unit
 * of revenue at its start; negative when expansion outweighs losses ("negative churn").
 *
 * @remarks
 * ```text
 * netRevenueChurnRate = (churnedRevenue + contractionRevenue
 *                        - expansionRevenue - reactivationRevenue) / startRevenue
 * ```
 * `contractionRevenue` is left out with `includeContraction: false`, `reactivationRevenue`
 * unless `includeReactivation: true`. Never clamped at 0. Revenue from new customers must
 * never be passed as an offset: only customers present at the start (and, by the chosen
 * convention, returning ones) can offset churn. With the same movements and options,
 * `netRevenueRetention = 1 - netRevenueChurnRate`.
 *
 * @example
 * $50,000 MRR at the start, $2,000 lost to cancellations, $2,500 gained from upgrades:
 * ```ts
 * netRevenueChurnRate({
 *   startRevenue: '50000', churnedRevenue: '2000', expansionRevenue: '2500',
 * }).toString() //=> '-0.01'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `startRevenue` is 0;
 * `INCONSISTENT` when churned plus contraction revenue exceed start plus expansion plus
 * reactivation revenue; `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an
 * input that is not an object; `INVALID_OPTION` for a non-boolean option.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Chart: Net MRR Churn Rate".
 * @category Churn
 */
export function netRevenueChurnRate(
  input: NetRevenueChurnRateInput,
  options?: NetRevenueChurnRateOptions,
): Decimal {
  const fn = "netRevenueChurnRate";
  const o = readOptions<NetRevenueChurnRateOptions>(options, fn);
  const includeContraction = flag(o.includeContraction, true, fn, "includeContraction");
  const includeReactivation = flag(o.includeReactivation, false, fn, "includeReactivation");
  const m = readRevenueMovements(input, fn, true);
  let net = m.churned.minus(m.expansion);
  if (includeContraction) net = net.plus(m.contraction);
  if (includeReactivation) net = net.minus(m.reactivation);
  return clean(net.div(m.start));
}
