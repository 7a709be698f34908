import type { Decimal } from "../../../_lib/decimal.js";
import type { PurchaseModelValue, PurchaseSummaryRow } from "../types.js";
import { readModel } from "./_model.js";
import { readCheckRows } from "./_rows.js";
import { decimal, type FrequencyBinsOptions, readMaxFrequency } from "./_shared.js";

/**
 * One bar pair of {@link periodTransactions}.
 *
 * @category Models
 */
export interface PeriodTransactionsBin {
  /** Repeat purchases in the calibration period (the lower end, for the last bin). */
  readonly frequency: number;
  /** Whether the bin holds `frequency` or more (the last bin). */
  readonly orMore: boolean;
  /** Customers the model expects with that many repeat purchases. */
  readonly expected: Decimal;
  /** Customers with that many repeat purchases (weights summed). */
  readonly actual: Decimal;
}

/**
 * Result of {@link periodTransactions}.
 *
 * @category Models
 */
export interface PeriodTransactions {
  /** Bins 0, 1, …, maxFrequency − 1 and "maxFrequency or more". */
  readonly bins: readonly PeriodTransactionsBin[];
  /** Customers in the summary (Σ weights); both columns sum to it. */
  readonly customers: Decimal;
}

const FN = "periodTransactions";

/**
 * Expected versus actual numbers of customers by number of repeat purchases in the calibration
 * period: the first check of a purchase model's fit (a bar chart of two series).
 *
 * @remarks
 * ```text
 * expected[n] = Σ_i w_i · P(X(T_i) = n)            n = 0 … m − 1
 * expected[m] = Σ_i w_i · (1 − Σ_{n<m} P(X(T_i) = n))   ("m or more")
 * actual[n]   = Σ_i w_i · 1{x_i = n},   actual[m] = Σ_i w_i · 1{x_i ≥ m}
 * ```
 * with T_i each customer's own age (in the model's unit) and P(X(t) = n) the model's
 * distribution of repeat purchases of a new customer in (0, t]: Fader, Hardie & Lee (2005,
 * eq. 8) for the BG/NBD, its analogue for the MBG/NBD (lifetimes'
 * `probability_of_n_purchases_up_to_time`), and for the Pareto/NBD the mixture over the time
 * of death, integrated numerically: the models' `probabilityOfPurchases`. This is the analytic form of lifetimes'
 * `plot_period_transactions`, which draws the expected bars from one simulated data set
 * instead. Counts are customers (weights summed), as Decimals from float64 sums; both columns
 * sum to `customers`. `m` is `options.maxFrequency` (default 7).
 *
 * @example
 * The CDNOW sample's calibration summary (2,357 customers, 39 weeks) and its BG/NBD:
 * ```ts
 * const check = periodTransactions(bg, calibration)
 * check.bins.map((b) => b.actual.toNumber())               //=> [1411, 439, 214, 100, 62, 38, 29, 64]
 * check.bins.map((b) => Math.round(b.expected.toNumber())) //=> [1408, 460, 192, 101, 60, 38, 26, 72]
 * ```
 * @throws {@link MetricInputError} `INVALID_OPTION` when `model` is not a BG/NBD, MBG/NBD or
 *   Pareto/NBD model of the library, `options` is not an object, or a row's `unit` differs
 *   from the model's (`INCONSISTENT` for a known unit); `EMPTY` for no rows (or weights all 0);
 *   for a bad row, the errors of the model fits (`summary[i].frequency` `NEGATIVE` /
 *   `NOT_INTEGER`, `summary[i].recency` `INCONSISTENT`, …); `NOT_INTEGER` / `OUT_OF_RANGE` for
 *   `options.maxFrequency` not a whole number from 1 to 1000.
 * @see Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science
 *   24(2), 275–284, Figure 2 and eq. 8.
 * @category Models
 */
export function periodTransactions<P extends string>(
  model: PurchaseModelValue<P>,
  summary: Iterable<PurchaseSummaryRow>,
  options?: FrequencyBinsOptions,
): PeriodTransactions {
  const m = readModel(model, FN);
  const maxFrequency = readMaxFrequency(options, FN);
  const rows = readCheckRows(summary, FN, m.unit, false);
  const expected = new Float64Array(maxFrequency + 1);
  const actual = new Float64Array(maxFrequency + 1);
  // P(X(T) = n) once per distinct age.
  const byAge = new Map<number, number>();
  for (let i = 0; i < rows.T.length; i++) {
    const w = rows.w[i] as number;
    if (w === 0) continue;
    const T = rows.T[i] as number;
    byAge.set(T, (byAge.get(T) ?? 0) + w);
    const x = rows.x[i] as number;
    const bin = x >= maxFrequency ? maxFrequency : x;
    actual[bin] = (actual[bin] as number) + w;
  }
  for (const [T, w] of byAge) {
    let sum = 0;
    for (let n = 0; n < maxFrequency; n++) {
      const q = m.probability(n, T);
      expected[n] = (expected[n] as number) + w * q;
      sum += q;
    }
    expected[maxFrequency] = (expected[maxFrequency] as number) + w * Math.max(0, 1 - sum);
  }
  const bins: PeriodTransactionsBin[] = [];
  for (let n = 0; n <= maxFrequency; n++) {
    bins.push(
      Object.freeze({
        frequency: n,
        orMore: n === maxFrequency,
        expected: decimal(expected[n] as number),
        actual: decimal(actual[n] as number),
      }),
    );
  }
  return Object.freeze({ bins: Object.freeze(bins), customers: decimal(rows.total) });
}
