// The library's event rules in summarizeTransactions and rfmSegments, on one log that holds a
// case of each rule: a refund-only customer, a refund on a purchase day, a refund on a day
// without a purchase, two orders on one day, a zero-revenue row, a customer whose only row
// has revenue 0, and a purchase exactly at an end. Reference values from DuckDB SQL over the
// same rows: node test/cohorts/group/reference_rules.mjs
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fitGammaGamma,
  MetricInputError,
  rfmSegments,
  summarizeTransactions,
} from "../../../src/index.js";

const ROWS = [
  { customerId: "buyer", at: "2024-01-01T09:00:00Z", revenue: "10.00" },
  { customerId: "buyer", at: "2024-01-01T15:00:00Z", revenue: "5.00" },
  { customerId: "buyer", at: "2024-01-03T10:00:00Z", revenue: "20.00" },
  { customerId: "buyer", at: "2024-01-03T11:00:00Z", revenue: "-8.00" },
  { customerId: "buyer", at: "2024-01-05T10:00:00Z", revenue: "-4.00" },
  { customerId: "buyer", at: "2024-01-07T10:00:00Z", revenue: "0.00" },
  { customerId: "buyer", at: "2024-01-08T12:00:00Z", revenue: "7.50" },
  { customerId: "refunder", at: "2024-01-02T10:00:00Z", revenue: "-15.00" },
  { customerId: "free", at: "2024-01-04T10:00:00Z", revenue: "0.00" },
  { customerId: "late", at: "2024-01-10T00:00:00Z", revenue: "30.00" },
  { customerId: "one", at: "2024-01-02T23:59:59Z", revenue: "12.00" },
];
const COLUMNS = {
  customerId: ROWS.map((r) => r.customerId),
  at: Float64Array.from(ROWS, (r) => Date.parse(r.at)),
  revenue: ROWS.map((r) => r.revenue),
};

type Case = readonly [
  name: string,
  end: string,
  options: { purchases?: "positive" | "all"; refunds?: "net" | "exclude" },
];
const CASES: readonly Case[] = [
  ["date 2024-01-09", "2024-01-09", {}],
  ["instant 2024-01-10T00:00:00Z", "2024-01-10T00:00:00Z", {}],
  ["date 2024-01-10", "2024-01-10", {}],
  ["exclude", "2024-01-09", { refunds: "exclude" }],
  ["all", "2024-01-09", { purchases: "all" }],
];

// node test/cohorts/group/reference_rules.mjs: [customer, frequency, recency, T, monetaryValue]
const SUMMARY: Record<string, string[][]> = {
  "date 2024-01-09": [
    ["buyer", "2", "7", "8", "9.75"],
    ["one", "0", "0", "7", "0"],
  ],
  "instant 2024-01-10T00:00:00Z": [
    ["buyer", "2", "7", "8", "9.75"],
    ["one", "0", "0", "7", "0"],
  ],
  "date 2024-01-10": [
    ["buyer", "2", "7", "9", "9.75"],
    ["late", "0", "0", "0", "0"],
    ["one", "0", "0", "8", "0"],
  ],
  exclude: [
    ["buyer", "2", "7", "8", "13.75"],
    ["one", "0", "0", "7", "0"],
  ],
  all: [
    ["buyer", "3", "7", "8", "6.5"],
    ["free", "0", "0", "5", "0"],
    ["one", "0", "0", "7", "0"],
  ],
};

// [customer, recency, orders, days, monetary]
const RFM: Record<string, (string | number)[][]> = {
  "date 2024-01-09": [
    ["buyer", 1, 4, 3, "30.5"],
    ["one", 7, 1, 1, "12"],
  ],
  "instant 2024-01-10T00:00:00Z": [
    ["buyer", 1, 4, 3, "30.5"],
    ["one", 7, 1, 1, "12"],
  ],
  "date 2024-01-10": [
    ["buyer", 2, 4, 3, "30.5"],
    ["late", 0, 1, 1, "30"],
    ["one", 8, 1, 1, "12"],
  ],
  exclude: [
    ["buyer", 1, 4, 3, "42.5"],
    ["one", 7, 1, 1, "12"],
  ],
  all: [
    ["buyer", 1, 5, 4, "30.5"],
    ["free", 5, 1, 1, "0"],
    ["one", 7, 1, 1, "12"],
  ],
};

describe("summarizeTransactions under the event rules", () => {
  it.each(CASES)("matches the DuckDB reference: %s", (name, end, options) => {
    for (const input of [ROWS, COLUMNS]) {
      const rows = summarizeTransactions(input, { observationEnd: end, unit: "day", ...options });
      expect(
        rows.map((r) => [
          r.customerId,
          r.frequency.toString(),
          r.recency.toString(),
          r.T.toString(),
          r.monetaryValue.toString(),
        ]),
      ).toEqual(SUMMARY[name]);
    }
  });

  it("counts two orders on one day as one purchase day with their amounts summed", () => {
    const [row] = summarizeTransactions(
      [
        { customerId: 1, at: "2024-01-01T09:00:00Z", revenue: "1" },
        { customerId: 1, at: "2024-01-02T09:00:00Z", revenue: "10" },
        { customerId: 1, at: "2024-01-02T18:00:00Z", revenue: "2.5" },
      ],
      { observationEnd: "2024-01-02", unit: "day" },
    );
    expect([row?.frequency.toString(), row?.monetaryValue.toString()]).toEqual(["1", "12.5"]);
  });

  it("finds the 36 refund days of the example shop log no repeat purchases, so Gamma-Gamma fits", () => {
    const rows = readFileSync(
      new URL("../../../examples/data/shop-orders.csv", import.meta.url),
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [, customerId, at, revenue] = line.split(",");
        return { customerId: customerId as string, at: at as string, revenue: revenue as string };
      });
    const summary = summarizeTransactions(rows, { observationEnd: "2024-06-30", unit: "week" });
    // DuckDB over the CSV: 540 customers with a purchase, 440 repeat purchase days (476 when
    // the days of the 36 refunds counted, as they did before the rules)
    expect(summary).toHaveLength(540);
    expect(summary.reduce((sum, r) => sum + r.frequency.toNumber(), 0)).toBe(440);
    expect(summary.filter((r) => r.frequency.gt(0) && r.monetaryValue.lte(0))).toEqual([]);
    expect(fitGammaGamma(summary).params.p.gt(0)).toBe(true);
  });

  it("names the customer when a day's refunds outweigh its purchases and Gamma-Gamma refuses the row", () => {
    const summary = summarizeTransactions(
      [
        { customerId: "c9", at: "2024-01-01", revenue: "10" },
        { customerId: "c9", at: "2024-01-02", revenue: "5" },
        { customerId: "c9", at: "2024-01-02", revenue: "-8" },
      ],
      { observationEnd: "2024-01-31", unit: "day" },
    );
    expect(summary[0]?.monetaryValue.toString()).toBe("-3");
    let error: unknown;
    try {
      fitGammaGamma(summary);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MetricInputError);
    expect((error as MetricInputError).code).toBe("NEGATIVE");
    expect((error as MetricInputError).field).toBe("summary[0].monetaryValue");
    expect((error as MetricInputError).message).toBe(
      'fitGammaGamma: summary[0].monetaryValue of customer "c9" must not be negative (received Decimal(-3))',
    );
  });
});

describe("rfmSegments under the event rules", () => {
  it.each(CASES)("matches the DuckDB reference: %s", (name, end, options) => {
    for (const input of [ROWS, COLUMNS]) {
      const orders = rfmSegments(input, { asOf: end, bins: 2, ...options });
      const days = rfmSegments(input, { asOf: end, bins: 2, frequency: "days", ...options });
      expect(
        orders.customers.map((c, i) => [
          c.customerId,
          c.recency,
          c.frequency,
          days.customers[i]?.frequency,
          c.monetary.toString(),
        ]),
      ).toEqual(RFM[name]);
    }
  });

  it("counts two orders on one day as 2 orders or 1 purchase day, and the mean per either", () => {
    const log = [
      { customerId: 1, at: "2024-01-02T09:00:00Z", revenue: "10" },
      { customerId: 1, at: "2024-01-02T18:00:00Z", revenue: "2" },
    ];
    const orders = rfmSegments(log, { asOf: "2024-01-02", monetary: "mean" }).customers[0];
    const days = rfmSegments(log, { asOf: "2024-01-02", monetary: "mean", frequency: "days" })
      .customers[0];
    expect([orders?.frequency, orders?.monetary.toString()]).toEqual([2, "6"]);
    expect([days?.frequency, days?.monetary.toString()]).toEqual([1, "12"]);
  });
});
