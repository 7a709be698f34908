import { fail, intNumber } from "../_lib/assert.js";
import type { ShiftedBetaGeometricModel } from "../models/discrete/fitShiftedBetaGeometric.js";
import type { Numeric } from "../types.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { capitalise, list, num, object, percent0, percent1 } from "./_svg/read.js";
import { xyChart } from "./_svg/xy.js";

const FN = "retentionProjection";

/**
 * Options of {@link retentionProjection}.
 *
 * @category Charts
 */
export interface RetentionProjectionOptions extends ChartOptions {
  /**
   * The last period projected (a whole number from 1 to 1,000). Default twice the observed
   * periods (at least 12).
   */
  readonly horizon?: number | undefined;
}

/**
 * The shifted-beta-geometric projection of a cohort's survival, with the observed points
 * it was fitted to.
 *
 * @remarks
 * ```text
 * projected S(t) = B(α, β + t) / B(α, β)          (model.survival(t), t = 0 … horizon)
 * observed  S(t) = alive[t] / alive[0]
 * ```
 * The line is the model's survival curve; dots are the observed shares; a dotted vertical
 * line marks the end of the observed data, beyond which the curve is a projection.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with α, β, the last observed share and
 * the projected share at the horizon; palette colours and a legend.
 *
 * @example
 * ```ts
 * const alive = [1000, 631, 468, 382, 326, 289, 262, 241] // Fader & Hardie's "regular" customers
 * const model = fitShiftedBetaGeometric({ alive })
 * const svg = retentionProjection(model, alive, { horizon: 12 })
 * ```
 * @param model - a fitted sBG model (`fitShiftedBetaGeometric`)
 * @param observed - the survivor counts fitted (`alive`, or the fit's input object)
 * @param options - the horizon and the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `model` is not an sBG model or a
 * count is not a number; `EMPTY` for no observed counts; `ZERO_DENOMINATOR` when
 * `alive[0]` is 0; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad count, `horizon`,
 * `width` or `height`; `INVALID_OPTION` for a bad `theme`, `palette`, `id` or text option.
 * @see Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive Marketing 21(1).
 * @category Charts
 */
export function retentionProjection(
  model: ShiftedBetaGeometricModel,
  observed: readonly Numeric[] | { readonly alive: readonly Numeric[] },
  options?: RetentionProjectionOptions,
): string {
  const { settings, options: o } = readChartOptions<RetentionProjectionOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const m = object(model, FN, "model", "a shifted-beta-geometric model");
  if (typeof m.survival !== "function")
    fail(FN, "model", "NOT_A_NUMBER", "must be a shifted-beta-geometric model", model);
  const raw = Array.isArray(observed)
    ? list(observed, FN, "observed", true)
    : list(object(observed, FN, "observed", "survivor counts").alive, FN, "observed.alive", true);
  const alive = raw.map((v, t) => intNumber(v, FN, `observed[${t}]`));
  const size = alive[0] as number;
  if (size === 0) fail(FN, "observed[0]", "ZERO_DENOMINATOR", "must be greater than 0", raw[0]);
  const last = alive.length - 1;
  const horizon =
    o.horizon === undefined ? Math.max(12, 2 * last) : intNumber(o.horizon, FN, "horizon", 1);
  if (horizon > 1000) fail(FN, "horizon", "OUT_OF_RANGE", "must be at most 1000", o.horizon);
  const survival = m.survival as (t: number) => unknown;
  const projected = Array.from({ length: horizon + 1 }, (_, t) => ({
    x: t,
    y: num(survival.call(model, t), FN, `model.survival(${t})`),
  }));
  const points = alive.map((a, t) => ({ x: t, y: a / size }));
  const [line, dots] = seriesColours(settings.palette, 2, settings.themeName) as [string, string];
  const params = (m.params ?? {}) as Record<string, unknown>;
  const alpha = params.alpha === undefined ? null : num(params.alpha, FN, "model.params.alpha");
  const beta = params.beta === undefined ? null : num(params.beta, FN, "model.params.beta");
  const unit = typeof m.unit === "string" ? m.unit : "period";
  return xyChart(settings, {
    kind: "retention-projection",
    title: "Retention projection (sBG)",
    description:
      `Shifted-beta-geometric projection` +
      (alpha !== null && beta !== null
        ? ` (α = ${alpha.toPrecision(4)}, β = ${beta.toPrecision(4)})`
        : "") +
      ` of a cohort of ${size} customers observed for ${last} ${unit}s: ` +
      `${percent1(points.at(-1)?.y ?? 1)} still active after ${last}, ` +
      `${percent1(projected.at(-1)?.y ?? 1)} projected after ${horizon}.`,
    xLabel: `${capitalise(unit)}s since acquisition`,
    yLabel: "Still active (% of cohort)",
    xFormat: (v) => String(v),
    yFormat: percent0,
    xDomain: [0, horizon],
    yDomain: [0, 1],
    integerX: true,
    series: [
      { name: "sBG projection", colour: line, points: projected, kind: "line", strokeWidth: 2 },
      { name: "observed", colour: dots, points, kind: "points" },
    ],
    markers: [{ x: last, label: "end of data" }],
  });
}
