/**
 * Amounts as integer counts of minor units (`10^-scale`) without allocation, with an exact
 * Decimal fallback: the reading used by the cohort engine and the helpers that sum money
 * over many events.
 */
import { fail, toDecimal } from "./assert.js";
import { Decimal } from "./decimal.js";

/**
 * Exact money: a clone of the library's Decimal with a precision (10^9 digits) that no sum of
 * amounts within the float64 range comes near, so that adding never rounds (the library's
 * own 40 digits would round `1 + 1e300`). Only additions and scaling by powers of ten are done
 * with it (a division by anything else would not end); {@link toLibrary} gives the result
 * back in the library's class.
 */
const Exact: typeof Decimal = /* @__PURE__ */ Decimal.clone({ precision: 1e9 });

const UNIT: Decimal[] = [];

/** An amount as an exact Decimal (sums built on it never round). */
export function exact(value: Decimal | number): Decimal {
  return new Exact(value);
}

/** `units · 10^-scale` exactly: an integer count of minor units in currency units. */
export function fromUnits(units: Decimal | number, scale: number): Decimal {
  let unit = UNIT[scale];
  if (unit === undefined) {
    unit = new Exact(`1e-${scale}`);
    UNIT[scale] = unit;
  }
  return new Exact(units).times(unit);
}

/** `amount · 10^scale` exactly: currency units in minor units. */
export function toUnits(amount: Decimal, scale: number): Decimal {
  return new Exact(amount).times(`1e${scale}`);
}

/** An exact Decimal in the library's class (the digits are kept: a constructor never rounds). */
export function toLibrary(value: Decimal): Decimal {
  return new Decimal(value);
}

/** What {@link RevenueReader} needs to know. */
export interface MinorOptions {
  /** Function name for errors. */
  readonly fn: string;
  /** Decimal places of integer input (amounts are then whole numbers), or null. */
  readonly minorUnits: number | null;
  /** Decimal places of the integer unit. */
  readonly scale: number;
  /** `10 ** scale`. */
  readonly pow: number;
}

const MAX_SAFE = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER, as a literal that bundlers can drop
const MAX_SAFE_BIG = 9_007_199_254_740_991n; // BigInt(Number.MAX_SAFE_INTEGER)

/**
 * The one rule for a missing amount, shared by every function that reads an event log:
 * `undefined` (an absent field) and `null` (a SQL or CSV NULL) are "no revenue", an event
 * with no money attached (0). Anything else must be a number, numeric string, bigint or Decimal.
 */
export function isNoRevenue(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/**
 * A decimal string as an integer count of `10^-scale` units, or NaN when the string is not a
 * plain decimal that fits (more decimals than `scale` that are not zeros, exponents, spaces,
 * more than 15 significant digits): the caller then takes the exact Decimal path.
 */
export function parseMinorString(s: string, scale: number): number {
  const n = s.length;
  let i = 0;
  let neg = false;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  if (c === 45) {
    neg = true;
    i = 1;
  } else if (c === 43) i = 1;
  let v = 0;
  let digits = 0;
  let any = false;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    if (v !== 0) digits++;
    any = true;
  }
  let frac = 0;
  if (i < n && c === 46) {
    for (i++; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      any = true;
      if (frac === scale) {
        if (c !== 48) return Number.NaN;
        continue;
      }
      v = v * 10 + (c - 48);
      if (v !== 0) digits++;
      frac++;
    }
  }
  if (i !== n || !any) return Number.NaN;
  if (digits + scale - frac > 15) return Number.NaN;
  for (; frac < scale; frac++) v *= 10;
  return v === 0 ? 0 : neg ? -v : v;
}

/** Converts revenue values to integer internal units, with an exact Decimal fallback. */
export class RevenueReader {
  /** Set when {@link read} returns NaN: the exact value in currency units (see {@link exact}). */
  extra: Decimal | null = null;
  private readonly fn: string;
  private readonly minorInput: boolean;
  private readonly scale: number;
  private readonly pow: number;

  constructor(r: MinorOptions) {
    this.fn = r.fn;
    this.minorInput = r.minorUnits !== null;
    this.scale = r.scale;
    this.pow = r.pow;
  }

  /**
   * Integer internal units, or NaN with {@link extra} set; 0 for no revenue (see
   * {@link isNoRevenue}). Throws for non-numeric values.
   */
  read(value: unknown, index: number, prefix: string): number {
    if (typeof value === "number") {
      if (this.minorInput) {
        if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
      } else if (value < 1e12 && value > -1e12) {
        const r = Math.round(value * this.pow);
        if (r / this.pow === value && Number.isSafeInteger(r)) return r === 0 ? 0 : r;
      }
    } else if (typeof value === "string") {
      const v = parseMinorString(value, this.minorInput ? 0 : this.scale);
      if (!Number.isNaN(v)) return v;
    } else if (isNoRevenue(value)) {
      return 0;
    } else if (typeof value === "bigint" && this.minorInput) {
      if (value <= MAX_SAFE_BIG && value >= -MAX_SAFE_BIG) return Number(value);
    }
    return this.slow(value, index, prefix);
  }

  private slow(value: unknown, index: number, prefix: string): number {
    const field = `${prefix}[${index}].revenue`;
    const d = toDecimal(value, this.fn, field);
    if (this.minorInput && !d.isInteger()) {
      fail(this.fn, field, "NOT_INTEGER", "must be a whole number of minor units", value);
    }
    const units = this.minorInput ? d : toUnits(d, this.scale);
    if (units.isInteger() && units.abs().lte(MAX_SAFE)) {
      const v = units.toNumber();
      return v === 0 ? 0 : v;
    }
    this.extra = this.minorInput ? fromUnits(d, this.scale) : exact(d);
    return Number.NaN;
  }
}
