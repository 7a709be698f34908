/**
 * The Decimals of a per-customer result, each value made once per call: many customers share
 * a total, a mean or a count, and making a Decimal costs more than finding it again. A total
 * in whole hundredths is read from its float64 (exact, see {@link centsDecimal}) instead of
 * divided.
 *
 * Whole columns of a result ({@link meanColumn}, {@link totalsInOrder}) find equal values by
 * sorting them (a radix or counting sort, no hashing): a hash table of a million values costs
 * a cache miss or two per look-up, more than the sort. Single values use {@link ResultDecimals}.
 */
import { clean, Decimal, ZERO } from "../../../_lib/decimal.js";
import type { ExactSums } from "../../../_lib/exactSums.js";
import type { Arena } from "../memory.js";
import { radixOrder } from "./sortOrder.js";

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
    // one key per (units, n), a small integer (no boxed number) while |units| < 2^20
    const cacheable = n < 1024 && units < 2 ** 20 && units > -(2 ** 20);
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

/** Sums of whole hundredths of at most this magnitude are sorted as one 32-bit word. */
const SORTED_UNITS = 2_147_483_648; // 2^31 (a literal, so that bundlers drop it where unused)

/** `units / (100 n)` rounded once to 40 digits (a Decimal division, half-up). */
function meanOfUnits(units: number, n: number): Decimal {
  return clean(new Decimal(units).div(100 * n));
}

/**
 * One Decimal per customer, each distinct value stored once: customer g's is
 * `values[index[g]]` (`values[0]` is 0). The index is a typed array, so that filling it in
 * the order of a sort costs no write barrier of the garbage collector per customer.
 */
export interface DecimalColumn {
  readonly index: Int32Array;
  readonly values: readonly Decimal[];
}

/**
 * Per customer g (0 … customers − 1), the mean of cell g of `sums` (scale 2) over `counts[g]`
 * days or orders, as {@link ResultDecimals.mean} makes it, for the customers `included` flags
 * (1); others get 0. Customers sharing a (count, sum) pair share its Decimal: the pairs are
 * sorted, and each distinct pair is divided once.
 */
export function meanColumn(
  sums: ExactSums,
  counts: Int32Array,
  included: Uint8Array,
  customers: number,
  scratch: Arena,
): DecimalColumn {
  const index = scratch.i32(customers).fill(0);
  const values: Decimal[] = [ZERO];
  const who = scratch.i32(customers);
  const hi = scratch.u32(customers);
  const lo = scratch.u32(customers);
  const extra = sums.extra;
  const units = sums.units;
  let m = 0;
  for (let g = 0; g < customers; g++) {
    const n = counts[g] as number;
    if (included[g] !== 1 || n === 0) continue;
    if (extra?.has(g)) {
      index[g] = values.push(clean(sums.value(g).div(n))) - 1;
      continue;
    }
    const u = units[g] as number;
    if (u === 0) continue;
    if (u >= SORTED_UNITS || u < -SORTED_UNITS) {
      index[g] = values.push(meanOfUnits(u, n)) - 1;
      continue;
    }
    who[m] = g;
    hi[m] = n;
    lo[m] = u + SORTED_UNITS;
    m++;
  }
  const order = radixOrder(hi, lo, m, scratch);
  for (let p = 0, prev = -1; p < m; p++) {
    const i = order[p] as number;
    if (prev < 0 || hi[i] !== hi[prev] || lo[i] !== lo[prev]) {
      values.push(meanOfUnits((lo[i] as number) - SORTED_UNITS, hi[i] as number));
    }
    index[who[i] as number] = values.length - 1;
    prev = i;
  }
  return { index, values };
}

/**
 * The totals `units[i] / 100` (integer hundredths) of positions 0 … n − 1 as Decimals, given
 * `order`, the positions of `units` in ascending order: each distinct total (a run of
 * `order`) is made once.
 */
export function totalsInOrder(
  units: Float64Array,
  order: ArrayLike<number>,
  n: number,
  scratch: Arena,
): DecimalColumn {
  const index = scratch.i32(n).fill(0);
  const values: Decimal[] = [ZERO];
  let last = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p] as number;
    const u = units[i] as number;
    if (u !== 0 && (values.length === 1 || u !== last)) values.push(centsDecimal(u));
    if (u !== 0) index[i] = values.length - 1;
    last = u;
  }
  return { index, values };
}
