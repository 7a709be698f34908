/**
 * The options every chart takes, read and validated in one place.
 */
import { fail, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import { type PaletteName, THEMES, type Theme } from "./colour.js";

/**
 * Options shared by every chart of `customer-metrics/charts`.
 *
 * @category Charts
 */
export interface ChartOptions {
  /** Width of the drawing in pixels (a whole number from 120 to 10,000). Default depends on the chart. */
  readonly width?: number | undefined;
  /** Height of the drawing in pixels (a whole number from 80 to 10,000). Default depends on the chart. */
  readonly height?: number | undefined;
  /** `'light'` (default: dark text on white) or `'dark'` (light text on near-black). */
  readonly theme?: "light" | "dark" | undefined;
  /** The colour-blind-safe sequential palette: `'viridis'` (default) or `'cividis'`. */
  readonly palette?: "viridis" | "cividis" | undefined;
  /** The chart's title, shown on top and read as its accessible name. Default names the chart. */
  readonly title?: string | undefined;
  /** The accessible description (`<desc>`). Default: a sentence generated from the data. */
  readonly description?: string | undefined;
  /**
   * The `id` of the `<svg>` element (letters, digits, `-`, `_`; starting with a letter); the
   * `<title>` and `<desc>` ids derive from it. Default: `cm-` and a hash of the content, so
   * the same input gives the same bytes and two different charts on one page do not clash.
   */
  readonly id?: string | undefined;
}

/** The validated common options. */
export interface FrameSettings {
  readonly fn: string;
  readonly width: number;
  readonly height: number;
  /** Whether the user gave the height (else a chart may size itself to its rows). */
  readonly heightGiven: boolean;
  readonly themeName: "light" | "dark";
  readonly theme: Theme;
  readonly palette: PaletteName;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly id: string | undefined;
}

/** A text option: `undefined` or a string of at most 1,000 characters. */
export function textOption(value: unknown, fn: string, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail(fn, field, "INVALID_OPTION", "must be a string", value);
  if (value.length > 1000)
    fail(fn, field, "INVALID_OPTION", "must be at most 1000 characters long", value);
  return value;
}

/** A pixel size option in [min, 10000]. */
function sizeOption(
  value: unknown,
  fallback: number,
  min: number,
  fn: string,
  field: string,
): number {
  if (value === undefined) return fallback;
  const n = intNumber(value, fn, field, min);
  if (n > 10_000) fail(fn, field, "OUT_OF_RANGE", "must be at most 10000", value);
  return n;
}

/**
 * Read the options object (`undefined` is `{}`) and the common options; the chart reads its
 * own from the returned object.
 */
export function readChartOptions<T extends ChartOptions>(
  value: unknown,
  fn: string,
  defaults: { readonly width: number; readonly height: number },
): { readonly settings: FrameSettings; readonly options: Partial<T> } {
  const o = readOptions<T>(value, fn);
  const themeName = option(o.theme, ["light", "dark"] as const, "light", fn, "theme");
  const id = textOption(o.id, fn, "id");
  if (id !== undefined && !/^[A-Za-z][A-Za-z0-9_-]{0,99}$/.test(id)) {
    fail(
      fn,
      "id",
      "INVALID_OPTION",
      "must start with a letter and hold only letters, digits, '-' and '_' (at most 100)",
      id,
    );
  }
  return {
    options: o,
    settings: {
      fn,
      width: sizeOption(o.width, defaults.width, 120, fn, "width"),
      height: sizeOption(o.height, defaults.height, 80, fn, "height"),
      heightGiven: o.height !== undefined,
      themeName,
      theme: THEMES[themeName],
      palette: option(o.palette, ["viridis", "cividis"] as const, "viridis", fn, "palette"),
      title: textOption(o.title, fn, "title"),
      description: textOption(o.description, fn, "description"),
      id,
    },
  };
}
