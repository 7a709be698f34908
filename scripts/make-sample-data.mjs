// Generates the sample data of a small made-up online tea shop, January to June 2024
// (deterministic; re-running gives the same bytes):
//
// - examples/data/shop-orders.csv: the order log. Columns: order_id, customer_id, ordered_at
//   (ISO-8601 UTC), amount (EUR, 2 decimals; refunds negative).
// - examples/data/shop-events.csv: the same shop's event log. Columns: customer_id, at
//   (ISO-8601 UTC), event, revenue (EUR, 2 decimals; empty when the event carries no money).
//   Events: `page_view`, `add_to_cart`, `checkout`, `purchase` (revenue = the order amount,
//   positive), and `refund` (revenue = minus the refunded amount, negative). A refund is its
//   own event rather than a negative `purchase`, so that counting `purchase` events counts
//   orders; by the library's rule (the sign of the revenue) it is a refund either way. Every
//   order and refund of shop-orders.csv appears at the same instant with the same amount, so
//   the money figures of both files agree. Each order is preceded by a session (page views, an
//   add to cart, a checkout, a few minutes apart; events before 2024-01-01 are left out).
//   Customers of the order log sometimes also leave a cart or browse without buying, and the
//   file adds visitors who never buy: bouncers (one page view), browsers (several page views,
//   no cart), cart abandoners (a cart, sometimes a checkout, no purchase). Visitors continue
//   the customer numbering after the buyers.
import { writeFileSync } from "node:fs";

let seed = 20240101;
function random() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const start = Date.UTC(2024, 0, 1);
const end = Date.UTC(2024, 6, 1);
const rows = [];
let customers = 0;
for (let month = 0; month < 6; month++) {
  const newCustomers = 60 + month * 12;
  for (let i = 0; i < newCustomers; i++) {
    customers++;
    const id = `C${String(customers).padStart(4, "0")}`;
    let t = Date.UTC(2024, month, 1) + Math.floor(random() * 28 * 86_400_000);
    const loyalty = random();
    for (;;) {
      const basket = 12 + Math.round(random() * random() * 9000) / 100;
      rows.push([t, id, basket.toFixed(2)]);
      if (random() < 0.04) rows.push([t + 5 * 86_400_000, id, (-basket).toFixed(2)]);
      if (random() > 0.35 + loyalty * 0.5) break;
      t += Math.floor((7 + random() * 50) * 86_400_000);
      if (t >= end) break;
    }
  }
}
rows.sort((a, b) => a[0] - b[0]);
const lines = ["order_id,customer_id,ordered_at,amount"];
rows.forEach(([t, id, amount], i) => {
  if (t >= start && t < end) {
    lines.push(
      `O${String(i + 1).padStart(5, "0")},${id},${new Date(t).toISOString().slice(0, 19)}Z,${amount}`,
    );
  }
});
writeFileSync("examples/data/shop-orders.csv", `${lines.join("\n")}\n`);
console.log(`${lines.length - 1} orders from ${customers} customers`);

// The event log: its own random stream, so that the order log above keeps its bytes.
seed = 20240606;
const MINUTE = 60_000;
const events = [];
/** A browsing session ending at `t`: page views a few minutes apart, then `tail` events. */
function session(t, id, pageViews, tail) {
  let at = t;
  const steps = [];
  for (let k = tail.length - 1; k >= 0; k--) {
    at -= MINUTE * (1 + Math.floor(random() * 4));
    steps.unshift([at, tail[k]]);
  }
  for (let k = 0; k < pageViews; k++) {
    at -= MINUTE * (1 + Math.floor(random() * 6)) + Math.floor(random() * 60) * 1000;
    steps.unshift([at, "page_view"]);
  }
  for (const [when, event] of steps) {
    if (when >= start && when < end) events.push([when, id, event, ""]);
  }
}
const buyers = new Set();
rows.forEach(([t, id, amount]) => {
  if (t < start || t >= end) return;
  if (amount.startsWith("-")) {
    events.push([t, id, "refund", amount]);
    return;
  }
  buyers.add(id);
  session(t, id, 1 + Math.floor(random() * 5), ["add_to_cart", "checkout"]);
  events.push([t, id, "purchase", amount]);
});
// Buyers who also leave a cart, or browse, on another day.
for (const id of buyers) {
  const r = random();
  if (r >= 0.35) continue;
  const t = start + Math.floor(random() * (end - start));
  if (r < 0.15) session(t, id, 1 + Math.floor(random() * 3), ["add_to_cart"]);
  else session(t, id, 2 + Math.floor(random() * 4), []);
}
// Visitors who never buy.
const visitors = 1400;
const kinds = { bouncer: 0, browser: 0, "cart abandoner": 0 };
for (let i = 0; i < visitors; i++) {
  customers++;
  const id = `C${String(customers).padStart(4, "0")}`;
  const t = start + Math.floor(random() * (end - start));
  const r = random();
  if (r < 0.5) {
    kinds.bouncer++;
    events.push([t, id, "page_view", ""]);
  } else if (r < 0.8) {
    kinds.browser++;
    session(t, id, 1 + Math.floor(random() * 6), ["page_view"]);
  } else {
    kinds["cart abandoner"]++;
    session(
      t,
      id,
      1 + Math.floor(random() * 4),
      random() < 0.4 ? ["add_to_cart", "checkout"] : ["add_to_cart"],
    );
  }
}
events.sort((a, b) => a[0] - b[0]);
const eventLines = ["customer_id,at,event,revenue"];
for (const [t, id, event, revenue] of events) {
  eventLines.push(`${id},${new Date(t).toISOString().slice(0, 19)}Z,${event},${revenue}`);
}
writeFileSync("examples/data/shop-events.csv", `${eventLines.join("\n")}\n`);
console.log(
  `${eventLines.length - 1} events from ${buyers.size} buyers and ${visitors} visitors who never buy (${Object.entries(
    kinds,
  )
    .map(([kind, n]) => `${n} ${kind}s`)
    .join(", ")})`,
);
