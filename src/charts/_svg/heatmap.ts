/**
 * The shaded table every heat map draws through (cohort tables, model matrices): a row label
 * column, an optional extra column (cohort sizes), one cell per value shaded on a sequential
 * palette with a label in black or white for contrast, absent cells left empty, and a
 * stepped colour key.
 */
import { scaleLinear } from "d3-scale";
import { labelColour, paletteColour } from "./colour.js";
import { frame, TITLE_HEIGHT } from "./frame.js";
import type { FrameSettings } from "./options.js";
import { maxOf } from "./read.js";
import { el, escapeText, textWidth } from "./text.js";

/** One row of a heat map. */
export interface HeatmapRow {
  /** The row's key, carried in `data-row`. */
  readonly key: string;
  /** The row's label. */
  readonly label: string;
  /** One value per column; `null` is an absent cell (nothing drawn). */
  readonly values: readonly (number | null)[];
  /** The text of the extra column. */
  readonly extra?: string;
  /** A summary row (pooled): drawn apart, label in bold. */
  readonly pooled?: boolean;
}

/** What a heat map shows. */
export interface HeatmapSpec {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  /** Header of the label column. */
  readonly rowHeader: string;
  /** Header of the extra column; none when absent. */
  readonly extraHeader?: string;
  /** Column headers. */
  readonly columns: readonly string[];
  /** Caption above the column headers (the column axis with its unit). */
  readonly columnCaption: string;
  readonly rows: readonly HeatmapRow[];
  /** Cell label of a value (also the colour key's labels). */
  readonly format: (value: number) => string;
  /** Values mapped to the two ends of the palette (clamped outside). */
  readonly domain: readonly [number, number];
  /** Draw the values in the cells: always, never, or when they fit. */
  readonly labels: "always" | "never" | "auto";
  /** Whether values above the domain occur (the key's top label then reads "or more"). */
  readonly clamped?: boolean;
}

/** The whole `<svg>` of a heat map. */
export function heatmap(given: FrameSettings, spec: HeatmapSpec): string {
  const top = TITLE_HEIGHT + 40;
  const keyHeight = 44;
  const pooledGap = spec.rows.some((r) => r.pooled) ? 6 : 0;
  // Without a height, 26 px per row.
  const settings = given.heightGiven
    ? given
    : {
        ...given,
        height: Math.min(
          10_000,
          Math.ceil(top + keyHeight + pooledGap + Math.max(spec.rows.length, 1) * 26),
        ),
      };
  const { theme, width, height, palette } = settings;
  const labelWidth =
    maxOf([textWidth(spec.rowHeader), ...spec.rows.map((r) => textWidth(r.label))], 0) + 16;
  const extraWidth =
    spec.extraHeader === undefined
      ? 0
      : maxOf([textWidth(spec.extraHeader), ...spec.rows.map((r) => textWidth(r.extra ?? ""))], 0) +
        16;
  const left = 12;
  const gridLeft = left + labelWidth + extraWidth;
  const gridWidth = Math.max(10, width - gridLeft - 12);
  const columns = Math.max(spec.columns.length, 1);
  const gridHeight = Math.max(10, height - top - keyHeight - pooledGap);
  const cellW = gridWidth / columns;
  const cellH = gridHeight / Math.max(spec.rows.length, 1);
  const [d0, d1] = spec.domain;
  const t = scaleLinear()
    .domain(d0 === d1 ? [d0, d0 + 1] : [d0, d1])
    .range([0, 1])
    .clamp(true);
  const fontSize = Math.max(8, Math.min(12, cellH * 0.45));
  let widest = 0;
  for (const r of spec.rows) {
    for (const v of r.values)
      if (v !== null) widest = Math.max(widest, textWidth(spec.format(v), fontSize));
  }
  const showLabels =
    spec.labels === "always" || (spec.labels === "auto" && widest + 4 <= cellW && cellH >= 11);

  let body = el(
    "text",
    { x: gridLeft, y: TITLE_HEIGHT + 12, fill: theme.text, class: "cm-axis-label" },
    escapeText(spec.columnCaption),
  );
  const headY = top - 8;
  body += el(
    "text",
    { x: left, y: headY, fill: theme.text, "font-weight": "600" },
    escapeText(spec.rowHeader),
  );
  if (spec.extraHeader !== undefined) {
    body += el(
      "text",
      {
        x: left + labelWidth + extraWidth - 8,
        y: headY,
        "text-anchor": "end",
        fill: theme.text,
        "font-weight": "600",
      },
      escapeText(spec.extraHeader),
    );
  }
  const every = Math.max(
    1,
    Math.ceil(
      (maxOf(
        spec.columns.map((c) => textWidth(c)),
        1,
      ) +
        6) /
        cellW,
    ),
  );
  let heads = "";
  for (const [j, c] of spec.columns.entries()) {
    if (j % every !== 0) continue;
    heads += el(
      "text",
      { x: gridLeft + (j + 0.5) * cellW, y: headY, "text-anchor": "middle", fill: theme.muted },
      escapeText(c),
    );
  }
  body += el("g", { class: "cm-column-heads" }, heads);

  let y = top;
  let rows = "";
  for (const row of spec.rows) {
    const mid = y + cellH / 2;
    let cells = el(
      "text",
      {
        x: left,
        y: mid,
        "dominant-baseline": "central",
        fill: theme.text,
        "font-weight": row.pooled ? "600" : undefined,
        class: "cm-row-label",
      },
      escapeText(row.label),
    );
    if (row.extra !== undefined) {
      cells += el(
        "text",
        {
          x: left + labelWidth + extraWidth - 8,
          y: mid,
          "text-anchor": "end",
          "dominant-baseline": "central",
          fill: theme.muted,
          class: "cm-extra",
        },
        escapeText(row.extra),
      );
    }
    for (const [j, v] of row.values.entries()) {
      if (v === null) continue;
      const fill = paletteColour(palette, t(v));
      const text = spec.format(v);
      const x = gridLeft + j * cellW;
      cells += el(
        "g",
        {
          class: row.pooled ? "cm-cell cm-pooled" : "cm-cell",
          "data-row": row.key,
          "data-column": String(j),
        },
        el("title", {}, escapeText(`${row.label}, ${spec.columns[j] ?? ""}: ${text}`)) +
          el("rect", {
            x: x + 0.5,
            y: y + 0.5,
            width: Math.max(0, cellW - 1),
            height: Math.max(0, cellH - 1),
            fill,
          }) +
          (showLabels
            ? el(
                "text",
                {
                  x: x + cellW / 2,
                  y: mid,
                  "text-anchor": "middle",
                  "dominant-baseline": "central",
                  "font-size": Math.round(fontSize * 10) / 10,
                  fill: labelColour(fill),
                },
                escapeText(text),
              )
            : ""),
      );
    }
    rows += el(
      "g",
      { class: row.pooled ? "cm-row cm-pooled-row" : "cm-row", "data-row": row.key },
      cells,
    );
    y += cellH + (row.pooled ? pooledGap : 0);
  }
  body += rows;

  // The colour key: ten steps from the low to the high end of the domain.
  const keyTop = height - keyHeight + 10;
  const steps = 10;
  const keyWidth = Math.min(240, gridWidth);
  let key = "";
  for (let i = 0; i < steps; i++) {
    key += el("rect", {
      x: gridLeft + (i * keyWidth) / steps,
      y: keyTop,
      width: keyWidth / steps + 0.5,
      height: 10,
      fill: paletteColour(palette, (i + 0.5) / steps),
    });
  }
  const lo = d0;
  const hi = d0 === d1 ? d0 + 1 : d1;
  key += el(
    "text",
    { x: gridLeft, y: keyTop + 24, fill: theme.muted },
    escapeText(spec.format(lo)),
  );
  key += el(
    "text",
    { x: gridLeft + keyWidth, y: keyTop + 24, "text-anchor": "end", fill: theme.muted },
    escapeText(`${spec.format(hi)}${spec.clamped ? " or more" : ""}`),
  );
  body += el("g", { class: "cm-key" }, key);
  return frame(settings, {
    kind: spec.kind,
    title: spec.title,
    description: spec.description,
    body,
  });
}
