/**
 * The series legend: one row of swatches with labels under the title.
 */
import type { Theme } from "./colour.js";
import { TITLE_HEIGHT } from "./frame.js";
import { el, escapeText, textWidth } from "./text.js";

/** One legend entry. */
export interface LegendItem {
  readonly label: string;
  readonly colour: string;
  /** How the swatch looks: a line, a dashed line, a filled box or a dot. */
  readonly shape: "line" | "dash" | "box" | "dot";
}

/** Rows of legend the items need in `width` pixels. */
export function legendRows(items: readonly LegendItem[], width: number): number {
  if (items.length === 0) return 0;
  let rows = 1;
  let x = 12;
  for (const item of items) {
    const w = 26 + textWidth(item.label) + 16;
    if (x + w > width - 12 && x > 12) {
      rows += 1;
      x = 12;
    }
    x += w;
  }
  return rows;
}

/** The legend's markup, laid out from the left under the title. */
export function legend(items: readonly LegendItem[], width: number, theme: Theme): string {
  let out = "";
  let x = 12;
  let y = TITLE_HEIGHT + 6;
  for (const item of items) {
    const w = 26 + textWidth(item.label) + 16;
    if (x + w > width - 12 && x > 12) {
      x = 12;
      y += 20;
    }
    const mid = y + 6;
    let swatch: string;
    if (item.shape === "box") {
      swatch = el("rect", { x, y: mid - 6, width: 18, height: 12, fill: item.colour });
    } else if (item.shape === "dot") {
      swatch = el("circle", { cx: x + 9, cy: mid, r: 4, fill: item.colour });
    } else {
      swatch = el("line", {
        x1: x,
        y1: mid,
        x2: x + 18,
        y2: mid,
        stroke: item.colour,
        "stroke-width": 2.5,
        "stroke-dasharray": item.shape === "dash" ? "5 3" : undefined,
      });
    }
    out +=
      swatch +
      el(
        "text",
        { x: x + 24, y: mid, "dominant-baseline": "central", fill: theme.text },
        escapeText(item.label),
      );
    x += w;
  }
  return out === "" ? "" : el("g", { class: "cm-legend" }, out);
}
