/**
 * The scan of `trackingCurves`: each customer's first purchase day (the trial) and each later
 * purchase day (a repeat purchase), counted per calendar day over all customers. A run's
 * keys are `4 · day` (purchases only, one phase), sorted, so each distinct day is a change
 * of key.
 */
import { CustomerScan } from "./CustomerScan.js";

/** Add one to the count of `day` in `counts`. */
function countDay(counts: Map<number, number>, day: number): void {
  counts.set(day, (counts.get(day) ?? 0) + 1);
}

/** Customers by first purchase day, and repeat purchase days by day. */
export class TrackingScan extends CustomerScan {
  /** Customers by their first purchase day. */
  readonly firstDays = new Map<number, number>();
  /** Repeat purchase days (one per customer and later purchase day) by day. */
  readonly repeatDays = new Map<number, number>();
  /** The earliest first purchase day (+∞ while no customer is scanned). */
  earliest = Number.POSITIVE_INFINITY;

  protected allocate(): void {}

  run(_g: number, lo: number, hi: number): void {
    const key = this.key;
    const first = (key[lo] as number) >> 2;
    countDay(this.firstDays, first);
    if (first < this.earliest) this.earliest = first;
    let previous = first;
    for (let k = lo + 1; k < hi; k++) {
      const day = (key[k] as number) >> 2;
      if (day === previous) continue;
      countDay(this.repeatDays, day);
      previous = day;
    }
  }
}
