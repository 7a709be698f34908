export type { FrequencyBinsOptions } from "./_shared.js";
export {
  type CalibrationVsHoldout,
  type CalibrationVsHoldoutBin,
  calibrationVsHoldout,
} from "./calibrationVsHoldout.js";
export {
  type PeriodTransactions,
  type PeriodTransactionsBin,
  periodTransactions,
} from "./periodTransactions.js";
export { type PredictionErrors, predictionErrors } from "./predictionErrors.js";
export {
  type TrackingCurves,
  type TrackingCurvesOptions,
  type TrackingPoint,
  trackingCurves,
} from "./trackingCurves.js";
