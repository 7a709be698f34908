// Real SQL engines for the tests of customer-metrics/sql: DuckDB (@duckdb/node-api) and
// PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly), loaded with the same event log.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";

/** One event as loaded: id, instant (epoch ms), revenue as an exact decimal string or null. */
export interface LoadedEvent {
  readonly customerId: string;
  readonly at: number;
  readonly revenue: string | null;
  readonly cohortOf?: number | null;
}

export interface Engine {
  readonly name: "duckdb" | "postgres";
  /** Replace table `name` with the events (revenue DECIMAL(18, scale), at TIMESTAMPTZ). */
  load(name: string, events: readonly LoadedEvent[], scale: number): Promise<void>;
  /** Run a query with parameters; rows as the client gives them. */
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export async function duckdbEngine(): Promise<Engine & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const dir = mkdtempSync(join(tmpdir(), "cm-sql-"));
  return {
    name: "duckdb",
    connection,
    async load(name, events, scale) {
      const file = join(dir, `${name}.csv`);
      const lines = ["customer_id,at,revenue,cohort_at"];
      for (const e of events) {
        const c = e.cohortOf === undefined || e.cohortOf === null ? "" : iso(e.cohortOf);
        lines.push(`${e.customerId},${iso(e.at)},${e.revenue ?? ""},${c}`);
      }
      writeFileSync(file, `${lines.join("\n")}\n`);
      await connection.run(`DROP TABLE IF EXISTS "${name}"`);
      await connection.run(
        `CREATE TABLE "${name}" AS SELECT * FROM read_csv('${file}', header = true, ` +
          `columns = {'customer_id': 'VARCHAR', 'at': 'TIMESTAMPTZ', 'revenue': 'DECIMAL(18, ${scale})', 'cohort_at': 'TIMESTAMPTZ'})`,
      );
    },
    async query(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresEngine(): Promise<Engine & { db: PGlite }> {
  const db = new PGlite();
  return {
    name: "postgres",
    db,
    async load(name, events, scale) {
      await db.exec(`DROP TABLE IF EXISTS "${name}"`);
      await db.exec(
        `CREATE TABLE "${name}" (customer_id TEXT, at TIMESTAMPTZ, revenue NUMERIC(18, ${scale}), cohort_at TIMESTAMPTZ)`,
      );
      const chunk = 20_000;
      for (let i = 0; i < events.length; i += chunk) {
        const part = events.slice(i, i + chunk);
        await db.query(
          `INSERT INTO "${name}" SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::numeric[], $4::timestamptz[])`,
          [
            part.map((e) => e.customerId),
            part.map((e) => iso(e.at)),
            part.map((e) => e.revenue),
            part.map((e) =>
              e.cohortOf === undefined || e.cohortOf === null ? null : iso(e.cohortOf),
            ),
          ],
        );
      }
    },
    async query(sql, params) {
      return (await db.query<Record<string, unknown>>(sql, params as unknown[])).rows;
    },
    async close() {
      await db.close();
    },
  };
}
