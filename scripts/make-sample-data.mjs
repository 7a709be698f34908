// Generates examples/data/shop-orders.csv: the order log of a small made-up online tea shop
// (deterministic; re-running gives the same bytes). Columns: order_id, customer_id, ordered_at
// (ISO-8601 UTC), amount (EUR, 2 decimals; refunds negative).
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
