import { fail, option } from "../_lib/assert.js";
import type { PredictionMatrix } from "../models/purchase/types.js";
import { type HeatmapRow, heatmap } from "./_svg/heatmap.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { list, nullableNum, num, object, percent0, shortNumber } from "./_svg/read.js";

const FN = "matrixHeatmap";

/**
 * Options of {@link matrixHeatmap}.
 *
 * @category Charts
 */
export interface MatrixHeatmapOptions extends ChartOptions {
  /**
   * What the matrix holds: `'expectedPurchases'` (from `model.expectedPurchasesMatrix`) or
   * `'probabilityAlive'` (from `model.probabilityAliveMatrix`). Sets the labels and the scale.
   */
  readonly value: "expectedPurchases" | "probabilityAlive";
  /** Draw the values in the cells: `'auto'` (default: when they fit), `'always'` or `'never'`. */
  readonly labels?: "auto" | "always" | "never" | undefined;
}

/**
 * A model's prediction over the frequency × recency grid as a shaded table: expected
 * purchases or the probability of being alive for every history (x, t_x) at age T.
 *
 * @remarks
 * Rows are the frequencies x (highest on top), columns the recencies t_x, each cell
 * `values[i][j]` of the model's `expectedPurchasesMatrix` / `probabilityAliveMatrix`;
 * histories no customer can have (`null`: t_x > T, or x = 0 with t_x > 0) are left empty.
 * P(alive) is shaded from 0 to 100 %, expected purchases from 0 to the largest value.
 * lifetimes' `plot_frequency_recency_matrix` and `plot_probability_alive_matrix`.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` naming the grid and the range of the
 * values; every cell has a `<title>`; viridis or cividis with black or white labels,
 * whichever contrasts more (at least 4.58:1).
 *
 * @example
 * ```ts
 * const m = model.probabilityAliveMatrix({ T: 39 })
 * const svg = matrixHeatmap(m, { value: 'probabilityAlive' })
 * ```
 * @param matrix - the result of a model's `expectedPurchasesMatrix` or `probabilityAliveMatrix`
 * @param options - what the matrix holds, labels, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `matrix` is not a prediction matrix;
 * `EMPTY` when it has no rows; `INCONSISTENT` when a row's length differs from the
 * recencies; `INVALID_OPTION` for a missing or unknown `value`, bad `labels`, `theme`,
 * `palette`, `id` or text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad
 * `width` or `height`.
 * @see Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", J. Marketing Research 42(4).
 * @category Charts
 */
export function matrixHeatmap(matrix: PredictionMatrix, options: MatrixHeatmapOptions): string {
  const { settings, options: o } = readChartOptions<MatrixHeatmapOptions>(options, FN, {
    width: 760,
    height: 520,
  });
  if (o.value === undefined)
    fail(
      FN,
      "value",
      "INVALID_OPTION",
      'must be one of "expectedPurchases", "probabilityAlive"',
      o.value,
    );
  const value = option(
    o.value,
    ["expectedPurchases", "probabilityAlive"] as const,
    "probabilityAlive",
    FN,
    "value",
  );
  const labels = option(o.labels, ["auto", "always", "never"] as const, "auto", FN, "labels");
  const m = object(matrix, FN, "matrix", "a prediction matrix");
  const T = num(m.T, FN, "matrix.T");
  const frequency = list(m.frequency, FN, "matrix.frequency", true).map((v, i) =>
    num(v, FN, `matrix.frequency[${i}]`),
  );
  const recency = list(m.recency, FN, "matrix.recency", true).map((v, i) =>
    num(v, FN, `matrix.recency[${i}]`),
  );
  const values = list(m.values, FN, "matrix.values", true);
  if (values.length !== frequency.length)
    fail(
      FN,
      "matrix.values",
      "INCONSISTENT",
      `must have one row per frequency (${frequency.length})`,
      values,
    );
  const rows: HeatmapRow[] = [];
  let hi = 0;
  for (const [i, rawRow] of values.entries()) {
    const row = list(rawRow, FN, `matrix.values[${i}]`);
    if (row.length !== recency.length)
      fail(
        FN,
        `matrix.values[${i}]`,
        "INCONSISTENT",
        `must have one value per recency (${recency.length})`,
        rawRow,
      );
    const cells = row.map((v, j) => nullableNum(v, FN, `matrix.values[${i}][${j}]`));
    for (const v of cells) if (v !== null && v > hi) hi = v;
    rows.push({ key: String(frequency[i]), label: String(frequency[i]), values: cells });
  }
  rows.reverse();
  const alive = value === "probabilityAlive";
  const fmt = alive ? percent0 : shortNumber;
  return heatmap(settings, {
    kind: alive ? "probability-alive-matrix" : "expected-purchases-matrix",
    title: alive
      ? "Probability alive by frequency and recency"
      : "Expected purchases by frequency and recency",
    description:
      `${alive ? "Probability that a customer is still alive" : "Expected purchases in the horizon"} ` +
      `for ${frequency.length} frequencies (${frequency[0]} to ${frequency.at(-1)}) and ` +
      `${recency.length} recencies (${recency[0]} to ${recency.at(-1)}) at age T = ${shortNumber(T)}; ` +
      `the largest value is ${fmt(hi)}.`,
    rowHeader: "Frequency",
    columns: recency.map((r) => shortNumber(r)),
    columnCaption: `Recency (age at the last purchase, in the model's unit; T = ${shortNumber(T)})`,
    rows,
    format: fmt,
    domain: [0, alive ? 1 : Math.max(hi, 1e-9)],
    labels,
  });
}
