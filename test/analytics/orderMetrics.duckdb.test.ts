// orderMetrics of a generated order log checked against DuckDB SQL, run here through
// @duckdb/node-api: a second implementation (calendar months and ISO weeks from DuckDB's ICU
// time zones, DECIMAL sums, set logic in SQL) that shares no code with the library.
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { Decimal, type OrderFigures, orderMetrics } from "../../src/index.js";

interface Order {
  readonly customerId: string;
  readonly at: number;
  readonly revenue: string | null;
}

/**
 * A deterministic log (a linear congruential generator): 50,000 rows of 6,000 customers from
 * July 2023 to February 2025 — orders of 1.00 to 300.00, about 5 % refunds, a few rows of zero
 * or no revenue (not orders).
 */
function generatedLog(): Order[] {
  let state = 1337;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const start = Date.UTC(2023, 6, 1);
  const span = Date.UTC(2025, 1, 1) - start;
  const log: Order[] = [];
  for (let i = 0; i < 50_000; i++) {
    const customer = Math.floor(6000 * next() ** 2);
    const at = start + Math.floor(next() * span);
    const kind = next();
    const cents = 100 + Math.floor(next() * 29_900);
    const revenue =
      kind < 0.05
        ? `-${(cents / 100).toFixed(2)}`
        : kind < 0.07
          ? null
          : kind < 0.08
            ? "0"
            : (cents / 100).toFixed(2);
    log.push({ customerId: `c${customer}`, at, revenue });
  }
  return log;
}

const LOG = generatedLog();
let db: Awaited<ReturnType<DuckDBInstance["connect"]>>;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run("CREATE TABLE ev (customer VARCHAR, ts TIMESTAMPTZ, revenue DECIMAL(12, 2))");
  for (let k = 0; k < LOG.length; k += 10_000) {
    const values = LOG.slice(k, k + 10_000).map(
      (e) =>
        `('${e.customerId}', make_timestamptz(${e.at * 1000}::BIGINT), ${e.revenue === null ? "NULL" : e.revenue})`,
    );
    await db.run(`INSERT INTO ev VALUES ${values.join(", ")}`);
  }
}, 60_000);

/**
 * The report [local midnight of `from`, local midnight after `through`) in the session zone,
 * grouped by `periodSql` (an expression of `ts`; a constant for the total): gross revenue,
 * refunds, orders, customers, repeat customers, new customers and their revenue.
 */
function reportSql(zone: string, from: string, through: string, periodSql: string): string {
  const lo = `timezone('${zone}', TIMESTAMP '${from} 00:00:00')`;
  const hi = `timezone('${zone}', TIMESTAMP '${through} 00:00:00' + INTERVAL 1 DAY)`;
  return `WITH win AS (SELECT customer, ts, revenue, ${periodSql} AS p FROM ev WHERE ts >= ${lo} AND ts < ${hi}),
    firsts AS (SELECT customer, min(ts) AS first_ts FROM ev WHERE revenue > 0 GROUP BY customer),
    per AS (SELECT p, customer, count(*) AS n, sum(revenue) AS rev, min(ts) AS first_here
            FROM win WHERE revenue > 0 GROUP BY p, customer),
    totals AS (SELECT per.p, sum(n)::INTEGER AS orders, count(*)::INTEGER AS customers,
                 (count(*) FILTER (WHERE n >= 2))::INTEGER AS repeat,
                 (count(*) FILTER (WHERE first_ts = first_here))::INTEGER AS new,
                 sum(rev)::VARCHAR AS gross,
                 coalesce(sum(rev) FILTER (WHERE first_ts = first_here), 0)::VARCHAR AS new_rev
               FROM per JOIN firsts USING (customer) GROUP BY per.p),
    refunds AS (SELECT p, (-sum(revenue))::VARCHAR AS refunds FROM win WHERE revenue < 0 GROUP BY p)
    SELECT coalesce(t.p, r.p)::VARCHAR AS p, coalesce(orders, 0) AS orders,
      coalesce(customers, 0) AS customers, coalesce(repeat, 0) AS repeat, coalesce(new, 0) AS new,
      coalesce(gross, '0') AS gross, coalesce(new_rev, '0') AS new_rev,
      coalesce(refunds, '0') AS refunds
    FROM totals t FULL JOIN refunds r ON t.p = r.p ORDER BY 1`;
}

async function query(zone: string, sql: string): Promise<Record<string, unknown>[]> {
  await db.run(`SET TimeZone = '${zone}'`);
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Our figures in the SQL's shape (money compared as exact decimals, written canonically). */
function ours(key: string, f: OrderFigures): unknown[] {
  return [
    key,
    f.orders,
    f.customers,
    f.repeatCustomers,
    f.newCustomers,
    f.grossRevenue.toString(),
    f.newCustomerRevenue.toString(),
    f.refunds.toString(),
  ];
}

function theirs(r: Record<string, unknown>): unknown[] {
  const money = (v: unknown) => new Decimal(String(v)).toString();
  return [
    r.p,
    r.orders,
    r.customers,
    r.repeat,
    r.new,
    money(r.gross),
    money(r.new_rev),
    money(r.refunds),
  ];
}

const MONTH = "strftime(ts, '%Y-%m')";
const ISO_WEEK = "isoyear(ts)::VARCHAR || '-W' || lpad(week(ts)::VARCHAR, 2, '0')";

describe("orderMetrics against DuckDB", () => {
  it.each([
    ["UTC", "month", MONTH],
    ["America/New_York", "month", MONTH],
    ["Australia/Lord_Howe", "week", ISO_WEEK],
    ["UTC", "week", ISO_WEEK],
  ] as const)("agrees in %s by %s", async (zone, by, periodSql) => {
    const from = "2024-01-01";
    const through = "2024-12-31";
    const report = orderMetrics(LOG, { from, to: through, by, timeZone: zone });
    const [total] = await query(zone, reportSql(zone, from, through, "'total'"));
    expect(ours("total", report.total)).toEqual(theirs(total as Record<string, unknown>));
    const expected = await query(zone, reportSql(zone, from, through, periodSql));
    // every period of the report has orders here, so the SQL lists each one
    expect(report.periods.map((p) => ours(p.key, p))).toEqual(expected.map(theirs));
    expect(report.total.orders).toBeGreaterThan(20_000);
    // net revenue and the ratios follow from those figures
    const t = report.total;
    expect(t.netRevenue.eq(t.grossRevenue.minus(t.refunds))).toBe(true);
    expect(t.averageOrderValue?.eq(t.grossRevenue.div(t.orders))).toBe(true);
  });
});
