// Test harness of the model queries: seeded event logs, and the same log loaded into DuckDB
// (@duckdb/node-api) and PostgreSQL (PGlite), one engine instance per test file.
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { PGlite } from "@electric-sql/pglite";

/** One event as the tests hold it: the instant in epoch ms, revenue as a decimal string or null. */
export interface LogEvent {
  readonly customerId: string;
  readonly at: number;
  readonly revenue: string | null;
}

/** mulberry32: a small seeded generator (deterministic logs). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** A decimal string of `units / 10^scale` (no float arithmetic). */
function money(units: number, scale: number): string {
  const sign = units < 0 ? "-" : "";
  const digits = String(Math.abs(units)).padStart(scale + 1, "0");
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * A seeded log of about `events` events over `customers` customers between `from` and `to`
 * (epoch ms): purchases (about 70 %), refunds (10 %), zero revenue (8 %) and no revenue
 * (12 %); about a third of the events repeat an earlier event's day at another hour, so that
 * days hold several orders and refunds fall on purchase days. Revenue has `scale` decimals.
 */
export function generateLog(
  seed: number,
  options: { events: number; customers: number; scale: number; from: number; to: number },
): LogEvent[] {
  const rnd = seeded(seed);
  const { events, customers, scale, from, to } = options;
  const ids = Array.from({ length: customers }, (_, i) =>
    i % 97 === 5 ? `Ω-${i}` : i % 89 === 3 ? `ä${i}` : `c${String(i).padStart(5, "0")}`,
  );
  const out: LogEvent[] = [];
  const last = new Map<string, number>();
  for (let k = 0; k < events; k++) {
    // a skewed customer choice, so that frequencies spread
    const c = ids[Math.floor(customers * rnd() ** 1.7)] as string;
    const prev = last.get(c);
    let at: number;
    if (prev !== undefined && rnd() < 0.35) {
      at = Math.floor(prev / DAY) * DAY + Math.floor(rnd() * DAY);
    } else at = from + Math.floor(rnd() * (to - from));
    last.set(c, at);
    const u = rnd();
    const size = Math.floor(rnd() * 3000 * 10 ** scale) + 1;
    const revenue =
      u < 0.7
        ? money(size, scale)
        : u < 0.8
          ? money(-Math.ceil(size / 3), scale)
          : u < 0.88
            ? "0"
            : null;
    out.push({ customerId: c, at, revenue });
  }
  return out;
}

/** Both engines, with the tables loaded by {@link Engines.load}. */
export class Engines {
  private constructor(
    readonly duck: DuckDBConnection,
    readonly pg: PGlite,
    private readonly instance: DuckDBInstance,
  ) {}

  static async open(): Promise<Engines> {
    const instance = await DuckDBInstance.create(":memory:");
    const duck = await instance.connect();
    const pg = new PGlite();
    await pg.waitReady;
    return new Engines(duck, pg, instance);
  }

  /** Create `table` (customer_id text, "at" timestamptz, revenue decimal(18, scale)) with `events`. */
  async load(table: string, events: readonly LogEvent[], scale: number): Promise<void> {
    const ddl = `CREATE TABLE ${table} (customer_id TEXT, "at" TIMESTAMPTZ, revenue DECIMAL(18, ${scale}))`;
    await this.duck.run(ddl);
    await this.pg.query(ddl.replace("DECIMAL", "NUMERIC"));
    for (let i = 0; i < events.length; i += 5000) {
      const values = events
        .slice(i, i + 5000)
        .map(
          (e) =>
            `('${e.customerId.replaceAll("'", "''")}', '${new Date(e.at).toISOString()}', ${e.revenue ?? "NULL"})`,
        )
        .join(",");
      await this.duck.run(`INSERT INTO ${table} VALUES ${values}`);
      await this.pg.exec(`INSERT INTO ${table} VALUES ${values}`);
    }
  }

  /** Run a query on DuckDB: rows with integers and decimals as strings (its JSON form). */
  async duckRows(q: {
    sql: string;
    params: readonly (string | number)[];
  }): Promise<Record<string, unknown>[]> {
    const reader = await this.duck.runAndReadAll(q.sql, [...q.params]);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  /** Run a query on DuckDB: rows as its native JS values (bigint integers, DECIMAL objects). */
  async duckNativeRows(q: {
    sql: string;
    params: readonly (string | number)[];
  }): Promise<Record<string, unknown>[]> {
    const reader = await this.duck.runAndReadAll(q.sql, [...q.params]);
    return reader.getRowObjects() as Record<string, unknown>[];
  }

  /** Run a query on PGlite. */
  async pgRows(q: {
    sql: string;
    params: readonly (string | number)[];
  }): Promise<Record<string, unknown>[]> {
    const result = await this.pg.query<Record<string, unknown>>(q.sql, [...q.params]);
    return result.rows;
  }

  async close(): Promise<void> {
    this.duck.closeSync();
    this.instance.closeSync();
    await this.pg.close();
  }
}

/** A Decimal-bearing result as plain text, to compare exactly (Decimals by their digits). */
export function plain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(plain);
  const v = value as Record<string, unknown>;
  if (typeof v.toFixed === "function" && typeof v.eq === "function") return `D:${String(value)}`;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}
