/**
 * The frame every chart shares: the `<svg>` root with its accessible name and description,
 * the background, the visible title, and the font settings (tabular numbers).
 */
import type { FrameSettings } from "./options.js";
import { el, escapeText, hashText } from "./text.js";

/** Height reserved for the visible title. */
export const TITLE_HEIGHT = 30;

/** The plotting rectangle inside the frame. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The plot area left after the title, an optional legend row and the given margins (never
 * narrower or lower than 20 px: a tiny chart is cramped, not broken).
 */
export function plotArea(
  settings: FrameSettings,
  margins: { readonly left: number; readonly right: number; readonly bottom: number },
  legendRows: number,
): PlotArea {
  const top = TITLE_HEIGHT + legendRows * 20 + 8;
  return {
    left: margins.left,
    top,
    width: Math.max(20, settings.width - margins.left - margins.right),
    height: Math.max(20, settings.height - top - margins.bottom),
  };
}

/** The complete `<svg>` document of a chart around its body. */
export function frame(
  settings: FrameSettings,
  content: {
    readonly title: string;
    readonly description: string;
    readonly body: string;
    readonly kind: string;
  },
): string {
  const title = settings.title ?? content.title;
  const description = settings.description ?? content.description;
  const id =
    settings.id ?? `cm-${hashText(`${content.kind}\n${title}\n${description}\n${content.body}`)}`;
  const { width, height, theme } = settings;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" id="${id}"` +
    ` aria-labelledby="${id}-title" aria-describedby="${id}-desc"` +
    ` width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` class="cm-chart cm-${content.kind}"` +
    ` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"` +
    ` font-size="12" style="font-variant-numeric: tabular-nums">` +
    `<title id="${id}-title">${escapeText(title)}</title>` +
    `<desc id="${id}-desc">${escapeText(description)}</desc>` +
    el("rect", { x: 0, y: 0, width, height, fill: theme.background }) +
    el(
      "text",
      { x: 12, y: 20, "font-size": 15, "font-weight": "600", fill: theme.text, class: "cm-title" },
      escapeText(title),
    ) +
    content.body +
    "</svg>"
  );
}
