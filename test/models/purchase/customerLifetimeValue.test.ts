import { describe, expect, it } from "vitest";
import {
  Decimal,
  fitBetaGeometricNBD,
  fitGammaGamma,
  fitParetoNBD,
  summarizeTransactions,
} from "../../../src/index.js";
import { cdnowSummary, cdnowTransactions, reference, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));
const bg = fitBetaGeometricNBD(cdnow, { unit: "week" });
const pnbd = fitParetoNBD(cdnow, { unit: "week" });
const gg = fitGammaGamma(
  summarizeTransactions(cdnowTransactions(), {
    observationEnd: "1997-09-30",
    unit: "week",
    purchases: "all",
  }),
);
const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };
const monthly = {
  spendModel: gg,
  customer,
  horizon: { months: 12 },
  discountRate: "0.01",
  discountRateUnit: "month",
} as const;

describe("customerLifetimeValue", () => {
  it("follows lifetimes' customer_lifetime_value formula with a month of 30.436875 days", () => {
    // reference.py: Σ_{i=1..12} spend · (E[Y(i·m)] − E[Y((i−1)·m)]) / 1.01^i with m the month in
    // weeks, mpmath at the scipy estimates (lifetimes.utils._customer_lifetime_value).
    expect(
      relativeError(bg.customerLifetimeValue(monthly), reference.clv.bgMonthly12),
    ).toBeLessThan(1e-5);
    expect(
      relativeError(pnbd.customerLifetimeValue(monthly), reference.clv.paretoMonthly12),
    ).toBeLessThan(1e-4);
    // lifetimes steps 4.345 weeks per month (freq 'W'); our month is 30.436875 / 7 = 4.348125
    // weeks, so its figure is 0.06 % lower here.
    expect(
      relativeError(bg.customerLifetimeValue(monthly), reference.clv.bgLifetimesFactor),
    ).toBeLessThan(1e-3);
    expect(bg.customerLifetimeValue(monthly).toFixed(2)).toBe("36.30");
  });

  it("is spend times expected purchases over the horizon when nothing is discounted", () => {
    const value = bg.customerLifetimeValue({
      ...monthly,
      discountRate: 0,
      discountRateUnit: undefined,
    });
    const expected = gg
      .conditionalExpectedSpend(customer)
      .times(bg.conditionalExpectedPurchases(customer, { months: 12 }));
    expect(relativeError(value, expected.toNumber())).toBeLessThan(1e-12);
    const weekly = pnbd.customerLifetimeValue({
      ...monthly,
      horizon: { weeks: 52 },
      discountRate: 0,
    });
    const weeklyExpected = gg
      .conditionalExpectedSpend(customer)
      .times(pnbd.conditionalExpectedPurchases(customer, { weeks: 52 }));
    expect(relativeError(weekly, weeklyExpected.toNumber())).toBeLessThan(1e-12);
  });

  it("converts the discount rate between units by compounding", () => {
    const annual = new Decimal("1.01").pow(12).minus(1);
    const value = bg.customerLifetimeValue({
      ...monthly,
      discountRate: annual,
      discountRateUnit: "year",
    });
    expect(relativeError(value, bg.customerLifetimeValue(monthly).toNumber())).toBeLessThan(1e-12);
  });

  it("gives the same value whether the model was fitted in days or in weeks", () => {
    // The classic bug: a fixed 30-day step applied to a model fitted in weeks.
    const days = fitBetaGeometricNBD(
      cdnow.map((row) => ({ ...row, recency: row.recency * 7, T: row.T * 7 })),
      { unit: "day" },
    );
    const inDays = days.customerLifetimeValue({
      ...monthly,
      customer: { ...customer, recency: customer.recency * 7, T: customer.T * 7 },
    });
    expect(relativeError(inDays, bg.customerLifetimeValue(monthly).toNumber())).toBeLessThan(1e-5);
  });

  it("scales with the margin and is 0 over an empty horizon", () => {
    const full = bg.customerLifetimeValue(monthly).toNumber();
    expect(
      relativeError(bg.customerLifetimeValue({ ...monthly, margin: "0.3" }), 0.3 * full),
    ).toBeLessThan(1e-14);
    expect(bg.customerLifetimeValue({ ...monthly, horizon: { years: 0 } }).toString()).toBe("0");
  });

  it("accepts any spend model with conditionalExpectedSpend", () => {
    const flat = { conditionalExpectedSpend: () => new Decimal(10) };
    const value = bg.customerLifetimeValue({ ...monthly, spendModel: flat, discountRate: 0 });
    expect(
      relativeError(
        value,
        10 * bg.conditionalExpectedPurchases(customer, { months: 12 }).toNumber(),
      ),
    ).toBeLessThan(1e-12);
  });

  it("rejects a horizon or rate without a unit, and other bad inputs", () => {
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, horizon: 12 } as never),
      "INVALID_OPTION",
      "horizon",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, horizon: { months: 1.5 } }),
      "NOT_INTEGER",
      "horizon.months",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, horizon: { days: 1e6 } }),
      "OUT_OF_RANGE",
      "horizon.days",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, discountRateUnit: undefined }),
      "INVALID_OPTION",
      "discountRateUnit",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, discountRate: -0.1 }),
      "NEGATIVE",
      "discountRate",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, margin: 2 }),
      "OUT_OF_RANGE",
      "margin",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, spendModel: {} as never }),
      "INVALID_OPTION",
      "spendModel",
    );
    expectError(
      () =>
        bg.customerLifetimeValue({
          ...monthly,
          spendModel: { conditionalExpectedSpend: () => "lots" } as never,
        }),
      "NOT_A_NUMBER",
      "spendModel.conditionalExpectedSpend",
    );
    expectError(
      () => bg.customerLifetimeValue({ ...monthly, customer: { ...customer, recency: 50 } }),
      "INCONSISTENT",
      "customer.recency",
    );
    expectError(() => bg.customerLifetimeValue(undefined as never), "NOT_A_NUMBER", "input");
  });
});
