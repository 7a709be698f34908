/**
 * The scan of `funnelAnalysis`: per customer, the furthest step of the funnel reached from one
 * entry (an event of step 1) within the conversion window, and the time each step was reached.
 *
 * Events come from `readTypedEvents` with a code per event: the bit mask of the steps it
 * matches (bit k: step k + 1). Within a customer's run (time order), for each entry e at t0:
 * - `'strict'`: step k + 1 is reached at the first event matching it strictly after the time
 *   step k was reached, at most `window` ms after t0 (the greedy choice, which reaches the
 *   furthest step possible from e);
 * - `'any-order'`: step k + 1 is reached when steps 2 … k + 1 each have an event at or after
 *   t0 and at most `window` ms after it, in any order: at the latest of their first such events.
 * A customer's measured entry is the earliest one reaching the furthest step (`'furthest'`) or
 * the first entry (`'first'`).
 *
 * Running time is O(events × steps): for a later entry every step's event is at or after the
 * one found for an earlier entry, so each step keeps one forward pointer per run; entries at
 * the same instant as the previous one give the same chain and are skipped.
 */
import type { TypedEvents } from "./typedEvents.js";

/** How the scan matches. */
export interface FunnelScanPlan {
  /** Number of steps (1 to 30). */
  readonly steps: number;
  /** The conversion window in ms (the last step at most this long after the entry). */
  readonly window: number;
  readonly order: "strict" | "any-order";
  readonly entry: "furthest" | "first";
  /** Number of breakdown groups (1 without a breakdown). */
  readonly groups: number;
}

/** The scan's figures. */
export interface FunnelScanResult {
  /** Customers reaching step k, in group g: `reached[g · steps + k]`. */
  readonly reached: Float64Array;
  /**
   * For step k ≥ 1 (0-based): the ms from reaching step k − 1 to reaching step k, one per
   * customer reaching step k, with that customer's group in `gapGroups[k]`.
   */
  readonly gaps: number[][];
  readonly gapGroups: number[][];
}

/** Scan every customer's run of `ev` under `plan`. */
export function funnelScan(ev: TypedEvents, plan: FunnelScanPlan): FunnelScanResult {
  const { steps: m, window: w, groups } = plan;
  const strict = plan.order === "strict";
  const firstOnly = plan.entry === "first";
  const { at, code, group, runStart, customers } = ev;
  const reached = new Float64Array(groups * m);
  const gaps: number[][] = Array.from({ length: m }, () => []);
  const gapGroups: number[][] = Array.from({ length: m }, () => []);
  const ptr = new Int32Array(m);
  const reach = new Float64Array(m);
  const best = new Float64Array(m);
  for (let g = 0; g < customers; g++) {
    const lo = runStart[g] as number;
    const hi = runStart[g + 1] as number;
    ptr.fill(lo);
    let bestProgress = 0;
    let bestEntry = -1;
    let lastEntryAt = Number.NaN;
    // the first position of the run at the time of the current entry (any-order)
    let sameStart = lo;
    for (let e = lo; e < hi; e++) {
      if (((code[e] as number) & 1) === 0) continue;
      const t0 = at[e] as number;
      if (t0 === lastEntryAt) continue;
      lastEntryAt = t0;
      while ((at[sameStart] as number) < t0) sameStart++;
      const limit = t0 + w;
      reach[0] = t0;
      let progress = 1;
      if (strict) {
        let pos = e + 1;
        while (pos < hi && (at[pos] as number) === t0) pos++;
        for (let k = 1; k < m; k++) {
          const bit = 1 << k;
          let q = ptr[k] as number;
          if (q < pos) q = pos;
          while (q < hi && ((code[q] as number) & bit) === 0) q++;
          ptr[k] = q;
          if (q >= hi || (at[q] as number) > limit) break;
          const tq = at[q] as number;
          reach[k] = tq;
          progress = k + 1;
          pos = q + 1;
          while (pos < hi && (at[pos] as number) === tq) pos++;
        }
      } else {
        let r = t0;
        for (let k = 1; k < m; k++) {
          const bit = 1 << k;
          let q = ptr[k] as number;
          if (q < sameStart) q = sameStart;
          while (q < hi && ((code[q] as number) & bit) === 0) q++;
          ptr[k] = q;
          if (q >= hi || (at[q] as number) > limit) break;
          const tq = at[q] as number;
          if (tq > r) r = tq;
          reach[k] = r;
          progress = k + 1;
        }
      }
      if (progress > bestProgress) {
        bestProgress = progress;
        bestEntry = e;
        for (let k = 0; k < progress; k++) best[k] = reach[k] as number;
      }
      if (firstOnly || bestProgress === m) break;
    }
    if (bestEntry < 0) continue;
    const gr = group[bestEntry] as number;
    const base = gr * m;
    for (let k = 0; k < bestProgress; k++) {
      reached[base + k] = (reached[base + k] as number) + 1;
      if (k > 0) {
        (gaps[k] as number[]).push((best[k] as number) - (best[k - 1] as number));
        (gapGroups[k] as number[]).push(gr);
      }
    }
  }
  return { reached, gaps, gapGroups };
}
