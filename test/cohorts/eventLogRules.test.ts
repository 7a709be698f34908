// Rules shared by every function that reads an event log (cohortAnalysis and its table,
// cohortAnalysisAsync, the accumulator, repeatPurchaseRetention, rfmSegments,
// summarizeTransactions): null revenue, exact sums, and typed errors for garbage input.
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
  repeatPurchaseRetention,
  rfmSegments,
  summarizeTransactions,
} from "../../src/index.js";

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricInputError) return `${e.code} ${e.field}`;
    throw e;
  }
  return "no error";
}

const revenue = (t: CohortTable) => t.cohorts.map((c) => c.revenue.map((d) => d.toFixed()));

describe("null revenue is no revenue, in every event-log function", () => {
  // a: January (no revenue), February 2.50; b: January (NULL from a warehouse export)
  const withNull = [
    { customerId: "a", at: "2024-01-05", revenue: null },
    { customerId: "a", at: "2024-02-01", revenue: "2.50" },
    { customerId: "b", at: "2024-01-10", revenue: null },
  ];
  const omitted = [
    { customerId: "a", at: "2024-01-05" },
    { customerId: "a", at: "2024-02-01", revenue: "2.50" },
    { customerId: "b", at: "2024-01-10" },
  ];
  const columns = {
    customerId: ["a", "a", "b"],
    at: ["2024-01-05", "2024-02-01", "2024-01-10"],
    revenue: [null, "2.50", null],
  };

  it("cohortAnalysis: rows, generators, columns and accessors", () => {
    const want = [["0", "2.5"], ["2.5"]];
    expect(revenue(cohortAnalysis(withNull))).toEqual([["0", "2.5"]]);
    expect(revenue(cohortAnalysis(withNull))).toEqual(revenue(cohortAnalysis(omitted)));
    expect(revenue(cohortAnalysis(withNull.values()))).toEqual([["0", "2.5"]]);
    expect(revenue(cohortAnalysis(columns))).toEqual([["0", "2.5"]]);
    expect(
      revenue(
        cohortAnalysis(
          {
            customerId: Float64Array.of(1, 1),
            at: Float64Array.of(0, 40 * 86_400_000),
            revenue: [null, 250],
          },
          { minorUnits: 2 },
        ),
      ),
    ).toEqual([["0", "2.5"]]);
    expect(revenue(cohortAnalysis(withNull, { revenue: (r) => r.revenue }))).toEqual([
      ["0", "2.5"],
    ]);
    // a February cohort sees the same rule
    expect(
      revenue(cohortAnalysis([...withNull, { customerId: "c", at: "2024-02-02", revenue: null }])),
    ).toEqual([want[0], ["0"]]);
  });

  it("cohortAnalysisAsync and the accumulator", async () => {
    async function* rows() {
      yield* withNull;
    }
    expect(revenue(await cohortAnalysisAsync(rows()))).toEqual([["0", "2.5"]]);
    const acc = createCohortAccumulator().add(withNull.slice(0, 1)).add(columns);
    const other = createCohortAccumulator().add(withNull.slice(1));
    expect(revenue(acc.merge(other).result())).toEqual([["0", "5"]]);
    expect(revenue(CohortAccumulator.fromJSON(JSON.stringify(acc.toJSON())).result())).toEqual([
      ["0", "5"],
    ]);
  });

  it("summarizeTransactions", () => {
    const rows = [
      { customerId: "a", at: "2024-01-01", revenue: null },
      { customerId: "a", at: "2024-01-05", revenue: "10" },
      { customerId: "a", at: "2024-01-09", revenue: null },
    ];
    const options = { observationEnd: "2024-01-31", unit: "day" } as const;
    // by default a row without revenue is activity, not a purchase: one purchase day (01-05)
    const [row] = summarizeTransactions(rows, options);
    expect([row?.frequency.toString(), row?.monetaryValue.toString()]).toEqual(["0", "0"]);
    // with purchases: 'all' every row that is not a refund is one: purchase days after the
    // first are 01-05 (10) and 01-09 (no revenue): mean 5
    const all = { ...options, purchases: "all" } as const;
    const [every] = summarizeTransactions(rows, all);
    expect([every?.frequency.toString(), every?.monetaryValue.toString()]).toEqual(["2", "5"]);
    const cols = {
      customerId: ["a", "a", "a"],
      at: rows.map((r) => r.at),
      revenue: rows.map((r) => r.revenue),
    };
    expect(summarizeTransactions(cols, all)[0]?.monetaryValue.toString()).toBe("5");
    expect(summarizeTransactions(cols, options)[0]?.frequency.toString()).toBe("0");
    // a log in which no row has revenue has no purchase under the default: refused, naming the option
    const bare = rows.map(({ revenue: _, ...r }) => r);
    expect(errorOf(() => summarizeTransactions(bare, options))).toBe(
      "INVALID_OPTION options.purchases",
    );
    expect(summarizeTransactions(bare, all)[0]?.frequency.toString()).toBe("2");
  });

  it("rfmSegments", () => {
    const rows = [
      { customerId: "a", at: "2024-03-01", revenue: null },
      { customerId: "a", at: "2024-03-02", revenue: "10" },
      { customerId: "b", at: "2024-03-03", revenue: null },
    ];
    // by default only a's 10 is a purchase: b, who never bought, is not in RFM
    const byId = (options: object) =>
      Object.fromEntries(
        rfmSegments(rows, { asOf: "2024-04-01", bins: 2, ...options }).customers.map((c) => [
          c.customerId,
          [c.frequency, String(c.monetary)],
        ]),
      );
    expect(byId({})).toEqual({ a: [1, "10"] });
    expect(byId({ purchases: "all" })).toEqual({ a: [2, "10"], b: [1, "0"] });
    const result = rfmSegments(rows, { asOf: "2024-04-01", bins: 2 });
    const cols = {
      customerId: ["a", "a", "b"],
      at: rows.map((r) => r.at),
      revenue: rows.map((r) => r.revenue),
    };
    expect(
      rfmSegments(cols, { asOf: "2024-04-01", bins: 2 }).customers.map((c) => String(c.monetary)),
    ).toEqual(result.customers.map((c) => String(c.monetary)));
  });

  it("repeatPurchaseRetention", () => {
    const rows = [
      { customerId: "a", at: "2023-12-01", revenue: "5" },
      { customerId: "b", at: "2023-12-02", revenue: "5" },
      { customerId: "a", at: "2024-01-10", revenue: null },
      { customerId: "b", at: "2024-01-11", revenue: "3" },
    ];
    const options = { periodStart: "2024-01-01", periodThrough: "2024-01-31" };
    // a purchase is a row with positive revenue by default (a null revenue is none);
    // purchases: 'all' (or the older purchasesOnly: false) counts every row
    expect(repeatPurchaseRetention(rows, options).returning).toBe(1);
    expect(repeatPurchaseRetention(rows, { ...options, purchasesOnly: true }).returning).toBe(1);
    expect(repeatPurchaseRetention(rows, { ...options, purchases: "all" }).returning).toBe(2);
    expect(repeatPurchaseRetention(rows, { ...options, purchasesOnly: false }).returning).toBe(2);
    const cols = {
      customerId: rows.map((r) => r.customerId),
      at: rows.map((r) => r.at),
      revenue: rows.map((r) => r.revenue),
    };
    expect(repeatPurchaseRetention(cols, { ...options, purchasesOnly: true }).returning).toBe(1);
  });
});

describe("exact revenue sums beyond 40 digits", () => {
  // 1e300 + 1 has 301 digits; 1e30 + 1e-30 has 61
  const big = `1${"0".repeat(299)}1`;
  const wide = `1${"0".repeat(30)}.${"0".repeat(29)}1`;
  it("sums a cell exactly on every path of cohortAnalysis and the accumulator", () => {
    const rows = [
      { customerId: "a", at: 0, revenue: "1e300" },
      { customerId: "a", at: 1, revenue: 1 },
      { customerId: "b", at: 2, revenue: 10n ** 30n },
      { customerId: "b", at: 3, revenue: "1e-30" },
    ];
    const cols = {
      customerId: rows.map((r) => r.customerId),
      at: rows.map((r) => r.at),
      revenue: rows.map((r) => r.revenue),
    };
    const sum = new Set<string>();
    const acc = createCohortAccumulator().add(rows.slice(0, 2));
    const other = createCohortAccumulator().add(rows.slice(2));
    for (const t of [
      cohortAnalysis(rows),
      cohortAnalysis(rows.values()),
      cohortAnalysis(cols),
      acc.merge(other).result(),
      CohortAccumulator.fromJSON(JSON.stringify(acc.toJSON())).result(),
    ]) {
      sum.add(revenue(t)[0]?.[0] as string);
    }
    // 1e300 + 1 + 1e30 + 1e-30
    const expected = `1${"0".repeat(269)}1${"0".repeat(29)}1.${"0".repeat(29)}1`;
    expect([...sum]).toEqual([expected]);
    expect(revenue(cohortAnalysis([rows[0], rows[1]] as never))).toEqual([[big]]);
  });
  it("sums minor units beyond 2^53 exactly", () => {
    const t = cohortAnalysis(
      [
        { customerId: "a", at: 0, revenue: 10n ** 40n + 1n },
        { customerId: "a", at: 1, revenue: 1n },
      ],
      { minorUnits: 2 },
    );
    // (10^40 + 2) hundredths
    expect(revenue(t)).toEqual([[`1${"0".repeat(38)}.02`]]);
  });
  it("rfmSegments and summarizeTransactions keep the sums exact", () => {
    const rows = [
      { customerId: "a", at: "2024-01-01", revenue: "1e30" },
      { customerId: "a", at: "2024-01-02", revenue: "1e-30" },
    ];
    expect(
      rfmSegments(rows, { asOf: "2024-02-01", bins: 2 }).customers[0]?.monetary.toFixed(),
    ).toBe(wide);
    // repeat days of 1e300 and 1, with a refund of 1e300 netted into the day of the 1: the
    // exact sum is 1 (rounded to 40 digits it was 0), and the mean 1/2 is exact
    const [row] = summarizeTransactions(
      [
        { customerId: "a", at: "2023-12-31", revenue: "1" },
        { customerId: "a", at: "2024-01-02", revenue: "1e300" },
        { customerId: "a", at: "2024-01-03", revenue: "1" },
        { customerId: "a", at: "2024-01-03T12:00:00Z", revenue: "-1e300" },
      ],
      { observationEnd: "2024-01-31", unit: "day" },
    );
    expect(row?.monetaryValue.toString()).toBe("0.5");
  });
});

describe("garbage and near-boundary input gives typed errors", () => {
  const fns: [string, (events: unknown, options?: object) => unknown][] = [
    ["cohortAnalysis", (e, o) => cohortAnalysis(e as never, o as never)],
    ["CohortAccumulator.add", (e, o) => createCohortAccumulator(o as never).add(e as never)],
    ["rfmSegments", (e, o) => rfmSegments(e as never, { asOf: "2030-01-01", ...o })],
    [
      "repeatPurchaseRetention",
      (e, o) =>
        repeatPurchaseRetention(e as never, {
          periodStart: "2000-01-01",
          periodThrough: "2029-12-31",
          purchasesOnly: true,
          ...o,
        }),
    ],
  ];
  const row = (fields: object) => [{ customerId: "a", at: "2024-01-01", revenue: 1, ...fields }];

  it("rejects customer ids that are not strings or finite numbers", () => {
    for (const [name, f] of fns) {
      for (const id of [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Symbol("s"),
        {},
        [],
        null,
        undefined,
        1n,
        true,
        new String("a"),
      ]) {
        expect(`${name} ${errorOf(() => f(row({ customerId: id })))}`).toBe(
          `${name} NOT_A_NUMBER events[0].customerId`,
        );
      }
    }
    const id = (customerId: unknown) =>
      summarizeTransactions([{ customerId, at: "2024-01-01" }] as never, {
        observationEnd: "2024-02-01",
        unit: "day",
        purchases: "all",
      });
    expect(errorOf(() => id(Symbol("s")))).toBe("NOT_A_NUMBER transactions[0].customerId");
    // '' is a valid id; -0 is the customer 0
    expect(cohortAnalysis([{ customerId: "", at: 0 }]).cohorts[0]?.size).toBe(1);
    expect(
      cohortAnalysis([
        { customerId: -0, at: 0 },
        { customerId: 0, at: 1 },
      ]).cohorts[0]?.size,
    ).toBe(1);
    expect(id(-0)[0]?.customerId).toBe(0);
  });

  it("rejects unreadable times, leap seconds, impossible dates and the ends beyond the Date range", () => {
    for (const [name, f] of fns) {
      for (const at of [
        "2016-12-31T23:59:60Z",
        "2024-02-30",
        "garbage",
        "",
        null,
        undefined,
        Number.NaN,
        new Date(Number.NaN),
        -8.64e15 - 1,
        8.64e15 + 1,
        {},
        1n,
        Symbol("t"),
      ]) {
        expect(`${name} ${errorOf(() => f(row({ at })))}`).toBe(
          `${name} INVALID_DATE events[0].at`,
        );
      }
    }
    for (const at of [-8.64e15, 8.64e15, "0000-01-01", "9999-12-31T23:59:59.999-14:00"]) {
      expect(cohortAnalysis(row({ at })).cohorts[0]?.size).toBe(1);
      // asOf is the first instant not observed: an event at it is left out
      if (at !== 8.64e15) {
        expect(rfmSegments(row({ at }), { asOf: 8.64e15 }).customers).toHaveLength(1);
      }
    }
    expect(errorOf(() => rfmSegments(row({ at: 8.64e15 }), { asOf: 8.64e15 }))).toBe(
      "EMPTY events",
    );
  });

  it("rejects revenue that is not a finite amount", () => {
    const cases: [unknown, string][] = [
      ["1e400", "NOT_FINITE"],
      ["-1e400", "NOT_FINITE"],
      [10n ** 400n, "NOT_FINITE"],
      ["1e-400", "OUT_OF_RANGE"],
      ["NaN", "NOT_A_NUMBER"],
      ["Infinity", "NOT_FINITE"],
      ["", "NOT_A_NUMBER"],
      ["1,5", "NOT_A_NUMBER"],
      ["0x10", "NOT_A_NUMBER"],
      [{}, "NOT_A_NUMBER"],
      [true, "NOT_A_NUMBER"],
      [Symbol("r"), "NOT_A_NUMBER"],
      [Number.NaN, "NOT_A_NUMBER"],
    ];
    for (const [name, f] of fns) {
      for (const [value, code] of cases) {
        expect(`${name} ${errorOf(() => f(row({ revenue: value })))}`).toBe(
          `${name} ${code} events[0].revenue`,
        );
      }
    }
  });

  it("rejects options of the wrong type", () => {
    for (const [options, want] of [
      [{ period: 5 }, "INVALID_OPTION period"],
      [{ timeZone: 5 }, "INVALID_OPTION timeZone"],
      [{ timeZone: "" }, "INVALID_OPTION timeZone"],
      [{ weekStartsOn: "1" }, "INVALID_OPTION weekStartsOn"],
      [{ asOf: "x" }, "INVALID_DATE asOf"],
      [{ asOf: null }, "INVALID_DATE asOf"],
      [{ minorUnits: -1 }, "NEGATIVE minorUnits"],
      [{ minorUnits: 1.5 }, "NOT_INTEGER minorUnits"],
      [{ minorUnits: 16 }, "OUT_OF_RANGE minorUnits"],
      [{ customerId: 5 }, "INVALID_OPTION customerId"],
      [{ boundaries: "x" }, "INVALID_OPTION boundaries"],
    ] as const) {
      expect(errorOf(() => cohortAnalysis(row({}), options as never))).toBe(want);
      expect(errorOf(() => createCohortAccumulator(options as never))).toBe(want);
    }
    for (const options of [null, 5, "x", []]) {
      expect(errorOf(() => cohortAnalysis(row({}), options as never))).toBe(
        "INVALID_OPTION options",
      );
      expect(errorOf(() => rfmSegments(row({}), options as never))).toMatch(
        /^INVALID_OPTION options|asOf/,
      );
      expect(errorOf(() => summarizeTransactions(row({}), options as never))).toMatch(
        /^(INVALID_OPTION|NOT_A_NUMBER) options/,
      );
    }
    const t = cohortAnalysis(row({}));
    expect(errorOf(() => t.retention(5 as never))).toBe("INVALID_OPTION options");
    expect(errorOf(() => t.retention({ mode: "x" as never }))).toBe("INVALID_OPTION mode");
    expect(errorOf(() => t.retention({ mode: { brackets: [[0, 2 ** 53]] } }))).toBe(
      "INVALID_OPTION mode.brackets[0]",
    );
    expect(errorOf(() => t.retention({ mode: { brackets: [[2, 1]] } }))).toBe(
      "INVALID_OPTION mode.brackets[0]",
    );
  });

  it("rejects inputs that are neither rows nor columns, in every function", async () => {
    for (const events of [null, undefined, 5, "abc"]) {
      expect(errorOf(() => cohortAnalysis(events as never))).toBe("NOT_A_NUMBER input");
      expect(errorOf(() => rfmSegments(events as never, { asOf: "2024-01-01" }))).toBe(
        "NOT_A_NUMBER events",
      );
      expect(
        errorOf(() =>
          summarizeTransactions(events as never, { observationEnd: "2024-01-01", unit: "day" }),
        ),
      ).toBe("NOT_A_NUMBER transactions");
      const e = await cohortAnalysisAsync(events as never).catch((x: unknown) => x);
      expect(`${(e as MetricInputError).code} ${(e as MetricInputError).field}`).toBe(
        "NOT_A_NUMBER input",
      );
    }
    expect(errorOf(() => cohortAnalysis({ customerId: ["a", "b"], at: ["2024-01-01"] }))).toBe(
      "INCONSISTENT events.at",
    );
    expect(errorOf(() => cohortAnalysis([null]))).toBe("NOT_A_NUMBER events[0]");
    // a row that is not an object names the row in every function
    expect(errorOf(() => rfmSegments([null], { asOf: "2024-01-01" }))).toBe(
      "NOT_A_NUMBER events[0]",
    );
    expect(
      errorOf(() =>
        summarizeTransactions([5] as never, { observationEnd: "2024-01-01", unit: "day" }),
      ),
    ).toBe("NOT_A_NUMBER transactions[0]");
    expect(
      errorOf(() =>
        repeatPurchaseRetention(["x"] as never, {
          periodStart: "2024-01-01",
          periodThrough: "2024-01-31",
        }),
      ),
    ).toBe("NOT_A_NUMBER events[0]");
    // with accessors, rows of any shape are read through them
    const parts = (s: string) => s.split("|");
    expect(
      repeatPurchaseRetention(["a|2023-12-01", "a|2024-01-02"], {
        periodStart: "2024-01-01",
        periodThrough: "2024-01-31",
        purchases: "all",
        customerId: (r) => parts(r)[0],
        at: (r) => parts(r)[1],
      }).returning,
    ).toBe(1);
  });
});
