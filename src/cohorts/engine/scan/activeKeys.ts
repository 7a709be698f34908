/**
 * The active periods of each customer of the general aggregate table, in time order: the one
 * walk over (customer, period) entries that the lifecycle and active-user scans share. The
 * table is only read. It must be built with the general partitions (`compact` false, as the
 * analytics tables are): a compact table keeps its customers elsewhere, and is refused.
 */
import type { CustomerPeriods } from "../aggregate/CustomerPeriods.js";

/** Refuses a compact table, whose customers `used()` does not list. */
function generalOnly(table: CustomerPeriods): void {
  if (table.compact) throw new Error("activeKeys: the table must have general partitions");
}

/** The smallest and largest period index holding an active entry, or null when none does. */
export function activeExtent(table: CustomerPeriods): { first: number; last: number } | null {
  generalOnly(table);
  let first = Infinity;
  let last = -Infinity;
  for (const p of table.used()) {
    for (let e = 0; e < p.entries; e++) {
      if (p.entryActive[e] !== 1) continue;
      const key = p.entryKey[e] as number;
      if (key < first) first = key;
      if (key > last) last = key;
    }
  }
  return first === Infinity ? null : { first, last };
}

/**
 * Calls `visit(keys, n)` once per customer with at least one active entry: `keys[0..n-1]` are
 * the customer's active period indices, ascending and distinct (a view valid during the call).
 */
export function visitActiveKeys(
  table: CustomerPeriods,
  visit: (keys: Float64Array, n: number) => void,
): void {
  generalOnly(table);
  for (const p of table.used()) {
    const starts = new Int32Array(p.customers + 1);
    let active = 0;
    for (let e = 0; e < p.entries; e++) {
      if (p.entryActive[e] !== 1) continue;
      const c = p.entryCustomer[e] as number;
      starts[c + 1] = (starts[c + 1] as number) + 1;
      active++;
    }
    for (let c = 0; c < p.customers; c++)
      starts[c + 1] = (starts[c + 1] as number) + (starts[c] as number);
    const fill = starts.slice(0, p.customers);
    const keys = new Float64Array(active);
    for (let e = 0; e < p.entries; e++) {
      if (p.entryActive[e] !== 1) continue;
      const c = p.entryCustomer[e] as number;
      const j = fill[c] as number;
      keys[j] = p.entryKey[e] as number;
      fill[c] = j + 1;
    }
    for (let c = 0; c < p.customers; c++) {
      const lo = starts[c] as number;
      const hi = starts[c + 1] as number;
      if (lo === hi) continue;
      const own = keys.subarray(lo, hi);
      own.sort();
      visit(own, hi - lo);
    }
  }
}
