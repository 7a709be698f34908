export type { Duration } from "./_units.js";
export { fitBetaGeometricNBD } from "./fitBetaGeometricNBD.js";
export { fitGammaGamma, type SpendSummaryRow } from "./fitGammaGamma.js";
export { fitParetoNBD } from "./fitParetoNBD.js";
export {
  type CustomerSummary,
  type PurchaseTransaction,
  type PurchaseTransactionColumns,
  type SummarizeTransactionsOptions,
  summarizeTransactions,
} from "./summarizeTransactions.js";
export type {
  BetaGeometricNBDModel,
  BetaGeometricNBDParameter,
  FittedModel,
  GammaGammaModel,
  GammaGammaParameter,
  ParetoNBDModel,
  ParetoNBDParameter,
  PurchaseHistory,
  PurchaseLifetimeValueInput,
  PurchaseModel,
  PurchaseModelFitOptions,
  PurchaseSummaryRow,
  SpendHistory,
  SpendModel,
} from "./types.js";
