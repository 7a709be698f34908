/**
 * The mask table of start and return events, the fast sibling of EventRoles for a one-shot
 * table of columns whose periods span at most MASK_SPAN: per customer the instant, period bit
 * and breakdown value (its rank in value order) of the first start event and a bit mask of the
 * periods with a return (one int32 word per 32 periods); revenue per (value, cohort bit, period
 * bit) cell. No per-(customer, period) entries.
 *
 * Fed in two passes over the classified events (roleColumns.ts): every start event
 * ({@link start}), then, the starts final ({@link settle}), every return or revenue event
 * ({@link event}). The cells are the ones EventRoles' scan gives (see `cohortAnalysis`):
 * `active[C][0]` is the cohort's size unless `returnInStartPeriod`, when it needs a return at
 * or after the start instant; later periods need a return; revenue of every summed event from
 * the cohort's period on.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import { lowestBit, maskWords } from "../aggregate/PeriodMasks.js";
import { emptyTable } from "../aggregate/tableCells.js";
import { MASK_SPAN, MAX_MASK_BYTES } from "../constants.js";
import type { Resolved } from "../read/options.js";
import type { CohortParts } from "../scan/cells.js";
import type { CohortBreakdownValue } from "../types.js";
import { RETURN, SUMMED } from "./roleInput.js";
import { compareValues } from "./values.js";

/**
 * Cells (values × periods × periods) the mask table's per-value counts and revenue may take:
 * three arrays of this many cells (two int32, one float64) stay within 32 MiB; a daily table
 * over a year takes 15 values, a monthly one over two years 3,640. Beyond, the general table.
 */
export const ROLE_MASK_CELLS = 2_097_152;

/**
 * The named check: whether the mask table can hold `customers` customers over `span` reported
 * periods (from the first event's to the last reported, `asOf`'s included) with `values`
 * breakdown values. A customer takes 16 bytes and 4 per mask word (the start instant, the value
 * of its start event, its cohort bit and value rank, and the mask); with one word that is always less than the general
 * table's entries, with more the masks stay within MAX_MASK_BYTES as the plain masks do.
 */
export function roleMasksFit(span: number, customers: number, values: number): boolean {
  if (span > MASK_SPAN || values * span * span > ROLE_MASK_CELLS) return false;
  const words = maskWords(span);
  return words === 1 || customers * (16 + 4 * words) <= MAX_MASK_BYTES;
}

/** Bits of a cohort bit in a customer's record (cohort bits stay below MASK_SPAN = 2^10). */
const BIT_BITS = 10;
const BIT_MASK = 1023;

/** The cells of the total table and of each breakdown value's table (as EventRoles' scan). */
export interface RoleParts {
  readonly total: CohortParts | null;
  readonly groups: readonly (readonly [CohortBreakdownValue, CohortParts])[] | null;
}

/**
 * The highest period bit at or after `from` holding a non-zero net revenue of one customer
 * from its cohort on, or -1 (the revenue that extends a table without `asOf`).
 */
export type TailRevenue = (from: number) => number;

export class RoleMasks {
  readonly words: number;
  /** Per customer: instant of the first start event (Infinity: none). */
  readonly startAt: Float64Array;
  /**
   * Per customer: the breakdown value of the first start event, as its code in `codeValues`
   * while starts are added, as its rank in `values` once settled.
   */
  private readonly startValue: Int32Array;
  /** Int32 per customer in `record`: one, then the mask's words. */
  readonly stride: number;
  /**
   * Per customer, `stride` int32 together (one cache line read per event): the period bit of
   * the first start event (-1: none), once settled with the rank of its breakdown value
   * above it (`bit | rank << BIT_BITS`); then the mask, `words` int32 (bit b: active in
   * period bit b).
   */
  readonly record: Int32Array;
  /** Revenue per `(value rank * span + cohort bit) * span + period bit` (once settled). */
  private revenue: ExactSums | null = null;
  /** The breakdown values in order (once settled). */
  private values: readonly CohortBreakdownValue[] = [];
  /** Highest period bit of summed revenue at or after a cohort. */
  private revenueTop = -1;
  private readonly inStart: boolean;

  /**
   * @param span - reported periods from the first event's (bit 0) to the last reported
   * @param codeValues - the breakdown value of each code (`[null]` without `breakdownBy`);
   *   it may grow while starts are added
   */
  constructor(
    readonly options: Resolved,
    readonly firstPeriod: number,
    readonly span: number,
    readonly customers: number,
    private readonly codeValues: readonly CohortBreakdownValue[],
    readonly grouped: boolean,
  ) {
    this.words = maskWords(span);
    this.startAt = new Float64Array(customers).fill(Infinity);
    this.startValue = new Int32Array(customers);
    this.stride = 1 + this.words;
    this.record = new Int32Array(customers * this.stride);
    for (let g = 0; g < customers; g++) this.record[g * this.stride] = -1;
    this.inStart = options.roles?.returnInStartPeriod === true;
  }

  /** A start event of customer `g` with breakdown value code `code`: the earliest wins, then the least value. */
  start(g: number, at: number, bit: number, code: number): void {
    const t = this.startAt[g] as number;
    if (
      at < t ||
      (at === t &&
        compareValues(
          this.codeValues[code] as CohortBreakdownValue,
          this.codeValues[this.startValue[g] as number] as CohortBreakdownValue,
        ) < 0)
    ) {
      this.startAt[g] = at;
      this.record[g * this.stride] = bit;
      this.startValue[g] = code;
    }
  }

  /** The period bit of customer `g`'s cohort, or -1. */
  cohortBit(g: number): number {
    const x = this.record[g * this.stride] as number;
    return x < 0 ? -1 : x & BIT_MASK;
  }

  /**
   * The starts are final: `values` in order and each code's rank among them (null: one value).
   * Without `returnInStartPeriod` every member is active in its cohort.
   */
  settle(values: readonly CohortBreakdownValue[], codeRank: Int32Array | null): void {
    const { stride, record, startValue, span } = this;
    this.values = values;
    this.revenue = new ExactSums(values.length * span * span, this.options.scale);
    for (let g = 0; g < this.customers; g++) {
      const s = record[g * stride] as number;
      if (s < 0) continue;
      const r = codeRank === null ? 0 : (codeRank[startValue[g] as number] as number);
      startValue[g] = r;
      record[g * stride] = s | (r << BIT_BITS);
      if (this.inStart) continue;
      const w = g * stride + 1 + (s >>> 5);
      record[w] = (record[w] as number) | (1 << s);
    }
  }

  /**
   * A return or summed event (`flags`) of customer `g` at `at` in period bit `bit`, with
   * revenue `units` (NaN: the exact `amount`); events before the customer's cohort are left out.
   */
  event(
    g: number,
    at: number,
    bit: number,
    flags: number,
    units: number,
    amount: Decimal | undefined,
  ): void {
    const record = this.record;
    const at0 = g * this.stride;
    const x = record[at0] as number;
    const s = x & BIT_MASK;
    if (x < 0 || bit < s) return;
    if (
      (flags & RETURN) !== 0 &&
      (bit > s || (this.inStart && at >= (this.startAt[g] as number)))
    ) {
      const w = at0 + 1 + (bit >>> 5);
      record[w] = (record[w] as number) | (1 << bit);
    }
    if ((flags & SUMMED) !== 0) {
      const span = this.span;
      (this.revenue as ExactSums).add(((x >>> BIT_BITS) * span + s) * span + bit, units, amount);
      if (bit > this.revenueTop) this.revenueTop = bit;
    }
  }

  /**
   * The cells of the total and of each value's table. Without `asOf` the last period is the
   * last with a cohort, a return, or a customer's non-zero revenue (`tail` finds the latter
   * beyond the others).
   */
  scan(tail: TailRevenue): RoleParts {
    const { span, words, stride, record, startValue, values } = this;
    const nv = values.length;
    const cells = span * span;
    const size = new Int32Array(nv * span);
    const active = new Int32Array(nv * cells);
    const last = new Int32Array(nv * cells);
    let members = 0;
    let top = -1;
    for (let g = 0; g < this.customers; g++) {
      const x = record[g * stride] as number;
      if (x < 0) continue;
      const s = x & BIT_MASK;
      members++;
      const v = startValue[g] as number;
      size[v * span + s] = (size[v * span + s] as number) + 1;
      const base = (v * span + s) * span;
      let high = s;
      let any = false;
      for (let w = 0; w < words; w++) {
        for (let m = record[g * stride + 1 + w] as number; m !== 0; m &= m - 1) {
          const b = 32 * w + lowestBit(m);
          active[base + b] = (active[base + b] as number) + 1;
          high = b;
          any = true;
        }
      }
      if (any) last[base + high] = (last[base + high] as number) + 1;
      if (high > top) top = high;
    }
    if (members === 0) return { total: null, groups: this.grouped ? [] : null };
    let lastBit = span - 1;
    if (!this.options.hasAsOf && this.revenueTop > top) {
      lastBit = Math.max(top, tail(top + 1));
    } else if (!this.options.hasAsOf) {
      lastBit = top;
    }
    const parts = (from: number, to: number): CohortParts | null =>
      this.parts(from, to, lastBit, size, active, last);
    const total = parts(0, nv);
    if (!this.grouped) return { total, groups: null };
    const groups: (readonly [CohortBreakdownValue, CohortParts])[] = [];
    for (let v = 0; v < nv; v++) {
      const p = parts(v, v + 1);
      if (p !== null) groups.push([values[v] as CohortBreakdownValue, p]);
    }
    return { total, groups };
  }

  /** The cells of the customers whose value ranks are `from .. to - 1`, up to `lastBit`. */
  private parts(
    from: number,
    to: number,
    lastBit: number,
    size: Int32Array,
    active: Int32Array,
    last: Int32Array,
  ): CohortParts | null {
    const { span, firstPeriod } = this;
    const cohorts: number[] = [];
    const lengths: number[] = [];
    const sizes: number[] = [];
    const rowOf = new Int32Array(span).fill(-1);
    for (let s = 0; s <= lastBit; s++) {
      let n = 0;
      for (let v = from; v < to; v++) n += size[v * span + s] as number;
      if (n === 0) continue;
      rowOf[s] = cohorts.length;
      cohorts.push(firstPeriod + s);
      lengths.push(lastBit - s + 1);
      sizes.push(n);
    }
    if (cohorts.length === 0) return null;
    const table = emptyTable(cohorts, lengths, sizes, this.options.scale);
    const { offsets } = table;
    for (let row = 0; row < cohorts.length; row++) {
      const s = (cohorts[row] as number) - firstPeriod;
      const o = offsets[row] as number;
      for (let k = 0; k < (lengths[row] as number); k++) {
        let a = 0;
        let l = 0;
        for (let v = from; v < to; v++) {
          const source = (v * span + s) * span + s + k;
          a += active[source] as number;
          l += last[source] as number;
          table.revenue.addCell(o + k, this.revenue as ExactSums, source);
        }
        table.active[o + k] = a;
        table.lastActive[o + k] = l;
      }
    }
    let customers = 0;
    for (const n of sizes) customers += n;
    const { words, stride, record, startValue } = this;
    return {
      ...table,
      customers,
      activePairs: (visit) => {
        for (let g = 0, i = 0; g < this.customers; g++) {
          const x = record[g * stride] as number;
          const s = x & BIT_MASK;
          const v = startValue[g] as number;
          if (x < 0 || v < from || v >= to) continue;
          const row = rowOf[s] as number;
          for (let w = 0; w < words; w++) {
            for (let m = record[g * stride + 1 + w] as number; m !== 0; m &= m - 1)
              visit(i, row, 32 * w + lowestBit(m) - s);
          }
          i++;
        }
      },
    };
  }
}
