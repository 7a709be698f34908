import { fail, options as optionsObject, toDecimal } from "../_lib/assert.js";
import { Decimal } from "../_lib/decimal.js";
import { observationEnd, refundsOption } from "../_lib/eventRules.js";
import { ExactSums } from "../_lib/exactSums.js";
import { exact } from "../_lib/minor.js";
import { isoInstant, timeZoneOption } from "../_lib/time.js";
import { readTypedEvents } from "../cohorts/engine/group/readTypedEvents.js";
import {
  ADD_TO_CART,
  CHECKOUT,
  ORDER,
  OTHER,
  PAGE_VIEW,
  REFUND,
  segmentScan,
} from "../cohorts/engine/group/segmentScan.js";
import type { CustomerId } from "../cohorts/engine/types.js";
import { accessor } from "./read.js";
import type {
  BehaviourSegmentName,
  BehaviourSegmentsOptions,
  BehaviourSegmentsResult,
  TypedEvent,
  TypedEventColumns,
} from "./types.js";
import { readWindow } from "./window.js";

/** The segments in precedence order. */
const SEGMENTS: readonly BehaviourSegmentName[] = [
  "repeat-buyer",
  "one-time-buyer-high",
  "one-time-buyer-low",
  "cart-abandoner",
  "browser",
  "bouncer",
  "other",
];

const DEFAULT_NAMES = {
  pageView: "page_view",
  addToCart: "add_to_cart",
  checkout: "checkout",
  purchase: "purchase",
} as const;

/**
 * Shoppers segmented by behaviour from a typed event log: repeat buyers, one-time buyers of
 * high or low order value, cart abandoners, browsers, bouncers, and the rest; per segment the
 * customers, their share, orders and revenue.
 *
 * @remarks
 * Every customer with an event before `asOf` is in exactly one segment, the first that fits:
 * ```text
 * orders(c)  = events of c named names.purchase that are not refunds (revenue >= 0 or none)
 * repeat-buyer          orders(c) >= 2
 * one-time-buyer-high   orders(c) = 1 and that order's value >= threshold
 * one-time-buyer-low    orders(c) = 1 and that order's value <  threshold
 * cart-abandoner        no order, and an add-to-cart event that is abandoned: with `window`,
 *                       one added at least `window` before asOf (a younger cart may still
 *                       convert); without, any
 * browser               no order, no add-to-cart event, 2 or more page views
 * bouncer               exactly one event, a page view
 * other                 the rest: no page view and no order (only refunds, checkouts or
 *                       events of other names), or only carts still inside their window
 * threshold  = orderValueThreshold, or the median value of the one-time buyers' orders
 *              (the mean of the middle two for an even number)
 * share      = customers in the segment / customers
 * revenue    = the segment's order revenue; with refunds: 'net' (default) minus the refunds of
 *              its customers who have an order (a customer without orders has no purchase for
 *              a refund to belong to: left out, as in rfmSegments)
 * ```
 * A refund is any row with negative revenue, whatever its name: never an order, a page view or
 * a cart. An order's value is its revenue (0 without one), before refunds. Events are kinds by
 * name (`names`, defaults `page_view`, `add_to_cart`, `checkout`, `purchase`); other names are
 * activity that counts only against "bouncer". The default threshold is the one-time buyers'
 * median, so about half of them are high (at or above it): a split of the one-time buyers
 * among themselves, not against every order.
 *
 * The segments are those of e-commerce retention writing (bouncers, browsers, cart abandoners,
 * one-time buyers of low or high order value, repeat buyers) made exact: the precedence and
 * the "other" segment are this library's choices, so that the segments partition the
 * customers.
 *
 * @example
 * ```ts
 * const result = behaviourSegments([
 *   { customerId: 'a', at: '2024-03-01T10:00:00Z', event: 'page_view' },
 *   { customerId: 'b', at: '2024-03-01T10:00:00Z', event: 'page_view' },
 *   { customerId: 'b', at: '2024-03-01T10:02:00Z', event: 'add_to_cart' },
 *   { customerId: 'c', at: '2024-03-02T09:00:00Z', event: 'purchase', revenue: '40.00' },
 *   { customerId: 'c', at: '2024-03-09T09:00:00Z', event: 'purchase', revenue: '25.00' },
 * ], { asOf: '2024-03-31' })
 * result.segments.map((s) => [s.segment, s.customers, s.revenue.toString()])
 * //=> [['repeat-buyer', 1, '65'], ['one-time-buyer-high', 0, '0'], ['one-time-buyer-low', 0, '0'],
 * //    ['cart-abandoner', 1, '0'], ['browser', 0, '0'], ['bouncer', 1, '0'], ['other', 0, '0']]
 * ```
 * @param events - rows `{ customerId, at, event, revenue? }` (or any shape with accessor
 *   options), or columns `{ customerId, at, event, revenue? }`
 * @param options - asOf (required), names, window, orderValueThreshold, refunds, timeZone, accessors
 * @returns the threshold used and the seven segments in precedence order, with each customer's segment
 * @throws {@link MetricInputError} `INVALID_DATE` for a missing or unreadable `asOf` or time;
 *   `INVALID_OPTION` for names that are not distinct non-empty strings, a window without a unit,
 *   an unknown `refunds` value, an accessor that is not a function or is given with columns;
 *   `OUT_OF_RANGE` for a window ≤ 0; `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad
 *   `orderValueThreshold`; `NOT_A_NUMBER` / `NOT_FINITE` for bad revenue or a missing id;
 *   `INCONSISTENT` for columns of different lengths.
 * @see Baymard Institute, "Cart Abandonment Rate Statistics" (baymard.com/lists/cart-abandonment-rate), on carts that do not become orders.
 * @category Behaviour
 */
export function behaviourSegments<Row = TypedEvent>(
  events: Iterable<Row> | TypedEventColumns,
  options: BehaviourSegmentsOptions<Row>,
): BehaviourSegmentsResult {
  const fn = "behaviourSegments";
  const o = optionsObject<BehaviourSegmentsOptions<unknown>>(options, fn) as Record<
    string,
    unknown
  >;
  const zone = timeZoneOption(o.timeZone, fn);
  if (o.asOf === undefined) {
    fail(
      fn,
      "asOf",
      "INVALID_DATE",
      "must be given (the end of the data; the clock is never read)",
      o.asOf,
    );
  }
  const end = observationEnd(o.asOf, zone, fn, "asOf");
  const names = readNames(o.names, fn);
  const cartWindow = o.window === undefined ? -1 : readWindow(o.window, fn, "window").ms;
  const refunds = refundsOption(o.refunds, fn);
  let threshold: Decimal | null = null;
  if (o.orderValueThreshold !== undefined) {
    threshold = toDecimal(o.orderValueThreshold, fn, "orderValueThreshold");
    if (threshold.isNegative() && !threshold.isZero()) {
      fail(fn, "orderValueThreshold", "NEGATIVE", "must not be negative", o.orderValueThreshold);
    }
  }
  const codes = new Map<unknown, number>([
    [names.pageView, PAGE_VIEW],
    [names.addToCart, ADD_TO_CART],
    [names.checkout, CHECKOUT],
    [names.purchase, ORDER],
  ]);
  const ev = readTypedEvents(events, {
    fn,
    root: "events",
    zone,
    end,
    customerId: accessor(o.customerId, fn, "customerId"),
    at: accessor(o.at, fn, "at"),
    event: accessor(o.event, fn, "event"),
    revenue: accessor(o.revenue, fn, "revenue"),
    readRevenue: true,
    classify: (name, _units, sign) => (sign < 0 ? REFUND : (codes.get(name) ?? OTHER)),
    group: null,
  });
  const fig = segmentScan(ev, end, cartWindow);
  const amountAt = (p: number): Decimal => {
    const u = ev.units[p] as number;
    return Number.isNaN(u)
      ? exact(ev.extra?.get(ev.row[p] as number) as Decimal)
      : new Decimal(u).div(100);
  };
  if (threshold === null) threshold = medianOneTimeValue(ev, fig, amountAt);
  const sums = new ExactSums(SEGMENTS.length, 2);
  const customers = new Int32Array(SEGMENTS.length);
  const orders = new Int32Array(SEGMENTS.length);
  const segmentOf = new Map<CustomerId, BehaviourSegmentName>();
  for (let g = 0; g < ev.customers; g++) {
    const n = fig.orders[g] as number;
    let s: number;
    if (n >= 2) s = 0;
    else if (n === 1) s = amountAt(fig.firstOrder[g] as number).gte(threshold as Decimal) ? 1 : 2;
    else if (fig.cart[g] === 2) s = 3;
    else if (fig.cart[g] === 0 && (fig.pageViews[g] as number) >= 2) s = 4;
    else if (fig.events[g] === 1 && fig.pageViews[g] === 1) s = 5;
    else s = 6;
    customers[s] = (customers[s] as number) + 1;
    orders[s] = (orders[s] as number) + n;
    segmentOf.set(ev.ids[g] as CustomerId, SEGMENTS[s] as BehaviourSegmentName);
    if (n === 0) continue;
    const lo = ev.runStart[g] as number;
    const hi = ev.runStart[g + 1] as number;
    for (let p = lo; p < hi; p++) {
      const k = ev.code[p] as number;
      if (k === ORDER || (k === REFUND && refunds === "net")) {
        sums.add(s, ev.units[p] as number, ev.extra?.get(ev.row[p] as number) ?? null);
      }
    }
  }
  const total = ev.customers;
  return {
    asOf: isoInstant(end),
    customers: total,
    orderValueThreshold: threshold,
    segments: SEGMENTS.map((segment, s) => ({
      segment,
      customers: customers[s] as number,
      share: total === 0 ? null : new Decimal(customers[s] as number).div(total),
      orders: orders[s] as number,
      revenue: sums.value(s),
    })),
    segmentOf,
  };
}

/** The `names` option with defaults: four distinct non-empty strings. */
function readNames(value: unknown, fn: string): Record<keyof typeof DEFAULT_NAMES, string> {
  if (value === undefined) return { ...DEFAULT_NAMES };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(fn, "names", "INVALID_OPTION", "must be an object of event names", value);
  }
  const given = value as Record<string, unknown>;
  const out = { ...DEFAULT_NAMES } as Record<keyof typeof DEFAULT_NAMES, string>;
  const seen = new Map<string, string>();
  for (const key of Object.keys(DEFAULT_NAMES) as (keyof typeof DEFAULT_NAMES)[]) {
    const v = given[key];
    if (v !== undefined) {
      if (typeof v !== "string" || v.length === 0) {
        fail(fn, `names.${key}`, "INVALID_OPTION", "must be a non-empty event name", v);
      }
      out[key] = v;
    }
    const before = seen.get(out[key]);
    if (before !== undefined) {
      fail(fn, `names.${key}`, "INVALID_OPTION", `must differ from names.${before}`, out[key]);
    }
    seen.set(out[key], key);
  }
  return out;
}

/** The median value of the one-time buyers' orders (exact), or null when there is none. */
function medianOneTimeValue(
  ev: { readonly customers: number },
  fig: { readonly orders: Int32Array; readonly firstOrder: Int32Array },
  amountAt: (p: number) => Decimal,
): Decimal | null {
  const values: Decimal[] = [];
  for (let g = 0; g < ev.customers; g++) {
    if (fig.orders[g] === 1) values.push(amountAt(fig.firstOrder[g] as number));
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a.comparedTo(b));
  const h = values.length >> 1;
  const mid = values[h] as Decimal;
  if (values.length % 2 === 1) return mid;
  return (values[h - 1] as Decimal).plus(mid).div(2);
}
