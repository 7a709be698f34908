WITH per AS (
  SELECT "customer_id" AS customer_id, MIN(DATE_PART(EPOCH_MILLISECOND, "event_time")) AS first_ms, MAX(DATE_PART(EPOCH_MILLISECOND, "event_time")) AS last_ms
  FROM "analytics"."events"
  WHERE (country = 'DE') AND "customer_id" IS NOT NULL AND DATE_PART(EPOCH_MILLISECOND, "event_time") < CAST(:1 AS NUMBER(19, 0)) AND "revenue" > 0
  GROUP BY "customer_id"
)
SELECT COUNT(*) AS "eligible", COALESCE(SUM(CASE WHEN last_ms >= CAST(:2 AS NUMBER(19, 0)) THEN 1 ELSE 0 END), 0) AS "returning"
FROM per
WHERE first_ms < CAST(:3 AS NUMBER(19, 0))
