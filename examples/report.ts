// The customer report of the made-up tea shop's order log (examples/data/shop-orders.csv):
// one self-contained HTML page with its key figures, cohort heatmaps, lifetime-value curves,
// repeat purchases, RFM segments and a BG/NBD + Gamma-Gamma fit with its checks.
//
//   npx tsx examples/report.ts          (npm run example runs it after the quickstart)
//
// Open the file it prints in any browser; it needs no network and no script.
// In your own project, import from "customer-metrics/charts" instead of "../src/charts/...".
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { customerReport } from "../src/charts/report/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const [header = "", ...lines] = readFileSync(join(here, "data", "shop-orders.csv"), "utf8")
  .trim()
  .split("\n");
const columns = header.split(",");
const rows = lines.map((line) => {
  const cells = line.split(",");
  return Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ""]));
});

const html = customerReport(rows, {
  customerId: (row) => row.customer_id,
  at: (row) => row.ordered_at,
  revenue: (row) => row.amount,
  period: "month",
  currency: "EUR",
  models: true,
  top: 10,
  title: "Leaf & Kettle tea shop: customer report, January to June 2024",
});

const out = join(here, "output");
mkdirSync(out, { recursive: true });
const file = join(out, "report.html");
writeFileSync(file, html);
console.log(`Customer report written to ${relative(process.cwd(), file) || file}`);
