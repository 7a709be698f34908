/**
 * The scan of `rfmSegments`: per customer with a purchase, the last purchase day, the
 * purchases (rows) and purchase days, and the money of all their kept events (purchases,
 * and refunds under `refunds: 'net'`). A run's keys are `4 · day + refund`, sorted.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import type { RunScan } from "./groupByCustomer.js";
import type { EventColumns } from "./readEvents.js";

/** Per customer: last purchase day, orders, purchase days and total. */
export class RfmScan implements RunScan {
  /** 1 when the customer has a purchase (an RFM row). */
  included = new Uint8Array(0);
  lastDay = new Int32Array(0);
  orders = new Int32Array(0);
  days = new Int32Array(0);
  total = new ExactSums(0, 2);
  private readonly extra: Map<number, Decimal> | null;

  constructor(ev: EventColumns) {
    this.extra = ev.extra;
  }

  start(customers: number): void {
    this.included = new Uint8Array(customers);
    this.lastDay = new Int32Array(customers);
    this.orders = new Int32Array(customers);
    this.days = new Int32Array(customers);
    this.total = new ExactSums(customers, 2);
  }

  run(
    g: number,
    key: Int32Array,
    value: Float64Array,
    src: Int32Array,
    lo: number,
    hi: number,
  ): void {
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
    const total = this.total;
    for (let k = lo; k < hi; k++) {
      const v = value[k] as number;
      if (v !== 0) total.add(g, v, Number.isNaN(v) ? this.extra?.get(src[k] as number) : null);
    }
  }
}
