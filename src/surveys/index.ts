export type { SurveyResponses, SurveyScale } from "./_responses.js";
export {
  type CustomerEffortScoreOptions,
  type CustomerEffortScoreResult,
  customerEffortScore,
  type EffortDistributionEntry,
} from "./customerEffortScore.js";
export {
  type CustomerSatisfactionScoreOptions,
  type CustomerSatisfactionScoreResult,
  customerSatisfactionScore,
} from "./customerSatisfactionScore.js";
export {
  type NetPromoterCounts,
  type NetPromoterInterval,
  type NetPromoterScoreOptions,
  type NetPromoterScoreResult,
  netPromoterScore,
} from "./netPromoterScore.js";
export { type ResponseRateInput, responseRate } from "./responseRate.js";
