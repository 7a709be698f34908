import type { CohortColumns, CohortEvent } from "../cohorts/engine/types.js";
import { orderMetricsOf, orderPlan } from "./orderMetricsCore.js";
import type { OrderMetricsOptions, OrderMetricsResult } from "./orderMetricsTypes.js";

/**
 * Order KPIs of an order log over a report `[from, to)`: revenue (gross, refunds, net),
 * orders, customers, average order value, purchase frequency, repeat-customer rate, and new
 * versus returning customers with their revenue; with `by`, the same figures per calendar
 * period as well.
 *
 * @remarks
 * An order is a row with positive revenue, a refund a row with negative revenue (the rules of
 * every event-log function; `purchases: 'all'` makes every row that is not a refund an order,
 * zero-revenue and revenue-less rows included). Rows with zero or no revenue are otherwise not
 * orders. For a span (the whole report, or one period of it):
 * ```text
 * grossRevenue             = Σ revenue of the orders in the span
 * refunds                  = −Σ revenue of the refunds in the span    (0 with refunds: 'exclude')
 * netRevenue               = grossRevenue − refunds
 * orders                   = #orders in the span
 * customers                = #{ c : c has an order in the span }
 * repeatCustomers          = #{ c : c has two orders or more in the span }
 * newCustomers             = #{ c : c's first order of the whole log is in the span }
 * returningCustomers       = customers − newCustomers
 * newCustomerRevenue       = Σ revenue of the new customers' orders in the span
 * returningCustomerRevenue = grossRevenue − newCustomerRevenue
 * averageOrderValue        = grossRevenue / orders            (null without orders)
 * purchaseFrequency        = orders / customers               (null without customers)
 * repeatCustomerRate       = repeatCustomers / customers      (null without customers)
 * ```
 * Money is in the log's currency, exact (summed in integer minor units, never in floats);
 * counts are numbers. The three ratios are {@link averageOrderValue},
 * {@link purchaseFrequency} and {@link repeatCustomerRate} of these counts: the same Decimals.
 *
 * - **A refund counts where it falls**, in the span holding its time, whoever's order it
 *   undoes: a refund in March of a February order lowers March's net revenue, and a refund of
 *   a customer without orders in the report counts too (that customer is not a customer of the
 *   report). The average order value is of the gross revenue, the value of the orders placed
 *   (as Shopify reports it); `netRevenue / orders` is yours to take if you want it net.
 * - **New** means the customer's first order of the whole log, including orders before
 *   `from`: pass the full history to tell a returning customer from a new one. A customer
 *   whose first order is in January and who orders again in March is new in January's
 *   period and in a report starting in January, and returning in March's period and in a
 *   report starting in February.
 * - **Periods** are calendar periods in `timeZone`, labelled as in cohort tables; the series
 *   runs from the period holding `from` to the one holding the end's last instant, every
 *   period listed (a period without orders has zeros and `null` ratios). A first or last
 *   period cut by `from` or `to` is `complete: false`. Revenue (gross, refunds, net), orders
 *   and new customers of the series add up to the total; customers and repeat customers do
 *   not (a customer ordering in two periods is one customer of the report), nor does the
 *   revenue of new customers (a customer new in the report is new in the period of their
 *   first order, and returning in later periods).
 * - **Ends**: `from` is included; `to` is the library's one observation end (an instant is the
 *   first instant left out; a calendar date names the last day, included in full).
 *
 * Shopify defines average order value as gross sales minus discounts per order (since January
 * 2023), and deducts a return on the day of the refund, as here; its "First-time vs returning
 * customer sales" report splits customers by whether they had ordered before, as here, but
 * its customer reports count a repeat customer on the whole order history (a November
 * customer who buys again in December is a repeat customer of a November report), where
 * `repeatCustomers` counts two orders in the span. Amplitude, Mixpanel and PostHog have no
 * built-in order report: their revenue charts sum a revenue property of the chosen event
 * (refunds too, when logged with a negative amount), and "new" there means the user's first
 * event of any kind, not first order. See the guide "Event analytics".
 *
 * @example
 * ```ts
 * const report = orderMetrics([
 *   { customerId: 'a', at: '2023-12-20T10:00:00Z', revenue: 30 },
 *   { customerId: 'a', at: '2024-01-05T10:00:00Z', revenue: 40 },
 *   { customerId: 'b', at: '2024-01-10T10:00:00Z', revenue: 20 },
 *   { customerId: 'b', at: '2024-01-10T18:00:00Z', revenue: 25 },
 *   { customerId: 'b', at: '2024-02-01T09:00:00Z', revenue: -25 },
 * ], { from: '2024-01-01', to: '2024-02-29', by: 'month' })
 * const t = report.total
 * ;[t.grossRevenue, t.refunds, t.netRevenue].map(String) //=> ['85', '25', '60']
 * ;[t.orders, t.customers, t.repeatCustomers, t.newCustomers] //=> [3, 2, 1, 1]
 * ;[t.averageOrderValue, t.purchaseFrequency, t.repeatCustomerRate].map(String)
 * //=> ['28.33333333333333333333333333333333333333', '1.5', '0.5']
 * report.periods.map((p) => [p.key, p.orders, String(p.netRevenue)])
 * //=> [['2024-01', 3, '85'], ['2024-02', 0, '-25']]
 * ```
 * @param orders - rows `{ customerId, at, revenue }` (or any shape with accessor options),
 *   or columns `{ customerId, at, revenue }` of arrays or typed arrays
 * @param options - from, to (required), by, weekStartsOn, timeZone, purchases, refunds,
 *   accessors
 * @returns `{ from, to, by, total, periods }`: the {@link OrderFigures} of the report and one
 *   {@link OrderMetricsPeriod} per period with `by`
 * @throws {@link MetricInputError} `INVALID_DATE` for a missing or unreadable `from` / `to`
 *   or an unreadable time in the log (`orders[3].at`); `OUT_OF_RANGE` when `to` is not after
 *   `from` or the series would have more than 100,000 periods; `INVALID_OPTION` for an
 *   unknown `by`, zone, week start, `purchases` or `refunds` value, an accessor that is not a
 *   function, or (under `purchases: 'positive'`) a non-empty log in which no row has revenue
 *   (field `purchases`); `NOT_A_NUMBER` for a missing customer id, non-numeric revenue or an
 *   input that is neither rows nor columns; `NOT_FINITE` for infinite revenue;
 *   `INCONSISTENT` for columns of different lengths.
 * @see docs/definitions-value-acquisition-conversion.md, "Order and customer value" (average
 *   order value, purchase frequency, repeat customer rate).
 * @see Shopify, "Your Average Order Value now has a new definition in Shopify" (changelog,
 *   9 January 2023); Shopify Help Center, "Customers reports" (first-time vs returning
 *   customer sales).
 * @category Event analytics
 */
export function orderMetrics<Row = CohortEvent>(
  orders: Iterable<Row> | CohortColumns,
  options: OrderMetricsOptions<Row>,
): OrderMetricsResult {
  const fn = "orderMetrics";
  return orderMetricsOf(orders, orderPlan(options, fn));
}
