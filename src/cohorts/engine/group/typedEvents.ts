/**
 * The typed event log's shapes: what `readTypedEvents` is told to read and keep (a plan, from
 * `funnelAnalysis` or `behaviourSegments`), and what it gives the behaviour scans
 * (`funnelScan.ts`, `segmentScan.ts`): the kept events customer by customer, in time order.
 */
import type { Decimal } from "../../../_lib/decimal.js";
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
