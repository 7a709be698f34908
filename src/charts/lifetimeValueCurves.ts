import { flag } from "../_lib/assert.js";
import type { CohortTable, LifetimeValueTable } from "../cohorts/engine/types.js";
import { isCohortTable } from "./_cohort.js";
import { columnCount, curveSeries, readCurves } from "./_curves.js";
import { type ChartOptions, readChartOptions, textOption } from "./_svg/options.js";
import { capitalise, maxOf, minOf, moneyFormat, object } from "./_svg/read.js";
import { xyChart } from "./_svg/xy.js";

const FN = "lifetimeValueCurves";

/**
 * Options of {@link lifetimeValueCurves}.
 *
 * @category Charts
 */
export interface LifetimeValueCurvesOptions extends ChartOptions {
  /** Currency sign put before amounts (`'$'`, `'€'`). Default none. */
  readonly currency?: string | undefined;
  /** Draw the pooled curve (all cohorts). Default `true`. */
  readonly pooled?: boolean | undefined;
  /** Draw the curve of every cohort. Default `true`. */
  readonly cohorts?: boolean | undefined;
}

/**
 * Lifetime-value curves: cumulative revenue per customer of each cohort k periods after it
 * started, one line per cohort and a thick pooled line.
 *
 * @remarks
 * y = `values[k]` = revenue of periods 0..k / cohort size, and the pooled `average[k]` =
 * Σ cumulative revenue / Σ sizes over cohorts with period k complete (see
 * {@link CohortTable.lifetimeValue}), in the currency of the data; x = k. Incomplete
 * periods are not drawn. Revenue is net of refunds as the table counts it.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the pooled value at the first
 * periods, palette colours (viridis or cividis) and a legend naming each line.
 *
 * @example
 * ```ts
 * const svg = lifetimeValueCurves(cohortAnalysis(orders, { period: 'month' }), { currency: '$' })
 * ```
 * @param input - a cohort table (`cohortAnalysis`), or the result of its `lifetimeValue()`
 * @param options - the curves to draw and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is neither a cohort table nor
 * a lifetime-value table; `INVALID_OPTION` for a bad flag, `theme`, `palette`, `id` or text
 * option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", J. Marketing Research 42(4).
 * @category Charts
 */
export function lifetimeValueCurves(
  input: CohortTable | LifetimeValueTable,
  options?: LifetimeValueCurvesOptions,
): string {
  const { settings, options: o } = readChartOptions<LifetimeValueCurvesOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const currency = textOption(o.currency, FN, "currency") ?? "";
  const showPooled = flag(o.pooled, true, FN, "pooled");
  const showCohorts = flag(o.cohorts, true, FN, "cohorts");
  let unit = "period";
  let table: Record<string, unknown>;
  if (isCohortTable(input)) {
    unit = input.period;
    table = input.lifetimeValue() as unknown as Record<string, unknown>;
  } else {
    table = object(input, FN, "input", "a CohortTable or a lifetime-value table");
  }
  const { cohorts, pooled } = readCurves(table, FN, "values", false);
  const shown = showCohorts ? cohorts : [];
  const all = [...shown, ...(showPooled ? [pooled] : [])];
  const values = all.flatMap((c) => c.values.filter((v): v is number => v !== null));
  const money = moneyFormat(currency);
  const width = columnCount([pooled, ...cohorts]);
  const known = pooled.values
    .map((v, k) => (v === null ? null : `${unit} ${k} ${money(v)}`))
    .filter((s) => s !== null)
    .slice(0, 4);
  return xyChart(settings, {
    kind: "lifetime-value-curves",
    title: "Lifetime value by cohort",
    description:
      `Cumulative revenue per customer of ${cohorts.length} cohorts over ${width} ${unit}s` +
      (known.length > 0 ? `. All cohorts pooled: ${known.join(", ")}.` : "."),
    xLabel: `${capitalise(unit)}s since the cohort's first ${unit}`,
    yLabel: `Cumulative revenue per customer${currency ? ` (${currency})` : ""}`,
    xFormat: (v) => String(v),
    yFormat: money,
    xDomain: [0, Math.max(1, width - 1)],
    yDomain: [Math.min(0, minOf(values, 0)), Math.max(maxOf(values, 1), 0.01)],
    integerX: true,
    series: curveSeries(settings, shown, showPooled ? pooled : undefined),
  });
}
