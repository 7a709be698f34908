export {
  type BetaGeometricBetaBinomialModel,
  type BetaGeometricBetaBinomialOptions,
  fitBetaGeometricBetaBinomial,
  type ProbabilityAliveOptions,
  type TransactionOpportunityHistory,
  type TransactionOpportunityRow,
} from "./fitBetaGeometricBetaBinomial.js";
export {
  type DiscountedLifetimeInput,
  type DiscountedResidualLifetimeInput,
  fitShiftedBetaGeometric,
  type ShiftedBetaGeometricInput,
  type ShiftedBetaGeometricModel,
} from "./fitShiftedBetaGeometric.js";
