WITH src AS (
  SELECT "customer_id" AS "customer", DATE_PART(EPOCH_MILLISECOND, "event_at") AS "ms",
    "amount" AS "revenue", "event_name" AS "event",
    "channel" AS "bv"
  FROM "analytics"."events"
  WHERE "customer_id" IS NOT NULL AND "event_at" IS NOT NULL
),
zone_hours AS (
  SELECT "h", DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE('UTC', CAST(:1 AS VARCHAR), TO_TIMESTAMP_NTZ("h" * 3600000, 3))) - "h" * 3600000 AS "o1",
    DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE('UTC', CAST(:2 AS VARCHAR), TO_TIMESTAMP_NTZ(("h" * 3600000 + 3599999), 3))) - ("h" * 3600000 + 3599999) AS "o2"
  FROM (SELECT DISTINCT CAST(FLOOR(("ms") / 3600000) AS NUMBER(19, 0)) AS "h" FROM src) hs
),
ev_local AS (
  SELECT s."customer", s."ms", s."revenue", s."event", s."bv", s."ms" + CASE WHEN z."o1" = z."o2"
    THEN z."o1" ELSE DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE('UTC', CAST(:3 AS VARCHAR), TO_TIMESTAMP_NTZ(s."ms", 3))) - s."ms" END AS "wall"
  FROM src s JOIN zone_hours z ON z."h" = CAST(FLOOR((s."ms") / 3600000) AS NUMBER(19, 0))
),
ev AS (
  SELECT "customer", "ms", "bv", CAST(FLOOR((CAST(FLOOR(("wall") / 86400000) AS NUMBER(19, 0)) + 3) / 7) AS NUMBER(19, 0)) AS "p",
    CASE WHEN ("revenue" IS NULL OR "revenue" >= 0) AND "event" IN (CAST(:4 AS VARCHAR)) THEN 1 ELSE 0 END AS "st",
    CASE WHEN ("revenue" IS NULL OR "revenue" >= 0) AND "event" IN (CAST(:5 AS VARCHAR), CAST(:6 AS VARCHAR)) THEN 1 ELSE 0 END AS "rt",
    COALESCE("revenue", 0) AS "amount"
  FROM ev_local
),
starts AS (
  SELECT "customer", "ms" AS "start_ms", "p" AS "cohort", "bv" FROM (
    SELECT "customer", "ms", "p", "bv",
      ROW_NUMBER() OVER (PARTITION BY "customer" ORDER BY "ms", ("bv" IS NULL), "bv") AS "rn"
    FROM ev WHERE "st" = 1
  ) f WHERE "rn" = 1
),
members AS (
  SELECT "customer", "start_ms", "cohort", "bv",
    DENSE_RANK() OVER (ORDER BY ("bv" IS NULL), "bv") AS "g"
  FROM starts
),
cells AS (
  SELECT "customer", "p", MAX(CASE WHEN "rt" = 1 THEN "ms" END) AS "ret_ms",
    SUM("amount") AS "amount"
  FROM ev WHERE "rt" = 1 OR "amount" <> 0 GROUP BY "customer", "p"
),
kc AS (
  SELECT m."customer", m."g", m."cohort", c."p" - m."cohort" AS "k",
    CASE WHEN c."p" = m."cohort" OR c."ret_ms" IS NOT NULL AND (c."p" > m."cohort") THEN 1 ELSE 0 END AS "a",
    c."amount"
  FROM cells c JOIN members m ON c."customer" = m."customer"
  WHERE c."p" >= m."cohort"
),
bounds AS (
  SELECT MAX("x") AS "last_period" FROM (
    SELECT "cohort" AS "x" FROM members
    UNION ALL SELECT "cohort" + "k" FROM kc WHERE "a" = 1 OR "amount" <> 0
  ) x
),
kcells AS (
  SELECT c."customer", c."g", c."cohort", c."k", c."a", c."amount"
  FROM kc c CROSS JOIN bounds b WHERE c."cohort" + c."k" <= b."last_period"
  UNION ALL SELECT m."customer", m."g", m."cohort", CAST(0 AS NUMBER(19, 0)), 1, 0 FROM members m
  WHERE NOT EXISTS (SELECT 1 FROM kc c WHERE c."customer" = m."customer" AND c."k" = 0)
),
sizes AS (
  SELECT "g", "bv", "cohort", COUNT(*) AS "size" FROM members GROUP BY "g", "bv", "cohort"
),
cell_sums AS (
  SELECT "g", "cohort", "k", SUM("a") AS "active", SUM("amount") AS "revenue"
  FROM kcells GROUP BY "g", "cohort", "k"
),
lasts AS (
  SELECT "g", "cohort", "k", COUNT(*) AS "last_active" FROM (
    SELECT "customer", "g", "cohort", MAX("k") AS "k" FROM kcells WHERE "a" = 1
    GROUP BY "customer", "g", "cohort"
  ) l GROUP BY "g", "cohort", "k"
),
grid AS (
  SELECT "g", "cohort", "k" FROM cell_sums
  UNION ALL SELECT s."g", s."cohort", CAST(0 AS NUMBER(19, 0)) FROM sizes s WHERE NOT EXISTS (
    SELECT 1 FROM cell_sums c WHERE c."g" = s."g" AND c."cohort" = s."cohort" AND c."k" = 0)
)
SELECT s."cohort" AS "cohort", g."k" AS "k", CAST(NULL AS NUMBER(19, 0)) AS "previous",
  s."size" AS "size", COALESCE(a."active", 0) AS "active",
  COALESCE(l."last_active", 0) AS "last_active",
  CAST(COALESCE(a."revenue", 0) AS VARCHAR) AS "revenue", b."last_period" AS "last_period", s."bv" AS "breakdown"
FROM sizes s JOIN grid g ON g."g" = s."g" AND g."cohort" = s."cohort"
LEFT JOIN cell_sums a ON a."g" = g."g" AND a."cohort" = g."cohort" AND a."k" = g."k"
LEFT JOIN lasts l ON l."g" = g."g" AND l."cohort" = g."cohort" AND l."k" = g."k"
CROSS JOIN bounds b WHERE s."cohort" <= b."last_period"
UNION ALL
SELECT t."cohort", t."k", t."previous", CAST(NULL AS NUMBER(19, 0)), COUNT(*),
  CAST(NULL AS NUMBER(19, 0)), CAST(NULL AS VARCHAR), b."last_period", s."bv"
FROM (
  SELECT "g", "cohort", "k",
    COALESCE(LAG("k") OVER (PARTITION BY "customer" ORDER BY "k"), -1) AS "previous"
  FROM kcells WHERE "a" = 1
) t CROSS JOIN bounds b
JOIN (SELECT DISTINCT "g", "bv" FROM members) s ON s."g" = t."g"
GROUP BY t."g", t."cohort", t."k", t."previous", b."last_period", s."bv"
