WITH src AS (
  SELECT `customer_id` AS `customer`, UNIX_MILLIS(`event_at`) AS `ms`,
    `amount` AS `revenue`,
    CAST(NULL AS INT64) AS `cohort_ms`
  FROM `analytics`.`events`
  WHERE `customer_id` IS NOT NULL AND `event_at` IS NOT NULL AND UNIX_MILLIS(`event_at`) < CAST(@p1 AS INT64)
),
zone_hours AS (
  SELECT `h`, UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(`h` * 3600000), CAST(@p2 AS STRING)), 'UTC')) - `h` * 3600000 AS `o1`,
    UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS((`h` * 3600000 + 3599999)), CAST(@p3 AS STRING)), 'UTC')) - (`h` * 3600000 + 3599999) AS `o2`
  FROM (SELECT DISTINCT CAST(FLOOR((`ms`) / 3600000) AS INT64) AS `h` FROM src) hs
),
ev_local AS (
  SELECT s.`customer`, s.`revenue`, s.`cohort_ms`, s.`ms` + CASE WHEN z.`o1` = z.`o2`
    THEN z.`o1` ELSE UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(s.`ms`), CAST(@p4 AS STRING)), 'UTC')) - s.`ms` END AS `wall`
  FROM src s JOIN zone_hours z ON z.`h` = CAST(FLOOR((s.`ms`) / 3600000) AS INT64)
),
ev AS (
  SELECT `customer`, CAST(FLOOR((CAST(FLOOR((`wall`) / 86400000) AS INT64) + 3) / 7) AS INT64) AS `p`,
    CASE WHEN (`revenue` IS NULL OR `revenue` >= 0) THEN 1 ELSE 0 END AS `a`,
    COALESCE(`revenue`, 0) AS `amount`, `cohort_ms`
  FROM ev_local
),
cells AS (
  SELECT `customer`, `p`, MAX(`a`) AS `a`, SUM(`amount`) AS `amount`,
    MIN(`cohort_ms`) AS `cohort_ms`
  FROM ev GROUP BY `customer`, `p`
),
firsts AS (
  SELECT `customer`, MIN(CASE WHEN `a` = 1 THEN `p` END) AS `first_p`,
    MIN(`cohort_ms`) AS `cohort_ms`
  FROM cells GROUP BY `customer`
),
members AS (
  SELECT `customer`, `first_p` AS `cohort` FROM firsts WHERE `first_p` IS NOT NULL
),
bounds AS (
  SELECT CAST(@p5 AS INT64) AS `last_period`
),
cohort_members AS (
  SELECT m.`customer`, m.`cohort` FROM members m CROSS JOIN bounds b
  WHERE m.`cohort` <= b.`last_period`
),
sizes AS (
  SELECT `cohort`, COUNT(*) AS `size` FROM cohort_members GROUP BY `cohort`
),
kcells AS (
  SELECT t.`customer`, t.`cohort`, c.`p` - t.`cohort` AS `k`, c.`a`, c.`amount`
  FROM cells c JOIN cohort_members t ON c.`customer` = t.`customer` CROSS JOIN bounds b
  WHERE c.`p` >= t.`cohort` AND c.`p` <= b.`last_period`
),
cell_sums AS (
  SELECT `cohort`, `k`, SUM(`a`) AS `active`, SUM(`amount`) AS `revenue`
  FROM kcells GROUP BY `cohort`, `k`
),
lasts AS (
  SELECT `cohort`, `k`, COUNT(*) AS `last_active` FROM (
    SELECT `customer`, `cohort`, MAX(`k`) AS `k` FROM kcells WHERE `a` = 1
    GROUP BY `customer`, `cohort`
  ) l GROUP BY `cohort`, `k`
),
grid AS (
  SELECT `cohort`, `k` FROM cell_sums
  UNION ALL SELECT s.`cohort`, CAST(0 AS INT64) FROM sizes s WHERE NOT EXISTS (
    SELECT 1 FROM cell_sums c WHERE c.`cohort` = s.`cohort` AND c.`k` = 0)
)
SELECT s.`cohort` AS `cohort`, g.`k` AS `k`, CAST(NULL AS INT64) AS `previous`,
  s.`size` AS `size`, COALESCE(a.`active`, 0) AS `active`,
  COALESCE(l.`last_active`, 0) AS `last_active`,
  CAST(COALESCE(a.`revenue`, 0) AS STRING) AS `revenue`, b.`last_period` AS `last_period`
FROM sizes s JOIN grid g ON g.`cohort` = s.`cohort`
LEFT JOIN cell_sums a ON a.`cohort` = g.`cohort` AND a.`k` = g.`k`
LEFT JOIN lasts l ON l.`cohort` = g.`cohort` AND l.`k` = g.`k`
CROSS JOIN bounds b
