import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CohortEvent,
  Decimal,
  MetricInputError,
  type OrderMetricsOptions,
  orderMetrics,
  orderMetricsAsync,
} from "../../src/index.js";
import { outcomeOf, type StreamForm, stream, streamItems } from "../_helpers.js";

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

/** The log cut at `cuts`, each part sent as `forms[k]`. */
function batches(
  log: readonly CohortEvent[],
  cuts: readonly number[],
  forms: readonly StreamForm[],
): unknown[] {
  return streamItems(log, cuts, forms, (part, form) => {
    const typed =
      form === "typed" &&
      part.every((e) => typeof e.customerId === "number" && typeof e.at === "number");
    return {
      customerId: typed
        ? Float64Array.from(part, (e) => e.customerId as number)
        : part.map((e) => e.customerId),
      at: typed ? Float64Array.from(part, (e) => e.at as number) : part.map((e) => e.at),
      revenue: part.map((e) => e.revenue),
    };
  });
}

/** The result or the error's code, field and message, as a string to compare. */
function outcome(run: () => unknown): Promise<string> {
  return outcomeOf(run, /^orderMetrics(Async)?: /);
}

// Amounts of every form the log takes: numbers, decimal strings, amounts with more than two
// decimals or beyond the float range of cents (read exactly as Decimals), Decimals, no revenue.
const revenueArb = fc.oneof(
  fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)),
  fc.integer({ min: -5000, max: 20000 }).map((c) => c / 100),
  fc.constantFrom(
    undefined,
    null,
    0,
    -0,
    "0",
    "-0.00",
    "0.001",
    "-0.005",
    "12.345",
    "123456789012345678.25",
    "-98765432109876.5",
    2e13,
    1.5e-7,
  ),
  fc.integer({ min: -500, max: 500 }).map((c) => new Decimal(c).div(7)),
);
const timeArb = fc.integer({ min: 0, max: 120 * DAY }).map((ms) => BASE + ms);
const eventArb = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "é", 1, 2, -0, 3.5),
  at: fc.oneof(
    { weight: 4, arbitrary: timeArb },
    { weight: 1, arbitrary: timeArb.map((t) => new Date(t).toISOString()) },
    { weight: 1, arbitrary: timeArb.map((t) => new Date(t)) },
  ),
  revenue: revenueArb,
});
const reportArb = fc.record({
  from: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => BASE + ms),
  length: fc.integer({ min: 1, max: 80 * DAY }),
  by: fc.constantFrom(undefined, "day", "week", "month", "quarter", "year" as const),
  timeZone: fc.constantFrom("UTC", "America/New_York", "Australia/Lord_Howe"),
  purchases: fc.constantFrom("positive", "all" as const),
  refunds: fc.constantFrom("net", "exclude" as const),
});
const formsArb = fc.array(fc.constantFrom<StreamForm>("row", "array", "columns", "typed"), {
  minLength: 1,
  maxLength: 4,
});

function optionsOf(r: {
  from: number;
  length: number;
  by: OrderMetricsOptions["by"];
  timeZone: string;
  purchases: "positive" | "all";
  refunds: "net" | "exclude";
}): OrderMetricsOptions {
  return {
    from: r.from,
    to: r.from + r.length,
    by: r.by,
    timeZone: r.timeZone,
    purchases: r.purchases,
    refunds: r.refunds,
  };
}

describe("orderMetricsAsync", () => {
  it("equals orderMetrics of the concatenated log for any batching into rows, arrays and column chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 80 }),
        reportArb,
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 8 }),
        formsArb,
        async (log, r, cuts, forms) => {
          const o = optionsOf(r);
          const expected = await outcome(() => orderMetrics(log, o));
          const items = batches(log, cuts, forms);
          expect(
            await outcome(() => orderMetricsAsync(stream(items) as AsyncIterable<CohortEvent>, o)),
          ).toBe(expected);
          // a sync iterable of the same items
          expect(await outcome(() => orderMetricsAsync(items as Iterable<CohortEvent>, o))).toBe(
            expected,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("equals orderMetrics with accessors, each row read once with its index in the whole stream", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 60 }),
        reportArb,
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        async (log, r, cuts) => {
          const shaped = log.map((e) => ({ who: e.customerId, when: e.at, paid: e.revenue }));
          type Shaped = (typeof shaped)[number];
          const reads: number[] = [];
          const o: OrderMetricsOptions<Shaped> = {
            ...optionsOf(r),
            customerId: (row, i) => {
              reads.push(i);
              return row.who;
            },
            at: (row) => row.when,
            revenue: (row) => row.paid,
          };
          const expected = await outcome(() => orderMetrics(shaped, o));
          reads.length = 0;
          const items = batches(shaped as unknown as CohortEvent[], cuts, ["array", "row"]);
          const got = await outcome(() =>
            orderMetricsAsync(stream(items) as AsyncIterable<Shaped>, o),
          );
          expect(got).toBe(expected);
          if (!expected.startsWith("{")) return;
          expect(reads).toEqual(shaped.map((_, i) => i));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("names the bad event by its index in the whole stream, across batch boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 39 }),
        fc.constantFrom(
          ["customerId", { a: 1 }, "NOT_A_NUMBER"],
          ["at", "not a date", "INVALID_DATE"],
          ["revenue", "12 dollars", "NOT_A_NUMBER"],
          ["revenue", Number.POSITIVE_INFINITY, "NOT_FINITE"],
        ),
        fc.array(fc.integer({ min: 0, max: 41 }), { maxLength: 6 }),
        formsArb,
        async (bad, [field, value, code], cuts, forms) => {
          const log: CohortEvent[] = Array.from({ length: 41 }, (_, i) => ({
            customerId: i % 5,
            at: BASE + i * DAY,
            revenue: i % 3 === 0 ? -1.5 : 10,
          }));
          log[bad] = { ...log[bad], [field]: value } as CohortEvent;
          // a later bad time: the first bad event is the one named
          log[40] = { ...log[40], at: "later" } as CohortEvent;
          const error = await orderMetricsAsync(
            stream(batches(log, cuts, forms)) as AsyncIterable<CohortEvent>,
            { from: "2024-01-01", to: "2024-03-01", by: "month" },
          ).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(MetricInputError);
          const e = error as MetricInputError;
          expect([e.code, e.field]).toEqual([code, `orders[${bad}].${field}`]);
          expect(e.message).toMatch(/^orderMetricsAsync: /);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("tells thousands of customers apart: short and long strings, numbers, '1' from 1, -0 as 0", async () => {
    const ids: unknown[] = [];
    for (let i = 0; i < 3000; i++)
      ids.push(`c${i}`, i, String(i), `customer-number-${i}`, `ü${i}`, i + 0.5);
    ids.push(-0, 0, 2 ** 40, "", "日本");
    // each id orders once before the report and a random number of times in it
    const log: CohortEvent[] = [];
    for (const [k, id] of ids.entries()) {
      if (k % 3 === 0) log.push({ customerId: id as string, at: BASE, revenue: 1 });
      for (let j = 0; j < (k * 7) % 4; j++) {
        log.push({
          customerId: id as string,
          at: BASE + (1 + ((k + j) % 50)) * DAY,
          revenue: "2.50",
        });
      }
    }
    const o = { from: BASE + DAY, to: BASE + 60 * DAY, by: "month" as const };
    const expected = orderMetrics(log, o);
    expect(expected.total.customers).toBeGreaterThan(8000);
    const items = batches(log, [5000, 12000, 20001], ["columns", "array", "typed", "row"]);
    expect(
      JSON.stringify(await orderMetricsAsync(stream(items) as AsyncIterable<CohortEvent>, o)),
    ).toBe(JSON.stringify(expected));
  });

  it("names event 70000 of a stream of column chunks of 65,536", async () => {
    const n = 65_536;
    function* chunks() {
      for (let c = 0; c < 2; c++) {
        const at: unknown[] = Array.from({ length: n }, (_, i) => BASE + i);
        if (c === 1) at[70_000 - n] = "2024-13-45";
        yield { customerId: new Int32Array(n).fill(c), at, revenue: new Float64Array(n).fill(1) };
      }
    }
    const error = await orderMetricsAsync(chunks() as Iterable<CohortEvent>, {
      from: "2024-01-01",
      to: "2024-02-01",
    }).catch((e: unknown) => e);
    expect([(error as MetricInputError).code, (error as MetricInputError).field]).toEqual([
      "INVALID_DATE",
      "orders[70000].at",
    ]);
  });

  it("refuses a log without revenue under purchases: 'positive', as orderMetrics does, and counts it under 'all'", async () => {
    const log = [
      { customerId: "a", at: BASE + DAY },
      { customerId: "b", at: BASE + 40 * DAY },
    ];
    const o = { from: BASE, to: BASE + 30 * DAY };
    const error = await orderMetricsAsync(
      stream([log[0], [log[1]]]) as AsyncIterable<CohortEvent>,
      o,
    ).catch((e: unknown) => e);
    expect([(error as MetricInputError).code, (error as MetricInputError).field]).toEqual([
      "INVALID_OPTION",
      "purchases",
    ]);
    const all = await orderMetricsAsync(stream([log]) as AsyncIterable<CohortEvent>, {
      ...o,
      purchases: "all",
    });
    expect([all.total.orders, all.total.customers, String(all.total.grossRevenue)]).toEqual([
      1,
      1,
      "0",
    ]);
  });

  it("keeps amounts beyond a float's cents exact after events held as floats", async () => {
    // 0.1 + 0.2 as held amounts and a 19-digit amount after them: exact sums
    const report = await orderMetricsAsync(
      stream([
        { customerId: ["a", "b"], at: [BASE, BASE + 1], revenue: [0.1, "0.2"] },
        [{ customerId: "c", at: BASE + 2, revenue: "12345678901234567.89" }],
        { customerId: ["a"], at: [BASE + 3], revenue: ["0.005"] },
      ]) as AsyncIterable<CohortEvent>,
      { from: BASE, to: BASE + DAY },
    );
    expect(String(report.total.grossRevenue)).toBe("12345678901234568.195");
    expect([report.total.orders, report.total.customers, report.total.repeatCustomers]).toEqual([
      4, 3, 1,
    ]);
  });
});
