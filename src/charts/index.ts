/**
 * @packageDocumentation
 * `customer-metrics/charts`: the library's results drawn as SVG. Pure functions from a
 * cohort table, a Kaplan–Meier result, a fitted model's checks or an event-analytics
 * result to an SVG document (a string): no DOM, so they run in Node, browsers, Deno and
 * notebooks. Every chart is accessible (`role="img"`, `<title>`, `<desc>`), uses a
 * colour-blind-safe palette (viridis or cividis) with labels of at least 4.5:1 contrast,
 * has light and dark themes, and gives the same bytes for the same input.
 */

export type { ChartOptions } from "./_svg/options.js";
export { type ActiveUsersChartOptions, activeUsersChart } from "./activeUsersChart.js";
export {
  type CalibrationHoldoutChartOptions,
  calibrationHoldoutChart,
} from "./calibrationHoldoutChart.js";
export { type CohortHeatmapOptions, cohortHeatmap } from "./cohortHeatmap.js";
export { type FunnelChartOptions, funnelChart } from "./funnelChart.js";
export { type LifecycleChartOptions, lifecycleChart } from "./lifecycleChart.js";
export { type LifetimeValueCurvesOptions, lifetimeValueCurves } from "./lifetimeValueCurves.js";
export { type MatrixHeatmapOptions, matrixHeatmap } from "./matrixHeatmap.js";
export {
  type PeriodTransactionsChartOptions,
  periodTransactionsChart,
} from "./periodTransactionsChart.js";
export * from "./report/index.js";
export { type RetentionCurvesOptions, retentionCurves } from "./retentionCurves.js";
export { type RetentionProjectionOptions, retentionProjection } from "./retentionProjection.js";
export { type SurvivalChartOptions, type SurvivalGroup, survivalChart } from "./survivalChart.js";
export { type TrackingChartOptions, trackingChart } from "./trackingChart.js";
