/**
 * The XY chart every line chart draws through: value axes, series as lines, steps or points,
 * confidence bands, censoring ticks, reference lines and the legend.
 */
import { scaleLinear } from "d3-scale";
import { curveLinear, curveStepAfter, area as d3area, line as d3line } from "d3-shape";
import { bottomAxis, linearTicks, valueAxis } from "./axes.js";
import { frame, plotArea } from "./frame.js";
import { type LegendItem, legend, legendRows } from "./legend.js";
import type { FrameSettings } from "./options.js";
import { el, escapeText, textWidth, widestLabel } from "./text.js";

/**
 * The `digits` setting of d3-shape 3.2 generators (coordinates rounded in the path text),
 * which its type declarations do not list yet.
 */
function withDigits(generator: object): { digits(places: number): unknown } {
  return generator as { digits(places: number): unknown };
}

/** A point of a series. */
export interface XYPoint {
  readonly x: number;
  readonly y: number;
}

/** A series of an XY chart. */
export interface XYSeries {
  readonly name: string;
  readonly colour: string;
  readonly points: readonly XYPoint[];
  /** Straight segments, a step function (value held until the next point), or dots only. */
  readonly kind: "line" | "step" | "points";
  readonly dashed?: boolean;
  readonly strokeWidth?: number;
  /** Dots on the points of a line. */
  readonly markers?: boolean;
  /** A shaded band (a confidence interval) drawn under the line. */
  readonly band?: readonly { readonly x: number; readonly lower: number; readonly upper: number }[];
  /** Short vertical marks (censoring times). */
  readonly ticks?: readonly XYPoint[];
}

/** What an XY chart shows. */
export interface XYSpec {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xFormat: (value: number) => string;
  readonly yFormat: (value: number) => string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Only whole-number ticks on the x axis (periods). */
  readonly integerX: boolean;
  readonly series: readonly XYSeries[];
  /** Labelled vertical reference lines (the end of the calibration period). */
  readonly markers?: readonly { readonly x: number; readonly label: string }[];
  /** Extra legend entries (a band's meaning). */
  readonly extraLegend?: readonly LegendItem[];
}

/** The whole `<svg>` of an XY chart. */
export function xyChart(settings: FrameSettings, spec: XYSpec): string {
  const { theme } = settings;
  const items: LegendItem[] = spec.series.map((s) => ({
    label: s.name,
    colour: s.colour,
    shape: s.kind === "points" ? "dot" : s.dashed ? "dash" : "line",
  }));
  items.push(...(spec.extraLegend ?? []));
  const rows = legendRows(items, settings.width);
  const yScale0 = scaleLinear().domain(spec.yDomain).nice(5);
  const tickWidth = widestLabel(yScale0.ticks(5), spec.yFormat, 10);
  const area = plotArea(settings, { left: 32 + tickWidth, right: 20, bottom: 48 }, rows);
  const y = yScale0.copy().range([area.top + area.height, area.top]);
  const [x0, x1] = spec.xDomain;
  const x = scaleLinear()
    .domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1])
    .range([area.left, area.left + area.width]);

  let body = legend(items, settings.width, theme);
  body += valueAxis(y, area, theme, spec.yLabel, spec.yFormat);
  // As many x ticks as their labels leave room for.
  const labelWidth = Math.max(
    textWidth(spec.xFormat(x.domain()[0] as number)),
    textWidth(spec.xFormat(x.domain()[1] as number)),
    10,
  );
  const xCount = Math.max(2, Math.min(10, Math.floor(area.width / (labelWidth + 24))));
  body += bottomAxis(linearTicks(x, spec.xFormat, spec.integerX, xCount), area, theme, spec.xLabel);

  for (const s of spec.series) {
    let g = "";
    const curve = s.kind === "step" ? curveStepAfter : curveLinear;
    if (s.band && s.band.length > 0) {
      const path = d3area<{ x: number; lower: number; upper: number }>()
        .x((p) => x(p.x))
        .y0((p) => y(p.lower))
        .y1((p) => y(p.upper))
        .curve(curve);
      withDigits(path).digits(2);
      const d = path(s.band);
      g += el("path", { d: d ?? "", fill: s.colour, "fill-opacity": 0.18, class: "cm-band" });
    }
    if (s.kind !== "points" && s.points.length > 0) {
      const path = d3line<XYPoint>()
        .x((p) => x(p.x))
        .y((p) => y(p.y))
        .curve(curve);
      withDigits(path).digits(2);
      const d = path(s.points);
      g += el("path", {
        d: d ?? "",
        fill: "none",
        stroke: s.colour,
        "stroke-width": s.strokeWidth ?? 2,
        "stroke-dasharray": s.dashed ? "6 4" : undefined,
        "stroke-linejoin": "round",
        class: "cm-line",
      });
    }
    if (s.kind === "points" || s.markers) {
      for (const p of s.points) {
        g += el("circle", { cx: x(p.x), cy: y(p.y), r: 3.5, fill: s.colour, class: "cm-point" });
      }
    }
    for (const t of s.ticks ?? []) {
      g += el("line", {
        x1: x(t.x),
        x2: x(t.x),
        y1: y(t.y) - 5,
        y2: y(t.y) + 5,
        stroke: s.colour,
        "stroke-width": 1.5,
        class: "cm-censor",
      });
    }
    body += el("g", { class: "cm-series", "data-series": s.name }, g);
  }
  for (const m of spec.markers ?? []) {
    const at = x(m.x);
    body += el(
      "g",
      { class: "cm-marker" },
      el("line", {
        x1: at,
        x2: at,
        y1: area.top,
        y2: area.top + area.height,
        stroke: theme.axis,
        "stroke-dasharray": "2 3",
      }) + el("text", { x: at + 4, y: area.top + 12, fill: theme.muted }, escapeText(m.label)),
    );
  }
  return frame(settings, {
    kind: spec.kind,
    title: spec.title,
    description: spec.description,
    body,
  });
}
