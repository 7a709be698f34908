/**
 * What the per-customer scans share: the columns of the runs they read, per-customer arrays
 * carved from the call's scratch memory, and money sums of a stretch of a run.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import type { Arena } from "../memory.js";
import type { RunScan, Runs } from "./groupByCustomer.js";

/** A scan over runs, with helpers for its per-customer figures. */
export abstract class CustomerScan implements RunScan {
  protected key: Int32Array = new Int32Array(0);
  protected value: Float64Array = new Float64Array(0);
  protected src: Int32Array = new Int32Array(0);
  private scratch: Arena | null = null;
  private readonly extra: Map<number, Decimal> | null;

  /** @param extra - exact amounts of events whose value is NaN, by `src` (`EventColumns.extra`) */
  constructor(extra: Map<number, Decimal> | null) {
    this.extra = extra;
  }

  start(customers: number, scratch: Arena, runs: Runs): void {
    this.key = runs.key;
    this.value = runs.value;
    this.src = runs.src;
    this.scratch = scratch;
    this.allocate(customers);
  }

  /** Take the per-customer figures of `customers` customers (see {@link counts}, {@link sums}). */
  protected abstract allocate(customers: number): void;

  abstract run(g: number, lo: number, hi: number): void;

  /** Zeroed int32 per customer, from scratch memory. */
  protected counts(customers: number): Int32Array {
    return (this.scratch as Arena).i32(customers).fill(0);
  }

  /** Zeroed flags per customer, from scratch memory. */
  protected flags(customers: number): Uint8Array {
    return (this.scratch as Arena).u8(customers).fill(0);
  }

  /** Zeroed money sums in hundredths per customer, from scratch memory. */
  protected sums(customers: number): ExactSums {
    return new ExactSums((this.scratch as Arena).f64(customers).fill(0), 2);
  }

  /** Add the money of positions `a` to `b − 1` of the runs to customer g's cell of `sums`. */
  protected addRange(sums: ExactSums, g: number, a: number, b: number): void {
    const { value, src, extra } = this;
    for (let k = a; k < b; k++) {
      const v = value[k] as number;
      if (v !== 0) sums.add(g, v, Number.isNaN(v) ? extra?.get(src[k] as number) : null);
    }
  }
}
