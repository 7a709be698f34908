export {
  type CartAbandonmentRateInput,
  cartAbandonmentRate,
} from "./cartAbandonmentRate.js";
export {
  type CompareConversionInput,
  type CompareConversionOptions,
  type ConversionAlternative,
  type ConversionArm,
  type ConversionComparison,
  compareConversion,
} from "./compareConversion.js";
export { type ConversionRateInput, conversionRate } from "./conversionRate.js";
export {
  type FunnelOptions,
  type FunnelStep,
  type FunnelStepResult,
  funnel,
} from "./funnel.js";
export {
  type ProportionInterval,
  type ProportionIntervalMethod,
  type WilsonIntervalInput,
  type WilsonIntervalOptions,
  wilsonInterval,
} from "./wilsonInterval.js";
