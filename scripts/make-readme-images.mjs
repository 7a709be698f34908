// Renders the README's pictures with the same headless Chromium the browser tests use
// (@sparticuz/chromium, driven by puppeteer-core): the retention heatmap of the sample shop
// log and the top of its customer report, as PNGs under docs/images/.
//
//   npx tsx scripts/make-readme-images.mjs
//
// (tsx, because it reads the library from src/.) The images are committed; run this again
// after a change to the charts or the report and commit what changes.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import chromium from "@sparticuz/chromium";
import puppeteer from "puppeteer-core";
import { cohortHeatmap } from "../src/charts/cohortHeatmap.js";
import { customerReport } from "../src/charts/report/index.js";
import { cohortAnalysis } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "docs", "images");
const orders = readFileSync(join(root, "examples", "data", "shop-orders.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, customerId, at, revenue] = line.split(",");
    return { customerId, at, revenue };
  });

const heatmap = cohortHeatmap(
  cohortAnalysis(orders, { period: "month", asOf: "2024-06-30", active: "purchases" }),
  { value: "retention", title: "Monthly retention by cohort, Leaf & Kettle tea shop" },
);
const report = customerReport(orders, {
  currency: "EUR",
  models: true,
  title: "Leaf & Kettle tea shop: customer report",
});

const browser = await puppeteer.launch({
  args: chromium.args,
  executablePath: await chromium.executablePath(),
  headless: true,
});
try {
  const page = await browser.newPage();
  mkdirSync(out, { recursive: true });

  // The heatmap alone, at its own size, on white.
  await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  await page.setContent(
    `<!DOCTYPE html><html><body style="margin:0;background:#fff">${heatmap}</body></html>`,
    { waitUntil: "load" },
  );
  const svg = await page.$("svg");
  await svg.screenshot({ path: join(out, "readme-heatmap.png") });

  // The report as a reader first sees it: the top of the page.
  await page.setViewport({ width: 1000, height: 840, deviceScaleFactor: 1 });
  await page.setContent(report, { waitUntil: "load" });
  await page.screenshot({ path: join(out, "report-top.png") });
} finally {
  await browser.close();
}

for (const name of ["readme-heatmap.png", "report-top.png"]) {
  const size = statSync(join(out, name)).size;
  console.log(`docs/images/${name}  ${(size / 1024).toFixed(0)} kB`);
}
