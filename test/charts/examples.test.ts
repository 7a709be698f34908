/** The `@example` of each chart's documentation, run as written (with the sample data). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  activeUsersChart,
  cohortHeatmap,
  funnelChart,
  lifecycleChart,
  lifetimeValueCurves,
  retentionCurves,
  retentionProjection,
  survivalChart,
} from "../../src/charts/index.js";
import {
  activeUsers,
  cohortAnalysis,
  fitShiftedBetaGeometric,
  funnel,
  kaplanMeier,
  lifecycle,
} from "../../src/index.js";
import { byClass, child, parseXml, textOf, type XmlElement } from "./_xml.js";

const orders = readFileSync(new URL("../../examples/data/shop-orders.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, customerId, at, revenue] = line.split(",") as [string, string, string, string];
    return { customerId, at, revenue };
  });
const desc = (svg: string) => textOf(child(parseXml(svg), "desc") as XmlElement);

describe("documented examples", () => {
  it("cohortHeatmap", () => {
    const table = cohortAnalysis(orders, { period: "month", asOf: "2024-06-30" });
    const svg = cohortHeatmap(table, { value: "retention", title: "Monthly retention" });
    expect(svg.startsWith("<svg")).toBe(true);
    // Six monthly cohorts, January to June: 6 + 5 + … + 1 complete cells.
    expect(
      byClass(parseXml(svg), "cm-cell").filter((c) => c.attributes["data-row"] !== "pooled"),
    ).toHaveLength(21);
  });

  it("retentionCurves and lifetimeValueCurves", () => {
    const table = cohortAnalysis(orders, { period: "month" });
    expect(byClass(parseXml(retentionCurves(table, { intervals: true })), "cm-band")).toHaveLength(
      7,
    );
    expect(desc(lifetimeValueCurves(table, { currency: "$" }))).toMatch(
      /^Cumulative revenue per customer of 6 cohorts over 6 months\. All cohorts pooled: month 0 \$/,
    );
  });

  it("survivalChart", () => {
    const monthly = kaplanMeier([
      { duration: 20, churned: true },
      { duration: 40, churned: false },
    ]);
    const annual = kaplanMeier([{ duration: 400, churned: false }]);
    const svg = survivalChart(
      [
        { name: "Monthly", result: monthly },
        { name: "Annual", result: annual },
      ],
      { unit: "days" },
    );
    expect(desc(svg)).toBe(
      "Kaplan–Meier survival curves. Monthly: 2 event times, median survival 20 days; Annual: 1 event time, survival stays above 50 % (last 100.0%).",
    );
  });

  it("retentionProjection", () => {
    const alive = [1000, 631, 468, 382, 326, 289, 262, 241]; // Fader & Hardie's "regular" customers
    const model = fitShiftedBetaGeometric({ alive });
    const svg = retentionProjection(model, alive, { horizon: 12 });
    expect(byClass(parseXml(svg), "cm-point")).toHaveLength(8);
  });

  it("lifecycleChart and activeUsersChart", () => {
    const events = orders.map((o) => ({ customerId: o.customerId, at: o.at }));
    expect(desc(lifecycleChart(lifecycle(events, { period: "week", asOf: "2024-06-30" })))).toMatch(
      /^Lifecycle of active customers by week, \d+ periods from 2024-W01 to 2024-W26\./,
    );
    expect(
      byClass(
        parseXml(activeUsersChart(activeUsers(events, { period: "day", windows: [1, 7, 30] }))),
        "cm-series",
      ),
    ).toHaveLength(3);
  });

  it("funnelChart", () => {
    const svg = funnelChart(
      funnel([
        { name: "visited", count: 1000 },
        { name: "added to cart", count: 500 },
        { name: "purchased", count: 100 },
      ]),
    );
    expect(desc(svg)).toBe(
      "Funnel of 3 steps: visited 1,000, added to cart 500 (50.0% of the previous step), purchased 100 (20.0% of the previous step).",
    );
  });
});
