import { flag } from "../_lib/assert.js";
import type { TrackingCurves } from "../models/purchase/checks/trackingCurves.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { capitalise, list, maxOf, minOf, num, object, shortNumber, str } from "./_svg/read.js";
import { xyChart } from "./_svg/xy.js";

const FN = "trackingChart";

/**
 * Options of {@link trackingChart}.
 *
 * @category Charts
 */
export interface TrackingChartOptions extends ChartOptions {
  /** Cumulative purchases (default `true`) or purchases per period (`false`). */
  readonly cumulative?: boolean | undefined;
  /** The period where the calibration data ends (a vertical line), if the curves run past it. */
  readonly calibrationEnd?: number | undefined;
}

/**
 * Repeat purchases over time, actual against the model's expectation: the tracking plot of
 * a BG/NBD or Pareto/NBD fit.
 *
 * @remarks
 * x = the period index of `trackingCurves` (periods of its `period` since its `start`),
 * y = `actualCumulative` and `expectedCumulative` (or the incremental figures), in repeat
 * purchases of the whole customer base. The same picture as lifetimes'
 * `plot_cumulative_transactions` / `plot_incremental_transactions`.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the last period's figures and the
 * mean absolute error, palette colours, the model dashed, a legend.
 *
 * @example
 * ```ts
 * const svg = trackingChart(trackingCurves(model, transactions, { observationEnd: '1998-06-30', period: 'week' }))
 * ```
 * @param input - the result of `trackingCurves`
 * @param options - cumulative or per period, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is not a `trackingCurves`
 * result; `EMPTY` when it has no points; `INVALID_OPTION` for a bad flag, `theme`,
 * `palette`, `id` or text option; `NOT_FINITE` / `NOT_INTEGER` / `NEGATIVE` /
 * `OUT_OF_RANGE` for a bad `calibrationEnd`, `width` or `height`.
 * @see Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2), figure 2.
 * @category Charts
 */
export function trackingChart(input: TrackingCurves, options?: TrackingChartOptions): string {
  const { settings, options: o } = readChartOptions<TrackingChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const cumulative = flag(o.cumulative, true, FN, "cumulative");
  const end =
    o.calibrationEnd === undefined ? undefined : num(o.calibrationEnd, FN, "calibrationEnd");
  const r = object(input, FN, "input", "a trackingCurves result");
  const period = typeof r.period === "string" ? r.period : "period";
  const raw = list(r.points, FN, "points", true);
  const actual: { x: number; y: number }[] = [];
  const expected: { x: number; y: number }[] = [];
  for (const [i, p] of raw.entries()) {
    const pt = object(p, FN, `points[${i}]`, "a tracking point");
    const x = num(pt.index, FN, `points[${i}].index`);
    const a = cumulative ? pt.actualCumulative : pt.actualIncremental;
    const e = cumulative ? pt.expectedCumulative : pt.expectedIncremental;
    actual.push({
      x,
      y: num(a, FN, `points[${i}].actual${cumulative ? "Cumulative" : "Incremental"}`),
    });
    expected.push({
      x,
      y: num(e, FN, `points[${i}].expected${cumulative ? "Cumulative" : "Incremental"}`),
    });
  }
  const xs = actual.map((p) => p.x);
  const top = maxOf(
    [...actual, ...expected].map((p) => p.y),
    1,
  );
  const [ca, ce] = seriesColours(settings.palette, 2, settings.themeName) as [string, string];
  const lastA = actual.at(-1) as { x: number; y: number };
  const lastE = expected.at(-1) as { x: number; y: number };
  const start = typeof r.start === "string" ? str(r.start, FN, "start").slice(0, 10) : undefined;
  return xyChart(settings, {
    kind: "tracking",
    title: cumulative ? "Cumulative repeat purchases" : "Repeat purchases per period",
    description:
      `${cumulative ? "Cumulative repeat purchases" : "Repeat purchases"} by ${period}` +
      (start ? ` from ${start}` : "") +
      `, actual and expected by the model: after ${period} ${lastA.x}, ${shortNumber(lastA.y)} actual and ${shortNumber(lastE.y)} expected.`,
    xLabel: `${capitalise(period)}s since ${start ?? "the start"}`,
    yLabel: cumulative ? "Repeat purchases (cumulative)" : `Repeat purchases per ${period}`,
    xFormat: (v) => String(v),
    yFormat: shortNumber,
    xDomain: [minOf(xs, 0), maxOf(xs, 1)],
    yDomain: [0, Math.max(top, 0.01)],
    integerX: true,
    series: [
      { name: "actual", colour: ca, points: actual, kind: "line" },
      { name: "expected (model)", colour: ce, points: expected, kind: "line", dashed: true },
    ],
    ...(end === undefined ? {} : { markers: [{ x: end, label: "end of calibration" }] }),
  });
}
