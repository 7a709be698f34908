/**
 * A one-shot table of calendar periods from input held at once (columns, or an array of rows):
 * the path is chosen before any aggregation. Scratch memory is taken up front (when it cannot
 * be had, the general table, which works in bounded batches, takes the input); one pass
 * computes every event's period (both tables need it); then the named check
 * `periodMasksFit` picks the period-mask table, else the general table reuses the periods.
 */
import type { Decimal } from "../../_lib/decimal.js";
import { RevenueReader } from "../../_lib/minor.js";
import { CustomerPeriods } from "./aggregate/CustomerPeriods.js";
import { addColumns, addRead } from "./aggregate/feed.js";
import {
  denseIds,
  denseMasks,
  type HashedIds,
  hashedMasks,
  type KeyedEvents,
  maskScratchBytes,
} from "./aggregate/maskNumbering.js";
import { periodMasksFit } from "./aggregate/PeriodMasks.js";
import { DENSE_ID_SLACK } from "./constants.js";
import { Arena, withScratch } from "./memory.js";
import { hashId, packed } from "./read/ids.js";
import { type Columns, checkColumns, isTyped, readRow } from "./read/input.js";
import type { Resolved } from "./read/options.js";
import { periodKeys } from "./read/periodKeys.js";
import { assembleTable } from "./scan/Table.js";
import type { CohortTable } from "./types.js";

/** Revenue already read: integer units, NaN where `amounts` has the exact amount. */
interface ReadRevenue {
  readonly units: Float64Array;
  readonly amounts: Map<number, Decimal> | null;
}

/** The general table over the whole input, one-shot (its state is read once). */
function generalTable(options: Resolved, feed: (table: CustomerPeriods) => void): CohortTable {
  const table = new CustomerPeriods(options);
  feed(table);
  return assembleTable(options, table.scan(true));
}

/** Feeds the general table with the instants and periods of the key pass. */
type Fallback = (table: CustomerPeriods, instants: Float64Array, periods: Int32Array) => void;

/** The table of columns of calendar periods without explicit cohorts. */
export function oneShotColumns(options: Resolved, cols: Columns, prefix: string): CohortTable {
  const n = checkColumns(options, cols, prefix);
  const dense = denseIds(cols.customerId, n);
  const instantBytes = cols.at instanceof Float64Array ? 0 : 8 * n;
  const fallback: Fallback = (table, instants, periods) =>
    addColumns(table, cols, prefix, { instants, periods });
  return withScratch(4 * n + instantBytes + maskScratchBytes(n, dense, false), (scratch) =>
    scratch === null
      ? generalTable(options, (table) => addColumns(table, cols, prefix))
      : keyedTable(options, cols, prefix, n, dense, null, null, scratch, fallback),
  );
}

/**
 * The key pass, the check, and the chosen table. `read` and `hashed` carry what reading rows
 * already did (revenue units, id hashes).
 */
function keyedTable(
  options: Resolved,
  cols: Columns,
  prefix: string,
  n: number,
  dense: [number, number] | null,
  read: ReadRevenue | null,
  hashed: HashedIds | null,
  scratch: Arena,
  fallback: Fallback,
): CohortTable {
  const revenue = cols.revenue;
  const reader = new RevenueReader(options);
  const typedMinor =
    read === null && revenue !== undefined && options.minorUnits !== null && isTyped(revenue);
  const keys = scratch.i32(n);
  const instants = cols.at instanceof Float64Array ? cols.at : scratch.f64(n);
  const extent = periodKeys(
    options,
    cols.at,
    n,
    prefix,
    keys,
    instants === cols.at ? null : instants,
  );
  if (typedMinor) {
    const values = revenue as ArrayLike<number>;
    for (let i = 0; i < n; i++)
      if (!Number.isSafeInteger(values[i])) reader.read(values[i], i, prefix);
  }
  if (extent.first === Number.POSITIVE_INFINITY) {
    // every event at or after asOf: still validate their ids and revenue, as the tables do
    return generalTable(options, (table) => fallback(table, instants, keys));
  }
  if (!periodMasksFit(extent.last - extent.first + 1, dense !== null ? dense[1] : n)) {
    return generalTable(options, (table) => fallback(table, instants, keys));
  }
  const events: KeyedEvents = {
    n,
    ids: cols.customerId,
    keys,
    first: extent.first,
    last: extent.last,
    units: read !== null ? read.units : typedMinor ? (revenue as ArrayLike<number>) : null,
    amounts: read?.amounts ?? null,
    raw: read === null && revenue !== undefined && !typedMinor ? revenue : null,
    reader,
    prefix,
    hashed,
  };
  const masks =
    dense !== null
      ? denseMasks(options, events, dense, scratch)
      : hashedMasks(options, events, scratch);
  return assembleTable(options, masks.scan());
}

/**
 * The table of an array of rows: one pass reads each row's fields once (times and revenue into
 * typed arrays, ids validated and hashed, or kept as int32 codes while they all are), then the
 * column form of the same events goes through {@link keyedTable}.
 */
export function oneShotRows(
  options: Resolved,
  rows: readonly unknown[],
  prefix: string,
): CohortTable {
  const n = rows.length;
  // One scratch buffer for the columns read here and the chosen table's own arrays.
  const rest = Math.max(
    maskScratchBytes(n, null, true),
    maskScratchBytes(n, [0, 2 * n + DENSE_ID_SLACK], false),
  );
  return withScratch(40 * n + 64 + rest, (scratch) => {
    const memory = scratch ?? new Arena();
    const at = memory.f64(n);
    const units = memory.f64(n);
    const hashes = memory.i32(n);
    const packedIds = memory.i32(3 * n);
    let codes: Int32Array | null = memory.i32(n);
    let loose = false;
    let amounts: Map<number, Decimal> | null = null;
    const reader = new RevenueReader(options);
    const { fn, getId } = options;
    const packedId = packed;
    const out = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const id = readRow(options, reader, rows[i], i, prefix, out);
      at[i] = out[0] as number;
      units[i] = out[1] as number;
      if (Number.isNaN(units[i])) {
        if (amounts === null) amounts = new Map();
        amounts.set(i, reader.extra as Decimal);
      }
      hashes[i] = hashId(id, fn, i, prefix);
      const id2 = packedId[2] as number;
      packedIds[3 * i] = packedId[0] as number;
      packedIds[3 * i + 1] = packedId[1] as number;
      packedIds[3 * i + 2] = id2;
      if (id2 === -1) loose = true;
      if (codes !== null) {
        if (id2 === -2) codes[i] = packedId[0] as number;
        else codes = null;
      }
    }
    // Ids that are not packable are compared by reading them from their rows again.
    const idOf = (i: number) => {
      const row = rows[i] as { customerId?: unknown };
      return getId === null ? row.customerId : getId(row, i);
    };
    const dense = codes !== null ? denseIds(codes, n) : null;
    const cols = {
      customerId: dense !== null ? (codes as Int32Array) : { length: n },
      at,
      revenue: units,
    };
    const hashed =
      dense !== null
        ? null
        : { hashes, packed: packedIds, loose, same: (a: number, b: number) => idOf(a) === idOf(b) };
    const read = { units, amounts };
    const fallback: Fallback = (table, instants, periods) => {
      const ids = Array.from({ length: n }, (_, i) => (codes !== null ? codes[i] : idOf(i)));
      addRead(table, ids, instants, units, amounts, periods, prefix);
    };
    return keyedTable(options, cols, prefix, n, dense, read, hashed, memory, fallback);
  });
}
