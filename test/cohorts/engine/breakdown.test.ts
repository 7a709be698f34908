// cohortAnalysis({ breakdownBy }): one table per value of the customer's start event, plus the
// total; hand-checked tables, properties against a straightforward reference, and the
// agreement of rows, columns, async batches, accumulator shards and JSON.

import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortBreakdownValue,
  type CohortOptions,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";
import { refPeriod } from "./reference.js";

interface Row {
  customerId: string | number;
  at: number;
  event: string;
  revenue: string | null;
  channel: CohortBreakdownValue | undefined;
}

function plain(table: CohortTable) {
  return table.cohorts.map((r) => ({
    key: r.key,
    size: r.size,
    active: [...r.active],
    revenue: r.revenue.map(String),
  }));
}

function errorOf(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return [error.code, error.field];
    throw error;
  }
  throw new Error("no error");
}

describe("cohortAnalysis({ breakdownBy })", () => {
  // One customer per channel value; `d` has two start events at the same instant.
  const log = [
    { customerId: "a", at: "2024-01-05T00:00:00Z", event: "signup", channel: "seo" },
    { customerId: "a", at: "2024-02-05T00:00:00Z", event: "buy", channel: "ads", revenue: "4" },
    { customerId: "b", at: "2024-01-20T00:00:00Z", event: "view", channel: "seo" },
    { customerId: "b", at: "2024-02-01T00:00:00Z", event: "signup", channel: "ads" },
    { customerId: "b", at: "2024-03-01T00:00:00Z", event: "buy", revenue: "6" },
    { customerId: "c", at: "2024-01-07T00:00:00Z", event: "signup" },
    { customerId: "d", at: "2024-01-09T00:00:00Z", event: "signup", channel: "tv" },
    { customerId: "d", at: "2024-01-09T00:00:00Z", event: "signup", channel: "print" },
    { customerId: "e", at: "2024-01-09T00:00:00Z", event: "view", channel: "radio" },
  ];
  const options = { startEvent: "signup", returnEvent: "buy", breakdownBy: "channel" } as const;

  it("gives one table per value of the start event, and the total", () => {
    const table = cohortAnalysis(log, options);
    // total: January a, c, d; February b. Returns: a in February (k1), b in March (k1).
    expect(plain(table)).toEqual([
      { key: "2024-01", size: 3, active: [3, 1, 0], revenue: ["0", "4", "0"] },
      { key: "2024-02", size: 1, active: [1, 1], revenue: ["0", "6"] },
    ]);
    const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
    // order: strings, then null; d's tie of 'tv' and 'print' goes to 'print' (least);
    // a's value is that of its signup ('seo'), not of its later purchase ('ads'); e never
    // signed up, so 'radio' has no table
    expect([...breakdown.keys()]).toEqual(["ads", "print", "seo", null]);
    // every table spans the total's periods (January to March)
    expect(plain(breakdown.get(null) as CohortTable)).toEqual([
      { key: "2024-01", size: 1, active: [1, 0, 0], revenue: ["0", "0", "0"] },
    ]);
    expect(plain(breakdown.get("ads") as CohortTable)).toEqual([
      { key: "2024-02", size: 1, active: [1, 1], revenue: ["0", "6"] },
    ]);
    expect(plain(breakdown.get("print") as CohortTable)).toEqual([
      { key: "2024-01", size: 1, active: [1, 0, 0], revenue: ["0", "0", "0"] },
    ]);
    expect(plain(breakdown.get("seo") as CohortTable)).toEqual([
      { key: "2024-01", size: 1, active: [1, 1, 0], revenue: ["0", "4", "0"] },
    ]);
    // each table has its own pooled average: seo retains 1 of 1 at k1, the total 2 of 4
    expect(breakdown.get("seo")?.retention().average.map(String)).toEqual(["1", "1", "0"]);
    expect(table.retention().average.map(String)).toEqual(["1", "0.5", "0"]);
  });

  it("serialises the breakdown in the table's JSON, in the map's order", () => {
    const json = cohortAnalysis(log, options).toJSON();
    expect(json.breakdown?.map((b) => b.value)).toEqual(["ads", "print", "seo", null]);
    expect(json.breakdown?.[0]?.table.cohorts[0]?.key).toBe("2024-02");
    expect("breakdown" in cohortAnalysis(log, { startEvent: "signup" }).toJSON()).toBe(false);
  });

  it("takes an accessor, and a column of columns, integer-coded or not", () => {
    const codes = { seo: 1, ads: 2, tv: 3, print: 4, radio: 5 } as Record<string, number>;
    const byAccessor = cohortAnalysis(log, {
      ...options,
      breakdownBy: (row) => (row.channel === undefined ? null : codes[row.channel]),
    });
    // d's tie of tv (3) and print (4) goes to 3, the least number
    expect([...(byAccessor.breakdown?.keys() ?? [])]).toEqual([1, 2, 3, null]);
    const columns = {
      customerId: log.map((r) => r.customerId),
      at: Float64Array.from(log, (r) => Date.parse(r.at)),
      revenue: log.map((r) => r.revenue),
      event: log.map((r) => r.event),
      channel: Int32Array.from(log, (r) => (r.channel === undefined ? 0 : (codes[r.channel] ?? 0))),
    };
    const byColumn = cohortAnalysis(columns, options);
    // 0 codes the missing channel here: a value like any other
    expect([...(byColumn.breakdown?.keys() ?? [])]).toEqual([0, 1, 2, 3]);
    expect(plain(byColumn.breakdown?.get(2) as CohortTable)).toEqual(
      plain(byAccessor.breakdown?.get(2) as CohortTable),
    );
  });

  it("gives the table of every active row when no start or return event is named", () => {
    const rowsOnly = cohortAnalysis(log, { breakdownBy: "channel" });
    const { breakdown, ...rest } = rowsOnly.toJSON();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(cohortAnalysis(log).toJSON()));
    // a's first event is its seo signup; b's a seo view; e's a radio view
    expect(breakdown?.map((b) => b.value)).toEqual(["print", "radio", "seo", null]);
  });

  it("refuses a missing column, an accessor with columns and values that are no values", () => {
    const columns = { customerId: ["a"], at: [0], event: ["signup"] };
    expect(errorOf(() => cohortAnalysis(columns, { breakdownBy: "plan" }))).toEqual([
      "INVALID_OPTION",
      "breakdownBy",
    ]);
    expect(errorOf(() => cohortAnalysis(columns, { breakdownBy: () => 1 }))).toEqual([
      "INVALID_OPTION",
      "options",
    ]);
    expect(errorOf(() => cohortAnalysis(log, { breakdownBy: "" }))).toEqual([
      "INVALID_OPTION",
      "breakdownBy",
    ]);
    const bad: { customerId: string; at: number; plan?: unknown }[] = [
      { customerId: "a", at: 0, plan: { tier: 1 } },
    ];
    expect(errorOf(() => cohortAnalysis(bad, { breakdownBy: "plan" }))).toEqual([
      "NOT_A_NUMBER",
      "events[0].plan",
    ]);
    expect(errorOf(() => cohortAnalysis(bad, { breakdownBy: () => Number.NaN }))).toEqual([
      "NOT_A_NUMBER",
      "events[0].breakdownBy",
    ]);
    expect(
      errorOf(() =>
        cohortAnalysis(bad, {
          breakdownBy: () => {
            throw new Error("x");
          },
        }),
      ),
    ).toEqual(["INVALID_OPTION", "events[0].breakdownBy"]);
  });

  it("restores a breakdown accessor accumulator only with the accessor given again", () => {
    const by = (row: { channel?: string }) => row.channel ?? null;
    const json = createCohortAccumulator({ breakdownBy: by }).add(log).toJSON();
    expect(json.options.breakdownBy).toEqual({ accessor: true });
    expect(errorOf(() => CohortAccumulator.fromJSON(json))).toEqual([
      "INVALID_OPTION",
      "breakdownBy",
    ]);
    const back = CohortAccumulator.fromJSON(json, { breakdownBy: by });
    expect(JSON.stringify(back.result())).toBe(
      JSON.stringify(cohortAnalysis(log, { breakdownBy: "channel" })),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Properties: a straightforward reference, and every input form against the rows.

const NAMES = ["signup", "buy", "view"];
const ZONES = ["UTC", "America/New_York", "Asia/Kathmandu"];
const T0 = Date.UTC(2023, 10, 1);
const SPAN = 200 * 86_400_000;

interface Setting {
  start: string[] | null;
  returns: string[] | null;
  inStart: boolean;
  active: "events" | "purchases" | "rows";
  refunds: "net" | "exclude";
  zone: string;
  period: "month" | "week";
  asOf: number | null;
}

const rowArb = fc.record({
  // strings, small integer ids (a direct table), a large one (a Map), and '1' beside 1
  customerId: fc.constantFrom<string | number>("c0", "c1", "c2", "c3", "1", 0, 1, 2, 5_000_000),
  at: fc.integer({ min: 0, max: SPAN }).map((t) => T0 + t),
  event: fc.constantFrom(...NAMES),
  revenue: fc.constantFrom(null, "0", "5.25", "-2.5", "10", "0.001"),
  channel: fc.constantFrom<CohortBreakdownValue | undefined>(
    undefined,
    null,
    "ads",
    "seo",
    3,
    true,
  ),
});
const namesArb = fc.option(fc.subarray(NAMES, { minLength: 1 }), { nil: null });
const settingArb = fc.record({
  start: namesArb,
  returns: namesArb,
  inStart: fc.boolean(),
  active: fc.constantFrom("events", "purchases", "rows") as fc.Arbitrary<Setting["active"]>,
  refunds: fc.constantFrom("net", "exclude") as fc.Arbitrary<Setting["refunds"]>,
  zone: fc.constantFrom(...ZONES),
  period: fc.constantFrom("month", "week") as fc.Arbitrary<Setting["period"]>,
  asOf: fc.option(
    fc.integer({ min: SPAN / 2, max: SPAN }).map((t) => T0 + t),
    { nil: null },
  ),
});

function optionsOf(s: Setting): CohortOptions<Row> {
  return {
    period: s.period,
    timeZone: s.zone,
    active: s.active,
    refunds: s.refunds,
    returnInStartPeriod: s.inStart,
    breakdownBy: "channel",
    ...(s.start === null ? {} : { startEvent: s.start }),
    ...(s.returns === null ? {} : { returnEvent: s.returns }),
    ...(s.asOf === null ? {} : { asOf: s.asOf }),
  };
}

type RefTable = { cohort: number; size: number; active: number[]; revenue: string[] }[];

/** The tables by the definitions, event by event (no shared code with the engine). */
function reference(rows: readonly Row[], s: Setting): Map<string, RefTable> {
  type Id = string | number;
  const period = (at: number) => refPeriod(at, s.zone, s.period);
  const kept = rows.filter((r) => s.asOf === null || r.at < s.asOf);
  const sign = (r: Row) => (r.revenue === null ? 0 : Math.sign(Number(r.revenue)));
  const eligible = (r: Row) =>
    s.active === "rows" || (s.active === "events" ? sign(r) >= 0 : sign(r) > 0);
  // numbers < strings < false < true < null (the generated numbers are one: 3)
  const order = (v: CohortBreakdownValue) =>
    typeof v === "number"
      ? `1${v}`
      : typeof v === "string"
        ? `2${v}`
        : v === false
          ? "3"
          : v === true
            ? "4"
            : "5";
  const start = new Map<Id, { at: number; value: CohortBreakdownValue }>();
  for (const r of kept) {
    if (!eligible(r) || (s.start !== null && !s.start.includes(r.event))) continue;
    const value = r.channel ?? null;
    const now = start.get(r.customerId);
    if (now === undefined || r.at < now.at || (r.at === now.at && order(value) < order(now.value)))
      start.set(r.customerId, { at: r.at, value });
  }
  // per customer: active k, revenue per k
  const activeK = new Map<Id, Set<number>>();
  const money = new Map<Id, Map<number, Decimal>>();
  let last = Number.NEGATIVE_INFINITY;
  for (const [id, st] of start) {
    const C = period(st.at);
    last = Math.max(last, C);
    const ks = new Set<number>(s.inStart ? [] : [0]);
    const sums = new Map<number, Decimal>();
    for (const r of kept) {
      if (r.customerId !== id) continue;
      const k = period(r.at) - C;
      if (k < 0) continue;
      const isReturn = eligible(r) && (s.returns === null || s.returns.includes(r.event));
      if (isReturn && (k > 0 || (s.inStart && r.at >= st.at))) ks.add(k);
      if (r.revenue !== null && !(sign(r) < 0 && s.refunds === "exclude"))
        sums.set(k, (sums.get(k) ?? new Decimal(0)).plus(r.revenue));
    }
    for (const k of ks) last = Math.max(last, C + k);
    for (const [k, v] of sums) if (!v.isZero()) last = Math.max(last, C + k);
    activeK.set(id, ks);
    money.set(id, sums);
  }
  if (s.asOf !== null) last = period(s.asOf - 1);
  const build = (ids: Id[]): RefTable => {
    const cohorts = [
      ...new Set(ids.map((id) => period((start.get(id) as { at: number }).at))),
    ].sort((a, b) => a - b);
    return cohorts.map((C) => {
      const members = ids.filter((id) => period((start.get(id) as { at: number }).at) === C);
      const len = last - C + 1;
      const active = Array.from(
        { length: len },
        (_, k) => members.filter((id) => activeK.get(id)?.has(k)).length,
      );
      const revenue = Array.from({ length: len }, (_, k) =>
        members
          .reduce((sum, id) => sum.plus(money.get(id)?.get(k) ?? 0), new Decimal(0))
          .toString(),
      );
      return { cohort: C, size: members.length, active, revenue };
    });
  };
  const out = new Map<string, RefTable>();
  const ids = [...start.keys()];
  out.set("total", build(ids));
  for (const v of new Set(
    ids.map((id) => (start.get(id) as { value: CohortBreakdownValue }).value),
  ))
    out.set(
      `value:${JSON.stringify(v)}`,
      build(ids.filter((id) => (start.get(id) as { value: CohortBreakdownValue }).value === v)),
    );
  return out;
}

function comparable(table: CohortTable) {
  return table.cohorts.map((r) => ({
    size: r.size,
    active: [...r.active],
    revenue: r.revenue.map((d) => new Decimal(d.toString()).toString()),
  }));
}

describe("breakdown and start / return events: properties", () => {
  it("agrees with the reference, and the breakdown tables sum to the total", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), settingArb, (rows, s) => {
        const table = cohortAnalysis(rows, optionsOf(s));
        const ref = reference(rows, s);
        const strip = (t: RefTable) => t.map(({ cohort: _, ...rest }) => rest);
        expect(comparable(table)).toEqual(strip(ref.get("total") as RefTable));
        const breakdown = table.breakdown as ReadonlyMap<CohortBreakdownValue, CohortTable>;
        expect(breakdown.size).toBe(ref.size - 1);
        const sums = new Map<string, { size: number; active: number[]; revenue: Decimal[] }>();
        for (const [value, part] of breakdown) {
          expect(comparable(part)).toEqual(
            strip(ref.get(`value:${JSON.stringify(value)}`) as RefTable),
          );
          for (const row of part.cohorts) {
            const sum = sums.get(row.key) ?? {
              size: 0,
              active: row.active.map(() => 0),
              revenue: row.revenue.map(() => new Decimal(0)),
            };
            sum.size += row.size;
            row.active.forEach((a, k) => {
              sum.active[k] = (sum.active[k] as number) + a;
              sum.revenue[k] = (sum.revenue[k] as Decimal).plus(String(row.revenue[k]));
            });
            sums.set(row.key, sum);
          }
        }
        // cell by cell: sizes, active customers and revenue of the values add up to the total
        expect(table.cohorts.map((r) => r.key)).toEqual([...sums.keys()].sort());
        for (const row of table.cohorts) {
          const sum = sums.get(row.key);
          expect(sum?.size).toBe(row.size);
          expect(sum?.active).toEqual([...row.active]);
          expect(sum?.revenue.map(String)).toEqual(
            row.revenue.map((d) => new Decimal(String(d)).toString()),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same table from rows, predicates, columns, async batches, shards in any order and JSON", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { maxLength: 40 }),
        settingArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        async (rows, s, cuts, coin) => {
          const options = optionsOf(s);
          const once = JSON.stringify(cohortAnalysis(rows, options));
          // predicates in place of names
          const viaPredicates = cohortAnalysis(rows, {
            ...options,
            ...(s.start === null
              ? {}
              : { startEvent: (r: Row) => (s.start as string[]).includes(r.event) }),
            ...(s.returns === null
              ? {}
              : { returnEvent: (r: Row) => (s.returns as string[]).includes(r.event) }),
          });
          expect(JSON.stringify(viaPredicates)).toBe(once);
          const columnsOf = (part: readonly Row[]) => ({
            customerId: part.map((r) => r.customerId),
            at: Float64Array.from(part, (r) => r.at),
            revenue: part.map((r) => r.revenue),
            event: part.map((r) => r.event),
            channel: part.map((r) => r.channel),
          });
          expect(JSON.stringify(cohortAnalysis(columnsOf(rows), options))).toBe(once);
          // batches: cut points, each piece a batch, a column chunk or single rows
          const bounds = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
          const pieces: Row[][] = [];
          let from = 0;
          for (const b of [...bounds, rows.length]) {
            pieces.push(rows.slice(from, b));
            from = b;
          }
          async function* stream() {
            for (const [i, piece] of pieces.entries()) {
              if (i % 3 === 0) yield piece;
              else if (i % 3 === 1) yield columnsOf(piece);
              else for (const r of piece) yield r;
            }
          }
          expect(JSON.stringify(await cohortAnalysisAsync(stream(), options))).toBe(once);
          // shards: pieces go to two accumulators in reverse order, one through JSON
          const shards = [createCohortAccumulator(options), createCohortAccumulator(options)];
          pieces.reverse().forEach((piece, i) => {
            shards[coin[i % coin.length] ? 0 : 1]?.add(i % 2 === 0 ? piece : columnsOf(piece));
          });
          const [a, b] = shards as [CohortAccumulator<Row>, CohortAccumulator<Row>];
          const restored = CohortAccumulator.fromJSON<Row>(JSON.stringify(b.toJSON()));
          const merged = coin[0] ? a.merge(restored) : restored.merge(a);
          expect(JSON.stringify(merged.result())).toBe(once);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("gives the plain table as the total when only breakdownBy is given", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), settingArb, (rows, s) => {
        const options = {
          period: s.period,
          timeZone: s.zone,
          active: s.active,
          refunds: s.refunds,
          ...(s.asOf === null ? {} : { asOf: s.asOf }),
        };
        const { breakdown: _, ...total } = cohortAnalysis(rows, {
          ...options,
          breakdownBy: "channel",
        }).toJSON();
        expect(JSON.stringify(total)).toBe(JSON.stringify(cohortAnalysis(rows, options).toJSON()));
      }),
      { numRuns: 150 },
    );
  });
});

describe("the example of cohortAnalysis's documentation", () => {
  it("starts cohorts at signups, counts purchases as returns and breaks down by channel", () => {
    const log = [
      { customerId: "a", at: "2024-01-02T09:00:00Z", event: "view" },
      { customerId: "a", at: "2024-02-02T09:00:00Z", event: "signup", channel: "ads" },
      { customerId: "a", at: "2024-03-03T09:00:00Z", event: "purchase", revenue: "10.00" },
      { customerId: "b", at: "2024-02-10T09:00:00Z", event: "signup", channel: "seo" },
    ];
    const t = cohortAnalysis(log, {
      startEvent: "signup",
      returnEvent: "purchase",
      breakdownBy: "channel",
    });
    expect(t.cohorts[0]?.key).toBe("2024-02");
    expect(t.cohorts[0]?.active).toEqual([2, 1]);
    expect(t.breakdown?.get("ads")?.cohorts[0]?.active).toEqual([1, 1]);
  });
});
