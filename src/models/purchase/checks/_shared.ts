/** Pieces shared by the model-checking functions. */
import { fail, intNumber, options as readOptions } from "../../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../../_lib/decimal.js";

/** The largest `maxFrequency`: the work per customer grows with it. */
export const MAX_BINS = 1000;

/**
 * Options of {@link periodTransactions} and {@link calibrationVsHoldout}.
 *
 * @category Models
 */
export interface FrequencyBinsOptions {
  /**
   * The last bin, which holds every customer with this many repeat purchases or more
   * (default 7: bins 0, 1, …, 6 and "7 or more", as Fader, Hardie & Lee draw them). A whole
   * number from 1 to 1000.
   */
  readonly maxFrequency?: number | undefined;
}

/** The options object and `maxFrequency` of a binning check. */
export function readMaxFrequency(value: unknown, fn: string): number {
  const o = readOptions<FrequencyBinsOptions>(value, fn);
  if (o.maxFrequency === undefined) return 7;
  const m = intNumber(o.maxFrequency, fn, "options.maxFrequency", 1);
  if (m > MAX_BINS) {
    fail(fn, "options.maxFrequency", "OUT_OF_RANGE", `must be at most ${MAX_BINS}`, o.maxFrequency);
  }
  return m;
}

/** A float result as a Decimal (fromFloat gives 0 for −0). */
export function decimal(v: number): Decimal {
  return fromFloat(v);
}
