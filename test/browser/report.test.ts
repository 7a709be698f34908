// The customer report of the bundled sample log, opened in a real browser: headless Chromium
// from the @sparticuz/chromium npm package (the browser ships inside it), driven by
// puppeteer-core. One browser for the whole file.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerReport } from "../../src/charts/report/index.js";
import { cohortAnalysis, Decimal } from "../../src/index.js";

const root = join(__dirname, "../..");
const orders = readFileSync(join(root, "examples/data/shop-orders.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [, customerId = "", at = "", revenue = ""] = line.split(",");
    return { customerId, at, revenue };
  });
const html = customerReport(orders, { currency: "EUR", models: true, title: "Leaf & Kettle" });

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const pageErrors: string[] = [];
const requests: string[] = [];
const failedRequests: string[] = [];

beforeAll(async () => {
  browser = await puppeteer.launch({
    args: chromium.args,
    executablePath: await chromium.executablePath(),
    headless: true,
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfailed", (r) => failedRequests.push(r.url()));
  await page.setContent(html, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("customerReport in Chromium", () => {
  it("loads with no console error, no script error and no request at all", () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("lays out every chart with a non-zero size", async () => {
    const boxes = await page.$$eval("svg", (svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    expect(boxes.length).toBe(5); // two heatmaps, the LTV curves, two model checks
    for (const box of boxes) {
      expect(box.width).toBeGreaterThan(100);
      expect(box.height).toBeGreaterThan(50);
    }
  });

  it("draws one heatmap cell per complete (cohort, k), with the rate cohortAnalysis gives", async () => {
    const cells = await page.$$eval("section", (sections) => {
      const retention = sections.find(
        (s) => s.querySelector("h2")?.textContent === "Cohort retention",
      );
      return [...(retention?.querySelectorAll("g.cm-cell:not(.cm-pooled)") ?? [])].map((g) => {
        const box = g.getBoundingClientRect();
        return {
          row: g.getAttribute("data-row"),
          column: Number(g.getAttribute("data-column")),
          text: g.querySelector("text")?.textContent ?? null,
          visible: box.width > 0 && box.height > 0,
        };
      });
    });
    // The report's data end with the last order's day, 2024-06-30, included.
    const table = cohortAnalysis(orders, { asOf: "2024-06-30", active: "purchases" });
    const retention = table.retention();
    const expected = table.cohorts.flatMap((c, i) =>
      c.complete.flatMap((complete, k) => {
        const rate = retention.cohorts[i]?.rates[k] as Decimal;
        return complete
          ? [
              {
                row: c.key,
                column: k,
                text: `${rate.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`,
                visible: true,
              },
            ]
          : [];
      }),
    );
    expect(expected).toHaveLength(21); // six monthly cohorts, complete to June: 6 + 5 + … + 1
    expect(cells).toEqual(expected);
  });

  it("shows the tables as tables: column and row headers", async () => {
    const headers = await page.$$eval("table", (tables) =>
      tables.map((t) => ({
        columns: t.querySelectorAll('thead th[scope="col"]').length,
        rows: t.querySelectorAll("tbody tr").length,
        rowHeaders: t.querySelectorAll('tbody th[scope="row"]').length,
      })),
    );
    expect(headers.length).toBeGreaterThan(4);
    for (const t of headers) expect(t.rowHeaders).toBe(t.rows);
  });

  it("gives every chart its title as its accessible name, and the page its headings", async () => {
    type Node = { role: string; name?: string; level?: number; children?: Node[] };
    const tree = (await page.accessibility.snapshot({ interestingOnly: true })) as Node;
    const nodes: Node[] = [];
    const walk = (n: Node): void => {
      nodes.push(n);
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
    const titles = await page.$$eval("svg > title", (ts) => ts.map((t) => t.textContent));
    expect(nodes.filter((n) => n.role === "image").map((n) => n.name)).toEqual(titles);
    expect(titles).toHaveLength(5);
    const headings = nodes.filter((n) => n.role === "heading");
    expect(headings[0]).toMatchObject({ name: "Leaf & Kettle", level: 1 });
    expect(headings.slice(1).every((h) => h.level === 2)).toBe(true);
    expect(headings.map((h) => h.name)).toContain("Top customers");
  });

  it("keeps a full-page screenshot as an artifact", async () => {
    const dir = join(root, "test-output");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "report.png");
    await page.screenshot({ path: file, fullPage: true });
    // A PNG of the page's full height.
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const height = png.readUInt32BE(20);
    const pageHeight = await page.$eval("html", (e) => e.scrollHeight);
    expect(height).toBe(pageHeight);
  });
});
