export {
  type AverageRevenuePerAccountInput,
  averageRevenuePerAccount,
} from "./averageRevenuePerAccount.js";
export { type CacPaybackPeriodInput, cacPaybackPeriod } from "./cacPaybackPeriod.js";
export { type LtvToCacRatioInput, ltvToCacRatio } from "./ltvToCacRatio.js";
export {
  type MrrMovements,
  type MrrMovementsOptions,
  type MrrRow,
  mrrMovements,
} from "./mrrMovements.js";
export { type QuickRatioInput, type QuickRatioOptions, quickRatio } from "./quickRatio.js";
export { type SaasLifetimeValueInput, saasLifetimeValue } from "./saasLifetimeValue.js";
