import type { FunnelStepResult } from "../conversion/funnel.js";
import { seriesColours } from "./_svg/colour.js";
import { frame, plotArea } from "./_svg/frame.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { countFormat, list, maxOf, nullableNum, num, object, percent1, str } from "./_svg/read.js";
import { el, escapeText, textWidth } from "./_svg/text.js";

const FN = "funnelChart";

/**
 * Options of {@link funnelChart}: the common {@link ChartOptions}.
 *
 * @category Charts
 */
export interface FunnelChartOptions extends ChartOptions {}

/**
 * A conversion funnel as horizontal bars: one bar per step, its length the step's count,
 * labelled with the count, the share of the first step and the conversion from the step
 * before.
 *
 * @remarks
 * From the steps of `funnel(steps)`: bar length ∝ `count`, labels `count · fromFirst`
 * and `fromPrevious` (the step's conversion; its drop-off is 1 − fromPrevious), `n/a`
 * where `fromPrevious` is `null` (after a step of 0).
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
 * ```
 * @param steps - the result of `funnel`
 * @param options - the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `steps` is not a `funnel` result;
 * `EMPTY` when it has no steps; `INVALID_OPTION` for a bad `theme`, `palette`, `id` or text
 * option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Mixpanel, "Funnels" report (conversion from the first and from the previous step).
 * @category Charts
 */
export function funnelChart(
  steps: readonly FunnelStepResult[],
  options?: FunnelChartOptions,
): string {
  const { settings } = readChartOptions<FunnelChartOptions>(options, FN, {
    width: 720,
    height: 320,
  });
  const rows = list(steps, FN, "steps", true).map((s, i) => {
    const step = object(s, FN, `steps[${i}]`, "a funnel step");
    return {
      name: str(step.name, FN, `steps[${i}].name`),
      count: num(step.count, FN, `steps[${i}].count`),
      fromFirst: num(step.fromFirst, FN, `steps[${i}].fromFirst`),
      fromPrevious: nullableNum(step.fromPrevious ?? null, FN, `steps[${i}].fromPrevious`),
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
  let body = "";
  for (const [i, r] of rows.entries()) {
    const y = area.top + i * band;
    const w = (area.width * Math.max(0, r.count)) / first;
    const conversion =
      i === 0 ? "" : ` · ${r.fromPrevious === null ? "n/a" : percent1(r.fromPrevious)} of previous`;
    const label = `${countFormat(r.count)} · ${percent1(r.fromFirst)}${conversion}`;
    body += el(
      "g",
      { class: "cm-step", "data-step": r.name },
      el("title", {}, escapeText(`${r.name}: ${label}`)) +
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
        el(
          "text",
          {
            x: area.left + w + 6,
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
          `${r.name} ${countFormat(r.count)}${i === 0 ? "" : ` (${r.fromPrevious === null ? "n/a" : percent1(r.fromPrevious)} of the previous step)`}`,
      )
      .join(", ")}.`,
    body,
  });
}
