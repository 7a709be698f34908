export {
  ENGAGEMENT_PRESETS,
  type EngagementAudience,
  type EngagementDenominator,
  type EngagementPlatform,
  type EngagementPlatformInput,
  type EngagementRateOptions,
  type EngagementTotalInput,
  engagementRate,
} from "./engagementRate.js";
export { type ReferralRateInput, referralRate } from "./referralRate.js";
export { type StickinessInput, stickiness } from "./stickiness.js";
