/**
 * The scan of `repeatPurchaseRetention`: per customer, whether they bought before the period
 * (phase 0) and inside it (phase 1). A run's keys are `2 · phase`, sorted, so the first key
 * tells the one and the last key the other.
 */
import { CustomerScan } from "./CustomerScan.js";

/** Counts of eligible (bought before) and returning (bought before and inside) customers. */
export class RepeatScan extends CustomerScan {
  eligible = 0;
  returning = 0;

  protected allocate(): void {}

  run(_g: number, lo: number, hi: number): void {
    const key = this.key;
    if ((key[lo] as number) >> 1 !== 0) return;
    this.eligible++;
    if ((key[hi - 1] as number) >> 1 === 1) this.returning++;
  }
}
