// A KPI report for a small made-up online tea shop, from its order log
// (examples/data/shop-orders.csv; the same shop's page views and carts are in
// examples/data/shop-events.csv) and the figures its team tracks by hand.
//
//   npx tsx examples/quickstart.ts          (or: npm run example)
//   node --loader ts-node/esm examples/quickstart.ts
//
// In your own project, import from "customer-metrics" instead of "../src/index.js".
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  cacPaybackPeriod,
  churnRate,
  cohortAnalysis,
  conversionRate,
  convertRate,
  costPerMille,
  customerAcquisitionCost,
  customerLifetimeValue,
  customerSatisfactionScore,
  Decimal,
  formatPercent,
  ltvToCacRatio,
  netPromoterScore,
  netRevenueChurnRate,
  orderMetrics,
  retentionRate,
  round,
  wilsonInterval,
} from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const csv = readFileSync(join(here, "data", "shop-orders.csv"), "utf8")
  .trim()
  .split("\n");
const orders = csv.slice(1).map((line) => {
  const [orderId = "", customerId = "", at = "", amount = ""] = line.split(",");
  return { orderId, customerId, at, revenue: amount };
});

const money = (value: Decimal) => `€${round(value, 2).toFixed(2)}`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(46)}${value}`);

// ---------------------------------------------------------------- sales, from the order log
// Rows with a negative amount are refunds; a customer is new in the period of their first order.
const report = orderMetrics(orders, { from: "2024-01-01", to: "2024-06-30", by: "quarter" });
const sales = report.total;

console.log("Leaf & Kettle tea shop: KPI report, January to June 2024\n");
console.log(`Sales (${sales.orders} orders from ${sales.customers} customers)`);
line("Gross revenue", money(sales.grossRevenue));
line("Refunds", money(sales.refunds));
line("Net revenue", money(sales.netRevenue));
line("Average order value (gross)", money(sales.averageOrderValue ?? new Decimal(0)));
line(
  "Purchase frequency (orders/customer)",
  round(sales.purchaseFrequency ?? new Decimal(0), 2).toFixed(2),
);
line("Repeat-customer rate", formatPercent(sales.repeatCustomerRate ?? new Decimal(0)));
console.log(
  `\n  ${"quarter".padEnd(9)}${["orders", "new", "returning", "net revenue", "AOV"].map((h) => h.padStart(12)).join("")}`,
);
for (const q of report.periods) {
  const cells = [
    String(q.orders),
    String(q.newCustomers),
    String(q.returningCustomers),
    money(q.netRevenue),
    q.averageOrderValue === null ? "" : money(q.averageOrderValue),
  ];
  console.log(`  ${q.key.padEnd(9)}${cells.map((c) => c.padStart(12)).join("")}`);
}

// ------------------------------------------------- customers and value, from the yearly plan
console.log("\nCustomers and value");
line(
  "Retention (2,000 -> 2,400 with 600 new)",
  formatPercent(retentionRate({ start: 2000, end: 2400, acquired: 600 })),
);
const churn = churnRate({ start: 500, lost: 50 });
line("Tea-club monthly churn (50 of 500)", formatPercent(churn));
line(
  "A 5 % monthly churn as a yearly rate",
  formatPercent(convertRate("0.05", { from: "month", to: "year" }), { decimals: 2 }),
);
line(
  "Net revenue churn (€2,000 lost, €2,500 up)",
  formatPercent(
    netRevenueChurnRate({ startRevenue: 50000, churnedRevenue: 2000, expansionRevenue: 2500 }),
    { decimals: 2 },
  ),
);
const clv = customerLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 12, lifespan: 8 });
line("Lifetime value (12/yr x €50 x 8 years)", money(clv));

console.log("\nAcquisition and marketing");
const cac = customerAcquisitionCost({ spend: 100000, newCustomers: 5000 });
line("Customer acquisition cost", money(cac));
line("LTV : CAC", `${round(ltvToCacRatio({ ltv: clv, cac }), 1).toFixed(1)} : 1`);
line(
  "CAC payback (months, €8 margin/month)",
  round(cacPaybackPeriod({ cac, arpa: 8 }), 1).toFixed(1),
);
line("Cost per thousand impressions", money(costPerMille({ cost: 1000, impressions: 10000 })));
const conversion = conversionRate({ conversions: 100, interactions: 2000 });
const interval = wilsonInterval({ successes: 100, trials: 2000 });
line(
  "Landing-page conversion (100 of 2,000)",
  `${formatPercent(conversion, { decimals: 2 })} (95% CI ${formatPercent(interval.lower, { decimals: 2 })}-${formatPercent(interval.upper, { decimals: 2 })})`,
);

console.log("\nSurveys");
const nps = netPromoterScore([10, 9, 9, 10, 8, 7, 9, 10, 6, 3, 9, 10, 8, 9, 10, 5, 9, 10, 9, 7]);
line(
  "Net Promoter Score (20 answers)",
  `${round(nps.score, 0).toString()} points (±${round(nps.marginOfError, 1).toFixed(1)})`,
);
const csat = customerSatisfactionScore([5, 4, 4, 5, 3, 5, 2, 4, 5, 5]);
line("CSAT (share answering 4-5 of 5)", formatPercent(csat.score));

// -------------------------------------------------------------- monthly cohort retention
const table = cohortAnalysis(orders, { period: "month", asOf: "2024-07-01T00:00:00Z" });
const retention = table.retention({ mode: "classic" });
console.log("\nMonthly cohorts: share of customers active k months after their first order");
console.log(
  `  ${"cohort".padEnd(9)}${"size".padStart(5)}  ${[0, 1, 2, 3, 4, 5].map((k) => `M${k}`.padStart(6)).join("")}`,
);
const cell = (rate: Decimal | null | undefined) =>
  (rate === null || rate === undefined ? "" : formatPercent(rate, { decimals: 0 })).padStart(6);
for (const cohort of retention.cohorts) {
  console.log(
    `  ${cohort.key.padEnd(9)}${String(cohort.size).padStart(5)}  ${cohort.rates.map(cell).join("")}`,
  );
}
console.log(`  ${"all".padEnd(9)}${"".padStart(5)}  ${retention.average.map(cell).join("")}`);
