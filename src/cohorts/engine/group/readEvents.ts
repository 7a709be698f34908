/**
 * Reading an event log (rows, any iterable of rows, or columns) once into typed columns in
 * partition order: the first stage of the per-customer scans (see `groupByCustomer.ts`).
 *
 * Every row is validated (customer id, then time, then revenue, as every event-log function
 * does), then kept only when a scan can use it: a purchase, or a refund when the plan keeps
 * refunds, before the plan's end (see `eventColumns.ts` for what a kept event holds).
 */
import { accessorOption, isArrayLike } from "../../../_lib/accessors.js";
import { fail } from "../../../_lib/assert.js";
import { partitionStarts } from "../aggregate/partitionOrder.js";
import { PARTITION_SHIFT, PARTITIONS } from "../constants.js";
import type { Arena } from "../memory.js";
import { hashId, idHash, packed } from "../read/ids.js";
import { type EventColumns, EventReader, Layout, type ReadPlan } from "./eventColumns.js";

/** Throws INCONSISTENT unless the column `field` has `length` entries, as `customerId` has. */
function sameLength(
  fn: string,
  root: string,
  field: string,
  column: ArrayLike<unknown>,
  length: number,
): void {
  if (column.length === length) return;
  fail(
    fn,
    `${root}.${field}`,
    "INCONSISTENT",
    `must have the same length as ${root}.customerId (${length})`,
    column,
  );
}

/**
 * Read `events` (an iterable of rows, read through the accessors or the fields `customerId`,
 * `at`, `revenue`; or an object of columns of those names) under `plan`, into columns in
 * partition order carved from `scratch`. Throws `MetricInputError` naming the row and field of
 * the first invalid value.
 *
 * Columns are read in two passes: the ids are hashed first (partition sizes), then each kept
 * event is written straight to its place in partition order. Rows (perhaps a one-shot
 * iterable, read through accessors once) are read in one pass, then scattered.
 */
export function readEvents(events: unknown, plan: ReadPlan, scratch: Arena): EventColumns {
  const { fn, root, optionPrefix: prefix } = plan;
  const getId = accessorOption(plan.accessors.customerId, fn, `${prefix}customerId`);
  const getAt = accessorOption(plan.accessors.at, fn, `${prefix}at`);
  const getRevenue = accessorOption(plan.accessors.revenue, fn, `${prefix}revenue`);
  if (events === null || typeof events !== "object") {
    fail(fn, root, "NOT_A_NUMBER", "must be an iterable of rows or an object of columns", events);
  }
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    const reader = new EventReader(plan);
    let sink = new Layout(scratch, Math.max(16, Array.isArray(events) ? events.length : 1024));
    // The ids of kept rows, in keeping order (rows may be a one-shot iterable).
    const ids: unknown[] = [];
    const fieldsRead = getId !== null && getAt !== null;
    let i = 0;
    for (const row of events as Iterable<unknown>) {
      const index = i++;
      // A row the default field names are read from must be an object (as in cohortAnalysis).
      if (!fieldsRead && (row === null || typeof row !== "object")) {
        fail(fn, `${root}[${index}]`, "NOT_A_NUMBER", "must be an object", row);
      }
      const r = row as { customerId?: unknown; at?: unknown; revenue?: unknown };
      const id = getId === null ? r.customerId : getId(row, index);
      const at = getAt === null ? r.at : getAt(row, index);
      const revenue = getRevenue === null ? r.revenue : getRevenue(row, index);
      if (!reader.take(id, at, revenue, index)) continue;
      const h = hashId(id, fn, index, root);
      const j = ids.length;
      if (j === sink.key.length) sink.grow(scratch);
      reader.put(sink, j, j, h, packed, 0);
      ids.push(Object.is(id, -0) ? 0 : id);
    }
    const n = ids.length;
    const { starts, ends, to } = scatter(sink, n, scratch);
    sink = to;
    return reader.done(ids, i, n, sink, starts, ends);
  }
  const columns = events as Record<string, unknown>;
  const ids = columns.customerId;
  const ats = columns.at;
  const revenues = columns.revenue;
  if (!isArrayLike(ids)) {
    fail(fn, `${root}.customerId`, "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  if (!isArrayLike(ats)) fail(fn, `${root}.at`, "NOT_A_NUMBER", "must be an array of dates", ats);
  sameLength(fn, root, "at", ats, ids.length);
  if (revenues !== undefined) {
    if (!isArrayLike(revenues)) {
      fail(fn, `${root}.revenue`, "NOT_A_NUMBER", "must be an array of amounts", revenues);
    }
    sameLength(fn, root, "revenue", revenues, ids.length);
  }
  const n = ids.length;
  // Pass 1: hash and pack the ids and count them per partition, up to the first invalid id (its
  // row is reported after the rows before it are validated, so that errors come in row order).
  const hashes = scratch.i32(n);
  const packedIds = scratch.i32(3 * n);
  const counts = new Int32Array(PARTITIONS);
  let valid = n;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      valid = i;
      break;
    }
    const h = idHash(id);
    hashes[i] = h;
    packedIds[3 * i] = packed[0] as number;
    packedIds[3 * i + 1] = packed[1] as number;
    packedIds[3 * i + 2] = packed[2] as number;
    const p = h >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
  }
  // Pass 2: validate each row and write a kept event at its partition's next place.
  const starts = partitionStarts(counts);
  const fill = starts.slice(0, PARTITIONS);
  const to = new Layout(scratch, valid);
  const reader = new EventReader(plan);
  const rev = revenues as ArrayLike<unknown> | undefined;
  for (let i = 0; i < valid; i++) {
    if (!reader.take(ids[i], ats[i], rev === undefined ? undefined : rev[i], i)) continue;
    const h = hashes[i] as number;
    const p = h >>> PARTITION_SHIFT;
    const j = fill[p] as number;
    fill[p] = j + 1;
    reader.put(to, j, i, h, packedIds, 3 * i);
  }
  if (valid < n) hashId(ids[valid], fn, valid, root); // throws NOT_A_NUMBER naming the row
  let kept = 0;
  for (let p = 0; p < PARTITIONS; p++) kept += (fill[p] as number) - (starts[p] as number);
  return reader.done(ids, n, kept, to, starts, fill);
}

/** The events of `from` (event order) in partition order (a stable counting sort). */
function scatter(from: Layout, n: number, scratch: Arena) {
  const hashes = from.hash;
  const counts = new Int32Array(PARTITIONS);
  for (let j = 0; j < n; j++) {
    const p = (hashes[j] as number) >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
  }
  const starts = partitionStarts(counts);
  const to = new Layout(scratch, n);
  const fill = starts.slice(0, PARTITIONS);
  const { key, value, packed: pk, src } = from;
  for (let j = 0; j < n; j++) {
    const h = hashes[j] as number;
    const p = h >>> PARTITION_SHIFT;
    const at = fill[p] as number;
    fill[p] = at + 1;
    to.key[at] = key[j] as number;
    to.value[at] = value[j] as number;
    to.hash[at] = h;
    to.packed[3 * at] = pk[3 * j] as number;
    to.packed[3 * at + 1] = pk[3 * j + 1] as number;
    to.packed[3 * at + 2] = pk[3 * j + 2] as number;
    to.src[at] = src[j] as number;
  }
  return { starts, ends: fill, to };
}
