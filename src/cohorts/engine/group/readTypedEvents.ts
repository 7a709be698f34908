/**
 * Reading a typed event log (each event with a name: `page_view`, `purchase`, …) once into
 * columns grouped by customer in time order: the reader of the behaviour scans
 * (`funnelScan.ts`, `segmentScan.ts`), which need every kind of event (not only purchases and
 * refunds, as `readEvents.ts` keeps) and each event's name.
 *
 * Every row is validated (customer id, then time, then revenue, then what the plan's
 * `classify` reads), in input order, so that the first invalid row is the one reported. Each
 * event gets a code from `classify` (−1: not needed, dropped after validation); kept events are
 * numbered by customer (first appearance), laid out customer by customer (a stable counting
 * sort) and each customer's run sorted by time, ties in input order.
 */
import { fail } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { hashId } from "../read/ids.js";
import { readInstant } from "../read/instants.js";
import type { CustomerId } from "../types.js";

/** A row accessor `(row, index) => value`. */
export type RowAccessor = (row: unknown, index: number) => unknown;

/** The event as a predicate or a breakdown accessor sees it: the row, or for columns a record. */
export type EventView = () => unknown;

/** What to read and keep. */
export interface TypedPlan {
  /** The public function, for errors. */
  readonly fn: string;
  /** The parameter holding the log in error fields (`'events'`). */
  readonly root: string;
  /** IANA zone of date-only or offset-less times. */
  readonly zone: string;
  /** Exclusive end (epoch ms): events at or after it are validated, then left out. */
  readonly end: number;
  /** Accessors of rows (null: the field of that name). */
  readonly customerId: RowAccessor | null;
  readonly at: RowAccessor | null;
  readonly event: RowAccessor | null;
  readonly revenue: RowAccessor | null;
  /** Whether revenue is read (else it is not looked at). */
  readonly readRevenue: boolean;
  /**
   * The code of an event (≥ 0: kept; −1: dropped) from its name, revenue units (0 when none;
   * NaN when only the exact amount, its sign in `sign`) and a view of the whole event.
   */
  readonly classify: (
    name: unknown,
    units: number,
    sign: number,
    view: EventView,
    index: number,
  ) => number;
  /** The group of a kept event (a breakdown), or null when there are none. */
  readonly group: ((view: EventView, index: number) => number) | null;
}

/** The kept events, customer by customer, each customer's run in time order. */
export interface TypedEvents {
  /** Kept events. */
  readonly n: number;
  /** Customers with a kept event, numbered in order of first appearance. */
  readonly customers: number;
  /** Customer g's id. */
  readonly ids: readonly CustomerId[];
  /** Customer g's events are positions `runStart[g]` to `runStart[g + 1] − 1`. */
  readonly runStart: Int32Array;
  /** Per position: time (epoch ms), code, revenue units (NaN: see `extra`), group, row index. */
  readonly at: Float64Array;
  readonly code: Int32Array;
  readonly units: Float64Array;
  readonly group: Int32Array;
  readonly row: Int32Array;
  /** Exact amounts of events whose units are NaN, by row index. */
  readonly extra: Map<number, Decimal> | null;
  /** Rows read (kept or not). */
  readonly rows: number;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

/** Growable columns in input order. */
class Sink {
  n = 0;
  cust = new Int32Array(1024);
  at = new Float64Array(1024);
  code = new Int32Array(1024);
  units = new Float64Array(1024);
  group = new Int32Array(1024);
  row = new Int32Array(1024);

  constructor(capacity: number) {
    if (capacity > 1024) this.resize(capacity);
  }

  private resize(c: number): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.cust = grow(this.cust, (k) => new Int32Array(k));
    this.at = grow(this.at, (k) => new Float64Array(k));
    this.code = grow(this.code, (k) => new Int32Array(k));
    this.units = grow(this.units, (k) => new Float64Array(k));
    this.group = grow(this.group, (k) => new Int32Array(k));
    this.row = grow(this.row, (k) => new Int32Array(k));
  }

  push(cust: number, at: number, code: number, units: number, group: number, row: number): void {
    const j = this.n;
    if (j === this.cust.length) this.resize(2 * j);
    this.cust[j] = cust;
    this.at[j] = at;
    this.code[j] = code;
    this.units[j] = units;
    this.group[j] = group;
    this.row[j] = row;
    this.n = j + 1;
  }
}

/** Per-row work shared by rows and columns. */
class TypedReader {
  readonly sink: Sink;
  readonly ids: CustomerId[] = [];
  extra: Map<number, Decimal> | null = null;
  private readonly numbers = new Map<CustomerId, number>();
  /** Customer number + 1 of small non-negative integer ids (0: not seen), the common case. */
  private small = new Int32Array(1024);
  /** Integer ids below this (4 per expected event, at least 4,096) go through `small`. */
  private readonly smallIds: number;
  private readonly reader: RevenueReader;

  constructor(
    private readonly plan: TypedPlan,
    capacity: number,
  ) {
    this.sink = new Sink(capacity);
    this.smallIds = Math.max(4096, 4 * capacity);
    this.reader = new RevenueReader({ fn: plan.fn, minorUnits: null, scale: 2, pow: 100 });
  }

  /** The number of customer `id` (numbered on first sight). */
  private customerNumber(id: CustomerId): number {
    if (typeof id === "number" && id >= 0 && id < this.smallIds && Number.isInteger(id)) {
      if (id >= this.small.length) {
        let c = this.small.length;
        while (c <= id) c *= 2;
        const grown = new Int32Array(c);
        grown.set(this.small);
        this.small = grown;
      }
      const known = this.small[id] as number;
      if (known !== 0) return known - 1;
      const g = this.ids.length;
      this.small[id] = g + 1;
      this.ids.push(id === 0 ? 0 : id);
      return g;
    }
    let g = this.numbers.get(id);
    if (g === undefined) {
      g = this.ids.length;
      this.numbers.set(id, g);
      this.ids.push(id);
    }
    return g;
  }

  /**
   * Validate and keep one event; `view` is one function per read (it reads the row being
   * taken), never one per row.
   */
  take(
    id: unknown,
    at: unknown,
    name: unknown,
    revenue: unknown,
    view: EventView,
    i: number,
  ): void {
    const plan = this.plan;
    const { fn, root } = plan;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      hashId(id, fn, i, root); // throws NOT_A_NUMBER naming the row
    }
    let t: number;
    if (typeof at === "number" && at <= 8.64e15 && at >= -8.64e15) t = at === 0 ? 0 : at;
    else t = readInstant(at, plan.zone, fn, i, root, "at");
    let units = 0;
    let sign = 0;
    if (plan.readRevenue) {
      units = this.reader.read(revenue, i, root);
      sign = units;
      if (Number.isNaN(units)) {
        const d = this.reader.extra as Decimal;
        sign = d.isZero() ? 0 : d.isNegative() ? -1 : 1;
      }
    }
    const code = plan.classify(name, units, sign, view, i);
    if (code < 0 || !(t < plan.end)) return;
    const group = plan.group === null ? 0 : plan.group(view, i);
    if (Number.isNaN(units)) {
      if (this.extra === null) this.extra = new Map();
      this.extra.set(i, this.reader.extra as Decimal);
    }
    this.sink.push(this.customerNumber(id as CustomerId), t, code, units, group, i);
  }
}

/**
 * Read `events` (an iterable of rows read through the plan's accessors or the fields
 * `customerId`, `at`, `event`, `revenue`; or an object of columns of those names) under
 * `plan`. Throws `MetricInputError` naming the row and field of the first invalid value.
 */
export function readTypedEvents(events: unknown, plan: TypedPlan): TypedEvents {
  const { fn, root } = plan;
  if (events === null || typeof events !== "object") {
    fail(fn, root, "NOT_A_NUMBER", "must be an iterable of rows or an object of columns", events);
  }
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    const reader = new TypedReader(plan, Array.isArray(events) ? events.length : 1024);
    return groupRuns(reader, takeRows(reader, events as Iterable<unknown>, plan, 0));
  }
  const reader = new TypedReader(plan, columnLength(events));
  return groupRuns(reader, takeColumns(reader, events as Record<string, unknown>, plan, 0));
}

/**
 * {@link readTypedEvents} of a stream: an async (or sync) iterable whose items are rows, arrays
 * of rows or objects of columns, taken as they arrive (only the kept events' columns are held).
 * Errors name the event's index in the whole stream.
 */
export async function readTypedEventsAsync(events: unknown, plan: TypedPlan): Promise<TypedEvents> {
  const { fn, root } = plan;
  const stream = events as AsyncIterable<unknown> & Iterable<unknown>;
  if (
    events === null ||
    typeof events !== "object" ||
    (typeof stream[Symbol.asyncIterator] !== "function" &&
      typeof stream[Symbol.iterator] !== "function")
  ) {
    fail(
      fn,
      root,
      "NOT_A_NUMBER",
      "must be an async or sync iterable of rows, arrays of rows or columns",
      events,
    );
  }
  const reader = new TypedReader(plan, 1024);
  let rows = 0;
  for await (const item of stream) {
    if (Array.isArray(item)) rows = takeRows(reader, item, plan, rows);
    else if (
      item !== null &&
      typeof item === "object" &&
      isArrayLike((item as { customerId?: unknown }).customerId)
    ) {
      rows = takeColumns(reader, item as Record<string, unknown>, plan, rows);
    } else rows = takeRows(reader, [item], plan, rows);
  }
  return groupRuns(reader, rows);
}

/** The length of a columns object's `customerId` (0 when it has none: reported later). */
function columnLength(columns: object): number {
  const ids = (columns as { customerId?: unknown }).customerId;
  return isArrayLike(ids) ? ids.length : 0;
}

/** Take the rows of `events`, the first numbered `offset`; returns the next number. */
function takeRows(
  reader: TypedReader,
  events: Iterable<unknown>,
  plan: TypedPlan,
  offset: number,
): number {
  const { fn, root } = plan;
  const { customerId: getId, at: getAt, event: getEvent, revenue: getRevenue } = plan;
  const readsFields = getId === null || getAt === null || getEvent === null || getRevenue === null;
  let current: unknown;
  const view = () => current;
  let i = offset;
  for (const row of events) {
    if (readsFields && (row === null || typeof row !== "object")) {
      fail(fn, `${root}[${i}]`, "NOT_A_NUMBER", "must be an object", row);
    }
    const r = row as { customerId?: unknown; at?: unknown; event?: unknown; revenue?: unknown };
    current = row;
    reader.take(
      getId === null ? r.customerId : getId(row, i),
      getAt === null ? r.at : getAt(row, i),
      getEvent === null ? r.event : getEvent(row, i),
      !plan.readRevenue ? undefined : getRevenue === null ? r.revenue : getRevenue(row, i),
      view,
      i,
    );
    i++;
  }
  return i;
}

/** Take the events of an object of columns, the first numbered `offset`; returns the next number. */
function takeColumns(
  reader: TypedReader,
  columns: Record<string, unknown>,
  plan: TypedPlan,
  offset: number,
): number {
  const { fn, root } = plan;
  for (const name of ["customerId", "at", "event", "revenue"] as const) {
    if (plan[name] !== null) {
      fail(
        fn,
        name,
        "INVALID_OPTION",
        "must not be given with columns (accessors read rows; name the column instead)",
        plan[name],
      );
    }
  }
  const ids = columns.customerId;
  if (!isArrayLike(ids)) {
    fail(fn, `${root}.customerId`, "NOT_A_NUMBER", "must be an array of customer ids", ids);
  }
  const n = ids.length;
  const column = (field: string, value: unknown, what: string): ArrayLike<unknown> | undefined => {
    if (value === undefined) return undefined;
    if (!isArrayLike(value)) {
      fail(fn, `${root}.${field}`, "NOT_A_NUMBER", `must be an array of ${what}`, value);
    }
    if (value.length !== n) {
      fail(
        fn,
        `${root}.${field}`,
        "INCONSISTENT",
        `must have the same length as ${root}.customerId (${n})`,
        value,
      );
    }
    return value;
  };
  if (columns.at === undefined) {
    fail(fn, `${root}.at`, "NOT_A_NUMBER", "must be an array of dates", columns.at);
  }
  const at = column("at", columns.at, "dates") as ArrayLike<unknown>;
  const ev = column("event", columns.event, "event names");
  const rev = plan.readRevenue ? column("revenue", columns.revenue, "amounts") : undefined;
  let current = 0;
  const view = () => ({
    customerId: ids[current],
    at: at[current],
    event: ev === undefined ? undefined : ev[current],
    revenue: rev === undefined ? undefined : rev[current],
  });
  for (let i = 0; i < n; i++) {
    current = i;
    reader.take(ids[i], at[i], ev === undefined ? undefined : ev[i], rev?.[i], view, offset + i);
  }
  return offset + n;
}

/** Lay the kept events out customer by customer, each run in time order (ties: input order). */
function groupRuns(reader: TypedReader, rows: number): TypedEvents {
  const s = reader.sink;
  const n = s.n;
  const customers = reader.ids.length;
  const runStart = new Int32Array(customers + 1);
  for (let j = 0; j < n; j++) {
    const g = (s.cust[j] as number) + 1;
    runStart[g] = (runStart[g] as number) + 1;
  }
  for (let g = 0; g < customers; g++) {
    runStart[g + 1] = (runStart[g + 1] as number) + (runStart[g] as number);
  }
  const fill = runStart.slice(0, customers);
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const g = s.cust[j] as number;
    const p = fill[g] as number;
    fill[g] = p + 1;
    order[p] = j;
  }
  const at = new Float64Array(n);
  const code = new Int32Array(n);
  const units = new Float64Array(n);
  const group = new Int32Array(n);
  const row = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const j = order[p] as number;
    at[p] = s.at[j] as number;
    code[p] = s.code[j] as number;
    units[p] = s.units[j] as number;
    group[p] = s.group[j] as number;
    row[p] = s.row[j] as number;
  }
  const cols = { at, code, units, group, row };
  for (let g = 0; g < customers; g++) {
    const lo = runStart[g] as number;
    const hi = runStart[g + 1] as number;
    let sorted = true;
    for (let p = lo + 1; p < hi && sorted; p++) sorted = (at[p - 1] as number) <= (at[p] as number);
    if (!sorted) sortRun(cols, lo, hi);
  }
  return {
    n,
    customers,
    ids: reader.ids,
    runStart,
    at,
    code,
    units,
    group,
    row,
    extra: reader.extra,
    rows,
  };
}

/** Sort positions lo … hi − 1 of the columns by time, stably (ties keep input order). */
function sortRun(
  c: {
    at: Float64Array;
    code: Int32Array;
    units: Float64Array;
    group: Int32Array;
    row: Int32Array;
  },
  lo: number,
  hi: number,
): void {
  const { at, code, units, group, row } = c;
  if (hi - lo <= 32) {
    for (let p = lo + 1; p < hi; p++) {
      const t = at[p] as number;
      if ((at[p - 1] as number) <= t) continue;
      const k = code[p] as number;
      const u = units[p] as number;
      const gr = group[p] as number;
      const r = row[p] as number;
      let q = p - 1;
      while (q >= lo && (at[q] as number) > t) {
        at[q + 1] = at[q] as number;
        code[q + 1] = code[q] as number;
        units[q + 1] = units[q] as number;
        group[q + 1] = group[q] as number;
        row[q + 1] = row[q] as number;
        q--;
      }
      at[q + 1] = t;
      code[q + 1] = k;
      units[q + 1] = u;
      group[q + 1] = gr;
      row[q + 1] = r;
    }
    return;
  }
  const len = hi - lo;
  const idx = Int32Array.from({ length: len }, (_, i) => i);
  const t = at.slice(lo, hi);
  idx.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  const k = code.slice(lo, hi);
  const u = units.slice(lo, hi);
  const gr = group.slice(lo, hi);
  const r = row.slice(lo, hi);
  for (let i = 0; i < len; i++) {
    const from = idx[i] as number;
    at[lo + i] = t[from] as number;
    code[lo + i] = k[from] as number;
    units[lo + i] = u[from] as number;
    group[lo + i] = gr[from] as number;
    row[lo + i] = r[from] as number;
  }
}
