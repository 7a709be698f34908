// Start and return events against DuckDB (@duckdb/node-api): the same generated log loaded into
// DuckDB and queried with the definitions written in SQL (first start event per customer,
// distinct customers with a return event per period, revenue of members from the cohort's
// month on), compared with cohortAnalysis cell by cell. (`at` is a keyword in DuckDB: the
// column is `ts` there.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortAnalysis } from "../../../src/index.js";

/** A deterministic generator (mulberry32), so the log is the same in every run and zone. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  customerId: string;
  at: number;
  event: string;
  revenue: string | null;
}

function generate(n: number): Row[] {
  const random = generator(20240601);
  const rows: Row[] = [];
  const t0 = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; i++) {
    const r = random();
    const event = r < 0.2 ? "signup" : r < 0.55 ? "buy" : "view";
    const cents = Math.floor(random() * 10_000);
    const revenue =
      event !== "buy"
        ? random() < 0.5
          ? null
          : "0"
        : random() < 0.1
          ? `-${cents / 100}`
          : `${cents / 100}`;
    rows.push({
      customerId: `u${Math.floor(random() * 400)}`,
      at: t0 + Math.floor(random() * 540 * 86_400_000),
      event,
      revenue,
    });
  }
  return rows;
}

const ROWS = generate(6000);
let dir = "";
let instance: DuckDBInstance;

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cm-roles-"));
  const file = join(dir, "events.csv");
  const lines = ["customer_id,ts,event,revenue"];
  for (const r of ROWS) {
    const at = new Date(r.at).toISOString().replace("T", " ").replace("Z", "");
    lines.push(`${r.customerId},${at},${r.event},${r.revenue ?? ""}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
  instance = await DuckDBInstance.create(":memory:");
  await query(
    `CREATE TABLE ev AS SELECT * FROM read_csv('${file}', header = true, columns = ` +
      `{'customer_id': 'VARCHAR', 'ts': 'TIMESTAMP', 'event': 'VARCHAR', 'revenue': 'DECIMAL(18, 2)'})`,
  );
});

afterAll(() => {
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** The table by SQL: sizes, active customers and revenue per (cohort month, k). */
function sql(inStart: boolean): string {
  return `
    WITH elig AS (  -- active: 'events': every row that is not a refund
      SELECT *, date_trunc('month', ts) AS p FROM ev WHERE revenue IS NULL OR revenue >= 0
    ),
    members AS (
      SELECT customer_id, min(ts) AS start_at, date_trunc('month', min(ts)) AS cohort
      FROM elig WHERE event = 'signup' GROUP BY customer_id
    ),
    act AS (
      SELECT DISTINCT m.customer_id, m.cohort, date_diff('month', m.cohort, e.p) AS k
      FROM elig e JOIN members m USING (customer_id)
      WHERE e.event = 'buy'
        AND (e.p > m.cohort OR (${inStart} AND e.p = m.cohort AND e.ts >= m.start_at))
      UNION ALL
      SELECT customer_id, cohort, 0 FROM members WHERE NOT ${inStart}
    ),
    cells AS (
      SELECT cohort, k, count(*) AS active, NULL::DECIMAL(18, 2) AS revenue FROM act GROUP BY ALL
      UNION ALL
      SELECT m.cohort, date_diff('month', m.cohort, date_trunc('month', e.ts)) AS k, NULL,
             sum(e.revenue)          -- refunds: 'net': every row with revenue
      FROM ev e JOIN members m USING (customer_id)
      WHERE date_trunc('month', e.ts) >= m.cohort AND e.revenue IS NOT NULL
      GROUP BY ALL
    )
    SELECT strftime(c.cohort, '%Y-%m') AS key, c.k,
           coalesce(max(c.active), 0) AS active, coalesce(sum(c.revenue), 0)::VARCHAR AS revenue
    FROM cells c GROUP BY ALL ORDER BY key, k`;
}

const SIZES = `
  SELECT strftime(cohort, '%Y-%m') AS key, count(*) AS size
  FROM (SELECT customer_id, date_trunc('month', min(ts)) AS cohort FROM ev
        WHERE (revenue IS NULL OR revenue >= 0) AND event = 'signup' GROUP BY customer_id)
  GROUP BY ALL ORDER BY key`;

describe("cohortAnalysis start and return events agree with DuckDB", () => {
  for (const inStart of [false, true]) {
    it(`on a generated log of 6,000 events (returnInStartPeriod: ${inStart})`, async () => {
      const table = cohortAnalysis(ROWS, {
        startEvent: "signup",
        returnEvent: "buy",
        returnInStartPeriod: inStart,
      });
      const expected = await query(sql(inStart));
      expect(expected.length).toBeGreaterThan(100);
      const byKey = new Map(table.cohorts.map((row) => [row.key, row]));
      // every cohort of SQL is in the table with its size, and vice versa
      const sizes = await query(SIZES);
      expect(sizes.map((r) => [r.key, Number(r.size)])).toEqual(
        table.cohorts.map((row) => [row.key, row.size]),
      );
      const seen = new Set<string>();
      for (const r of expected) {
        const row = byKey.get(String(r.key));
        const k = Number(r.k);
        expect(row?.active[k]).toBe(Number(r.active));
        expect(row?.revenue[k]?.toString()).toBe(new Decimal(String(r.revenue)).toString());
        seen.add(`${r.key}:${k}`);
      }
      // cells SQL does not list hold nothing
      for (const row of table.cohorts) {
        row.active.forEach((active, k) => {
          if (seen.has(`${row.key}:${k}`)) return;
          expect(active).toBe(0);
          expect(row.revenue[k]?.isZero()).toBe(true);
        });
      }
    });
  }
});
