// DuckDB side of the event-log benchmark: the queries equivalent to summarizeTransactions and
// rfmSegments, on the in-memory table events(customer_id VARCHAR, ts TIMESTAMP,
// revenue DECIMAL(12,2)) that bench/cohorts-duckdb.ts loads (same threads, TimeZone UTC). The
// cohort query is that file's. Each query's rows are read into JavaScript (getRows), as the
// library's results are JavaScript objects; the time of the query alone is kept too.
import { DuckDBResultReader } from "@duckdb/node-api";
import type { DuckSide } from "./cohorts-duckdb.js";

/** How refunds count in money sums: subtracted ('net') or left out ('exclude'). */
export type RefundRule = "net" | "exclude";

/** A date 'YYYY-MM-DD' checked to be one (it is put into the SQL text). */
function date(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${day}`);
  return `DATE '${day}'`;
}

/**
 * The summary of the purchase models: purchases (revenue > 0) grouped by customer and UTC day;
 * per customer frequency = days − 1, recency = last day − first day, T = `lastDay` − first day
 * (days), and the mean of the repeat days' totals (0 without repeat days). With `refunds:
 * 'net'`, a refund on a purchase day is subtracted from that day's total (refunds on other
 * days are left out); with `'exclude'` refunds are left out.
 */
export function summaryQuery(lastDay: string, refunds: RefundRule): string {
  const days =
    refunds === "exclude"
      ? `SELECT customer_id, CAST(ts AS DATE) AS day, sum(revenue) AS total
         FROM events WHERE revenue > 0 AND CAST(ts AS DATE) <= ${date(lastDay)} GROUP BY ALL`
      : `SELECT customer_id, CAST(ts AS DATE) AS day, sum(revenue) AS total
         FROM events WHERE CAST(ts AS DATE) <= ${date(lastDay)} GROUP BY ALL
         HAVING bool_or(revenue > 0)`;
  return `
WITH days AS (${days}
), c AS (
    SELECT customer_id, count(*) - 1 AS frequency, min(day) AS first_day, max(day) AS last_day,
           sum(total) - arg_min(total, day) AS repeat_total
    FROM days GROUP BY customer_id
)
SELECT customer_id, frequency::INTEGER AS frequency,
       (last_day - first_day)::INTEGER AS recency,
       (${date(lastDay)} - first_day)::INTEGER AS t,
       CASE WHEN frequency = 0 THEN 0 ELSE repeat_total::DOUBLE / frequency END AS monetary
FROM c ORDER BY customer_id
`;
}

/**
 * RFM: per customer with a purchase up to `asOfDay` (a calendar day, observed in full; UTC),
 * recency = `asOfDay` − the UTC day of the last purchase, frequency = the
 * number of purchases (rows with revenue > 0), monetary = their sum (with `refunds: 'net'`,
 * minus the customer's refunds up to `asOfDay`); then ntile(5) over each (recency: the most
 * recent score 5).
 */
export function rfmQuery(asOfDay: string, refunds: RefundRule): string {
  const sum = refunds === "exclude" ? "sum(revenue) FILTER (revenue > 0)" : "sum(revenue)";
  return `
WITH c AS (
    SELECT customer_id, max(ts) FILTER (revenue > 0) AS last, count(*) FILTER (revenue > 0) AS frequency,
           ${sum} AS monetary
    FROM events WHERE CAST(ts AS DATE) <= ${date(asOfDay)} GROUP BY customer_id
    HAVING count(*) FILTER (revenue > 0) > 0
), d AS (
    SELECT customer_id, (${date(asOfDay)} - CAST(last AS DATE))::INTEGER AS recency,
           frequency::INTEGER AS frequency, monetary FROM c
)
SELECT customer_id, recency, frequency, CAST(monetary * 100 AS BIGINT) AS monetary_cents,
       ntile(5) OVER (ORDER BY recency DESC, customer_id) AS r,
       ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
       ntile(5) OVER (ORDER BY monetary, customer_id) AS m
FROM d ORDER BY customer_id
`;
}

/** Seconds of each call of {@link runQuery}: the query (its result held by DuckDB), then the rows read into JavaScript. */
export interface QueryTimes {
  query: number[];
  read: number[];
}

/**
 * Runs a query and returns its rows (the timed part): the query runs to a materialized result,
 * then the rows are read into JavaScript values (getRows); the seconds of both steps are
 * appended to `times`.
 */
export async function runQuery(
  side: DuckSide,
  sql: string,
  times?: QueryTimes,
): Promise<unknown[][]> {
  const t0 = performance.now();
  const result = await side.connection.run(sql);
  const t1 = performance.now();
  const reader = new DuckDBResultReader(result);
  await reader.readAll();
  const rows = reader.getRows() as unknown[][];
  const t2 = performance.now();
  times?.query.push((t1 - t0) / 1000);
  times?.read.push((t2 - t1) / 1000);
  return rows;
}

/** One customer's summary figures: days, and the mean repeat-day total in currency units. */
export interface SummaryFigures {
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
}

/** DuckDB's summary rows by customer. */
export function duckSummary(rows: unknown[][]): Map<string, SummaryFigures> {
  const out = new Map<string, SummaryFigures>();
  for (const r of rows)
    out.set(String(r[0]), {
      frequency: Number(r[1]),
      recency: Number(r[2]),
      T: Number(r[3]),
      monetary: Number(r[4]),
    });
  return out;
}

/** One customer's RFM figures: days, purchases, integer cents. */
export interface RfmFigures {
  recency: number;
  frequency: number;
  cents: number;
}

/** DuckDB's RFM rows by customer. */
export function duckRfm(rows: unknown[][]): Map<string, RfmFigures> {
  const out = new Map<string, RfmFigures>();
  for (const r of rows)
    out.set(String(r[0]), {
      recency: Number(r[1]),
      frequency: Number(r[2]),
      cents: Number(r[3]),
    });
  return out;
}
