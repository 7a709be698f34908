WITH ev AS (
  SELECT "customer_id" AS customer_id, DATEDIFF(DAY, CAST('1970-01-01' AS DATE), CAST(CONVERT_TIMEZONE('UTC', CAST(:1 AS VARCHAR), TO_TIMESTAMP_NTZ(DATE_PART(EPOCH_MILLISECOND, "event_time"), 3)) AS DATE)) AS event_day, "revenue" AS revenue,
    CASE WHEN "revenue" > 0 THEN 1 ELSE 0 END AS purchase
  FROM "analytics"."events"
  WHERE (country = 'DE') AND "customer_id" IS NOT NULL AND DATE_PART(EPOCH_MILLISECOND, "event_time") < CAST(:2 AS NUMBER(19, 0)) AND ("revenue" > 0 OR "revenue" < 0)
), per AS (
  SELECT customer_id,
    CAST(:3 AS NUMBER(19, 0)) - MAX(CASE WHEN purchase = 1 THEN event_day END) AS recency_days,
    SUM(purchase) AS orders,
    COUNT(DISTINCT CASE WHEN purchase = 1 THEN event_day END) AS purchase_days,
    COALESCE(SUM(revenue), 0) AS total
  FROM ev
  GROUP BY customer_id
  HAVING SUM(purchase) > 0
), ranked AS (
  SELECT customer_id, recency_days, orders, purchase_days, total,
    COUNT(*) OVER () AS n,
    RANK() OVER (ORDER BY recency_days DESC) AS r_lo,
    RANK() OVER (ORDER BY recency_days ASC) AS r_rev,
    DENSE_RANK() OVER (ORDER BY recency_days DESC) AS r_dense,
    RANK() OVER (ORDER BY orders ASC) AS f_lo,
    RANK() OVER (ORDER BY orders DESC) AS f_rev,
    DENSE_RANK() OVER (ORDER BY orders ASC) AS f_dense,
    RANK() OVER (ORDER BY total ASC) AS m_lo,
    RANK() OVER (ORDER BY total DESC) AS m_rev,
    DENSE_RANK() OVER (ORDER BY total ASC) AS m_dense
  FROM per
)
SELECT customer_id AS "customer_id", recency_days AS "recency_days", orders AS "orders",
  purchase_days AS "purchase_days", CAST(total AS VARCHAR) AS "total",
  CAST(((5 * (r_lo + (n + 1 - r_rev))) + (2 * n) - 1 - MOD((5 * (r_lo + (n + 1 - r_rev))) + (2 * n) - 1, 2 * n)) / (2 * n) AS NUMBER(19, 0)) AS "r",
  CAST(((5 * (f_lo + (n + 1 - f_rev))) + (2 * n) - 1 - MOD((5 * (f_lo + (n + 1 - f_rev))) + (2 * n) - 1, 2 * n)) / (2 * n) AS NUMBER(19, 0)) AS "f",
  CAST(((5 * (m_lo + (n + 1 - m_rev))) + (2 * n) - 1 - MOD((5 * (m_lo + (n + 1 - m_rev))) + (2 * n) - 1, 2 * n)) / (2 * n) AS NUMBER(19, 0)) AS "m"
FROM ranked
ORDER BY customer_id
