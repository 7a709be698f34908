import type { FunnelAnalysisStep, FunnelResult } from "../behaviour/types.js";
import type { FunnelStepResult } from "../conversion/funnel.js";
import { seriesColours } from "./_svg/colour.js";
import { frame, plotArea } from "./_svg/frame.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { countFormat, list, maxOf, num, object, percent1, str } from "./_svg/read.js";
import { el, escapeText, textWidth } from "./_svg/text.js";

const FN = "funnelChart";

/**
 * Options of {@link funnelChart}: the common {@link ChartOptions}.
 *
 * @category Charts
 */
export interface FunnelChartOptions extends ChartOptions {}

/** A step as drawn: rates as numbers, `null` where the result has none. */
interface StepRow {
  readonly name: string;
  readonly count: number;
  readonly fromFirst: number | null;
  readonly fromPrevious: number | null;
  /** The interval of `fromFirst` (funnel analysis only). */
  readonly interval: readonly [number, number] | null;
}

/** A rate that is a number (counts funnel) or a `{ rate, lower, upper }` interval (funnel analysis). */
function readRate(
  value: unknown,
  field: string,
): { rate: number | null; interval: readonly [number, number] | null } {
  if (value === null || value === undefined) return { rate: null, interval: null };
  if (typeof value === "object" && "rate" in value) {
    const r = value as { rate: unknown; lower: unknown; upper: unknown };
    return {
      rate: num(r.rate, FN, `${field}.rate`),
      interval: [num(r.lower, FN, `${field}.lower`), num(r.upper, FN, `${field}.upper`)],
    };
  }
  return { rate: num(value, FN, field), interval: null };
}

/**
 * A conversion funnel as horizontal bars: one bar per step, its length the step's count,
 * labelled with the count, the share of the first step and the conversion from the step
 * before.
 *
 * @remarks
 * From the steps of `funnel(steps)` (counts given by the user) or the result of
 * `funnelAnalysis(events, …)` (customers who reached each step in order within the window;
 * its overall `steps`; pass `result.breakdown[i].steps` for one breakdown group): bar length ∝ `count`, labels `count · fromFirst`
 * and `fromPrevious` (the step's conversion; its drop-off is 1 − fromPrevious), `n/a` where
 * a rate is `null` (after a step of 0). For `funnelAnalysis`, a whisker on each bar shows
 * the Wilson interval of `fromFirst`, and each bar's `<title>` gives it.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` listing every step with its count and
 * conversion; every bar has its own `<title>`; one palette colour, labels in the theme's
 * text colour beside the bars (not on them).
 *
 * @example
 * ```ts
 * const svg = funnelChart(funnel([
 *   { name: 'visited', count: 1000 }, { name: 'added to cart', count: 500 }, { name: 'purchased', count: 100 },
 * ]))
 * const fromEvents = funnelChart(funnelAnalysis(events, { steps: ['page_view', 'add_to_cart', 'purchase'], window: { days: 7 } }))
 * ```
 * @param steps - the result of `funnel`, of `funnelAnalysis`, or the steps of one of its breakdown groups
 * @param options - the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `steps` is neither a `funnel`
 * nor a `funnelAnalysis` result; `EMPTY` when it has no steps; `INVALID_OPTION` for a bad
 * `theme`, `palette`, `id` or text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a
 * bad `width` or `height`.
 * @see Mixpanel, "Funnels" report (conversion from the first and from the previous step).
 * @category Charts
 */
export function funnelChart(
  steps: readonly FunnelStepResult[] | FunnelResult | readonly FunnelAnalysisStep[],
  options?: FunnelChartOptions,
): string {
  const { settings } = readChartOptions<FunnelChartOptions>(options, FN, {
    width: 720,
    height: 320,
  });
  const raw = Array.isArray(steps)
    ? list(steps, FN, "steps", true)
    : list(
        object(steps, FN, "steps", "a funnel or funnelAnalysis result").steps,
        FN,
        "steps",
        true,
      );
  const rows: StepRow[] = raw.map((s, i) => {
    const step = object(s, FN, `steps[${i}]`, "a funnel step");
    const fromFirst = readRate(step.fromFirst, `steps[${i}].fromFirst`);
    return {
      name: str(step.name, FN, `steps[${i}].name`),
      count: num(step.count, FN, `steps[${i}].count`),
      fromFirst: fromFirst.rate,
      fromPrevious: readRate(step.fromPrevious, `steps[${i}].fromPrevious`).rate,
      interval: fromFirst.interval,
    };
  });
  const sized = settings.heightGiven
    ? settings
    : { ...settings, height: Math.min(10_000, 30 + 8 + rows.length * 44 + 20) };
  const { theme } = sized;
  const labelWidth =
    maxOf(
      rows.map((r) => textWidth(r.name)),
      0,
    ) + 16;
  const area = plotArea(sized, { left: 12 + labelWidth, right: 230, bottom: 20 }, 0);
  const band = area.height / rows.length;
  const first = Math.max(
    maxOf(
      rows.map((r) => r.count),
      0,
    ),
    1e-300,
  );
  const [colour] = seriesColours(sized.palette, 1, sized.themeName) as [string];
  const share = (v: number | null) => (v === null ? "n/a" : percent1(v));
  let body = "";
  for (const [i, r] of rows.entries()) {
    const y = area.top + i * band;
    const w = (area.width * Math.max(0, r.count)) / first;
    const conversion = i === 0 ? "" : ` · ${share(r.fromPrevious)} of previous`;
    const label = `${countFormat(r.count)} · ${share(r.fromFirst)}${conversion}`;
    const interval =
      r.interval === null
        ? ""
        : ` (95 % interval of the share of the first step: ${percent1(r.interval[0])} to ${percent1(r.interval[1])})`;
    // The whisker spans the interval of fromFirst, on the scale of the first step's count.
    const scale = (area.width * (rows[0]?.count ?? 0)) / first;
    const whisker =
      r.interval === null || i === 0
        ? ""
        : el("line", {
            x1: area.left + r.interval[0] * scale,
            x2: area.left + r.interval[1] * scale,
            y1: y + band / 2,
            y2: y + band / 2,
            stroke: theme.text,
            "stroke-width": 1.5,
            class: "cm-interval",
          });
    body += el(
      "g",
      { class: "cm-step", "data-step": r.name },
      el("title", {}, escapeText(`${r.name}: ${label}${interval}`)) +
        el(
          "text",
          { x: 12, y: y + band / 2, "dominant-baseline": "central", fill: theme.text },
          escapeText(r.name),
        ) +
        el("rect", {
          x: area.left,
          y: y + band * 0.15,
          width: w,
          height: band * 0.7,
          fill: colour,
          class: "cm-bar",
        }) +
        whisker +
        el(
          "text",
          {
            x: area.left + Math.max(w, r.interval === null ? 0 : r.interval[1] * scale) + 6,
            y: y + band / 2,
            "dominant-baseline": "central",
            fill: theme.muted,
          },
          escapeText(label),
        ),
    );
  }
  return frame(sized, {
    kind: "funnel",
    title: "Funnel",
    description: `Funnel of ${rows.length} steps: ${rows
      .map(
        (r, i) =>
          `${r.name} ${countFormat(r.count)}${i === 0 ? "" : ` (${share(r.fromPrevious)} of the previous step)`}`,
      )
      .join(", ")}.`,
    body,
  });
}
