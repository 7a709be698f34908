/**
 * Inputs of the charts, from small hand-made event logs (the models' inputs are in _models.ts).
 */
import {
  activeUsers,
  cohortAnalysis,
  fitShiftedBetaGeometric,
  funnel,
  kaplanMeier,
  lifecycle,
} from "../../src/index.js";

/** Ten customers over four months; observed to the end of April (every cell complete up to k = 3 − cohort index). */
export const events = [
  { customerId: "A", at: "2024-01-03", revenue: "10" },
  { customerId: "A", at: "2024-02-03", revenue: "5" },
  { customerId: "A", at: "2024-04-03", revenue: "5" },
  { customerId: "B", at: "2024-01-10", revenue: "7" },
  { customerId: "B", at: "2024-03-10", revenue: "7" },
  { customerId: "C", at: "2024-01-20", revenue: "12.5" },
  { customerId: "D", at: "2024-01-25", revenue: "3" },
  { customerId: "D", at: "2024-02-25", revenue: "3" },
  { customerId: "D", at: "2024-03-25", revenue: "3" },
  { customerId: "E", at: "2024-02-02", revenue: "20" },
  { customerId: "E", at: "2024-03-02", revenue: "20" },
  { customerId: "F", at: "2024-02-14", revenue: "8" },
  { customerId: "G", at: "2024-02-15", revenue: "9" },
  { customerId: "G", at: "2024-04-15", revenue: "9" },
  { customerId: "H", at: "2024-03-01", revenue: "4" },
  { customerId: "H", at: "2024-04-01", revenue: "4" },
  { customerId: "I", at: "2024-03-09", revenue: "6" },
  { customerId: "J", at: "2024-04-11", revenue: "30" },
];

/** The cohort table of {@link events}, observed to 2024-04-30. */
export const table = cohortAnalysis(events, { period: "month", asOf: "2024-04-30" });

/** Two groups of subscription lengths in days (churned or censored). */
export const survival = {
  monthly: kaplanMeier([
    { duration: 30, churned: true },
    { duration: 45, churned: false },
    { duration: 60, churned: true },
    { duration: 90, churned: true },
    { duration: 120, churned: false },
    { duration: 150, churned: true },
  ]),
  annual: kaplanMeier([
    { duration: 365, churned: true },
    { duration: 200, churned: false },
    { duration: 400, churned: false },
    { duration: 730, churned: true },
  ]),
};

/** Fader & Hardie (2007), table 1: the "regular" cohort's survivors over 7 years. */
export const alive = [1000, 631, 468, 382, 326, 289, 262, 241];
export const sbg = fitShiftedBetaGeometric({ alive, unit: "year" });

export const lifecycleResult = lifecycle(events, { period: "month", asOf: "2024-04-30" });
export const activeUsersResult = activeUsers(events.slice(0, 8), {
  period: "day",
  windows: [1, 7, 30],
  asOf: "2024-02-28",
});
export const funnelSteps = funnel([
  { name: "visited", count: 1000 },
  { name: "added to cart", count: 420 },
  { name: "checked out", count: 180 },
  { name: "purchased", count: 150 },
]);
