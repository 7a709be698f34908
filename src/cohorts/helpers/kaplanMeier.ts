import { fail, option, options as readOptions, toDecimal } from "../../_lib/assert.js";
import { clean, Decimal as D, type Decimal, fromFloat, ONE, ZERO } from "../../_lib/decimal.js";
import { readConfidence } from "../../_lib/normal.js";
import { dayNumber, parseInstant, timeZoneOption } from "../../_lib/time.js";
import type { Numeric } from "../../types.js";
import type { InstantInput } from "../engine/types.js";

const FN = "kaplanMeier";

/**
 * A subject (subscriber, customer) given by the length of its observed life.
 *
 * @category Cohorts
 */
export interface SurvivalDuration {
  /** Time from the start to churn or censoring, in any unit (not negative). */
  readonly duration: Numeric;
  /** `true` if the subject churned at `duration`; `false` if it was still active then (censored). */
  readonly churned: boolean;
}

/**
 * A subject given by its start and (optionally) end date.
 *
 * @category Cohorts
 */
export interface SurvivalSpan {
  /** When the subject started (subscribed, first purchased). */
  readonly start: InstantInput;
  /** When it churned or stopped being observed. Missing: still active, censored at `asOf`. */
  readonly end?: InstantInput | undefined;
  /** `true` if it churned at `end`; `false` if it was censored there. Must be `false` without `end`. */
  readonly churned: boolean;
}

/**
 * One subject of {@link kaplanMeier}.
 *
 * @category Cohorts
 */
export type SurvivalSubject = SurvivalDuration | SurvivalSpan;

/**
 * The unit of `time` for subjects given by dates: calendar days in `timeZone`; a week is
 * 7 days, a month 30.436875 days and a year 365.2425 days (the mean Gregorian month and year).
 *
 * @category Cohorts
 */
export type SurvivalUnit = "day" | "week" | "month" | "year";

/**
 * Options of {@link kaplanMeier}.
 *
 * @category Cohorts
 */
export interface KaplanMeierOptions {
  /** Confidence level of the band, from 1e-300 to 1 − 1e-300. Default 0.95. */
  confidence?: Numeric | undefined;
  /**
   * `'linear'` (default): `S ± z·SE`, clipped to [0, 1]. `'log-log'`: the band of
   * `log(−log S)` mapped back (Kalbfleisch–Prentice; lifelines' and R's `conf.type = "log-log"`),
   * which stays inside (0, 1) by construction.
   */
  band?: "linear" | "log-log" | undefined;
  /** Unit of `time` for `{ start, end }` subjects. Default `'day'`. Ignored for `{ duration }`. */
  unit?: SurvivalUnit | undefined;
  /** Censoring date for subjects without `end`; required when there are such subjects. */
  asOf?: InstantInput | undefined;
  /** IANA time zone in which calendar days are counted. Default `'UTC'`. */
  timeZone?: string | undefined;
}

/**
 * One step of the Kaplan–Meier curve.
 *
 * @category Cohorts
 */
export interface KaplanMeierPoint {
  /** The distinct event or censoring time. */
  readonly time: Decimal;
  /** Subjects still at risk just before `time` (n). */
  readonly atRisk: number;
  /** Subjects that churned at `time` (d). */
  readonly churned: number;
  /** Subjects censored at `time`. */
  readonly censored: number;
  /** Estimated share surviving beyond `time`, Ŝ(t). */
  readonly survival: Decimal;
  /** Greenwood standard error of Ŝ(t); 0 once Ŝ reaches 0. */
  readonly standardError: Decimal;
  /** Lower end of the confidence band. */
  readonly lower: Decimal;
  /** Upper end of the confidence band. */
  readonly upper: Decimal;
}

/**
 * Result of {@link kaplanMeier}.
 *
 * @category Cohorts
 */
export interface KaplanMeierResult {
  /** One point per distinct time, ascending. */
  readonly points: readonly KaplanMeierPoint[];
  /** First time with Ŝ(t) ≤ 0.5; `null` when the curve never gets there. */
  readonly median: Decimal | null;
}

const UNIT_DAYS: Record<SurvivalUnit, Decimal> = {
  day: /* @__PURE__ */ new D(1),
  week: /* @__PURE__ */ new D(7),
  month: /* @__PURE__ */ new D("30.436875"),
  year: /* @__PURE__ */ new D("365.2425"),
};

const HALF = /* @__PURE__ */ new D("0.5");

/**
 * Kaplan–Meier survival curve of subscribers or customers, with Greenwood standard errors.
 *
 * @remarks
 * ```text
 * S(t)   = Π over t_j ≤ t of (1 − d_j / n_j)
 * Var    = S(t)² · Σ over t_j ≤ t of d_j / (n_j (n_j − d_j))     (Greenwood)
 * linear : S ± z·SE, clipped to [0, 1]
 * log-log: exp(−exp(log(−log S) ± z·SE / (S·|log S|)))
 * median = first t with S(t) ≤ 0.5
 * ```
 * `d_j` subjects churn at time `t_j` and `n_j` are still at risk just before it. A censored
 * subject (still active, `churned: false`) counts as at risk up to and including its
 * censoring time: at a tied time churn comes before censoring. There is one point per
 * distinct time (churn or censoring); the curve is flat at censoring-only times.
 *
 * Subjects are `{ duration, churned }` (any unit) or `{ start, end?, churned }`, whose time is
 * the number of calendar days from `start` to `end` (or to `asOf` when `end` is missing) in
 * `timeZone`, divided by the unit's length (week 7, month 30.436875, year 365.2425 days, so
 * times stay proportional to elapsed time; for whole billing periods, pass `duration`).
 *
 * Survival is a product of exact Decimal ratios (40 significant digits); the standard error
 * uses a Decimal square root. Once Ŝ reaches 0 the standard error and band are 0. Where
 * Ŝ = 1 the log-log band is [1, 1].
 *
 * @example
 * Ten subscribers, lifetimes in months, `+` censored: 1, 2, 2+, 3, 4, 4, 5+, 6, 6+, 8+:
 * ```ts
 * const km = kaplanMeier([1, 2, 2, 3, 4, 4, 5, 6, 6, 8].map((duration, i) =>
 *   ({ duration, churned: ![2, 6, 8, 9].includes(i) })))
 * km.points[3].survival.toDecimalPlaces(6).toString() //=> '0.457143'
 * km.median?.toString()                               //=> '4'
 * ```
 * @throws {@link MetricInputError} `EMPTY` for no subjects; `NEGATIVE` for a negative
 * duration; `INCONSISTENT` when an end (or `asOf`) is before the start, or a subject without
 * `end` has churned; `INVALID_DATE` for a bad date or a missing `asOf`; `NOT_A_NUMBER` for a
 * bad duration or `churned`; `OUT_OF_RANGE` for a confidence not between 1e-300 and 1 − 1e-300;
 * `INVALID_OPTION` for a bad option.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Kaplan & Meier (1958), "Nonparametric Estimation from Incomplete Observations", JASA 53:457–481;
 * Greenwood (1926); OriginLab, "Algorithms (Kaplan-Meier Estimator)".
 * @category Cohorts
 */
export function kaplanMeier(
  subjects: Iterable<SurvivalSubject>,
  options?: KaplanMeierOptions,
): KaplanMeierResult {
  const opts = readOptions<KaplanMeierOptions>(options, FN);
  const { z: zFloat } = readConfidence(opts.confidence, FN);
  const band = option(opts.band, ["linear", "log-log"] as const, "linear", FN, "band");
  const unit = option(opts.unit, ["day", "week", "month", "year"] as const, "day", FN, "unit");
  const timeZone = timeZoneOption(opts.timeZone, FN);
  const asOfDay =
    opts.asOf === undefined
      ? undefined
      : dayNumber(parseInstant(opts.asOf, timeZone, FN, "asOf"), timeZone);
  if (
    subjects === null ||
    typeof subjects !== "object" ||
    typeof (subjects as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    fail(FN, "subjects", "NOT_A_NUMBER", "must be an iterable of subjects", subjects);
  }

  // time key -> [time, churned, censored]
  const byTime = new Map<string, { time: Decimal; churned: number; censored: number }>();
  let total = 0;
  let index = 0;
  for (const subject of subjects) {
    const i = index++;
    const at = `subjects[${i}]`;
    if (subject === null || typeof subject !== "object")
      fail(FN, at, "NOT_A_NUMBER", "must be an object", subject);
    const s = subject as Partial<SurvivalDuration & SurvivalSpan>;
    if (s.churned !== true && s.churned !== false) {
      fail(FN, `${at}.churned`, "NOT_A_NUMBER", "must be true or false", s.churned);
    }
    let time: Decimal;
    if (s.duration !== undefined || s.start === undefined) {
      time = toDecimal(s.duration, FN, `${at}.duration`);
      if (time.isNegative())
        fail(FN, `${at}.duration`, "NEGATIVE", "must not be negative", s.duration);
    } else {
      const startDay = dayNumber(parseInstant(s.start, timeZone, FN, `${at}.start`), timeZone);
      let endDay: number;
      if (s.end === undefined || s.end === null) {
        if (s.churned)
          fail(FN, `${at}.end`, "INCONSISTENT", "is required when churned is true", s.end);
        if (asOfDay === undefined) {
          return fail(
            FN,
            "asOf",
            "INVALID_DATE",
            "is required when a subject has no end",
            undefined,
          );
        }
        endDay = asOfDay;
        if (endDay < startDay)
          fail(FN, "asOf", "INCONSISTENT", `must not be before ${at}.start`, opts.asOf);
      } else {
        endDay = dayNumber(parseInstant(s.end, timeZone, FN, `${at}.end`), timeZone);
        if (endDay < startDay)
          fail(FN, `${at}.end`, "INCONSISTENT", "must not be before start", s.end);
      }
      time = new D(endDay - startDay).div(UNIT_DAYS[unit]);
    }
    const key = time.toString();
    let entry = byTime.get(key);
    if (entry === undefined) {
      entry = { time, churned: 0, censored: 0 };
      byTime.set(key, entry);
    }
    if (s.churned) entry.churned++;
    else entry.censored++;
    total++;
  }
  if (total === 0) fail(FN, "subjects", "EMPTY", "must contain at least one subject", subjects);

  const z = fromFloat(zFloat);
  const sorted = [...byTime.values()].sort((a, b) => a.time.comparedTo(b.time));
  const points: KaplanMeierPoint[] = [];
  let atRisk = total;
  let survival: Decimal = ONE;
  let greenwood: Decimal = ZERO;
  let median: Decimal | null = null;
  for (const { time, churned, censored } of sorted) {
    if (churned > 0) {
      survival = survival.times(atRisk - churned).div(atRisk);
      if (atRisk > churned)
        greenwood = greenwood.plus(new D(churned).div(atRisk * (atRisk - churned)));
    }
    let standardError: Decimal = ZERO;
    let lower: Decimal = survival;
    let upper: Decimal = survival;
    if (!survival.isZero()) {
      const root = greenwood.sqrt();
      standardError = survival.times(root);
      if (band === "linear") {
        const half = z.times(standardError);
        lower = D.max(ZERO, survival.minus(half));
        upper = D.min(ONE, survival.plus(half));
      } else if (survival.lt(ONE)) {
        const logS = survival.ln();
        const c = logS.neg().ln();
        const spread = z.times(root).div(logS.abs());
        lower = c.plus(spread).exp().neg().exp();
        upper = c.minus(spread).exp().neg().exp();
      }
    }
    if (median === null && survival.lte(HALF)) median = time;
    points.push(
      Object.freeze({
        time: clean(time),
        atRisk,
        churned,
        censored,
        survival: clean(survival),
        standardError: clean(standardError),
        lower: clean(lower),
        upper: clean(upper),
      }),
    );
    atRisk -= churned + censored;
  }
  return Object.freeze({
    points: Object.freeze(points),
    median: median === null ? null : clean(median),
  });
}
