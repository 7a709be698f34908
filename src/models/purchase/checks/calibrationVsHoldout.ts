import type { Decimal } from "../../../_lib/decimal.js";
import type { PurchaseModelValue, PurchaseSummaryRow } from "../types.js";
import { readModel } from "./_model.js";
import { readCheckRows } from "./_rows.js";
import { decimal, type FrequencyBinsOptions, readMaxFrequency } from "./_shared.js";

/**
 * One point pair of {@link calibrationVsHoldout}.
 *
 * @category Models
 */
export interface CalibrationVsHoldoutBin {
  /** Repeat purchases in the calibration period (the lower end, for the last bin). */
  readonly frequency: number;
  /** Whether the bin holds `frequency` or more (the last bin). */
  readonly orMore: boolean;
  /** Customers in the bin (weights summed). */
  readonly customers: Decimal;
  /** Mean purchases in the holdout period; `null` for an empty bin. */
  readonly actual: Decimal | null;
  /** Mean purchases the model predicts for the holdout period; `null` for an empty bin. */
  readonly predicted: Decimal | null;
}

/**
 * Result of {@link calibrationVsHoldout}.
 *
 * @category Models
 */
export interface CalibrationVsHoldout {
  /** Bins 0, 1, …, maxFrequency − 1 and "maxFrequency or more". */
  readonly bins: readonly CalibrationVsHoldoutBin[];
}

const FN = "calibrationVsHoldout";

/**
 * Purchases in the holdout period, actual against predicted, averaged over the customers of
 * each calibration frequency: the conditional-expectation check of a purchase model (two
 * lines over the frequency bins).
 *
 * @remarks
 * For the customers i of a bin (calibration frequency n; the last bin n ≥ m), with weights w_i:
 * ```text
 * actual    = Σ w_i · frequencyHoldout_i / Σ w_i
 * predicted = Σ w_i · E[Y(durationHoldout_i) | x_i, t_x,i, T_i] / Σ w_i
 * ```
 * Rows come from `summarizeTransactions` with `calibrationEnd` (their `frequencyHoldout` and
 * `durationHoldout`), in the model's unit; the model is usually fitted to the same rows.
 * lifetimes' `plot_calibration_purchases_vs_holdout_purchases` draws the same means for bins
 * 0 … m − 1 (with the first row's holdout length for every customer); the last bin here adds
 * the customers with m or more, as Fader, Hardie & Lee's Figure 4 ("7+"). An empty bin has
 * `null` means. `m` is `options.maxFrequency` (default 7).
 *
 * @example
 * CDNOW, BG/NBD fitted to the 39-week calibration, 39-week holdout:
 * ```ts
 * const bins = calibrationVsHoldout(bg, summary).bins
 * bins[0].actual?.toFixed(3)    //=> '0.237'
 * bins[0].predicted?.toFixed(3) //=> '0.225'
 * ```
 * @throws {@link MetricInputError} as {@link periodTransactions}, and `INVALID_OPTION` for a
 *   row without `frequencyHoldout` or `durationHoldout` (field `summary[i].frequencyHoldout`);
 *   `NEGATIVE` / `NOT_INTEGER` for a bad holdout count, `NEGATIVE` for a negative duration.
 * @see Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science
 *   24(2), 275–284, Figure 4 (conditional expectations).
 * @category Models
 */
export function calibrationVsHoldout<P extends string>(
  model: PurchaseModelValue<P>,
  summary: Iterable<PurchaseSummaryRow>,
  options?: FrequencyBinsOptions,
): CalibrationVsHoldout {
  const m = readModel(model, FN);
  const maxFrequency = readMaxFrequency(options, FN);
  const rows = readCheckRows(summary, FN, m.unit, true);
  const weight = new Float64Array(maxFrequency + 1);
  const actual = new Float64Array(maxFrequency + 1);
  const predicted = new Float64Array(maxFrequency + 1);
  for (let i = 0; i < rows.x.length; i++) {
    const w = rows.w[i] as number;
    if (w === 0) continue;
    const x = rows.x[i] as number;
    const bin = x >= maxFrequency ? maxFrequency : x;
    const prediction = m.conditional(
      x,
      rows.tx[i] as number,
      rows.T[i] as number,
      rows.duration[i] as number,
    );
    weight[bin] = (weight[bin] as number) + w;
    actual[bin] = (actual[bin] as number) + w * (rows.holdout[i] as number);
    predicted[bin] = (predicted[bin] as number) + w * prediction;
  }
  const bins: CalibrationVsHoldoutBin[] = [];
  for (let n = 0; n <= maxFrequency; n++) {
    const w = weight[n] as number;
    bins.push(
      Object.freeze({
        frequency: n,
        orMore: n === maxFrequency,
        customers: decimal(w),
        actual: w === 0 ? null : decimal((actual[n] as number) / w),
        predicted: w === 0 ? null : decimal((predicted[n] as number) / w),
      }),
    );
  }
  return Object.freeze({ bins: Object.freeze(bins) });
}
