/**
 * The charts in a real browser: headless Chromium (from @sparticuz/chromium, driven by
 * puppeteer-core) renders every chart on one page; each SVG must lay out with a non-zero
 * box, the page must log no console error, and the heat map's cells must read as drawn.
 * A screenshot is kept in test-output/ (not committed).
 */
import { mkdirSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
} from "../../src/charts/index.js";
import {
  activeUsersResult,
  alive,
  funnelSteps,
  lifecycleResult,
  sbg,
  survival,
  table,
} from "./_data.js";
import { checks } from "./_models.js";

let browser: Browser;
let page: Page;
const problems: string[] = [];

const svgs = [
  cohortHeatmap(table, { value: "retention", title: `Retention <"A&B">` }),
  cohortHeatmap(table, { value: "lifetimeValue", currency: "$", theme: "dark" }),
  retentionCurves(table, { intervals: true }),
  lifetimeValueCurves(table, { currency: "$" }),
  survivalChart([
    { name: "Monthly", result: survival.monthly },
    { name: "Annual", result: survival.annual },
  ]),
  retentionProjection(sbg, alive),
  periodTransactionsChart(checks.periodTransactions),
  calibrationHoldoutChart(checks.calibrationVsHoldout, { theme: "dark" }),
  trackingChart(checks.tracking, { calibrationEnd: 39 }),
  matrixHeatmap(checks.aliveMatrix, { value: "probabilityAlive", palette: "cividis" }),
  matrixHeatmap(checks.expectedMatrix, { value: "expectedPurchases" }),
  lifecycleChart(lifecycleResult),
  activeUsersChart(activeUsersResult),
  funnelChart(funnelSteps),
];

beforeAll(async () => {
  browser = await puppeteer.launch({
    args: chromium.args,
    executablePath: await chromium.executablePath(),
    headless: true,
  });
  page = await browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warn") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${String(e)}`));
  await page.setViewport({ width: 1600, height: 900 });
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Charts</title></head><body>${svgs.join("\n")}</body></html>`,
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("charts in headless Chromium", () => {
  it("lays out every SVG with a non-zero box and logs no console error", async () => {
    const boxes = await page.$$eval("body > svg", (nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return [
          r.width,
          r.height,
          (n as unknown as { getBBox(): { width: number } }).getBBox().width,
        ];
      }),
    );
    expect(boxes).toHaveLength(svgs.length);
    for (const [w, h, content] of boxes) {
      expect(w).toBeGreaterThan(0);
      expect(h).toBeGreaterThan(0);
      expect(content).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
  });

  it("shows the heat map with one cell per complete (cohort, k) and the right text", async () => {
    const cells = await page.$$eval("body > svg:first-of-type g.cm-cell:not(.cm-pooled)", (nodes) =>
      nodes.map((n) => [
        n.getAttribute("data-row"),
        n.getAttribute("data-column"),
        n.querySelector("text")?.textContent,
      ]),
    );
    expect(cells).toEqual([
      ["2024-01", "0", "100.0%"],
      ["2024-01", "1", "50.0%"],
      ["2024-01", "2", "50.0%"],
      ["2024-01", "3", "25.0%"],
      ["2024-02", "0", "100.0%"],
      ["2024-02", "1", "33.3%"],
      ["2024-02", "2", "33.3%"],
      ["2024-03", "0", "100.0%"],
      ["2024-03", "1", "50.0%"],
      ["2024-04", "0", "100.0%"],
    ]);
    // The accessible name is the (unescaped) title; every cell's rect is laid out.
    const name = await page.$eval("body > svg:first-of-type", (n) => {
      const id = n.getAttribute("aria-labelledby") as string;
      return n.ownerDocument.getElementById(id)?.textContent;
    });
    expect(name).toBe(`Retention <"A&B">`);
    const sizes = await page.$$eval("body > svg:first-of-type g.cm-cell rect", (nodes) =>
      nodes.map((n) => (n as unknown as { getBBox(): { width: number } }).getBBox().width),
    );
    expect(sizes.every((w) => w > 0)).toBe(true);
  });

  it("saves a screenshot of the page to test-output/", async () => {
    mkdirSync(new URL("../../test-output/", import.meta.url), { recursive: true });
    const path = new URL("../../test-output/charts.png", import.meta.url).pathname;
    const shot = await page.screenshot({ path, fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
  });
});
