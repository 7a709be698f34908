import { denominatorCount, nonNegative, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * Input of {@link averageRevenuePerAccount}.
 *
 * @category SaaS
 */
export interface AverageRevenuePerAccountInput {
  /** Revenue of the period, usually MRR (then ARPA is monthly). */
  revenue: Numeric;
  /** Active (paying) accounts the revenue comes from. */
  accounts: Numeric;
}

/**
 * Average revenue per account (ARPA): recurring revenue divided by the active accounts paying it.
 *
 * @remarks
 * ```text
 * averageRevenuePerAccount = revenue / accounts
 * ```
 * Money per account in `revenue`'s unit and period (MRR gives a monthly ARPA). Count the
 * accounts that pay the revenue, at the same moment: MRR at the end of a month with
 * accounts active at the end of that month. Passing all users, free ones included, gives
 * ARPU instead; passing paying users gives ARPPU, and the doc of the result should say
 * which.
 *
 * @example
 * $12,500 MRR from 150 subscribers:
 * ```ts
 * round(averageRevenuePerAccount({ revenue: '12500', accounts: 150 }), 2).toString() //=> '83.33'
 * ```
 * @throws {@link MetricInputError} `ZERO_DENOMINATOR` when `accounts` is 0; `NEGATIVE` /
 * `NOT_INTEGER` / `NOT_A_NUMBER` / `NOT_FINITE` for bad input or an input that is not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Metric: Average Revenue Per Account (ARPA)".
 * @category SaaS
 */
export function averageRevenuePerAccount(input: AverageRevenuePerAccountInput): Decimal {
  const fn = "averageRevenuePerAccount";
  const i = record<AverageRevenuePerAccountInput>(input, fn);
  const revenue = nonNegative(i.revenue, fn, "revenue");
  const accounts = denominatorCount(i.accounts, fn, "accounts");
  return clean(revenue.div(accounts));
}
