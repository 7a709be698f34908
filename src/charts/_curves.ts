/**
 * The per-cohort curves shared by {@link retentionCurves} and {@link lifetimeValueCurves}:
 * one line per cohort (palette colours, oldest first) and the pooled line on top.
 */
import type { RateInterval } from "../cohorts/engine/types.js";
import { seriesColours } from "./_svg/colour.js";
import type { FrameSettings } from "./_svg/options.js";
import { list, maxOf, nullableNum, num, object, str } from "./_svg/read.js";
import type { XYSeries } from "./_svg/xy.js";

/** One curve read from a table row. */
export interface Curve {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly intervals: readonly (readonly [number, number] | null)[] | undefined;
}

/** Values of a row, `null` kept. */
export function readValues(value: unknown, fn: string, field: string): (number | null)[] {
  return list(value, fn, field).map((v, k) => nullableNum(v, fn, `${field}[${k}]`));
}

/** Intervals of a row, `null` kept. */
export function readIntervals(
  value: unknown,
  fn: string,
  field: string,
): (readonly [number, number] | null)[] {
  return list(value, fn, field).map((v, k) => {
    if (v === null) return null;
    const i = object(
      v,
      fn,
      `${field}[${k}]`,
      "an interval { lower, upper }",
    ) as Partial<RateInterval>;
    return [num(i.lower, fn, `${field}[${k}].lower`), num(i.upper, fn, `${field}[${k}].upper`)];
  });
}

/** The cohort rows of a retention or lifetime-value table. */
export function readCurves(
  table: Record<string, unknown>,
  fn: string,
  valuesField: "rates" | "values",
  withIntervals: boolean,
): { cohorts: Curve[]; pooled: Curve } {
  const cohorts = list(table.cohorts, fn, "cohorts").map((c, i) => {
    const row = object(c, fn, `cohorts[${i}]`, "a cohort row");
    return {
      name: str(row.key, fn, `cohorts[${i}].key`),
      values: readValues(row[valuesField], fn, `cohorts[${i}].${valuesField}`),
      intervals: withIntervals
        ? readIntervals(row.intervals, fn, `cohorts[${i}].intervals`)
        : undefined,
    };
  });
  const pooled = {
    name: "All cohorts",
    values: readValues(table.average, fn, "average"),
    intervals: withIntervals
      ? readIntervals(table.averageIntervals, fn, "averageIntervals")
      : undefined,
  };
  return { cohorts, pooled };
}

/** Line series of the curves: cohorts in palette colours, the pooled line thick in the text colour. */
export function curveSeries(
  settings: FrameSettings,
  cohorts: readonly Curve[],
  pooled: Curve | undefined,
): XYSeries[] {
  const colours = seriesColours(settings.palette, cohorts.length, settings.themeName);
  const toSeries = (c: Curve, colour: string, strokeWidth: number): XYSeries => {
    const points = c.values.flatMap((v, k) => (v === null ? [] : [{ x: k, y: v }]));
    const band =
      c.intervals === undefined
        ? undefined
        : c.intervals.flatMap((b, k) => (b === null ? [] : [{ x: k, lower: b[0], upper: b[1] }]));
    return {
      name: c.name,
      colour,
      points,
      kind: "line",
      markers: points.length <= 40,
      strokeWidth,
      ...(band === undefined ? {} : { band }),
    };
  };
  const out = cohorts.map((c, i) => toSeries(c, colours[i] as string, 1.75));
  if (pooled !== undefined) out.push(toSeries(pooled, settings.theme.text, 3));
  return out;
}

/** The number of columns of the curves. */
export function columnCount(curves: readonly Curve[]): number {
  return maxOf(
    curves.map((c) => c.values.length),
    1,
  );
}
