import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as charts from "../src/charts/index.js";
import * as api from "../src/index.js";
import * as sql from "../src/sql/index.js";

// The public surface, as named in the API contract. A change here is a change for users and
// belongs in CHANGELOG.md.
const EXPORTS = [
  "BetaGeometricNBD",
  "CohortAccumulator",
  "Decimal",
  "ENGAGEMENT_PRESETS",
  "GammaGamma",
  "MetricInputError",
  "ModifiedBetaGeometricNBD",
  "ParetoNBD",
  "activeUsers",
  "activeUsersAsync",
  "averageCustomerLifespan",
  "averageOrderValue",
  "averageRevenuePerAccount",
  "behaviourSegments",
  "cacPaybackPeriod",
  "calibrationVsHoldout",
  "cartAbandonmentRate",
  "churnRate",
  "cohortAnalysis",
  "cohortAnalysisAsync",
  "compareConversion",
  "conversionRate",
  "convertRate",
  "costPerImpression",
  "costPerMille",
  "createCohortAccumulator",
  "customerAcquisitionCost",
  "customerEffortScore",
  "customerLifetimeValue",
  "customerSatisfactionScore",
  "customerValue",
  "discountedLifetimeValue",
  "engagementRate",
  "fitBetaGeometricBetaBinomial",
  "fitBetaGeometricNBD",
  "fitGammaGamma",
  "fitModifiedBetaGeometricNBD",
  "fitParetoNBD",
  "fitShiftedBetaGeometric",
  "formatPercent",
  "funnel",
  "funnelAnalysis",
  "funnelAnalysisAsync",
  "grossRevenueChurnRate",
  "grossRevenueRetention",
  "isMetricInputError",
  "kaplanMeier",
  "lifecycle",
  "lifecycleAsync",
  "lifecycleStageFunnel",
  "ltvToCacRatio",
  "mrrMovements",
  "netPromoterScore",
  "netRevenueChurnRate",
  "netRevenueRetention",
  "orderMetrics",
  "orderMetricsAsync",
  "periodTransactions",
  "predictionErrors",
  "purchaseFrequency",
  "quickRatio",
  "referralRate",
  "repeatCustomerRate",
  "repeatPurchaseRetention",
  "responseRate",
  "retentionRate",
  "rfmSegments",
  "round",
  "saasLifetimeValue",
  "stickiness",
  "summarizeTransactions",
  "toPercent",
  "trackingCurves",
  "wilsonInterval",
];

/** `customer-metrics/sql`. */
const SQL_EXPORTS = [
  "cohortQuery",
  "cohortTableFromRows",
  "repeatFromRows",
  "repeatQuery",
  "rfmFromRows",
  "rfmQuery",
  "summaryFromRows",
  "summaryQuery",
];

/** `customer-metrics/charts`. */
const CHART_EXPORTS = [
  "activeUsersChart",
  "calibrationHoldoutChart",
  "cohortHeatmap",
  "customerReport",
  "funnelChart",
  "htmlReport",
  "lifecycleChart",
  "lifetimeValueCurves",
  "matrixHeatmap",
  "periodTransactionsChart",
  "retentionCurves",
  "retentionProjection",
  "survivalChart",
  "trackingChart",
];

describe("package exports", () => {
  it("exports exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual(EXPORTS);
    expect(Object.keys(sql).sort()).toEqual(SQL_EXPORTS);
    expect(Object.keys(charts).sort()).toEqual(CHART_EXPORTS);
  });

  it("has no default export and no module-level state to configure", () => {
    expect("default" in api).toBe(false);
    expect("configure" in api).toBe(false);
  });

  it("exports a Decimal clone that is not the user's decimal.js constructor", () => {
    const require = createRequire(import.meta.url);
    const { Decimal: UserDecimal } = require("decimal.js") as typeof import("decimal.js");
    expect(api.Decimal).not.toBe(UserDecimal);
    expect(api.Decimal.precision).toBe(40);
    expect(UserDecimal.precision).toBe(20);
  });
});
