// funnelAnalysis checked against DuckDB SQL run here through @duckdb/node-api: a second
// implementation (ASOF joins for each step's next event, row_number() over each customer's
// entries, quantile_cont for the times between steps) that shares no code with the library.
// The SQL is bench/eventlog-funnel.ts's `funnelQuery`, the query the benchmark times.
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { funnelQuery } from "../../bench/eventlog-funnel.js";
import { funnelAnalysis } from "../../src/behaviour/index.js";

interface Event {
  readonly customerId: string;
  readonly at: number;
  readonly event: string;
}

/** A deterministic log (a linear congruential generator): 6,000 events of 200 customers over 20 days, on a minute grid (ties happen). */
function generatedLog(): Event[] {
  let state = 7_654_321;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const names = ["page_view", "add_to_cart", "checkout", "purchase", "refund", "search"];
  const start = Date.UTC(2024, 0, 1);
  const log: Event[] = [];
  for (let i = 0; i < 6000; i++) {
    const customer = Math.floor(200 * next() ** 2);
    const at = start + Math.floor(next() * 20 * 24 * 60) * 60_000; // 20 days of minutes
    const r = next();
    const event = names[
      r < 0.4 ? 0 : r < 0.6 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : r < 0.95 ? 4 : 5
    ] as string;
    log.push({ customerId: `c${customer}`, at, event });
  }
  return log;
}

const LOG = generatedLog();
const STEPS = ["page_view", "add_to_cart", "checkout", "purchase"];
let db: Awaited<ReturnType<DuckDBInstance["connect"]>>;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
  await db.run("CREATE TABLE fev (customer_id VARCHAR, t BIGINT, event VARCHAR)");
  const values = LOG.map((e) => `('${e.customerId}', ${e.at}, '${e.event}')`);
  await db.run(`INSERT INTO fev VALUES ${values.join(", ")}`);
});

describe("funnelAnalysis against DuckDB", () => {
  const cases = [
    ["strict", "furthest", 2],
    ["strict", "first", 2],
    ["strict", "furthest", 0.25],
    ["any-order", "furthest", 2],
    ["any-order", "first", 5],
  ] as const;
  it.each(cases)(
    "agrees on counts and step times (%s, entry %s, %s days)",
    async (order, entry, days) => {
      const reader = await db.runAndReadAll(funnelQuery(STEPS, days * 86_400_000, order, entry));
      const rows = reader.getRowObjectsJS() as {
        customers: number;
        q1: number | null;
        median: number | null;
        q3: number | null;
      }[];
      const result = funnelAnalysis(LOG, { steps: STEPS, window: { days }, order, entry });
      expect(result.steps.map((s) => s.count)).toEqual(rows.map((r) => Number(r.customers)));
      expect(result.steps[0]?.count).toBeGreaterThan(100);
      expect(result.steps[3]?.count).toBeGreaterThan(2); // so that every step has times to compare
      for (let k = 1; k < STEPS.length; k++) {
        const times = result.steps[k]?.timeFromPrevious;
        const row = rows[k];
        // quantile_cont interpolates in float64; the library's quartiles are exact
        expect(times?.ms.lowerQuartile.toNumber()).toBeCloseTo(row?.q1 as number, 3);
        expect(times?.ms.median.toNumber()).toBeCloseTo(row?.median as number, 3);
        expect(times?.ms.upperQuartile.toNumber()).toBeCloseTo(row?.q3 as number, 3);
      }
    },
  );
});
