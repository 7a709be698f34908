import { fail, flag } from "../_lib/assert.js";
import type { KaplanMeierResult } from "../cohorts/helpers/kaplanMeier.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions, textOption } from "./_svg/options.js";
import { list, maxOf, num, object, percent0, percent1, shortNumber, str } from "./_svg/read.js";
import { type XYSeries, xyChart } from "./_svg/xy.js";

const FN = "survivalChart";

/**
 * One named curve of {@link survivalChart}.
 *
 * @category Charts
 */
export interface SurvivalGroup {
  /** The group's name, shown in the legend (a plan, a channel, a cohort). */
  readonly name: string;
  /** The group's `kaplanMeier` result. */
  readonly result: KaplanMeierResult;
}

/**
 * Options of {@link survivalChart}.
 *
 * @category Charts
 */
export interface SurvivalChartOptions extends ChartOptions {
  /** Draw each curve's confidence band (the `lower` / `upper` of its points). Default `true`. */
  readonly band?: boolean | undefined;
  /** Draw a tick where subjects were censored. Default `true`. */
  readonly censored?: boolean | undefined;
  /** The unit of time, for the axis label (`'days'`, `'months'`). Default `'time'`. */
  readonly unit?: string | undefined;
}

/**
 * Kaplan–Meier survival curves: the share still active over time as steps, with the
 * confidence band and a tick at every censoring time; several groups on one chart.
 *
 * @remarks
 * Each curve starts at S(0) = 100 % and steps down at every churn time to Ŝ(t) =
 * Π (1 − dᵢ / nᵢ) (the `survival` of each point of `kaplanMeier`); the band is each point's
 * `lower` and `upper` (as `kaplanMeier` computed them: linear or log-log, at its
 * confidence), held until the next point; censoring ticks sit on the curve at the times
 * with `censored > 0`. Time is in the unit the durations were given in.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` naming each group with its median
 * survival time (or that it never reaches 50 %); colours from viridis or cividis, a legend.
 *
 * @example
 * ```ts
 * const monthly = kaplanMeier(monthlySubscribers)
 * const annual = kaplanMeier(annualSubscribers)
 * const svg = survivalChart([{ name: 'Monthly', result: monthly }, { name: 'Annual', result: annual }], { unit: 'days' })
 * ```
 * @param input - one `kaplanMeier` result, or named results to draw together
 * @param options - the band, ticks and unit, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when a result is not a `kaplanMeier`
 * result; `EMPTY` for an empty list of groups; `INVALID_OPTION` for a bad flag, `theme`,
 * `palette`, `id` or text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad
 * `width` or `height`.
 * @see Kaplan, E. L. & Meier, P. (1958), "Nonparametric Estimation from Incomplete Observations", JASA 53(282).
 * @category Charts
 */
export function survivalChart(
  input: KaplanMeierResult | readonly SurvivalGroup[],
  options?: SurvivalChartOptions,
): string {
  const { settings, options: o } = readChartOptions<SurvivalChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const showBand = flag(o.band, true, FN, "band");
  const showCensored = flag(o.censored, true, FN, "censored");
  const unit = textOption(o.unit, FN, "unit") ?? "time";
  const groups: { name: string; result: unknown; field: string }[] = Array.isArray(input)
    ? list(input, FN, "groups", true).map((g, i) => {
        const group = object(g, FN, `groups[${i}]`, "a group { name, result }");
        return {
          name: str(group.name, FN, `groups[${i}].name`),
          result: group.result,
          field: `groups[${i}].result`,
        };
      })
    : [{ name: "Survival", result: input, field: "result" }];
  if (groups.length > 100)
    fail(FN, "groups", "OUT_OF_RANGE", "must hold at most 100 groups", input);
  const colours = seriesColours(settings.palette, groups.length, settings.themeName);
  let tMax = 0;
  const sentences: string[] = [];
  const series: XYSeries[] = groups.map((g, i) => {
    const r = object(g.result, FN, g.field, "a kaplanMeier result");
    const raw = list(r.points, FN, `${g.field}.points`);
    const points = [{ x: 0, y: 1 }];
    const band = [{ x: 0, lower: 1, upper: 1 }];
    const ticks: { x: number; y: number }[] = [];
    for (const [k, p] of raw.entries()) {
      const f = `${g.field}.points[${k}]`;
      const pt = object(p, FN, f, "a Kaplan–Meier point");
      const x = num(pt.time, FN, `${f}.time`);
      const y = num(pt.survival, FN, `${f}.survival`);
      tMax = Math.max(tMax, x);
      points.push({ x, y });
      band.push({
        x,
        lower: num(pt.lower, FN, `${f}.lower`),
        upper: num(pt.upper, FN, `${f}.upper`),
      });
      if (num(pt.censored, FN, `${f}.censored`) > 0) ticks.push({ x, y });
    }
    const median =
      r.median === null || r.median === undefined ? null : num(r.median, FN, `${g.field}.median`);
    sentences.push(
      `${g.name}: ${raw.length} event ${raw.length === 1 ? "time" : "times"}, ` +
        (median === null
          ? `survival stays above 50 % (last ${percent1(points.at(-1)?.y ?? 1)})`
          : `median survival ${shortNumber(median)} ${unit}`),
    );
    return {
      name: g.name,
      colour: colours[i] as string,
      points,
      kind: "step",
      strokeWidth: 2,
      ...(showBand ? { band } : {}),
      ...(showCensored ? { ticks } : {}),
    } satisfies XYSeries;
  });
  return xyChart(settings, {
    kind: "survival",
    title: "Survival",
    description: `Kaplan–Meier survival curves. ${sentences.join("; ")}.`,
    xLabel: `Time since start (${unit})`,
    yLabel: "Still active (%)",
    xFormat: shortNumber,
    yFormat: percent0,
    xDomain: [0, maxOf([tMax], 1) || 1],
    yDomain: [0, 1],
    integerX: false,
    series,
    extraLegend: [
      ...(showBand
        ? [{ label: "confidence band", colour: settings.theme.axis, shape: "box" as const }]
        : []),
      ...(showCensored
        ? [{ label: "tick: censored", colour: settings.theme.axis, shape: "line" as const }]
        : []),
    ],
  });
}
