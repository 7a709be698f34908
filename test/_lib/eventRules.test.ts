import { describe, expect, it } from "vitest";
import {
  isCalendarDate,
  isPurchase,
  lastObservedDay,
  noRevenueError,
  observationEnd,
  purchasesOption,
  refundsOption,
} from "../../src/_lib/eventRules.js";
import { MetricInputError } from "../../src/index.js";

const DAY = 86_400_000;

describe("event rules", () => {
  it("reads a calendar date as its last day included and an instant as itself", () => {
    expect(observationEnd("2024-06-30", "UTC", "f", "asOf")).toBe(Date.UTC(2024, 6, 1));
    expect(observationEnd("2024-06-30T00:00:00Z", "UTC", "f", "asOf")).toBe(Date.UTC(2024, 5, 30));
    expect(observationEnd(Date.UTC(2024, 5, 30), "UTC", "f", "asOf")).toBe(Date.UTC(2024, 5, 30));
    // in Kolkata (UTC+5:30) 1 July starts at 30 June 18:30 UTC
    expect(observationEnd("2024-06-30", "Asia/Kolkata", "f", "asOf")).toBe(
      Date.UTC(2024, 5, 30, 18, 30),
    );
    expect(isCalendarDate("2024-06-30")).toBe(true);
    expect(isCalendarDate("2024-06-30T00:00")).toBe(false);
  });

  it("counts the last observed day as the day holding the instant before the end", () => {
    expect(lastObservedDay(Date.UTC(2024, 6, 1), "UTC")).toBe(Date.UTC(2024, 5, 30) / DAY);
    expect(lastObservedDay(Date.UTC(2024, 6, 1, 0, 0, 0, 1), "UTC")).toBe(
      Date.UTC(2024, 6, 1) / DAY,
    );
  });

  it("tells purchases by the sign of revenue, with 'all' taking every row but refunds", () => {
    expect([isPurchase(1, true, "positive"), isPurchase(0, true, "positive")]).toEqual([
      true,
      false,
    ]);
    expect([isPurchase(0, false, "positive"), isPurchase(0, false, "all")]).toEqual([false, true]);
    expect([isPurchase(-1, true, "all"), isPurchase(0, true, "all")]).toEqual([false, true]);
  });

  it("validates the options and names the purchases option for a log without revenue", () => {
    expect(purchasesOption(undefined, "f")).toBe("positive");
    expect(refundsOption(undefined, "f")).toBe("net");
    expect(() => purchasesOption("some", "f")).toThrow(MetricInputError);
    expect(() => refundsOption("keep", "f", "options.refunds")).toThrow(
      'f: options.refunds must be one of "net", "exclude" (received "keep")',
    );
    expect(() => noRevenueError("rfmSegments", "purchases", "events")).toThrow(
      /^rfmSegments: purchases must be 'all' when no row of events has revenue/,
    );
  });
});
