// model_checks.json: values computed with lifetimes' own source (see
// test/fixtures/models/model_checks.py for the command and what each value is).
import { readFileSync } from "node:fs";

type History = [number, number, number];

interface Predictions {
  params: [number, number, number, number];
  expected: [number, number][];
  conditional: [History, number, number][];
  alive: [History, number][];
  probabilityOfPurchases: [number, number, number][];
}

interface CheckReference {
  params: { r: number; alpha: number; a: number; b: number };
  periodTransactions: { expected: number[]; actual: number[] };
  calibrationVsHoldout: {
    frequency: number;
    customers: number;
    actual: number;
    predicted: number;
  }[];
  predictionErrors: {
    meanAbsoluteError: number;
    rootMeanSquaredError: number;
    bias: number;
    predictedTotal: number;
    actualTotal: number;
    first: [number, number, number][];
  };
  tracking: { lifetimesPredicted: number[]; actual: number[]; predicted: number[] };
}

export const lifetimesReference = JSON.parse(
  readFileSync(new URL("../../fixtures/models/model_checks.json", import.meta.url), "utf8"),
) as {
  mbgnbd: {
    params: { r: number; alpha: number; a: number; b: number };
    logLikelihood: number;
    logLikelihoodAt: [[number, number, number, number], number][];
    fitted: Predictions;
    published: Predictions;
    penalized: {
      penalizer: number;
      params: { r: number; alpha: number; a: number; b: number };
    }[];
  };
  checks: {
    customers: number;
    durationHoldout: number;
    bgnbd: CheckReference;
    mbgnbd: CheckReference;
  };
};
