/**
 * The entry of every per-customer scan: within one call's scratch memory (`withScratch`), read
 * the log (`readEvents`), refuse a log without revenue where purchases need it, group it by
 * customer into the scan (`groupByCustomer`), then let `finish` build the result while the
 * scan's figures (scratch memory) are alive.
 */
import { noRevenueError, type PurchaseRule } from "../../../_lib/eventRules.js";
import { Arena, withScratch } from "../memory.js";
import type { CustomerId } from "../types.js";
import { type EventColumns, type ReadPlan, readBytes } from "./eventColumns.js";
import { groupByCustomer, groupBytes, type RunScan } from "./groupByCustomer.js";
import { readEvents } from "./readEvents.js";
import { idOrder } from "./sortOrder.js";

/**
 * Scratch bytes per event beyond reading and grouping. A customer of the summary takes about
 * 157: its figures (33), its place in id order (44, the radix sort's keys included) and two
 * columns of means sorted to make each distinct Decimal once (40 each); RFM a little less.
 * This covers logs with up to about 0.7 customers per event; beyond, the arena takes another
 * buffer (correct, only slower).
 */
const CUSTOMER_BYTES = 112;

/** What a scan's `finish` reads. */
export interface Customers {
  /** Customers numbered 0…count − 1. */
  readonly count: number;
  /** Customer g's id. */
  idOf(g: number): CustomerId;
  /**
   * Each customer's place in id order (numbers ascending, then strings by UTF-16 code units)
   * among the customers `included` flags (1), or -1: a result is built in customer-number
   * order (reading the scan's figures in sequence), each row written to its place.
   */
  placesInIdOrder(included: Uint8Array): { readonly count: number; readonly place: Int32Array };
  /** The call's scratch memory, for working arrays of the result. */
  readonly scratch: Arena;
}

/** Where a public function's log and options are: the part of a {@link ReadPlan} naming them. */
export type LogSource = Pick<ReadPlan, "fn" | "root" | "optionPrefix" | "accessors">;

/** What a scan keeps: the rest of a {@link ReadPlan}. */
export type KeepRule = Omit<ReadPlan, keyof LogSource>;

/**
 * The log of `fn`'s parameter `root`, with accessor options in `options`; `nested` when the
 * options are named `options.…` in errors (a function whose first parameter is not the log).
 */
export function logSource(fn: string, options: object, root: string, nested: boolean): LogSource {
  return {
    fn,
    root,
    optionPrefix: nested ? "options." : "",
    accessors: options as Readonly<Record<string, unknown>>,
  };
}

/**
 * Read the log of `source` under `keep`, scan it per customer with the scan `makeScan` makes,
 * and return what `finish` makes of the scan. A non-empty log in which no row has revenue is
 * refused under `purchases: 'positive'` (`noRevenueError`, naming the `purchases` option).
 */
export function perCustomer<S extends RunScan, T>(
  events: unknown,
  source: LogSource,
  keep: KeepRule,
  makeScan: (ev: EventColumns) => S,
  finish: (scan: S, customers: Customers) => T,
): T {
  const plan: ReadPlan = { ...source, ...keep };
  const { n, rows } = size(events);
  const bytes = readBytes(n, rows) + groupBytes(n) + CUSTOMER_BYTES * n;
  return withScratch(bytes, (pooled) => {
    const scratch = pooled ?? new Arena();
    const ev = readEvents(events, plan, scratch);
    if (ev.rows > 0 && !ev.anyRevenue && plan.purchases === ("positive" satisfies PurchaseRule)) {
      noRevenueError(plan.fn, `${plan.optionPrefix}purchases`, plan.root);
    }
    const scan = makeScan(ev);
    const { customers, rep, packed } = groupByCustomer(ev, scan, scratch);
    const ids = ev.ids;
    return finish(scan, {
      count: customers,
      idOf: (g) => ids[rep[g] as number] as CustomerId,
      placesInIdOrder: (included) => {
        const order = idOrder(customers, ids, rep, packed, scratch);
        const place = scratch.i32(customers);
        let count = 0;
        for (let i = 0; i < customers; i++) {
          const g = order[i] as number;
          place[g] = included[g] === 1 ? count++ : -1;
        }
        return { count, place };
      },
      scratch,
    });
  });
}

/** The number of events when known up front (0 when not), and whether they are rows. */
function size(events: unknown): { n: number; rows: boolean } {
  if (Array.isArray(events)) return { n: events.length, rows: true };
  if (events === null || typeof events !== "object") return { n: 0, rows: true };
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === "function") {
    return { n: 0, rows: true };
  }
  const ids = (events as { customerId?: { length?: unknown } }).customerId;
  const length = ids !== null && typeof ids === "object" ? ids.length : undefined;
  return {
    n: typeof length === "number" && Number.isSafeInteger(length) && length > 0 ? length : 0,
    rows: false,
  };
}
