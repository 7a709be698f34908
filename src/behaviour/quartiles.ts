/** Quartiles of a sample, exact (NumPy's default linear interpolation, type 7). */
import { Decimal } from "../_lib/decimal.js";
import type { Quartiles } from "./types.js";

/** The q-quantile (q in [0, 1]) of `sorted` (ascending, non-empty), exactly. */
function quantile(sorted: Float64Array, q: number): Decimal {
  const h = (sorted.length - 1) * q; // q is 1/4, 1/2 or 3/4: h is a multiple of 0.25, exact
  const i = Math.floor(h);
  const lo = new Decimal(sorted[i] as number);
  if (h === i) return lo;
  const hi = new Decimal(sorted[i + 1] as number);
  return lo.plus(hi.minus(lo).times(h - i));
}

/** Lower quartile, median and upper quartile of `values` (non-empty), divided by `per`. */
export function quartiles(values: Float64Array, per = 1): Quartiles {
  const sorted = values.slice().sort();
  const d = (x: Decimal) => {
    const v = per === 1 ? x : x.div(per);
    return v.isZero() ? new Decimal(0) : v;
  };
  return {
    lowerQuartile: d(quantile(sorted, 0.25)),
    median: d(quantile(sorted, 0.5)),
    upperQuartile: d(quantile(sorted, 0.75)),
  };
}
