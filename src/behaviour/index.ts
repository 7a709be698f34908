export { behaviourSegments } from "./behaviourSegments.js";
export { funnelAnalysis } from "./funnelAnalysis.js";
export { funnelAnalysisAsync } from "./funnelAnalysisAsync.js";
export { lifecycleStageFunnel } from "./lifecycleStageFunnel.js";
export type {
  BehaviourEventNames,
  BehaviourSegment,
  BehaviourSegmentName,
  BehaviourSegmentsOptions,
  BehaviourSegmentsResult,
  ConversionWindow,
  FunnelAnalysisOptions,
  FunnelAnalysisStep,
  FunnelBreakdown,
  FunnelResult,
  FunnelStepMatcher,
  LifecycleStageFunnelOptions,
  LifecycleStages,
  Quartiles,
  StepTimes,
  TypedEvent,
  TypedEventColumns,
  TypedEventOptions,
  WindowUnit,
} from "./types.js";
