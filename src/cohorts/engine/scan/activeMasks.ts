/**
 * The period-mask path of the event-analytics scans (lifecycle, active users): columns with
 * dense integer ids (dictionary codes) whose periods fit `periodMasksFit` are read into the
 * mask table, one bit per customer and period, as a one-shot cohort table of columns is,
 * instead of the general (customer, period) table; other columns take the active runs
 * (`activeRuns.ts`). The masks live in the call's scratch memory, so the scan runs inside
 * {@link withActiveMasks}.
 */
import { RevenueReader } from "../../../_lib/minor.js";
import { denseIds, denseMasks, maskScratchBytes } from "../aggregate/maskNumbering.js";
import { lowestBit, type PeriodMasks, periodMasksFit } from "../aggregate/PeriodMasks.js";
import { withScratch } from "../memory.js";
import { asColumns, checkColumns, isTyped } from "../read/input.js";
import type { Resolved } from "../read/options.js";
import { periodKeys } from "../read/periodKeys.js";

/**
 * Runs `body` on the mask table of `events` when they are columns with dense integer ids whose
 * periods fit the masks (and scratch memory can be had); returns undefined, having read nothing
 * into any table, otherwise (rows, other ids, too many periods, no event before `asOf`): the
 * caller takes the active runs or the general table, which read and check the input again.
 */
export function withActiveMasks<T>(
  options: Resolved,
  events: unknown,
  body: (masks: PeriodMasks) => T,
): T | undefined {
  const cols = asColumns(options, events, options.fn);
  if (cols === null) return undefined;
  const prefix = "events";
  const n = checkColumns(options, cols, prefix);
  const dense = denseIds(cols.customerId, n);
  if (dense === null) return undefined;
  return withScratch(4 * n + maskScratchBytes(n, dense, false), (scratch) => {
    if (scratch === null) return undefined;
    const keys = scratch.i32(n);
    const extent = periodKeys(options, cols.at, n, prefix, keys, null);
    const revenue = cols.revenue;
    const reader = new RevenueReader(options);
    const typedMinor = revenue !== undefined && options.minorUnits !== null && isTyped(revenue);
    if (typedMinor) {
      const values = revenue as ArrayLike<number>;
      for (let i = 0; i < n; i++)
        if (!Number.isSafeInteger(values[i])) reader.read(values[i], i, prefix);
    }
    if (extent.first === Number.POSITIVE_INFINITY) return undefined;
    if (!periodMasksFit(extent.last - extent.first + 1, dense[1])) return undefined;
    const keyed = {
      n,
      ids: cols.customerId,
      keys,
      first: extent.first,
      last: extent.last,
      units: typedMinor ? (revenue as ArrayLike<number>) : null,
      amounts: null,
      raw: revenue !== undefined && !typedMinor ? revenue : null,
      reader,
      prefix,
      hashed: null,
    };
    return body(denseMasks(options, keyed, dense, scratch));
  });
}

/** The smallest and largest period index with a set bit, or null when no bit is set. */
export function maskExtent(masks: PeriodMasks): { first: number; last: number } | null {
  const { words, customers, firstPeriod } = masks;
  const all = new Int32Array(words);
  const bits = masks.masks;
  for (let c = 0; c < customers; c++) {
    const at = c * words;
    for (let w = 0; w < words; w++) all[w] = (all[w] as number) | (bits[at + w] as number);
  }
  let first = -1;
  let last = -1;
  for (let w = 0; w < words; w++) {
    const word = all[w] as number;
    if (word === 0) continue;
    if (first < 0) first = 32 * w + lowestBit(word);
    last = 32 * w + 31 - Math.clz32(word);
  }
  return first < 0 ? null : { first: firstPeriod + first, last: firstPeriod + last };
}

/**
 * Calls `visit(keys, n)` once per customer with a set bit: `keys[0..n-1]` are the customer's
 * active period indices, ascending (a view valid during the call), as `visitActiveKeys` does
 * for the general table.
 */
export function visitMaskKeys(
  masks: PeriodMasks,
  visit: (keys: Float64Array, n: number) => void,
): void {
  const { words, customers, firstPeriod } = masks;
  const bits = masks.masks;
  const keys = new Float64Array(32 * words);
  for (let c = 0; c < customers; c++) {
    const at = c * words;
    let n = 0;
    for (let w = 0; w < words; w++) {
      let word = bits[at + w] as number;
      const base = firstPeriod + 32 * w;
      while (word !== 0) {
        keys[n++] = base + lowestBit(word);
        word &= word - 1;
      }
    }
    if (n > 0) visit(keys, n);
  }
}
