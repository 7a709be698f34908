export { behaviourSegments } from "./behaviourSegments.js";
export { funnelAnalysis } from "./funnelAnalysis.js";
export { lifecycleStageFunnel } from "./lifecycleStageFunnel.js";
export type {
  BehaviourEventNames,
  BehaviourSegment,
  BehaviourSegmentName,
  BehaviourSegmentsOptions,
  BehaviourSegmentsResult,
  ConversionWindow,
  FunnelAnalysisOptions,
  FunnelBreakdown,
  FunnelResult,
  FunnelStep,
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
