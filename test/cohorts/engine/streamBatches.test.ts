import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortAnalysis, cohortAnalysisAsync, MetricInputError } from "../../../src/index.js";

interface Row {
  customerId: string | number;
  at: number;
  revenue: string | null;
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

const row = fc.record({
  customerId: fc.oneof(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer({ min: 1, max: 4 })),
  at: fc.integer({ min: 0, max: 200 }).map((d) => START + d * DAY + 3_600_000),
  revenue: fc.oneof(
    fc.constant(null),
    fc.integer({ min: -5000, max: 20000 }).map((c) => (c / 100).toFixed(2)),
  ),
});

type Form = "row" | "batch" | "columns";

/** The rows as a stream: consecutive pieces of the given sizes, each in the given form. */
async function* stream(rows: readonly Row[], pieces: readonly [number, Form][]) {
  let at = 0;
  for (const [size, form] of pieces) {
    const piece = rows.slice(at, at + size);
    at += size;
    if (form === "row") {
      for (const r of piece) yield r;
    } else if (form === "batch") {
      yield piece;
    } else {
      yield {
        customerId: piece.map((r) => r.customerId),
        at: Float64Array.from(piece.map((r) => r.at)),
        revenue: piece.map((r) => r.revenue),
      };
    }
  }
  for (const r of rows.slice(at)) yield r;
}

const OPTION_SETS = [
  { period: "month" as const },
  { period: "week" as const, active: "rows" as const },
  { period: "day" as const, refunds: "exclude" as const, active: "purchases" as const },
  { period: "month" as const, boundaries: "rolling" as const },
];

describe("cohortAnalysisAsync over batches of rows and column chunks", () => {
  it("gives the table of cohortAnalysis over the same events, whatever the pieces", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat({ max: 20 }), fc.constantFrom<Form>("row", "batch", "columns")), {
          maxLength: 6,
        }),
        fc.constantFrom(...OPTION_SETS),
        async (rows, pieces, options) => {
          const expected = JSON.stringify(cohortAnalysis(rows, options).toJSON());
          const got = await cohortAnalysisAsync(stream(rows, pieces), options);
          expect(JSON.stringify(got.toJSON())).toBe(expected);
        },
      ),
    );
  });

  it("reads the documented example: a batch of rows, then a column chunk", async () => {
    async function* pages() {
      yield [
        { customerId: "a", at: "2024-01-03T09:00:00Z", revenue: "20.00" },
        { customerId: "b", at: "2024-01-05T09:00:00Z", revenue: "12.00" },
      ];
      yield { customerId: ["a"], at: [Date.UTC(2024, 1, 11)], revenue: ["4.00"] };
    }
    const table = await cohortAnalysisAsync(pages(), { period: "month" });
    expect(table.cohorts[0]?.active).toEqual([2, 1]);
    expect(table.cohorts[0]?.revenue.map(String)).toEqual(["32", "4"]);
  });

  it("splits a batch longer than 65,536 rows and names its events by their index in the stream", async () => {
    const big = Array.from({ length: 70_000 }, (_, i) => ({
      customerId: `c${i % 1000}`,
      at: START + (i % 90) * DAY,
      revenue: "1.00",
    }));
    async function* two() {
      yield [{ customerId: "first", at: START, revenue: "1.00" }];
      yield big;
    }
    const table = await cohortAnalysisAsync(two(), { period: "month" });
    expect(table.cohorts.reduce((n, c) => n + c.size, 0)).toBe(1001);
    expect(table.cohorts[0]?.revenue[0]?.toString()).toBe(
      cohortAnalysis([{ customerId: "first", at: START, revenue: "1.00" }, ...big], {
        period: "month",
      }).cohorts[0]?.revenue[0]?.toString(),
    );
    const spoiled = big.map((r, i) => (i === 66_000 ? { ...r, at: "not a date" } : r));
    async function* bad() {
      yield [{ customerId: "first", at: START, revenue: "1.00" }];
      yield spoiled;
    }
    await expect(cohortAnalysisAsync(bad())).rejects.toMatchObject({
      code: "INVALID_DATE",
      field: "events[66001].at",
    });
  });

  it("names a bad field of a column chunk by the event's index in the stream", async () => {
    async function* chunks(spoil: "at" | "revenue" | "customerId") {
      yield { customerId: ["a", "b"], at: [START, START], revenue: ["1", "2"] };
      const chunk = {
        customerId: ["c", "d", "e"],
        at: [START, START, START],
        revenue: ["1", "2", "3"],
      } as {
        customerId: unknown[];
        at: unknown[];
        revenue: unknown[];
      };
      if (spoil === "at") chunk.at[1] = "2024-13-01";
      if (spoil === "revenue") chunk.revenue[1] = "abc";
      if (spoil === "customerId") chunk.customerId[1] = Number.NaN;
      yield chunk;
    }
    await expect(cohortAnalysisAsync(chunks("at"))).rejects.toMatchObject({
      code: "INVALID_DATE",
      field: "events[3].at",
    });
    await expect(cohortAnalysisAsync(chunks("revenue"))).rejects.toMatchObject({
      code: "NOT_A_NUMBER",
      field: "events[3].revenue",
    });
    await expect(cohortAnalysisAsync(chunks("customerId"))).rejects.toMatchObject({
      code: "NOT_A_NUMBER",
      field: "events[3].customerId",
    });
  });

  it("refuses a column chunk of unequal columns, and accessor options with a column chunk", async () => {
    async function* uneven() {
      yield { customerId: ["a", "b"], at: [START] };
    }
    const err = await cohortAnalysisAsync(uneven()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricInputError);
    expect(err).toMatchObject({ code: "INCONSISTENT", field: "events.at" });
    async function* one() {
      yield { customerId: ["a"], at: [START] };
    }
    await expect(
      cohortAnalysisAsync(one(), { customerId: (r: unknown) => (r as Row).customerId } as never),
    ).rejects.toMatchObject({ code: "INVALID_OPTION", field: "options" });
  });

  it("reads tuple rows through accessors when they come in a batch", async () => {
    type Tuple = readonly [string, string, string];
    async function* tuples() {
      yield [
        ["a", "2024-01-02T00:00:00Z", "5"],
        ["a", "2024-02-02T00:00:00Z", "6"],
      ] as Tuple[];
    }
    const table = await cohortAnalysisAsync<Tuple>(tuples(), {
      customerId: (r) => r[0],
      at: (r) => r[1],
      revenue: (r) => r[2],
    });
    expect(table.cohorts.map((c) => [c.key, c.active])).toEqual([["2024-01", [1, 1]]]);
  });
});
