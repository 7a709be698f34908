/**
 * The column path of start and return events and of the breakdown: columns held at once, with
 * `startEvent` / `returnEvent` given as names (or absent) and `breakdownBy` as a column, take
 * the mask table (RoleMasks.ts) when the named check {@link roleMasksFit} passes; anything
 * else (predicates, rows, async batches, the accumulator, a span beyond the masks) goes through
 * the general table (EventRoles.ts), which gives the same table.
 *
 * One pass computes every event's period (read/periodKeys.ts), one reads revenue, one
 * classifies each event into flags (START, RETURN, SUMMED: each distinct event name matched
 * once, each distinct breakdown value read once and ranked in value order); customers are
 * numbered once (dense integer ids directly, other ids by the engine's numbering step,
 * read/customerNumbers.ts); then the starts, then the returns and revenue, go to the masks.
 *
 * Errors: any input error found here (an unreadable time, id, revenue or breakdown value) sends
 * the input to the general table, which reads it event by event and throws the error it
 * names first, so both paths fail alike.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { MetricInputError } from "../../../errors.js";
import { denseIds } from "../aggregate/maskNumbering.js";
import { partitionStarts } from "../aggregate/partitionOrder.js";
import { MS_PER_DAY, PARTITION_SHIFT, PARTITIONS } from "../constants.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "../eventKinds.js";
import { type Arena, withScratch } from "../memory.js";
import { DayPeriods, ZoneClock } from "../periods.js";
import { numberCustomers, sortedIds } from "../read/customerNumbers.js";
import { hashId, packed } from "../read/ids.js";
import { type Columns, checkColumns } from "../read/input.js";
import type { Resolved, Roles } from "../read/options.js";
import { DROPPED, periodKeys } from "../read/periodKeys.js";
import { assembleRoles } from "../scan/Table.js";
import type { CohortBreakdownValue, CohortTable } from "../types.js";
import { RoleMasks, roleMasksFit } from "./RoleMasks.js";
import {
  MAX_CUSTOMERS,
  NameFlags,
  RETURN,
  type RoleColumns,
  roleColumns,
  START,
  SUMMED,
  selectsByName,
} from "./roleInput.js";
import { compareValues, readValue } from "./values.js";

/** No value read yet (never an element of a column). */
const NONE = Symbol("none");

/**
 * The table of columns with start and return events or a breakdown through the mask table, or
 * null when the general table is to take them (see the module comment).
 */
export function roleColumnsTable(
  options: Resolved,
  cols: Columns,
  prefix: string,
): CohortTable | null {
  const roles = options.roles as Roles;
  if (!selectsByName(roles) || cols.cohortOf !== undefined) return null;
  const n = checkColumns(options, cols, prefix);
  const extra = roleColumns(options.fn, roles, cols, prefix, n);
  try {
    return withScratch(72 * n + 65_536, (scratch) =>
      scratch === null ? null : maskTable(options, roles, cols, extra, n, prefix, scratch),
    );
  } catch (error) {
    // the general table reads the input again and names the error it meets first
    if (error instanceof MetricInputError) return null;
    throw error;
  }
}

/**
 * Customer numbers of the events before `asOf` into `customer` (ids validated); the number of
 * customers, or -1 when there may be more than the general table holds.
 */
function numberIds(
  options: Resolved,
  ids: ArrayLike<unknown>,
  n: number,
  dense: [number, number] | null,
  keys: Int32Array,
  customer: Int32Array,
  prefix: string,
  scratch: Arena,
): number {
  if (dense !== null) {
    const [min, range] = dense;
    if (range > MAX_CUSTOMERS) return -1;
    for (let i = 0; i < n; i++) customer[i] = (ids[i] as number) - min;
    return range;
  }
  const hashes = scratch.i32(n);
  const packedIds = scratch.i32(3 * n);
  let loose = false;
  const packedId = packed; // one read of the binding: a transpiled import may be a getter
  const counts = new Int32Array(PARTITIONS);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const h = hashId(ids[i], options.fn, i, prefix);
    hashes[i] = h;
    packedIds[3 * i] = packedId[0] as number;
    packedIds[3 * i + 1] = packedId[1] as number;
    packedIds[3 * i + 2] = packedId[2] as number;
    if (packedId[2] === -1) loose = true;
    if (keys[i] === DROPPED) continue;
    const p = h >>> PARTITION_SHIFT;
    counts[p] = (counts[p] as number) + 1;
    kept++;
  }
  const starts = partitionStarts(counts);
  const sortedHash = scratch.i32(kept);
  const sortedPacked = scratch.i32(3 * kept);
  const source = scratch.i32(kept);
  const fill = starts.slice(0, PARTITIONS);
  for (let i = 0; i < n; i++) {
    if (keys[i] === DROPPED) continue;
    const x = hashes[i] as number;
    const j = fill[x >>> PARTITION_SHIFT] as number;
    fill[x >>> PARTITION_SHIFT] = j + 1;
    sortedHash[j] = x;
    sortedPacked[3 * j] = packedIds[3 * i] as number;
    sortedPacked[3 * j + 1] = packedIds[3 * i + 1] as number;
    sortedPacked[3 * j + 2] = packedIds[3 * i + 2] as number;
    source[j] = i;
  }
  const customerOf = sortedHash; // each hash is read before it is overwritten
  const { customers } = numberCustomers(
    sortedIds(starts, sortedHash, sortedPacked, loose ? source : null, ids),
    customerOf,
    scratch,
    null,
    (_p, lo, hi) => {
      for (let j = lo; j < hi; j++) customer[source[j] as number] = customerOf[j] as number;
    },
  );
  return customers > MAX_CUSTOMERS ? -1 : customers;
}

/**
 * The table of an array of rows with start and return events or a breakdown through the mask
 * table: without accessors, the rows are read into columns (`customerId`, `at`, `revenue`,
 * `event` and the breakdown property), which {@link roleColumnsTable} takes; null when the
 * general table is to take them (accessors, predicates, a row that is no object).
 */
export function roleRowsTable(
  options: Resolved,
  rows: readonly unknown[],
  prefix: string,
): CohortTable | null {
  const roles = options.roles as Roles;
  const { getId, getAt, getRevenue, getCohort } = options;
  if (
    !selectsByName(roles) ||
    getId !== null ||
    getAt !== null ||
    getRevenue !== null ||
    getCohort !== null ||
    roles.getEvent !== null ||
    roles.breakdownAccessor !== null
  )
    return null;
  const n = rows.length;
  const customerId: unknown[] = new Array(n);
  const at: unknown[] = new Array(n);
  const revenue: unknown[] = new Array(n);
  const event: unknown[] = new Array(n);
  const name = roles.breakdownName;
  const by: unknown[] | null = name === null ? null : new Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Record<string, unknown> | null;
    // the general table names a row that is no object
    if (row === null || typeof row !== "object") return null;
    customerId[i] = row.customerId;
    at[i] = row.at;
    revenue[i] = row.revenue;
    event[i] = row.event;
    if (by !== null) by[i] = row[name as string];
  }
  const cols: Columns & Record<string, unknown> = { customerId, at, revenue, event };
  if (by !== null) cols[name as string] = by;
  return roleColumnsTable(options, cols, prefix);
}

/** Breakdown values looked up by a scan of the list (at most this many), else by a Map. */
const FEW_VALUES = 16;

/**
 * Each event's flags (START, RETURN, SUMMED), with its revenue read into `units` / `amounts`;
 * every start event goes to `masks` with the code of its breakdown value (each distinct raw
 * value read once). Returns the breakdown value of each code.
 */
function classify(
  options: Resolved,
  roles: Roles,
  cols: Columns,
  extra: RoleColumns,
  n: number,
  keys: Int32Array,
  instants: ArrayLike<number>,
  first: number,
  customer: Int32Array,
  flags: Uint8Array,
  units: Float64Array,
  prefix: string,
  masks: RoleMasks,
  valueList: CohortBreakdownValue[],
): Map<number, Decimal> | null {
  const kinds = new EventKinds(options);
  const names = new NameFlags(roles);
  const every = roles.start === null && roles.returns === null;
  const event = extra.event as ArrayLike<unknown>;
  const by = extra.by;
  const field = roles.breakdownName ?? "breakdownBy";
  const reader = new RevenueReader(options);
  const revenue = cols.revenue;
  let amounts: Map<number, Decimal> | null = null;
  const valueCode = new Map<unknown, number>();
  const raws: unknown[] = [];
  let lastName: unknown = NONE;
  let lastFlags = 0;
  for (let i = 0; i < n; i++) {
    let u = 0;
    if (revenue !== undefined) {
      u = reader.read(revenue[i], i, prefix);
      if (Number.isNaN(u)) {
        if (amounts === null) amounts = new Map();
        amounts.set(i, reader.extra as Decimal);
      }
    }
    units[i] = u;
    let f = 0;
    const k = keys[i] as number;
    if (k !== DROPPED) {
      const kind = u === 0 ? kinds.activity : kinds.of(revenueSign(u, amounts?.get(i)));
      if ((kind & COUNTED) !== 0 && u !== 0) f = SUMMED;
      if ((kind & ACTIVE) !== 0) {
        if (every) f |= START | RETURN;
        else {
          const e = event[i];
          if (e !== lastName) {
            lastName = e;
            lastFlags = names.of(e);
          }
          f |= lastFlags;
        }
        if ((f & START) !== 0) {
          let code = 0;
          if (by !== undefined) {
            const raw = by[i];
            code = -1;
            if (raws.length <= FEW_VALUES) {
              for (let j = 0; j < raws.length; j++) {
                if (raws[j] === raw) {
                  code = j;
                  break;
                }
              }
            } else {
              code = valueCode.get(raw) ?? -1;
            }
            if (code < 0) {
              const value = readValue(raw, options.fn, `${prefix}[${i}].${field}`);
              code = raws.length;
              raws.push(raw);
              valueList.push(value);
              valueCode.set(raw, code);
            }
          }
          masks.start(customer[i] as number, instants[i] as number, k - first, code);
        }
      }
    }
    flags[i] = f;
  }
  return amounts;
}

function maskTable(
  options: Resolved,
  roles: Roles,
  cols: Columns,
  extra: RoleColumns,
  n: number,
  prefix: string,
  scratch: Arena,
): CohortTable | null {
  // every event's period (and instant), as the general table reads them
  const at = cols.at;
  const keys = scratch.i32(n);
  const instants = at instanceof Float64Array ? at : scratch.f64(n);
  const extent = periodKeys(options, at, n, prefix, keys, instants === at ? null : instants);
  if (extent.first === Number.POSITIVE_INFINITY) return null;
  const first = extent.first;
  const clock = new ZoneClock(options.zone);
  const days = new DayPeriods(options.period, options.weekStartsOn);
  const lastReported = options.hasAsOf
    ? days.of(Math.floor(clock.local(options.asOf - 1) / MS_PER_DAY))
    : extent.last;
  const span = lastReported - first + 1;
  if (!roleMasksFit(span, 0, 1)) return null;
  // customers: dense integer ids directly, others validated, hashed and numbered
  const ids = cols.customerId;
  const dense = denseIds(ids, n);
  const customer = scratch.i32(n);
  const customers = numberIds(options, ids, n, dense, keys, customer, prefix, scratch);
  if (customers < 0 || !roleMasksFit(span, customers, 1)) return null;
  const grouped = extra.by !== undefined;
  const valueList: CohortBreakdownValue[] = grouped ? [] : [null];
  const masks = new RoleMasks(options, first, span, customers, valueList, grouped);
  const flags = scratch.u8(n);
  const units = scratch.f64(n);
  const amounts = classify(
    options,
    roles,
    cols,
    extra,
    n,
    keys,
    instants,
    first,
    customer,
    flags,
    units,
    prefix,
    masks,
    valueList,
  );
  // the values in order (null and undefined are one value), and each code's rank among them
  const values = grouped ? [...new Set(valueList)].sort(compareValues) : valueList;
  if (!roleMasksFit(span, customers, values.length)) return null;
  const rankOf = new Map(values.map((v, r) => [v, r]));
  masks.settle(values, grouped ? Int32Array.from(valueList, (v) => rankOf.get(v) as number) : null);
  for (let i = 0; i < n; i++) {
    const f = flags[i] as number;
    if ((f & (RETURN | SUMMED)) === 0) continue;
    const u = units[i] as number;
    masks.event(
      customer[i] as number,
      instants[i] as number,
      (keys[i] as number) - first,
      f,
      u,
      Number.isNaN(u) ? amounts?.get(i) : undefined,
    );
  }
  // Revenue beyond the last cohort and return extends the table where a customer's net
  // revenue of a period is not zero (as the general table's entries).
  const tail = (from: number): number => {
    const cellOf = new Map<number, number>();
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (((flags[i] as number) & SUMMED) === 0) continue;
      const g = customer[i] as number;
      const bit = (keys[i] as number) - first;
      const s = masks.cohortBit(g);
      if (bit < from || s < 0 || bit < s) continue;
      const key = g * span + bit;
      if (!cellOf.has(key)) cellOf.set(key, count++);
    }
    const sums = new ExactSums(count, options.scale);
    for (let i = 0; i < n; i++) {
      if (((flags[i] as number) & SUMMED) === 0) continue;
      const g = customer[i] as number;
      const cell = cellOf.get(g * span + (keys[i] as number) - first);
      if (cell === undefined) continue;
      const u = units[i] as number;
      sums.add(cell, u, Number.isNaN(u) ? amounts?.get(i) : undefined);
    }
    let top = -1;
    for (const [key, cell] of cellOf) if (!sums.isZero(cell) && key % span > top) top = key % span;
    return top;
  };
  const { total, groups } = masks.scan(tail);
  return assembleRoles(options, total, groups);
}
