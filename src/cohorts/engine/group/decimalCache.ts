/**
 * The Decimals of a per-customer result, each value made once per call: many customers share
 * a total, a mean or a count, and making a Decimal costs more than finding it again. A total
 * in whole hundredths is read from its float64 (exact, see {@link centsDecimal}) instead of
 * divided.
 */
import { clean, Decimal, ZERO } from "../../../_lib/decimal.js";
import type { ExactSums } from "../../../_lib/exactSums.js";

/** Values kept per cache (a million Decimals, about 100 MB): beyond it values are made anew. */
const MOST_CACHED = 1_048_576;

/** Counts below this are made once per process. */
const SMALL_COUNTS = 1024;

const COUNTS: Decimal[] = [];

/** `n` (an integer ≥ 0) as a Decimal, shared for small counts. */
export function countDecimal(n: number): Decimal {
  if (n >= SMALL_COUNTS) return new Decimal(n);
  let d = COUNTS[n];
  if (d === undefined) {
    d = new Decimal(n);
    COUNTS[n] = d;
  }
  return d;
}

/**
 * `units / 100` exactly, for an integer `units`. Below 10^15 in magnitude the float64 nearest
 * `units / 100` prints (shortest round-trip form, which decimal.js reads) as exactly that
 * decimal: a decimal of at most 15 significant digits is the only one of that length rounding
 * to its float64. Larger sums are divided as Decimals.
 */
export function centsDecimal(units: number): Decimal {
  if (units === 0) return ZERO;
  return units < 1e15 && units > -1e15
    ? new Decimal(units / 100)
    : clean(new Decimal(units).div(100));
}

/** Decimals of one result: totals and means of cells of `ExactSums` in hundredths. */
export class ResultDecimals {
  private readonly totals = new Map<number, Decimal>();
  private readonly means = new Map<number, Decimal>();

  /** Cell g of `sums` (scale 2) in currency units. */
  total(sums: ExactSums, g: number): Decimal {
    if (sums.extra?.has(g)) return sums.value(g);
    const units = sums.units[g] as number;
    let d = this.totals.get(units);
    if (d === undefined) {
      d = centsDecimal(units);
      if (this.totals.size < MOST_CACHED) this.totals.set(units, d);
    }
    return d;
  }

  /** Cell g of `sums` (scale 2) divided by `n` (0 when n is 0), rounded once to 40 digits. */
  mean(sums: ExactSums, g: number, n: number): Decimal {
    if (n === 0) return ZERO;
    if (sums.extra?.has(g)) return clean(sums.value(g).div(n));
    const units = sums.units[g] as number;
    if (units === 0) return ZERO;
    // one key per (units, n) while units · 1024 + n is exact
    const cacheable = n < 1024 && units < 2 ** 42 && units > -(2 ** 42);
    const key = units * 1024 + n;
    let d = cacheable ? this.means.get(key) : undefined;
    if (d === undefined) {
      // units / (100 n): the quotient of the exact sum, rounded once as a Decimal division would
      d = clean(new Decimal(units).div(100 * n));
      if (cacheable && this.means.size < MOST_CACHED) this.means.set(key, d);
    }
    return d;
  }
}
