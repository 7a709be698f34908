import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, summarizeTransactions } from "../../../src/index.js";
import { cdnowSummary, cdnowTransactions } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

const customer1 = [
  { customerId: 1, at: "1997-01-01", revenue: "29.33" },
  { customerId: 1, at: "1997-01-18", revenue: "29.73" },
  { customerId: 1, at: "1997-08-02", revenue: "14.96" },
];

describe("summarizeTransactions", () => {
  it("summarises CDNOW customer 1 as in the documented example", () => {
    const [row] = summarizeTransactions(customer1, { observationEnd: "1997-09-30", unit: "week" });
    expect(row?.frequency.toString()).toBe("2");
    expect(row?.recency.toFixed(4)).toBe("30.4286");
    expect(row?.T.toFixed(4)).toBe("38.8571");
    expect(row?.monetaryValue.toString()).toBe("22.345");
    expect(row?.unit).toBe("week");
    expect(row?.recency.eq(new Decimal(213).div(7))).toBe(true);
    expect(row?.T.eq(new Decimal(272).div(7))).toBe(true);
  });

  it("reproduces cdnow_customers_summary.csv for all 2,357 customers", () => {
    // The summary file of Fader & Hardie (lifetimes datasets): 39 weeks to 1997-09-30,
    // recency and T rounded to 2 decimals. It counts every order, the eight $0.00 orders
    // included: purchases: 'all'.
    const summary = summarizeTransactions(cdnowTransactions(), {
      observationEnd: "1997-09-30",
      unit: "week",
      purchases: "all",
    });
    const expected = cdnowSummary();
    expect(summary).toHaveLength(2357);
    const mismatches = expected.filter((e, i) => {
      const row = summary[i];
      return (
        row === undefined ||
        row.customerId !== e.id ||
        row.frequency.toNumber() !== e.frequency ||
        row.recency.toFixed(2) !== e.recency.toFixed(2) ||
        row.T.toFixed(2) !== e.T.toFixed(2)
      );
    });
    expect(mismatches).toEqual([]);
  });

  it("gives the mean repeat spend of cdnow_customers_summary_with_transactions.csv to the cent", () => {
    const summary = summarizeTransactions(cdnowTransactions(), {
      observationEnd: "1997-09-30",
      unit: "week",
      purchases: "all",
    });
    const zbar = readFileSync(
      new URL(
        "../../fixtures/models/cdnow_customers_summary_with_transactions.csv",
        import.meta.url,
      ),
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => Number(line.split(",")[4]));
    const worst = Math.max(
      ...summary.map((row, i) => Math.abs(row.monetaryValue.toNumber() - (zbar[i] as number))),
    );
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(summary.filter((row) => row.frequency.gt(0))).toHaveLength(946);
  });

  it("counts purchases on the same calendar day as one transaction and sums their amounts", () => {
    const [row] = summarizeTransactions(
      [
        { customerId: "a", at: "2024-01-01T09:00Z", revenue: "10" },
        { customerId: "a", at: "2024-01-03T08:00Z", revenue: "5" },
        { customerId: "a", at: "2024-01-03T20:00Z", revenue: "7.5" },
        { customerId: "a", at: "2024-01-01T22:00Z", revenue: "1" },
      ],
      { observationEnd: "2024-01-10", unit: "day" },
    );
    expect(row?.frequency.toString()).toBe("1");
    expect(row?.recency.toString()).toBe("2");
    expect(row?.T.toString()).toBe("9");
    expect(row?.monetaryValue.toString()).toBe("12.5");
  });

  it("sums amounts exactly: sub-cent amounts and day totals beyond 2^53 cents", () => {
    const big = "90071992547409.91"; // 2^53 − 1 cents
    const [row] = summarizeTransactions(
      [
        { customerId: "a", at: "2024-01-01T09:00Z", revenue: "1" },
        { customerId: "a", at: "2024-01-02T09:00Z", revenue: big },
        { customerId: "a", at: "2024-01-02T10:00Z", revenue: big },
        { customerId: "a", at: "2024-01-03T09:00Z", revenue: "0.001" },
        { customerId: "a", at: "2024-01-03T10:00Z", revenue: "0.01" },
      ],
      { observationEnd: "2024-01-10", unit: "day" },
    );
    expect(row?.frequency.toString()).toBe("2");
    // (180143985094819.82 + 0.011) / 2
    expect(row?.monetaryValue.toString()).toBe("90071992547409.9155");
  });

  it("assigns purchases to days in the given time zone", () => {
    const log = [
      { customerId: 1, at: "2024-01-01T23:30:00Z" },
      { customerId: 1, at: "2024-01-02T00:30:00Z" },
    ];
    const utc = summarizeTransactions(log, {
      observationEnd: "2024-01-31",
      unit: "day",
      purchases: "all",
    });
    const kathmandu = summarizeTransactions(log, {
      observationEnd: "2024-01-31",
      unit: "day",
      timeZone: "Asia/Kathmandu",
      purchases: "all",
    });
    expect(utc[0]?.frequency.toString()).toBe("1");
    expect(utc[0]?.T.toString()).toBe("30");
    // 05:15 and 06:15 on 2 January in Kathmandu (UTC+5:45): one day.
    expect(kathmandu[0]?.frequency.toString()).toBe("0");
    expect(kathmandu[0]?.T.toString()).toBe("29");
  });

  it("measures in days, weeks, months of 30.436875 days, quarters and years", () => {
    const log = [
      { customerId: 1, at: "2023-01-01" },
      { customerId: 1, at: "2023-07-02" },
    ];
    const at = (unit: "day" | "week" | "month" | "quarter" | "year") =>
      summarizeTransactions(log, { observationEnd: "2024-01-01", unit, purchases: "all" })[0];
    expect(at("day")?.recency.toString()).toBe("182");
    expect(at("day")?.T.toString()).toBe("365");
    expect(at("week")?.T.eq(new Decimal(365).div(7))).toBe(true);
    expect(at("month")?.T.eq(new Decimal(365).div("30.436875"))).toBe(true);
    expect(at("quarter")?.T.eq(new Decimal(365).div("91.310625"))).toBe(true);
    expect(at("year")?.T.eq(new Decimal(365).div("365.2425"))).toBe(true);
  });

  it("reads the last day inclusively and ignores later purchases", () => {
    const log = [
      { customerId: 1, at: "2024-03-01", revenue: 1 },
      { customerId: 1, at: "2024-03-31T23:59:59Z", revenue: 2 },
      { customerId: 1, at: "2024-04-01T00:00:00Z", revenue: 4 },
      { customerId: 2, at: "2024-04-02", revenue: 8 },
    ];
    const rows = summarizeTransactions(log, { observationEnd: "2024-03-31", unit: "day" });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.frequency.toString()).toBe("1");
    expect(rows[0]?.monetaryValue.toString()).toBe("2");
    // the same end as an instant: the first instant not observed, 1 April 00:00
    const viaDate = summarizeTransactions(log, {
      observationEnd: new Date(Date.UTC(2024, 3, 1)),
      unit: "day",
    });
    expect(viaDate).toEqual(rows);
    expect(
      summarizeTransactions(log, { observationEnd: Date.UTC(2024, 3, 1), unit: "day" }),
    ).toEqual(rows);
  });

  it("leaves out a purchase exactly at an instant end, and counts T to the day of the last observed instant", () => {
    const log = [
      { customerId: 1, at: "2024-03-01", revenue: 1 },
      { customerId: 1, at: "2024-03-31T12:00:00Z", revenue: 2 },
    ];
    // 12:00 is the first instant not observed: the purchase at 12:00 is out; T counts to 31 March
    const [noon] = summarizeTransactions(log, {
      observationEnd: "2024-03-31T12:00:00Z",
      unit: "day",
    });
    expect([noon?.frequency.toString(), noon?.T.toString()]).toEqual(["0", "30"]);
    // one millisecond later it is in
    const [after] = summarizeTransactions(log, {
      observationEnd: "2024-03-31T12:00:00.001Z",
      unit: "day",
    });
    expect([after?.frequency.toString(), after?.monetaryValue.toString()]).toEqual(["1", "2"]);
    // midnight as an instant observes nothing of 31 March: T counts to 30 March
    const [midnight] = summarizeTransactions(log, {
      observationEnd: Date.UTC(2024, 2, 31),
      unit: "day",
    });
    expect([midnight?.frequency.toString(), midnight?.T.toString()]).toEqual(["0", "29"]);
  });

  it("splits calibration and holdout periods with calibrationEnd", () => {
    const log = [
      { customerId: 1, at: "2024-01-01", revenue: "10" },
      { customerId: 1, at: "2024-01-05", revenue: "20" },
      { customerId: 1, at: "2024-01-12", revenue: "30" },
      { customerId: 1, at: "2024-01-15", revenue: "50" },
      { customerId: 2, at: "2024-01-02", revenue: "5" },
      { customerId: 3, at: "2024-01-11", revenue: "5" },
    ];
    const rows = summarizeTransactions(log, {
      observationEnd: "2024-01-20",
      calibrationEnd: "2024-01-10",
      unit: "day",
    });
    expect(rows.map((r) => r.customerId)).toEqual([1, 2]);
    const [one, two] = rows;
    expect(one?.frequency.toString()).toBe("1");
    expect(one?.recency.toString()).toBe("4");
    expect(one?.T.toString()).toBe("9");
    expect(one?.monetaryValue.toString()).toBe("20");
    expect(one?.frequencyHoldout?.toString()).toBe("2");
    expect(one?.monetaryValueHoldout?.toString()).toBe("40");
    expect(one?.durationHoldout?.toString()).toBe("10");
    expect(two?.frequencyHoldout?.toString()).toBe("0");
    expect(two?.monetaryValueHoldout?.toString()).toBe("0");
    expect(two?.monetaryValue.toString()).toBe("0");
    const plain = summarizeTransactions(log, { observationEnd: "2024-01-20", unit: "day" });
    expect(plain[0]).not.toHaveProperty("frequencyHoldout");
  });

  it("splits a day between calibration and holdout at an instant calibrationEnd", () => {
    const log = [
      { customerId: 1, at: "2024-01-01T09:00:00Z", revenue: "10" },
      { customerId: 1, at: "2024-01-05T09:00:00Z", revenue: "20" },
      { customerId: 1, at: "2024-01-05T15:00:00Z", revenue: "30" },
      { customerId: 2, at: "2024-01-05T12:00:00Z", revenue: "5" },
    ];
    const rows = summarizeTransactions(log, {
      observationEnd: "2024-01-10",
      calibrationEnd: "2024-01-05T12:00:00Z",
      unit: "day",
    });
    // customer 2's first purchase is at the calibration end: left out
    expect(rows.map((r) => r.customerId)).toEqual([1]);
    const [one] = rows;
    // the morning of 5 January is calibration (T counts to it), the afternoon holdout
    expect([one?.frequency.toString(), one?.recency.toString(), one?.T.toString()]).toEqual([
      "1",
      "4",
      "4",
    ]);
    expect(one?.monetaryValue.toString()).toBe("20");
    expect([
      one?.frequencyHoldout?.toString(),
      one?.monetaryValueHoldout?.toString(),
      one?.durationHoldout?.toString(),
    ]).toEqual(["1", "30", "5"]);
  });

  it("orders customers by id, numbers before strings, and keeps 1 and '1' apart", () => {
    const rows = summarizeTransactions(
      [
        { customerId: "b", at: "2024-01-01" },
        { customerId: 10, at: "2024-01-01" },
        { customerId: "1", at: "2024-01-01" },
        { customerId: 2, at: "2024-01-01" },
        { customerId: -0, at: "2024-01-01" },
      ],
      { observationEnd: "2024-01-01", unit: "day", purchases: "all" },
    );
    expect(rows.map((r) => r.customerId)).toEqual([0, 2, 10, "1", "b"]);
    expect(rows[0]?.T.toString()).toBe("0");
  });

  it("reads columns and accessors for other row shapes", () => {
    const columns = summarizeTransactions(
      {
        customerId: [7, 7, 7],
        at: [Date.UTC(2024, 0, 1), "2024-01-08", new Date(Date.UTC(2024, 0, 15))],
        revenue: ["1", 2n, new Decimal("3.5")],
      },
      { observationEnd: "2024-01-29", unit: "week" },
    );
    expect(columns[0]?.frequency.toString()).toBe("2");
    expect(columns[0]?.recency.toString()).toBe("2");
    expect(columns[0]?.T.toString()).toBe("4");
    expect(columns[0]?.monetaryValue.toString()).toBe("2.75");
    const noRevenue = { customerId: [7, 7], at: ["2024-01-01", "2024-01-08"] };
    expectError(
      () => summarizeTransactions(noRevenue, { observationEnd: "2024-01-29", unit: "week" }),
      "INVALID_OPTION",
      "options.purchases",
    );
    const all = summarizeTransactions(noRevenue, {
      observationEnd: "2024-01-29",
      unit: "week",
      purchases: "all",
    });
    expect([all[0]?.frequency.toString(), all[0]?.monetaryValue.toString()]).toEqual(["1", "0"]);
    const custom = summarizeTransactions(
      [
        ["x", "2024-01-01", 3],
        ["x", "2024-01-08", 4],
      ] as const,
      {
        observationEnd: "2024-01-29",
        unit: "week",
        customerId: (row) => row[0],
        at: (row) => row[1],
        revenue: (row) => row[2],
      },
    );
    expect(custom[0]?.monetaryValue.toString()).toBe("4");
  });

  it("returns no rows for an empty log", () => {
    expect(summarizeTransactions([], { observationEnd: "2024-01-01", unit: "day" })).toEqual([]);
  });

  it("works on frozen input", () => {
    const log = Object.freeze(customer1.map((row) => Object.freeze({ ...row })));
    const options = Object.freeze({ observationEnd: "1997-09-30", unit: "week" as const });
    expect(summarizeTransactions(log, options)[0]?.frequency.toString()).toBe("2");
  });

  it("requires the unit", () => {
    expectError(
      () => summarizeTransactions(customer1, { observationEnd: "1997-09-30" } as never),
      "INVALID_OPTION",
      "options.unit",
    );
    expectError(
      () =>
        summarizeTransactions(customer1, {
          observationEnd: "1997-09-30",
          unit: "fortnight",
        } as never),
      "INVALID_OPTION",
      "options.unit",
    );
  });

  it("rejects unreadable or missing dates with INVALID_DATE", () => {
    expectError(
      () => summarizeTransactions(customer1, { unit: "week" } as never),
      "INVALID_DATE",
      "options.observationEnd",
    );
    expectError(
      () => summarizeTransactions(customer1, { observationEnd: "30/09/1997", unit: "week" }),
      "INVALID_DATE",
      "options.observationEnd",
    );
    expectError(
      () =>
        summarizeTransactions([{ customerId: 1, at: "1997-02-30" }], {
          observationEnd: "1997-09-30",
          unit: "week",
        }),
      "INVALID_DATE",
      "transactions[0].at",
    );
  });

  it("rejects a calibration end after the observation end as INCONSISTENT", () => {
    expectError(
      () =>
        summarizeTransactions(customer1, {
          observationEnd: "1997-09-30",
          calibrationEnd: "1997-10-01",
          unit: "week",
        }),
      "INCONSISTENT",
      "options.calibrationEnd",
    );
  });

  it("rejects bad ids and revenues", () => {
    const opts = { observationEnd: "1997-09-30", unit: "week" } as const;
    expectError(
      () => summarizeTransactions([{ customerId: null, at: "1997-01-01" }] as never, opts),
      "NOT_A_NUMBER",
      "transactions[0].customerId",
    );
    expectError(
      () => summarizeTransactions([{ customerId: 1, at: "1997-01-01", revenue: "ten" }], opts),
      "NOT_A_NUMBER",
      "transactions[0].revenue",
    );
    expectError(
      () =>
        summarizeTransactions(
          [{ customerId: 1, at: "1997-01-01", revenue: Number.POSITIVE_INFINITY }],
          opts,
        ),
      "NOT_FINITE",
      "transactions[0].revenue",
    );
  });

  it("rejects malformed inputs and options", () => {
    const opts = { observationEnd: "1997-09-30", unit: "week" } as const;
    expectError(() => summarizeTransactions(customer1, null as never), "NOT_A_NUMBER", "options");
    expectError(() => summarizeTransactions(null as never, opts), "NOT_A_NUMBER", "transactions");
    expectError(
      () => summarizeTransactions(customer1, { ...opts, at: "at" } as never),
      "INVALID_OPTION",
      "options.at",
    );
    expectError(
      () => summarizeTransactions(customer1, { ...opts, timeZone: "Mars/Base" }),
      "INVALID_OPTION",
      "options.timeZone",
    );
    expectError(
      () => summarizeTransactions({ customerId: [1], at: [] }, opts),
      "INCONSISTENT",
      "transactions.at",
    );
    expectError(
      () => summarizeTransactions({ customerId: [1], at: ["1997-01-01"], revenue: [] }, opts),
      "INCONSISTENT",
      "transactions.revenue",
    );
    expectError(
      () => summarizeTransactions({ customerId: 1, at: [] } as never, opts),
      "NOT_A_NUMBER",
      "transactions.customerId",
    );
    expectError(
      () => summarizeTransactions({ customerId: [], at: 1 } as never, opts),
      "NOT_A_NUMBER",
      "transactions.at",
    );
    expectError(
      () => summarizeTransactions({ customerId: [], at: [], revenue: 3 } as never, opts),
      "NOT_A_NUMBER",
      "transactions.revenue",
    );
  });

  it("does not depend on the order of the transactions, and keeps recency ≤ T", () => {
    const day = fc.integer({ min: 0, max: 60 });
    const row = fc.record({
      customerId: fc.integer({ min: 1, max: 5 }),
      day,
      revenue: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (rows, seed) => {
          const log = rows.map((r) => ({
            customerId: r.customerId,
            at: Date.UTC(2024, 0, 1 + r.day, 12),
            revenue: new Decimal(r.revenue).div(100),
          }));
          const shuffled = [...log].sort(
            (a, b) =>
              ((a.at * 31 + seed) % 97) - ((b.at * 31 + seed) % 97) || a.customerId - b.customerId,
          );
          const opts = { observationEnd: "2024-03-01", unit: "day" } as const;
          const one = summarizeTransactions(log, opts);
          const two = summarizeTransactions(shuffled, opts);
          expect(
            two.map((r) => [
              r.customerId,
              r.frequency.toString(),
              r.recency.toString(),
              r.T.toString(),
              r.monetaryValue.toString(),
            ]),
          ).toEqual(
            one.map((r) => [
              r.customerId,
              r.frequency.toString(),
              r.recency.toString(),
              r.T.toString(),
              r.monetaryValue.toString(),
            ]),
          );
          for (const r of one) {
            expect(r.recency.lte(r.T)).toBe(true);
            expect(r.frequency.isZero() ? r.recency.isZero() : true).toBe(true);
          }
        },
      ),
    );
  });
});
