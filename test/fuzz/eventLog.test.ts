/**
 * Event-log functions: the same events through every input form give the same, exactly
 * correct table; a missing revenue means one thing in every function; dates at the ends of
 * the calendar and of the Date range give a typed error or a clean result, within a time and
 * a memory budget.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnyFunction,
  callChecked,
  Decimal,
  functions,
  type Outcome,
  show,
  succeeded,
} from "./_harness.js";
import { garbage, jsonText, leafPaths, replaceAt } from "./_templates.js";

const fn = (name: string) => {
  const found = functions.find(([n]) => n === name);
  if (!found) throw new Error(`${name} is not exported`);
  return found[1];
};
const cohortAnalysis = fn("cohortAnalysis");
const cohortAnalysisAsync = fn("cohortAnalysisAsync");
const createCohortAccumulator = fn("createCohortAccumulator");
const CohortAccumulator = (await import("../../src/index.js")).CohortAccumulator;

const DAY = 86_400_000;
const BASE = Date.UTC(2021, 0, 1);

/** One event: customer, day offset from BASE (plus a time of day), revenue in hundredths. */
interface Event {
  customer: number;
  day: number;
  ms: number;
  cents: bigint | undefined;
}

/** Spans around the engine's internal sizes (one-word masks, the column path's limit). */
const SPANS = [1, 2, 31, 32, 33, 63, 64, 65, 1023, 1024, 1025, 1500];

const cents = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: -100_000n, max: 1_000_000n }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      2n ** 53n - 1n,
      2n ** 53n,
      2n ** 53n + 1n,
      -(2n ** 53n) - 1n,
      10n ** 19n,
      -(10n ** 19n),
      2n ** 63n - 1n,
      0n,
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const eventLog = fc
  .tuple(
    // Spans beyond the column path's limit change the engine taken: drawn more often.
    fc.oneof(fc.constantFrom(...SPANS), fc.constantFrom(1025, 1500)),
    fc.integer({ min: 1, max: 8 }),
  )
  .chain(([span, customers]) =>
    fc.array(
      fc.record({
        customer: fc.integer({ min: 0, max: customers - 1 }),
        day: fc.oneof(fc.integer({ min: 0, max: span - 1 }), fc.constantFrom(0, span - 1)),
        ms: fc.integer({ min: 0, max: DAY - 1 }),
        cents,
      }),
      { minLength: 1, maxLength: 40 },
    ),
  );

const id = (e: Event) => `c${e.customer}`;
const iso = (e: Event) => new Date(BASE + e.day * DAY + e.ms).toISOString();
const epoch = (e: Event) => BASE + e.day * DAY + e.ms;
const major = (c: bigint) => {
  const sign = c < 0n ? "-" : "";
  const a = c < 0n ? -c : c;
  return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
};
/** A count of hundredths as a number when that is exact, else as a bigint. */
const minor = (c: bigint) => (c >= -(2n ** 53n) && c <= 2n ** 53n ? Number(c) : c);

function rowsMinor(events: Event[]) {
  return events.map((e) =>
    e.cents === undefined
      ? { customerId: id(e), at: iso(e) }
      : { customerId: id(e), at: iso(e), revenue: minor(e.cents) },
  );
}
function rowsMajor(events: Event[]) {
  return events.map((e) =>
    e.cents === undefined
      ? { customerId: id(e), at: epoch(e) }
      : { customerId: id(e), at: new Date(epoch(e)), revenue: major(e.cents) },
  );
}

/**
 * The expected daily table under the default event rules, computed directly: a refund
 * (negative revenue) is not activity; cohort = first day with another event, k = day − cohort
 * day; a refund's revenue counts in its cell when k ≥ 0 and is left out otherwise (before the
 * cohort, or of a customer who is never active).
 */
function expectedTable(events: Event[]) {
  const refund = (e: Event) => e.cents !== undefined && e.cents < 0n;
  const first = new Map<number, number>();
  for (const e of events) {
    if (!refund(e)) first.set(e.customer, Math.min(first.get(e.customer) ?? e.day, e.day));
  }
  const cohorts = new Map<
    number,
    { size: number; active: Map<number, Set<number>>; revenue: Map<number, bigint> }
  >();
  for (const day of first.values()) {
    const c = cohorts.get(day) ?? { size: 0, active: new Map(), revenue: new Map() };
    c.size += 1;
    cohorts.set(day, c);
  }
  for (const e of events) {
    const start = first.get(e.customer);
    if (start === undefined || e.day < start) continue;
    const c = cohorts.get(start) as NonNullable<ReturnType<typeof cohorts.get>>;
    const k = e.day - start;
    if (!refund(e)) {
      const set = c.active.get(k) ?? new Set<number>();
      set.add(e.customer);
      c.active.set(k, set);
    }
    c.revenue.set(k, (c.revenue.get(k) ?? 0n) + (e.cents ?? 0n));
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, c]) => ({
      key: new Date(BASE + day * DAY).toISOString().slice(0, 10),
      size: c.size,
      active: c.active,
      revenue: c.revenue,
    }));
}

interface TableLike {
  cohorts: readonly {
    key: string;
    size: number;
    active: readonly number[];
    revenue: readonly Decimal[];
  }[];
  retention(options?: unknown): unknown;
  lifetimeValue(): unknown;
}

/** A canonical text of a table: cells, retention in every mode, lifetime value. */
function canonical(table: TableLike): string {
  const cells = table.cohorts.map(
    (c) =>
      `${c.key}|${c.size}|${c.active.join(",")}|${c.revenue.map((r) => r.toString()).join(",")}`,
  );
  const decimals = (value: unknown): string =>
    JSON.stringify(value, (_, v) => (Decimal.isDecimal(v) ? (v as Decimal).toString() : v));
  return [
    ...cells,
    decimals(table.retention()),
    decimals(table.retention({ mode: "unbounded" })),
    decimals(table.lifetimeValue()),
  ].join("\n");
}

/** Problems of a table against the direct computation (revenue compared exactly). */
function tableProblem(table: TableLike, events: Event[]): string | undefined {
  const expected = expectedTable(events);
  if (table.cohorts.length !== expected.length) {
    return `${table.cohorts.length} cohorts, expected ${expected.length}`;
  }
  for (const [i, want] of expected.entries()) {
    const got = table.cohorts[i] as TableLike["cohorts"][number];
    if (got.key !== want.key || got.size !== want.size) {
      return `cohort ${i} is ${got.key} of ${got.size}, expected ${want.key} of ${want.size}`;
    }
    const width = Math.max(got.active.length, ...want.active.keys());
    for (let k = 0; k < width; k += 1) {
      const active = want.active.get(k)?.size ?? 0;
      if ((got.active[k] ?? 0) !== active)
        return `${got.key} active[${k}] is ${got.active[k]}, expected ${active}`;
      const revenue = new Decimal(major(want.revenue.get(k) ?? 0n));
      const cell = got.revenue[k];
      if (!(cell ? cell.eq(revenue) : revenue.isZero())) {
        return `${got.key} revenue[${k}] is ${cell?.toString()}, expected ${revenue.toString()}`;
      }
    }
  }
  return undefined;
}

/** Every input form of the same events, each a named way of building the table. */
function forms(events: Event[], chunks: number[]): [string, () => unknown][] {
  const options = { period: "day" };
  const cents2 = { period: "day", minorUnits: 2 };
  const all = events.map((e) => e.cents ?? 0n);
  const columnsBase = { customerId: events.map(id), at: events.map(epoch) };
  const list: [string, () => unknown][] = [
    ["cohortAnalysis(rows, minorUnits 2)", () => cohortAnalysis(rowsMinor(events), cents2)],
    [
      "cohortAnalysis(generator of rows, minorUnits 2)",
      () =>
        cohortAnalysis(
          (function* () {
            yield* rowsMinor(events);
          })(),
          cents2,
        ),
    ],
    ["cohortAnalysis(rows, revenue strings)", () => cohortAnalysis(rowsMajor(events), options)],
    [
      "cohortAnalysis(columns of arrays, minorUnits 2)",
      () => cohortAnalysis({ ...columnsBase, revenue: all.map(minor) }, cents2),
    ],
    [
      "cohortAnalysis(columns, revenue strings)",
      () =>
        cohortAnalysis({ ...columnsBase, at: events.map(iso), revenue: all.map(major) }, options),
    ],
    [
      "cohortAnalysisAsync(async rows, minorUnits 2)",
      () =>
        cohortAnalysisAsync(
          (async function* () {
            yield* rowsMinor(events);
          })(),
          cents2,
        ),
    ],
    [
      "accumulator.add(chunks).result()",
      () => {
        const acc = createCohortAccumulator(cents2) as {
          add(e: unknown): unknown;
          result(): unknown;
        };
        const rows = rowsMinor(events);
        let at = 0;
        for (const size of chunks) {
          acc.add(rows.slice(at, at + size));
          at += size;
        }
        acc.add(rows.slice(at));
        return acc.result();
      },
    ],
    [
      "shards by customer, merged",
      () => {
        const shards = [0, 1, 2].map(
          () =>
            createCohortAccumulator(cents2) as {
              add(e: unknown): unknown;
              merge(o: unknown): unknown;
              result(): unknown;
            },
        );
        const rows = rowsMinor(events);
        for (const [i, row] of rows.entries()) {
          (shards[(events[i] as Event).customer % 3] as { add(e: unknown): unknown }).add([row]);
        }
        const [a, b, c] = shards as [(typeof shards)[0], (typeof shards)[0], (typeof shards)[0]];
        a.merge(b);
        a.merge(c);
        return a.result();
      },
    ],
    [
      "CohortAccumulator.fromJSON(JSON.stringify(accumulator)).result()",
      () => {
        const acc = createCohortAccumulator(cents2) as { add(e: unknown): unknown };
        acc.add(rowsMinor(events));
        return (
          CohortAccumulator.fromJSON(JSON.stringify(acc)) as unknown as { result(): unknown }
        ).result();
      },
    ],
  ];
  if (all.every((c) => c >= -(2n ** 53n) && c <= 2n ** 53n)) {
    list.push([
      "cohortAnalysis(columns with Float64Array revenue, minorUnits 2)",
      () => cohortAnalysis({ ...columnsBase, revenue: Float64Array.from(all, Number) }, cents2),
    ]);
  }
  if (all.every((c) => c >= -(2n ** 63n) && c < 2n ** 63n)) {
    list.push([
      "cohortAnalysis(columns with BigInt64Array revenue, minorUnits 2)",
      () => cohortAnalysis({ ...columnsBase, revenue: BigInt64Array.from(all) }, cents2),
    ]);
  }
  return list;
}

describe("the same events through every input form", () => {
  it("give the same table, equal to a direct computation", async () => {
    await fc.assert(
      fc.asyncProperty(eventLog, fc.array(fc.nat(10), { maxLength: 4 }), async (events, chunks) => {
        let reference: string | undefined;
        let referenceName = "";
        for (const [name, build] of forms(events, chunks)) {
          const table = (await succeeded(name, build, [])) as TableLike;
          const problem = tableProblem(table, events);
          if (problem) throw new Error(`${name}: ${problem}`);
          const text = canonical(table);
          if (reference === undefined) {
            reference = text;
            referenceName = name;
          } else if (text !== reference) {
            throw new Error(`${name} differs from ${referenceName}:\n${text}\n---\n${reference}`);
          }
        }
      }),
      { numRuns: 40, interruptAfterTimeLimit: 2_500, markInterruptAsFailure: false },
    );
  });

  it("rows beyond the column path's span keep their revenue in hundredths", async () => {
    const rows = [
      { customerId: "a", at: "2020-01-01T00:00:00Z", revenue: 100 },
      { customerId: "b", at: "2023-12-31T00:00:00Z", revenue: 200 },
      { customerId: "c", at: "2023-12-31T00:00:00Z", revenue: 10n ** 19n },
    ];
    const table = (await succeeded("cohortAnalysis", cohortAnalysis, [
      rows,
      { period: "day", minorUnits: 2 },
    ])) as TableLike;
    expect(table.cohorts.map((c) => c.revenue[0]?.toString())).toEqual(["1", "100000000000000002"]);
  });
});

describe("CohortAccumulator.fromJSON of a spoiled document", () => {
  it("gives a typed error naming CohortAccumulator.fromJSON, or an accumulator with a clean table", async () => {
    await fc.assert(
      fc.asyncProperty(
        eventLog,
        fc.array(fc.tuple(fc.nat(), garbage), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (events, spoils, asText) => {
          const acc = createCohortAccumulator({ period: "day", minorUnits: 2 }) as {
            add(e: unknown): unknown;
            toJSON(): unknown;
          };
          acc.add(rowsMinor(events));
          let doc: unknown = JSON.parse(JSON.stringify(acc.toJSON()));
          for (const [pick, leaf] of spoils) {
            const paths = leafPaths(doc);
            doc = replaceAt(doc, paths[pick % paths.length] as (string | number)[], leaf);
          }
          const input = asText ? jsonText(doc) : doc;
          const fromJSON = CohortAccumulator.fromJSON as unknown as AnyFunction;
          const outcome = await callChecked(
            "CohortAccumulator.fromJSON",
            fromJSON,
            [input],
            CohortAccumulator,
          );
          if (outcome.threw) return;
          const restored = outcome.value as { result: AnyFunction };
          await callChecked("CohortAccumulator.result", restored.result, [], restored);
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 1_500, markInterruptAsFailure: false },
    );
  });
});

// ---------------------------------------------------------------------------------------
// One meaning of a missing revenue

/** One checked call of an event-log function (several, for the accumulator's steps). */
type Runner = (rows: unknown[], period: string, timeZone: string) => Promise<Outcome>;

const direct =
  (name: string, options: (period: string, timeZone: string) => object): Runner =>
  (rows, period, timeZone) =>
    callChecked(name, fn(name), [rows, options(period, timeZone)]);

/** createCohortAccumulator, then `add`, then `result`: each checked under its own name. */
const accumulator: Runner = async (rows, period, timeZone) => {
  const made = await callChecked("createCohortAccumulator", createCohortAccumulator, [
    { period, timeZone },
  ]);
  if (made.threw) return made;
  const acc = made.value as { add: AnyFunction; result: AnyFunction };
  const added = await callChecked("CohortAccumulator.add", acc.add, [rows], acc);
  if (added.threw) return added;
  return callChecked("CohortAccumulator.result", acc.result, [], acc);
};

const EVENT_LOG_FUNCTIONS: [string, Runner][] = [
  ["cohortAnalysis", direct("cohortAnalysis", (period) => ({ period }))],
  ["cohortAnalysisAsync", direct("cohortAnalysisAsync", (period) => ({ period }))],
  ["CohortAccumulator", accumulator],
  [
    "summarizeTransactions",
    direct("summarizeTransactions", () => ({ observationEnd: "2024-12-31", unit: "week" })),
  ],
  ["rfmSegments", direct("rfmSegments", () => ({ asOf: "2025-01-01", bins: 2 }))],
  [
    "repeatPurchaseRetention",
    direct("repeatPurchaseRetention", () => ({
      periodStart: "2024-06-01",
      periodThrough: "2024-08-31",
    })),
  ],
];

/** The event-log functions (exports that read `{ customerId, at, revenue? }` rows). */
const EVENT_LOG_EXPORTS = [
  "cohortAnalysis",
  "cohortAnalysisAsync",
  "createCohortAccumulator",
  "summarizeTransactions",
  "rfmSegments",
  "repeatPurchaseRetention",
];

function outcomeText(outcome: Outcome): string {
  if (outcome.threw) return `error ${outcome.error.code} ${outcome.error.field}`;
  return JSON.stringify(outcome.value, (_, v) =>
    Decimal.isDecimal(v)
      ? (v as Decimal).toString()
      : v instanceof Map
        ? [...v]
        : typeof v === "bigint"
          ? `${v}n`
          : v,
  );
}

const revenueRows = fc.array(
  fc.record({
    customer: fc.integer({ min: 0, max: 5 }),
    day: fc.integer({ min: 0, max: 700 }),
    revenue: fc.option(fc.constantFrom("0", "12.50", "-3", "99.99", "250"), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 25 },
);

describe("a row without revenue", () => {
  it("covers every event-log function the library exports", () => {
    for (const name of EVENT_LOG_EXPORTS) expect(functions.map(([n]) => n)).toContain(name);
  });

  it("means the same in every event-log function: missing, undefined and null agree, or null is refused everywhere", async () => {
    await fc.assert(
      fc.asyncProperty(revenueRows, async (events) => {
        const variant = (missing: "absent" | "undefined" | "null") =>
          events.map((e) => {
            const row: Record<string, unknown> = {
              customerId: `c${e.customer}`,
              at: new Date(Date.UTC(2023, 0, 1) + e.day * DAY).toISOString(),
            };
            if (e.revenue !== undefined) row.revenue = e.revenue;
            else if (missing === "undefined") row.revenue = undefined;
            else if (missing === "null") row.revenue = null;
            return row;
          });
        const verdicts = new Map<string, string>();
        for (const [name, run] of EVENT_LOG_FUNCTIONS) {
          const texts: string[] = [];
          for (const missing of ["absent", "undefined", "null"] as const) {
            const outcome = await run(variant(missing), "month", "UTC");
            texts.push(outcomeText(outcome));
          }
          const [absent, undef, nul] = texts as [string, string, string];
          if (undef !== absent)
            throw new Error(
              `${name}: revenue undefined gives ${undef}, an absent revenue ${absent}`,
            );
          if (nul === absent) verdicts.set(name, "no revenue");
          else if (nul.startsWith("error ") && !absent.startsWith("error "))
            verdicts.set(name, "refused");
          else throw new Error(`${name}: revenue null gives ${nul}, an absent revenue ${absent}`);
        }
        const meanings = new Set(verdicts.values());
        if (meanings.size > 1) {
          throw new Error(
            `revenue: null means different things: ${show(Object.fromEntries(verdicts))} for ${show(variant("null"))}`,
          );
        }
      }),
      { numRuns: 30, interruptAfterTimeLimit: 2_000, markInterruptAsFailure: false },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Dates at the ends of the calendar and of the Date range

/** A call that allocates more than this (peak resident memory) fails with its input. */
const MEMORY_BUDGET_BYTES = 1024 ** 3;

const EDGE_DATES: unknown[] = [
  "0000-01-01",
  "0001-01-01T00:00:00Z",
  "0050-01-01",
  "0099-12-31",
  "0099-12-31T23:59:59Z",
  "0100-01-01",
  "9999-12-31",
  "9999-12-31T23:59:59.999Z",
  -8.64e15,
  8.64e15,
  -8.64e15 - 1,
  8.64e15 + 1,
  new Date(8.64e15),
  new Date(-8.64e15),
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "+010000-01-01T00:00:00Z",
  "1970-01-01T00:00:00+14:00",
  "2024-02-30",
  "2023-12-31T23:59:60Z",
];
const PERIODS = ["day", "week", "month", "quarter", "year"];
const ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Pacific/Chatham"];

const EDGE_CALLS: [string, Runner][] = [
  ["cohortAnalysis", direct("cohortAnalysis", (period, timeZone) => ({ period, timeZone }))],
  [
    "cohortAnalysisAsync",
    direct("cohortAnalysisAsync", (period, timeZone) => ({ period, timeZone })),
  ],
  ["CohortAccumulator", accumulator],
  [
    "summarizeTransactions",
    direct("summarizeTransactions", (unit, timeZone) => ({
      observationEnd: "9999-12-31",
      unit,
      timeZone,
    })),
  ],
  ["rfmSegments", direct("rfmSegments", () => ({ asOf: "9999-12-31" }))],
  [
    "repeatPurchaseRetention",
    direct("repeatPurchaseRetention", (_period, timeZone) => ({
      periodStart: "0050-01-01",
      periodThrough: "9999-12-30",
      timeZone,
    })),
  ],
];

describe("dates at the ends of the calendar and of the Date range", () => {
  it("give a typed error or a clean result in bounded time and memory, in every function, period and zone", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EDGE_DATES),
        fc.constantFrom(...EDGE_CALLS),
        fc.constantFrom(...PERIODS),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 1, max: 100 }),
        async (edge, [name, run], period, timeZone, customers) => {
          const rows: unknown[] = Array.from({ length: customers }, (_, i) => ({
            customerId: `c${i}`,
            at: "2024-01-01",
            revenue: "10",
          }));
          rows.push({ customerId: "c0", at: edge, revenue: "5" });
          const before = process.resourceUsage().maxRSS * 1024;
          await run(rows, period, timeZone);
          const grown = process.resourceUsage().maxRSS * 1024 - before;
          if (grown > MEMORY_BUDGET_BYTES) {
            throw new Error(
              `${name}(${show(rows, 300)}, ${period}, ${timeZone}) grew the peak memory by ${Math.round(grown / 1024 ** 2)} MB`,
            );
          }
        },
      ),
      { numRuns: 150, interruptAfterTimeLimit: 2_000, markInterruptAsFailure: false },
    );
  });

  it.each(["0000", "0001", "0050", "0099", "0100", "0999", "9999"])(
    "reads the year %s as written in every form",
    async (year) => {
      for (const at of [
        `${year}-03-15`,
        `${year}-03-15T12:00:00Z`,
        `${year}-03-15T12:00:00+01:00`,
      ]) {
        const table = (await succeeded("cohortAnalysis", cohortAnalysis, [
          [{ customerId: "a", at }],
          { period: "month" },
        ])) as TableLike;
        expect(table.cohorts.map((c) => c.key)).toEqual([`${year}-03`]);
      }
    },
  );
});
