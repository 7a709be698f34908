/**
 * The scan of `summarizeTransactions`: per customer, the purchase days of the calibration
 * period (phase 0) and of the holdout period (phase 1), with the money of those days.
 *
 * A run's keys are `4 · day + 2 · phase + refund`, sorted, so that each (day, phase) is one
 * stretch of the run with its purchases first: the stretch is a purchase day when its first
 * event is a purchase, and then all its events (refunds netted) are that day's total; the
 * refunds of a stretch without a purchase fall in no day and are left out.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import type { RunScan } from "./groupByCustomer.js";
import type { EventColumns } from "./readEvents.js";

/** Per customer: first and last calibration purchase day, repeat days and their money. */
export class SummaryScan implements RunScan {
  /** 1 when the customer's first purchase is in the calibration period (a summary row). */
  included = new Uint8Array(0);
  firstDay = new Int32Array(0);
  lastDay = new Int32Array(0);
  /** Calibration purchase days after the first. */
  repeatDays = new Int32Array(0);
  /** Purchase days in the holdout period. */
  holdoutDays = new Int32Array(0);
  repeatSum = new ExactSums(0, 2);
  holdoutSum = new ExactSums(0, 2);
  private readonly extra: Map<number, Decimal> | null;

  constructor(ev: EventColumns) {
    this.extra = ev.extra;
  }

  start(customers: number): void {
    this.included = new Uint8Array(customers);
    this.firstDay = new Int32Array(customers);
    this.lastDay = new Int32Array(customers);
    this.repeatDays = new Int32Array(customers);
    this.holdoutDays = new Int32Array(customers);
    this.repeatSum = new ExactSums(customers, 2);
    this.holdoutSum = new ExactSums(customers, 2);
  }

  run(
    g: number,
    key: Int32Array,
    value: Float64Array,
    src: Int32Array,
    lo: number,
    hi: number,
  ): void {
    let started = false;
    let repeat = 0;
    let holdout = 0;
    for (let a = lo; a < hi; ) {
      const stretch = (key[a] as number) >> 1; // 2 · day + phase
      let b = a + 1;
      while (b < hi && (key[b] as number) >> 1 === stretch) b++;
      if (((key[a] as number) & 1) === 0) {
        const phase = stretch & 1;
        const day = stretch >> 1;
        if (!started) {
          // the first purchase day: after the calibration end, the customer has no row
          if (phase === 1) return;
          started = true;
          this.firstDay[g] = day;
          this.lastDay[g] = day;
        } else if (phase === 0) {
          repeat++;
          this.lastDay[g] = day;
          this.addRange(this.repeatSum, g, value, src, a, b);
        } else {
          holdout++;
          this.addRange(this.holdoutSum, g, value, src, a, b);
        }
      }
      a = b;
    }
    if (!started) return;
    this.included[g] = 1;
    this.repeatDays[g] = repeat;
    this.holdoutDays[g] = holdout;
  }

  private addRange(
    sums: ExactSums,
    g: number,
    value: Float64Array,
    src: Int32Array,
    a: number,
    b: number,
  ): void {
    for (let k = a; k < b; k++) {
      const v = value[k] as number;
      if (v !== 0) sums.add(g, v, Number.isNaN(v) ? this.extra?.get(src[k] as number) : null);
    }
  }
}
