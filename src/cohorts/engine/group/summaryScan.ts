/**
 * The scan of `summarizeTransactions`: per customer, the purchase days of the calibration
 * period (phase 0) and of the holdout period (phase 1), with the money of those days.
 *
 * A run's keys are `4 · day + 2 · phase + refund`, sorted, so that each (day, phase) is one
 * stretch of the run with its purchases first: the stretch is a purchase day when its first
 * event is a purchase, and then all its events (refunds netted) are that day's total; the
 * refunds of a stretch without a purchase fall in no day and are left out.
 */
import { ExactSums } from "../../../_lib/exactSums.js";
import { CustomerScan } from "./CustomerScan.js";

/** Per customer: first and last calibration purchase day, repeat days and their money. */
export class SummaryScan extends CustomerScan {
  /** 1 when the customer's first purchase is in the calibration period (a summary row). */
  included: Uint8Array = new Uint8Array(0);
  firstDay: Int32Array = new Int32Array(0);
  lastDay: Int32Array = new Int32Array(0);
  /** Calibration purchase days after the first. */
  repeatDays: Int32Array = new Int32Array(0);
  /** Purchase days in the holdout period. */
  holdoutDays: Int32Array = new Int32Array(0);
  repeatSum = new ExactSums(0, 2);
  holdoutSum = new ExactSums(0, 2);

  protected allocate(customers: number): void {
    this.included = this.flags(customers);
    this.firstDay = this.counts(customers);
    this.lastDay = this.counts(customers);
    this.repeatDays = this.counts(customers);
    this.holdoutDays = this.counts(customers);
    this.repeatSum = this.sums(customers);
    this.holdoutSum = this.sums(customers);
  }

  run(g: number, lo: number, hi: number): void {
    const key = this.key;
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
          this.addRange(this.repeatSum, g, a, b);
        } else {
          holdout++;
          this.addRange(this.holdoutSum, g, a, b);
        }
      }
      a = b;
    }
    if (!started) return;
    this.included[g] = 1;
    this.repeatDays[g] = repeat;
    this.holdoutDays[g] = holdout;
  }
}
