import { flag } from "../_lib/assert.js";
import type { ActiveUsersResult } from "../analytics/types.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { countFormat, list, maxOf, num, object, str } from "./_svg/read.js";
import { type XYSeries, xyChart } from "./_svg/xy.js";

const FN = "activeUsersChart";

/**
 * Options of {@link activeUsersChart}.
 *
 * @category Charts
 */
export interface ActiveUsersChartOptions extends ChartOptions {
  /** Also draw days not complete at `asOf`. Default `false`. */
  readonly incomplete?: boolean | undefined;
}

/** `1` → `'Daily active'`, `7` → `'Active in 7 days'`. */
function windowName(days: number): string {
  return days === 1 ? "active that day" : `active in the last ${days} days`;
}

/**
 * Active customers per day over rolling windows (DAU, WAU, MAU): one line per window of
 * `activeUsers`.
 *
 * @remarks
 * For every day of `activeUsers(events, { windows })`, y = `windows[w]`, the distinct
 * customers active in the `windows[w]` days ending that day; one line per window, x = the
 * day. Days not complete at `asOf` are left out unless `incomplete` is set.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the last day's figures; palette
 * colours and a legend naming each window.
 *
 * @example
 * ```ts
 * const svg = activeUsersChart(activeUsers(events, { period: 'day', windows: [1, 7, 30] }))
 * ```
 * @param input - the result of `activeUsers`
 * @param options - whether to draw incomplete days, and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is not an `activeUsers`
 * result; `INVALID_OPTION` for a bad flag, `theme`, `palette`, `id` or text option;
 * `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Mixpanel, "DAU, WAU, MAU" and stickiness (DAU / MAU) reports.
 * @category Charts
 */
export function activeUsersChart(
  input: ActiveUsersResult,
  options?: ActiveUsersChartOptions,
): string {
  const { settings, options: o } = readChartOptions<ActiveUsersChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const incomplete = flag(o.incomplete, false, FN, "incomplete");
  const r = object(input, FN, "input", "an activeUsers result");
  const windows = list(r.windows, FN, "windows", true).map((w, i) => num(w, FN, `windows[${i}]`));
  const lines = windows.map(() => [] as { x: number; y: number }[]);
  const keys: string[] = [];
  for (const [i, d] of list(r.days, FN, "days").entries()) {
    const day = object(d, FN, `days[${i}]`, "an active-users day");
    if (day.complete === false && !incomplete) continue;
    const key = str(day.key, FN, `days[${i}].key`);
    const counts = list(day.windows, FN, `days[${i}].windows`);
    for (const [w, line] of lines.entries()) {
      line.push({ x: keys.length, y: num(counts[w], FN, `days[${i}].windows[${w}]`) });
    }
    keys.push(key);
  }
  const colours = seriesColours(settings.palette, windows.length, settings.themeName);
  const series: XYSeries[] = windows.map((w, i) => ({
    name: windowName(w),
    colour: colours[i] as string,
    points: lines[i] as { x: number; y: number }[],
    kind: "line",
  }));
  const top = maxOf(
    lines.flatMap((l) => l.map((p) => p.y)),
    1,
  );
  const last = keys.length - 1;
  return xyChart(settings, {
    kind: "active-users",
    title: "Active customers",
    description:
      keys.length === 0
        ? "Active customers per day: no complete day."
        : `Active customers per day from ${keys[0]} to ${keys[last]}. On ${keys[last]}: ` +
          windows
            .map((w, i) => `${countFormat(lines[i]?.[last]?.y ?? 0)} ${windowName(w)}`)
            .join(", ") +
          ".",
    xLabel: "Day",
    yLabel: "Active customers",
    xFormat: (v) => keys[v] ?? "",
    yFormat: (v) => countFormat(v),
    xDomain: [0, Math.max(1, last)],
    yDomain: [0, Math.max(top, 1)],
    integerX: true,
    series,
  });
}
