/**
 * The period-mask aggregate table, the fast sibling of CustomerPeriods for a one-shot calendar
 * table whose periods span at most MASK_SPAN: each customer's activity over the periods of the
 * data is a bit mask, one bit per period (one int32 word per 32 periods). The cohort is the
 * lowest set bit, the active cells are the set bits, the last active period the highest one;
 * revenue goes to (cohort bit, period bit) cells once the masks are final. A few bytes per
 * customer and no per-(customer, period) entries.
 *
 * Whether an input takes this table is decided before any aggregation, by
 * {@link periodMasksFit}, once the one pass over the events has computed their periods.
 * Customers are numbered by the caller (maskNumbering.ts): dense integer ids directly, other
 * ids partition by partition.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import { isoInstant } from "../../../_lib/time.js";
import { MASK_SPAN, MAX_MASK_BYTES } from "../constants.js";
import { periodIndex } from "../periods.js";
import type { Resolved } from "../read/options.js";
import { type CohortParts, checkCells } from "../scan/cells.js";
import { emptyTable } from "./tableCells.js";

/** Int32 words of a mask over `span` periods. */
export function maskWords(span: number): number {
  return (Math.max(span, 1) + 31) >>> 5;
}

/**
 * The named check: whether period masks can hold a table whose events span `span` periods
 * over at most `customers` customers (the masks stay within MASK_SPAN periods and
 * MAX_MASK_BYTES; one word per customer always fits the scratch memory taken up front).
 */
export function periodMasksFit(span: number, customers: number): boolean {
  if (span > MASK_SPAN) return false;
  const words = maskWords(span);
  return words === 1 || customers * words * 4 <= MAX_MASK_BYTES;
}

/** Index of the lowest set bit of a non-zero int32. */
export function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** Lowest set bit of the `words`-word mask at `offset`, or -1. */
function lowestInMask(masks: Int32Array, offset: number, words: number): number {
  for (let w = 0; w < words; w++) {
    const word = masks[offset + w] as number;
    if (word !== 0) return 32 * w + lowestBit(word);
  }
  return -1;
}

export class PeriodMasks {
  readonly words: number;
  /** Customers numbered 0 .. customers - 1, `words` int32 each; bit b: active in period firstPeriod + b. */
  readonly masks: Int32Array;
  /** Cohort bit per customer once settled (masks of several words), or null (read the one word). */
  private cohortBits: Int32Array | null = null;
  /** Revenue per (cohort bit, period bit) cell, `cohort * span + period`. */
  readonly revenue: ExactSums;
  /** Highest period bit of revenue counted in a customer's cohort (it may follow the last active one). */
  revenueTop = -1;

  /**
   * @param firstPeriod - the period of bit 0
   * @param span - periods from the first to the last of the data (bits used)
   * @param customers - customers the caller numbers (at most; see {@link withCustomers})
   * @param oneWordMasks - zeroed memory for masks of one word (scratch), or null
   */
  constructor(
    readonly options: Resolved,
    readonly firstPeriod: number,
    readonly span: number,
    public customers: number,
    oneWordMasks: Int32Array | null,
  ) {
    this.words = maskWords(span);
    this.masks =
      this.words === 1 && oneWordMasks !== null
        ? oneWordMasks
        : new Int32Array(customers * this.words);
    this.revenue = new ExactSums(Math.max(span, 1) ** 2, options.scale);
  }

  /** The table with only customers `0 .. count - 1` numbered (fewer than allowed for). */
  withCustomers(count: number): this {
    this.customers = count;
    return this;
  }

  /** Mark customer `customer` active in period bit `bit`. */
  add(customer: number, bit: number): void {
    const at = this.words === 1 ? customer : customer * this.words + (bit >>> 5);
    this.masks[at] = (this.masks[at] as number) | (1 << bit);
  }

  /** Fix the cohorts of customers `from .. to - 1`, whose masks are final. */
  settle(from: number, to: number): void {
    if (this.words === 1) return;
    if (this.cohortBits === null) this.cohortBits = new Int32Array(this.customers);
    for (let g = from; g < to; g++)
      this.cohortBits[g] = lowestInMask(this.masks, g * this.words, this.words);
  }

  /**
   * Add revenue (integer units; NaN: the exact `amount`) of an event of a settled customer in
   * period bit `bit`; left out when the customer has no active period at or before it.
   */
  addRevenue(
    customer: number,
    bit: number,
    units: number,
    amount: Decimal | null | undefined,
  ): void {
    const cohortBits = this.cohortBits;
    const word = this.masks[customer] as number;
    const cohort =
      cohortBits === null ? (word === 0 ? -1 : lowestBit(word)) : (cohortBits[customer] as number);
    if (cohort < 0 || bit < cohort) return;
    if (bit > this.revenueTop) this.revenueTop = bit;
    this.revenue.add(cohort * this.span + bit, units, amount);
  }

  /** The cohort cells, reported up to the period holding `asOf` (or the last of the data). */
  scan(): CohortParts | null {
    const { options, words, masks, firstPeriod, span } = this;
    const periods = Math.max(span, 1);
    // Bits of the reported periods (all of them without asOf).
    const { period, zone, weekStartsOn } = options;
    const lastAsOf = options.hasAsOf
      ? periodIndex(options.asOf - 1, period, zone, weekStartsOn) - firstPeriod
      : periods - 1;
    if (lastAsOf < 0) return null;
    const allow = new Int32Array(words);
    for (let w = 0; w < words; w++) {
      const bits = lastAsOf + 1 - 32 * w;
      allow[w] = bits >= 32 ? -1 : bits <= 0 ? 0 : (1 << bits) - 1;
    }
    const active = new Float64Array(periods * periods);
    const last = new Float64Array(periods * periods);
    const size = new Float64Array(periods);
    let live = 0;
    let activeTop = -1;
    for (let g = 0; g < this.customers; g++) {
      const offset = g * words;
      let cohort = -1;
      let top = -1;
      for (let w = 0; w < words; w++) {
        const word = (masks[offset + w] as number) & (allow[w] as number);
        if (word === 0) continue;
        if (cohort < 0) cohort = 32 * w + lowestBit(word);
        top = 32 * w + 31 - Math.clz32(word);
      }
      if (cohort < 0) continue;
      live++;
      if (top > activeTop) activeTop = top;
      const row = cohort * periods;
      size[cohort] = (size[cohort] as number) + 1;
      last[row + top] = (last[row + top] as number) + 1;
      for (let w = 0; w < words; w++) {
        for (let x = (masks[offset + w] as number) & (allow[w] as number); x !== 0; x &= x - 1) {
          const cell = row + 32 * w + lowestBit(x);
          active[cell] = (active[cell] as number) + 1;
        }
      }
    }
    if (live === 0) return null;
    // Without asOf: the last period with an active event or counted revenue.
    const lastBit = options.hasAsOf ? lastAsOf : Math.max(activeTop, this.revenueTop);
    const lastPeriod = firstPeriod + lastBit;
    // The masks of the customers in the table, for bracket retention.
    const kept = new Int32Array(live * words);
    for (let g = 0, i = 0; g < this.customers; g++) {
      let any = 0;
      for (let w = 0; w < words; w++)
        any |= (masks[g * words + w] as number) & (allow[w] as number);
      if (any === 0) continue;
      for (let w = 0; w < words; w++)
        kept[i * words + w] = (masks[g * words + w] as number) & (allow[w] as number);
      i++;
    }
    const cohorts: number[] = [];
    const lengths: number[] = [];
    const sizes: number[] = [];
    const rowOf = new Int32Array(periods).fill(-1);
    for (let b = 0; b < periods; b++) {
      if (size[b] === 0) continue;
      rowOf[b] = cohorts.length;
      cohorts.push(firstPeriod + b);
      sizes.push(size[b] as number);
      lengths.push(lastPeriod - (firstPeriod + b) + 1);
    }
    // Only a distant asOf can take the table beyond its limit here (the data span at most
    // MASK_SPAN periods).
    let cells = 0;
    for (const length of lengths) cells += length;
    const asOfText = options.hasAsOf ? isoInstant(options.asOf) : undefined;
    checkCells(options, cells, firstPeriod, lastPeriod, "asOf", asOfText);
    const table = emptyTable(cohorts, lengths, sizes, options.scale);
    const { offsets } = table;
    for (let row = 0; row < cohorts.length; row++) {
      const b = (cohorts[row] as number) - firstPeriod;
      const o = offsets[row] as number;
      for (let k = 0; k < (lengths[row] as number) && b + k < periods; k++) {
        const source = b * periods + b + k;
        table.active[o + k] = active[source] as number;
        table.lastActive[o + k] = last[source] as number;
        table.revenue.addCell(o + k, this.revenue, source);
      }
    }
    return {
      ...table,
      customers: live,
      activePairs: (visit) => {
        for (let i = 0; i < live; i++) {
          const offset = i * words;
          const cohort = lowestInMask(kept, offset, words);
          const row = rowOf[cohort] as number;
          for (let w = 0; w < words; w++) {
            for (let x = kept[offset + w] as number; x !== 0; x &= x - 1)
              visit(i, row, 32 * w + lowestBit(x) - cohort);
          }
        }
      },
    };
  }
}
