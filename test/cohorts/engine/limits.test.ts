// The cohort engine at its limits: the years 0–9999 in keys, the ends of the Date range in
// every period and in zones with offsets, and the table-size limit that refuses a table of
// gigabytes (one stray '9999-12-31') before allocating it.
import { describe, expect, it } from "vitest";
import { MAX_TABLE_CELLS } from "../../../src/cohorts/engine/constants.js";
import {
  CohortAccumulator,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
  summarizeTransactions,
} from "../../../src/index.js";
import { metricErrorOf } from "../../_helpers.js";

const DAY = 86_400_000;
const key0 = (t: CohortTable) => [t.cohorts[0]?.key, t.cohorts[0]?.start];

describe("the years 0–99 and other early years in period keys", () => {
  it("reproduces: '0050-01-01' gave the cohort '1950-01'", () => {
    expect(key0(cohortAnalysis([{ customerId: "a", at: "0050-01-01" }]))).toEqual([
      "0050-01",
      "0050-01-01T00:00:00.000Z",
    ]);
  });
  it("reproduces: summarizeTransactions read '0099-12-31' as 1999", () => {
    // 0099-12-31 to 0100-01-05 is 5 days (proleptic Gregorian)
    const [row] = summarizeTransactions(
      [
        { customerId: "a", at: "0099-12-31" },
        { customerId: "a", at: "0100-01-05" },
      ],
      // rows without revenue are purchases only under purchases: 'all'
      { observationEnd: "0100-01-05", unit: "day", purchases: "all" } as never,
    );
    expect([row?.recency.toString(), row?.T.toString()]).toEqual(["5", "5"]);
  });
  // ISO weeks from Python: date(y, m, d).isocalendar()
  it.each([
    [0, "06-15", "0000-06-15", "0000-06", "0000-Q2", "0000", null],
    [1, "01-01", "0001-01-01", "0001-01", "0001-Q1", "0001", "0001-W01"],
    [50, "01-01", "0050-01-01", "0050-01", "0050-Q1", "0050", "0049-W52"],
    [50, "06-15", "0050-06-15", "0050-06", "0050-Q2", "0050", "0050-W24"],
    [99, "06-15", "0099-06-15", "0099-06", "0099-Q2", "0099", "0099-W25"],
    [100, "01-01", "0100-01-01", "0100-01", "0100-Q1", "0100", "0099-W53"],
    [999, "06-15", "0999-06-15", "0999-06", "0999-Q2", "0999", "0999-W24"],
    [9999, "01-01", "9999-01-01", "9999-01", "9999-Q1", "9999", "9998-W53"],
  ])(
    "keys year %i (%s) in every period and string form",
    (y, md, day, month, quarter, year, week) => {
      const yyyy = String(y).padStart(4, "0");
      for (const at of [
        `${yyyy}-${md}`,
        `${yyyy}-${md}T12:00:00Z`,
        `${yyyy}-${md}T12:00:00+05:45`,
        `${yyyy}-${md}T12:00`,
      ]) {
        const keys = (["day", "month", "quarter", "year", "week"] as const).map(
          (period) => cohortAnalysis([{ customerId: "a", at }], { period }).cohorts[0]?.key,
        );
        expect(keys.slice(0, 4)).toEqual([day, month, quarter, year]);
        if (week !== null) expect(keys[4]).toBe(week);
        // wall-clock noon in a zone east of UTC stays on the same local day
        const tz = cohortAnalysis([{ customerId: "a", at: `${yyyy}-${md}T12:00` }], {
          period: "day",
          timeZone: "Asia/Kathmandu",
        });
        expect(tz.cohorts[0]?.key).toBe(day);
      }
    },
  );
});

// The ends of the Date range, ±8.64e15 ms: Tuesday -271821-04-20 and Saturday +275760-09-13
// (100,000,000 days from 1970-01-01, a Thursday). Period starts are local midnight: in
// Etc/GMT+12 (UTC-12) at 12:00Z, in Etc/GMT-14 (UTC+14) at 10:00Z the day before. ISO weeks:
// the Thursday of the week of -271821-04-20 is its 112th day (week 16); that of
// +275760-09-13 is the 255th day of a leap year (week 37).
const EDGES: Record<string, Record<string, [string, string, string, string]>> = {
  UTC: {
    day: [
      "-271821-04-20",
      "-271821-04-20T00:00:00.000Z",
      "+275760-09-13",
      "+275760-09-13T00:00:00.000Z",
    ],
    week: [
      "-271821-W16",
      "-271821-04-19T00:00:00.000Z",
      "+275760-W37",
      "+275760-09-08T00:00:00.000Z",
    ],
    month: [
      "-271821-04",
      "-271821-04-01T00:00:00.000Z",
      "+275760-09",
      "+275760-09-01T00:00:00.000Z",
    ],
    quarter: [
      "-271821-Q2",
      "-271821-04-01T00:00:00.000Z",
      "+275760-Q3",
      "+275760-07-01T00:00:00.000Z",
    ],
    year: ["-271821", "-271821-01-01T00:00:00.000Z", "+275760", "+275760-01-01T00:00:00.000Z"],
  },
  "Etc/GMT+12": {
    day: [
      "-271821-04-19",
      "-271821-04-19T12:00:00.000Z",
      "+275760-09-12",
      "+275760-09-12T12:00:00.000Z",
    ],
    week: [
      "-271821-W16",
      "-271821-04-19T12:00:00.000Z",
      "+275760-W37",
      "+275760-09-08T12:00:00.000Z",
    ],
    month: [
      "-271821-04",
      "-271821-04-01T12:00:00.000Z",
      "+275760-09",
      "+275760-09-01T12:00:00.000Z",
    ],
    quarter: [
      "-271821-Q2",
      "-271821-04-01T12:00:00.000Z",
      "+275760-Q3",
      "+275760-07-01T12:00:00.000Z",
    ],
    year: ["-271821", "-271821-01-01T12:00:00.000Z", "+275760", "+275760-01-01T12:00:00.000Z"],
  },
  "Etc/GMT-14": {
    day: [
      "-271821-04-20",
      "-271821-04-19T10:00:00.000Z",
      "+275760-09-13",
      "+275760-09-12T10:00:00.000Z",
    ],
    week: [
      "-271821-W16",
      "-271821-04-18T10:00:00.000Z",
      "+275760-W37",
      "+275760-09-07T10:00:00.000Z",
    ],
    month: [
      "-271821-04",
      "-271821-03-31T10:00:00.000Z",
      "+275760-09",
      "+275760-08-31T10:00:00.000Z",
    ],
    quarter: [
      "-271821-Q2",
      "-271821-03-31T10:00:00.000Z",
      "+275760-Q3",
      "+275760-06-30T10:00:00.000Z",
    ],
    year: ["-271821", "-271822-12-31T10:00:00.000Z", "+275760", "+275759-12-31T10:00:00.000Z"],
  },
};

describe("the ends of the Date range", () => {
  it("reproduces: the earliest Date in a yearly table threw a RangeError", () => {
    expect(key0(cohortAnalysis([{ customerId: "a", at: -8.64e15 }], { period: "year" }))).toEqual([
      "-271821",
      "-271821-01-01T00:00:00.000Z",
    ]);
  });
  for (const [zone, periods] of Object.entries(EDGES)) {
    for (const [period, [lowKey, lowStart, highKey, highStart]] of Object.entries(periods)) {
      it(`keys the earliest and latest Date by ${period} in ${zone}, on every path`, async () => {
        const options = { period, timeZone: zone } as never;
        for (const [at, key, start] of [
          [-8.64e15, lowKey, lowStart],
          [8.64e15, highKey, highStart],
        ] as const) {
          const rows = [{ customerId: "a", at, revenue: "1.5" }];
          const acc = createCohortAccumulator(options).add(rows);
          const tables = [
            cohortAnalysis(rows, options),
            cohortAnalysis(rows.values(), options),
            cohortAnalysis(
              { customerId: ["a"], at: Float64Array.of(at), revenue: ["1.5"] },
              options,
            ),
            await cohortAnalysisAsync(rows, options),
            acc.result(),
            CohortAccumulator.fromJSON(JSON.stringify(acc.toJSON())).result(),
          ];
          for (const t of tables) {
            expect(t.cohorts.map((c) => [c.key, c.start, c.size, c.revenue.map(String)])).toEqual([
              [key, start, 1, ["1.5"]],
            ]);
          }
        }
        // asOf just after the earliest Date: its period is incomplete
        const t = cohortAnalysis([{ customerId: "a", at: -8.64e15 }], {
          ...(options as object),
          asOf: -8.64e15 + 1,
        });
        expect([t.cohorts[0]?.key, t.cohorts[0]?.complete, t.asOf]).toEqual([
          lowKey,
          [false],
          "-271821-04-20T00:00:00.001Z",
        ]);
      });
    }
  }
  it("keys the earliest Date in zones of local mean time (IANA: Los Angeles -7:52:58, Chatham +12:13:48)", () => {
    const at = -8.64e15;
    expect(
      key0(
        cohortAnalysis([{ customerId: "a", at }], {
          period: "year",
          timeZone: "America/Los_Angeles",
        }),
      ),
    ).toEqual(["-271821", "-271821-01-01T07:52:58.000Z"]);
    expect(
      key0(
        cohortAnalysis([{ customerId: "a", at }], { period: "year", timeZone: "Pacific/Chatham" }),
      ),
    ).toEqual(["-271821", "-271822-12-31T11:46:12.000Z"]);
  });
  it("rejects instants beyond the Date range", () => {
    for (const at of [-8.64e15 - 1, 8.64e15 + 1]) {
      const e = metricErrorOf(() => cohortAnalysis([{ customerId: "a", at }]));
      expect([e.code, e.field]).toEqual(["INVALID_DATE", "events[0].at"]);
    }
  });
});

describe("the table-size limit", () => {
  /** 100 customers on consecutive days of 2020, and one event on 9999-12-31. */
  const rows = () => {
    const r: { customerId: number; at: number | string }[] = Array.from(
      { length: 100 },
      (_, i) => ({
        customerId: i,
        at: Date.UTC(2020, 0, 1 + i),
      }),
    );
    r.push({ customerId: 5, at: "9999-12-31" });
    return r;
  };
  // 100 cohorts from 2020-01-01 (day 18262) to 9999-12-31 (day 2932896):
  // Σ_{i=0}^{99} (2932896 - 18262 - i + 1) = 100 * 2914635 - 4950 = 291458550 cells
  const MESSAGE =
    'events[100].at must keep the cohort table within 5,000,000 cells (cohorts × periods): periods 2020-01-01 to 9999-12-31 would give 291,458,550 (received "9999-12-31T00:00:00.000Z")';

  it("reproduces: one event on 9999-12-31 in a daily table is refused before allocation", async () => {
    const cases: [string, () => unknown][] = [
      ["cohortAnalysis", () => cohortAnalysis(rows(), { period: "day" })],
      ["cohortAnalysis", () => cohortAnalysis(rows().values(), { period: "day" })],
      [
        "cohortAnalysis",
        () =>
          cohortAnalysis(
            { customerId: rows().map((r) => r.customerId), at: rows().map((r) => r.at) },
            { period: "day" },
          ),
      ],
      [
        "CohortAccumulator.result",
        () => createCohortAccumulator({ period: "day" }).add(rows()).result(),
      ],
    ];
    for (const [fn, f] of cases) {
      const e = metricErrorOf(f);
      expect([e.code, e.field, e.message]).toEqual([
        "OUT_OF_RANGE",
        "events[100].at",
        `${fn}: ${MESSAGE}`,
      ]);
    }
    const error = await cohortAnalysisAsync(rows(), { period: "day" }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(MetricInputError);
    expect((error as MetricInputError).message).toBe(`cohortAnalysisAsync: ${MESSAGE}`);
  });

  it("names asOf when a distant asOf stretches the table", () => {
    for (const events of [
      rows().slice(0, 100),
      {
        customerId: rows()
          .slice(0, 100)
          .map((r) => r.customerId),
        at: rows()
          .slice(0, 100)
          .map((r) => r.at),
      },
    ]) {
      const e = metricErrorOf(() =>
        cohortAnalysis(events as never, { period: "day", asOf: "9999-12-31" }),
      );
      expect([e.code, e.field]).toEqual(["OUT_OF_RANGE", "asOf"]);
      // a date-only asOf names the last day observed (included): the table runs to 9999-12-31
      expect(e.message).toContain("periods 2020-01-01 to 9999-12-31");
    }
  });

  it("names cohortOf when explicit cohort dates before every event stretch the table", () => {
    // 20 customers with signup days 1..20 of the year 1000, all active on 2024-01-01: about
    // 20 × 374,000 days
    const rows = Array.from({ length: 20 }, (_, i) => ({
      customerId: i,
      at: "2024-01-01",
      signup: `1000-01-${String(i + 1).padStart(2, "0")}`,
    }));
    const e = metricErrorOf(() =>
      cohortAnalysis(rows, { period: "day", cohortOf: (r) => r.signup }),
    );
    expect([e.code, e.field, e.value]).toEqual([
      "OUT_OF_RANGE",
      "cohortOf",
      "1000-01-01T00:00:00.000Z",
    ]);
    expect(e.message).toContain("periods 1000-01-01 to 2024-01-01");
  });

  it("refuses a span beyond the limit even with one cohort, and keeps the table at the limit", () => {
    expect(MAX_TABLE_CELLS).toBe(5_000_000);
    // one customer: the table has exactly (last day - first day + 1) cells
    const at = (days: number) => [
      { customerId: 1, at: 0 },
      { customerId: 1, at: days * DAY },
    ];
    const t = cohortAnalysis(at(MAX_TABLE_CELLS - 1), { period: "day" });
    expect(t.cohorts[0]?.active.length).toBe(MAX_TABLE_CELLS);
    expect(t.cohorts[0]?.active[MAX_TABLE_CELLS - 1]).toBe(1);
    const e = metricErrorOf(() => cohortAnalysis(at(MAX_TABLE_CELLS), { period: "day" }));
    expect([e.code, e.field]).toEqual(["OUT_OF_RANGE", "events[1].at"]);
    expect(e.message).toContain("would give 5,000,001");
    // the whole Date range in days: 200,000,001 periods
    const far = metricErrorOf(() =>
      cohortAnalysis(
        [
          { customerId: 1, at: -8.64e15 },
          { customerId: 1, at: 8.64e15 },
        ],
        { period: "day" },
      ),
    );
    expect(far.message).toContain("periods -271821-04-20 to +275760-09-13 would give 200,000,001");
  });
});
