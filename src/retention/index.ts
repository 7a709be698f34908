export { grossRevenueRetention } from "./grossRevenueRetention.js";
export {
  type NetRevenueRetentionOptions,
  netRevenueRetention,
  type RevenueRetentionInput,
} from "./netRevenueRetention.js";
export { type RetentionRateInput, retentionRate } from "./retentionRate.js";
