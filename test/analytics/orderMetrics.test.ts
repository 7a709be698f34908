import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averageOrderValue,
  type CohortEvent,
  Decimal,
  MetricInputError,
  type OrderFigures,
  type OrderMetricsOptions,
  orderMetrics,
  orderMetricsAsync,
  purchaseFrequency,
  repeatCustomerRate,
} from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";

/** The figures as plain values (Decimals as strings) for comparison. */
function plain(f: OrderFigures): Record<string, unknown> {
  return JSON.parse(JSON.stringify(f)) as Record<string, unknown>;
}

// A toy shop, reported from 2024-02-01 to 2024-03-31 (a calendar date: March 31 included) in UTC:
//   a: orders Jan 15 (before the report), Feb 5 (20.00), Mar 10 (30.00): returning in both months
//   b: two orders on Feb 10 (15.00 at 09:00, 25.00 at 18:00); the 25.00 refunded on Mar 2
//   c: only a refund (Feb 20, 5.00): counted in refunds, not a customer
//   d: one order exactly at the start, 2024-02-01T00:00:00Z (12.50)
//   e: one order at the last instant of March 31 (8.00)
//   f: one order exactly at the end, 2024-04-01T00:00:00Z (left out)
//   g: a page view (no revenue) on Feb 15: not an order
//   h: one order on Jan 20 only, before the report
const SHOP: readonly CohortEvent[] = Object.freeze(
  [
    { customerId: "a", at: "2024-01-15T10:00:00Z", revenue: "10.00" },
    { customerId: "a", at: "2024-02-05T10:00:00Z", revenue: "20.00" },
    { customerId: "a", at: "2024-03-10T10:00:00Z", revenue: "30.00" },
    { customerId: "b", at: "2024-02-10T09:00:00Z", revenue: "15.00" },
    { customerId: "b", at: "2024-02-10T18:00:00Z", revenue: "25.00" },
    { customerId: "b", at: "2024-03-02T12:00:00Z", revenue: "-25.00" },
    { customerId: "c", at: "2024-02-20T12:00:00Z", revenue: "-5.00" },
    { customerId: "d", at: "2024-02-01T00:00:00Z", revenue: "12.50" },
    { customerId: "e", at: "2024-03-31T23:59:59.999Z", revenue: "8.00" },
    { customerId: "f", at: "2024-04-01T00:00:00Z", revenue: "100.00" },
    { customerId: "g", at: "2024-02-15T12:00:00Z" },
    { customerId: "h", at: "2024-01-20T12:00:00Z", revenue: "5.00" },
  ].map((row) => Object.freeze(row)),
);

const REPORT = { from: "2024-02-01", to: "2024-03-31" } as const;

describe("orderMetrics on a hand-checked shop", () => {
  it("gives every figure of the report", () => {
    const { total, from, to, by, periods } = orderMetrics(SHOP, REPORT);
    expect([from, to, by, periods]).toEqual([
      "2024-02-01T00:00:00.000Z",
      "2024-04-01T00:00:00.000Z", // the date end: March 31 included in full
      null,
      [],
    ]);
    expect(plain(total)).toEqual({
      grossRevenue: "110.5", // a 20 + 30, b 15 + 25, d 12.50, e 8 (not a's or h's January, not f)
      refunds: "30", // b's 25 (its order was in February) and c's 5 (c has no order)
      netRevenue: "80.5",
      orders: 6,
      customers: 4, // a, b, d, e (c only refunded, g only viewed a page)
      repeatCustomers: 2, // a (Feb and Mar) and b (two on Feb 10)
      newCustomers: 3, // b, d, e; a's first order is in January, before the report
      returningCustomers: 1,
      newCustomerRevenue: "60.5", // b 40, d 12.50, e 8
      returningCustomerRevenue: "50", // a 20 + 30
      averageOrderValue: "18.41666666666666666666666666666666666667", // 110.5 / 6, 40 digits
      purchaseFrequency: "1.5", // 6 / 4
      repeatCustomerRate: "0.5", // 2 / 4
    });
  });

  it("gives the monthly series, each refund in the month it falls in", () => {
    const { periods, total } = orderMetrics(SHOP, { ...REPORT, by: "month" });
    expect(periods.map((p) => [p.key, p.start, p.end, p.complete])).toEqual([
      ["2024-02", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z", true],
      ["2024-03", "2024-03-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z", true],
    ]);
    const [feb, mar] = periods.map((p) => {
      const { key: _k, start: _s, end: _e, complete: _c, ...figures } = p;
      return plain(figures);
    });
    expect(feb).toEqual({
      grossRevenue: "72.5", // a 20, b 15 + 25, d 12.50
      refunds: "5", // c's
      netRevenue: "67.5",
      orders: 4,
      customers: 3,
      repeatCustomers: 1, // b
      newCustomers: 2, // b, d
      returningCustomers: 1, // a
      newCustomerRevenue: "52.5",
      returningCustomerRevenue: "20",
      averageOrderValue: "18.125",
      purchaseFrequency: "1.333333333333333333333333333333333333333", // 4 / 3
      repeatCustomerRate: "0.3333333333333333333333333333333333333333", // 1 / 3
    });
    expect(mar).toEqual({
      grossRevenue: "38", // a 30, e 8
      refunds: "25", // b's refund of a February order
      netRevenue: "13",
      orders: 2,
      customers: 2,
      repeatCustomers: 0,
      newCustomers: 1, // e
      returningCustomers: 1, // a
      newCustomerRevenue: "8",
      returningCustomerRevenue: "30",
      averageOrderValue: "19",
      purchaseFrequency: "1",
      repeatCustomerRate: "0",
    });
    // a is returning in the report (first order in January), so the months' new customers
    // add up to the report's
    expect(total.newCustomers).toBe(3);
    // read-only results
    const report = orderMetrics(SHOP, { ...REPORT, by: "month" });
    expect([report, report.total, report.periods, report.periods[0]].every(Object.isFrozen)).toBe(
      true,
    );
  });

  it("takes an instant end as the first instant left out, and an instant start as included", () => {
    const instant = orderMetrics(SHOP, {
      from: "2024-02-01T00:00:00Z",
      to: "2024-03-31T23:59:59.999Z",
      by: "month",
    });
    // e's order at 23:59:59.999 is at the end: left out
    expect([instant.total.orders, instant.total.customers, instant.total.newCustomers]).toEqual([
      5, 3, 2,
    ]);
    expect(instant.periods.map((p) => [p.key, p.end, p.complete, p.orders])).toEqual([
      ["2024-02", "2024-03-01T00:00:00.000Z", true, 4],
      ["2024-03", "2024-03-31T23:59:59.999Z", false, 1],
    ]);
    // one millisecond later, d's order at the start is out: d has no order in the report
    const later = orderMetrics(SHOP, { from: "2024-02-01T00:00:00.001Z", to: "2024-04-01" });
    expect([later.total.orders, String(later.total.grossRevenue), later.total.customers]).toEqual(
      [6, "198", 4], // e and f in (April 1 included), d out: 20 + 30 + 15 + 25 + 8 + 100
    );
  });

  it("makes a customer new by the first order of the whole log", () => {
    // a report of March only: a is returning (January), e new; b is not a customer in March
    const { total } = orderMetrics(SHOP, { from: "2024-03-01", to: "2024-03-31" });
    expect([total.customers, total.newCustomers, total.returningCustomers]).toEqual([2, 1, 1]);
    // without the January rows, a is new in the report
    const cut = orderMetrics(
      SHOP.filter((r) => String(r.at) >= "2024-02"),
      REPORT,
    );
    expect([cut.total.newCustomers, String(cut.total.newCustomerRevenue)]).toEqual([4, "110.5"]);
  });

  it("follows the purchases and refunds options", () => {
    const exclude = orderMetrics(SHOP, { ...REPORT, refunds: "exclude" }).total;
    expect([String(exclude.refunds), String(exclude.netRevenue)]).toEqual(["0", "110.5"]);
    // 'all': g's page view is an order of no money; g a new customer
    const all = orderMetrics(SHOP, { ...REPORT, purchases: "all" }).total;
    expect([all.orders, all.customers, all.newCustomers, String(all.grossRevenue)]).toEqual([
      7,
      5,
      4,
      "110.5",
    ]);
    expect(String(all.averageOrderValue)).toBe("15.78571428571428571428571428571428571429");
  });

  it("gives the documented example", () => {
    const report = orderMetrics(
      [
        { customerId: "a", at: "2023-12-20T10:00:00Z", revenue: 30 },
        { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: 40 },
        { customerId: "b", at: "2024-01-10T10:00:00Z", revenue: 20 },
        { customerId: "b", at: "2024-01-10T18:00:00Z", revenue: 25 },
        { customerId: "b", at: "2024-02-01T09:00:00Z", revenue: -25 },
      ],
      { from: "2024-01-01", to: "2024-02-29", by: "month" },
    );
    const t = report.total;
    expect([t.grossRevenue, t.refunds, t.netRevenue].map(String)).toEqual(["85", "25", "60"]);
    expect([t.orders, t.customers, t.repeatCustomers, t.newCustomers]).toEqual([3, 2, 1, 1]);
    expect([t.averageOrderValue, t.purchaseFrequency, t.repeatCustomerRate].map(String)).toEqual([
      "28.33333333333333333333333333333333333333",
      "1.5",
      "0.5",
    ]);
    expect(report.periods.map((p) => [p.key, p.orders, String(p.netRevenue)])).toEqual([
      ["2024-01", 3, "85"],
      ["2024-02", 0, "-25"],
    ]);
    // a month without orders has no ratios
    expect(report.periods[1]?.averageOrderValue).toBeNull();
    expect(report.periods[1]?.purchaseFrequency).toBeNull();
  });

  it("reads columns and accessors as rows", () => {
    const columns = {
      customerId: SHOP.map((r) => r.customerId),
      at: SHOP.map((r) => r.at),
      revenue: SHOP.map((r) => r.revenue),
    };
    const fromRows = orderMetrics(SHOP, { ...REPORT, by: "week" });
    expect(JSON.stringify(orderMetrics(columns, { ...REPORT, by: "week" }))).toBe(
      JSON.stringify(fromRows),
    );
    const tuples = SHOP.map((r) => [r.customerId, r.at, r.revenue] as const);
    const viaAccessors = orderMetrics(tuples, {
      ...REPORT,
      by: "week",
      customerId: (r) => r[0],
      at: (r) => r[1],
      revenue: (r) => r[2],
    });
    expect(JSON.stringify(viaAccessors)).toBe(JSON.stringify(fromRows));
    // ISO weeks: 2024-W05 (Jan 29 – Feb 4) is cut by the start, 2024-W13 (Mar 25 – 31) is whole
    expect(fromRows.periods.map((p) => p.key)).toEqual([
      "2024-W05",
      "2024-W06",
      "2024-W07",
      "2024-W08",
      "2024-W09",
      "2024-W10",
      "2024-W11",
      "2024-W12",
      "2024-W13",
    ]);
    expect(fromRows.periods.map((p) => p.complete)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("counts calendar periods in the time zone", () => {
    // e's order (Mar 31 23:59:59.999 UTC) is April 1 in Berlin; d's (Feb 1 00:00 UTC) is
    // Feb 1 01:00 there. The report's dates are Berlin dates.
    const { periods, from, to } = orderMetrics(SHOP, {
      ...REPORT,
      by: "month",
      timeZone: "Europe/Berlin",
    });
    expect([from, to]).toEqual(["2024-01-31T23:00:00.000Z", "2024-03-31T22:00:00.000Z"]);
    // e is out (April in Berlin); b's refund (Mar 2) stays in March
    expect(periods.map((p) => [p.key, p.orders, String(p.netRevenue)])).toEqual([
      ["2024-02", 4, "67.5"],
      ["2024-03", 1, "5"],
    ]);
  });
});

describe("orderMetrics and the formula metrics", () => {
  it("gives averageOrderValue, purchaseFrequency and repeatCustomerRate of its counts", () => {
    const { periods, total } = orderMetrics(SHOP, { ...REPORT, by: "week" });
    for (const f of [total, ...periods]) {
      if (f.orders === 0) {
        expect([f.averageOrderValue, f.purchaseFrequency, f.repeatCustomerRate]).toEqual([
          null,
          null,
          null,
        ]);
        continue;
      }
      expect(f.averageOrderValue).toEqual(
        averageOrderValue({ revenue: f.grossRevenue, orders: f.orders }),
      );
      expect(f.purchaseFrequency).toEqual(
        purchaseFrequency({ orders: f.orders, customers: f.customers }),
      );
      expect(f.repeatCustomerRate).toEqual(
        repeatCustomerRate({ repeatCustomers: f.repeatCustomers, customers: f.customers }),
      );
    }
  });
});

describe("orderMetrics input checks", () => {
  const bad: [string, () => unknown, string][] = [
    ["no from", () => orderMetrics(SHOP, { to: "2024-03-31" } as never), "INVALID_DATE from"],
    ["no options", () => orderMetrics(SHOP, undefined as never), "INVALID_DATE from"],
    [
      "unreadable to",
      () => orderMetrics(SHOP, { from: "2024-02-01", to: "soon" }),
      "INVALID_DATE to",
    ],
    [
      "to = from",
      () => orderMetrics(SHOP, { from: "2024-02-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }),
      "OUT_OF_RANGE to",
    ],
    [
      "to before from",
      () => orderMetrics(SHOP, { from: "2024-02-01", to: "2024-01-31" }),
      "OUT_OF_RANGE to",
    ],
    [
      "bad by",
      () => orderMetrics(SHOP, { ...REPORT, by: "fortnight" as never }),
      "INVALID_OPTION by",
    ],
    [
      "bad week start",
      () => orderMetrics(SHOP, { ...REPORT, by: "week", weekStartsOn: 7 as never }),
      "INVALID_OPTION weekStartsOn",
    ],
    [
      "bad zone",
      () => orderMetrics(SHOP, { ...REPORT, timeZone: "Mars/Olympus" }),
      "INVALID_OPTION timeZone",
    ],
    [
      "bad purchases",
      () => orderMetrics(SHOP, { ...REPORT, purchases: "some" as never }),
      "INVALID_OPTION purchases",
    ],
    [
      "bad refunds",
      () => orderMetrics(SHOP, { ...REPORT, refunds: "gross" as never }),
      "INVALID_OPTION refunds",
    ],
    [
      "accessor not a function",
      () => orderMetrics(SHOP, { ...REPORT, at: "at" as never }),
      "INVALID_OPTION at",
    ],
    [
      "accessor with columns",
      () => orderMetrics({ customerId: ["a"], at: [0], revenue: [1] }, { ...REPORT, at: () => 0 }),
      "INVALID_OPTION options",
    ],
    [
      "missing id",
      () =>
        orderMetrics(
          [{ customerId: "a", at: 0, revenue: 1 }, { at: 0, revenue: 1 } as never],
          REPORT,
        ),
      "NOT_A_NUMBER orders[1].customerId",
    ],
    [
      "accessor giving a bad time",
      () => orderMetrics(SHOP, { ...REPORT, at: (_r, i) => (i === 3 ? "yesterday" : 0) }),
      "INVALID_DATE orders[3].at",
    ],
    [
      "accessor giving a bad amount",
      () => orderMetrics(SHOP, { ...REPORT, revenue: (_r, i) => (i === 2 ? "ten" : 1) }),
      "NOT_A_NUMBER orders[2].revenue",
    ],
    [
      "infinite revenue",
      () => orderMetrics([{ customerId: "a", at: 0, revenue: Number.POSITIVE_INFINITY }], REPORT),
      "NOT_FINITE orders[0].revenue",
    ],
    [
      "columns of different lengths",
      () => orderMetrics({ customerId: ["a", "b"], at: [0] }, REPORT),
      "INCONSISTENT orders.at",
    ],
    ["not a log", () => orderMetrics(42 as never, REPORT), "NOT_A_NUMBER orders"],
    [
      "no revenue anywhere",
      () => orderMetrics([{ customerId: "a", at: "2024-02-02" }], REPORT),
      "INVALID_OPTION purchases",
    ],
    [
      "a series too long",
      () => orderMetrics(SHOP, { from: "1900-01-01", to: "2173-10-16", by: "day" }),
      "OUT_OF_RANGE to",
    ],
  ];
  it.each(bad)("refuses %s", (_name, call, expected) => {
    expect(codeAndFieldOf(call)).toBe(expected);
  });

  it("names the public function, the field and the value in the message", () => {
    const error = metricErrorOf(() => orderMetrics(SHOP, { from: "2024-02-01", to: "2024-01-31" }));
    expect(error).toBeInstanceOf(MetricInputError);
    expect(error.message).toMatch(
      /^orderMetrics: to must end after from \(2024-02-01T00:00:00\.000Z\)/,
    );
    expect(error.message).toContain("2024-01-31");
  });

  it("reads a log without orders as zeros and no ratios", () => {
    const { total } = orderMetrics([], REPORT);
    expect(plain(total)).toMatchObject({
      orders: 0,
      customers: 0,
      grossRevenue: "0",
      netRevenue: "0",
      averageOrderValue: null,
      purchaseFrequency: null,
      repeatCustomerRate: null,
    });
  });
});

describe("orderMetricsAsync", () => {
  async function* stream(items: readonly unknown[]): AsyncGenerator<unknown> {
    for (const item of items) yield item;
  }

  it("gives the documented example", async () => {
    const report = await orderMetricsAsync(
      stream([
        [{ customerId: "a", at: "2024-01-05T10:00:00Z", revenue: 40 }],
        {
          customerId: ["a", "b"],
          at: ["2024-01-20T10:00:00Z", "2024-01-21T10:00:00Z"],
          revenue: [10, 30],
        },
      ]) as AsyncIterable<CohortEvent>,
      { from: "2024-01-01", to: "2024-01-31" },
    );
    expect([
      report.total.orders,
      report.total.customers,
      String(report.total.averageOrderValue),
    ]).toEqual([3, 2, "26.66666666666666666666666666666666666667"]);
  });

  it("names the event by its index in the whole stream, and refuses what is not a stream", async () => {
    const bad = stream([
      [SHOP[0], SHOP[1]],
      SHOP[2],
      { customerId: ["x", "y"], at: ["2024-02-02", "not a date"], revenue: [1, 2] },
    ]) as AsyncIterable<CohortEvent>;
    const error = await orderMetricsAsync(bad, REPORT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricInputError);
    expect([(error as MetricInputError).code, (error as MetricInputError).field]).toEqual([
      "INVALID_DATE",
      "orders[4].at",
    ]);
    expect((error as MetricInputError).message).toMatch(/^orderMetricsAsync: /);
    const notStream = await orderMetricsAsync(42 as never, REPORT).catch((e: unknown) => e);
    expect((notStream as MetricInputError).code).toBe("NOT_A_NUMBER");
    const withAccessors = await orderMetricsAsync(
      stream([{ customerId: ["a"], at: [0], revenue: [1] }]) as AsyncIterable<CohortEvent>,
      { ...REPORT, at: () => 0 },
    ).catch((e: unknown) => e);
    expect([
      (withAccessors as MetricInputError).code,
      (withAccessors as MetricInputError).field,
    ]).toEqual(["INVALID_OPTION", "options"]);
    const options = await orderMetricsAsync(stream([]) as AsyncIterable<CohortEvent>, {
      from: "2024-02-01",
      to: "2024-02-01T00:00:00Z",
    }).catch((e: unknown) => e);
    expect([(options as MetricInputError).code, (options as MetricInputError).field]).toEqual([
      "OUT_OF_RANGE",
      "to",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

const eventArb = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "d", "e", 1, 2),
  at: fc.integer({ min: 0, max: 120 * DAY }).map((ms) => BASE + ms),
  revenue: fc.oneof(
    fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)),
    fc.constantFrom(undefined, null, 0, "0.001", "-0.005"),
  ),
});
const logArb = fc
  .array(eventArb, { maxLength: 60 })
  .map((log) => [...log, { customerId: "z", at: BASE, revenue: "1.00" }]);
const reportArb = fc.record({
  from: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => BASE + ms),
  length: fc.integer({ min: 1, max: 80 * DAY }),
  by: fc.constantFrom(undefined, "day", "week", "month", "quarter", "year" as const),
  timeZone: fc.constantFrom("UTC", "America/New_York", "Australia/Lord_Howe"),
  purchases: fc.constantFrom("positive", "all" as const),
  refunds: fc.constantFrom("net", "exclude" as const),
});
type Report = typeof reportArb extends fc.Arbitrary<infer R> ? R : never;

function optionsOf(r: Report): OrderMetricsOptions {
  return {
    from: r.from,
    to: r.from + r.length,
    by: r.by,
    timeZone: r.timeZone,
    purchases: r.purchases,
    refunds: r.refunds,
  };
}

/**
 * A straightforward second implementation (one pass per figure over the rows, Decimal sums):
 * the report's total, for comparison.
 */
function reference(log: readonly CohortEvent[], o: OrderMetricsOptions): Record<string, unknown> {
  const from = o.from as number;
  const to = o.to as number;
  const amount = (r: CohortEvent) =>
    r.revenue === undefined || r.revenue === null ? null : new Decimal(String(r.revenue));
  const isOrder = (r: CohortEvent) => {
    const a = amount(r);
    return o.purchases === "all" ? a === null || a.gte(0) : a?.gt(0) === true;
  };
  const inReport = (r: CohortEvent) => (r.at as number) >= from && (r.at as number) < to;
  const orders = log.filter((r) => isOrder(r) && inReport(r));
  const refundRows = log.filter((r) => amount(r)?.lt(0) && inReport(r));
  const sum = (rows: readonly CohortEvent[]) =>
    rows.reduce((s, r) => s.plus(amount(r) ?? 0), new Decimal(0));
  const perCustomer = new Map<unknown, number>();
  for (const r of orders) perCustomer.set(r.customerId, (perCustomer.get(r.customerId) ?? 0) + 1);
  const firstOrder = new Map<unknown, number>();
  for (const r of log) {
    if (!isOrder(r) || (r.at as number) >= to) continue;
    const t = firstOrder.get(r.customerId);
    if (t === undefined || (r.at as number) < t) firstOrder.set(r.customerId, r.at as number);
  }
  const isNew = (id: unknown) => (firstOrder.get(id) as number) >= from;
  const gross = sum(orders);
  const refunds = o.refunds === "exclude" ? new Decimal(0) : sum(refundRows).neg();
  const newRevenue = sum(orders.filter((r) => isNew(r.customerId)));
  const customers = perCustomer.size;
  const repeat = [...perCustomer.values()].filter((n) => n >= 2).length;
  const newCustomers = [...perCustomer.keys()].filter(isNew).length;
  return {
    grossRevenue: gross.toString(),
    refunds: refunds.abs().toString(),
    netRevenue: gross.minus(refunds).toString(),
    orders: orders.length,
    customers,
    repeatCustomers: repeat,
    newCustomers,
    returningCustomers: customers - newCustomers,
    newCustomerRevenue: newRevenue.toString(),
    returningCustomerRevenue: gross.minus(newRevenue).toString(),
    averageOrderValue: orders.length === 0 ? null : gross.div(orders.length).toString(),
    purchaseFrequency:
      customers === 0 ? null : new Decimal(orders.length).div(customers).toString(),
    repeatCustomerRate: customers === 0 ? null : new Decimal(repeat).div(customers).toString(),
  };
}

describe("orderMetrics properties", () => {
  it("agrees with a straightforward implementation", () => {
    fc.assert(
      fc.property(logArb, reportArb, (log, r) => {
        const o = optionsOf(r);
        expect(plain(orderMetrics(log, o).total)).toEqual(reference(log, o));
      }),
    );
  });

  it("gives the same report for rows, columns, any order and any batching of a stream", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        reportArb,
        fc.func(fc.integer()),
        fc.array(fc.integer({ min: 0, max: 61 }), { maxLength: 5 }),
        async (log, r, rank, cuts) => {
          const o = optionsOf(r);
          const expected = JSON.stringify(orderMetrics(log, o));
          const columns = {
            customerId: log.map((e) => e.customerId),
            at: Float64Array.from(log, (e) => e.at),
            revenue: log.map((e) => e.revenue),
          };
          expect(JSON.stringify(orderMetrics(columns, o))).toBe(expected);
          const shuffled = log
            .map((e, i) => [rank(i), i, e] as const)
            .sort((x, y) => x[0] - y[0] || x[1] - y[1])
            .map((x) => x[2]);
          expect(JSON.stringify(orderMetrics(shuffled, o))).toBe(expected);
          // a stream of row batches, single rows and column chunks
          const bounds = [
            ...new Set([0, ...cuts.map((c) => Math.min(c, log.length)), log.length]),
          ].sort((x, y) => x - y);
          const items: unknown[] = [];
          for (let k = 0; k + 1 < bounds.length; k++) {
            const part = log.slice(bounds[k], bounds[k + 1]);
            if (k % 3 === 0) items.push(part);
            else if (k % 3 === 1) items.push(...part);
            else {
              items.push({
                customerId: part.map((e) => e.customerId),
                at: part.map((e) => e.at),
                revenue: part.map((e) => e.revenue),
              });
            }
          }
          async function* stream() {
            for (const item of items) yield item;
          }
          const viaStream = await orderMetricsAsync(stream() as AsyncIterable<CohortEvent>, o);
          expect(JSON.stringify(viaStream)).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("has a series that adds up to the total, and figures in range", () => {
    fc.assert(
      fc.property(
        logArb,
        reportArb.filter((r) => r.by !== undefined),
        (log, r) => {
          const { total, periods } = orderMetrics(log, optionsOf(r));
          expect(periods.length).toBeGreaterThan(0);
          const add = (pick: (f: OrderFigures) => Decimal | number) =>
            periods.reduce((s, p) => s.plus(pick(p)), new Decimal(0)).toString();
          for (const pick of [
            (f: OrderFigures) => f.grossRevenue,
            (f: OrderFigures) => f.refunds,
            (f: OrderFigures) => f.netRevenue,
            (f: OrderFigures) => f.orders,
            (f: OrderFigures) => f.newCustomers,
          ]) {
            expect(add(pick)).toBe(new Decimal(pick(total)).toString());
          }
          // periods are contiguous and cover the report
          expect(periods[0]?.start).toBe(new Date(r.from).toISOString());
          expect(periods.at(-1)?.end).toBe(new Date(r.from + r.length).toISOString());
          for (let i = 1; i < periods.length; i++) {
            expect(periods[i]?.start).toBe(periods[i - 1]?.end);
          }
          let most = 0;
          let sum = 0;
          for (const f of [total, ...periods]) {
            expect(f.repeatCustomers).toBeLessThanOrEqual(f.customers);
            expect(f.newCustomers + f.returningCustomers).toBe(f.customers);
            expect(f.customers).toBeLessThanOrEqual(f.orders);
            expect(f.grossRevenue.isNegative()).toBe(false);
            expect(f.refunds.isNegative()).toBe(false);
            if (f.customers > 0) {
              const rate = f.repeatCustomerRate as Decimal;
              expect(rate.gte(0) && rate.lte(1)).toBe(true);
              expect((f.purchaseFrequency as Decimal).gte(1)).toBe(true);
            }
          }
          for (const p of periods) {
            most = Math.max(most, p.customers);
            sum += p.customers;
          }
          // a customer of the report orders in at least one period, and at most in all
          expect(total.customers).toBeGreaterThanOrEqual(most);
          expect(total.customers).toBeLessThanOrEqual(sum);
        },
      ),
    );
  });
});
