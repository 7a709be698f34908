// Funnels and behaviour segments of the sample tea shop's event log
// (examples/data/shop-events.csv: page views, carts, checkouts, purchases and refunds,
// January to June 2024).
//
//   npx tsx examples/funnels-and-segments.ts
//
// In your own project, import from "customer-metrics" instead of "../src/index.js".
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { behaviourSegments, funnelAnalysis, lifecycleStageFunnel } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const lines = readFileSync(join(here, "data", "shop-events.csv"), "utf8")
  .trim()
  .split("\n");
const events = lines.slice(1).map((line) => {
  const [customerId = "", at = "", event = "", revenue = ""] = line.split(",");
  return { customerId, at, event, revenue: revenue === "" ? null : revenue };
});

const pct = (rate: { toFixed(places: number): string } | undefined) =>
  rate === undefined ? "–" : `${(Number(rate.toFixed(6)) * 100).toFixed(1)}%`;

// 1. The shopping funnel: each step strictly after the previous one, within a day of the
//    first page view of the attempt.
const steps = ["page_view", "add_to_cart", "checkout", "purchase"];
const funnel = funnelAnalysis(events, { steps, window: { days: 1 } });
console.log("Funnel, within 1 day (strict order):");
for (const s of funnel.steps) {
  const times = s.timeFromPrevious;
  const wait =
    times === null
      ? ""
      : `, median ${times.ms.median.div(60_000).toFixed(1)} min after the previous step`;
  const ci = s.fromPrevious;
  const rates =
    s.step === 1
      ? "the entry"
      : `${pct(s.fromFirst?.rate)} of the first step, ${pct(ci?.rate)} of the previous ` +
        `(95% CI ${pct(ci?.lower)}–${pct(ci?.upper)})`;
  console.log(
    `  ${s.step}. ${s.name.padEnd(12)} ${String(s.count).padStart(5)} customers, ${rates}${wait}`,
  );
}

// 2. The same funnel measured from each customer's first visit only (Mixpanel's default),
//    and in any order.
const first = funnelAnalysis(events, { steps, window: { days: 1 }, entry: "first" });
const anyOrder = funnelAnalysis(events, { steps, window: { days: 1 }, order: "any-order" });
console.log(`\nFrom the first visit only: ${first.steps.map((s) => s.count).join(" → ")}`);
console.log(`In any order:              ${anyOrder.steps.map((s) => s.count).join(" → ")}`);

// 3. Broken down by the month of the measured entry: the months add up to the total.
const byMonth = funnelAnalysis(events, {
  steps,
  window: { days: 1 },
  breakdownBy: (e) => e.at.slice(0, 7),
});
console.log("\nBy month of entry (view → purchase):");
for (const group of byMonth.breakdown ?? []) {
  const [view, , , purchase] = group.steps;
  console.log(
    `  ${group.value}: ${view?.count} → ${purchase?.count} (${pct(purchase?.fromFirst?.rate)})`,
  );
}

// 4. Behaviour segments at the end of June, one-time buyers split at their median order.
const segments = behaviourSegments(events, { asOf: "2024-06-30", window: { days: 7 } });
console.log(
  `\nSegments of ${segments.customers} customers through June (asOf ${segments.asOf}, exclusive; ` +
    `one-time buyers split at ${segments.orderValueThreshold?.toFixed(2)}):`,
);
for (const s of segments.segments) {
  console.log(
    `  ${s.segment.padEnd(20)} ${String(s.customers).padStart(5)} (${pct(s.share ?? undefined)}), ` +
      `${s.orders} orders, revenue ${s.revenue.toFixed(2)}`,
  );
}

// 5. The lifecycle-stage funnel over a quarter. The sample has no referral events, so a third
//    purchase stands in for advocacy here (every stage is yours to name).
const stages = lifecycleStageFunnel(events, {
  stages: {
    awareness: "page_view",
    engagement: "add_to_cart",
    purchase: "purchase",
    retention: "purchase",
    advocacy: "purchase",
  },
  window: { days: 90 },
});
console.log(
  `\nLifecycle stages in 90 days: ${stages.steps.map((s) => `${s.name} ${s.count}`).join(", ")}`,
);
