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
