/**
 * Axes and grid lines of the charts with a value axis (d3-scale computes the ticks).
 */
import type { ScaleLinear } from "d3-scale";
import type { Theme } from "./colour.js";
import type { PlotArea } from "./frame.js";
import { el, escapeText } from "./text.js";

/** The left value axis with horizontal grid lines and its label (rotated). */
export function valueAxis(
  scale: ScaleLinear<number, number>,
  area: PlotArea,
  theme: Theme,
  label: string,
  format: (value: number) => string,
  count = 5,
): string {
  let out = "";
  for (const tick of scale.ticks(count)) {
    const y = scale(tick);
    out += el("line", {
      x1: area.left,
      x2: area.left + area.width,
      y1: y,
      y2: y,
      stroke: theme.grid,
      "stroke-width": 1,
    });
    out += el(
      "text",
      {
        x: area.left - 6,
        y,
        "text-anchor": "end",
        "dominant-baseline": "central",
        fill: theme.muted,
      },
      escapeText(format(tick)),
    );
  }
  const cy = area.top + area.height / 2;
  out += el(
    "text",
    {
      x: 14,
      y: cy,
      transform: `rotate(-90 14 ${Math.round(cy * 100) / 100})`,
      "text-anchor": "middle",
      "dominant-baseline": "central",
      fill: theme.text,
      class: "cm-axis-label",
    },
    escapeText(label),
  );
  return el("g", { class: "cm-axis cm-axis-y" }, out);
}

/** The bottom axis: tick labels at given positions, the base line and the axis label. */
export function bottomAxis(
  ticks: readonly { readonly at: number; readonly label: string }[],
  area: PlotArea,
  theme: Theme,
  label: string,
  baseline = area.top + area.height,
): string {
  let out = el("line", {
    x1: area.left,
    x2: area.left + area.width,
    y1: baseline,
    y2: baseline,
    stroke: theme.axis,
    "stroke-width": 1,
  });
  const bottom = area.top + area.height;
  for (const tick of ticks) {
    out += el("line", { x1: tick.at, x2: tick.at, y1: bottom, y2: bottom + 4, stroke: theme.axis });
    out += el(
      "text",
      { x: tick.at, y: bottom + 16, "text-anchor": "middle", fill: theme.muted },
      escapeText(tick.label),
    );
  }
  out += el(
    "text",
    {
      x: area.left + area.width / 2,
      y: bottom + 36,
      "text-anchor": "middle",
      fill: theme.text,
      class: "cm-axis-label",
    },
    escapeText(label),
  );
  return el("g", { class: "cm-axis cm-axis-x" }, out);
}

/** Numeric ticks of a linear scale as bottom-axis ticks (whole numbers only when asked). */
export function linearTicks(
  scale: ScaleLinear<number, number>,
  format: (value: number) => string,
  integers: boolean,
  count = 8,
): { at: number; label: string }[] {
  return scale
    .ticks(count)
    .filter((t) => !integers || Number.isInteger(t))
    .map((t) => ({ at: scale(t), label: format(t) }));
}
