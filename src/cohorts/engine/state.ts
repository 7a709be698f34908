/**
 * The general aggregate table under the names `cohortAnalysisAsync` imports (`State`,
 * `addRowChunk`); the code is in ./aggregate/.
 */
export { CustomerPeriods as State } from "./aggregate/CustomerPeriods.js";
export { addRowChunk } from "./aggregate/feed.js";
