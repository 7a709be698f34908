import { flag, options as readOptions } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import { readRevenueMovements } from "../_lib/revenueMovements.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link netRevenueRetention} and {@link grossRevenueRetention}: recurring revenue
 * (MRR, or ARR) movements of the customers present at the start of a period.
 *
 * @category Retention
 */
export interface RevenueRetentionInput {
  /** Recurring revenue at the start of the period. */
  startRevenue: Numeric;
  /** Recurring revenue gained from upgrades of existing customers. Default 0. */
  expansionRevenue?: Numeric;
  /** Recurring revenue lost to downgrades of customers who stayed, as a positive amount. Default 0. */
  contractionRevenue?: Numeric;
  /** Recurring revenue lost from customers who cancelled, as a positive amount. */
  churnedRevenue: Numeric;
  /**
   * Recurring revenue of previously churned customers who came back during the period.
   * Default 0. Counted by {@link netRevenueRetention} only with `includeReactivation: true`;
   * never by {@link grossRevenueRetention}.
   */
  reactivationRevenue?: Numeric;
}

/**
 * Options of {@link netRevenueRetention}.
 *
 * @category Retention
 */
export interface NetRevenueRetentionOptions {
  /**
   * Count revenue from reactivated customers as retained (ChartMogul's convention).
   * Default `false`: they were not paying at the start of the period.
   */
  includeReactivation?: boolean;
}

/**
 * Recurring revenue kept from the customers present at the start of a period, expansion
 * included, per unit of revenue at its start (NRR, also called net dollar retention).
 *
 * @remarks
 * ```text
 * netRevenueRetention = (startRevenue + expansionRevenue - contractionRevenue
 *                        - churnedRevenue [+ reactivationRevenue]) / startRevenue
 * ```
 * A fraction that exceeds 1 when expansion outweighs losses (1.07 is 107 % NRR). Revenue of
 * new customers never belongs here. `reactivationRevenue` counts only with
 * `includeReactivation: true`. With the same movements and options,
 * `netRevenueRetention = 1 - netRevenueChurnRate`; it is never clamped.
 *
 * NRR compounds across periods like a growth factor: 1.01 a month is 1.01^12 = 1.1268 a
 * year, not 1.12.
 *
 * @example
 * Start $100,000 ARR, $15,000 expansion, $8,000 churned:
 * ```ts
 * netRevenueRetention({
 *   startRevenue: '100000', expansionRevenue: '15000', churnedRevenue: '8000',
 * }).toString() //=> '1.07'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `startRevenue` is 0;
 * `INCONSISTENT` when churned plus contraction revenue exceed start plus expansion plus
 * reactivation revenue; `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an
 * input that is not an object; `INVALID_OPTION` for a non-boolean `includeReactivation`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Baremetrics changelog, "New metric: Net Revenue Retention"; ChartMogul Help Center, "Cohort: Net MRR Retention".
 * @category Retention
 */
export function netRevenueRetention(
  input: RevenueRetentionInput,
  options?: NetRevenueRetentionOptions,
): Decimal {
  const fn = "netRevenueRetention";
  const o = readOptions<NetRevenueRetentionOptions>(options, fn);
  const includeReactivation = flag(o.includeReactivation, false, fn, "includeReactivation");
  const m = readRevenueMovements(input, fn, true);
  let kept = m.start.plus(m.expansion).minus(m.contraction).minus(m.churned);
  if (includeReactivation) kept = kept.plus(m.reactivation);
  return clean(kept.div(m.start));
}
