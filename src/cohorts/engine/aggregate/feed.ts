/**
 * Feeding events to the general aggregate table in bounded batches: rows (any iterable, in
 * chunks of ROW_CHUNK), columns (in chunks of COLUMN_CHUNK), and events whose fields were
 * already read (instants, revenue units and, for calendar periods, period keys).
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { COLUMN_CHUNK, MAX_MS, ROW_CHUNK } from "../constants.js";
import { Arena, withScratch } from "../memory.js";
import { asColumns, type Columns, checkColumns, isTyped, readRow } from "../read/input.js";
import { readInstant } from "../read/instants.js";
import { type Batch, batchScratchBytes, type CustomerPeriods } from "./CustomerPeriods.js";

/** Add rows or columns (checked by `asColumns`) to a table. */
export function addEvents(table: CustomerPeriods, events: unknown, fn: string): void {
  const cols = asColumns(table.options, events, fn);
  if (cols !== null) addColumns(table, cols, "events");
  else addRows(table, events as Iterable<unknown>, "events");
}

/**
 * Add the batches of `n` events in chunks of COLUMN_CHUNK: `batchAt(base, m)` gives the batch
 * of events `base .. base + m - 1`. One scratch buffer serves every chunk of the call and is
 * held until the call ends (each new allocation of this size brings a full collection closer).
 * `first` is the index of event 0 in the whole input (errors name `prefix[first + i]`); when
 * it is not 0 the input is a stream of unknown length, so the table is not sized for `n` as
 * the whole input.
 */
function addChunks(
  table: CustomerPeriods,
  n: number,
  prefix: string,
  batchAt: (base: number, m: number) => Batch,
  first = 0,
): void {
  withScratch(batchScratchBytes(Math.min(COLUMN_CHUNK, n)), (scratch) => {
    for (let base = 0; base < n; base += COLUMN_CHUNK) {
      const m = Math.min(COLUMN_CHUNK, n - base);
      const scale = first === 0 ? n / (base + m) : 1;
      // without pooled memory the arena takes its own buffer
      table.add(batchAt(base, m), prefix, first + base, scale, scratch ?? new Arena());
    }
  });
}

/**
 * Read columns chunk by chunk into the table; `known` are the instants and calendar periods of
 * the events when the key pass has read them already; `first` is the index of the columns'
 * first event in a stream of column chunks (errors name `prefix[first + i]`).
 */
export function addColumns(
  table: CustomerPeriods,
  cols: Columns,
  prefix: string,
  known: { instants: Float64Array; periods: Int32Array } | null = null,
  first = 0,
): void {
  const options = table.options;
  const { fn, zone } = options;
  const n = checkColumns(options, cols, prefix);
  const reader = new RevenueReader(options);
  const atColumn = known?.instants ?? cols.at;
  const instants = atColumn instanceof Float64Array ? atColumn : new Float64Array(n);
  const revenue = cols.revenue;
  const typedMinor = revenue !== undefined && options.minorUnits !== null && isTyped(revenue);
  const units =
    revenue === undefined
      ? new Float64Array(n)
      : typedMinor
        ? revenue instanceof Float64Array
          ? revenue
          : Float64Array.from(revenue as ArrayLike<number>)
        : null;
  const cohortOf = cols.cohortOf;
  const cohortAt = cohortOf === undefined ? null : new Float64Array(n);
  addChunks(
    table,
    n,
    prefix,
    (base, m) => {
      for (let i = base; i < base + m && known === null; i++) {
        const t = atColumn[i];
        if (atColumn !== instants) instants[i] = readInstant(t, zone, fn, first + i, prefix, "at");
        else if (!((t as number) <= MAX_MS && (t as number) >= -MAX_MS))
          readInstant(t, zone, fn, first + i, prefix, "at");
      }
      if (typedMinor) {
        const values = revenue as ArrayLike<number>;
        for (let i = base; i < base + m; i++) {
          if (!Number.isSafeInteger(values[i])) reader.read(values[i], first + i, prefix);
        }
      }
      if (cohortOf !== undefined && cohortAt !== null) {
        for (let i = base; i < base + m; i++) {
          const v = cohortOf[i];
          cohortAt[i] =
            v === undefined || v === null
              ? Number.NaN
              : readInstant(v, zone, fn, first + i, prefix, "cohortOf");
        }
      }
      const raw = units === null ? revenue : undefined;
      const periods = known?.periods ?? null;
      return {
        n: m,
        base,
        ids: cols.customerId,
        at: instants,
        value: units,
        extra: null,
        cohortAt,
        raw,
        reader,
        periods,
      };
    },
    first,
  );
}

/**
 * Add events whose fields were already read (instants, revenue in integer units with NaN where
 * `extra` has the exact amount, and for calendar periods their keys), chunk by chunk. The
 * values are not read again, so they are never converted a second time.
 */
export function addRead(
  table: CustomerPeriods,
  ids: ArrayLike<unknown>,
  at: Float64Array,
  value: Float64Array,
  extra: Map<number, Decimal> | null,
  periods: Int32Array | null,
  prefix: string,
): void {
  addChunks(table, ids.length, prefix, (base, m) => {
    let chunkExtra: Map<number, Decimal> | null = null;
    if (extra !== null) {
      for (const [i, d] of extra) {
        if (i < base || i >= base + m) continue;
        if (chunkExtra === null) chunkExtra = new Map();
        chunkExtra.set(i - base, d);
      }
    }
    return { n: m, base, ids, at, value, extra: chunkExtra, cohortAt: null, periods };
  });
}

/** Read rows (an iterable) chunk by chunk into the table; returns the number read. */
export function addRows(table: CustomerPeriods, rows: Iterable<unknown>, prefix: string): number {
  let index = 0;
  let chunk: unknown[] = [];
  for (const row of rows) {
    chunk.push(row);
    index++;
    if (chunk.length === ROW_CHUNK) {
      addRowChunk(table, chunk, prefix, index - chunk.length);
      chunk = [];
    }
  }
  if (chunk.length > 0) addRowChunk(table, chunk, prefix, index - chunk.length);
  return index;
}

/** Read one chunk of rows (their indices in the whole input start at `first`). */
export function addRowChunk(
  table: CustomerPeriods,
  rows: readonly unknown[],
  prefix: string,
  first: number,
): void {
  const options = table.options;
  const m = rows.length;
  const ids = new Array<unknown>(m);
  const at = new Float64Array(m);
  const value = new Float64Array(m);
  let extra: Map<number, Decimal> | null = null;
  let cohortAt: Float64Array | null = null;
  const reader = new RevenueReader(options);
  const { getCohort } = options;
  const out = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    const index = first + i;
    ids[i] = readRow(options, reader, row, index, prefix, out);
    at[i] = out[0] as number;
    const units = out[1] as number;
    value[i] = units;
    if (Number.isNaN(units)) {
      if (extra === null) extra = new Map();
      extra.set(i, reader.extra as Decimal);
    }
    if (getCohort !== null) {
      const date = getCohort(row, index);
      if (cohortAt === null) cohortAt = new Float64Array(m).fill(Number.NaN);
      if (date !== undefined && date !== null)
        cohortAt[i] = readInstant(date, options.zone, options.fn, index, prefix, "cohortOf");
    }
  }
  withScratch(batchScratchBytes(m), (scratch) => {
    const batch = { n: m, base: 0, ids, at, value, extra, cohortAt };
    table.add(batch, prefix, first, 1, scratch ?? new Arena());
  });
}
