import { format } from "d3-format";
import { fail, flag, intNumber, option } from "../_lib/assert.js";
import type { CohortTable, RetentionMode } from "../cohorts/engine/types.js";
import { columnHeads, readMode, readTable } from "./_cohort.js";
import { type HeatmapRow, heatmap } from "./_svg/heatmap.js";
import { type ChartOptions, readChartOptions, textOption } from "./_svg/options.js";
import { countFormat, maxOf, moneyFormat, num } from "./_svg/read.js";

const FN = "cohortHeatmap";

/**
 * Options of {@link cohortHeatmap}.
 *
 * @category Charts
 */
export interface CohortHeatmapOptions extends ChartOptions {
  /** What the cells show: `'retention'` (share of the cohort active) or `'lifetimeValue'` (cumulative revenue per customer). */
  readonly value: "retention" | "lifetimeValue";
  /** Retention mode, as in {@link CohortTable.retention}: `'classic'` (default), `'unbounded'` or `{ brackets }`. */
  readonly mode?: RetentionMode | undefined;
  /** Decimals of the percentages in the cells (0 to 4). Default 1. */
  readonly decimals?: number | undefined;
  /** Currency sign put before lifetime values (`'$'`, `'€'`). Default none. */
  readonly currency?: string | undefined;
  /** Draw the pooled row (all cohorts, Σ retained / Σ sizes). Default `true`. */
  readonly pooled?: boolean | undefined;
  /** Draw the values in the cells: `'auto'` (default: when they fit), `'always'` or `'never'`. */
  readonly labels?: "auto" | "always" | "never" | undefined;
}

/**
 * The cohort triangle as a shaded table: one row per cohort, one column per period since
 * the cohort started, each complete cell shaded by its value and labelled with it.
 *
 * @remarks
 * The look of the retention tables of Amplitude, Mixpanel and PostHog: the cohort's label
 * and size on the left, a pooled row on top (`average[k]` of {@link CohortTable.retention}:
 * Σ retained / Σ sizes over the cohorts with period k complete, or of
 * {@link CohortTable.lifetimeValue}), then one row per cohort. Cells whose period is beyond
 * the data or not complete at `asOf` are left out (no shape at all), so the triangle shows
 * what is known. Retention is shaded from 0 to the largest rate after period 0 (period 0,
 * 100 % in classic mode, takes the top colour), lifetime value from 0 to its largest value.
 *
 * Accessibility: `role="img"` with `<title>` and `<desc>` (a sentence naming the cohorts,
 * periods and the pooled figures); every cell has its own `<title>` (`"2024-01, Month 2:
 * 41.3%"`); the palette is viridis or cividis (readable with the common colour-vision
 * deficiencies) and each label is black or white, whichever contrasts more with its cell
 * (always at least 4.58:1, above WCAG AA). Each cell is a `<g class="cm-cell"
 * data-row="<cohort key>" data-column="<k>">`; the pooled row's cells also carry `cm-pooled`.
 *
 * @example
 * ```ts
 * import { cohortAnalysis } from 'customer-metrics'
 * import { cohortHeatmap } from 'customer-metrics/charts'
 * const table = cohortAnalysis(orders, { period: 'month', asOf: '2024-06-30' })
 * const svg = cohortHeatmap(table, { value: 'retention', title: 'Monthly retention' })
 * svg.startsWith('<svg') //=> true
 * ```
 * @param table - the result of `cohortAnalysis` (or of a cohort accumulator)
 * @param options - what to show, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `table` is not a cohort table or an
 * option has the wrong type; `INVALID_OPTION` for an unknown `value`, `mode`, `theme`,
 * `palette`, `labels`, a bad `id` or text option; `NOT_INTEGER` / `NEGATIVE` /
 * `OUT_OF_RANGE` for `width`, `height` or `decimals` outside their ranges.
 * @see Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive Marketing 21(1).
 * @category Charts
 */
export function cohortHeatmap(table: CohortTable, options: CohortHeatmapOptions): string {
  const { settings, options: o } = readChartOptions<CohortHeatmapOptions>(options, FN, {
    width: 760,
    height: 420,
  });
  const t = readTable(table, FN);
  const value = option(o.value, ["retention", "lifetimeValue"] as const, "retention", FN, "value");
  if (o.value === undefined)
    fail(FN, "value", "INVALID_OPTION", 'must be one of "retention", "lifetimeValue"', o.value);
  const mode = readMode(o.mode, FN);
  const decimals = o.decimals === undefined ? 1 : intNumber(o.decimals, FN, "decimals");
  if (decimals > 4) fail(FN, "decimals", "OUT_OF_RANGE", "must be at most 4", o.decimals);
  const currency = textOption(o.currency, FN, "currency") ?? "";
  const pooled = flag(o.pooled, true, FN, "pooled");
  const labels = option(o.labels, ["auto", "always", "never"] as const, "auto", FN, "labels");

  const rows: HeatmapRow[] = [];
  let columns: string[];
  let fmt: (v: number) => string;
  let domainMax: number;
  let averages: (number | null)[];
  const unit = t.period;
  if (value === "retention") {
    const r = t.retention({ mode });
    averages = r.average.map((v, k) => (v === null ? null : num(v, FN, `average[${k}]`)));
    const width = maxOf([r.average.length, ...r.cohorts.map((c) => c.rates.length)], 0);
    columns = columnHeads(t, mode, width);
    fmt = format(`.${decimals}%`);
    for (const c of r.cohorts) {
      rows.push({
        key: c.key,
        label: c.key,
        extra: countFormat(c.size),
        values: c.rates.map((v, k) => (v === null ? null : num(v, FN, `rates[${k}]`))),
      });
    }
    // Shade from 0 to the largest rate after the first column (which is 100 % in classic mode).
    const first = typeof mode === "object" ? 0 : 1;
    domainMax = maxOf(
      rows.flatMap((row) => row.values.slice(first)).filter((v): v is number => v !== null),
      1,
    );
  } else {
    const r = t.lifetimeValue();
    averages = r.average.map((v, k) => (v === null ? null : num(v, FN, `average[${k}]`)));
    const width = maxOf([r.average.length, ...r.cohorts.map((c) => c.values.length)], 0);
    columns = columnHeads(t, "classic", width);
    fmt = moneyFormat(currency);
    for (const c of r.cohorts) {
      rows.push({
        key: c.key,
        label: c.key,
        extra: countFormat(c.size),
        values: c.values.map((v, k) => (v === null ? null : num(v, FN, `values[${k}]`))),
      });
    }
    domainMax = maxOf(
      rows.flatMap((row) => row.values).filter((v): v is number => v !== null && v > 0),
      1,
    );
  }
  const total = t.cohorts.reduce((s, c) => s + c.size, 0);
  if (pooled && rows.length > 0) {
    rows.unshift({
      key: "pooled",
      label: "All cohorts",
      extra: countFormat(total),
      values: averages,
      pooled: true,
    });
  }
  const what = value === "retention" ? "retention" : "lifetime value per customer";
  const known = averages
    .map((v, k) => (v === null ? null : `${columns[k]} ${fmt(v)}`))
    .filter((s) => s !== null)
    .slice(0, 4);
  const description =
    rows.length === 0
      ? `Cohort ${what}: no cohorts.`
      : `Cohort ${what} by ${unit} since the first ${unit === "day" ? "day" : unit}: ` +
        `${t.cohorts.length} cohorts from ${t.cohorts[0]?.key} to ${t.cohorts.at(-1)?.key}, ` +
        `${countFormat(total)} customers, ${columns.length} periods. ` +
        (known.length > 0 ? `All cohorts pooled: ${known.join(", ")}.` : "No period is complete.");
  return heatmap(settings, {
    kind: "cohort-heatmap",
    title: value === "retention" ? "Retention by cohort" : "Lifetime value by cohort",
    description,
    rowHeader: "Cohort",
    extraHeader: "Customers",
    columns,
    columnCaption:
      value === "retention"
        ? `Share of the cohort active, by ${unit} since the cohort's first ${unit}`
        : `Cumulative revenue per customer${currency ? ` (${currency})` : ""}, by ${unit} since the cohort's first ${unit}`,
    rows,
    format: fmt,
    domain: [0, domainMax],
    clamped: rows.some((row) => row.values.some((v) => v !== null && v > domainMax)),
    labels,
  });
}
