export { costPerImpression, type ImpressionCostInput } from "./costPerImpression.js";
export { costPerMille } from "./costPerMille.js";
export {
  type CustomerAcquisitionCostInput,
  customerAcquisitionCost,
} from "./customerAcquisitionCost.js";
