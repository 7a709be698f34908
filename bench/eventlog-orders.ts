// orderMetrics in the event-log benchmark: the report, DuckDB's equivalent query on the table
// events(customer_id VARCHAR, ts TIMESTAMP, revenue DECIMAL(12,2)) that bench/cohorts-duckdb.ts
// loads (UTC), and the check of the library's result against the query's rows.
//
// The report runs from `from` (the first day of a month about a quarter into the data, so that
// customers who ordered before it are returning) to the last day of the data (a calendar date,
// included), by calendar month in UTC.

/** What the benchmark reports: the window and the options both sides use. */
export interface OrdersReport {
  /** First day reported, 'YYYY-MM-DD' (UTC). */
  readonly from: string;
  /** Last day reported, 'YYYY-MM-DD' (UTC), included. */
  readonly through: string;
  readonly refunds: "net" | "exclude";
}

/** One span's figures, money as exact decimal strings. */
export interface OrderRow {
  key: string;
  orders: number;
  customers: number;
  repeat: number;
  newCustomers: number;
  gross: string;
  newRevenue: string;
  refunds: string;
}

/** The report of a log whose first event is at `firstMs` and last day is `lastDay`. */
export function ordersReport(
  firstMs: number,
  lastMs: number,
  lastDay: string,
  refunds: "net" | "exclude",
): OrdersReport {
  const at = new Date(firstMs + (lastMs - firstMs) / 4);
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { from: from.toISOString().slice(0, 10), through: lastDay, refunds };
}

function date(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a date: ${day}`);
  return `DATE '${day}'`;
}

/**
 * The figures of `orderMetrics(events, { from, to: through, by: 'month', refunds })`: per UTC
 * month of [from, through + 1 day) and for the whole report ('total'), the orders (revenue >
 * 0), distinct customers, customers with two orders or more, customers whose first order of
 * the whole log is in the span, gross revenue, the new customers' revenue and the refunds
 * (−Σ negative revenue; 0 with refunds 'exclude'). Money as exact decimal text.
 */
export function ordersQuery(r: OrdersReport): string {
  const refunds = r.refunds === "exclude" ? "0" : "-sum(revenue)";
  const lo = date(r.from);
  const hi = `${date(r.through)} + INTERVAL 1 DAY`;
  return `
WITH firsts AS (
    SELECT customer_id, min(ts) AS first_ts FROM events WHERE revenue > 0 GROUP BY ALL
), per AS (
    SELECT date_trunc('month', ts) AS p, customer_id, count(*) AS n, sum(revenue) AS rev,
           min(ts) AS first_here
    FROM events WHERE revenue > 0 AND ts >= ${lo} AND ts < ${hi} GROUP BY ALL
), flagged AS (
    SELECT p, customer_id, n, rev, first_here, first_ts = first_here AS new_here
    FROM per JOIN firsts USING (customer_id)
), tot AS (
    SELECT customer_id, sum(n) AS n, sum(rev) AS rev, bool_or(new_here) AS new_here
    FROM flagged GROUP BY ALL
), figures AS (
    SELECT strftime(p, '%Y-%m') AS p, sum(n)::BIGINT AS orders, count(*)::BIGINT AS customers,
           (count(*) FILTER (n >= 2))::BIGINT AS repeat,
           (count(*) FILTER (new_here))::BIGINT AS new_customers,
           sum(rev)::VARCHAR AS gross, coalesce(sum(rev) FILTER (new_here), 0)::VARCHAR AS new_revenue
    FROM flagged GROUP BY p
    UNION ALL
    SELECT 'total', sum(n)::BIGINT, count(*)::BIGINT, (count(*) FILTER (n >= 2))::BIGINT,
           (count(*) FILTER (new_here))::BIGINT, sum(rev)::VARCHAR,
           coalesce(sum(rev) FILTER (new_here), 0)::VARCHAR
    FROM tot
), monthly_refunds AS (
    SELECT date_trunc('month', ts) AS p, ${refunds} AS refunds FROM events
    WHERE revenue < 0 AND ts >= ${lo} AND ts < ${hi} GROUP BY ALL
), refunds AS (
    SELECT strftime(p, '%Y-%m') AS p, refunds::VARCHAR AS refunds FROM monthly_refunds
    UNION ALL SELECT 'total', coalesce(sum(refunds), 0)::VARCHAR FROM monthly_refunds
)
SELECT p, coalesce(orders, 0), coalesce(customers, 0), coalesce(repeat, 0),
       coalesce(new_customers, 0), coalesce(gross, '0'), coalesce(new_revenue, '0'),
       coalesce(refunds, '0')
FROM figures FULL JOIN refunds USING (p) ORDER BY p
`;
}

/** Decimal text without trailing zeros ('12.50' → '12.5', '-0.00' → '0'). */
function canonical(text: string): string {
  let s = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  if (/^-0*$/.test(s)) s = "0";
  return s;
}

/** DuckDB's rows as figures by span key ('total' and 'YYYY-MM'). */
export function duckOrders(rows: unknown[][]): Map<string, OrderRow> {
  const out = new Map<string, OrderRow>();
  for (const row of rows) {
    const key = String(row[0]);
    out.set(key, {
      key,
      orders: Number(row[1]),
      customers: Number(row[2]),
      repeat: Number(row[3]),
      newCustomers: Number(row[4]),
      gross: canonical(String(row[5])),
      newRevenue: canonical(String(row[6])),
      refunds: canonical(String(row[7])),
    });
  }
  return out;
}

interface Figures {
  readonly orders: number;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly newCustomers: number;
  readonly grossRevenue: { toString(): string };
  readonly newCustomerRevenue: { toString(): string };
  readonly refunds: { toString(): string };
}

/** The library's result as figures by span key. */
function ours(result: { total: Figures; periods: readonly (Figures & { key: string })[] }) {
  const row = (key: string, f: Figures): OrderRow => ({
    key,
    orders: f.orders,
    customers: f.customers,
    repeat: f.repeatCustomers,
    newCustomers: f.newCustomers,
    gross: f.grossRevenue.toString(),
    newRevenue: f.newCustomerRevenue.toString(),
    refunds: f.refunds.toString(),
  });
  const out = new Map<string, OrderRow>([["total", row("total", result.total)]]);
  for (const p of result.periods) out.set(p.key, row(p.key, p));
  return out;
}

/**
 * The differences between the library's result and DuckDB's figures (a month without orders
 * or refunds has no SQL row: it must be all zeros on the library's side).
 */
export function checkOrders(
  result: { total: Figures; periods: readonly (Figures & { key: string })[] },
  reference: Map<string, OrderRow>,
): string[] {
  const diffs: string[] = [];
  const mine = ours(result);
  const empty = (key: string): OrderRow => ({
    key,
    orders: 0,
    customers: 0,
    repeat: 0,
    newCustomers: 0,
    gross: "0",
    newRevenue: "0",
    refunds: "0",
  });
  for (const key of new Set([...mine.keys(), ...reference.keys()])) {
    const a = JSON.stringify(mine.get(key) ?? "missing");
    const b = JSON.stringify(reference.get(key) ?? empty(key));
    if (a !== b) diffs.push(`${key}: library ${a}, DuckDB ${b}`);
    if (diffs.length === 3) break;
  }
  return diffs;
}
