WITH ev AS (
  SELECT "customer_id" AS customer_id, DATEDIFF(DAY, CAST('1970-01-01' AS DATE), CAST(CONVERT_TIMEZONE('UTC', CAST(:1 AS VARCHAR), TO_TIMESTAMP_NTZ(DATE_PART(EPOCH_MILLISECOND, "event_time"), 3)) AS DATE)) AS event_day, CASE WHEN DATE_PART(EPOCH_MILLISECOND, "event_time") < CAST(:2 AS NUMBER(19, 0)) THEN 0 ELSE 1 END AS phase,
    "revenue" AS revenue, CASE WHEN "revenue" > 0 THEN 1 ELSE 0 END AS purchase
  FROM "analytics"."events"
  WHERE (country = 'DE') AND "customer_id" IS NOT NULL AND DATE_PART(EPOCH_MILLISECOND, "event_time") < CAST(:3 AS NUMBER(19, 0)) AND ("revenue" > 0 OR "revenue" < 0)
), days AS (
  SELECT customer_id, event_day, phase, SUM(revenue) AS total
  FROM ev
  GROUP BY customer_id, event_day, phase
  HAVING MAX(purchase) = 1
), firsts AS (
  SELECT customer_id, event_day, phase, total, MIN(event_day) OVER (PARTITION BY customer_id) AS first_day
  FROM days
), per AS (
  SELECT customer_id,
    SUM(CASE WHEN phase = 0 THEN 1 ELSE 0 END) - 1 AS frequency,
    MAX(CASE WHEN phase = 0 THEN event_day END) - MIN(first_day) AS recency_days,
    CAST(:4 AS NUMBER(19, 0)) - MIN(first_day) AS t_days,
    SUM(CASE WHEN phase = 0 AND event_day > first_day THEN total END) AS repeat_total,
    SUM(phase) AS frequency_holdout,
    SUM(CASE WHEN phase = 1 THEN total END) AS holdout_total
  FROM firsts
  GROUP BY customer_id
  HAVING SUM(CASE WHEN phase = 0 THEN 1 ELSE 0 END) > 0
)
SELECT customer_id AS "customer_id", frequency AS "frequency", recency_days AS "recency_days", t_days AS "t_days",
  CAST(repeat_total AS VARCHAR) AS "repeat_total",
  frequency_holdout AS "frequency_holdout", CAST(holdout_total AS VARCHAR) AS "holdout_total"
FROM per
ORDER BY customer_id
