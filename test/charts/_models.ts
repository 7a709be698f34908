/**
 * The model checks and matrices of a BG/NBD fit of the CDNOW sample (Fader & Hardie's 2,357
 * customers; calibration to 1997-09-30, holdout to 1998-06-30, weeks).
 */
import { readFileSync } from "node:fs";
import {
  calibrationVsHoldout,
  fitBetaGeometricNBD,
  periodTransactions,
  summarizeTransactions,
  trackingCurves,
} from "../../src/index.js";

/** The CDNOW sample as transactions (Fader & Hardie's 2,357 customers). */
export const cdnow = readFileSync(
  new URL("../../examples/data/CDNOW_sample.txt", import.meta.url),
  "utf8",
)
  .trim()
  .split("\n")
  .map((line) => {
    const [, id, date, , dollars] = line.trim().split(/\s+/) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      customerId: Number(id),
      at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
      revenue: dollars,
    };
  });
export const summary = summarizeTransactions(cdnow, {
  observationEnd: "1998-06-30",
  calibrationEnd: "1997-09-30",
  unit: "week",
  purchases: "all",
});
export const model = fitBetaGeometricNBD(summary);
export const checks = {
  periodTransactions: periodTransactions(model, summary, { maxFrequency: 7 }),
  calibrationVsHoldout: calibrationVsHoldout(model, summary, { maxFrequency: 7 }),
  tracking: trackingCurves(model, cdnow, {
    observationEnd: "1998-06-30",
    period: "week",
    purchases: "all",
  }),
  aliveMatrix: model.probabilityAliveMatrix({
    T: 39,
    frequency: [0, 1, 2, 3, 4, 5, 6],
    recency: [0, 5, 10, 15, 20, 25, 30, 35, 39],
  }),
  expectedMatrix: model.expectedPurchasesMatrix({
    T: 39,
    horizon: { weeks: 1 },
    frequency: [0, 1, 2, 3, 4, 5, 6],
    recency: [0, 5, 10, 15, 20, 25, 30, 35, 39],
  }),
};
