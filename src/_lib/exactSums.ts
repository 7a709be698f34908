/**
 * Exact money sums in numbered cells, without allocation in the common case: each cell holds
 * an integer count of minor units (`10^-scale` of the currency) in a Float64Array while the
 * sum stays within ±(2^53 − 1), where every integer is exact in binary floating point; the
 * part of a sum beyond that (or an amount that is no whole number of minor units, read
 * elsewhere as an exact Decimal) goes to a per-cell exact Decimal. A cell's value is always
 * `units[cell] · 10^-scale + extra[cell]`, never rounded.
 *
 * The one rule "add to an integer sum, else fall back to a Decimal" of every function that
 * sums money over many events (cohort cells, per-customer totals, per-day spend).
 *
 * ```ts
 * const sums = new ExactSums(customers, 2) // one cell per customer, in cents
 * sums.add(c, 1999)                        // 19.99
 * sums.add(c, Number.NaN, exact('0.001'))  // an amount read as an exact Decimal
 * sums.value(c).toString()                 //=> '19.991'
 * ```
 */
import { clean, Decimal, ZERO } from "./decimal.js";
import { exact, fromUnits, toLibrary, toUnits } from "./minor.js";

/**
 * The largest integer count of minor units a cell holds in its Float64Array (2^53 − 1,
 * `Number.MAX_SAFE_INTEGER` as a literal that bundlers can drop): every integer up to it and
 * every sum of two of them is exact or detectably beyond it.
 */
export const MAX_SAFE_UNITS = 9_007_199_254_740_991;

/** Exact sums per cell: integer minor units with an exact Decimal fall-back per cell. */
export class ExactSums {
  /** Integer minor units per cell (within ±{@link MAX_SAFE_UNITS}). */
  units: Float64Array;
  /**
   * Per cell, the exact part beyond `units`, in currency units (a Decimal of the exact
   * class of `_lib/minor.ts`), or null while no cell has one.
   */
  extra: Map<number, Decimal> | null = null;
  /** Decimal places of the minor unit (`2`: cents). */
  readonly scale: number;
  private readonly pow: number;

  /**
   * @param cells - the number of cells, or the (zeroed) array to sum into
   * @param scale - decimal places of the minor unit
   */
  constructor(cells: number | Float64Array, scale: number) {
    this.units = typeof cells === "number" ? new Float64Array(cells) : cells;
    this.scale = scale;
    this.pow = 10 ** scale;
  }

  /**
   * Add `units` minor units to `cell`. NaN `units` means the amount is `amount` (exact, in
   * currency units; a value read by `RevenueReader` beyond the integer path).
   */
  add(cell: number, units: number, amount?: Decimal | null): void {
    const sum = (this.units[cell] as number) + units;
    if (sum <= MAX_SAFE_UNITS && sum >= -MAX_SAFE_UNITS) this.units[cell] = sum;
    else this.addSlow(cell, units, amount);
  }

  /** The fall-back of {@link add}: the amount goes to the cell's exact Decimal. */
  addSlow(cell: number, units: number, amount?: Decimal | null): void {
    this.addAmount(cell, Number.isNaN(units) ? (amount as Decimal) : fromUnits(units, this.scale));
  }

  /** Add an exact amount in currency units to `cell`. */
  addAmount(cell: number, amount: Decimal): void {
    if (this.extra === null) this.extra = new Map();
    const prev = this.extra.get(cell);
    this.extra.set(cell, prev === undefined ? exact(amount) : prev.plus(amount));
  }

  /** Add an exact count of minor units (any size, e.g. read from a serialised document). */
  addUnits(cell: number, units: Decimal): void {
    if (units.isInteger() && units.abs().lte(MAX_SAFE_UNITS)) this.add(cell, units.toNumber());
    else this.addAmount(cell, fromUnits(units, this.scale));
  }

  /** Add cell `fromCell` of `from` (of the same scale) to `cell`. */
  addCell(cell: number, from: ExactSums, fromCell: number): void {
    this.add(cell, from.units[fromCell] as number);
    const x = from.extra?.get(fromCell);
    if (x !== undefined) this.addAmount(cell, x);
  }

  /** Whether the cell's sum is exactly 0 (no integer part and no exact part). */
  isZero(cell: number): boolean {
    return this.units[cell] === 0 && this.extra?.get(cell) === undefined;
  }

  /** The cell's sum in currency units, in the library's Decimal class (never -0). */
  value(cell: number): Decimal {
    const units = this.units[cell] as number;
    const x = this.extra?.get(cell);
    if (x !== undefined) return clean(toLibrary(fromUnits(units, this.scale).plus(x)));
    // |units| < 2^53 has at most 16 digits: the library's 40-digit division is exact.
    return units === 0 ? ZERO : clean(new Decimal(units).div(this.pow));
  }

  /** The cell's sum in minor units as an exact decimal string (`'1999'`, `'1e+30'` never). */
  unitsText(cell: number): string {
    const units = this.units[cell] as number;
    const x = this.extra?.get(cell);
    return x === undefined ? String(units) : exact(units).plus(toUnits(x, this.scale)).toFixed();
  }

  /** Sum into `next` from now on, after copying the current cells into it (to grow). */
  moveTo(next: Float64Array): void {
    next.set(this.units);
    this.units = next;
  }
}
