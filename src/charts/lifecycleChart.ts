import { flag } from "../_lib/assert.js";
import type { LifecycleResult } from "../analytics/types.js";
import { barChart } from "./_svg/bars.js";
import { paletteColour } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { countFormat, list, num, object, str } from "./_svg/read.js";

const FN = "lifecycleChart";

/**
 * Options of {@link lifecycleChart}.
 *
 * @category Charts
 */
export interface LifecycleChartOptions extends ChartOptions {
  /** Also draw periods not complete at `asOf` (their key gets a `*`). Default `false`. */
  readonly incomplete?: boolean | undefined;
}

/**
 * The growth accounting of active customers per period: new, returning and resurrecting
 * stacked above the axis, dormant below it (Mixpanel's and PostHog's lifecycle chart).
 *
 * @remarks
 * One stacked bar per period of `lifecycle(events, …)`: `new` (first active period),
 * `returning` (also active the period before), `resurrecting` (active again after a gap),
 * all above zero, summing to the period's `active`; and `dormant` (active the period
 * before, not in this one) below zero, as the result carries it (a negative count).
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the last period's four figures;
 * every bar segment has its own `<title>`; four colours of viridis or cividis and a legend.
 *
 * @example
 * ```ts
 * const svg = lifecycleChart(lifecycle(events, { period: 'week', asOf: '2024-06-30' }))
 * ```
 * @param input - the result of `lifecycle`
 * @param options - whether to draw incomplete periods, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is not a `lifecycle` result;
 * `INVALID_OPTION` for a bad flag, `theme`, `palette`, `id` or text option; `NOT_INTEGER` /
 * `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Mixpanel, "Lifecycle" report (new, returning, resurrected, dormant users).
 * @category Charts
 */
export function lifecycleChart(input: LifecycleResult, options?: LifecycleChartOptions): string {
  const { settings, options: o } = readChartOptions<LifecycleChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const incomplete = flag(o.incomplete, false, FN, "incomplete");
  const r = object(input, FN, "input", "a lifecycle result");
  const period = typeof r.period === "string" ? r.period : "period";
  const categories: string[] = [];
  const parts = {
    new: [] as number[],
    returning: [] as number[],
    resurrecting: [] as number[],
    dormant: [] as number[],
  };
  for (const [i, p] of list(r.periods, FN, "periods").entries()) {
    const row = object(p, FN, `periods[${i}]`, "a lifecycle period");
    const complete = row.complete !== false;
    if (!complete && !incomplete) continue;
    categories.push(`${str(row.key, FN, `periods[${i}].key`)}${complete ? "" : "*"}`);
    parts.new.push(num(row.new, FN, `periods[${i}].new`));
    parts.returning.push(num(row.returning, FN, `periods[${i}].returning`));
    parts.resurrecting.push(num(row.resurrecting, FN, `periods[${i}].resurrecting`));
    const d = num(row.dormant, FN, `periods[${i}].dormant`);
    parts.dormant.push(d === 0 ? 0 : -Math.abs(d));
  }
  const c = (t: number) => paletteColour(settings.palette, t);
  const last = categories.length - 1;
  const description =
    categories.length === 0
      ? "Lifecycle of active customers: no complete period."
      : `Lifecycle of active customers by ${period}, ${categories.length} periods from ${categories[0]} to ${categories[last]}. ` +
        `In ${categories[last]}: ${countFormat(parts.new[last] ?? 0)} new, ${countFormat(parts.returning[last] ?? 0)} returning, ` +
        `${countFormat(parts.resurrecting[last] ?? 0)} resurrecting, ${countFormat(-(parts.dormant[last] ?? 0))} dormant.`;
  return barChart(settings, {
    kind: "lifecycle",
    title: "Lifecycle of active customers",
    description,
    categories,
    groups: [
      { name: "new", colour: c(0.85), values: parts.new },
      { name: "returning", colour: c(0.5), values: parts.returning },
      { name: "resurrecting", colour: c(0.25), values: parts.resurrecting },
      { name: "dormant", colour: c(0.02), values: parts.dormant },
    ],
    stacked: true,
    xLabel: `${period.charAt(0).toUpperCase()}${period.slice(1)}${incomplete ? " (* not complete)" : ""}`,
    yLabel: "Customers (dormant below zero)",
    yFormat: (v) => countFormat(v),
  });
}
