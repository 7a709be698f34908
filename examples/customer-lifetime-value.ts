// Customer lifetime value from a raw transaction log: summarise each customer's purchases,
// fit the BG/NBD purchase model and the Gamma-Gamma spend model, and value every customer over
// the next 12 months at 1 % a month.
//
// Data: the CDNOW sample of Fader & Hardie (2,357 customers, purchases 1997-01 to 1998-06;
// columns: master id, customer id, YYYYMMDD, CDs, dollars). The first 39 weeks, up to
// 1997-09-30, calibrate the models.
//
//   npx tsx examples/customer-lifetime-value.ts
import { readFileSync } from "node:fs";
import {
  type CustomerSummary,
  Decimal,
  fitBetaGeometricNBD,
  fitGammaGamma,
  round,
  summarizeTransactions,
} from "../src/index.js";

const log = readFileSync(new URL("./data/CDNOW_sample.txt", import.meta.url), "utf8")
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

// Purchases on one day are one transaction; times in weeks, up to the end of 1997-09-30.
// CDNOW counts every order as a purchase, its eight $0.00 orders too (purchases: 'all'; by
// default only a row with positive revenue is a purchase).
const summary = summarizeTransactions(log, {
  observationEnd: "1997-09-30",
  unit: "week",
  purchases: "all",
});
const purchases = fitBetaGeometricNBD(summary); // the unit ('week') comes with the summary
const spend = fitGammaGamma(summary); // customers without repeat purchases are skipped

const show = (params: Record<string, { toFixed(n: number): string }>): string =>
  Object.entries(params)
    .map(([name, value]) => `${name} ${value.toFixed(3)}`)
    .join(", ");
console.log(`${summary.length} customers, ${log.length} transactions`);
console.log(`BG/NBD      ${show(purchases.params)}; LL ${purchases.logLikelihood.toFixed(1)}`);
console.log(`Gamma-Gamma ${show(spend.params)}`);

// The whole base in one call each: a ranking by 12-month CLV, and every customer's CLV.
const clv = {
  what: "customerLifetimeValue",
  spendModel: spend,
  horizon: { months: 12 },
  discountRate: "0.01",
  discountRateUnit: "month",
} as const;
const top = purchases.rank(summary, clv, { top: 10 });

console.log("\nTop 10 customers by 12-month CLV (1 % a month):");
console.log("customer  repeat  recency    T  mean spend  P(alive)  purchases  CLV");
for (const { index, value } of top) {
  const customer = summary[index] as CustomerSummary;
  const alive = purchases.probabilityAlive(customer);
  const next12 = purchases.conditionalExpectedPurchases(customer, { months: 12 });
  console.log(
    [
      String(customer.customerId).padStart(8),
      customer.frequency.toString().padStart(7),
      round(customer.recency, 1).toFixed(1).padStart(8),
      round(customer.T, 1).toFixed(1).padStart(5),
      round(customer.monetaryValue, 2).toFixed(2).padStart(11),
      round(alive, 3).toFixed(3).padStart(9),
      round(next12, 2).toFixed(2).padStart(10),
      round(value, 2).toFixed(2).padStart(8),
    ].join(" "),
  );
}
const all = purchases.predict(summary, { ...clv, as: "decimal" }) as readonly Decimal[];
const total = all.reduce((sum, v) => sum.plus(v), new Decimal(0));
console.log(`\nAll ${all.length} customers: ${round(total, 2).toFixed(2)} dollars over 12 months`);
