/**
 * The vertical bar chart: categories along the bottom, groups side by side or stacked (with
 * negative values stacked below the zero line).
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { bottomAxis, valueAxis } from "./axes.js";
import { frame, plotArea } from "./frame.js";
import { type LegendItem, legend, legendRows } from "./legend.js";
import type { FrameSettings } from "./options.js";
import { maxOf } from "./read.js";
import { el, escapeText, textWidth, widestLabel } from "./text.js";

/** One group of bars (one value per category). */
export interface BarGroup {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly number[];
}

/** What a bar chart shows. */
export interface BarSpec {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly groups: readonly BarGroup[];
  readonly stacked: boolean;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly yFormat: (value: number) => string;
}

/** The whole `<svg>` of a bar chart. */
export function barChart(settings: FrameSettings, spec: BarSpec): string {
  const { theme } = settings;
  const items: LegendItem[] = spec.groups.map((g) => ({
    label: g.name,
    colour: g.colour,
    shape: "box",
  }));
  const rows = legendRows(items, settings.width);
  let lo = 0;
  let hi = 0;
  for (let c = 0; c < spec.categories.length; c++) {
    let up = 0;
    let down = 0;
    for (const g of spec.groups) {
      const v = g.values[c] ?? 0;
      if (spec.stacked) {
        if (v >= 0) up += v;
        else down += v;
      } else {
        up = Math.max(up, v);
        down = Math.min(down, v);
      }
    }
    hi = Math.max(hi, up);
    lo = Math.min(lo, down);
  }
  if (hi === lo) hi = 1;
  const y0 = scaleLinear().domain([lo, hi]).nice(5);
  const tickWidth = widestLabel(y0.ticks(5), spec.yFormat, 10);
  const area = plotArea(settings, { left: 32 + tickWidth, right: 20, bottom: 48 }, rows);
  const y = y0.copy().range([area.top + area.height, area.top]);
  const x = scaleBand<number>()
    .domain(spec.categories.map((_, i) => i))
    .range([area.left, area.left + area.width])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inner = scaleBand<number>()
    .domain(spec.groups.map((_, i) => i))
    .range([0, x.bandwidth()])
    .paddingInner(0.08);

  let body = legend(items, settings.width, theme);
  body += valueAxis(y, area, theme, spec.yLabel, spec.yFormat);
  // Label every category when they fit, else every n-th.
  const every = Math.max(
    1,
    Math.ceil(
      (maxOf(
        spec.categories.map((c) => textWidth(c)),
        1,
      ) +
        8) /
        Math.max(x.step(), 1),
    ),
  );
  const ticks = spec.categories
    .map((label, i) => ({ at: (x(i) ?? 0) + x.bandwidth() / 2, label }))
    .filter((_, i) => i % every === 0);
  let bars = "";
  for (let c = 0; c < spec.categories.length; c++) {
    let up = 0;
    let down = 0;
    for (const [gi, g] of spec.groups.entries()) {
      const v = g.values[c] ?? 0;
      // A zero adds nothing to a stack (and would sit at the top of the bars below it).
      if (spec.stacked && v === 0) continue;
      let from: number;
      let to: number;
      let left = x(c) ?? 0;
      let width = x.bandwidth();
      if (spec.stacked) {
        if (v >= 0) {
          from = up;
          up += v;
          to = up;
        } else {
          from = down;
          down += v;
          to = down;
        }
      } else {
        from = 0;
        to = v;
        left += inner(gi) ?? 0;
        width = inner.bandwidth();
      }
      const top = Math.min(y(from), y(to));
      const height = Math.abs(y(from) - y(to));
      bars += el(
        "rect",
        {
          x: left,
          y: top,
          width,
          height,
          fill: g.colour,
          class: "cm-bar",
          "data-category": spec.categories[c],
          "data-series": g.name,
        },
        el("title", {}, escapeText(`${g.name}, ${spec.categories[c]}: ${spec.yFormat(v)}`)),
      );
    }
  }
  body += el("g", { class: "cm-bars" }, bars);
  body += bottomAxis(ticks, area, theme, spec.xLabel, y(0));
  return frame(settings, {
    kind: spec.kind,
    title: spec.title,
    description: spec.description,
    body,
  });
}
