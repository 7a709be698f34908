/**
 * The scan of `behaviourSegments`: per customer, from their run of typed events in time order
 * (codes below, read by `readTypedEvents`), the counts and flags that decide their segment.
 */
import type { TypedEvents } from "./typedEvents.js";

/** Event codes of the segment scan. */
export const PAGE_VIEW = 0;
export const ADD_TO_CART = 1;
export const CHECKOUT = 2;
export const ORDER = 3;
export const REFUND = 4;
export const OTHER = 5;

/** Per-customer figures. */
export interface SegmentFigures {
  /** Events of the customer (every code). */
  readonly events: Int32Array;
  readonly pageViews: Int32Array;
  readonly orders: Int32Array;
  /** 1 when the customer added to cart at all, 2 when some cart's window ended by the end. */
  readonly cart: Uint8Array;
  /** The position (in `ev`) of the customer's first order, or −1. */
  readonly firstOrder: Int32Array;
}

/**
 * Scan every customer of `ev`: a cart counts as abandoned (cart = 2) when `cartWindow` ms
 * after it are at or before `end` (always, with an infinite window given as −1).
 */
export function segmentScan(ev: TypedEvents, end: number, cartWindow: number): SegmentFigures {
  const { customers, runStart, code, at } = ev;
  const events = new Int32Array(customers);
  const pageViews = new Int32Array(customers);
  const orders = new Int32Array(customers);
  const cart = new Uint8Array(customers);
  const firstOrder = new Int32Array(customers).fill(-1);
  for (let g = 0; g < customers; g++) {
    const lo = runStart[g] as number;
    const hi = runStart[g + 1] as number;
    events[g] = hi - lo;
    let pv = 0;
    let n = 0;
    let c = 0;
    for (let p = lo; p < hi; p++) {
      const k = code[p] as number;
      if (k === PAGE_VIEW) pv++;
      else if (k === ORDER) {
        if (n === 0) firstOrder[g] = p;
        n++;
      } else if (k === ADD_TO_CART) {
        if (c < 2) c = cartWindow < 0 || (at[p] as number) + cartWindow <= end ? 2 : 1;
      }
    }
    pageViews[g] = pv;
    orders[g] = n;
    cart[g] = c;
  }
  return { events, pageViews, orders, cart, firstOrder };
}
