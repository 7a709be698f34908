// repeatQuery / repeatFromRows executed on DuckDB (@duckdb/node-api) and PostgreSQL (PGlite):
// the figures equal repeatPurchaseRetention over the same events exactly, on a hand-checked toy
// log and on a seeded generated log in four time zones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repeatPurchaseRetention } from "../../src/index.js";
import { repeatFromRows, repeatQuery } from "../../src/sql/repeatQuery.js";
import { codeAndFieldOf } from "../_helpers.js";
import { Engines, generateLog, type LogEvent, plain } from "./models/harness.js";

const SOURCE = { table: "toy", customerId: "customer_id", at: "at", revenue: "revenue" } as const;
const ms = (iso: string) => Date.parse(iso);

// a: orders on Jan 1 and Jan 5 and exactly at 2024-01-10T00:00Z, refunds on Jan 1, 5 and 7;
// b: a refund only; c: revenue 0 on Jan 2, none on Jan 3, an order on Jan 4 (UTC).
const TOY: LogEvent[] = [
  { customerId: "a", at: ms("2024-01-01T10:00:00Z"), revenue: "10.00" },
  { customerId: "a", at: ms("2024-01-01T18:00:00Z"), revenue: "-2.00" },
  { customerId: "a", at: ms("2024-01-05T09:00:00Z"), revenue: "20.00" },
  { customerId: "a", at: ms("2024-01-05T11:00:00Z"), revenue: "-1.25" },
  { customerId: "a", at: ms("2024-01-07T11:00:00Z"), revenue: "-3.00" },
  { customerId: "a", at: ms("2024-01-10T00:00:00Z"), revenue: "7.00" },
  { customerId: "b", at: ms("2024-01-01T08:00:00Z"), revenue: "-4.00" },
  { customerId: "b", at: ms("2024-01-04T08:00:00Z"), revenue: "-4.00" },
  { customerId: "c", at: ms("2024-01-02T08:00:00Z"), revenue: "0.00" },
  { customerId: "c", at: ms("2024-01-03T08:00:00Z"), revenue: null },
  { customerId: "c", at: ms("2024-01-04T08:00:00Z"), revenue: "12.34" },
];
const GEN = generateLog(90, {
  events: 15_000,
  customers: 1500,
  scale: 4,
  from: ms("2023-10-01T00:00:00Z"),
  to: ms("2025-02-01T00:00:00Z"),
});

let engines: Engines;
beforeAll(async () => {
  engines = await Engines.open();
  await engines.load("toy", TOY, 2);
  await engines.load("gen", GEN, 4);
}, 60_000);
afterAll(async () => {
  await engines.close();
});

type Options = Parameters<typeof repeatQuery>[1];

async function bothEngines(table: string, events: readonly LogEvent[], options: Options) {
  const source = { ...SOURCE, table };
  const fromDuck = repeatFromRows(
    await engines.duckRows(repeatQuery(source, { ...options, dialect: "duckdb" })),
    options,
  );
  const fromPg = repeatFromRows(
    await engines.pgRows(repeatQuery(source, { ...options, dialect: "postgres" })),
    options,
  );
  return { fromDuck, fromPg, inProcess: repeatPurchaseRetention(events, options) };
}

const brief = (r: { rate: unknown; returning: number; eligible: number }) => [
  String(r.rate),
  r.returning,
  r.eligible,
];

describe("repeatQuery on a toy log", () => {
  it("counts purchases only (refunds never), customers who bought before the period, and their returns", async () => {
    const r = await bothEngines("toy", TOY, {
      periodStart: "2024-01-03",
      periodThrough: "2024-01-09",
      dialect: "duckdb",
    });
    // a bought on Jan 1 and again on Jan 5; c first bought inside the period; b only refunded
    expect(brief(r.inProcess)).toEqual(["1", 1, 1]);
    expect(brief(r.fromDuck)).toEqual(["1", 1, 1]);
    expect(brief(r.fromPg)).toEqual(["1", 1, 1]);
  });

  it("counts zero and absent revenue as purchases under purchases: 'all'", async () => {
    const r = await bothEngines("toy", TOY, {
      periodStart: "2024-01-03",
      periodThrough: "2024-01-09",
      purchases: "all",
      dialect: "duckdb",
    });
    // c's Jan 2 row (revenue 0) makes c eligible, and Jan 3 / Jan 4 returning
    expect(brief(r.fromDuck)).toEqual(["1", 2, 2]);
    expect(brief(r.fromPg)).toEqual(brief(r.inProcess));
  });

  it("leaves out an order exactly at an instant periodEnd and includes it through its last day", async () => {
    const instant = await bothEngines("toy", TOY, {
      periodStart: "2024-01-06",
      periodEnd: "2024-01-10T00:00:00Z",
      dialect: "duckdb",
    });
    expect(brief(instant.fromDuck)).toEqual(["0", 0, 2]);
    expect(brief(instant.fromPg)).toEqual(brief(instant.inProcess));
    const through = await bothEngines("toy", TOY, {
      periodStart: "2024-01-06",
      periodThrough: "2024-01-10",
      dialect: "duckdb",
    });
    expect(brief(through.fromDuck)).toEqual(["0.5", 1, 2]);
    expect(brief(through.fromPg)).toEqual(brief(through.inProcess));
  });
});

describe("repeatQuery on a generated log", () => {
  const cases: [string, Options][] = [
    ["UTC", { periodStart: "2024-07-01", periodThrough: "2024-09-30", dialect: "duckdb" }],
    [
      "America/New_York",
      { periodStart: "2024-11-03", periodEnd: "2024-12-01T05:00:00Z", dialect: "duckdb" },
    ],
    [
      "Asia/Kathmandu",
      {
        periodStart: "2024-01-01",
        periodThrough: "2024-01-31",
        purchases: "all",
        dialect: "duckdb",
      },
    ],
    [
      "Australia/Lord_Howe",
      { periodStart: "2024-10-06", periodThrough: "2024-10-06", dialect: "duckdb" },
    ],
  ];
  for (const [zone, base] of cases) {
    it(`equals repeatPurchaseRetention exactly in ${zone}`, async () => {
      const options = { ...base, timeZone: zone };
      const { fromDuck, fromPg, inProcess } = await bothEngines("gen", GEN, options);
      expect(inProcess.eligible).toBeGreaterThan(100);
      expect(plain(fromDuck)).toEqual(plain(inProcess));
      expect(plain(fromPg)).toEqual(plain(inProcess));
    });
  }
});

describe("repeatQuery / repeatFromRows errors", () => {
  const options = {
    periodStart: "2024-01-03",
    periodThrough: "2024-01-09",
    dialect: "duckdb",
  } as const;
  it("refuses bad periods and options", () => {
    expect(
      codeAndFieldOf(() => repeatQuery(SOURCE, { ...options, periodStart: undefined as never })),
    ).toBe("INVALID_DATE periodStart");
    expect(
      codeAndFieldOf(() =>
        repeatQuery(SOURCE, {
          periodStart: "2024-01-03",
          periodEnd: "2024-01-09",
          dialect: "duckdb",
        }),
      ),
    ).toBe("INVALID_DATE periodEnd");
    expect(
      codeAndFieldOf(() => repeatQuery(SOURCE, { ...options, periodThrough: "2024-01-01" })),
    ).toBe("INCONSISTENT periodEnd");
    expect(
      codeAndFieldOf(() => repeatQuery(SOURCE, { ...options, purchases: "some" as never })),
    ).toBe("INVALID_OPTION purchases");
    const { revenue: _, ...noRevenue } = SOURCE;
    expect(codeAndFieldOf(() => repeatQuery(noRevenue, options))).toBe("INVALID_OPTION purchases");
    expect(codeAndFieldOf(() => repeatQuery({ ...SOURCE, table: ["a", ""] }, options))).toBe(
      "INVALID_OPTION source.table[1]",
    );
  });
  it("refuses malformed rows and an empty base", () => {
    expect(codeAndFieldOf(() => repeatFromRows([], options))).toBe("INCONSISTENT rows");
    expect(codeAndFieldOf(() => repeatFromRows([{ eligible: "2", returning: "3" }], options))).toBe(
      "INCONSISTENT rows[0].returning",
    );
    expect(codeAndFieldOf(() => repeatFromRows([{ eligible: 0, returning: 0 }], options))).toBe(
      "ZERO_DENOMINATOR rows[0].eligible",
    );
    expect(codeAndFieldOf(() => repeatFromRows([{ eligible: -1, returning: 0 }], options))).toBe(
      "NEGATIVE rows[0].eligible",
    );
    expect(codeAndFieldOf(() => repeatFromRows([{ eligible: 2 }], options))).toBe(
      "NOT_A_NUMBER rows[0].returning",
    );
  });
  it("reads bigint counts", () => {
    expect(brief(repeatFromRows([{ eligible: 2000n, returning: 900n }], options))).toEqual([
      "0.45",
      900,
      2000,
    ]);
  });
});
