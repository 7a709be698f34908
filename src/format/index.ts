export { type FormatPercentOptions, formatPercent } from "./formatPercent.js";
export { round } from "./round.js";
export { toPercent } from "./toPercent.js";
