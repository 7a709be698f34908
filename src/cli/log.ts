/**
 * A whole event log in compact columns: each distinct customer id numbered once (the numbers
 * in an Int32Array), times as epoch milliseconds in a Float64Array, amounts as the file's
 * exact strings. Used where a computation needs every event at once (model fits, the report).
 */

/** Growable columns of the whole log. */
export class LogColumns {
  length = 0;
  codes = new Int32Array(1 << 16);
  at = new Float64Array(1 << 16);
  revenue: (string | null)[] | null = null;
  readonly names: string[] = [];
  readonly numbers = new Map<string, number>();

  add(ids: readonly string[], at: Float64Array, revenue: readonly (string | null)[] | null): void {
    const n = ids.length;
    if (this.length + n > this.codes.length) {
      const size = Math.max(this.codes.length * 2, this.length + n);
      const codes = new Int32Array(size);
      codes.set(this.codes.subarray(0, this.length));
      this.codes = codes;
      const times = new Float64Array(size);
      times.set(this.at.subarray(0, this.length));
      this.at = times;
    }
    for (let i = 0; i < n; i++) {
      const id = ids[i] as string;
      let code = this.numbers.get(id);
      if (code === undefined) {
        code = this.names.length;
        this.numbers.set(id, code);
        this.names.push(id);
      }
      this.codes[this.length + i] = code;
    }
    this.at.set(at, this.length);
    if (revenue !== null) {
      if (this.revenue === null) this.revenue = [];
      for (const r of revenue) this.revenue.push(r);
    }
    this.length += n;
  }

  /** The customer id of every event (references to the one string of each customer). */
  customerIds(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.names[this.codes[i] as number] as string;
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
  readonly numbers = new Map<string, number>();
  readonly names: string[] = [];

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
    const numbers = this.numbers;
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
      const id = ids[i] as string;
      let code = numbers.get(id);
      if (code === undefined) {
        code = this.names.length;
        numbers.set(id, code);
        this.names.push(id);
      }
      codes[k] = code;
      times[k] = at[i] as number;
      k++;
    }
    this.length = k;
    return n;
  }

  /** The customer id of every event (references to the one string of each customer). */
  customerIds(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.names[this.codes[i] as number] as string;
    return out;
  }

  /** The amounts as exact decimal strings (`null` without an amount column). */
  revenueStrings(): string[] | null {
    const units = this.units;
    if (units === null) return null;
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = unitsText(units[i] as number, this.scale);
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

  #grow(size: number): void {
    const codes = new Int32Array(size);
    codes.set(this.codes.subarray(0, this.length));
    this.codes = codes;
    const times = new Float64Array(size);
    times.set(this.at.subarray(0, this.length));
    this.at = times;
    if (this.units !== null) {
      const units = new Float64Array(size);
      units.set(this.units.subarray(0, this.length));
      this.units = units;
    }
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
