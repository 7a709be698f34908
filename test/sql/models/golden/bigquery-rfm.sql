WITH ev AS (
  SELECT `customer_id` AS customer_id, UNIX_DATE(DATE(DATETIME(TIMESTAMP_MILLIS(UNIX_MILLIS(`event_time`)), CAST(@p1 AS STRING)))) AS event_day, `revenue` AS revenue,
    CASE WHEN `revenue` > 0 THEN 1 ELSE 0 END AS purchase
  FROM `analytics`.`events`
  WHERE (country = 'DE') AND `customer_id` IS NOT NULL AND UNIX_MILLIS(`event_time`) < CAST(@p2 AS INT64) AND (`revenue` > 0 OR `revenue` < 0)
), per AS (
  SELECT customer_id,
    CAST(@p3 AS INT64) - MAX(CASE WHEN purchase = 1 THEN event_day END) AS recency_days,
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
SELECT customer_id AS `customer_id`, recency_days AS `recency_days`, orders AS `orders`,
  purchase_days AS `purchase_days`, CAST(total AS STRING) AS `total`,
  DIV((5 * (r_lo + (n + 1 - r_rev))) + (2 * n) - 1, 2 * n) AS `r`,
  DIV((5 * (f_lo + (n + 1 - f_rev))) + (2 * n) - 1, 2 * n) AS `f`,
  DIV((5 * (m_lo + (n + 1 - m_rev))) + (2 * n) - 1, 2 * n) AS `m`
FROM ranked
ORDER BY customer_id
