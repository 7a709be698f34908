// DuckDB side of the cohort benchmark: the same columns loaded into an in-memory table
// events(customer_id VARCHAR, ts TIMESTAMP, revenue DECIMAL(12,2)) through the appender API
// (untimed), then the reference SQL of the cohort-retention/v1 workload timed as is (threads = 2, TimeZone UTC).
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  VARCHAR,
} from "@duckdb/node-api";
import { type Cells, monthKey } from "./cohorts-baseline.js";

/** The reference DuckDB query of the cohort-retention/v1 workload (src = events). */
export const DUCK_QUERY = `
WITH ev AS (
    SELECT customer_id, (year(ts) * 12 + month(ts) - 1)::INTEGER AS m, revenue FROM events
), cm AS MATERIALIZED (
    SELECT customer_id, m, sum(revenue) AS rev FROM ev GROUP BY customer_id, m
), first AS MATERIALIZED (
    SELECT customer_id, min(m) AS cohort FROM cm GROUP BY customer_id
), size AS (
    SELECT cohort, count(*) AS size FROM first GROUP BY cohort
), agg AS (
    SELECT cohort, m - cohort AS k, count(*) AS active, sum(rev) AS rev
    FROM cm JOIN first USING (customer_id) GROUP BY ALL
), grid AS (
    SELECT s.cohort, s.size, unnest(range(0, (SELECT max(m) FROM cm) - s.cohort + 1)) AS k FROM size s
), tri AS (
    SELECT g.cohort, g.k, g.size, coalesce(a.active, 0) AS active,
           CAST(coalesce(a.rev, 0) * 100 AS BIGINT) AS revenue_cents
    FROM grid g LEFT JOIN agg a ON a.cohort = g.cohort AND a.k = g.k
)
SELECT cohort, k, size, active, revenue_cents,
       CAST(sum(revenue_cents) OVER (PARTITION BY cohort ORDER BY k) AS BIGINT) AS cum_revenue_cents,
       active::DOUBLE / size::DOUBLE AS retention,
       CAST(sum(revenue_cents) OVER (PARTITION BY cohort ORDER BY k) AS BIGINT)::DOUBLE
           / (size * 100)::DOUBLE AS ltv
FROM tri ORDER BY cohort, k
`;

export interface DuckSide {
  connection: DuckDBConnection;
  version: string;
  close(): void;
}

const CHUNK = 2048;

/** Creates an in-memory database with the event table loaded from the columns. */
export async function loadDuck(
  ids: readonly string[],
  atMs: Float64Array,
  revenue: readonly string[],
): Promise<DuckSide> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run("CREATE TABLE raw (customer_id VARCHAR, ms DOUBLE, revenue VARCHAR)");
  const appender = await connection.createAppender("raw");
  const n = ids.length;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const chunk = DuckDBDataChunk.create([VARCHAR, DOUBLE, VARCHAR], end - start);
    chunk.setColumns([
      ids.slice(start, end),
      Array.from(atMs.subarray(start, end)),
      revenue.slice(start, end),
    ]);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  await connection.run(
    "CREATE TABLE events AS SELECT customer_id, epoch_ms(CAST(ms AS BIGINT)) AS ts, " +
      "CAST(revenue AS DECIMAL(12,2)) AS revenue FROM raw",
  );
  await connection.run("DROP TABLE raw");
  await connection.run("CHECKPOINT");
  const version = String((await connection.runAndReadAll("SELECT version()")).getRows()[0]?.[0]);
  return {
    connection,
    version,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs the anchors' query and returns its rows (the timed part). */
export async function runDuck(side: DuckSide): Promise<unknown[][]> {
  const reader = await side.connection.runAndReadAll(DUCK_QUERY);
  return reader.getRows() as unknown[][];
}

/** DuckDB's rows as comparison cells. */
export function duckCells(rows: unknown[][]): Cells {
  const out: Cells = { keys: [], size: [], active: [], cents: [] };
  let current = Number.NaN;
  for (const row of rows) {
    const cohort = Number(row[0]);
    if (cohort !== current) {
      current = cohort;
      out.keys.push(monthKey(cohort));
      out.size.push(Number(row[2]));
      out.active.push([]);
      out.cents.push([]);
    }
    (out.active[out.active.length - 1] as number[]).push(Number(row[3]));
    (out.cents[out.cents.length - 1] as number[]).push(Number(row[4]));
  }
  return out;
}
