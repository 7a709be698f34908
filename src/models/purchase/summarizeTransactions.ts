import { fail, options as readOptions, record } from "../../_lib/assert.js";
import { clean, Decimal, ZERO } from "../../_lib/decimal.js";
import { compareIds, forEachEvent } from "../../_lib/events.js";
import { exact, fromUnits, toLibrary } from "../../_lib/minor.js";
import { dayNumber, parseInstant, timeZoneOption } from "../../_lib/time.js";
import type { EventAccessors } from "../../cohorts/engine/types.js";
import type { Numeric, Period } from "../../types.js";
import { DAYS_PER_UNIT, unitOption } from "./_units.js";

/**
 * One purchase as {@link summarizeTransactions} reads it by default.
 *
 * @category Models
 */
export interface PurchaseTransaction {
  /** The customer: a string or a finite number (`1` and `'1'` are different customers). */
  readonly customerId: string | number;
  /**
   * When: a Date, epoch milliseconds, or an ISO-8601 string (a date-only string is that day in
   * the `timeZone`; a date-time without offset is wall-clock time there).
   */
  readonly at: Date | string | number;
  /** Amount of the purchase; absent (`undefined`) or `null` means no revenue (0). */
  readonly revenue?: Numeric | null | undefined;
}

/**
 * A transaction log as columns of equal length.
 *
 * @category Models
 */
export interface PurchaseTransactionColumns {
  /** Customer of each purchase. */
  readonly customerId: ArrayLike<string | number>;
  /** Time of each purchase. */
  readonly at: ArrayLike<Date | string | number>;
  /** Amount of each purchase. Optional. */
  readonly revenue?: ArrayLike<Numeric | null | undefined> | undefined;
}

/**
 * Options of {@link summarizeTransactions}.
 *
 * @typeParam Row - the row shape the accessors read
 * @category Models
 */
export interface SummarizeTransactionsOptions<Row = PurchaseTransaction>
  extends EventAccessors<Row> {
  /**
   * The last day observed, inclusive: a date-only string (`'1997-09-30'`), a Date or epoch
   * milliseconds (the calendar day containing that instant in `timeZone`). Required.
   */
  readonly observationEnd: Date | string | number;
  /** The unit recency, T and the holdout duration are measured in. Required. */
  readonly unit: Period;
  /**
   * The last day of the calibration period, inclusive. When given, T and the frequency are
   * measured up to this day, customers whose first purchase is later are left out, and the
   * purchases after it (up to `observationEnd`) fill the holdout columns.
   */
  readonly calibrationEnd?: Date | string | number | undefined;
  /** IANA time zone in which purchases are assigned to calendar days. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
}

/**
 * One customer's purchase history in the form the purchase models read.
 *
 * @category Models
 */
export interface CustomerSummary {
  /** The customer. */
  readonly customerId: string | number;
  /** x: purchase days after the first one (repeat purchases; the first purchase is not counted). */
  readonly frequency: Decimal;
  /** t_x: time from the first to the last purchase day (0 when `frequency` is 0). */
  readonly recency: Decimal;
  /** Time from the first purchase day to the end of the calibration (or observation) period. */
  readonly T: Decimal;
  /** Mean amount of the repeat purchase days (the first day left out); 0 when `frequency` is 0. */
  readonly monetaryValue: Decimal;
  /** The unit of `recency`, `T` and `durationHoldout`; the models read it from here. */
  readonly unit: Period;
  /** With `calibrationEnd`: purchase days in the holdout period. */
  readonly frequencyHoldout?: Decimal;
  /** With `calibrationEnd`: mean amount of the holdout purchase days (0 when there are none). */
  readonly monetaryValueHoldout?: Decimal;
  /** With `calibrationEnd`: length of the holdout period. */
  readonly durationHoldout?: Decimal;
}

const FN = "summarizeTransactions";

function endDay(value: unknown, timeZone: string, field: string): number {
  if (value === undefined) fail(FN, field, "INVALID_DATE", "is required", value);
  return dayNumber(parseInstant(value, timeZone, FN, field), timeZone);
}

function mean(sum: Decimal, n: number): Decimal {
  return n === 0 ? ZERO : clean(toLibrary(sum).div(n));
}

const EXACT_ZERO = /* @__PURE__ */ exact(0);

/**
 * Per-customer frequency, recency, age and mean spend of a transaction log: the input of the
 * purchase models ({@link fitBetaGeometricNBD}, {@link fitParetoNBD}, {@link fitGammaGamma}).
 *
 * @remarks
 * Purchases are grouped into calendar days in `timeZone`; all purchases of one customer on
 * one day are one transaction and their amounts are summed. With d₀ the customer's first
 * purchase day, d_last the last purchase day up to the end day E, and u the days per unit:
 * ```text
 * frequency     = (number of distinct purchase days ≤ E) − 1
 * recency       = (d_last − d₀) / u
 * T             = (E − d₀) / u
 * monetaryValue = Σ day totals after d₀ / frequency        (0 when frequency = 0)
 * ```
 * Day differences are whole days, as from the end of one day to the end of another: a first
 * purchase on 1997-01-01 and `observationEnd: '1997-09-30'` give T = 272 days = 272/7 weeks.
 * Units: day 1, week 7, month 30.436875 (365.2425 / 12), quarter 91.310625, year 365.2425 days;
 * `unit` has no default, so that the unit is always stated. E is `calibrationEnd` when given
 * (else `observationEnd`); purchases after `observationEnd` are ignored; customers whose first
 * purchase is after E are left out. With `calibrationEnd`, each row also has
 * `frequencyHoldout` (purchase days in (calibrationEnd, observationEnd]),
 * `monetaryValueHoldout` (their mean day total, 0 when none) and `durationHoldout`
 * ((observationEnd − calibrationEnd) / u). Rows are ordered by customer id (numbers ascending,
 * then strings). A purchase without revenue (`undefined` or `null`, as in every event-log
 * function) counts as 0. Each row carries `unit`, which the
 * model fits read.
 *
 * @example
 * Customer 1 of the CDNOW sample bought on 1997-01-01 ($29.33), 1997-01-18 ($29.73) and
 * 1997-08-02 ($14.96):
 * ```ts
 * const [row] = summarizeTransactions(
 *   [
 *     { customerId: 1, at: '1997-01-01', revenue: '29.33' },
 *     { customerId: 1, at: '1997-01-18', revenue: '29.73' },
 *     { customerId: 1, at: '1997-08-02', revenue: '14.96' },
 *   ],
 *   { observationEnd: '1997-09-30', unit: 'week' },
 * )
 * row.frequency.toString()     //=> '2'
 * row.recency.toFixed(4)       //=> '30.4286' (213 days)
 * row.T.toFixed(4)             //=> '38.8571' (272 days)
 * row.monetaryValue.toString() //=> '22.345'
 * ```
 * @throws {@link MetricInputError} `INVALID_OPTION` when `unit` is missing or unknown, or a
 *   time zone or accessor is invalid; `INVALID_DATE` for an unreadable `observationEnd`,
 *   `calibrationEnd` or `transactions[i].at`; `INCONSISTENT` when `calibrationEnd` is after
 *   `observationEnd`, or columns differ in length; `NOT_A_NUMBER` / `NOT_FINITE` for a bad
 *   customer id or revenue.
 * @see Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science
 *   24(2), and the CDNOW summary at brucehardie.com (notes 004 and 025).
 * @category Models
 */
export function summarizeTransactions<Row = PurchaseTransaction>(
  transactions: Iterable<Row> | PurchaseTransactionColumns,
  options: SummarizeTransactionsOptions<Row>,
): CustomerSummary[] {
  const o = readOptions<SummarizeTransactionsOptions<Row>>(record(options, FN, "options"), FN);
  const unit = unitOption(o.unit, FN, "options.unit");
  const timeZone = timeZoneOption(o.timeZone, FN, "options.timeZone");
  const last = endDay(o.observationEnd, timeZone, "options.observationEnd");
  const holdout = o.calibrationEnd !== undefined;
  const cutoff = holdout ? endDay(o.calibrationEnd, timeZone, "options.calibrationEnd") : last;
  if (cutoff > last) {
    fail(
      FN,
      "options.calibrationEnd",
      "INCONSISTENT",
      "must not be after observationEnd",
      o.calibrationEnd,
    );
  }

  // Per customer and day: the amount in integer hundredths, and in `extra` what does not fit
  // (sub-cent amounts, sums beyond 2^53).
  interface Days {
    cents: Map<number, number>;
    extra: Map<number, Decimal> | null;
  }
  const customers = new Map<string | number, Days>();
  forEachEvent(
    transactions,
    o as Record<string, unknown>,
    timeZone,
    FN,
    (t) => {
      const day = dayNumber(t.at, timeZone);
      if (day > last) return;
      let c = customers.get(t.id);
      if (c === undefined) {
        c = { cents: new Map(), extra: null };
        customers.set(t.id, c);
      }
      const before = c.cents.get(day) ?? 0;
      const sum = before + t.units;
      if (sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER) {
        c.cents.set(day, sum);
        return;
      }
      c.cents.set(day, before);
      const d = Number.isNaN(t.units) ? (t.revenue as Decimal) : fromUnits(t.units, 2);
      if (c.extra === null) c.extra = new Map();
      const prev = c.extra.get(day);
      c.extra.set(day, prev === undefined ? exact(d) : prev.plus(d));
    },
    { root: "transactions", optionPrefix: "options.", revenueUnits: true },
  );

  const perUnit = new Decimal(DAYS_PER_UNIT[unit]);
  const inUnits = (days: number): Decimal =>
    days === 0 ? ZERO : clean(new Decimal(days).div(perUnit));
  const duration = inUnits(last - cutoff);
  const ids = [...customers.keys()].sort(compareIds);
  const rows: CustomerSummary[] = [];
  for (const id of ids) {
    const c = customers.get(id) as Days;
    const order = [...c.cents.keys()].sort((a, b) => a - b);
    const first = order[0] as number;
    if (first > cutoff) continue;
    let frequency = 0;
    let lastDay = first;
    // exact sums (never rounded), divided once in the library's precision
    let repeatSum = EXACT_ZERO;
    let holdoutDays = 0;
    let holdoutSum = EXACT_ZERO;
    for (let k = 1; k < order.length; k++) {
      const day = order[k] as number;
      const cents = c.cents.get(day) as number;
      let total = fromUnits(cents, 2);
      const x = c.extra?.get(day);
      if (x !== undefined) total = total.plus(x);
      if (day <= cutoff) {
        frequency++;
        lastDay = day;
        repeatSum = repeatSum.plus(total);
      } else {
        holdoutDays++;
        holdoutSum = holdoutSum.plus(total);
      }
    }
    const base = {
      customerId: id,
      frequency: new Decimal(frequency),
      recency: inUnits(lastDay - first),
      T: inUnits(cutoff - first),
      monetaryValue: mean(repeatSum, frequency),
      unit,
    };
    rows.push(
      Object.freeze(
        holdout
          ? {
              ...base,
              frequencyHoldout: new Decimal(holdoutDays),
              monetaryValueHoldout: mean(holdoutSum, holdoutDays),
              durationHoldout: duration,
            }
          : base,
      ),
    );
  }
  return rows;
}
