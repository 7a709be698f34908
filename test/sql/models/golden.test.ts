// The BigQuery and Snowflake SQL of summaryQuery, rfmQuery and repeatQuery (not executed in
// the tests): each query equals its committed golden file (test/sql/models/golden/*.sql, to
// review any change of the SQL text) and parses with node-sql-parser's grammar of that
// dialect. To rewrite the golden files after a reviewed change: UPDATE_GOLDEN=1 npx vitest run
// test/sql/models/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import parser from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { repeatQuery } from "../../../src/sql/repeatQuery.js";
import { rfmQuery } from "../../../src/sql/rfmQuery.js";
import { summaryQuery } from "../../../src/sql/summaryQuery.js";

const SOURCE = {
  table: "analytics.events",
  customerId: "customer_id",
  at: "event_time",
  revenue: "revenue",
  where: "country = 'DE'",
} as const;

type Dialect = "bigquery" | "snowflake";

const QUERIES: Record<string, (dialect: Dialect) => { sql: string; params: readonly unknown[] }> = {
  summary: (dialect) =>
    summaryQuery(SOURCE, {
      observationEnd: "2024-12-31",
      calibrationEnd: "2024-06-30",
      unit: "week",
      timeZone: "America/New_York",
      dialect,
    }),
  "summary-compressed": (dialect) =>
    summaryQuery(SOURCE, { observationEnd: "2024-12-31", unit: "week", compress: true, dialect }),
  rfm: (dialect) => rfmQuery(SOURCE, { asOf: "2024-12-31", ties: "average", dialect }),
  "rfm-quantile": (dialect) =>
    rfmQuery(SOURCE, { asOf: "2024-12-31", ties: "quantile", monetary: "mean", dialect }),
  repeat: (dialect) =>
    repeatQuery(SOURCE, {
      periodStart: "2024-01-01",
      periodThrough: "2024-03-31",
      timeZone: "Asia/Kathmandu",
      dialect,
    }),
};

const DATABASE: Record<Dialect, string> = { bigquery: "BigQuery", snowflake: "Snowflake" };

describe.each(["bigquery", "snowflake"] as const)("%s model queries", (dialect) => {
  for (const [name, make] of Object.entries(QUERIES)) {
    it(`${name}: equals its golden file and parses as ${DATABASE[dialect]}`, () => {
      const { sql, params } = make(dialect);
      const file = fileURLToPath(new URL(`./golden/${dialect}-${name}.sql`, import.meta.url));
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
        if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`missing golden file ${file}`);
        writeFileSync(file, `${sql}\n`);
      }
      expect(`${sql}\n`).toBe(readFileSync(file, "utf8"));
      const ast = new parser.Parser().astify(sql, { database: DATABASE[dialect] });
      const statements = Array.isArray(ast) ? ast : [ast];
      expect(statements).toHaveLength(1);
      expect(statements[0]?.type).toBe("select");
      // one placeholder per parameter, and the values are bound, never in the text
      // (`?` is one parameter per mark; BigQuery's `@pn` and Snowflake's `:n` name parameter n)
      const marks = sql.match(/\?|:\d+|@p\d+/g) ?? [];
      const bound = marks.every((m) => m === "?") ? marks.length : new Set(marks).size;
      expect(bound).toBe(params.length);
      for (const value of params) {
        if (typeof value === "string" && value !== "UTC") expect(sql).not.toContain(value);
      }
    });
  }
});
