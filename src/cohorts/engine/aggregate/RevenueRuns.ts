/**
 * The revenue of the compact partitions (CompactPartition.ts): per customer a run of integer
 * minor units, one per period with an event, in period order, carved from one array per
 * partition. The array is an Int32Array (4 bytes a value) until a sum leaves ±(2^31 − 1),
 * then a Float64Array (exact to ±(2^53 − 1)); beyond that the caller keeps the rest as an
 * exact Decimal. A run that grows is moved to a longer one; the old one goes to a free list
 * of its length (1 to MASK_PERIODS) and serves the next run of that length, so the array
 * holds few holes.
 */
import { MAX_SAFE_UNITS } from "../../../_lib/exactSums.js";
import { MASK_PERIODS } from "../constants.js";

/** Largest |sum| the runs hold while they are an Int32Array. */
const INT32_UNITS = 2147483647;

/**
 * Growth factor of the array: an eighth more each time keeps the unused tail near 6 % (the
 * array is 1/256 of the table, so a copy stays small).
 */
export const GROWTH = 1.125;

export class RevenueRuns {
  /** The values, in integer minor units. */
  values: Int32Array | Float64Array = new Int32Array(16);
  /** Largest |sum| `values` holds: INT32_UNITS, then MAX_SAFE_UNITS. */
  private limit = INT32_UNITS;
  /** End of the carved part of `values`. */
  private top = 0;
  /** Head of the free runs of each length (-1: none); a free run holds the next one's start. */
  private readonly free = new Int32Array(MASK_PERIODS + 1).fill(-1);

  /**
   * A run of `count + 1` values: those of `run` (`count` values, none when `count` is 0) with
   * a 0 inserted at `rank`. `run` is freed.
   */
  insert(run: number, count: number, rank: number): number {
    const next = this.take(count + 1);
    const values = this.values;
    for (let i = 0; i < rank; i++) values[next + i] = values[run + i] as number;
    values[next + rank] = 0;
    for (let i = rank; i < count; i++) values[next + i + 1] = values[run + i] as number;
    if (count > 0) this.release(run, count);
    return next;
  }

  /**
   * Add `units` (an integer, or NaN) to the value at `slot`; false, and nothing added, when
   * the sum is not a safe integer (the caller keeps the amount as an exact Decimal).
   */
  add(slot: number, units: number): boolean {
    const sum = (this.values[slot] as number) + units;
    const limit = this.limit;
    if (sum <= limit && sum >= -limit) {
      this.values[slot] = sum;
      return true;
    }
    if (!(sum <= MAX_SAFE_UNITS && sum >= -MAX_SAFE_UNITS)) return false;
    const wide = new Float64Array(this.values.length);
    wide.set(this.values);
    this.values = wide;
    this.limit = MAX_SAFE_UNITS;
    wide[slot] = sum;
    return true;
  }

  /** Free the run at `start` of `n` values. */
  release(start: number, n: number): void {
    this.values[start] = this.free[n] as number;
    this.free[n] = start;
  }

  /** Start of a free run of `n` values. */
  private take(n: number): number {
    const head = this.free[n] as number;
    if (head >= 0) {
      this.free[n] = this.values[head] as number;
      return head;
    }
    const start = this.top;
    if (start + n > this.values.length) {
      const size = Math.ceil((start + n) * GROWTH + 16);
      const grown =
        this.values instanceof Int32Array ? new Int32Array(size) : new Float64Array(size);
      grown.set(this.values);
      this.values = grown;
    }
    this.top = start + n;
    return start;
  }
}
