import { fail, flag, nonNegative, options as readOptions, record } from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link quickRatio}: recurring revenue movements of one period (losses positive).
 *
 * @category SaaS
 */
export interface QuickRatioInput {
  /** Recurring revenue from new customers. */
  newRevenue: Numeric;
  /** Recurring revenue gained from upgrades of existing customers. */
  expansionRevenue: Numeric;
  /** Recurring revenue lost from customers who cancelled. */
  churnedRevenue: Numeric;
  /** Recurring revenue lost to downgrades. */
  contractionRevenue: Numeric;
  /** Recurring revenue of returning customers. Default 0; counted only with `includeReactivation`. */
  reactivationRevenue?: Numeric;
}

/**
 * Options of {@link quickRatio}.
 *
 * @category SaaS
 */
export interface QuickRatioOptions {
  /** Add reactivation revenue to the gains. Default `false` (Mamoon Hamid's and Baremetrics' form). */
  includeReactivation?: boolean;
}

/**
 * Recurring revenue gained per unit of recurring revenue lost in a period (the SaaS quick ratio).
 *
 * @remarks
 * ```text
 * quickRatio = (newRevenue + expansionRevenue [+ reactivationRevenue])
 *              / (churnedRevenue + contractionRevenue)
 * ```
 * A dimensionless ratio: above 4 is usually called efficient growth, below 1 means
 * recurring revenue is shrinking. Reactivation counts only with `includeReactivation: true`.
 * With no losses at all the ratio is unbounded, and the function throws
 * `ZERO_DENOMINATOR` rather than returning 0 or Infinity, as some calculators do.
 *
 * @example
 * $25k new, $10k expansion, $8k churned, $4k contraction:
 * ```ts
 * round(quickRatio({
 *   newRevenue: 25000, expansionRevenue: 10000, churnedRevenue: 8000, contractionRevenue: 4000,
 * }), 4).toString() //=> '2.9167'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when churned plus contraction revenue
 * is 0; `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad amount or an input that is not
 * an object; `INVALID_OPTION` for a non-boolean `includeReactivation`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Baremetrics changelog, "New Quick Ratio Metric" (after Mamoon Hamid, Social Capital).
 * @category SaaS
 */
export function quickRatio(input: QuickRatioInput, options?: QuickRatioOptions): Decimal {
  const fn = "quickRatio";
  const i = record<QuickRatioInput>(input, fn);
  const o = readOptions<QuickRatioOptions>(options, fn);
  const includeReactivation = flag(o.includeReactivation, false, fn, "includeReactivation");
  const added = nonNegative(i.newRevenue, fn, "newRevenue");
  const expansion = nonNegative(i.expansionRevenue, fn, "expansionRevenue");
  const churned = nonNegative(i.churnedRevenue, fn, "churnedRevenue");
  const contraction = nonNegative(i.contractionRevenue, fn, "contractionRevenue");
  const reactivation =
    i.reactivationRevenue === undefined
      ? ZERO
      : nonNegative(i.reactivationRevenue, fn, "reactivationRevenue");
  const losses = churned.plus(contraction);
  if (losses.isZero()) {
    fail(
      fn,
      "churnedRevenue",
      "ZERO_DENOMINATOR",
      "plus contractionRevenue must be greater than 0 (with no losses the ratio is unbounded)",
      i.churnedRevenue,
    );
  }
  const gains = includeReactivation
    ? added.plus(expansion).plus(reactivation)
    : added.plus(expansion);
  return clean(gains.div(losses));
}
