// Lifecycle and active users in the event-log benchmark: DuckDB's equivalent queries and the
// checks of the library's results against them. Both count every row as activity
// (`active: 'rows'`, as the cohort query does), in UTC.
//
// Lifecycle by month: each customer's active months with the previous and next active month
// (lag / lead); new = no previous, returning = previous is the month before, resurrecting =
// an earlier previous, dormant in month m = customers active in m − 1 whose next active month
// is not m. Active users by day, windows of 1, 7 and 30 days: a customer active on day d
// counts in a w-day window on days d … min(next active day, d + w) − 1, written as +1 / −1
// steps and a running sum, so no day is counted twice and no join over days is needed.
import type { ActiveUsersResult, LifecycleResult } from "../src/index.js";

/** The lifecycle query: one row per month index (year · 12 + month − 1). */
export const LIFECYCLE_QUERY = `
WITH act AS (
    SELECT DISTINCT customer_id AS c, (year(ts) * 12 + month(ts) - 1)::INTEGER AS p FROM events
), seq AS (
    SELECT p, lag(p) OVER w AS prev, lead(p) OVER w AS nxt
    FROM act WINDOW w AS (PARTITION BY c ORDER BY p)
), kinds AS (
    SELECT p,
        count(*) FILTER (WHERE prev IS NULL) AS new,
        count(*) FILTER (WHERE prev = p - 1) AS returning,
        count(*) FILTER (WHERE prev < p - 1) AS resurrecting
    FROM seq GROUP BY p
), dormant AS (
    SELECT p + 1 AS p, count(*) AS n FROM seq WHERE nxt IS NULL OR nxt > p + 1 GROUP BY p + 1
)
SELECT coalesce(k.p, d.p) AS p, coalesce(k.new, 0), coalesce(k.returning, 0),
    coalesce(k.resurrecting, 0), coalesce(d.n, 0)
FROM kinds k FULL JOIN dormant d ON k.p = d.p
ORDER BY 1`;

/** The active-users query: per day index (days since 1970-01-01), DAU, WAU and MAU. */
export const ACTIVE_USERS_QUERY = `
WITH d AS (
    SELECT DISTINCT customer_id AS c, (epoch_ms(ts) // 86400000)::BIGINT AS day FROM events
), nx AS (
    SELECT day, lead(day) OVER (PARTITION BY c ORDER BY day) AS nxt FROM d
), steps AS (
    SELECT day AS t, 1 AS a, 1 AS b, 1 AS m FROM nx
    UNION ALL SELECT day + 1, -1, 0, 0 FROM nx
    UNION ALL SELECT least(coalesce(nxt, day + 7), day + 7), 0, -1, 0 FROM nx
    UNION ALL SELECT least(coalesce(nxt, day + 30), day + 30), 0, 0, -1 FROM nx
), per AS (
    SELECT t, sum(a) AS a, sum(b) AS b, sum(m) AS m FROM steps GROUP BY t
)
SELECT t, sum(a) OVER w, sum(b) OVER w, sum(m) OVER w FROM per
WINDOW w AS (ORDER BY t ROWS UNBOUNDED PRECEDING) ORDER BY t`;

/** Lifecycle figures by month key ('2024-03'): new, returning, resurrecting, dormant (≤ 0). */
export function duckLifecycle(rows: unknown[][]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [p, ...counts] of rows) {
    const m = Number(p);
    const key = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    const [n, r, s, d] = counts.map(Number) as [number, number, number, number];
    out.set(key, [n, r, s, -d]);
  }
  return out;
}

/** Active users by day key ('2024-03-05'): DAU, 7-day and 30-day distinct customers. */
export function duckActiveUsers(rows: unknown[][]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [t, ...counts] of rows) {
    const key = new Date(Number(t) * 86_400_000).toISOString().slice(0, 10);
    out.set(key, counts.map(Number));
  }
  return out;
}

/** Differences between the library's lifecycle and DuckDB's (the first few). */
export function checkLifecycle(result: LifecycleResult, duck: Map<string, number[]>): string[] {
  const d: string[] = [];
  for (const p of result.periods) {
    const ours = [p.new, p.returning, p.resurrecting, p.dormant];
    const theirs = duck.get(p.key) ?? [0, 0, 0, 0];
    if (ours.some((x, i) => x !== theirs[i]))
      d.push(`lifecycle ${p.key}: ${ours.join("/")} vs DuckDB ${theirs.join("/")}`);
    if (d.length >= 3) break;
  }
  return d;
}

/**
 * Differences between the library's active users and DuckDB's: every day DuckDB lists (the
 * days on which a count changes) must hold the same counts in the library's series.
 */
export function checkActiveUsers(result: ActiveUsersResult, duck: Map<string, number[]>): string[] {
  const d: string[] = [];
  const ours = new Map(result.days.map((day) => [day.key, day.windows]));
  for (const [key, theirs] of duck) {
    const windows = ours.get(key);
    if (windows === undefined) continue; // a step after the last day of the log
    if (windows.some((x, i) => x !== theirs[i]))
      d.push(`active users ${key}: ${windows.join("/")} vs DuckDB ${theirs.join("/")}`);
    if (d.length >= 3) break;
  }
  if (d.length === 0 && result.days.length === 0) d.push("active users: no days");
  return d;
}
