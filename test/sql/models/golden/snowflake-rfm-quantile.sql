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
    COUNT(*) OVER () AS n
  FROM per
)
SELECT customer_id AS "customer_id", recency_days AS "recency_days", orders AS "orders",
  purchase_days AS "purchase_days", CAST(total AS VARCHAR) AS "total",
  CAST(NULL AS NUMBER(19, 0)) AS "r",
  CAST(NULL AS NUMBER(19, 0)) AS "f",
  CAST(NULL AS NUMBER(19, 0)) AS "m"
FROM ranked
ORDER BY customer_id
