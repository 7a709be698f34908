/**
 * The work of `orderMetrics` and `orderMetricsAsync`: options, the per-customer order scan
 * (cohorts/engine/group/orderScan.ts) and the read-only result.
 */
import { fail, option, options as readOptions } from "../_lib/assert.js";
import { clean, Decimal } from "../_lib/decimal.js";
import { observationEnd, purchasesOption, refundsOption } from "../_lib/eventRules.js";
import { ExactSums } from "../_lib/exactSums.js";
import { isoInstant, parseInstant, timeZoneOption } from "../_lib/time.js";
import { OrderScan } from "../cohorts/engine/group/orderScan.js";
import { logSource, perCustomer } from "../cohorts/engine/group/perCustomer.js";
import { DayPeriods, periodIndex, periodKey, periodStart } from "../cohorts/engine/periods.js";
import type { Period } from "../types.js";
import type {
  OrderFigures,
  OrderMetricsOptions,
  OrderMetricsPeriod,
  OrderMetricsResult,
} from "./orderMetricsTypes.js";

const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];
const WEEK_DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** The longest series (274 years of days): more is refused with OUT_OF_RANGE. */
const MAX_PERIODS = 100_000;

/** The validated options of an order report. */
export interface OrderPlan {
  readonly fn: string;
  readonly options: Partial<OrderMetricsOptions<unknown>>;
  readonly zone: string;
  readonly from: number;
  readonly to: number;
  readonly by: Period | null;
  readonly weekStartsOn: number;
  readonly purchases: "positive" | "all";
  readonly refunds: "net" | "exclude";
}

/** Validate the options of `fn` (the public function named in errors). */
export function orderPlan(options: unknown, fn: string): OrderPlan {
  const o = readOptions<OrderMetricsOptions<unknown>>(options, fn);
  const zone = timeZoneOption(o.timeZone, fn);
  if (o.from === undefined) fail(fn, "from", "INVALID_DATE", "is required", undefined);
  if (o.to === undefined) fail(fn, "to", "INVALID_DATE", "is required", undefined);
  const from = parseInstant(o.from, zone, fn, "from");
  const to = observationEnd(o.to, zone, fn, "to");
  if (!(from < to)) {
    fail(fn, "to", "OUT_OF_RANGE", `must end after from (${isoInstant(from)})`, o.to);
  }
  const by = o.by === undefined ? null : option(o.by, PERIODS, "month", fn, "by");
  const weekStartsOn = option(o.weekStartsOn, WEEK_DAYS, 1, fn, "weekStartsOn");
  if (by !== null) {
    const span =
      periodIndex(to - 1, by, zone, weekStartsOn) - periodIndex(from, by, zone, weekStartsOn);
    if (span >= MAX_PERIODS) {
      fail(
        fn,
        "to",
        "OUT_OF_RANGE",
        `must be at most ${MAX_PERIODS} periods of '${by}' after from`,
        o.to,
      );
    }
  }
  return {
    fn,
    options: o,
    zone,
    from,
    to,
    by,
    weekStartsOn,
    purchases: purchasesOption(o.purchases, fn),
    refunds: refundsOption(o.refunds, fn),
  };
}

/** Whether `options` has an accessor (`customerId`, `at` or `revenue`). */
export function hasAccessors(options: Partial<OrderMetricsOptions<unknown>>): boolean {
  return (
    options.customerId !== undefined || options.at !== undefined || options.revenue !== undefined
  );
}

/** The error for accessors given with columns. */
export function accessorsWithColumns(fn: string): never {
  return fail(
    fn,
    "options",
    "INVALID_OPTION",
    "accessors apply to rows; columns name their own fields",
    "accessors",
  );
}

/** The order report of `orders` (rows or columns) under `plan`. */
export function orderMetricsOf(orders: unknown, plan: OrderPlan): OrderMetricsResult {
  const { fn, zone, from, to, by, weekStartsOn } = plan;
  if (
    orders !== null &&
    typeof orders === "object" &&
    !(Symbol.iterator in orders) &&
    "customerId" in orders &&
    hasAccessors(plan.options)
  ) {
    accessorsWithColumns(fn);
  }
  const first = by === null ? 0 : periodIndex(from, by, zone, weekStartsOn);
  const count = by === null ? 1 : periodIndex(to - 1, by, zone, weekStartsOn) - first + 1;
  const days = by === null ? null : new DayPeriods(by, weekStartsOn);
  const periodOf = days === null ? () => 0 : (day: number) => days.of(day) - first;
  return perCustomer(
    orders,
    logSource(fn, plan.options, "orders", false),
    {
      zone,
      end: to,
      cut: from,
      days: by !== null,
      purchases: plan.purchases,
      keepRefunds: plan.refunds === "net",
    },
    (ev) => new OrderScan(ev.extra, count, periodOf),
    (scan) => result(scan, plan, first, count),
  );
}

function result(
  scan: OrderScan,
  plan: OrderPlan,
  first: number,
  count: number,
): OrderMetricsResult {
  const { zone, from, to, by, weekStartsOn } = plan;
  const gross = new ExactSums(1, 2);
  const refunds = new ExactSums(1, 2);
  let orders = 0;
  const periods: OrderMetricsPeriod[] = [];
  for (let p = 0; p < count; p++) {
    gross.addCell(0, scan.gross, p);
    refunds.addCell(0, scan.refunds, p);
    orders += scan.orders[p] as number;
    if (by === null) continue;
    const index = first + p;
    const periodFrom = periodStart(index, by, zone, weekStartsOn);
    const periodTo = periodStart(index + 1, by, zone, weekStartsOn);
    const start = Math.max(periodFrom, from);
    const end = Math.min(periodTo, to);
    periods.push(
      Object.freeze({
        key: periodKey(index, by, weekStartsOn),
        start: isoInstant(start),
        end: isoInstant(end),
        complete: start === periodFrom && end === periodTo,
        ...figures(
          scan.gross.value(p),
          scan.refunds.value(p),
          scan.newRevenue.value(p),
          scan.orders[p] as number,
          scan.customers[p] as number,
          scan.repeatCustomers[p] as number,
          scan.newCustomers[p] as number,
        ),
      }),
    );
  }
  const total = Object.freeze(
    figures(
      gross.value(0),
      refunds.value(0),
      scan.totalNewRevenue.value(0),
      orders,
      scan.totalCustomers,
      scan.totalRepeat,
      scan.totalNew,
    ),
  );
  return Object.freeze({
    from: isoInstant(from),
    to: isoInstant(to),
    by,
    total,
    periods: Object.freeze(periods),
  });
}

/** The figures of a span from its sums (refunds negative, as summed) and counts. */
function figures(
  gross: Decimal,
  refundSum: Decimal,
  newRevenue: Decimal,
  orders: number,
  customers: number,
  repeatCustomers: number,
  newCustomers: number,
): OrderFigures {
  return {
    grossRevenue: gross,
    refunds: clean(refundSum.neg()),
    netRevenue: clean(gross.plus(refundSum)),
    orders,
    customers,
    repeatCustomers,
    newCustomers,
    returningCustomers: customers - newCustomers,
    newCustomerRevenue: newRevenue,
    returningCustomerRevenue: clean(gross.minus(newRevenue)),
    averageOrderValue: orders === 0 ? null : clean(gross.div(orders)),
    purchaseFrequency: customers === 0 ? null : clean(new Decimal(orders).div(customers)),
    repeatCustomerRate: customers === 0 ? null : clean(new Decimal(repeatCustomers).div(customers)),
  };
}
