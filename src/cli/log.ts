/**
 * A whole event log in compact columns: each distinct customer id numbered once (the numbers
 * in an Int32Array), times as epoch milliseconds in a Float64Array, amounts as the file's
 * exact strings. Used where a computation needs every event at once (model fits, the report).
 */
import { IdCodes as CustomerCodes } from "../cohorts/engine/read/idCodes.js";

/** A copy of the first `length` items of `array` in a new array of `size` items. */
function grown<T extends Int32Array | Float64Array>(array: T, size: number, length: number): T {
  const copy = new (array.constructor as new (n: number) => T)(size);
  copy.set(array.subarray(0, length));
  return copy;
}

/** Growable columns of the whole log. */
export class LogColumns {
  length = 0;
  codes = new Int32Array(1 << 16);
  at = new Float64Array(1 << 16);
  revenue: (string | null)[] | null = null;
  readonly #ids = new IdCodes();

  /** The distinct customer ids, by number. */
  get names(): readonly string[] {
    return this.#ids.names;
  }

  add(ids: readonly string[], at: Float64Array, revenue: readonly (string | null)[] | null): void {
    const n = ids.length;
    if (this.length + n > this.codes.length) {
      const size = Math.max(this.codes.length * 2, this.length + n);
      this.codes = grown(this.codes, size, this.length);
      this.at = grown(this.at, size, this.length);
    }
    for (let i = 0; i < n; i++) this.codes[this.length + i] = this.#ids.code(ids[i] as string);
    this.at.set(at, this.length);
    if (revenue !== null) {
      if (this.revenue === null) this.revenue = [];
      for (const r of revenue) this.revenue.push(r);
    }
    this.length += n;
  }

  /** The customer id of every event (references to the one string of each customer). */
  customerIds(): string[] {
    const names = this.names;
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = names[this.codes[i] as number] as string;
    return out;
  }
}

/** Most decimals of an amount read as integer minor units; more fall back to exact strings. */
export const MAX_MINOR_DIGITS = 6;

const POWERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * Growable typed columns of a whole log, in the cohort engine's fastest input form: each
 * distinct customer id numbered once (Int32Array), times as epoch milliseconds (Float64Array),
 * amounts as integers in `10^-scale` of the currency (Float64Array). `scale` starts at 2 and
 * grows to the most decimals seen (at most {@link MAX_MINOR_DIGITS}); an empty amount is 0
 * (the engine counts no revenue and a zero amount alike). About 20 bytes per event, plus the
 * ids.
 */
export class TypedLog {
  length = 0;
  codes = new Int32Array(1 << 16);
  at = new Float64Array(1 << 16);
  units: Float64Array | null = null;
  scale = 2;
  readonly ids = new IdCodes();

  /**
   * Adds the batch's events from `from` on; returns the index of the first event whose amount
   * does not fit as minor units (more than {@link MAX_MINOR_DIGITS} decimals, or beyond 2^53
   * units), or the batch length when all were added.
   */
  add(
    ids: readonly string[],
    at: Float64Array,
    revenue: readonly (string | null)[] | null,
    from = 0,
  ): number {
    const n = ids.length;
    const need = this.length + n - from;
    if (need > this.codes.length) this.#grow(Math.max(this.codes.length * 2, need));
    if (revenue !== null && this.units === null) this.units = new Float64Array(this.codes.length);
    const codes = this.codes;
    const times = this.at;
    const coder = this.ids;
    let k = this.length;
    for (let i = from; i < n; i++) {
      if (revenue !== null) {
        const text = revenue[i];
        let u = text === null || text === undefined ? 0 : this.#unitsOf(text, k);
        if (Number.isNaN(u)) {
          this.length = k;
          return i;
        }
        if (u === 0) u = 0; // no -0
        (this.units as Float64Array)[k] = u;
      }
      codes[k] = coder.code(ids[i] as string);
      times[k] = at[i] as number;
      k++;
    }
    this.length = k;
    return n;
  }

  /** The customer ids of events `from` to `to` (references to each customer's one string). */
  customerIds(from = 0, to = this.length): string[] {
    const names = this.ids.names;
    const out = new Array<string>(to - from);
    for (let i = from; i < to; i++) out[i - from] = names[this.codes[i] as number] as string;
    return out;
  }

  /** The amounts of events `from` to `to` as exact decimal strings (`null` without amounts). */
  revenueStrings(from = 0, to = this.length): string[] | null {
    const units = this.units;
    if (units === null) return null;
    const out = new Array<string>(to - from);
    for (let i = from; i < to; i++) out[i - from] = unitsText(units[i] as number, this.scale);
    return out;
  }

  /**
   * Integer units of a decimal amount at the current scale (raised when needed, over the first
   * `count` amounts), or NaN.
   */
  #unitsOf(s: string, count: number): number {
    const len = s.length;
    let i = 0;
    let sign = 1;
    const c0 = s.charCodeAt(0);
    if (c0 === 45 || c0 === 43) {
      if (c0 === 45) sign = -1;
      i = 1;
    }
    let whole = 0;
    for (; i < len; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      whole = whole * 10 + d;
    }
    let frac = 0;
    let digits = 0;
    if (i < len) {
      // the reader checked the form: the only other character is one '.'
      for (i++; i < len; i++) {
        frac = frac * 10 + (s.charCodeAt(i) - 48);
        digits++;
      }
    }
    if (digits > this.scale) {
      if (digits > MAX_MINOR_DIGITS || !this.#rescale(digits, count)) return Number.NaN;
    }
    const u =
      whole * (POWERS[this.scale] as number) + frac * (POWERS[this.scale - digits] as number);
    if (!Number.isSafeInteger(u) || !Number.isSafeInteger(whole)) return Number.NaN;
    return sign * u;
  }

  /** Raises the scale to `digits`, when the first `count` amounts stay safe integers. */
  #rescale(digits: number, count: number): boolean {
    const units = this.units as Float64Array;
    const f = POWERS[digits - this.scale] as number;
    for (let i = 0; i < count; i++) {
      if (!Number.isSafeInteger((units[i] as number) * f)) return false;
    }
    for (let i = 0; i < count; i++) units[i] = (units[i] as number) * f;
    this.scale = digits;
    return true;
  }

  /** Makes room for `events` events in all, ahead of the additions. */
  reserve(events: number): void {
    if (events > this.codes.length) this.#grow(events);
  }

  #grow(size: number): void {
    this.codes = grown(this.codes, size, this.length);
    this.at = grown(this.at, size, this.length);
    if (this.units !== null) this.units = grown(this.units, size, this.length);
  }
}

/** The exact decimal text of `units` in `10^-scale`. */
export function unitsText(units: number, scale: number): string {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(scale + 1, "0");
  const cut = digits.length - scale;
  const text = scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${text}` : text;
}

/** Dense numbers of customer ids, in order of first appearance, and the ids by number. */
export class IdCodes {
  /** The ids, by number. */
  readonly names: string[] = [];
  readonly #codes = new CustomerCodes();

  /** The number of `id`, given the next one when `id` is new. */
  code(id: string): number {
    const code = this.#codes.code(id);
    if (code === this.names.length) this.names.push(id);
    return code;
  }
}
