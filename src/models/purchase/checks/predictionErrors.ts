import type { Decimal } from "../../../_lib/decimal.js";
import type { PurchaseModelValue, PurchaseSummaryRow } from "../types.js";
import { readModel } from "./_model.js";
import { readCheckRows } from "./_rows.js";
import { decimal } from "./_shared.js";

/**
 * Result of {@link predictionErrors}.
 *
 * @category Models
 */
export interface PredictionErrors {
  /** Per summary row, in its order: purchases predicted for the holdout period. */
  readonly predicted: Float64Array;
  /** Per summary row: purchases made in the holdout period. */
  readonly actual: Float64Array;
  /** Per summary row: predicted − actual. */
  readonly error: Float64Array;
  /** Σ w·|error| / Σ w: the mean absolute error per customer. */
  readonly meanAbsoluteError: Decimal;
  /** √(Σ w·error² / Σ w): the root mean squared error per customer. */
  readonly rootMeanSquaredError: Decimal;
  /** Σ w·error / Σ w: the mean error per customer (negative: the model predicts too few). */
  readonly bias: Decimal;
  /** Σ w·predicted: purchases the model predicts for the whole base. */
  readonly predictedTotal: Decimal;
  /** Σ w·actual: purchases the whole base made. */
  readonly actualTotal: Decimal;
  /** (predictedTotal − actualTotal) / actualTotal; `null` when no holdout purchase was made. */
  readonly totalRelativeError: Decimal | null;
}

const FN = "predictionErrors";

/**
 * How far a purchase model's holdout predictions fall from what each customer did: per
 * customer, and summed over the base.
 *
 * @remarks
 * For each row i (weight w_i), predicted_i = E[Y(durationHoldout_i) | x_i, t_x,i, T_i] and
 * actual_i = frequencyHoldout_i (rows of `summarizeTransactions` with `calibrationEnd`, in the
 * model's unit):
 * ```text
 * error_i = predicted_i − actual_i
 * MAE  = Σ w_i |error_i| / Σ w_i        RMSE = √(Σ w_i error_i² / Σ w_i)
 * bias = Σ w_i error_i / Σ w_i          total relative error = Σ w_i error_i / Σ w_i actual_i
 * ```
 * Purchases are counts per customer in the holdout period. The per-row arrays are float64 (for
 * a chart or a histogram of errors, one entry per row, rows of weight 0 included); the
 * summaries are Decimals of the float64 sums.
 *
 * @example
 * CDNOW, BG/NBD fitted to the 39-week calibration, 39-week holdout:
 * ```ts
 * const e = predictionErrors(bg, summary)
 * e.meanAbsoluteError.toFixed(3)    //=> '0.785'
 * e.rootMeanSquaredError.toFixed(3) //=> '1.608'
 * e.bias.toFixed(3)                 //=> '-0.097'
 * e.actualTotal.toString()          //=> '1882'
 * ```
 * @throws {@link MetricInputError} as {@link calibrationVsHoldout} (a bad model, row or
 *   holdout column).
 * @see Hyndman & Koehler (2006), "Another look at measures of forecast accuracy",
 *   International Journal of Forecasting 22(4), 679–688 (MAE, RMSE).
 * @category Models
 */
export function predictionErrors<P extends string>(
  model: PurchaseModelValue<P>,
  summary: Iterable<PurchaseSummaryRow>,
): PredictionErrors {
  const m = readModel(model, FN);
  const rows = readCheckRows(summary, FN, m.unit, true);
  const n = rows.x.length;
  const predicted = new Float64Array(n);
  const actual = Float64Array.from(rows.holdout);
  const error = new Float64Array(n);
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  let predictedTotal = 0;
  let actualTotal = 0;
  for (let i = 0; i < n; i++) {
    const p = m.conditional(
      rows.x[i] as number,
      rows.tx[i] as number,
      rows.T[i] as number,
      rows.duration[i] as number,
    );
    const e = p - (actual[i] as number);
    predicted[i] = p;
    error[i] = e;
    const w = rows.w[i] as number;
    if (w === 0) continue;
    absolute += w * Math.abs(e);
    squared += w * e * e;
    signed += w * e;
    predictedTotal += w * p;
    actualTotal += w * (actual[i] as number);
  }
  const total = rows.total;
  return Object.freeze({
    predicted,
    actual,
    error,
    meanAbsoluteError: decimal(absolute / total),
    rootMeanSquaredError: decimal(Math.sqrt(squared / total)),
    bias: decimal(signed / total),
    predictedTotal: decimal(predictedTotal),
    actualTotal: decimal(actualTotal),
    totalRelativeError:
      actualTotal === 0 ? null : decimal((predictedTotal - actualTotal) / actualTotal),
  });
}
