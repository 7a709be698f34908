/**
 * The scan of `orderMetrics`: per reporting period (one period, the whole window, when the
 * report has no series), the orders, purchasing customers, repeat customers, new customers
 * and the money of purchases and refunds; over the whole window, the distinct purchasing,
 * repeat and new customers.
 *
 * A run's keys are `4 · day + 2 · phase + refund`, sorted, where phase 1 is the window
 * `[from, to)` (the plan's `cut` and `end`) and phase 0 is before it: a customer's purchases
 * before the window only tell that the customer is not new. The periods of the window's days
 * are read from `periodOf(day)` (0 … periods − 1), which grows with the day, so that a run
 * visits each period in one stretch.
 */
import { ExactSums } from "../../../_lib/exactSums.js";
import { CustomerScan } from "./CustomerScan.js";

/** Per period and over the window: counts of orders and customers, sums of money. */
export class OrderScan extends CustomerScan {
  /** Number of reporting periods. */
  readonly periods: number;
  private readonly periodOf: (day: number) => number;
  /** Purchases per period. */
  readonly orders: Float64Array;
  /** Customers with a purchase in the period. */
  readonly customers: Float64Array;
  /** Customers with two purchases or more in the period. */
  readonly repeatCustomers: Float64Array;
  /** Customers whose first purchase of the whole log is in the period. */
  readonly newCustomers: Float64Array;
  /** Money of purchases per period (hundredths). */
  readonly gross: ExactSums;
  /** Money of refunds per period (hundredths, negative). */
  readonly refunds: ExactSums;
  /** Money of the purchases of the period's new customers (hundredths). */
  readonly newRevenue: ExactSums;
  /** Distinct customers with a purchase in the window. */
  totalCustomers = 0;
  /** Distinct customers with two purchases or more in the window. */
  totalRepeat = 0;
  /** Distinct customers whose first purchase of the whole log is in the window. */
  totalNew = 0;
  /** Money of the window's purchases of those customers (hundredths; one cell). */
  readonly totalNewRevenue = new ExactSums(1, 2);

  /**
   * @param extra - exact amounts of events whose value is NaN (`EventColumns.extra`)
   * @param periods - the number of reporting periods
   * @param periodOf - the reporting period (0 … periods − 1) of a calendar day of the window
   */
  constructor(
    extra: ConstructorParameters<typeof CustomerScan>[0],
    periods: number,
    periodOf: (day: number) => number,
  ) {
    super(extra);
    this.periods = periods;
    this.periodOf = periodOf;
    this.orders = new Float64Array(periods);
    this.customers = new Float64Array(periods);
    this.repeatCustomers = new Float64Array(periods);
    this.newCustomers = new Float64Array(periods);
    this.gross = new ExactSums(periods, 2);
    this.refunds = new ExactSums(periods, 2);
    this.newRevenue = new ExactSums(periods, 2);
  }

  protected allocate(): void {
    // every figure is per period, allocated with the scan
  }

  run(_g: number, lo: number, hi: number): void {
    const key = this.key;
    const value = this.value;
    let before = false; // a purchase before the window
    let orders = 0; // purchases in the window
    let isNew = false; // the first purchase of the log is in the current period
    let current = -1; // the current period
    let inPeriod = 0; // purchases in the current period
    let lastDay = Number.NaN;
    let p = -1;
    for (let k = lo; k < hi; k++) {
      const kk = key[k] as number;
      const refund = (kk & 1) === 1;
      if ((kk & 2) === 0) {
        // before the window: only whether the customer has bought before matters
        if (!refund) before = true;
        continue;
      }
      const day = kk >> 2;
      if (day !== lastDay) {
        lastDay = day;
        p = this.periodOf(day);
      }
      if (refund) {
        this.addRange(this.refunds, p, k, k + 1);
        continue;
      }
      if (p !== current) {
        current = p;
        inPeriod = 0;
        isNew = !before && orders === 0;
        this.customers[p] = (this.customers[p] as number) + 1;
        if (isNew) this.newCustomers[p] = (this.newCustomers[p] as number) + 1;
      }
      inPeriod++;
      orders++;
      if (inPeriod === 2) this.repeatCustomers[p] = (this.repeatCustomers[p] as number) + 1;
      this.orders[p] = (this.orders[p] as number) + 1;
      if (value[k] !== 0) {
        this.addRange(this.gross, p, k, k + 1);
        if (isNew) this.addRange(this.newRevenue, p, k, k + 1);
      }
    }
    if (orders === 0) return;
    this.totalCustomers++;
    if (orders >= 2) this.totalRepeat++;
    if (before) return;
    this.totalNew++;
    for (let k = lo; k < hi; k++) {
      if (((key[k] as number) & 3) === 2) this.addRange(this.totalNewRevenue, 0, k, k + 1);
    }
  }
}
