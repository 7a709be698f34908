// The lifecycle and active-user series of a generated log checked against DuckDB SQL, run here
// through @duckdb/node-api: a second implementation (calendar days and months from DuckDB's
// ICU time zones, set logic in SQL) that shares no code with the library.
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { activeUsers, lifecycle } from "../../src/index.js";

interface Event {
  readonly customerId: string;
  readonly at: string;
  readonly revenue: string | null;
}

/** A deterministic log (a linear congruential generator): 4,000 events of 300 customers in 2024. */
function generatedLog(): Event[] {
  let state = 20240101;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const start = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  const log: Event[] = [];
  for (let i = 0; i < 4000; i++) {
    // a skewed customer mix: low numbers are frequent
    const customer = Math.floor(300 * next() ** 2);
    const at = new Date(start + Math.floor(next() * span)).toISOString();
    const kind = next();
    const revenue =
      kind < 0.1
        ? `-${(1 + Math.floor(next() * 5000)) / 100}`
        : kind < 0.25
          ? "0"
          : kind < 0.4
            ? null
            : `${(1 + Math.floor(next() * 20000)) / 100}`;
    log.push({ customerId: `c${customer}`, at, revenue });
  }
  return log;
}

const LOG = generatedLog();
let db: Awaited<ReturnType<DuckDBInstance["connect"]>>;

async function query(zone: string, sql: string): Promise<Record<string, unknown>[]> {
  await db.run(`SET TimeZone = '${zone}'`);
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Active (customer, period) pairs: refunds are not activity (the default `active: 'events'`). */
function activeCte(periodSql: string): string {
  return `act AS (SELECT DISTINCT customer, ${periodSql} AS p FROM ev
                  WHERE revenue IS NULL OR revenue >= 0)`;
}

const MONTH = "(year(ts) * 12 + month(ts) - 1)";
const DAY = "(ts::DATE - DATE '1970-01-01')";

function lifecycleSql(periodSql: string): string {
  return `WITH ${activeCte(periodSql)},
    firsts AS (SELECT customer, min(p) AS f FROM act GROUP BY customer),
    rng AS (SELECT range AS p FROM range((SELECT min(p) FROM act), (SELECT max(p) FROM act) + 1)),
    kinds AS (
      SELECT a.p, CASE
        WHEN a.p = firsts.f THEN 'new'
        WHEN EXISTS (SELECT 1 FROM act b WHERE b.customer = a.customer AND b.p = a.p - 1) THEN 'returning'
        ELSE 'resurrecting' END AS kind
      FROM act a JOIN firsts USING (customer)),
    dormant AS (
      SELECT a.p + 1 AS p, count(*) AS n FROM act a
      WHERE NOT EXISTS (SELECT 1 FROM act b WHERE b.customer = a.customer AND b.p = a.p + 1)
      GROUP BY 1)
    SELECT r.p,
      (SELECT count(*) FROM kinds k WHERE k.p = r.p AND kind = 'new')::INTEGER AS new,
      (SELECT count(*) FROM kinds k WHERE k.p = r.p AND kind = 'returning')::INTEGER AS returning,
      (SELECT count(*) FROM kinds k WHERE k.p = r.p AND kind = 'resurrecting')::INTEGER AS resurrecting,
      (-coalesce((SELECT n FROM dormant d WHERE d.p = r.p), 0))::INTEGER AS dormant
    FROM rng r ORDER BY r.p`;
}

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  await db.run("CREATE TABLE ev (customer VARCHAR, ts TIMESTAMPTZ, revenue DECIMAL(12, 2))");
  const values = LOG.map(
    (e) =>
      `('${e.customerId}', '${e.at}'::TIMESTAMPTZ, ${e.revenue === null ? "NULL" : e.revenue})`,
  );
  await db.run(`INSERT INTO ev VALUES ${values.join(", ")}`);
});

describe("lifecycle against DuckDB", () => {
  it.each([
    ["month", "America/Los_Angeles", MONTH],
    ["day", "Europe/Berlin", DAY],
  ] as const)("agrees by %s in %s", async (period, zone, periodSql) => {
    const expected = await query(zone, lifecycleSql(periodSql));
    const { periods } = lifecycle(LOG, { period, timeZone: zone });
    expect(periods.length).toBe(expected.length);
    expect(periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])).toEqual(
      expected.map((r) => [r.new, r.returning, r.resurrecting, r.dormant]),
    );
  });
});

describe("activeUsers against DuckDB", () => {
  it("agrees on DAU, 7- and 30-day windows in Berlin", async () => {
    const expected = await query(
      "Europe/Berlin",
      `WITH ${activeCte(DAY)},
        rng AS (SELECT range AS d FROM range((SELECT min(p) FROM act), (SELECT max(p) FROM act) + 1))
      SELECT strftime(DATE '1970-01-01' + d::INTEGER, '%Y-%m-%d') AS key,
        (SELECT count(DISTINCT customer) FROM act WHERE p = d)::INTEGER AS dau,
        (SELECT count(DISTINCT customer) FROM act WHERE p BETWEEN d - 6 AND d)::INTEGER AS wau,
        (SELECT count(DISTINCT customer) FROM act WHERE p BETWEEN d - 29 AND d)::INTEGER AS mau
      FROM rng ORDER BY d`,
    );
    const { days } = activeUsers(LOG, { timeZone: "Europe/Berlin", windows: [1, 7, 30] });
    expect(days.map((d) => [d.key, d.active, d.windows[1], d.windows[2]])).toEqual(
      expected.map((r) => [r.key, r.dau, r.wau, r.mau]),
    );
    // DAU/MAU: the ratio times MAU gives DAU back (to 30 of the 40 significant digits)
    for (const d of days) {
      const back = d.ratio?.mul(d.windows[2] as number).toSignificantDigits(30);
      expect(back?.eq(d.active)).toBe(true);
    }
  });

  it.each([
    ["week", "(floor((ts::DATE - DATE '1970-01-01' + 3) / 7))"],
    ["month", MONTH],
  ] as const)(
    "agrees on the days-active distribution per %s in Los Angeles",
    async (group, sql) => {
      const expected = await query(
        "America/Los_Angeles",
        `WITH days AS (SELECT DISTINCT customer, ts::DATE AS d, ${sql} AS g FROM ev
                     WHERE revenue IS NULL OR revenue >= 0),
        per AS (SELECT g, customer, count(*) AS n FROM days GROUP BY g, customer)
      SELECT g::INTEGER AS g, n::INTEGER AS n, count(*)::INTEGER AS customers
      FROM per GROUP BY g, n ORDER BY g, n`,
      );
      const { stickiness } = activeUsers(LOG, {
        timeZone: "America/Los_Angeles",
        stickiness: group,
      });
      const ours: [number, number, number][] = [];
      stickiness.forEach((s, i) => {
        s.days.forEach((customers, k) => {
          if (customers > 0) ours.push([i, k + 1, customers]);
        });
      });
      const first = (expected[0]?.g as number) ?? 0;
      expect(ours).toEqual(expected.map((r) => [(r.g as number) - first, r.n, r.customers]));
    },
  );
});
