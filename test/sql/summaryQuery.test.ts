// summaryQuery / summaryFromRows executed on DuckDB (@duckdb/node-api) and PostgreSQL
// (PGlite): the result equals summarizeTransactions over the same events exactly (the same
// Decimals), on hand-checked toy logs and on seeded generated logs in four time zones.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CustomerSummary,
  fitBetaGeometricNBD,
  summarizeTransactions,
} from "../../src/index.js";
import { summaryFromRows, summaryQuery } from "../../src/sql/summaryQuery.js";
import { codeAndFieldOf } from "../_helpers.js";
import { Engines, generateLog, type LogEvent, plain } from "./models/harness.js";

const SOURCE = { table: "toy", customerId: "customer_id", at: "at", revenue: "revenue" } as const;
const ms = (iso: string) => Date.parse(iso);

// Hand-checked toy log (UTC days):
// a: Jan 1 two orders 10.00 + 5.50 and a refund −2.00 (day total 13.50); Jan 5 20.00 and a
//    refund −1.25 (18.75); Jan 7 a refund −3.00 on a day without purchase (left out); an order
//    of 7.00 exactly at 2024-01-10T00:00Z.
// b: a refund only (no row).
// c: revenue 0 on Jan 2, no revenue on Jan 3 (activity, purchases under 'all'), 12.34 on Jan 4.
const TOY: LogEvent[] = [
  { customerId: "a", at: ms("2024-01-01T10:00:00Z"), revenue: "10.00" },
  { customerId: "a", at: ms("2024-01-01T15:00:00Z"), revenue: "5.50" },
  { customerId: "a", at: ms("2024-01-01T18:00:00Z"), revenue: "-2.00" },
  { customerId: "a", at: ms("2024-01-05T09:00:00Z"), revenue: "20.00" },
  { customerId: "a", at: ms("2024-01-05T11:00:00Z"), revenue: "-1.25" },
  { customerId: "a", at: ms("2024-01-07T11:00:00Z"), revenue: "-3.00" },
  { customerId: "a", at: ms("2024-01-10T00:00:00Z"), revenue: "7.00" },
  { customerId: "b", at: ms("2024-01-03T08:00:00Z"), revenue: "-4.00" },
  { customerId: "c", at: ms("2024-01-02T08:00:00Z"), revenue: "0.00" },
  { customerId: "c", at: ms("2024-01-03T08:00:00Z"), revenue: null },
  { customerId: "c", at: ms("2024-01-04T08:00:00Z"), revenue: "12.34" },
];

let engines: Engines;
beforeAll(async () => {
  engines = await Engines.open();
  await engines.load("toy", TOY, 2);
  const from = ms("2023-10-01T00:00:00Z");
  const to = ms("2025-02-01T00:00:00Z");
  await engines.load(
    "gen2",
    generateLog(12, { events: 20_000, customers: 1500, scale: 2, from, to }),
    2,
  );
  await engines.load(
    "gen4",
    generateLog(34, { events: 20_000, customers: 1500, scale: 4, from, to }),
    4,
  );
}, 60_000);
afterAll(async () => {
  await engines.close();
});

type Options = Parameters<typeof summaryQuery>[1] & { readonly compress?: false };

/** The summary from both engines (as summaryFromRows reads their rows) and in process. */
async function bothEngines(table: string, events: readonly LogEvent[], options: Options) {
  const source = { ...SOURCE, table };
  const duckQuery = summaryQuery(source, { ...options, dialect: "duckdb" });
  const pgQuery = summaryQuery(source, { ...options, dialect: "postgres" });
  const fromDuck = summaryFromRows(await engines.duckRows(duckQuery), options);
  const fromPg = summaryFromRows(await engines.pgRows(pgQuery), options);
  const inProcess = summarizeTransactions(events, options);
  return { fromDuck, fromPg, inProcess };
}

/** `[id, frequency, recency, T, monetaryValue, …holdout]` as text. */
function table(rows: readonly CustomerSummary[]) {
  return rows.map((r) =>
    [
      r.customerId,
      r.frequency,
      r.recency,
      r.T,
      r.monetaryValue,
      r.frequencyHoldout,
      r.monetaryValueHoldout,
      r.durationHoldout,
    ]
      .filter((x) => x !== undefined)
      .map(String),
  );
}

describe("summaryQuery on toy logs", () => {
  it("applies the purchase and refund rules of the library, with a calendar-date end (last day included)", async () => {
    const { fromDuck, fromPg, inProcess } = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-09",
      unit: "day",
      dialect: "duckdb",
    });
    // a: days Jan 1 (13.50) and Jan 5 (18.75); T = Jan 9 − Jan 1. c: Jan 4 only. b: no row.
    const expected = [
      ["a", "1", "4", "8", "18.75"],
      ["c", "0", "0", "5", "0"],
    ];
    expect(table(inProcess)).toEqual(expected);
    expect(table(fromDuck)).toEqual(expected);
    expect(table(fromPg)).toEqual(expected);
  });

  it("includes an event on the last day of a date end and leaves out an event exactly at an instant end", async () => {
    const dateEnd = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-10",
      unit: "day",
      dialect: "duckdb",
    });
    // the 7.00 order of Jan 10 is in: a has 3 purchase days, monetary (18.75 + 7) / 2
    expect(table(dateEnd.fromDuck)[0]).toEqual(["a", "2", "9", "9", "12.875"]);
    expect(table(dateEnd.fromPg)).toEqual(table(dateEnd.inProcess));
    const instantEnd = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-10T00:00:00Z",
      unit: "day",
      dialect: "duckdb",
    });
    // the order at the end instant is out, and T counts to Jan 9 (the day of the last instant)
    expect(table(instantEnd.fromDuck)[0]).toEqual(["a", "1", "4", "8", "18.75"]);
    expect(table(instantEnd.fromPg)).toEqual(table(instantEnd.inProcess));
    expect(table(instantEnd.fromDuck)).toEqual(table(instantEnd.inProcess));
  });

  it("counts zero and absent revenue as purchases under purchases: 'all', and leaves refunds out under refunds: 'exclude'", async () => {
    const all = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-09",
      unit: "day",
      purchases: "all",
      dialect: "duckdb",
    });
    // c: Jan 2 (0), Jan 3 (no revenue), Jan 4 (12.34): frequency 2, monetary 12.34 / 2
    expect(table(all.fromDuck)).toEqual([
      ["a", "1", "4", "8", "18.75"],
      ["c", "2", "2", "7", "6.17"],
    ]);
    expect(table(all.fromPg)).toEqual(table(all.inProcess));
    const exclude = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-09",
      unit: "day",
      refunds: "exclude",
      dialect: "duckdb",
    });
    expect(table(exclude.fromDuck)[0]).toEqual(["a", "1", "4", "8", "20"]);
    expect(table(exclude.fromPg)).toEqual(table(exclude.inProcess));
  });

  it("splits calibration and holdout at calibrationEnd", async () => {
    const options: Options = {
      observationEnd: "2024-01-10",
      calibrationEnd: "2024-01-03",
      unit: "day",
      purchases: "all",
      dialect: "duckdb",
    };
    const { fromDuck, fromPg, inProcess } = await bothEngines("toy", TOY, options);
    // a: Jan 1 in calibration; Jan 5 (18.75) and Jan 10 (7.00) in the holdout; 7 holdout days.
    // c: Jan 2 and Jan 3 in calibration (revenue 0 and none), Jan 4 in the holdout.
    expect(table(fromDuck)).toEqual([
      ["a", "0", "0", "2", "0", "2", "12.875", "7"],
      ["c", "1", "1", "1", "0", "1", "12.34", "7"],
    ]);
    expect(table(fromPg)).toEqual(table(fromDuck));
    expect(table(inProcess)).toEqual(table(fromDuck));
  });

  it("measures recency and T in the unit, as summarizeTransactions does (weeks)", async () => {
    const { fromDuck, fromPg, inProcess } = await bothEngines("toy", TOY, {
      observationEnd: "2024-01-09",
      unit: "week",
      dialect: "duckdb",
    });
    expect(plain(fromDuck)).toEqual(plain(inProcess));
    expect(plain(fromPg)).toEqual(plain(inProcess));
    expect(String(fromDuck[0]?.T)).toBe(String(inProcess[0]?.T)); // 8/7 to 40 digits
  });
});

describe("summaryQuery on generated logs", () => {
  const from = ms("2023-10-01T00:00:00Z");
  const to = ms("2025-02-01T00:00:00Z");
  const logs = {
    gen2: generateLog(12, { events: 20_000, customers: 1500, scale: 2, from, to }),
    gen4: generateLog(34, { events: 20_000, customers: 1500, scale: 4, from, to }),
  };
  const cases: [string, "gen2" | "gen4", Options][] = [
    ["UTC", "gen2", { observationEnd: "2024-12-31", unit: "week", dialect: "duckdb" }],
    [
      "America/New_York",
      "gen4",
      {
        observationEnd: "2024-11-03T06:30:00Z",
        calibrationEnd: "2024-06-30",
        unit: "day",
        dialect: "duckdb",
      },
    ],
    [
      "Asia/Kathmandu",
      "gen2",
      {
        observationEnd: "2024-12-31",
        calibrationEnd: "2024-07-01T02:00:00Z",
        unit: "month",
        refunds: "exclude",
        dialect: "duckdb",
      },
    ],
    [
      "Australia/Lord_Howe",
      "gen4",
      { observationEnd: "2024-10-06", unit: "year", purchases: "all", dialect: "duckdb" },
    ],
  ];
  for (const [zone, log, base] of cases) {
    it(`equals summarizeTransactions exactly in ${zone} (${log})`, async () => {
      const options = { ...base, timeZone: zone };
      const { fromDuck, fromPg, inProcess } = await bothEngines(log, logs[log], options);
      expect(inProcess.length).toBeGreaterThan(1000);
      expect(plain(fromDuck)).toEqual(plain(inProcess));
      expect(plain(fromPg)).toEqual(plain(inProcess));
    });
  }

  it("compresses to distinct (frequency, recency, T) with counts, and BG/NBD fits the same on both", async () => {
    const options = {
      observationEnd: "2024-12-31",
      unit: "week",
      compress: true,
      timeZone: "America/New_York",
      dialect: "postgres",
    } as const;
    const q = summaryQuery({ ...SOURCE, table: "gen2" }, options);
    const patternsPg = summaryFromRows(await engines.pgRows(q), options);
    const patternsDuck = summaryFromRows(
      await engines.duckRows(
        summaryQuery({ ...SOURCE, table: "gen2" }, { ...options, dialect: "duckdb" }),
      ),
      options,
    );
    expect(plain(patternsDuck)).toEqual(plain(patternsPg));
    const full = summarizeTransactions(logs.gen2, options);
    // the patterns are the distinct histories of the full summary, each with its count
    const counts = new Map<string, number>();
    for (const r of full) {
      const key = `${r.frequency}|${r.recency}|${r.T}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(patternsPg.length).toBe(counts.size);
    expect(patternsPg.length).toBeLessThan(full.length);
    for (const p of patternsPg)
      expect(p.weight).toBe(counts.get(`${p.frequency}|${p.recency}|${p.T}`));
    expect(patternsPg.reduce((s, p) => s + p.weight, 0)).toBe(full.length);
    // The fit reads the distinct histories in one order whatever the order of its rows, so the
    // patterns with their counts give the very fit of the full summary, digit for digit.
    const fitCompressed = fitBetaGeometricNBD(patternsPg);
    const fitFull = fitBetaGeometricNBD(full);
    expect(plain(fitCompressed.params)).toEqual(plain(fitFull.params));
    expect(String(fitCompressed.logLikelihood)).toBe(String(fitFull.logLikelihood));
  });

  it("reads DuckDB's native values (bigint counts) as well as its JSON strings", async () => {
    const options = { observationEnd: "2024-12-31", unit: "day", dialect: "duckdb" } as const;
    const q = summaryQuery({ ...SOURCE, table: "gen4" }, options);
    expect(plain(summaryFromRows(await engines.duckNativeRows(q), options))).toEqual(
      plain(summaryFromRows(await engines.duckRows(q), options)),
    );
  });
});

describe("summaryQuery / summaryFromRows errors", () => {
  const options = { observationEnd: "2024-01-09", unit: "day", dialect: "duckdb" } as const;
  it("refuses an unknown or missing unit", () => {
    expect(
      codeAndFieldOf(() => summaryQuery(SOURCE, { ...options, unit: "fortnight" as never })),
    ).toBe("INVALID_OPTION options.unit");
    expect(
      codeAndFieldOf(() => summaryFromRows([], { ...options, unit: undefined as never })),
    ).toBe("INVALID_OPTION options.unit");
  });
  it("refuses a missing observationEnd and a calibration end after it", () => {
    expect(
      codeAndFieldOf(() =>
        summaryQuery(SOURCE, { ...options, observationEnd: undefined as never }),
      ),
    ).toBe("INVALID_DATE options.observationEnd");
    expect(
      codeAndFieldOf(() => summaryQuery(SOURCE, { ...options, calibrationEnd: "2024-02-01" })),
    ).toBe("INCONSISTENT options.calibrationEnd");
  });
  it("refuses an unknown dialect and bad identifiers", () => {
    expect(
      codeAndFieldOf(() => summaryQuery(SOURCE, { ...options, dialect: "mysql" as never })),
    ).toBe("INVALID_OPTION options.dialect");
    expect(codeAndFieldOf(() => summaryQuery({ ...SOURCE, customerId: "" }, options))).toBe(
      "INVALID_OPTION source.customerId",
    );
    expect(
      codeAndFieldOf(() => summaryQuery({ ...SOURCE, at: "at\n; DROP TABLE toy" }, options)),
    ).toBe("INVALID_OPTION source.at");
    expect(codeAndFieldOf(() => summaryQuery({ ...SOURCE, where: " " }, options))).toBe(
      "INVALID_OPTION source.where",
    );
  });
  it("refuses purchases: 'positive' on a source without a revenue column", () => {
    const { revenue: _, ...noRevenue } = SOURCE;
    expect(codeAndFieldOf(() => summaryQuery(noRevenue, options))).toBe(
      "INVALID_OPTION options.purchases",
    );
    expect(summaryQuery(noRevenue, { ...options, purchases: "all" }).sql).toContain("CAST(NULL AS");
  });
  it("refuses malformed rows, naming the row and field", () => {
    const row = { customer_id: "a", frequency: 1, recency_days: 4, t_days: 8, repeat_total: "1.5" };
    expect(codeAndFieldOf(() => summaryFromRows("rows" as never, options))).toBe(
      "NOT_A_NUMBER rows",
    );
    expect(codeAndFieldOf(() => summaryFromRows([row, null as never], options))).toBe(
      "NOT_A_NUMBER rows[1]",
    );
    expect(codeAndFieldOf(() => summaryFromRows([{ ...row, t_days: undefined }], options))).toBe(
      "NOT_A_NUMBER rows[0].t_days",
    );
    expect(codeAndFieldOf(() => summaryFromRows([{ ...row, frequency: 1.5 }], options))).toBe(
      "NOT_INTEGER rows[0].frequency",
    );
    expect(codeAndFieldOf(() => summaryFromRows([{ ...row, recency_days: 9 }], options))).toBe(
      "INCONSISTENT rows[0].recency_days",
    );
    expect(codeAndFieldOf(() => summaryFromRows([{ ...row, repeat_total: "x" }], options))).toBe(
      "NOT_A_NUMBER rows[0].repeat_total",
    );
    expect(codeAndFieldOf(() => summaryFromRows([{ ...row, customer_id: {} }], options))).toBe(
      "NOT_A_NUMBER rows[0].customer_id",
    );
    expect(codeAndFieldOf(() => summaryFromRows([row, row], options))).toBe("INCONSISTENT rows");
    expect(
      codeAndFieldOf(() =>
        summaryFromRows([{ frequency: 0, recency_days: 0, t_days: 3, customers: 0 }], {
          ...options,
          compress: true,
        }),
      ),
    ).toBe("OUT_OF_RANGE rows[0].customers");
  });
  it("does not change the options or the rows it reads", () => {
    const rows = Object.freeze([
      Object.freeze({
        customer_id: "a",
        frequency: "1",
        recency_days: 4n,
        t_days: 8,
        repeat_total: "1.5",
      }),
    ]);
    const frozen = Object.freeze({ ...options });
    expect(String(summaryFromRows(rows, frozen)[0]?.monetaryValue)).toBe("1.5");
    expect(summaryQuery(Object.freeze({ ...SOURCE }), frozen).params).toEqual([
      "UTC",
      1704844800000,
      1704758400000 / 86_400_000,
    ]);
  });
});

describe("summaryQuery on a source without a revenue column", () => {
  it("counts every row as a purchase under purchases: 'all', with money 0, as summarizeTransactions on a log without revenue", async () => {
    const { revenue: _, ...noRevenue } = SOURCE;
    const options = { observationEnd: "2024-01-09", unit: "day", purchases: "all" } as const;
    const events = TOY.map(({ customerId, at }) => ({ customerId, at }));
    const duck = summaryFromRows(
      await engines.duckRows(summaryQuery(noRevenue, { ...options, dialect: "duckdb" })),
      options,
    );
    const pg = summaryFromRows(
      await engines.pgRows(summaryQuery(noRevenue, { ...options, dialect: "postgres" })),
      options,
    );
    // every row is a purchase: a on Jan 1, 5 and 7 (Jan 10 is after the end); b on Jan 3;
    // c on Jan 2, 3 and 4
    expect(table(duck)).toEqual([
      ["a", "2", "6", "8", "0"],
      ["b", "0", "0", "6", "0"],
      ["c", "2", "2", "7", "0"],
    ]);
    expect(table(pg)).toEqual(table(duck));
    expect(table(summarizeTransactions(events, options))).toEqual(table(duck));
  });
});

describe("summaryQuery with hostile identifiers and random logs", () => {
  it("quotes a hostile column name, which names exactly that column and never runs as SQL", async () => {
    const hostile = 'x"; DROP TABLE toy; --';
    await engines.duck.run(
      `CREATE TABLE hostile AS SELECT customer_id AS "x""; DROP TABLE toy; --", "at", revenue FROM toy`,
    );
    const options = { observationEnd: "2024-01-09", unit: "day", dialect: "duckdb" } as const;
    const q = summaryQuery({ ...SOURCE, table: "hostile", customerId: hostile }, options);
    expect(q.sql).toContain('"x""; DROP TABLE toy; --"');
    expect(table(summaryFromRows(await engines.duckRows(q), options))).toEqual([
      ["a", "1", "4", "8", "18.75"],
      ["c", "0", "0", "5", "0"],
    ]);
    // the toy table is still there
    const count = await engines.duckRows({ sql: "SELECT COUNT(*) AS n FROM toy", params: [] });
    expect(count[0]?.n).toBe(String(TOY.length));
  });

  it("equals summarizeTransactions on random small logs (DuckDB)", async () => {
    const base = ms("2024-03-01T00:00:00Z");
    const event = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "10", "Ω"),
      at: fc.integer({ min: 0, max: 40 * 86_400_000 }).map((t) => base + t),
      revenue: fc.oneof(
        fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)),
        fc.constant(null),
      ),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.constantFrom("UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"),
        fc.constantFrom("day", "week", "month"),
        fc.boolean(),
        fc.constantFrom("net", "exclude"),
        async (events, timeZone, unit, holdout, refunds) => {
          const name = `random${run++}`;
          await engines.duck.run(
            `CREATE TABLE ${name} (customer_id TEXT, "at" TIMESTAMPTZ, revenue DECIMAL(18, 2))`,
          );
          const values = events
            .map(
              (e) =>
                `('${e.customerId}', '${new Date(e.at).toISOString()}', ${e.revenue ?? "NULL"})`,
            )
            .join(",");
          await engines.duck.run(`INSERT INTO ${name} VALUES ${values}`);
          const options = {
            observationEnd: "2024-04-05T12:00:00Z",
            ...(holdout ? { calibrationEnd: "2024-03-20" } : {}),
            unit: unit as "day" | "week" | "month",
            timeZone,
            refunds: refunds as "net" | "exclude",
            purchases: "all" as const,
            dialect: "duckdb" as const,
          };
          const rows = await engines.duckRows(summaryQuery({ ...SOURCE, table: name }, options));
          await engines.duck.run(`DROP TABLE ${name}`);
          expect(plain(summaryFromRows(rows, options))).toEqual(
            plain(summarizeTransactions(events, options)),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
