// A 4-step funnel (page_view → add_to_cart → checkout → purchase, 7-day window, strict order,
// each customer's furthest progress) on a generated typed event log: funnelAnalysis on columns
// against DuckDB's equivalent query (ASOF joins for each step's next event, a window function
// for each customer's measured entry, quantile_cont for the times between steps).
//
//   npx tsx bench/eventlog-funnel.ts [events = 1000000]
//
// Each side's figure is its best of three repeats, with the CPU seconds of that repeat (the
// whole process: DuckDB runs two threads) and the load average after the runs.
//
// `benchFunnel(n)` is what bench/eventlog.ts can call; `funnelQuery` is also the reference SQL
// of test/behaviour/duckdb.test.ts.
import os from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";
import { library } from "./library.js";

const { funnelAnalysis } = library;

/** The funnel of the benchmark. */
export const FUNNEL_STEPS = ["page_view", "add_to_cart", "checkout", "purchase"] as const;
export const FUNNEL_WINDOW_MS = 7 * 86_400_000;

/** A step name checked to be plain (it is put into the SQL text). */
function quoted(name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a plain event name: ${name}`);
  return `'${name}'`;
}

/**
 * The funnel of `steps` on the table `fev(customer_id VARCHAR, t BIGINT (epoch ms), event
 * VARCHAR)`, as funnelAnalysis defines it: per step k (1-based), the customers reaching it and
 * the quartiles (linear, quantile_cont) of the ms from reaching step k − 1 to reaching step k.
 * Strict: the next step is the first event of its name strictly after the previous one; any
 * order: each step's first event at or after the entry; both within `windowMs` of the entry,
 * end included. A customer's measured entry: the earliest among those reaching the furthest step
 * (`entry: 'furthest'`), or the first (`'first'`).
 */
export function funnelQuery(
  steps: readonly string[],
  windowMs: number,
  order: "strict" | "any-order",
  entry: "furthest" | "first",
): string {
  const m = steps.length;
  const w = Math.trunc(windowMs);
  const ctes: string[] = [];
  ctes.push(
    entry === "first"
      ? `s0 AS (SELECT customer_id, min(t) AS t0 FROM fev WHERE event = ${quoted(steps[0] as string)} GROUP BY customer_id)`
      : `s0 AS (SELECT DISTINCT customer_id, t AS t0 FROM fev WHERE event = ${quoted(steps[0] as string)})`,
  );
  for (let k = 1; k < m; k++) {
    ctes.push(
      `c${k} AS (SELECT DISTINCT customer_id, t FROM fev WHERE event = ${quoted(steps[k] as string)})`,
    );
  }
  let reach: string;
  if (order === "strict") {
    // s_k: the chains reaching step k + 1, with the time of each step
    for (let k = 1; k < m; k++) {
      const from = k === 1 ? "s0" : `s${k - 1}`;
      const prev = k === 1 ? "t0" : `t${k - 1}`;
      ctes.push(
        `s${k} AS (SELECT s.*, c.t AS t${k} FROM ${from} s ASOF JOIN c${k} c
           ON s.customer_id = c.customer_id AND s.${prev} < c.t WHERE c.t <= s.t0 + ${w})`,
      );
    }
    const joins = Array.from({ length: m - 1 }, (_, i) => {
      const k = i + 1;
      return `LEFT JOIN (SELECT customer_id, t0, t${k} FROM s${k}) j${k} USING (customer_id, t0)`;
    }).join("\n");
    const depth = Array.from(
      { length: m - 1 },
      (_, i) => `(j${i + 1}.t${i + 1} IS NOT NULL)::INTEGER`,
    ).join(" + ");
    const times = Array.from({ length: m - 1 }, (_, i) => `j${i + 1}.t${i + 1} AS r${i + 1}`).join(
      ", ",
    );
    reach = `SELECT s0.customer_id, s0.t0, s0.t0 AS r0, ${times}, 1 + ${depth} AS depth FROM s0 ${joins}`;
  } else {
    const joins = Array.from(
      { length: m - 1 },
      (_, i) =>
        `ASOF LEFT JOIN c${i + 1} f${i + 1} ON s0.customer_id = f${i + 1}.customer_id AND s0.t0 <= f${i + 1}.t`,
    ).join("\n");
    const firsts = Array.from(
      { length: m - 1 },
      (_, i) => `CASE WHEN f${i + 1}.t <= s0.t0 + ${w} THEN f${i + 1}.t END AS a${i + 1}`,
    ).join(", ");
    ctes.push(`firsts AS (SELECT s0.customer_id, s0.t0, ${firsts} FROM s0 ${joins})`);
    // depth: 1 + the number of consecutive steps 2, 3, … found; r_k: the latest of their times
    let depth = "1";
    let cond = "TRUE";
    const times: string[] = [];
    for (let k = 1; k < m; k++) {
      cond = `${cond} AND a${k} IS NOT NULL`;
      depth += ` + (${cond})::INTEGER`;
      times.push(
        `greatest(${["t0", ...Array.from({ length: k }, (_, i) => `a${i + 1}`)].join(", ")}) AS r${k}`,
      );
    }
    reach = `SELECT customer_id, t0, t0 AS r0, ${times.join(", ")}, ${depth} AS depth FROM firsts`;
  }
  ctes.push(`reach AS (${reach})`);
  ctes.push(
    `best AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY depth DESC, t0) AS rn FROM reach) WHERE rn = 1)`,
  );
  const perStep = Array.from({ length: m }, (_, k) =>
    k === 0
      ? "SELECT 1 AS step, count(*)::INTEGER AS customers, NULL::DOUBLE AS q1, NULL::DOUBLE AS median, NULL::DOUBLE AS q3 FROM best"
      : `SELECT ${k + 1}, count(*)::INTEGER, quantile_cont(r${k} - r${k - 1}, 0.25), quantile_cont(r${k} - r${k - 1}, 0.5), quantile_cont(r${k} - r${k - 1}, 0.75) FROM best WHERE depth >= ${k + 1}`,
  ).join("\nUNION ALL\n");
  return `WITH ${ctes.join(",\n")}\nSELECT * FROM (${perStep}) ORDER BY step`;
}

/** Typed event log columns (customer codes, epoch ms, event names). */
export interface FunnelLog {
  readonly customerId: Int32Array;
  readonly at: Float64Array;
  readonly event: string[];
}

/**
 * A seeded log of `n` events: sessions of page views, carts, checkouts and purchases of
 * about n / 10 customers over 2024, in time order within a customer's session and shuffled
 * across customers (a linear congruential generator).
 */
export function funnelLog(n: number, seed = 20240601): FunnelLog {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const customers = Math.max(1, Math.floor(n / 10));
  const customerId = new Int32Array(n);
  const at = new Float64Array(n);
  const event: string[] = new Array(n);
  const start = Date.UTC(2024, 0, 1);
  const span = 366 * 86_400_000;
  for (let i = 0; i < n; ) {
    const c = Math.floor(customers * next());
    let t = start + Math.floor(next() * span);
    // a session: page views, then maybe a cart, a checkout, a purchase
    const views = 1 + Math.floor(next() * 4);
    const plan: string[] = [];
    for (let v = 0; v < views; v++) plan.push("page_view");
    if (next() < 0.35) {
      plan.push("add_to_cart");
      if (next() < 0.6) {
        plan.push("checkout");
        if (next() < 0.7) plan.push("purchase");
      }
    }
    for (const name of plan) {
      if (i >= n) break;
      customerId[i] = c;
      at[i] = t;
      event[i] = name;
      i++;
      t += Math.floor(next() * 3 * 86_400_000 * next());
    }
  }
  return { customerId, at, event };
}

/** Figures of one run. */
export interface FunnelBenchResult {
  readonly events: number;
  /** Seconds, best of the repeats. */
  readonly library: number;
  readonly duckdb: number;
  /** CPU seconds (user + system, the whole process: DuckDB runs 2 threads) of those repeats. */
  readonly libraryCpu: number;
  readonly duckdbCpu: number;
  /** One-minute load average after the timed runs. */
  readonly load: number;
  /** Whether the step counts agree. */
  readonly agree: boolean;
  readonly counts: readonly number[];
}

/** CPU seconds of the whole process since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Time funnelAnalysis (columns) and DuckDB's query (threads = 2) on `n` generated events. */
export async function benchFunnel(n: number, repeats = 3): Promise<FunnelBenchResult> {
  const log = funnelLog(n);
  const options = { steps: [...FUNNEL_STEPS], window: { days: 7 }, order: "strict" as const };
  let library = Number.POSITIVE_INFINITY;
  let libraryCpu = 0;
  let counts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = funnelAnalysis(log, options);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds < library) {
      library = seconds;
      libraryCpu = cpuSeconds(c0);
    }
    counts = result.steps.map((s) => s.count);
  }
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const db = await instance.connect();
  await db.run("CREATE TABLE fev (customer_id VARCHAR, t BIGINT, event VARCHAR)");
  const appender = await db.createAppender("fev");
  for (let i = 0; i < n; i++) {
    appender.appendVarchar(`c${log.customerId[i]}`);
    appender.appendBigInt(BigInt(log.at[i] as number));
    appender.appendVarchar(log.event[i] as string);
    appender.endRow();
  }
  appender.closeSync();
  const sql = funnelQuery(FUNNEL_STEPS, FUNNEL_WINDOW_MS, "strict", "furthest");
  let duckdb = Number.POSITIVE_INFINITY;
  let duckdbCpu = 0;
  let duckCounts: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const reader = await db.runAndReadAll(sql);
    const rows = reader.getRowObjectsJS() as { customers: number }[];
    const seconds = (performance.now() - t0) / 1000;
    if (seconds < duckdb) {
      duckdb = seconds;
      duckdbCpu = cpuSeconds(c0);
    }
    duckCounts = rows.map((row) => Number(row.customers));
  }
  db.closeSync();
  return {
    events: n,
    library,
    duckdb,
    libraryCpu,
    duckdbCpu,
    load: os.loadavg()[0] as number,
    agree: JSON.stringify(counts) === JSON.stringify(duckCounts),
    counts,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const r = await benchFunnel(n);
  console.log(
    `funnel (4 steps, 7 days, strict) at ${r.events.toLocaleString("en-US")} events: ` +
      `library ${r.library.toFixed(3)} s (CPU ${r.libraryCpu.toFixed(2)} s), ` +
      `DuckDB ${r.duckdb.toFixed(3)} s (CPU ${r.duckdbCpu.toFixed(2)} s), load ${r.load.toFixed(1)}, ` +
      `ratio ${(r.library / r.duckdb).toFixed(2)} × DuckDB; counts ${r.counts.join(" / ")} ` +
      `(${r.agree ? "agree" : "DIFFER"})`,
  );
}
