import type { CalibrationVsHoldout } from "../models/purchase/checks/calibrationVsHoldout.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { list, maxOf, nullableNum, num, object, shortNumber } from "./_svg/read.js";
import { xyChart } from "./_svg/xy.js";

const FN = "calibrationHoldoutChart";

/**
 * Options of {@link calibrationHoldoutChart}: the common {@link ChartOptions}.
 *
 * @category Charts
 */
export interface CalibrationHoldoutChartOptions extends ChartOptions {}

/**
 * Mean purchases in the holdout period by calibration frequency, actual against the model's
 * conditional expectation: whether the fit predicts out of sample.
 *
 * @remarks
 * x = the calibration frequency bin (the last gathers `x+`), y = the mean holdout purchases
 * per customer of the bin: `actual` and `predicted` (E[X(t) | x, t_x, T]) of
 * `calibrationVsHoldout`. Bins without customers (`null`) are skipped. The same picture as
 * lifetimes' `plot_calibration_purchases_vs_holdout_purchases`.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the first bins' figures, palette
 * colours, the model dashed, a legend.
 *
 * @example
 * ```ts
 * const svg = calibrationHoldoutChart(calibrationVsHoldout(model, rows))
 * ```
 * @param input - the result of `calibrationVsHoldout`
 * @param options - the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is not a
 * `calibrationVsHoldout` result; `EMPTY` when it has no bins; `INVALID_OPTION` for a bad
 * `theme`, `palette`, `id` or text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a
 * bad `width` or `height`.
 * @see Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2), figure 3.
 * @category Charts
 */
export function calibrationHoldoutChart(
  input: CalibrationVsHoldout,
  options?: CalibrationHoldoutChartOptions,
): string {
  const { settings } = readChartOptions<CalibrationHoldoutChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const bins = list(
    object(input, FN, "input", "a calibrationVsHoldout result").bins,
    FN,
    "bins",
    true,
  );
  const actual: { x: number; y: number }[] = [];
  const predicted: { x: number; y: number }[] = [];
  let last = 0;
  let orMore = false;
  for (const [i, b] of bins.entries()) {
    const bin = object(b, FN, `bins[${i}]`, "a frequency bin");
    const x = num(bin.frequency, FN, `bins[${i}].frequency`);
    last = Math.max(last, x);
    if (bin.orMore === true) orMore = true;
    const a = nullableNum(bin.actual ?? null, FN, `bins[${i}].actual`);
    const p = nullableNum(bin.predicted ?? null, FN, `bins[${i}].predicted`);
    if (a !== null) actual.push({ x, y: a });
    if (p !== null) predicted.push({ x, y: p });
  }
  const [ca, cp] = seriesColours(settings.palette, 2, settings.themeName) as [string, string];
  const top = maxOf(
    [...actual, ...predicted].map((p) => p.y),
    1,
  );
  const firsts = actual
    .slice(0, 4)
    .map(
      (p) =>
        `${p.x}: ${shortNumber(p.y)} actual, ${shortNumber(predicted.find((q) => q.x === p.x)?.y ?? 0)} predicted`,
    );
  return xyChart(settings, {
    kind: "calibration-holdout",
    title: "Calibration versus holdout",
    description: `Mean purchases per customer in the holdout period by purchases in the calibration period, actual and predicted. ${firsts.join("; ")}.`,
    xLabel: "Repeat purchases in the calibration period",
    yLabel: "Mean purchases in the holdout period",
    xFormat: (v) => (orMore && v === last ? `${v}+` : String(v)),
    yFormat: shortNumber,
    xDomain: [0, Math.max(1, last)],
    yDomain: [0, Math.max(top, 0.01)],
    integerX: true,
    series: [
      { name: "actual", colour: ca, points: actual, kind: "line", markers: true },
      {
        name: "predicted (model)",
        colour: cp,
        points: predicted,
        kind: "line",
        dashed: true,
        markers: true,
      },
    ],
  });
}
