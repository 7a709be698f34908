import type { Decimal } from "../_lib/decimal.js";
import type { PurchaseRule, RefundRule } from "../_lib/eventRules.js";
import type { CohortEvent, EventAccessors, InstantInput } from "../cohorts/engine/types.js";
import type { Period, WeekStartsOn } from "../types.js";

/**
 * Options of {@link orderMetrics} and {@link orderMetricsAsync}.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Event analytics
 */
export interface OrderMetricsOptions<Row = CohortEvent> extends EventAccessors<Row> {
  /**
   * The start of the report, included: an instant (a Date, epoch ms, a date-time string), or a
   * calendar date (`'2024-01-01'`), which starts at midnight in `timeZone`. Required.
   */
  readonly from: InstantInput;
  /**
   * The end of the report, as every observation end of the library: an instant is the first
   * instant not reported (events at or after it are left out); a calendar date
   * (`'2024-06-30'`) names the last day reported, included in full. Required; after `from`.
   */
  readonly to: InstantInput;
  /** A series by calendar period in `timeZone` as well as the total. Default: the total only. */
  readonly by?: Period | undefined;
  /** First day of the week for `by: 'week'` (0 Sunday … 6 Saturday). Default 1 (ISO). */
  readonly weekStartsOn?: WeekStartsOn | undefined;
  /** IANA time zone of calendar dates and periods. Default `'UTC'`; the host zone is never used. */
  readonly timeZone?: string | undefined;
  /**
   * What an order is: `'positive'` (default) a row with revenue above 0; `'all'` every row that
   * is not a refund (free orders, logs without amounts).
   */
  readonly purchases?: PurchaseRule | undefined;
  /**
   * `'net'` (default): refunds (rows with negative revenue) in the report are summed as
   * `refunds` and subtracted from the net revenue; `'exclude'`: they are left out (`refunds` is
   * 0 and the net revenue is the gross revenue).
   */
  readonly refunds?: RefundRule | undefined;
}

/**
 * The order figures of one span of time (the whole report, or one period of the series).
 *
 * @category Event analytics
 */
export interface OrderFigures {
  /** Money of the orders (purchases) in the span: the sum of their positive revenue. */
  readonly grossRevenue: Decimal;
  /** Money refunded in the span, as a positive amount (the refunds' revenue with its sign flipped). */
  readonly refunds: Decimal;
  /** `grossRevenue − refunds`; negative when more is refunded than sold. */
  readonly netRevenue: Decimal;
  /** Orders (purchase rows) in the span. */
  readonly orders: number;
  /** Distinct customers with an order in the span. */
  readonly customers: number;
  /** Customers with two orders or more in the span. */
  readonly repeatCustomers: number;
  /** Customers whose first order of the whole log (before `from` included) is in the span. */
  readonly newCustomers: number;
  /** `customers − newCustomers`: customers with an order in the span who had ordered before it. */
  readonly returningCustomers: number;
  /** Money of the new customers' orders in the span (gross). */
  readonly newCustomerRevenue: Decimal;
  /** Money of the returning customers' orders in the span: `grossRevenue − newCustomerRevenue`. */
  readonly returningCustomerRevenue: Decimal;
  /** `grossRevenue / orders` (money per order); `null` without orders. */
  readonly averageOrderValue: Decimal | null;
  /** `orders / customers` (orders per purchasing customer); `null` without customers. */
  readonly purchaseFrequency: Decimal | null;
  /** `repeatCustomers / customers`, in [0, 1]; `null` without customers. */
  readonly repeatCustomerRate: Decimal | null;
}

/**
 * One period of an {@link OrderMetricsResult} series: its figures, label and bounds.
 *
 * @category Event analytics
 */
export interface OrderMetricsPeriod extends OrderFigures {
  /** The period's label (`'2024-01'`, `'2024-W03'`, `'2024-Q1'`, …), as in cohort tables. */
  readonly key: string;
  /** The first instant of the period reported (ISO-8601 UTC): its start, or `from` if later. */
  readonly start: string;
  /** The first instant after the period reported (ISO-8601 UTC): its end, or `to` if earlier. */
  readonly end: string;
  /** Whether the whole calendar period lies in the report (false for a clipped first or last). */
  readonly complete: boolean;
}

/**
 * The result of {@link orderMetrics}.
 *
 * @category Event analytics
 */
export interface OrderMetricsResult {
  /** The start of the report (ISO-8601 UTC), included. */
  readonly from: string;
  /** The end of the report (ISO-8601 UTC), excluded. */
  readonly to: string;
  /** The period of the series, or `null` when none was asked for. */
  readonly by: Period | null;
  /** The figures of the whole report `[from, to)`. */
  readonly total: OrderFigures;
  /** One record per calendar period from the one holding `from` to the one holding the end; empty without `by`. */
  readonly periods: readonly OrderMetricsPeriod[];
}
