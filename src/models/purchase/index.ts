export type { Duration } from "./_units.js";
export { BetaGeometricNBD } from "./BetaGeometricNBD.js";
export * from "./checks/index.js";
export { fitBetaGeometricNBD } from "./fitBetaGeometricNBD.js";
export { fitGammaGamma, type SpendModelFitOptions, type SpendSummaryRow } from "./fitGammaGamma.js";
export {
  fitModifiedBetaGeometricNBD,
  type ModifiedBetaGeometricNBDModel,
} from "./fitModifiedBetaGeometricNBD.js";
export { fitParetoNBD } from "./fitParetoNBD.js";
export { GammaGamma } from "./GammaGamma.js";
export { ModifiedBetaGeometricNBD } from "./ModifiedBetaGeometricNBD.js";
export { ParetoNBD } from "./ParetoNBD.js";
export {
  type CustomerSummary,
  type PurchaseTransaction,
  type PurchaseTransactionColumns,
  type SummarizeTransactionsOptions,
  summarizeTransactions,
} from "./summarizeTransactions.js";
export type {
  BatchOutputOptions,
  BetaGeometricNBDModel,
  BetaGeometricNBDParameter,
  FittedModel,
  GammaGammaModel,
  GammaGammaModelValue,
  GammaGammaParameter,
  ModelJSON,
  ModelKind,
  ModelParameterRow,
  ParetoNBDModel,
  ParetoNBDParameter,
  PredictionGrid,
  PredictionMatrix,
  PurchaseHistory,
  PurchaseLifetimeValueInput,
  PurchaseModel,
  PurchaseModelFitOptions,
  PurchaseModelValue,
  PurchasePrediction,
  PurchaseSummaryColumns,
  PurchaseSummaryInput,
  PurchaseSummaryRow,
  RankedCustomer,
  RankOptions,
  SpendHistory,
  SpendModel,
  SpendSummaryInput,
} from "./types.js";
