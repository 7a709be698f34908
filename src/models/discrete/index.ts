export {
  type DiscountedLifetimeInput,
  type DiscountedResidualLifetimeInput,
  fitShiftedBetaGeometric,
  type ShiftedBetaGeometricInput,
  type ShiftedBetaGeometricModel,
  type ShiftedBetaGeometricParams,
} from "./fitShiftedBetaGeometric.js";
