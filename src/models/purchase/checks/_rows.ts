/**
 * Summary rows for the model checks: the history (frequency, recency, T) and, where the check
 * needs the holdout, `frequencyHoldout` and `durationHoldout` (as `summarizeTransactions` with
 * `calibrationEnd` writes them), with the weight and unit of each row.
 */
import { fail } from "../../../_lib/assert.js";
import type { Period } from "../../../types.js";
import { countFloat, nonNegativeFloat, readHistory, rowList } from "../_rows.js";
import { UNITS } from "../_units.js";

/** Validated rows as parallel float arrays (rows of weight 0 kept, with weight 0). */
export interface CheckRows {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Holdout purchases (empty without the holdout). */
  readonly holdout: Float64Array;
  /** Holdout length in the model's unit (empty without the holdout). */
  readonly duration: Float64Array;
  /** Σ weights. */
  readonly total: number;
}

/**
 * Read `summary` for `fn`: every row validated as the model fits validate theirs, its `unit`
 * (when given) equal to the model's, and with `holdout` the two holdout columns required.
 */
export function readCheckRows(
  summary: unknown,
  fn: string,
  unit: Period,
  holdout: boolean,
): CheckRows {
  const rows = rowList(summary, fn, "summary");
  if (rows.length === 0)
    fail(fn, "summary", "EMPTY", "must contain at least one customer", summary);
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const w = new Float64Array(n);
  const h = new Float64Array(holdout ? n : 0);
  const duration = new Float64Array(holdout ? n : 0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const name = `summary[${i}]`;
    const history = readHistory(rows[i], fn, name);
    const row = rows[i] as Record<string, unknown>;
    if (row.unit !== undefined && row.unit !== unit) {
      fail(
        fn,
        `${name}.unit`,
        (UNITS as readonly unknown[]).includes(row.unit) ? "INCONSISTENT" : "INVALID_OPTION",
        `must be the model's unit (${unit})`,
        row.unit,
      );
    }
    x[i] = history.x;
    tx[i] = history.tx;
    T[i] = history.T;
    const weight =
      row.weight === undefined ? 1 : nonNegativeFloat(row.weight, fn, `${name}.weight`);
    w[i] = weight;
    total += weight;
    if (!Number.isFinite(total)) {
      fail(
        fn,
        `${name}.weight`,
        "OUT_OF_RANGE",
        "takes the sum of the weights beyond the float64 range (1.8e308)",
        row.weight,
      );
    }
    if (holdout) {
      for (const field of ["frequencyHoldout", "durationHoldout"] as const) {
        if (row[field] === undefined) {
          fail(
            fn,
            `${name}.${field}`,
            "INVALID_OPTION",
            "is required (summarizeTransactions with calibrationEnd writes it)",
            row[field],
          );
        }
      }
      h[i] = countFloat(row.frequencyHoldout, fn, `${name}.frequencyHoldout`);
      duration[i] = nonNegativeFloat(row.durationHoldout, fn, `${name}.durationHoldout`);
    }
  }
  if (total === 0)
    fail(fn, "summary", "EMPTY", "must contain a row with a weight above 0", summary);
  return { x, tx, T, w, holdout: h, duration, total };
}
