// The library side of the cohort benchmark: the reduction of a cohort table to comparison cells.
import type { CohortTable } from "../src/index.js";
import type { Cells } from "./cohorts-baseline.js";

/** An exact decimal amount (Decimal or string) as integer cents; NaN if not a whole cent. */
export function toCents(v: unknown): number {
  let s: string;
  if (typeof v === "string") s = v;
  else if (
    v !== null &&
    typeof v === "object" &&
    typeof (v as { toFixed?: unknown }).toFixed === "function"
  )
    s = (v as { toFixed(): string }).toFixed();
  else s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  const c = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" && c !== 0 ? -c : c;
}

/** The library's table as comparison cells (all periods the table has). */
export function libCells(table: CohortTable): Cells {
  const out: Cells = { keys: [], size: [], active: [], cents: [] };
  for (const c of table.cohorts) {
    out.keys.push(c.key);
    out.size.push(c.size);
    out.active.push(Array.from(c.active));
    out.cents.push(Array.from(c.revenue, toCents));
  }
  return out;
}
