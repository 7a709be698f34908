// Reference check of the cohort engine against the reference workload (spec cohort-retention/v1, bench/reference):
// load an event CSV written by gen_events.py (customer_id,ts,revenue), run cohortAnalysis over
// string-id / epoch-ms / decimal-string columns, write the canonical JSON
// (json.dumps(obj, sort_keys=True, separators=(",", ":")) byte for byte, floats as Python's repr)
// and compare it exactly with a reference JSON (value by value, and the SHA-256 of the canonical
// text with the reference's sha256_canonical).
//
//   npm run bench -- cohorts --check-reference /tmp/events_1m.csv \
//       --reference bench/reference/reference_1000000.json
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { CohortTable } from "../src/index.js";
import { monthKey } from "./cohorts-baseline.js";
import { libCells } from "./cohorts-lib.js";
import { library } from "./library.js";

/** Python's repr() of a float64 (shortest round-trip digits, Python's notation rules). */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not finite: ${x}`);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    body = `${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  } else if (exp < 0) {
    body = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    body = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  } else {
    body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${body}` : body;
}

type Json = number | string | Json[] | { [k: string]: Json } | { float: number };

/** Canonical serialisation: sorted keys, no spaces; `{ float }` marks a float64. */
function dumps(v: Json): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(dumps).join(",")}]`;
  if ("float" in v && typeof v.float === "number" && Object.keys(v).length === 1)
    return pyFloat(v.float);
  const o = v as { [k: string]: Json };
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${dumps(o[k] as Json)}`)
    .join(",")}}`;
}

export interface Canonical {
  text: string;
  object: Record<string, unknown>;
}

/** The canonical result object from a table's cells. */
export function canonical(table: CohortTable, nEvents: number): Canonical {
  const cells = libCells(table);
  const cohorts: Record<string, Json> = {};
  let nCustomers = 0;
  let last = "";
  cells.keys.forEach((key, i) => {
    const size = cells.size[i] as number;
    const active = cells.active[i] as number[];
    const cents = cells.cents[i] as number[];
    let cum = 0;
    const cumulative = cents.map((c) => {
      cum += c;
      return cum;
    });
    nCustomers += size;
    const [y, m] = key.split("-").map(Number) as [number, number];
    const lastKey = monthKey(y * 12 + m - 1 + active.length - 1);
    if (lastKey > last) last = lastKey;
    cohorts[key] = {
      size,
      active,
      retention: active.map((a) => ({ float: a / size })),
      revenue_cents: cents,
      cum_revenue_cents: cumulative,
      ltv: cumulative.map((c) => ({ float: c / (size * 100) })),
    };
  });
  const obj: Json = {
    spec: "cohort-retention/v1",
    n_events: nEvents,
    n_customers: nCustomers,
    first_cohort: cells.keys[0] as string,
    last_month: last,
    cohorts,
  };
  const text = dumps(obj);
  return { text, object: JSON.parse(text) as Record<string, unknown> };
}

/** Reads a gen_events.py CSV into columns. */
export function readEventsCsv(path: string): {
  ids: string[];
  atMs: Float64Array;
  revenue: string[];
} {
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  if (lines[0] !== "customer_id,ts,revenue")
    throw new Error(`${path}: unexpected header ${lines[0]}`);
  const ids: string[] = [];
  const revenue: string[] = [];
  const at: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length === 0) continue;
    const a = line.indexOf(",");
    const b = line.indexOf(",", a + 1);
    ids.push(line.slice(0, a));
    at.push(Date.parse(line.slice(a + 1, b)));
    revenue.push(line.slice(b + 1));
  }
  return { ids, atMs: Float64Array.from(at), revenue };
}

const EXTRA = new Set(["agreed_by", "definition", "sha256_canonical"]);

function differences(ref: unknown, got: unknown, path: string, out: string[]): void {
  if (out.length >= 20) return;
  if (typeof ref !== "object" || ref === null || typeof got !== "object" || got === null) {
    if (ref !== got)
      out.push(`${path}: reference ${JSON.stringify(ref)} got ${JSON.stringify(got)}`);
    return;
  }
  const rk = Object.keys(ref).filter((k) => path || !EXTRA.has(k));
  const gk = Object.keys(got);
  for (const k of new Set([...rk, ...gk])) {
    const r = (ref as Record<string, unknown>)[k];
    const g = (got as Record<string, unknown>)[k];
    if (!rk.includes(k)) out.push(`${path}${k}: only in the result`);
    else if (!gk.includes(k)) out.push(`${path}${k}: only in the reference`);
    else differences(r, g, `${path}${k}.`, out);
  }
}

/** Runs the check; prints MATCH or the differences; returns true on a match. */
export async function checkReference(csvPath: string, referencePath: string): Promise<boolean> {
  let t = performance.now();
  const cols = readEventsCsv(csvPath);
  console.log(
    `read ${cols.ids.length} events from ${csvPath} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const table = library.cohortAnalysis(
    { customerId: cols.ids, at: cols.atMs, revenue: cols.revenue },
    // cohort-retention/v1 counts every row as activity, refunds included
    { period: "month", timeZone: "UTC", active: "rows" },
  );
  console.log(`cohortAnalysis: ${((performance.now() - t) / 1000).toFixed(3)} s`);
  const result = canonical(table, cols.ids.length);
  const sha = createHash("sha256").update(result.text).digest("hex");
  mkdirSync("bench/out", { recursive: true });
  const outPath = `bench/out/cohorts-canonical-${cols.ids.length}.json`;
  writeFileSync(outPath, result.text);
  console.log(`wrote ${outPath} (sha256 ${sha})`);

  const reference = JSON.parse(readFileSync(referencePath, "utf8")) as Record<string, unknown>;
  const diffs: string[] = [];
  differences(reference, result.object, "", diffs);
  const refSha = reference.sha256_canonical;
  if (typeof refSha === "string" && refSha !== sha)
    diffs.push(`sha256 of the canonical text: reference ${refSha} got ${sha}`);
  if (diffs.length === 0) {
    console.log(`MATCH ${sha}`);
    return true;
  }
  console.log(`MISMATCH with ${referencePath}:\n  ${diffs.join("\n  ")}`);
  return false;
}
