WITH per AS (
  SELECT `customer_id` AS customer_id, MIN(UNIX_MILLIS(`event_time`)) AS first_ms, MAX(UNIX_MILLIS(`event_time`)) AS last_ms
  FROM `analytics`.`events`
  WHERE (country = 'DE') AND `customer_id` IS NOT NULL AND UNIX_MILLIS(`event_time`) < CAST(@p1 AS INT64) AND `revenue` > 0
  GROUP BY `customer_id`
)
SELECT COUNT(*) AS `eligible`, COALESCE(SUM(CASE WHEN last_ms >= CAST(@p2 AS INT64) THEN 1 ELSE 0 END), 0) AS `returning`
FROM per
WHERE first_ms < CAST(@p3 AS INT64)
