/**
 * The shapes of input the engine reads: rows (any iterable, with accessors) or columns of equal
 * length; the checks of each and the reading of one row.
 */
import { describe, fail, record } from "../../../_lib/assert.js";
import type { RevenueReader } from "../../../_lib/minor.js";
import { MetricInputError } from "../../../errors.js";
import type { CohortColumns } from "../types.js";
import { readInstant } from "./instants.js";
import type { Resolved } from "./options.js";

/** Columns as `cohortAnalysis` takes them. */
export interface Columns {
  customerId: ArrayLike<unknown>;
  at: ArrayLike<unknown>;
  revenue?: ArrayLike<unknown> | undefined;
  cohortOf?: ArrayLike<unknown> | undefined;
}

/** A typed array of numbers (not bigints, not a DataView). */
export function isTyped(a: unknown): a is Float64Array | Int32Array | Uint32Array | Float32Array {
  return (
    ArrayBuffer.isView(a) &&
    !(a instanceof DataView) &&
    !(a instanceof BigInt64Array) &&
    !(a instanceof BigUint64Array)
  );
}

/** An array, typed array or other array-like object (never a string: its characters are no column). */
export function isColumn(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof String) &&
    !(value instanceof DataView) &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

const SHAPE = "must be an iterable of rows or { customerId, at, revenue? } columns";

/**
 * The input as columns after checking their shape, or null for rows (throws for anything
 * that is neither).
 */
export function asColumns(options: Resolved, events: unknown, fn: string): CohortColumns | null {
  const input = record<object>(events, fn);
  if (input instanceof String) fail(fn, "input", "NOT_A_NUMBER", SHAPE, events);
  if (!(Symbol.iterator in input) && "customerId" in input) {
    const cols = input as Partial<Record<keyof CohortColumns, unknown>>;
    if (!isColumn(cols.customerId)) {
      fail(
        fn,
        "events.customerId",
        "NOT_A_NUMBER",
        "must be an array of customer ids",
        cols.customerId,
      );
    }
    if (!isColumn(cols.at)) {
      fail(fn, "events.at", "NOT_A_NUMBER", "must be an array of instants", cols.at);
    }
    const { getId, getAt, getRevenue, getCohort, roles } = options;
    if (
      getId !== null ||
      getAt !== null ||
      getRevenue !== null ||
      getCohort !== null ||
      (roles !== null && (roles.getEvent !== null || roles.breakdownAccessor !== null))
    ) {
      fail(
        fn,
        "options",
        "INVALID_OPTION",
        "accessors apply to rows; columns name their own fields",
        "accessors",
      );
    }
    return input as CohortColumns;
  }
  if (Symbol.iterator in input) return null;
  return fail(fn, "input", "NOT_A_NUMBER", SHAPE, events);
}

function inconsistent(
  fn: string,
  field: string,
  requirement: string,
  value: unknown,
): MetricInputError {
  return new MetricInputError(
    "INCONSISTENT",
    `${fn}: ${field} ${requirement} (received ${describe(value)})`,
    field,
    value,
  );
}

/** Throws unless the columns are arrays of one length; returns that length. */
export function checkColumns(options: Resolved, cols: Columns, prefix: string): number {
  const fn = options.fn;
  const n = cols.customerId.length;
  for (const [name, col] of [
    ["at", cols.at],
    ["revenue", cols.revenue],
    ["cohortOf", cols.cohortOf],
  ] as const) {
    if (
      col !== undefined &&
      (col === null ||
        typeof col !== "object" ||
        col instanceof String ||
        typeof (col as ArrayLike<unknown>).length !== "number")
    ) {
      throw inconsistent(fn, `${prefix}.${name}`, "must be an array", col);
    }
    if (col !== undefined && col.length !== n) {
      throw inconsistent(
        fn,
        `${prefix}.${name}`,
        `must have the same length as ${prefix}.customerId (${n})`,
        col,
      );
    }
  }
  return n;
}

/**
 * Read one row: validates it, writes its instant to `out[0]` and its revenue in integer units
 * to `out[1]` (NaN: `reader.extra`), and returns its raw customer id.
 */
export function readRow(
  options: Resolved,
  reader: RevenueReader,
  row: unknown,
  index: number,
  prefix: string,
  out: Float64Array,
): unknown {
  const { fn, getId, getAt, getRevenue } = options;
  if (row === null || typeof row !== "object") {
    if (getId === null || getAt === null || getRevenue === null) {
      throw new MetricInputError(
        "NOT_A_NUMBER",
        `${fn}: ${prefix}[${index}] must be an object (received ${describe(row)})`,
        `${prefix}[${index}]`,
        row,
      );
    }
  }
  const o = row as { customerId?: unknown; at?: unknown; revenue?: unknown };
  const id = getId === null ? o.customerId : getId(row, index);
  out[0] = readInstant(
    getAt === null ? o.at : getAt(row, index),
    options.zone,
    fn,
    index,
    prefix,
    "at",
  );
  out[1] = reader.read(getRevenue === null ? o.revenue : getRevenue(row, index), index, prefix);
  return id;
}
