export {
  type KaplanMeierOptions,
  type KaplanMeierPoint,
  type KaplanMeierResult,
  kaplanMeier,
  type SurvivalDuration,
  type SurvivalSpan,
  type SurvivalSubject,
  type SurvivalUnit,
} from "./kaplanMeier.js";
export {
  type RepeatPurchaseRetentionOptions,
  type RepeatPurchaseRetentionResult,
  repeatPurchaseRetention,
} from "./repeatPurchaseRetention.js";
export {
  type RfmCustomer,
  type RfmSegmentRule,
  type RfmSegmentSummary,
  type RfmSegmentsOptions,
  type RfmSegmentsResult,
  type RfmTies,
  rfmSegments,
} from "./rfmSegments.js";
