import { fail, options as readOptions, record } from "../../_lib/assert.js";
import { clean, Decimal, ZERO } from "../../_lib/decimal.js";
import {
  lastObservedDay,
  observationEnd,
  type PurchaseRule,
  purchasesOption,
  type RefundRule,
  refundsOption,
} from "../../_lib/eventRules.js";
import { timeZoneOption } from "../../_lib/time.js";
import { countDecimal, meanColumn } from "../../cohorts/engine/group/decimalCache.js";
import { type Customers, logSource, perCustomer } from "../../cohorts/engine/group/perCustomer.js";
import { SummaryScan } from "../../cohorts/engine/group/summaryScan.js";
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
   * The end of the observation, as every observation end of the library: a calendar date
   * (`'1997-09-30'`) names the last day observed, included in full; an instant (a Date, epoch
   * milliseconds, a date-time string) is the first instant not observed (events at or after
   * it are left out, and T counts to the day holding the last observed instant). Required.
   */
  readonly observationEnd: Date | string | number;
  /** The unit recency, T and the holdout duration are measured in. Required. */
  readonly unit: Period;
  /**
   * The end of the calibration period, read as `observationEnd` is (a calendar date is its
   * last day, included; an instant is the first instant not in it). When given, T and the
   * frequency are measured up to it, customers whose first purchase is later are left out,
   * and the purchases after it (before the observation end) fill the holdout columns.
   */
  readonly calibrationEnd?: Date | string | number | undefined;
  /** IANA time zone in which purchases are assigned to calendar days. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /**
   * What a purchase is: `'positive'` (default) a row with revenue above 0; `'all'` every row
   * that is not a refund (a log of orders without amounts). A log in which no row has revenue
   * needs `'all'`.
   */
  readonly purchases?: PurchaseRule | undefined;
  /**
   * `'net'` (default): a refund (negative revenue) is subtracted from the total of its
   * purchase day; a refund on a day without a purchase is left out. `'exclude'`: refunds are
   * left out of every total.
   */
  readonly refunds?: RefundRule | undefined;
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
  /**
   * Mean total of the repeat purchase days (the first day left out; refunds netted into their
   * day under `refunds: 'net'`); 0 when `frequency` is 0.
   */
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

function endOption(value: unknown, timeZone: string, field: string): number {
  if (value === undefined) fail(FN, field, "INVALID_DATE", "is required", value);
  return observationEnd(value, timeZone, FN, field);
}

/** Whole-day durations in `unit`, each Decimal made once per call. */
function durationsIn(unit: Period): (days: number) => Decimal {
  const perUnit = new Decimal(DAYS_PER_UNIT[unit]);
  const made: Decimal[] = [];
  return (days) => {
    let d = made[days];
    if (d === undefined) {
      d = days === 0 ? ZERO : clean(new Decimal(days).div(perUnit));
      made[days] = d;
    }
    return d;
  };
}

/**
 * Per-customer frequency, recency, age and mean spend of a transaction log: the input of the
 * purchase models ({@link fitBetaGeometricNBD}, {@link fitParetoNBD}, {@link fitGammaGamma}).
 *
 * @remarks
 * What a purchase is follows the library's event rules: a row with revenue above 0 is a
 * purchase, a row with revenue below 0 a refund (never a purchase), a row with revenue 0 or
 * none (`undefined` / `null`) activity, which does not count here. `purchases: 'all'` counts
 * every row that is not a refund as a purchase (a log of orders without amounts; a log in
 * which no row has revenue is refused without it). Purchases are grouped into calendar days in
 * `timeZone`; all purchases of one customer on one day are one transaction and their amounts
 * are summed, with the refunds of that day subtracted (`refunds: 'net'`, the default; a
 * refund on a day without a purchase is left out) or left out (`refunds: 'exclude'`). With d₀
 * the customer's first purchase day, d_last the last purchase day of the calibration period,
 * E the last day observed (the day holding the last instant before the end) and u the days per
 * unit:
 * ```text
 * frequency     = (number of distinct purchase days before the end) − 1
 * recency       = (d_last − d₀) / u
 * T             = (E − d₀) / u
 * monetaryValue = Σ day totals after d₀ / frequency        (0 when frequency = 0)
 * ```
 * The end is `calibrationEnd` when given, else `observationEnd`, read as every observation
 * end of the library: a calendar date (`'1997-09-30'`) is the last day observed, included in
 * full; an instant is the first instant not observed (events at or after it are left out).
 * Day differences are whole days, as from the end of one day to the end of another: a first
 * purchase on 1997-01-01 and `observationEnd: '1997-09-30'` give T = 272 days = 272/7 weeks.
 * Units: day 1, week 7, month 30.436875 (365.2425 / 12), quarter 91.310625, year 365.2425 days;
 * `unit` has no default, so that the unit is always stated. Customers whose first purchase is
 * at or after the end are left out. With `calibrationEnd`, each row also has
 * `frequencyHoldout` (purchase days from the calibration end to the observation end),
 * `monetaryValueHoldout` (their mean day total, 0 when none) and `durationHoldout`
 * ((E_observation − E_calibration) / u); an instant calibration end inside a day splits that
 * day's purchases between the two periods. Rows are ordered by customer id (numbers
 * ascending, then strings). Each row carries `unit`, which the model fits read.
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
 * @throws {@link MetricInputError} `INVALID_OPTION` when `unit` is missing or unknown, a
 *   time zone, accessor, `purchases` or `refunds` is invalid, or no row of a non-empty log has
 *   revenue under `purchases: 'positive'` (field `options.purchases`); `INVALID_DATE` for an
 *   unreadable `observationEnd`, `calibrationEnd` or `transactions[i].at`; `INCONSISTENT` when
 *   `calibrationEnd` is after `observationEnd`, or columns differ in length; `NOT_A_NUMBER` /
 *   `NOT_FINITE` for a bad customer id or revenue.
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
  const purchases = purchasesOption(o.purchases, FN, "options.purchases");
  const refunds = refundsOption(o.refunds, FN, "options.refunds");
  const end = endOption(o.observationEnd, timeZone, "options.observationEnd");
  const holdout = o.calibrationEnd !== undefined;
  const cut = holdout ? endOption(o.calibrationEnd, timeZone, "options.calibrationEnd") : end;
  if (cut > end) {
    fail(
      FN,
      "options.calibrationEnd",
      "INCONSISTENT",
      "must not be after observationEnd",
      o.calibrationEnd,
    );
  }
  const lastDay = lastObservedDay(cut, timeZone);
  const durationDays = lastObservedDay(end, timeZone) - lastDay;
  return perCustomer(
    transactions,
    logSource(FN, o, "transactions", true),
    { zone: timeZone, end, cut, days: true, purchases, keepRefunds: refunds === "net" },
    (ev) => new SummaryScan(ev.extra),
    (scan, customers) => summaryRows(scan, customers, unit, lastDay, holdout ? durationDays : null),
  );
}

/**
 * The rows of the customers `scan` includes, in id order. `durationDays` is the holdout's
 * length in days, or null without a holdout.
 */
function summaryRows(
  scan: SummaryScan,
  customers: Customers,
  unit: Period,
  lastDay: number,
  durationDays: number | null,
): CustomerSummary[] {
  const inUnits = durationsIn(unit);
  const duration = durationDays === null ? null : inUnits(durationDays);
  const { included, firstDay, repeatDays, holdoutDays } = scan;
  const n = customers.count;
  const means = meanColumn(scan.repeatSum, repeatDays, included, n, customers.scratch);
  const holdoutMeans =
    duration === null
      ? null
      : meanColumn(scan.holdoutSum, holdoutDays, included, n, customers.scratch);
  // Rows are made in customer-number order (the figures read in sequence), each written to
  // its place in id order.
  const { count, place } = customers.placesInIdOrder(included);
  const rows = new Array<CustomerSummary>(count);
  const lastPurchase = scan.lastDay;
  const meanOf = means.index;
  const meanValue = means.values;
  for (let g = 0; g < n; g++) {
    const at = place[g] as number;
    if (at < 0) continue;
    const id = customers.idOf(g);
    const first = firstDay[g] as number;
    const customerId = id === 0 ? 0 : id;
    const frequency = countDecimal(repeatDays[g] as number);
    const recency = inUnits((lastPurchase[g] as number) - first);
    const T = inUnits(lastDay - first);
    const monetaryValue = meanValue[meanOf[g] as number] as Decimal;
    // one object literal per row shape (one hidden class); not frozen, as freezing each of a
    // million rows costs as much as making it (the fields are readonly in the type)
    if (holdoutMeans === null) {
      rows[at] = { customerId, frequency, recency, T, monetaryValue, unit };
    } else {
      rows[at] = {
        customerId,
        frequency,
        recency,
        T,
        monetaryValue,
        unit,
        frequencyHoldout: countDecimal(holdoutDays[g] as number),
        monetaryValueHoldout: holdoutMeans.values[holdoutMeans.index[g] as number] as Decimal,
        durationHoldout: duration as Decimal,
      };
    }
  }
  return rows;
}
