import { fail, options as optionsObject, record } from "../_lib/assert.js";
import type { Resolved, Roles } from "../cohorts/engine/read/options.js";
import { sqlCohortOptions } from "./_cohortOptions.js";
import {
  columnName,
  type Dialect,
  dialectOf,
  periodIndex,
  periodIndexOfWallMs,
  tableName,
} from "./dialects/index.js";
import { Parameters } from "./params.js";
import type { CohortQueryOptions, SqlQuery, SqlSource } from "./types.js";

const FN = "cohortQuery";

/** The user's raw WHERE fragment: a non-empty string without a statement separator. */
function whereFragment(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || value.trim() === "") {
    fail(FN, "source.where", "INVALID_OPTION", "must be a non-empty SQL condition", value);
  }
  if (value.includes(";")) {
    fail(FN, "source.where", "INVALID_OPTION", "must be one condition without ';'", value);
  }
  return value;
}

/** What makes an event active (its customer active in its period), by `options.active`. */
function activeCondition(active: Resolved["active"], hasRevenue: boolean, r: string): string {
  if (active === "rows") return "1 = 1";
  if (active === "purchases") return hasRevenue ? `${r} > 0` : "1 = 0";
  return hasRevenue ? `(${r} IS NULL OR ${r} >= 0)` : "1 = 1";
}

/**
 * Compiles the cohort table of `cohortAnalysis` into one SQL query for a warehouse.
 *
 * @remarks
 * The query computes what {@link cohortTableFromRows} needs to build the same `CohortTable` as
 * `cohortAnalysis` over the same events, with the same definitions:
 * ```text
 * p(event)        = calendar period of the event's local time in timeZone (day, week from
 *                   weekStartsOn, month, quarter, year), as the library's period index
 * cohort(c)       = period of c's earliest source.cohortOf value if any, else of c's first
 *                   active event (options.active); a customer with no active event is left out
 * k               = p − cohort(c), 0 ≤ k ≤ last period (asOf − 1 ms, else the latest event
 *                   that counts)
 * size            = customers per cohort
 * active[k]       = distinct customers of the cohort active in period k
 * revenue[k]      = Σ revenue of the cohort's customers in period k (refunds netted or
 *                   excluded by options.refunds), exact
 * last_active[k]  = customers whose last active period is k (for "k or later" retention)
 * ```
 * With start and return events (`startEvent`, `returnEvent`: names matched against the
 * column `source.event`), `returnInStartPeriod` and `breakdownBy` (a column of the source),
 * the definitions are those of `cohortAnalysis` with these options:
 * ```text
 * start(c)        = c's earliest active event named by startEvent (every active event without
 *                   it); at one instant the least breakdown value; cohort(c) = its period
 * active[0]       = every member (returnInStartPeriod: a return event at or after the start)
 * active[k > 0]   = members with a return event (named by returnEvent) in period cohort + k
 * revenue[k]      = Σ revenue of the members' events in period cohort + k
 * breakdown       = the breakdownBy column on the start event; every row carries it
 * ```
 * and the counts are per (breakdown value, cohort, k); {@link cohortTableFromRows} adds them
 * up into the total and keeps one table per value in `table.breakdown`.
 *
 * With `brackets: true` it also counts, per cohort, period k and previous active period of
 * each active customer, so that bracket retention is exact (a customer is retained in
 * [from, to] when their first active period at or after `from` is at most `to`).
 *
 * Events at or after `asOf` are left out; rows whose customer id or time is NULL are left out
 * (the in-process functions refuse such rows). Times are read as instants and converted to
 * the zone's wall time by the engine's time-zone database, so daylight-saving changes and ISO
 * weeks across a year boundary fall where `cohortAnalysis` puts them.
 *
 * Every identifier is validated and quoted; every value (the zone, `asOf`, event names) is a bound
 * parameter. `source.where` is a raw SQL fragment (the caller's own SQL).
 *
 * The result is small: one row per cohort cell with data (plus one per cohort), whatever the
 * number of events.
 *
 * @example
 * With DuckDB (`@duckdb/node-api`):
 * ```ts
 * const { sql, params } = cohortQuery(
 *   { table: 'events', customerId: 'customer_id', at: 'at', revenue: 'amount' },
 *   { dialect: 'duckdb', period: 'month', timeZone: 'Europe/Berlin', asOf: '2024-06-30' },
 * );
 * const rows = (await connection.runAndReadAll(sql, [...params])).getRowObjectsJson();
 * const table = cohortTableFromRows(rows, { period: 'month', timeZone: 'Europe/Berlin', asOf: '2024-06-30' });
 * table.retention().average; // as cohortAnalysis(events, …).retention().average
 * ```
 * @param source - the table and its columns
 * @param options - the cohort options and the dialect
 * @returns the SQL text and its parameters (a read-only object)
 * @throws {@link index!MetricInputError} `INVALID_OPTION` for a missing or unknown dialect, an empty
 *   or control-character identifier, a `where` with `;`, `boundaries: 'rolling'`, options with no
 *   SQL form (accessors, the `event` option, a predicate as `startEvent` / `returnEvent`, an
 *   accessor as `breakdownBy`), event names without `source.event`, `source.cohortOf` with
 *   start or return events or a breakdown, or an invalid cohort option;
 *   `INVALID_DATE` for an invalid `asOf`; `NOT_A_NUMBER` when `source` is not an object;
 *   `OUT_OF_RANGE` / `NOT_INTEGER` for a bad `minorUnits`.
 * @see docs/warehouse.md for each dialect's status and worked examples.
 * @category SQL
 */
export function cohortQuery(source: SqlSource, options: CohortQueryOptions): SqlQuery {
  const s = record<Partial<Record<keyof SqlSource, unknown>>>(source, FN, "source");
  const o = optionsObject<{ dialect: unknown }>(options, FN);
  const dialect = dialectOf(o.dialect, FN);
  const { resolved, brackets, lastPeriod } = sqlCohortOptions(o, FN);
  const table = tableName(dialect, s.table, FN, "source.table");
  const customer = columnName(dialect, s.customerId, FN, "source.customerId");
  const at = columnName(dialect, s.at, FN, "source.at");
  const revenue =
    s.revenue === undefined ? null : columnName(dialect, s.revenue, FN, "source.revenue");
  const cohortOf =
    s.cohortOf === undefined ? null : columnName(dialect, s.cohortOf, FN, "source.cohortOf");
  const where = whereFragment(s.where);
  const roles = resolved.roles;
  if (roles !== null) {
    if (cohortOf !== null) {
      fail(
        FN,
        "source.cohortOf",
        "INVALID_OPTION",
        "must not be given with startEvent, returnEvent or breakdownBy (the start event sets the cohort)",
        s.cohortOf,
      );
    }
    const names = roles.start !== null || roles.returns !== null;
    if (names && s.event === undefined) {
      fail(
        FN,
        "source.event",
        "INVALID_OPTION",
        "must name the column of event names when startEvent or returnEvent is given",
        s.event,
      );
    }
    const event = s.event === undefined ? null : columnName(dialect, s.event, FN, "source.event");
    const by =
      roles.breakdownName === null
        ? null
        : columnName(dialect, roles.breakdownName, FN, "options.breakdownBy");
    const { sql, params } = buildRoles(dialect, resolved, roles, {
      table,
      customer,
      at,
      revenue,
      where,
      brackets,
      lastPeriod,
      event,
      by,
    });
    return Object.freeze({ sql, params: Object.freeze(params) });
  }
  const { sql, params } = build(dialect, resolved, {
    table,
    customer,
    at,
    revenue,
    cohortOf,
    where,
    brackets,
    lastPeriod,
  });
  return Object.freeze({ sql, params: Object.freeze(params) });
}

interface Parts {
  readonly table: string;
  readonly customer: string;
  readonly at: string;
  readonly revenue: string | null;
  readonly cohortOf: string | null;
  readonly where: string | null;
  readonly brackets: boolean;
  readonly lastPeriod: number | null;
}

/**
 * Wall-clock time in the zone, as milliseconds (CTE `ev_local`: the columns `cols` of `src`
 * and `wall`). The zone's offset is looked up once per UTC hour of the data (at the hour's
 * first and last millisecond); only an hour holding a change of offset converts each of its
 * events.
 */
function zoneLines(
  d: Dialect,
  p: Parameters,
  options: Resolved,
  cols: readonly string[],
  lines: string[],
): void {
  const q = (name: string) => d.quoteIdentifier(name);
  const ms = q("ms");
  const wall = q("wall");
  if (options.zone === "UTC") {
    lines.push("ev_local AS (", `  SELECT ${cols.join(", ")}, ${ms} AS ${wall} FROM src`, "),");
    return;
  }
  const hour = (expr: string) => d.floorDiv(expr, 3_600_000);
  const offset = (instant: string) =>
    `${d.wallMs(d.localTime(instant, p.add(options.zone, "text")))} - ${instant}`;
  const h = q("h");
  const [o1, o2] = [q("o1"), q("o2")];
  lines.push(
    "zone_hours AS (",
    `  SELECT ${h}, ${offset(`${h} * 3600000`)} AS ${o1},`,
    `    ${offset(`(${h} * 3600000 + 3599999)`)} AS ${o2}`,
    `  FROM (SELECT DISTINCT ${hour(ms)} AS ${h} FROM src) hs`,
    "),",
    "ev_local AS (",
    `  SELECT ${cols.map((c) => `s.${c}, `).join("")}s.${ms} + CASE WHEN z.${o1} = z.${o2}`,
    `    THEN z.${o1} ELSE ${offset(`s.${ms}`)} END AS ${wall}`,
    `  FROM src s JOIN zone_hours z ON z.${h} = ${hour(`s.${ms}`)}`,
    "),",
  );
}

/** The query text, written in order so that `?` parameters are bound in order. */
function build(
  d: Dialect,
  options: Resolved,
  parts: Parts,
): { sql: string; params: (string | number)[] } {
  const p = new Parameters(d);
  const q = (name: string) => d.quoteIdentifier(name);
  const int = d.integerType;
  const { period, weekStartsOn } = options;
  const r = q("revenue");
  const zero = "0";
  const lines: string[] = [];
  // 1. The source rows: customer, instant (epoch ms), revenue, explicit cohort instant.
  const filters = [`${parts.customer} IS NOT NULL`, `${parts.at} IS NOT NULL`];
  if (parts.where !== null) filters.push(`(${parts.where})`);
  if (options.hasAsOf) filters.push(`${d.epochMs(parts.at)} < ${p.add(options.asOf, "integer")}`);
  lines.push(
    "WITH src AS (",
    `  SELECT ${parts.customer} AS ${q("customer")}, ${d.epochMs(parts.at)} AS ${q("ms")},`,
    `    ${parts.revenue ?? "NULL"} AS ${r},`,
    `    ${parts.cohortOf === null ? `CAST(NULL AS ${int})` : d.epochMs(parts.cohortOf)} AS ${q("cohort_ms")}`,
    `  FROM ${parts.table}`,
    `  WHERE ${filters.join(" AND ")}`,
    "),",
  );
  // 2. Wall-clock time in the zone, as milliseconds.
  zoneLines(d, p, options, [q("customer"), r, q("cohort_ms")], lines);
  // 3. Each event's period, whether it makes its customer active, and its counted revenue.
  const hasRevenue = parts.revenue !== null;
  const amount = !hasRevenue
    ? zero
    : options.refunds === "net"
      ? `COALESCE(${r}, ${zero})`
      : `CASE WHEN ${r} < 0 THEN ${zero} ELSE COALESCE(${r}, ${zero}) END`;
  lines.push(
    "ev AS (",
    `  SELECT ${q("customer")}, ${periodIndexOfWallMs(d, q("wall"), period, weekStartsOn)} AS ${q("p")},`,
    `    CASE WHEN ${activeCondition(options.active, hasRevenue, r)} THEN 1 ELSE 0 END AS ${q("a")},`,
    `    ${amount} AS ${q("amount")}, ${q("cohort_ms")}`,
    "  FROM ev_local",
    "),",
  );
  // 4. Per customer and period: active or not, the period's revenue, the explicit cohort.
  lines.push(
    "cells AS (",
    `  SELECT ${q("customer")}, ${q("p")}, MAX(${q("a")}) AS ${q("a")}, SUM(${q("amount")}) AS ${q("amount")},`,
    `    MIN(${q("cohort_ms")}) AS ${q("cohort_ms")}`,
    `  FROM ev GROUP BY ${q("customer")}, ${q("p")}`,
    "),",
    "firsts AS (",
    `  SELECT ${q("customer")}, MIN(CASE WHEN ${q("a")} = 1 THEN ${q("p")} END) AS ${q("first_p")},`,
    `    MIN(${q("cohort_ms")}) AS ${q("cohort_ms")}`,
    `  FROM cells GROUP BY ${q("customer")}`,
    "),",
  );
  // 5. Each customer's cohort: the explicit cohort's period, else the first active period.
  if (parts.cohortOf === null) {
    lines.push(
      "members AS (",
      `  SELECT ${q("customer")}, ${q("first_p")} AS ${q("cohort")} FROM firsts WHERE ${q("first_p")} IS NOT NULL`,
      "),",
    );
  } else {
    lines.push(
      "members_local AS (",
      `  SELECT ${q("customer")}, ${q("first_p")}, ${q("cohort_ms")},`,
      `    ${d.localTime(q("cohort_ms"), p.add(options.zone, "text"))} AS ${q("local")}`,
      `  FROM firsts WHERE ${q("first_p")} IS NOT NULL`,
      "),",
      "members AS (",
      `  SELECT ${q("customer")}, CASE WHEN ${q("cohort_ms")} IS NULL THEN ${q("first_p")}`,
      `    ELSE ${periodIndex(d, q("local"), period, weekStartsOn)} END AS ${q("cohort")}`,
      "  FROM members_local",
      "),",
    );
  }
  // 6. The table's last period: asOf's, else the latest period that counts (an active
  // period, or revenue at or after the customer's cohort).
  lines.push("bounds AS (");
  if (parts.lastPeriod !== null) {
    lines.push(`  SELECT ${p.add(parts.lastPeriod, "integer")} AS ${q("last_period")}`);
  } else {
    lines.push(
      `  SELECT MAX(c.${q("p")}) AS ${q("last_period")}`,
      `  FROM cells c JOIN members m ON c.${q("customer")} = m.${q("customer")}`,
      `  WHERE c.${q("a")} = 1 OR (c.${q("amount")} <> 0 AND c.${q("p")} >= m.${q("cohort")})`,
    );
  }
  lines.push("),");
  // 7. Cohorts up to the last period, their cells, and each customer's last active period.
  lines.push(
    "cohort_members AS (",
    `  SELECT m.${q("customer")}, m.${q("cohort")} FROM members m CROSS JOIN bounds b`,
    `  WHERE m.${q("cohort")} <= b.${q("last_period")}`,
    "),",
    "sizes AS (",
    `  SELECT ${q("cohort")}, COUNT(*) AS ${q("size")} FROM cohort_members GROUP BY ${q("cohort")}`,
    "),",
    "kcells AS (",
    `  SELECT t.${q("customer")}, t.${q("cohort")}, c.${q("p")} - t.${q("cohort")} AS ${q("k")}, c.${q("a")}, c.${q("amount")}`,
    `  FROM cells c JOIN cohort_members t ON c.${q("customer")} = t.${q("customer")} CROSS JOIN bounds b`,
    `  WHERE c.${q("p")} >= t.${q("cohort")} AND c.${q("p")} <= b.${q("last_period")}`,
    "),",
    "cell_sums AS (",
    `  SELECT ${q("cohort")}, ${q("k")}, SUM(${q("a")}) AS ${q("active")}, SUM(${q("amount")}) AS ${q("revenue")}`,
    `  FROM kcells GROUP BY ${q("cohort")}, ${q("k")}`,
    "),",
    "lasts AS (",
    `  SELECT ${q("cohort")}, ${q("k")}, COUNT(*) AS ${q("last_active")} FROM (`,
    `    SELECT ${q("customer")}, ${q("cohort")}, MAX(${q("k")}) AS ${q("k")} FROM kcells WHERE ${q("a")} = 1`,
    `    GROUP BY ${q("customer")}, ${q("cohort")}`,
    `  ) l GROUP BY ${q("cohort")}, ${q("k")}`,
    "),",
    "grid AS (",
    `  SELECT ${q("cohort")}, ${q("k")} FROM cell_sums`,
    `  UNION ALL SELECT s.${q("cohort")}, CAST(0 AS ${int}) FROM sizes s WHERE NOT EXISTS (`,
    `    SELECT 1 FROM cell_sums c WHERE c.${q("cohort")} = s.${q("cohort")} AND c.${q("k")} = 0)`,
    ")",
  );
  // 8. One row per cell (previous NULL), then with brackets one per (cohort, k, previous).
  lines.push(
    `SELECT s.${q("cohort")} AS ${q("cohort")}, g.${q("k")} AS ${q("k")}, CAST(NULL AS ${int}) AS ${q("previous")},`,
    `  s.${q("size")} AS ${q("size")}, COALESCE(a.${q("active")}, 0) AS ${q("active")},`,
    `  COALESCE(l.${q("last_active")}, 0) AS ${q("last_active")},`,
    `  ${d.decimalText(`COALESCE(a.${q("revenue")}, 0)`)} AS ${q("revenue")}, b.${q("last_period")} AS ${q("last_period")}`,
    `FROM sizes s JOIN grid g ON g.${q("cohort")} = s.${q("cohort")}`,
    `LEFT JOIN cell_sums a ON a.${q("cohort")} = g.${q("cohort")} AND a.${q("k")} = g.${q("k")}`,
    `LEFT JOIN lasts l ON l.${q("cohort")} = g.${q("cohort")} AND l.${q("k")} = g.${q("k")}`,
    "CROSS JOIN bounds b",
  );
  if (parts.brackets) {
    lines.push(
      "UNION ALL",
      `SELECT t.${q("cohort")}, t.${q("k")}, t.${q("previous")}, CAST(NULL AS ${int}), COUNT(*),`,
      `  CAST(NULL AS ${int}), CAST(NULL AS ${d.textType}), b.${q("last_period")}`,
      "FROM (",
      `  SELECT ${q("cohort")}, ${q("k")},`,
      `    COALESCE(LAG(${q("k")}) OVER (PARTITION BY ${q("customer")} ORDER BY ${q("k")}), -1) AS ${q("previous")}`,
      `  FROM kcells WHERE ${q("a")} = 1`,
      ") t CROSS JOIN bounds b",
      `GROUP BY t.${q("cohort")}, t.${q("k")}, t.${q("previous")}, b.${q("last_period")}`,
    );
  }
  return { sql: lines.join("\n"), params: p.values as (string | number)[] };
}

interface RoleParts {
  readonly table: string;
  readonly customer: string;
  readonly at: string;
  readonly revenue: string | null;
  readonly where: string | null;
  readonly brackets: boolean;
  readonly lastPeriod: number | null;
  /** The quoted column of event names, or null. */
  readonly event: string | null;
  /** The quoted breakdown column, or null. */
  readonly by: string | null;
}

/**
 * The query of start and return events and of the breakdown, written in order so that `?`
 * parameters are bound in order. The definitions are those of `cohortAnalysis`:
 * ```text
 * start(c)   = c's earliest active event named by startEvent (every active event without
 *              it); at one instant the least breakdown value (numbers, strings, false, true,
 *              null); cohort(c) = its period, value(c) = its breakdown value
 * return     = an active event named by returnEvent (every active event without it)
 * active[k]  = k = 0: every member (returnInStartPeriod false), else a return at or after the
 *              start instant; k > 0: a return in period cohort + k
 * revenue[k] = Σ counted revenue of period cohort + k (k ≥ 0)
 * last       = asOf's period, else the latest of the cohorts and of the periods with a
 *              return that counts or revenue ≠ 0
 * ```
 * Every count is per (breakdown value, cohort, k); the total is their sum (each member has
 * one value), which cohortTableFromRows adds up.
 */
function buildRoles(
  d: Dialect,
  options: Resolved,
  roles: Roles,
  parts: RoleParts,
): { sql: string; params: (string | number)[] } {
  const p = new Parameters(d);
  const q = (name: string) => d.quoteIdentifier(name);
  const int = d.integerType;
  const { period, weekStartsOn } = options;
  const r = q("revenue");
  const ms = q("ms");
  const customer = q("customer");
  const name = q("event");
  const bv = q("bv");
  const g = q("g");
  const cohort = q("cohort");
  const k = q("k");
  const grouped = parts.by !== null;
  const lines: string[] = [];
  // 1. The source rows: customer, instant (epoch ms), revenue, event name, breakdown value.
  const filters = [`${parts.customer} IS NOT NULL`, `${parts.at} IS NOT NULL`];
  if (parts.where !== null) filters.push(`(${parts.where})`);
  if (options.hasAsOf) filters.push(`${d.epochMs(parts.at)} < ${p.add(options.asOf, "integer")}`);
  lines.push(
    "WITH src AS (",
    `  SELECT ${parts.customer} AS ${customer}, ${d.epochMs(parts.at)} AS ${ms},`,
    `    ${parts.revenue ?? "NULL"} AS ${r}, ${parts.event ?? "NULL"} AS ${name},`,
    `    ${parts.by ?? "NULL"} AS ${bv}`,
    `  FROM ${parts.table}`,
    `  WHERE ${filters.join(" AND ")}`,
    "),",
  );
  // 2. Wall-clock time in the zone, as milliseconds.
  zoneLines(d, p, options, [customer, ms, r, name, bv], lines);
  // 3. Each event's period, whether it is a start and a return event, its counted revenue.
  const hasRevenue = parts.revenue !== null;
  const amount = !hasRevenue
    ? "0"
    : options.refunds === "net"
      ? `COALESCE(${r}, 0)`
      : `CASE WHEN ${r} < 0 THEN 0 ELSE COALESCE(${r}, 0) END`;
  const active = activeCondition(options.active, hasRevenue, r);
  const named = (match: Roles["start"]) =>
    match === null || match.names === null
      ? ""
      : ` AND ${name} IN (${match.names.map((n) => p.add(n, "text")).join(", ")})`;
  lines.push(
    "ev AS (",
    `  SELECT ${customer}, ${ms}, ${bv}, ${periodIndexOfWallMs(d, q("wall"), period, weekStartsOn)} AS ${q("p")},`,
    `    CASE WHEN ${active}${named(roles.start)} THEN 1 ELSE 0 END AS ${q("st")},`,
    `    CASE WHEN ${active}${named(roles.returns)} THEN 1 ELSE 0 END AS ${q("rt")},`,
    `    ${amount} AS ${q("amount")}`,
    "  FROM ev_local",
    "),",
  );
  // 4. Each customer's first start event (ties: the least value, null last), its period and
  // value; the members numbered by value (g) so that groups join on an integer.
  const tie = grouped ? `, (${bv} IS NULL), ${bv}` : "";
  lines.push(
    "starts AS (",
    `  SELECT ${customer}, ${ms} AS ${q("start_ms")}, ${q("p")} AS ${cohort}, ${bv} FROM (`,
    `    SELECT ${customer}, ${ms}, ${q("p")}, ${bv},`,
    `      ROW_NUMBER() OVER (PARTITION BY ${customer} ORDER BY ${ms}${tie}) AS ${q("rn")}`,
    `    FROM ev WHERE ${q("st")} = 1`,
    `  ) f WHERE ${q("rn")} = 1`,
    "),",
    "members AS (",
    `  SELECT ${customer}, ${q("start_ms")}, ${cohort}, ${bv},`,
    grouped
      ? `    DENSE_RANK() OVER (ORDER BY (${bv} IS NULL), ${bv}) AS ${g}`
      : `    CAST(0 AS ${int}) AS ${g}`,
    "  FROM starts",
    "),",
  );
  // 5. Per customer and period: the latest return event and the revenue; each such cell of a
  // member at or after its cohort, with whether it makes the member active.
  const inStart = roles.returnInStartPeriod;
  const returned = `c.${q("ret_ms")} IS NOT NULL AND (c.${q("p")} > m.${cohort}${
    inStart ? ` OR c.${q("ret_ms")} >= m.${q("start_ms")}` : ""
  })`;
  lines.push(
    "cells AS (",
    `  SELECT ${customer}, ${q("p")}, MAX(CASE WHEN ${q("rt")} = 1 THEN ${ms} END) AS ${q("ret_ms")},`,
    `    SUM(${q("amount")}) AS ${q("amount")}`,
    `  FROM ev WHERE ${q("rt")} = 1 OR ${q("amount")} <> 0 GROUP BY ${customer}, ${q("p")}`,
    "),",
    "kc AS (",
    `  SELECT m.${customer}, m.${g}, m.${cohort}, c.${q("p")} - m.${cohort} AS ${k},`,
    `    CASE WHEN ${inStart ? "" : `c.${q("p")} = m.${cohort} OR `}${returned} THEN 1 ELSE 0 END AS ${q("a")},`,
    `    c.${q("amount")}`,
    `  FROM cells c JOIN members m ON c.${customer} = m.${customer}`,
    `  WHERE c.${q("p")} >= m.${cohort}`,
    "),",
  );
  // 6. The table's last period: asOf's, else the latest cohort or period that counts.
  lines.push("bounds AS (");
  if (parts.lastPeriod !== null) {
    lines.push(`  SELECT ${p.add(parts.lastPeriod, "integer")} AS ${q("last_period")}`);
  } else {
    lines.push(
      `  SELECT MAX(${q("x")}) AS ${q("last_period")} FROM (`,
      `    SELECT ${cohort} AS ${q("x")} FROM members`,
      `    UNION ALL SELECT ${cohort} + ${k} FROM kc WHERE ${q("a")} = 1 OR ${q("amount")} <> 0`,
      "  ) x",
    );
  }
  lines.push("),");
  // 7. The cells up to the last period (with k = 0 active for every member unless returns
  // in the start period are required), sums per (group, cohort, k), last active periods.
  lines.push(
    "kcells AS (",
    `  SELECT c.${customer}, c.${g}, c.${cohort}, c.${k}, c.${q("a")}, c.${q("amount")}`,
    `  FROM kc c CROSS JOIN bounds b WHERE c.${cohort} + c.${k} <= b.${q("last_period")}`,
  );
  if (!inStart) {
    lines.push(
      `  UNION ALL SELECT m.${customer}, m.${g}, m.${cohort}, CAST(0 AS ${int}), 1, 0 FROM members m`,
      `  WHERE NOT EXISTS (SELECT 1 FROM kc c WHERE c.${customer} = m.${customer} AND c.${k} = 0)`,
    );
  }
  lines.push(
    "),",
    "sizes AS (",
    `  SELECT ${g}, ${bv}, ${cohort}, COUNT(*) AS ${q("size")} FROM members GROUP BY ${g}, ${bv}, ${cohort}`,
    "),",
    "cell_sums AS (",
    `  SELECT ${g}, ${cohort}, ${k}, SUM(${q("a")}) AS ${q("active")}, SUM(${q("amount")}) AS ${q("revenue")}`,
    `  FROM kcells GROUP BY ${g}, ${cohort}, ${k}`,
    "),",
    "lasts AS (",
    `  SELECT ${g}, ${cohort}, ${k}, COUNT(*) AS ${q("last_active")} FROM (`,
    `    SELECT ${customer}, ${g}, ${cohort}, MAX(${k}) AS ${k} FROM kcells WHERE ${q("a")} = 1`,
    `    GROUP BY ${customer}, ${g}, ${cohort}`,
    `  ) l GROUP BY ${g}, ${cohort}, ${k}`,
    "),",
    "grid AS (",
    `  SELECT ${g}, ${cohort}, ${k} FROM cell_sums`,
    `  UNION ALL SELECT s.${g}, s.${cohort}, CAST(0 AS ${int}) FROM sizes s WHERE NOT EXISTS (`,
    `    SELECT 1 FROM cell_sums c WHERE c.${g} = s.${g} AND c.${cohort} = s.${cohort} AND c.${k} = 0)`,
    ")",
  );
  // 8. One row per cell (previous NULL), then with brackets one per (cohort, k, previous).
  const breakdown = grouped ? `, s.${bv} AS ${q("breakdown")}` : "";
  lines.push(
    `SELECT s.${cohort} AS ${cohort}, g.${k} AS ${k}, CAST(NULL AS ${int}) AS ${q("previous")},`,
    `  s.${q("size")} AS ${q("size")}, COALESCE(a.${q("active")}, 0) AS ${q("active")},`,
    `  COALESCE(l.${q("last_active")}, 0) AS ${q("last_active")},`,
    `  ${d.decimalText(`COALESCE(a.${q("revenue")}, 0)`)} AS ${r}, b.${q("last_period")} AS ${q("last_period")}${breakdown}`,
    `FROM sizes s JOIN grid g ON g.${g} = s.${g} AND g.${cohort} = s.${cohort}`,
    `LEFT JOIN cell_sums a ON a.${g} = g.${g} AND a.${cohort} = g.${cohort} AND a.${k} = g.${k}`,
    `LEFT JOIN lasts l ON l.${g} = g.${g} AND l.${cohort} = g.${cohort} AND l.${k} = g.${k}`,
    `CROSS JOIN bounds b WHERE s.${cohort} <= b.${q("last_period")}`,
  );
  if (parts.brackets) {
    lines.push(
      "UNION ALL",
      `SELECT t.${cohort}, t.${k}, t.${q("previous")}, CAST(NULL AS ${int}), COUNT(*),`,
      `  CAST(NULL AS ${int}), CAST(NULL AS ${d.textType}), b.${q("last_period")}${grouped ? `, s.${bv}` : ""}`,
      "FROM (",
      `  SELECT ${g}, ${cohort}, ${k},`,
      `    COALESCE(LAG(${k}) OVER (PARTITION BY ${customer} ORDER BY ${k}), -1) AS ${q("previous")}`,
      `  FROM kcells WHERE ${q("a")} = 1`,
      ") t CROSS JOIN bounds b",
      grouped ? `JOIN (SELECT DISTINCT ${g}, ${bv} FROM members) s ON s.${g} = t.${g}` : "",
      `GROUP BY t.${g}, t.${cohort}, t.${k}, t.${q("previous")}, b.${q("last_period")}${grouped ? `, s.${bv}` : ""}`,
    );
  }
  return { sql: lines.filter((l) => l !== "").join("\n"), params: p.values as (string | number)[] };
}
