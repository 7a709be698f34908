import { flag } from "../_lib/assert.js";
import type {
  CohortTable,
  RetentionMode,
  RetentionTable,
  RetentionTableWithIntervals,
} from "../cohorts/engine/types.js";
import { isCohortTable, readMode } from "./_cohort.js";
import { columnCount, curveSeries, readCurves } from "./_curves.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { capitalise, maxOf, object, percent0, percent1 } from "./_svg/read.js";
import { xyChart } from "./_svg/xy.js";

const FN = "retentionCurves";

/**
 * Options of {@link retentionCurves}.
 *
 * @category Charts
 */
export interface RetentionCurvesOptions extends ChartOptions {
  /**
   * Draw the 95 % Wilson interval of every curve as a shaded band. With a {@link CohortTable}
   * the intervals are computed (`table.retention({ mode, intervals: {} })`); with a retention
   * table they are drawn when it carries them. Default `false` for a cohort table, `true`
   * for a retention table with intervals.
   */
  readonly intervals?: boolean | undefined;
  /** Retention mode when `input` is a cohort table (see {@link CohortTable.retention}). Default `'classic'`. */
  readonly mode?: RetentionMode | undefined;
  /** Draw the pooled curve (all cohorts). Default `true`. */
  readonly pooled?: boolean | undefined;
  /** Draw the curve of every cohort. Default `true`. */
  readonly cohorts?: boolean | undefined;
}

/**
 * Retention curves: the share of each cohort active k periods after it started, one line per
 * cohort and a thick pooled line, with confidence bands on request.
 *
 * @remarks
 * y = `rates[k]` = retained / size of each cohort and `average[k]` = Σ retained / Σ sizes
 * (cohorts with period k complete), in percent; x = k, the periods since the cohort's first
 * period. Incomplete periods are not drawn (each line stops at its last complete period).
 * With `intervals`, each line has the band of its Wilson score interval (95 %), which stays
 * in [0, 100 %].
 *
 * Accessibility: `role="img"`, `<title>`, and a `<desc>` naming the cohorts and the pooled
 * retention at the first periods; colours from viridis or cividis, the pooled line in the
 * theme's text colour and thicker, a legend naming each line.
 *
 * @example
 * ```ts
 * const svg = retentionCurves(cohortAnalysis(orders, { period: 'month' }), { intervals: true })
 * ```
 * @param input - a cohort table (`cohortAnalysis`), or the result of its `retention()`
 * @param options - the curves to draw and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is neither a cohort table nor
 * a retention table; `INVALID_OPTION` for a bad `mode`, flag, `theme`, `palette`, `id` or
 * text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Wilson, E. B. (1927), "Probable Inference, the Law of Succession, and Statistical Inference", JASA 22(158).
 * @category Charts
 */
export function retentionCurves(
  input: CohortTable | RetentionTable | RetentionTableWithIntervals,
  options?: RetentionCurvesOptions,
): string {
  const { settings, options: o } = readChartOptions<RetentionCurvesOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const mode = readMode(o.mode, FN);
  const showPooled = flag(o.pooled, true, FN, "pooled");
  const showCohorts = flag(o.cohorts, true, FN, "cohorts");
  let table: Record<string, unknown>;
  let unit = "period";
  let intervals: boolean;
  if (isCohortTable(input)) {
    intervals = flag(o.intervals, false, FN, "intervals");
    unit = input.period;
    table = (intervals
      ? input.retention({ mode, intervals: {} })
      : input.retention({ mode })) as unknown as Record<string, unknown>;
  } else {
    table = object(input, FN, "input", "a CohortTable or a retention table");
    intervals = flag(o.intervals, Array.isArray(table.averageIntervals), FN, "intervals");
  }
  const { cohorts, pooled } = readCurves(table, FN, "rates", intervals);
  const shown = showCohorts ? cohorts : [];
  const series = curveSeries(settings, shown, showPooled ? pooled : undefined);
  const all = [...shown, ...(showPooled ? [pooled] : [])];
  const top = maxOf(
    all.flatMap((c) => [
      ...c.values.filter((v): v is number => v !== null),
      ...(c.intervals ?? []).flatMap((b) => (b === null ? [] : [b[1]])),
    ]),
    1,
  );
  const width = columnCount([pooled, ...cohorts]);
  const firstKnown = pooled.values
    .map((v, k) => (v === null ? null : `${unit} ${k} ${percent1(v)}`))
    .filter((s) => s !== null)
    .slice(0, 4);
  const description =
    `Retention curves of ${cohorts.length} cohorts over ${width} ${unit}s` +
    (intervals ? ", with 95 % Wilson intervals" : "") +
    (firstKnown.length > 0 ? `. All cohorts pooled: ${firstKnown.join(", ")}.` : ".");
  return xyChart(settings, {
    kind: "retention-curves",
    title: "Retention curves",
    description,
    xLabel: `${capitalise(unit)}s since the cohort's first ${unit}`,
    yLabel: "Retained (% of cohort)",
    xFormat: (v) => String(v),
    yFormat: percent0,
    xDomain: [0, Math.max(1, width - 1)],
    yDomain: [0, Math.min(1, Math.max(top, 0.01))],
    integerX: true,
    series,
    ...(intervals
      ? {
          extraLegend: [
            { label: "95 % interval", colour: settings.theme.axis, shape: "box" as const },
          ],
        }
      : {}),
  });
}
