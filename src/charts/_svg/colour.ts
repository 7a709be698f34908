/**
 * Colours: the sequential palettes (from d3-scale-chromatic), the themes, and the WCAG 2
 * contrast arithmetic that picks a readable label colour on every shaded cell.
 */
import { interpolateCividis, interpolateViridis } from "d3-scale-chromatic";

/** A chart theme's colours. */
export interface Theme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly axis: string;
}

/** Light and dark themes; every text colour has a contrast of at least 7:1 on its background. */
export const THEMES: Readonly<Record<"light" | "dark", Theme>> = {
  light: {
    background: "#ffffff",
    text: "#1f2937",
    muted: "#4b5563",
    grid: "#e5e7eb",
    axis: "#6b7280",
  },
  dark: {
    background: "#111827",
    text: "#f3f4f6",
    muted: "#d1d5db",
    grid: "#374151",
    axis: "#9ca3af",
  },
};

/** The colour-blind-safe sequential palettes offered. */
export type PaletteName = "viridis" | "cividis";

/** The colour of `t` in [0, 1] on a palette, as `#rrggbb`. */
export function paletteColour(palette: PaletteName, t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const raw = palette === "cividis" ? interpolateCividis(clamped) : interpolateViridis(clamped);
  return toHex(raw);
}

/** `n` distinct series colours from a palette, kept away from the end that fades into the background. */
export function seriesColours(palette: PaletteName, n: number, theme: "light" | "dark"): string[] {
  const [from, to] = theme === "light" ? [0.05, 0.78] : [0.35, 1];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(paletteColour(palette, n === 1 ? from : from + ((to - from) * i) / (n - 1)));
  }
  return out;
}

/** Parse `#rgb`, `#rrggbb` or `rgb(r, g, b)` into 0–255 channels. */
export function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1] as string;
    const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [
      number,
      number,
      number,
    ];
  }
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(colour.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unreadable colour ${colour}`);
}

/** `#rrggbb` of any colour {@link parseColour} reads. */
export function toHex(colour: string): string {
  return `#${parseColour(colour)
    .map((c) => Math.round(c).toString(16).padStart(2, "0"))
    .join("")}`;
}

/**
 * WCAG 2 relative luminance: L = 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB
 * channels (c ≤ 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055)^2.4).
 */
export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseColour(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Black or white, whichever contrasts more with `background`. One of the two always reaches
 * at least √21 ≈ 4.58:1 (their contrasts multiply to 21), above WCAG AA's 4.5:1 for text.
 */
export function labelColour(background: string): string {
  return contrastRatio(background, "#000000") >= contrastRatio(background, "#ffffff")
    ? "#000000"
    : "#ffffff";
}
