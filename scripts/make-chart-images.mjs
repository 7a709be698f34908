// Renders every chart of customer-metrics/charts from the bundled sample data to PNG files
// under docs/images/charts/ (the pictures of docs/charts.md), in the same headless Chromium
// the browser tests use (@sparticuz/chromium driven by puppeteer-core).
//
//   node --import tsx scripts/make-chart-images.mjs
//
// Data: examples/data/shop-orders.csv and shop-events.csv (the sample shop, January to June
// 2024) and the CDNOW sample of Fader & Hardie (examples/data/CDNOW_sample.txt; calibration
// to 1997-09-30, holdout to 1998-06-30, in weeks). Output is deterministic: the same data
// gives the same SVG, and the PNGs change only when a chart does.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import puppeteer from "puppeteer-core";
import {
  activeUsersChart,
  calibrationHoldoutChart,
  cohortHeatmap,
  funnelChart,
  lifecycleChart,
  lifetimeValueCurves,
  matrixHeatmap,
  periodTransactionsChart,
  retentionCurves,
  retentionProjection,
  survivalChart,
  trackingChart,
} from "../src/charts/index.ts";
import {
  activeUsers,
  calibrationVsHoldout,
  cohortAnalysis,
  fitBetaGeometricNBD,
  fitShiftedBetaGeometric,
  funnelAnalysis,
  kaplanMeier,
  lifecycle,
  periodTransactions,
  summarizeTransactions,
  trackingCurves,
} from "../src/index.ts";

const root = new URL("../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8").trim().split("\n");

// The sample shop's orders.
const orders = read("examples/data/shop-orders.csv")
  .slice(1)
  .map((line) => {
    const [, customerId, at, revenue] = line.split(",");
    return { customerId, at, revenue };
  });
const asOf = "2024-06-30";
const table = cohortAnalysis(orders, { period: "month", asOf });

// Survival of customers from their first to their last order; a customer without an order in
// the last 60 days of the data is taken as churned at the last order, the others censored.
const spans = new Map();
for (const o of orders) {
  const s = spans.get(o.customerId) ?? { first: o.at, last: o.at, orders: 0 };
  if (o.at < s.first) s.first = o.at;
  if (o.at > s.last) s.last = o.at;
  s.orders += 1;
  spans.set(o.customerId, s);
}
const cutoff = "2024-05-01";
const subjects = (repeat) =>
  [...spans.values()]
    .filter((s) => s.orders > 1 === repeat)
    .map((s) => ({
      start: s.first,
      end: s.last < cutoff ? s.last : asOf,
      churned: s.last < cutoff,
    }));
const survivalGroups = [
  { name: "Repeat buyers", result: kaplanMeier(subjects(true), { unit: "day" }) },
  { name: "One order", result: kaplanMeier(subjects(false), { unit: "day" }) },
];

// sBG on the January cohort: customers active in month k or later (unbounded retention).
const january = table.retention({ mode: "unbounded" }).cohorts[0];
const alive = january.rates.map((r) => Math.round(Number(r) * january.size));
const sbg = fitShiftedBetaGeometric({ alive, unit: "month" });

// Funnel, lifecycle and active users of the sample shop's event log.
const events = read("examples/data/shop-events.csv")
  .slice(1)
  .map((line) => {
    const [customerId, at, event, revenue] = line.split(",");
    return { customerId, at, event, revenue: revenue === "" ? undefined : revenue };
  });
const steps = funnelAnalysis(events, {
  steps: ["page_view", "add_to_cart", "checkout", "purchase"],
  window: { days: 7 },
});
const life = lifecycle(orders, { period: "month", asOf });
const active = activeUsers(
  events.filter((e) => e.at >= "2024-05-01"),
  { period: "day", windows: [1, 7, 30], asOf },
);

// CDNOW: BG/NBD fit and its checks.
const cdnow = read("examples/data/CDNOW_sample.txt").map((line) => {
  const [, id, date, , dollars] = line.trim().split(/\s+/);
  return {
    customerId: Number(id),
    at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
    revenue: dollars,
  };
});
const summary = summarizeTransactions(cdnow, {
  observationEnd: "1998-06-30",
  calibrationEnd: "1997-09-30",
  unit: "week",
  purchases: "all",
});
const model = fitBetaGeometricNBD(summary);
const grid = {
  T: 39,
  frequency: Array.from({ length: 11 }, (_, i) => i),
  recency: Array.from({ length: 14 }, (_, i) => i * 3),
};

const charts = {
  "cohort-heatmap": cohortHeatmap(table, {
    value: "retention",
    title: "Monthly retention by cohort (sample shop)",
  }),
  "cohort-heatmap-ltv-dark": cohortHeatmap(table, {
    value: "lifetimeValue",
    currency: "$",
    theme: "dark",
  }),
  "retention-curves": retentionCurves(table, { intervals: true }),
  "lifetime-value-curves": lifetimeValueCurves(table, { currency: "$" }),
  survival: survivalChart(survivalGroups, { unit: "days" }),
  "retention-projection": retentionProjection(sbg, alive, { horizon: 12 }),
  "period-transactions": periodTransactionsChart(
    periodTransactions(model, summary, { maxFrequency: 7 }),
  ),
  "calibration-holdout": calibrationHoldoutChart(
    calibrationVsHoldout(model, summary, { maxFrequency: 7 }),
  ),
  tracking: trackingChart(
    trackingCurves(model, cdnow, {
      observationEnd: "1998-06-30",
      period: "week",
      purchases: "all",
    }),
    { calibrationEnd: 39 },
  ),
  "probability-alive-matrix": matrixHeatmap(model.probabilityAliveMatrix(grid), {
    value: "probabilityAlive",
  }),
  "expected-purchases-matrix": matrixHeatmap(
    model.expectedPurchasesMatrix({ ...grid, horizon: { weeks: 1 } }),
    { value: "expectedPurchases", palette: "cividis" },
  ),
  lifecycle: lifecycleChart(life),
  "active-users": activeUsersChart(active),
  funnel: funnelChart(steps),
};

const out = new URL("docs/images/charts/", root);
mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch({
  args: chromium.args,
  executablePath: await chromium.executablePath(),
  headless: true,
});
try {
  const page = await browser.newPage();
  for (const [name, svg] of Object.entries(charts)) {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    const element = await page.$("svg");
    const png = await element.screenshot({ type: "png" });
    writeFileSync(new URL(`${name}.png`, out), png);
    console.log(`docs/images/charts/${name}.png  ${Math.round(png.length / 1024)} kB`);
  }
} finally {
  await browser.close();
}
