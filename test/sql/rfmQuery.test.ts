// rfmQuery / rfmFromRows executed on DuckDB (@duckdb/node-api) and PostgreSQL (PGlite): the
// customers, scores and segments equal rfmSegments over the same events exactly, for every tie
// rule, on a hand-checked toy log and on seeded generated logs in four time zones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rfmSegments } from "../../src/index.js";
import { rfmFromRows, rfmQuery } from "../../src/sql/rfmQuery.js";
import { codeAndFieldOf } from "../_helpers.js";
import { Engines, generateLog, type LogEvent, plain } from "./models/harness.js";

const SOURCE = { table: "toy", customerId: "customer_id", at: "at", revenue: "revenue" } as const;
const ms = (iso: string) => Date.parse(iso);

// Hand-checked toy log (UTC): a has two orders and a refund on Jan 1, an order and a refund on
// Jan 5, a refund on Jan 7 and an order exactly at 2024-01-10T00:00Z; b a refund only; c revenue
// 0 on Jan 2, none on Jan 3 and an order on Jan 4.
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

const FROM = ms("2023-10-01T00:00:00Z");
const TO = ms("2025-02-01T00:00:00Z");
const GEN2 = generateLog(56, { events: 15_000, customers: 1200, scale: 2, from: FROM, to: TO });
const GEN4 = generateLog(78, { events: 15_000, customers: 1200, scale: 4, from: FROM, to: TO });

let engines: Engines;
beforeAll(async () => {
  engines = await Engines.open();
  await engines.load("toy", TOY, 2);
  await engines.load("gen2", GEN2, 2);
  await engines.load("gen4", GEN4, 4);
}, 60_000);
afterAll(async () => {
  await engines.close();
});

type Options = Parameters<typeof rfmQuery>[1];

async function bothEngines(table: string, events: readonly LogEvent[], options: Options) {
  const source = { ...SOURCE, table };
  const duckQuery = rfmQuery(source, { ...options, dialect: "duckdb" });
  const pgQuery = rfmQuery(source, { ...options, dialect: "postgres" });
  const duckRows = await engines.duckRows(duckQuery);
  return {
    duckRows,
    fromDuck: rfmFromRows(duckRows, options),
    fromPg: rfmFromRows(await engines.pgRows(pgQuery), options),
    inProcess: rfmSegments(events, options),
  };
}

const brief = (r: ReturnType<typeof rfmSegments>) =>
  r.customers.map((c) => [c.customerId, c.recency, c.frequency, String(c.monetary), c.score]);

describe("rfmQuery on a toy log", () => {
  it("nets refunds into the customer's total, leaves out refund-only customers, and scores as rfmSegments", async () => {
    const { fromDuck, fromPg, inProcess, duckRows } = await bothEngines("toy", TOY, {
      asOf: "2024-01-09",
      bins: 2,
      dialect: "duckdb",
    });
    // a: 3 orders on 2 days, last on Jan 5 (4 days before Jan 9), total 29.25 after refunds
    // (the Jan 7 refund included); c: 1 order on Jan 4, 12.34.
    const expected = [
      ["a", 4, 3, "29.25", "222"],
      ["c", 5, 1, "12.34", "111"],
    ];
    expect(brief(inProcess)).toEqual(expected);
    expect(brief(fromDuck)).toEqual(expected);
    expect(brief(fromPg)).toEqual(expected);
    // the scores come from SQL for ties: 'min'
    expect(duckRows.map((r) => [r.r, r.f, r.m])).toEqual([
      ["2", "2", "2"],
      ["1", "1", "1"],
    ]);
  });

  it("includes the last day of a date asOf and leaves out an event exactly at an instant asOf", async () => {
    const date = await bothEngines("toy", TOY, { asOf: "2024-01-10", bins: 2, dialect: "duckdb" });
    expect(brief(date.fromDuck)).toEqual([
      ["a", 0, 4, "36.25", "222"],
      ["c", 6, 1, "12.34", "111"],
    ]);
    expect(brief(date.fromPg)).toEqual(brief(date.inProcess));
    const instant = await bothEngines("toy", TOY, {
      asOf: "2024-01-10T00:00:00Z",
      bins: 2,
      dialect: "duckdb",
    });
    expect(brief(instant.fromDuck)).toEqual([
      ["a", 4, 3, "29.25", "222"],
      ["c", 5, 1, "12.34", "111"],
    ]);
    expect(brief(instant.fromPg)).toEqual(brief(instant.inProcess));
  });

  it("counts zero and absent revenue under purchases: 'all', purchase days with frequency: 'days', and leaves refunds out under 'exclude'", async () => {
    const r = await bothEngines("toy", TOY, {
      asOf: "2024-01-09",
      bins: 2,
      purchases: "all",
      frequency: "days",
      refunds: "exclude",
      dialect: "duckdb",
    });
    // a: 2 purchase days, 35.50 without refunds; c: 3 purchase days, 12.34
    expect(brief(r.fromDuck)).toEqual([
      ["a", 4, 2, "35.5", "212"],
      ["c", 5, 3, "12.34", "121"],
    ]);
    expect(brief(r.fromPg)).toEqual(brief(r.inProcess));
    expect(brief(r.inProcess)).toEqual(brief(r.fromDuck));
  });
});

describe("rfmQuery on generated logs", () => {
  const cases: [string, "gen2" | "gen4", Options][] = [
    ["UTC", "gen2", { asOf: "2024-12-31", ties: "min", dialect: "duckdb" }],
    [
      "America/New_York",
      "gen4",
      { asOf: "2024-11-03T06:30:00Z", ties: "max", bins: 4, dialect: "duckdb" },
    ],
    [
      "Asia/Kathmandu",
      "gen2",
      {
        asOf: "2024-06-30",
        ties: "average",
        recency: "raw",
        refunds: "exclude",
        dialect: "duckdb",
      },
    ],
    [
      "Australia/Lord_Howe",
      "gen4",
      { asOf: "2024-10-06", ties: "dense", frequency: "days", purchases: "all", dialect: "duckdb" },
    ],
    [
      "America/New_York",
      "gen2",
      { asOf: "2024-12-31", ties: "ntile", bins: 10, dialect: "duckdb" },
    ],
    [
      "Asia/Kathmandu",
      "gen4",
      { asOf: "2024-12-31", ties: "quantile", monetary: "mean", dialect: "duckdb" },
    ],
    [
      "UTC",
      "gen4",
      { asOf: "2024-12-31", ties: "min", monetary: "mean", bins: 3, dialect: "duckdb" },
    ],
  ];
  const logs = { gen2: GEN2, gen4: GEN4 };
  for (const [zone, log, base] of cases) {
    it(`equals rfmSegments exactly with ties: '${base.ties}' in ${zone} (${log})`, async () => {
      const options = { ...base, timeZone: zone };
      const { fromDuck, fromPg, inProcess } = await bothEngines(log, logs[log], options);
      expect(inProcess.customers.length).toBeGreaterThan(900);
      expect(plain(fromDuck.customers)).toEqual(plain(inProcess.customers));
      expect(plain(fromPg.customers)).toEqual(plain(inProcess.customers));
      expect(plain(fromPg.segments)).toEqual(plain(inProcess.segments));
      expect(fromDuck.byCustomer.get(inProcess.customers[7]?.customerId as string)).toEqual(
        inProcess.customers[7],
      );
    });
  }
});

describe("rfmQuery / rfmFromRows errors", () => {
  const options = { asOf: "2024-01-09", dialect: "postgres" } as const;
  it("refuses a missing asOf, bad bins, ties and dialect", () => {
    expect(codeAndFieldOf(() => rfmQuery(SOURCE, { ...options, asOf: undefined as never }))).toBe(
      "INVALID_DATE asOf",
    );
    expect(codeAndFieldOf(() => rfmQuery(SOURCE, { ...options, bins: 101 }))).toBe(
      "OUT_OF_RANGE bins",
    );
    expect(codeAndFieldOf(() => rfmQuery(SOURCE, { ...options, ties: "first" as never }))).toBe(
      "INVALID_OPTION ties",
    );
    expect(codeAndFieldOf(() => rfmQuery(SOURCE, { ...options, dialect: "oracle" as never }))).toBe(
      "INVALID_OPTION dialect",
    );
    expect(codeAndFieldOf(() => rfmQuery({ ...SOURCE, table: "a..b" }, options))).toBe(
      "INVALID_OPTION source.table",
    );
    expect(
      codeAndFieldOf(() =>
        rfmFromRows([], { ...options, segments: [{ name: "x", r: [1, 6], f: [1, 1], m: [1, 1] }] }),
      ),
    ).toBe("INVALID_OPTION segments[0].r");
  });
  it("refuses empty and malformed rows", () => {
    const row = {
      customer_id: "a",
      recency_days: 4,
      orders: 3,
      purchase_days: 2,
      total: "29.25",
      r: null,
      f: null,
      m: null,
    };
    expect(codeAndFieldOf(() => rfmFromRows([], options))).toBe("EMPTY rows");
    expect(codeAndFieldOf(() => rfmFromRows([{ ...row, orders: 0 }], options))).toBe(
      "OUT_OF_RANGE rows[0].orders",
    );
    expect(codeAndFieldOf(() => rfmFromRows([{ ...row, purchase_days: 4 }], options))).toBe(
      "INCONSISTENT rows[0].purchase_days",
    );
    expect(codeAndFieldOf(() => rfmFromRows([{ ...row, r: 6 }], options))).toBe(
      "OUT_OF_RANGE rows[0].r",
    );
    expect(codeAndFieldOf(() => rfmFromRows([{ ...row, total: undefined }], options))).toBe(
      "NOT_A_NUMBER rows[0].total",
    );
    expect(codeAndFieldOf(() => rfmFromRows([row, row], options))).toBe("INCONSISTENT rows");
  });
});
