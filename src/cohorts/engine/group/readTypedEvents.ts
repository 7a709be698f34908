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
 *
 * This file holds the entry points and the walk over rows and columns; typedEvents.ts the
 * plan and result shapes, typedReader.ts the per-row work, typedRuns.ts the layout by customer.
 */
import { isArrayLike } from "../../../_lib/accessors.js";
import { fail } from "../../../_lib/assert.js";
import type { TypedEvents, TypedPlan } from "./typedEvents.js";
import { TypedReader } from "./typedReader.js";
import { groupRuns } from "./typedRuns.js";

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
