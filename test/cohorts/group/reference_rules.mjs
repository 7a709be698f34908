// Reference values of test/cohorts/group/eventRules.test.ts, computed by DuckDB SQL from the
// same rows, independently of the library: node test/cohorts/group/reference_rules.mjs
//
// The rules in SQL: revenue > 0 purchase, < 0 refund, 0 or none activity; purchases 'all'
// makes every non-refund row a purchase; refunds 'net' nets a refund into its bucket (the
// purchase day of a summary, the customer's total in RFM), 'exclude' drops it. A date end
// '2024-01-09' observes that day in full (end = 2024-01-10T00:00Z, exclusive); an instant end
// is exclusive; whole days count to the day holding end - 1 ms.
import { DuckDBInstance } from "@duckdb/node-api";

const ROWS = [
  ["buyer", "2024-01-01T09:00:00Z", 10.0],
  ["buyer", "2024-01-01T15:00:00Z", 5.0],
  ["buyer", "2024-01-03T10:00:00Z", 20.0],
  ["buyer", "2024-01-03T11:00:00Z", -8.0],
  ["buyer", "2024-01-05T10:00:00Z", -4.0],
  ["buyer", "2024-01-07T10:00:00Z", 0.0],
  ["buyer", "2024-01-08T12:00:00Z", 7.5],
  ["refunder", "2024-01-02T10:00:00Z", -15.0],
  ["free", "2024-01-04T10:00:00Z", 0.0],
  ["late", "2024-01-10T00:00:00Z", 30.0],
  ["one", "2024-01-02T23:59:59Z", 12.0],
];

const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
await c.run("SET TimeZone = 'UTC'");
await c.run("CREATE TABLE ev (customer VARCHAR, ts TIMESTAMPTZ, revenue DECIMAL(12,2))");
for (const [id, at, rev] of ROWS) await c.run(`INSERT INTO ev VALUES ('${id}', '${at}', ${rev})`);

const endOf = (v) =>
  v.length === 10 ? `(TIMESTAMPTZ '${v}' + INTERVAL 1 DAY)` : `TIMESTAMPTZ '${v}'`;
const kinds = (purchases) =>
  `SELECT *, CAST(ts AS DATE) AS day, revenue < 0 AS refund, ` +
  (purchases === "all" ? "NOT (revenue < 0)" : "revenue > 0") +
  " AS purchase FROM ev";

async function rows(sql) {
  const r = await c.runAndReadAll(sql);
  return r.getRowObjectsJson();
}

async function summary(end, purchases = "positive", refunds = "net") {
  const e = endOf(end);
  return rows(`
    WITH k AS (SELECT * FROM (${kinds(purchases)}) WHERE ts < ${e}),
    pdays AS (SELECT DISTINCT customer, day FROM k WHERE purchase),
    money AS (SELECT customer, day, sum(revenue) AS total FROM k
              WHERE purchase OR (refund AND '${refunds}' = 'net') GROUP BY ALL),
    d AS (SELECT p.customer, p.day, m.total,
                 row_number() OVER (PARTITION BY p.customer ORDER BY p.day) AS n
          FROM pdays p JOIN money m USING (customer, day))
    SELECT customer, count(*) - 1 AS frequency,
           date_diff('day', min(day), max(day)) AS recency,
           date_diff('day', min(day), CAST(${e} - INTERVAL 1 MILLISECOND AS DATE)) AS T,
           coalesce(CAST(sum(total) FILTER (WHERE n > 1) / nullif(count(*) - 1, 0) AS VARCHAR), '0')
             AS monetaryValue
    FROM d GROUP BY customer ORDER BY customer`);
}

async function rfm(asOf, purchases = "positive", refunds = "net") {
  const e = endOf(asOf);
  return rows(`
    WITH k AS (SELECT * FROM (${kinds(purchases)}) WHERE ts < ${e})
    SELECT customer,
           date_diff('day', max(day) FILTER (WHERE purchase),
                     CAST(${e} - INTERVAL 1 MILLISECOND AS DATE)) AS recency,
           count(*) FILTER (WHERE purchase) AS orders,
           count(DISTINCT day) FILTER (WHERE purchase) AS days,
           CAST(sum(revenue) FILTER (WHERE purchase OR (refund AND '${refunds}' = 'net'))
                AS VARCHAR) AS monetary
    FROM k GROUP BY customer HAVING count(*) FILTER (WHERE purchase) > 0 ORDER BY customer`);
}

const out = { summary: {}, rfm: {} };
for (const [name, end, p, r] of [
  ["date 2024-01-09", "2024-01-09"],
  ["instant 2024-01-10T00:00:00Z", "2024-01-10T00:00:00Z"],
  ["date 2024-01-10", "2024-01-10"],
  ["exclude", "2024-01-09", "positive", "exclude"],
  ["all", "2024-01-09", "all", "net"],
]) {
  out.summary[name] = await summary(end, p, r);
  out.rfm[name] = await rfm(end, p, r);
}
console.log(JSON.stringify(out));
c.closeSync();
db.closeSync();
