/**
 * The scan of `rfmSegments`: per customer with a purchase, the last purchase day, the
 * purchases (rows) and purchase days, and the money of all their kept events (purchases,
 * and refunds under `refunds: 'net'`). A run's keys are `4 · day + refund`, sorted.
 */
import { ExactSums } from "../../../_lib/exactSums.js";
import { CustomerScan } from "./CustomerScan.js";

/** Per customer: last purchase day, orders, purchase days and total. */
export class RfmScan extends CustomerScan {
  /** 1 when the customer has a purchase (an RFM row). */
  included: Uint8Array = new Uint8Array(0);
  lastDay: Int32Array = new Int32Array(0);
  orders: Int32Array = new Int32Array(0);
  days: Int32Array = new Int32Array(0);
  total = new ExactSums(0, 2);

  protected allocate(customers: number): void {
    this.included = this.flags(customers);
    this.lastDay = this.counts(customers);
    this.orders = this.counts(customers);
    this.days = this.counts(customers);
    this.total = this.sums(customers);
  }

  run(g: number, lo: number, hi: number): void {
    const key = this.key;
    let orders = 0;
    let days = 0;
    let lastDay = 0;
    for (let k = lo; k < hi; k++) {
      const kk = key[k] as number;
      if ((kk & 1) === 0) {
        const day = kk >> 2;
        if (orders === 0 || day !== lastDay) days++;
        orders++;
        lastDay = day;
      }
    }
    if (orders === 0) return;
    this.included[g] = 1;
    this.orders[g] = orders;
    this.days[g] = days;
    this.lastDay[g] = lastDay;
    this.addRange(this.total, g, lo, hi);
  }
}
