// The generated SQL of every dialect: golden files (test/sql/golden/*.sql) and, for BigQuery
// and Snowflake (not executed here), a parse by node-sql-parser's grammar of that dialect.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import NodeSqlParser from "node-sql-parser";
import { describe, expect, it } from "vitest";
import { cohortQuery } from "../../src/sql/cohortQuery.js";
import { DIALECTS } from "../../src/sql/dialects/index.js";
import type { Period } from "../../src/types.js";
import { GOLDEN, GOLDEN_SOURCE } from "./_goldenCases.js";

const parser = new NodeSqlParser.Parser();
const GRAMMAR = { bigquery: "BigQuery", snowflake: "Snowflake" } as const;
const NY = "America/New_York";
const golden = (name: string) => readFileSync(join(import.meta.dirname, "golden", name), "utf8");

describe("cohortQuery golden SQL", () => {
  for (const g of GOLDEN) {
    for (const dialect of ["duckdb", "postgres", "bigquery", "snowflake"] as const) {
      it(`writes ${g.name} in ${dialect} as the golden file`, () => {
        const { sql } = cohortQuery(g.source, { ...g.options, dialect });
        expect(`${sql}\n`).toBe(golden(`${g.name}.${dialect}.sql`));
      });
    }
  }

  it("binds the zone, asOf and the last period as parameters, in placeholder order", () => {
    const week = GOLDEN[0] as (typeof GOLDEN)[number];
    // asOf '2024-06-30' in New York ends at 2024-07-01T04:00:00Z = 1719806400000 ms; the last
    // day 2024-06-30 is day 19904 since 1970-01-01, in week ⌊(19904 + 3) / 7⌋ = 2843.
    for (const dialect of ["duckdb", "postgres", "bigquery", "snowflake"] as const) {
      const q = cohortQuery(week.source, { ...week.options, dialect });
      // asOf filters the source first; the zone is bound where each offset is looked up.
      expect(q.params).toEqual([1_719_806_400_000, NY, NY, NY, 2843]);
      expect(Object.isFrozen(q) && Object.isFrozen(q.params)).toBe(true);
    }
    expect(cohortQuery(week.source, { ...week.options, dialect: "postgres" }).sql).toContain(
      "CAST($5 AS BIGINT)",
    );
    expect(cohortQuery(week.source, { ...week.options, dialect: "bigquery" }).sql).toContain(
      "CAST(@p5 AS INT64)",
    );
    expect(cohortQuery(week.source, { ...week.options, dialect: "snowflake" }).sql).toContain(
      "CAST(:5 AS NUMBER(19, 0))",
    );
    const duck = cohortQuery(week.source, { ...week.options, dialect: "duckdb" }).sql;
    expect(duck.split("?").length - 1).toBe(5);
  });

  it("never writes a value into the text", () => {
    const { sql } = cohortQuery(GOLDEN_SOURCE, {
      dialect: "duckdb",
      timeZone: "Pacific/Chatham",
      asOf: "2024-06-30",
    });
    expect(sql).not.toContain("Chatham");
    expect(sql).not.toContain("2024");
  });
});

describe("BigQuery and Snowflake output parses with node-sql-parser", () => {
  const periods: Period[] = ["day", "week", "month", "quarter", "year"];
  for (const dialect of ["bigquery", "snowflake"] as const) {
    for (const period of periods) {
      it(`parses the ${period} query in ${dialect} as one WITH … SELECT`, () => {
        for (const variant of [
          { period, timeZone: NY },
          { period, timeZone: NY, weekStartsOn: 0 as const, asOf: "2024-01-01", brackets: true },
          {
            period,
            timeZone: "Australia/Lord_Howe",
            active: "purchases" as const,
            refunds: "exclude" as const,
          },
        ]) {
          const q = cohortQuery(
            { ...GOLDEN_SOURCE, cohortOf: "signup_at" },
            { ...variant, dialect },
          );
          const ast = parser.astify(q.sql, { database: GRAMMAR[dialect] });
          const select = (Array.isArray(ast) ? ast : [ast])[0] as { type: string; with: unknown[] };
          expect(select.type).toBe("select");
          // src, zone_hours, ev_local, ev, cells, firsts, members_local, members, bounds,
          // cohort_members, sizes, kcells, cell_sums, lasts, grid
          expect(select.with).toHaveLength(15);
        }
      });
    }
  }

  // Constructs the grammar lacks, stated per construct (the dialects' documented syntax):
  it("cannot check a BigQuery identifier holding an escaped backtick (grammar limit)", () => {
    const name = DIALECTS.bigquery.quoteIdentifier("a`b");
    expect(name).toBe("`a\\`b`");
    expect(() => parser.astify(`SELECT ${name} FROM t`, { database: "BigQuery" })).toThrow();
  });

  it("cannot parse a '?' placeholder in either grammar (hence @p1 and :1)", () => {
    expect(() => parser.astify("SELECT ? AS x", { database: "BigQuery" })).toThrow();
    expect(() => parser.astify("SELECT ? AS x", { database: "Snowflake" })).toThrow();
    expect(() => parser.astify("SELECT @p1 AS x", { database: "BigQuery" })).not.toThrow();
    expect(() => parser.astify("SELECT :1 AS x", { database: "Snowflake" })).not.toThrow();
  });
});
