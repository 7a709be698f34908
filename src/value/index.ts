export {
  type AverageCustomerLifespanInput,
  averageCustomerLifespan,
} from "./averageCustomerLifespan.js";
export { type AverageOrderValueInput, averageOrderValue } from "./averageOrderValue.js";
export {
  type CustomerLifetimeValueInput,
  customerLifetimeValue,
} from "./customerLifetimeValue.js";
export { type CustomerValueInput, customerValue } from "./customerValue.js";
export {
  type DiscountedLifetimeValueInput,
  type DiscountedLifetimeValueOptions,
  type DiscountedLifetimeValueTiming,
  discountedLifetimeValue,
} from "./discountedLifetimeValue.js";
export { type PurchaseFrequencyInput, purchaseFrequency } from "./purchaseFrequency.js";
export { type RepeatCustomerRateInput, repeatCustomerRate } from "./repeatCustomerRate.js";
