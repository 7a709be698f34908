export {
  type ChurnDenominator,
  type ChurnFlowInput,
  type ChurnLostInput,
  type ChurnRateInput,
  type ChurnRateOptions,
  churnRate,
} from "./churnRate.js";
export { type ConvertRateOptions, convertRate } from "./convertRate.js";
export {
  type GrossRevenueChurnRateInput,
  type GrossRevenueChurnRateOptions,
  grossRevenueChurnRate,
} from "./grossRevenueChurnRate.js";
export {
  type NetRevenueChurnRateInput,
  type NetRevenueChurnRateOptions,
  netRevenueChurnRate,
} from "./netRevenueChurnRate.js";
