// trackingCurves reads its log through the engine's per-customer scan: one rule for what a
// purchase is (as summarizeTransactions), customers numbered once. The actual counts below
// are counted by hand from the logs (each customer's first purchase day is the trial, every
// later distinct purchase day one repeat purchase).
import { describe, expect, it } from "vitest";
import { BetaGeometricNBD, trackingCurves } from "../../../../src/index.js";
import { lifetimesReference } from "../_modelChecksReference.js";

const model = BetaGeometricNBD.fromParams(lifetimesReference.checks.bgnbd.params, {
  unit: "week",
});

const actual = (curves: ReturnType<typeof trackingCurves>) =>
  curves.points.map((p) => p.actualCumulative.toNumber());

describe("trackingCurves on the per-customer scan", () => {
  // Days from 2024-01-01 (step 1 ends on 01-01, step k on day k − 1).
  const log = [
    { customerId: "a", at: "2024-01-01T08:00:00Z", revenue: "10" }, // a's trial
    { customerId: "a", at: "2024-01-03T09:00:00Z", revenue: "5" }, // repeat day 2
    { customerId: "a", at: "2024-01-03T18:00:00Z", revenue: "7" }, // same day: not another
    { customerId: "a", at: "2024-01-04T10:00:00Z", revenue: "-5" }, // refund: no purchase
    { customerId: "a", at: "2024-01-05T10:00:00Z", revenue: "0" }, // activity: no purchase
    { customerId: 1, at: "2024-01-02T10:00:00Z", revenue: "3" }, // 1's trial
    { customerId: "1", at: "2024-01-02T11:00:00Z", revenue: "3" }, // '1' is another customer
    { customerId: 1, at: "2024-01-04T10:00:00Z", revenue: "3" }, // repeat day 3
    { customerId: "b", at: "2024-01-02T10:00:00Z", revenue: "-9" }, // refund only: no customer
    { customerId: "b", at: "2024-01-06T10:00:00Z", revenue: "4" }, // b's trial (after the end)
  ];
  const options = { observationEnd: "2024-01-05", period: "day" } as const;

  it("counts one repeat purchase per later purchase day, refunds and activity left out", () => {
    const curves = trackingCurves(model, log, options);
    expect(curves.start).toBe("2024-01-01");
    expect(curves.points.map((p) => p.end)).toEqual([
      "2024-01-01",
      "2024-01-02",
      "2024-01-03",
      "2024-01-04",
      "2024-01-05",
    ]);
    expect(actual(curves)).toEqual([0, 0, 1, 2, 2]);
  });

  it("reads columns as it reads rows", () => {
    const columns = {
      customerId: log.map((r) => r.customerId),
      at: log.map((r) => r.at),
      revenue: log.map((r) => r.revenue),
    };
    const fromRows = trackingCurves(model, log, options);
    const fromColumns = trackingCurves(model, columns, options);
    expect(fromColumns.points.map((p) => p.expectedCumulative.toString())).toEqual(
      fromRows.points.map((p) => p.expectedCumulative.toString()),
    );
    expect(actual(fromColumns)).toEqual(actual(fromRows));
  });

  it("expects purchases of three customers: two trials on day 1 and one on day 0", () => {
    // expectedCumulative_k = Σ_d n_d · E[X((E_k − d)/7)], first days 0 (a) and 1 (1 and '1')
    const curves = trackingCurves(model, log, options);
    const weeks = (days: number) => model.expectedPurchases({ days });
    curves.points.forEach((p, k) => {
      const expected = weeks(k).toNumber() + (k >= 1 ? 2 * weeks(k - 1).toNumber() : 0);
      expect(Math.abs(p.expectedCumulative.toNumber() - expected)).toBeLessThan(1e-12);
    });
  });

  it("counts purchases of every customer of a log spread over many customers", () => {
    // 5,000 customers, customer c buying on days c % 7 and c % 7 + 3 (twice) of January 2024:
    // 5,000 repeat purchases in all, on days 3 to 9.
    const rows: { customerId: string; at: number; revenue: number }[] = [];
    for (let c = 0; c < 5000; c++) {
      const first = Date.UTC(2024, 0, 1 + (c % 7), 12);
      rows.push({ customerId: `c${c}`, at: first, revenue: 1 });
      rows.push({ customerId: `c${c}`, at: first + 3 * 86_400_000, revenue: 1 });
      rows.push({ customerId: `c${c}`, at: first + 3 * 86_400_000 + 60_000, revenue: 1 });
    }
    const curves = trackingCurves(model, rows, { observationEnd: "2024-01-31", period: "day" });
    expect(curves.points).toHaveLength(31);
    // by the end of day k (k = 3 … 9), the customers with c % 7 ≤ k − 3 have repeated
    const perResidue = (r: number) => Math.floor((5000 - 1 - r) / 7) + 1;
    const expected = Array.from({ length: 31 }, (_, k) => {
      let n = 0;
      for (let r = 0; r <= Math.min(6, k - 3); r++) n += perResidue(r);
      return n;
    });
    expect(actual(curves)).toEqual(expected);
    expect(actual(curves)[30]).toBe(5000);
  });
});
