import { fail, options as readOptions, record } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import {
  lastObservedDay,
  observationEnd,
  type PurchaseRule,
  purchasesOption,
} from "../../../_lib/eventRules.js";
import { timeZoneOption } from "../../../_lib/time.js";
import { logSource, perCustomer } from "../../../cohorts/engine/group/perCustomer.js";
import { TrackingScan } from "../../../cohorts/engine/group/trackingScan.js";
import type { EventAccessors } from "../../../cohorts/engine/types.js";
import type { Period } from "../../../types.js";
import { DAYS_PER_UNIT, UNITS } from "../_units.js";
import type { PurchaseTransaction, PurchaseTransactionColumns } from "../summarizeTransactions.js";
import type { PurchaseModelValue } from "../types.js";
import { readModel } from "./_model.js";
import { decimal } from "./_shared.js";

/**
 * Options of {@link trackingCurves}.
 *
 * @typeParam Row - the row shape the accessors read
 * @category Models
 */
export interface TrackingCurvesOptions<Row = PurchaseTransaction> extends EventAccessors<Row> {
  /**
   * The end of the log, as every observation end of the library (a calendar date is its last
   * day, included). Required.
   */
  readonly observationEnd: Date | string | number;
  /** The length of one step of the curves. Default: the model's unit. */
  readonly period?: Period | undefined;
  /** IANA time zone of the calendar days. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /** What a purchase is, as in {@link summarizeTransactions}. Default `'positive'`. */
  readonly purchases?: PurchaseRule | undefined;
}

/**
 * One step of {@link trackingCurves}.
 *
 * @category Models
 */
export interface TrackingPoint {
  /** The step, 1, 2, …: the curves' value after `index` periods. */
  readonly index: number;
  /** The last day the step includes (ISO date). */
  readonly end: string;
  /** Repeat purchases the model expects from the base up to the end of the step. */
  readonly expectedCumulative: Decimal;
  /** Repeat purchases made up to the end of the step. */
  readonly actualCumulative: Decimal;
  /** Repeat purchases the model expects within the step. */
  readonly expectedIncremental: Decimal;
  /** Repeat purchases made within the step. */
  readonly actualIncremental: Decimal;
}

/**
 * Result of {@link trackingCurves}.
 *
 * @category Models
 */
export interface TrackingCurves {
  /** The step length. */
  readonly period: Period;
  /** The first day of the first step: the log's first purchase day (ISO date). */
  readonly start: string;
  /** One point per whole step up to the observation end. */
  readonly points: readonly TrackingPoint[];
  /** Over the steps, of expected − actual incremental purchases: Σ|e|/k. */
  readonly meanAbsoluteError: Decimal;
  /** √(Σ e²/k) over the steps. */
  readonly rootMeanSquaredError: Decimal;
  /** Σ e/k over the steps (negative: the model expects too few). */
  readonly bias: Decimal;
}

const FN = "trackingCurves";
const MS_PER_DAY = 86_400_000;

function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Cumulative and incremental (per period) repeat purchases of the whole customer base,
 * expected by a purchase model against those in a transaction log: the tracking charts of a
 * model check.
 *
 * @remarks
 * Purchases are grouped into calendar days in `timeZone` (as in {@link summarizeTransactions}:
 * each customer's first purchase day d₀ is the trial, every later purchase day a repeat
 * purchase). Steps of length L (`period`, default the model's unit) start on the log's first
 * purchase day S; step k ends with the day E_k = ⌊S + k·L⌋ − 1 (whole steps up to the
 * observation end). With u the days per model unit and n_d the customers whose first purchase
 * day is d:
 * ```text
 * expectedCumulative_k = Σ_{d ≤ E_k} n_d · E[X((E_k − d)/u)]
 * actualCumulative_k   = repeat purchase days on or before E_k (all customers)
 * incremental_k        = cumulative_k − cumulative_(k−1)
 * ```
 * A customer's age is counted as `T` is in {@link summarizeTransactions}, from the end of the
 * first purchase day to the end of E_k; lifetimes' `expected_cumulative_transactions` counts
 * one day more (E_k + 1 − d), otherwise the sums are the same. The model is usually fitted to
 * the calibration part of the same log; the curves run on to the observation end, and the
 * errors (expected − actual per step, incremental) summarise the fit over every step.
 * Counts are purchases (Decimals of float64 sums). Work: one model evaluation per distinct
 * age in days and one sum per step and distinct first day.
 *
 * @example
 * The CDNOW sample, BG/NBD fitted to the first 39 weeks, tracked weekly for 78 weeks:
 * ```ts
 * const curves = trackingCurves(bg, transactions, { observationEnd: '1998-06-30', purchases: 'all' })
 * curves.points.length                              //=> 78
 * curves.points[38].actualCumulative.toString()     //=> '2457'
 * curves.points[38].expectedCumulative.toFixed(0)   //=> '2494'
 * ```
 * @throws {@link MetricInputError} `INVALID_OPTION` when `model` is not a BG/NBD, MBG/NBD or
 *   Pareto/NBD model of the library, `period`, a time zone, an accessor or `purchases` is
 *   invalid, or no row has revenue under `purchases: 'positive'`; `INVALID_DATE` for an
 *   unreadable or missing `observationEnd` or `transactions[i].at`; `NOT_A_NUMBER` /
 *   `NOT_FINITE` for a bad customer id or revenue; `INCONSISTENT` when columns differ in
 *   length; `EMPTY` when the log has no purchase before the observation end.
 * @see Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science
 *   24(2), 275–284, Figure 3 (cumulative repeat transactions); lifetimes'
 *   `expected_cumulative_transactions`.
 * @category Models
 */
export function trackingCurves<P extends string, Row = PurchaseTransaction>(
  model: PurchaseModelValue<P>,
  transactions: Iterable<Row> | PurchaseTransactionColumns,
  options: TrackingCurvesOptions<Row>,
): TrackingCurves {
  const m = readModel(model, FN);
  const o = readOptions<TrackingCurvesOptions<Row>>(record(options, FN, "options"), FN);
  const timeZone = timeZoneOption(o.timeZone, FN, "options.timeZone");
  const purchases = purchasesOption(o.purchases, FN, "options.purchases");
  if (o.period !== undefined && !(UNITS as readonly unknown[]).includes(o.period)) {
    fail(
      FN,
      "options.period",
      "INVALID_OPTION",
      `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
      o.period,
    );
  }
  const period = o.period ?? m.unit;
  if (o.observationEnd === undefined) {
    fail(FN, "options.observationEnd", "INVALID_DATE", "is required", o.observationEnd);
  }
  const end = observationEnd(o.observationEnd, timeZone, FN, "options.observationEnd");
  const {
    firstDays,
    repeatDays,
    earliest: start,
  } = perCustomer(
    transactions,
    logSource(FN, o, "transactions", true),
    { zone: timeZone, end, cut: end, days: true, purchases, keepRefunds: false },
    (ev) => new TrackingScan(ev.extra),
    (scan, customers) => {
      if (customers.count === 0) {
        fail(FN, "transactions", "EMPTY", "must hold a purchase before the observation end", 0);
      }
      return scan;
    },
  );
  const last = lastObservedDay(end, timeZone);
  const step = DAYS_PER_UNIT[period];
  const perUnit = DAYS_PER_UNIT[m.unit];
  const steps = Math.floor((last - start + 1) / step);
  // Sorted first days with their counts, and repeat purchases by day offset from the start.
  const cohorts = [...firstDays].sort((x, y) => x[0] - y[0]);
  const span = last - start + 1;
  const repeatsByDay = new Float64Array(span);
  for (const [d, n] of repeatDays) repeatsByDay[d - start] = n;
  // E[X(a/u)] by age a in whole days, computed once.
  const byAge = new Float64Array(span);
  const known = new Uint8Array(span);
  const expectedAt = (age: number): number => {
    if (age === 0) return 0;
    if (known[age] === 0) {
      byAge[age] = m.expected(age / perUnit);
      known[age] = 1;
    }
    return byAge[age] as number;
  };
  const points: TrackingPoint[] = [];
  let actual = 0;
  let through = start - 1;
  let previousExpected = 0;
  let previousActual = 0;
  let absolute = 0;
  let squared = 0;
  let signed = 0;
  for (let k = 1; k <= steps; k++) {
    const dayEnd = Math.floor(start + k * step + 1e-9) - 1;
    for (let d = through + 1; d <= dayEnd; d++) actual += repeatsByDay[d - start] as number;
    through = dayEnd;
    let expected = 0;
    for (const [d, n] of cohorts) {
      if (d > dayEnd) break;
      expected += n * expectedAt(dayEnd - d);
    }
    if (!Number.isFinite(expected)) {
      fail(FN, "model", "OUT_OF_RANGE", "expects purchases beyond the float64 range", expected);
    }
    const e = expected - previousExpected - (actual - previousActual);
    absolute += Math.abs(e);
    squared += e * e;
    signed += e;
    points.push(
      Object.freeze({
        index: k,
        end: isoDay(dayEnd),
        expectedCumulative: decimal(expected),
        actualCumulative: decimal(actual),
        expectedIncremental: decimal(Math.max(0, expected - previousExpected)),
        actualIncremental: decimal(actual - previousActual),
      }),
    );
    previousExpected = expected;
    previousActual = actual;
  }
  const k = Math.max(1, steps);
  return Object.freeze({
    period,
    start: isoDay(start),
    points: Object.freeze(points),
    meanAbsoluteError: decimal(absolute / k),
    rootMeanSquaredError: decimal(Math.sqrt(squared / k)),
    bias: decimal(signed / k),
  });
}
