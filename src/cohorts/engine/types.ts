import type { Decimal } from "../../_lib/decimal.js";
import type { ProportionIntervalMethod } from "../../conversion/wilsonInterval.js";
import type { Numeric, Period, WeekStartsOn } from "../../types.js";

/**
 * A customer id: a string or a finite number. `1` and `'1'` are different customers
 * (ids are compared as Map keys, with `SameValueZero`).
 *
 * @category Cohorts
 */
export type CustomerId = string | number;

/**
 * A point in time as the cohort engine reads it: a Date, epoch milliseconds, or an ISO-8601
 * string (with `Z` or an offset: that instant; date-only: that day in the analysis zone;
 * date-time without offset: wall-clock time in the analysis zone).
 *
 * @category Cohorts
 */
export type InstantInput = Date | number | string;

/**
 * One event of the default row shape.
 *
 * @category Cohorts
 */
export interface CohortEvent {
  /** The customer the event belongs to. */
  readonly customerId: CustomerId;
  /** When the event happened. */
  readonly at: InstantInput;
  /**
   * Revenue of the event (negative for a refund). Absent (`undefined`) or `null` (a SQL or
   * CSV NULL) is no revenue: the event counts as activity with 0 revenue.
   */
  readonly revenue?: Numeric | null | undefined;
}

/**
 * Events as columns of equal length (arrays or typed arrays).
 *
 * @category Cohorts
 */
export interface CohortColumns {
  /** Customer ids (strings or numbers; an `Int32Array`/`Float64Array` of integer ids is fastest). */
  readonly customerId: ArrayLike<CustomerId>;
  /** Event times (epoch ms in a `Float64Array` is fastest). */
  readonly at: ArrayLike<InstantInput>;
  /**
   * Revenue per event (`undefined` or `null` items: no revenue); with `minorUnits` a typed
   * array of integer minor units is fastest.
   */
  readonly revenue?: ArrayLike<Numeric | null | undefined>;
  /** Optional explicit cohort date per event (e.g. the signup date); the earliest per customer wins. */
  readonly cohortOf?: ArrayLike<InstantInput | null | undefined>;
  /** Optional event name per event, matched by the options `startEvent` and `returnEvent`. */
  readonly event?: ArrayLike<unknown>;
}

/**
 * {@link CohortColumns} with further columns beside the library's own, such as the one
 * `breakdownBy` names (`channel`, `country`, `plan`). A column object typed by an interface of
 * the user's own is a {@link CohortColumns}; one written in place may carry any named column.
 *
 * @category Cohorts
 */
export type CohortColumnsWithProperties = CohortColumns & {
  readonly [column: string]: ArrayLike<unknown> | undefined;
};

/**
 * Which events a start or return option selects: an event name, several names (any of them),
 * or a predicate of the row. Names are compared with `===` to the event's name (the `event`
 * accessor of rows, default `row.event`; the `event` column of columns). A predicate receives
 * the row and its index in the input (for columns, the row as `{ customerId, at, revenue,
 * event }` of the raw column values) and selects the row when it returns a truthy value.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export type CohortEventMatch<Row = CohortEvent> =
  | string
  | readonly string[]
  | ((row: Row, index: number) => boolean);

/**
 * A value of the breakdown property (`breakdownBy`): a string, a finite number, a boolean, or
 * `null` (also for `undefined`: the property is absent).
 *
 * @category Cohorts
 */
export type CohortBreakdownValue = string | number | boolean | null;

/**
 * What makes a customer active (and puts them in a cohort): `'events'` every row that is not
 * a refund, `'purchases'` rows with positive revenue, `'rows'` every row.
 *
 * @category Cohorts
 */
export type CohortActivity = "events" | "purchases" | "rows";

/**
 * How period `k` is measured from a customer's cohort.
 *
 * - `calendar`: whole calendar periods from the cohort's period to the event's period.
 * - `rolling`: whole 24 h / 7 × 24 h / 30 × 24 h windows since the customer's first event
 *   (or cohort date); offered for `day`, `week` and `month` only.
 *
 * @category Cohorts
 */
export type CohortBoundaries = "calendar" | "rolling";

/**
 * Accessors that read an event's fields from a row of any shape (for rows; columns name their
 * own fields).
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export interface EventAccessors<Row> {
  /** Reads a row's customer id (a string or a finite number). Default `row.customerId`. */
  readonly customerId?: ((row: Row, index: number) => unknown) | undefined;
  /** Reads a row's time. Default `row.at`. */
  readonly at?: ((row: Row, index: number) => unknown) | undefined;
  /** Reads a row's revenue. Default `row.revenue`; `undefined` or `null` is no revenue (0). */
  readonly revenue?: ((row: Row, index: number) => unknown) | undefined;
}

/**
 * Options of {@link cohortAnalysis}, {@link cohortAnalysisAsync} and
 * {@link createCohortAccumulator}.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export interface CohortOptions<Row = CohortEvent> extends EventAccessors<Row> {
  /** The period length. Default `'month'`. */
  readonly period?: Period;
  /** IANA time zone for all calendar arithmetic. Default `'UTC'`; the host zone is never used. */
  readonly timeZone?: string;
  /** First day of the week for `period: 'week'` (0 Sunday … 6 Saturday). Default 1 (ISO). */
  readonly weekStartsOn?: WeekStartsOn;
  /** `'calendar'` (default) or `'rolling'` periods. */
  readonly boundaries?: CohortBoundaries;
  /**
   * The end of the data, read as every observation end of the library is: an instant (a
   * Date, epoch ms, a date-time string) is the first instant not observed (events at or
   * after it are ignored); a calendar date (`'2024-06-30'`) names the last day observed,
   * included in full (the end is the start of the next day in `timeZone`). Periods that have
   * not ended by then are reported as incomplete (rates `null`).
   */
  readonly asOf?: InstantInput;
  /**
   * What makes a customer active in a period, and puts them in a cohort (their first such
   * event): `'events'` (default) every row that is not a refund (purchases, zero-revenue and
   * no-revenue rows); `'purchases'` rows with positive revenue only (purchase retention);
   * `'rows'` every row, refunds included (tools that count every event).
   */
  readonly active?: CohortActivity;
  /**
   * How refunds (rows with negative revenue) count in revenue: `'net'` (default) subtracts a
   * refund in the cell of its period, for a customer who has a cohort and at or after the
   * cohort's period (an earlier refund, or one of a customer with no active event, is left
   * out); `'exclude'` leaves refunds out of every sum.
   */
  readonly refunds?: "net" | "exclude";
  /**
   * When given, revenue values are integers counting `10^-minorUnits` of the currency
   * (`2`: cents). Default: revenue values are amounts in currency units.
   */
  readonly minorUnits?: number;
  /** Reads a row's explicit cohort date (e.g. signup); the earliest per customer wins. */
  readonly cohortOf?: (row: Row, index: number) => unknown;
  /**
   * Reads a row's event name, matched by `startEvent` and `returnEvent` names. Default
   * `row.event` (columns: the `event` column).
   */
  readonly event?: ((row: Row, index: number) => unknown) | undefined;
  /**
   * The event that puts a customer in a cohort (Amplitude's "starting event", Mixpanel's
   * `born_event`): a customer's cohort is the period of their first start event, and
   * a customer without one is in no cohort. Among the rows the `active` rule admits only.
   * Events before it never count as returns (its revenue rule: see `returnEvent`). Default:
   * every active row (the first active event sets the cohort).
   *
   * @example
   * ```ts
   * cohortAnalysis(events, { startEvent: 'signup', returnEvent: ['purchase', 'login'] })
   * ```
   */
  readonly startEvent?: CohortEventMatch<Row>;
  /**
   * The events that make a customer active in a period after their start (Amplitude's
   * "return event", Mixpanel's returning `event`). Among the rows the `active` rule admits
   * only. `active[k]` for k ≥ 1 counts customers with a return event in period k; period 0
   * follows `returnInStartPeriod`. Revenue is not filtered by it: every row of a cohort's
   * customer in the cohort's period or later goes into the cells, under the `refunds` rule.
   * Default: every active row.
   */
  readonly returnEvent?: CohortEventMatch<Row>;
  /**
   * Whether period 0 counts returns (PostHog users' question whether a return event on the
   * start day counts). `false` (default): every customer is active in their cohort's period
   * (`active[0] = size`, Amplitude's Day 0 and the table without start and return events).
   * `true`: a customer is active in period 0 only with a return event in the start period at
   * or after their start event (the start event itself counts when it is also a return event).
   */
  readonly returnInStartPeriod?: boolean;
  /**
   * Breaks the table down by a property of each customer's start event (channel, country,
   * plan): a property name (rows: `row[name]`; columns: the column of that name) or an
   * accessor `(row, index) => value` (rows only). The value of a customer is that of their
   * first start event (at equal instants the least value: numbers < strings < `false` <
   * `true` < `null`). The result's `breakdown` holds one table per value.
   */
  readonly breakdownBy?: string | ((row: Row, index: number) => unknown);
}

/**
 * One cohort of a {@link CohortTable}.
 *
 * @category Cohorts
 */
export interface CohortRow {
  /** The cohort period's label (`'2024-01'`, `'2024-W03'`, `'2024-Q1'`, …). */
  readonly key: string;
  /** The instant the cohort period starts, as an ISO-8601 UTC string (`'2024-01-01T05:00:00.000Z'`). */
  readonly start: string;
  /** Customers in the cohort. */
  readonly size: number;
  /** `active[k]`: distinct customers of the cohort with an active event in period `k` (see `active`). */
  readonly active: readonly number[];
  /** `revenue[k]`: exact revenue of the cohort's customers in period `k`. */
  readonly revenue: readonly Decimal[];
  /** `complete[k]`: whether period `k` had ended by `asOf` (always `true` without `asOf`). */
  readonly complete: readonly boolean[];
}

/**
 * Retention mode of {@link CohortTable.retention}: `'classic'` (active in period k),
 * `'unbounded'` (active in k or any later period), or inclusive period brackets.
 *
 * @category Cohorts
 */
export type RetentionMode =
  | "classic"
  | "unbounded"
  | {
      /** Inclusive ranges of periods `[from, to]`, each counted as one column. */
      readonly brackets: readonly (readonly [number, number])[];
    };

/**
 * Rates or values of one cohort.
 *
 * @category Cohorts
 */
export interface CohortRates {
  /** The cohort's key. */
  readonly key: string;
  /** Customers in the cohort. */
  readonly size: number;
  /** One value per period (or bracket); `null` beyond the data or where incomplete. */
  readonly rates: readonly (Decimal | null)[];
}

/**
 * The result of {@link CohortTable.retention}.
 *
 * @category Cohorts
 */
export interface RetentionTable {
  /** One row per cohort, ordered by start. */
  readonly cohorts: readonly CohortRates[];
  /** Pooled over cohorts with that period complete: Σ retained / Σ sizes; `null` if none. */
  readonly average: readonly (Decimal | null)[];
}

/**
 * Cumulative revenue per customer of one cohort.
 *
 * @category Cohorts
 */
export interface CohortValues {
  /** The cohort's key. */
  readonly key: string;
  /** Customers in the cohort. */
  readonly size: number;
  /** `values[k]`: revenue of periods 0..k divided by the cohort size; `null` beyond the data or where incomplete. */
  readonly values: readonly (Decimal | null)[];
}

/**
 * The result of {@link CohortTable.lifetimeValue}.
 *
 * @category Cohorts
 */
export interface LifetimeValueTable {
  /** One row per cohort, ordered by start. */
  readonly cohorts: readonly CohortValues[];
  /** Pooled over cohorts with that period complete: Σ cumulative revenue / Σ sizes; `null` if none. */
  readonly average: readonly (Decimal | null)[];
}

/**
 * The JSON form of a {@link CohortTable}: Decimals as exact strings.
 *
 * @category Cohorts
 */
export interface CohortTableJSON {
  /** The period length. */
  readonly period: Period;
  /** The analysis zone. */
  readonly timeZone: string;
  /** First day of the week. */
  readonly weekStartsOn: number;
  /** Calendar or rolling periods. */
  readonly boundaries: CohortBoundaries;
  /** `asOf` as an ISO string, or `null`. */
  readonly asOf: string | null;
  /** The cohorts, revenue as decimal strings. */
  readonly cohorts: readonly {
    /** Period label of the cohort (`'2024-01'`). */
    readonly key: string;
    /** ISO-8601 UTC instant at which the cohort's period starts. */
    readonly start: string;
    /** Customers in the cohort. */
    readonly size: number;
    /** Distinct active customers in period k. */
    readonly active: readonly number[];
    /** Exact revenue in period k, as decimal strings. */
    readonly revenue: readonly string[];
    /** Whether period k had ended by `asOf`. */
    readonly complete: readonly boolean[];
  }[];
  /** With `breakdownBy` only: the table of each breakdown value, in the order of `breakdown`. */
  readonly breakdown?: readonly {
    /** The breakdown value. */
    readonly value: CohortBreakdownValue;
    /** Its table. */
    readonly table: CohortTableJSON;
  }[];
}

/**
 * Options of {@link CohortTable.retention}.
 *
 * @category Cohorts
 */
export interface RetentionOptions {
  /** `'classic'` (default), `'unbounded'`, or `{ brackets: [[from, to], …] }`. */
  readonly mode?: RetentionMode;
  /**
   * Ask for a confidence interval of every rate and pooled average (`{}` for the defaults:
   * Wilson, 95 %). See {@link RateIntervalOptions}.
   */
  readonly intervals?: RateIntervalOptions;
}

/**
 * How the intervals of {@link CohortTable.retention} and {@link CohortTable.retentionAt} are
 * built: the options of {@link wilsonInterval}.
 *
 * @category Cohorts
 */
export interface RateIntervalOptions {
  /** Two-sided confidence level, from 1e-300 to 1 − 1e-300. Default `0.95`. */
  readonly confidence?: Numeric;
  /** Interval method. Default `'wilson'`. See {@link ProportionIntervalMethod}. */
  readonly method?: ProportionIntervalMethod;
}

/**
 * Options of {@link CohortTable.retention} that ask for intervals.
 *
 * @category Cohorts
 */
export interface RetentionIntervalOptions extends RetentionOptions {
  /** The interval settings (`{}` for Wilson at 95 %). */
  readonly intervals: RateIntervalOptions;
}

/**
 * A confidence interval of a rate, both bounds in [0, 1].
 *
 * @category Cohorts
 */
export interface RateInterval {
  /** Lower bound. */
  readonly lower: Decimal;
  /** Upper bound. */
  readonly upper: Decimal;
}

/**
 * Rates of one cohort with an interval per rate.
 *
 * @category Cohorts
 */
export interface CohortRatesWithIntervals extends CohortRates {
  /** `intervals[k]`: the interval of `rates[k]` (retained of `size` trials); `null` where the rate is. */
  readonly intervals: readonly (RateInterval | null)[];
}

/**
 * The result of {@link CohortTable.retention} with `intervals`.
 *
 * @category Cohorts
 */
export interface RetentionTableWithIntervals extends RetentionTable {
  /** One row per cohort, ordered by start, with intervals. */
  readonly cohorts: readonly CohortRatesWithIntervals[];
  /** `averageIntervals[k]`: the interval of `average[k]` (Σ retained of Σ sizes trials); `null` where the average is. */
  readonly averageIntervals: readonly (RateInterval | null)[];
}

/**
 * One cohort's retention at one period (or bracket) of {@link CohortTable.retentionAt}.
 *
 * @category Cohorts
 */
export interface RetentionPoint {
  /** The cohort's key. */
  readonly key: string;
  /** ISO-8601 UTC instant at which the cohort's period starts. */
  readonly start: string;
  /** Customers in the cohort. */
  readonly size: number;
  /** Customers retained at k; `null` where period k is beyond the cohort's data or incomplete. */
  readonly retained: number | null;
  /** `retained / size`; `null` where `retained` is. */
  readonly rate: Decimal | null;
}

/**
 * A {@link RetentionPoint} with the interval of its rate.
 *
 * @category Cohorts
 */
export interface RetentionPointWithInterval extends RetentionPoint {
  /** The interval of `rate` (`retained` of `size` trials); `null` where the rate is. */
  readonly interval: RateInterval | null;
}

/**
 * The result of {@link CohortTable.retentionAt}: column k of {@link CohortTable.retention} as
 * a series over the cohorts (the Day-N trend).
 *
 * @category Cohorts
 */
export interface RetentionTrend {
  /** The period (classic, unbounded) or bracket index (brackets) asked for. */
  readonly k: number;
  /** One point per cohort, ordered by start. */
  readonly cohorts: readonly RetentionPoint[];
  /** Pooled over cohorts with k complete: Σ retained / Σ sizes; `null` if none. */
  readonly average: Decimal | null;
}

/**
 * The result of {@link CohortTable.retentionAt} with `intervals`.
 *
 * @category Cohorts
 */
export interface RetentionTrendWithIntervals extends RetentionTrend {
  /** One point per cohort, ordered by start, with intervals. */
  readonly cohorts: readonly RetentionPointWithInterval[];
  /** The interval of `average` (Σ retained of Σ sizes trials); `null` where the average is. */
  readonly averageInterval: RateInterval | null;
}

/**
 * The cohort table returned by {@link cohortAnalysis} and {@link CohortAccumulator.result}.
 *
 * @category Cohorts
 */
export interface CohortTable {
  /** The period length. */
  readonly period: Period;
  /** The analysis zone. */
  readonly timeZone: string;
  /** First day of the week (0 Sunday … 6 Saturday). */
  readonly weekStartsOn: number;
  /** Calendar or rolling periods. */
  readonly boundaries: CohortBoundaries;
  /**
   * The end of the data as an ISO string (the first instant not observed: `asOf:
   * '2024-06-30'` in UTC gives `'2024-07-01T00:00:00.000Z'`), or `null` when not given.
   */
  readonly asOf: string | null;
  /** The cohorts ordered by start; `active`, `revenue`, `complete` have one entry per reported period. */
  readonly cohorts: readonly CohortRow[];
  /**
   * With the option `breakdownBy` only: one table per value of the breakdown property, in the
   * order numbers ascending, strings by code unit, `false`, `true`, `null` (the order of
   * funnel breakdowns). Each is a table
   * of the customers whose start event has that value, over the same periods as this one
   * (the total): sizes, active counts and revenue of the tables sum to the total's cell by
   * cell, and each has its own pooled averages.
   */
  readonly breakdown?: ReadonlyMap<CohortBreakdownValue, CohortTable>;
  /**
   * Retention rates per cohort and period (or bracket), with the pooled average and a
   * confidence interval of each.
   *
   * @remarks
   * ```text
   * rates[k]            = retained[k] / size
   * average[k]          = Σ retained[k] / Σ size     over cohorts with period k complete
   * intervals[k]        = wilsonInterval({ successes: retained[k], trials: size, confidence }, { method })
   * averageIntervals[k] = wilsonInterval({ successes: Σ retained[k], trials: Σ size, confidence }, { method })
   * ```
   * `retained[k]` counts the cohort's customers retained at k under `mode`. An interval is
   * `null` exactly where its rate is (period beyond the data or incomplete). The pooled
   * interval treats the cohorts' customers as one sample of Σ size trials. Wilson by default:
   * it stays in [0, 1] and keeps a non-zero width at 0 and 100 % retention, where small
   * cohorts often sit.
   *
   * @example
   * Day 1 of a 4-customer cohort retained 2 (A, D) and of a 1-customer cohort none:
   * ```ts
   * const r = table.retention({ intervals: {} })         // Wilson, 95 %
   * r.average[1]?.toString()                              //=> '0.4'   (2 of 5)
   * round(r.averageIntervals[1]!.lower, 4).toString()     //=> '0.1176'
   * round(r.averageIntervals[1]!.upper, 4).toString()     //=> '0.7693'
   * ```
   * @param options - the retention mode (default `'classic'`) and the interval settings
   * @throws {@link MetricInputError} `INVALID_OPTION` for an unknown mode, bad brackets,
   * `intervals` that is not an object, or an unknown `intervals.method`; `OUT_OF_RANGE` /
   * `NOT_A_NUMBER` for an `intervals.confidence` not strictly between 0 and 1 (as in
   * {@link wilsonInterval}).
   * @see Wilson, E. B. (1927), "Probable Inference, the Law of Succession, and Statistical
   * Inference", JASA 22(158); Newcombe, R. G. (1998), "Two-sided confidence intervals for the
   * single proportion: comparison of seven methods", Statistics in Medicine 17(8).
   */
  retention(options: RetentionIntervalOptions): RetentionTableWithIntervals;
  /**
   * Retention rates per cohort and period (or bracket), with the pooled average.
   *
   * @remarks
   * ```text
   * rates[k] = retained[k] / size;   average[k] = Σ retained[k] / Σ size (complete cohorts)
   * ```
   * `null` where period k is beyond the cohort's data or incomplete. With `intervals`, each
   * rate and average also gets its confidence interval (see the other signature).
   *
   * @example
   * ```ts
   * table.retention({ mode: 'unbounded' }).average.map(String) //=> ['1', '0.8', '0.8', '0.5']
   * ```
   * @param options - the retention mode (default `'classic'`)
   * @throws {@link MetricInputError} `INVALID_OPTION` for an unknown mode or bad brackets.
   * @see Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive Marketing.
   */
  retention(options?: RetentionOptions): RetentionTable;
  /**
   * Retention at one period k (or bracket k) of every cohort, in cohort order, with its
   * confidence interval: the Day-N trend (how Day-7 retention moves across cohorts).
   *
   * @remarks
   * ```text
   * cohorts[i] = { key, start, size, retained = retained_i[k], rate = retained / size,
   *                interval = wilsonInterval({ successes: retained, trials: size, confidence }, { method }) }
   * average         = Σ retained / Σ size           over cohorts with period k complete
   * averageInterval = wilsonInterval({ successes: Σ retained, trials: Σ size, confidence }, { method })
   * ```
   * Column k of {@link CohortTable.retention} in the same mode, with the counts. `retained`,
   * `rate` and `interval` are `null` where period k of the cohort is beyond the data or
   * incomplete; a k beyond every cohort gives all `null`. In bracket mode k is the index of
   * the bracket.
   *
   * @example
   * ```ts
   * const trend = table.retentionAt(1, { intervals: {} })
   * trend.cohorts.map((c) => `${c.retained}/${c.size}`) //=> ['2/4', '0/1']
   * trend.average?.toString()                             //=> '0.4'
   * round(trend.averageInterval!.upper, 4).toString()     //=> '0.7693'
   * ```
   * @param k - the period (classic, unbounded) or bracket index (brackets)
   * @param options - the retention mode (default `'classic'`) and the interval settings
   * @throws {@link MetricInputError} `NOT_INTEGER` / `NEGATIVE` / `NOT_A_NUMBER` for a `k`
   * that is not a whole non-negative number; `OUT_OF_RANGE` for a `k` above 2^53 − 1 or not
   * below the number of brackets; `INVALID_OPTION` for an unknown mode, bad brackets,
   * `intervals` that is not an object, or an unknown `intervals.method`; `OUT_OF_RANGE` /
   * `NOT_A_NUMBER` for an `intervals.confidence` not strictly between 0 and 1.
   * @see Wilson, E. B. (1927), "Probable Inference, the Law of Succession, and Statistical
   * Inference", JASA 22(158).
   */
  retentionAt(k: number, options: RetentionIntervalOptions): RetentionTrendWithIntervals;
  /**
   * Retention at one period k (or bracket k) of every cohort, in cohort order: the Day-N
   * trend, column k of {@link CohortTable.retention} with the retained counts.
   *
   * @remarks
   * ```text
   * cohorts[i] = { key, start, size, retained = retained_i[k], rate = retained / size }
   * average    = Σ retained / Σ size    over cohorts with period k complete
   * ```
   * `null` where period k of the cohort is beyond the data or incomplete.
   *
   * @example
   * ```ts
   * table.retentionAt(2).cohorts.map((c) => c.rate?.toString() ?? null) //=> ['0.5', '1']
   * ```
   * @param k - the period (classic, unbounded) or bracket index (brackets)
   * @param options - the retention mode (default `'classic'`)
   * @throws {@link MetricInputError} `NOT_INTEGER` / `NEGATIVE` / `NOT_A_NUMBER` /
   * `OUT_OF_RANGE` for a bad `k` (see the other signature); `INVALID_OPTION` for a bad mode.
   * @see Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive Marketing.
   */
  retentionAt(k: number, options?: RetentionOptions): RetentionTrend;
  /** Cumulative revenue per customer per cohort and period, with the pooled average. */
  lifetimeValue(): LifetimeValueTable;
  /** The table as plain JSON data: Decimals as exact strings. */
  toJSON(): CohortTableJSON;
}
