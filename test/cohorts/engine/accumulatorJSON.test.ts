// CohortAccumulator.fromJSON validates the whole document; merge accepts only real
// accumulators; errors name the method the user called.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortAccumulatorJSON,
  type CohortTable,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";
import { metricErrorOf } from "../../_helpers.js";

const FN = "CohortAccumulator.fromJSON";

function shape(t: CohortTable) {
  return t.cohorts.map((c) => [c.key, c.size, [...c.active], c.revenue.map(String)]);
}

/** A valid document: two customers in January and February 2024. */
function sample(): CohortAccumulatorJSON {
  const acc = createCohortAccumulator({ period: "month" });
  acc.add([
    { customerId: "a", at: "2024-01-01", revenue: "1.5" },
    { customerId: "b", at: "2024-02-01" },
  ]);
  return acc.toJSON();
}

/** `sample()` with one change, as JSON text. */
function mutated(change: (doc: Record<string, unknown> & CohortAccumulatorJSON) => void): string {
  const doc = JSON.parse(JSON.stringify(sample()));
  change(doc);
  return JSON.stringify(doc);
}

const errorOf = (json: unknown) => {
  const e = metricErrorOf(() => CohortAccumulator.fromJSON(json as never));
  return [e.code, e.field, e.message.startsWith(`${FN}: ${e.field} `)];
};

describe("CohortAccumulator.fromJSON validates the document", () => {
  it("reproduces: null, missing fields, 'abc' revenue, options [], first 'zz' or 1e20, cohortAt 'x', key -5", () => {
    expect(errorOf("null")).toEqual(["INVALID_OPTION", "json", true]);
    expect(errorOf(null)).toEqual(["INVALID_OPTION", "json", true]);
    expect(errorOf("{}")).toEqual(["INVALID_OPTION", "format", true]);
    expect(errorOf(mutated((d) => delete (d as Record<string, unknown>).customers))).toEqual([
      "NOT_A_NUMBER",
      "customers",
      true,
    ]);
    expect(errorOf(mutated((d) => delete (d as Record<string, unknown>).entries))).toEqual([
      "NOT_A_NUMBER",
      "entries",
      true,
    ]);
    expect(errorOf(mutated((d) => ((d.entries.revenue as string[])[0] = "abc")))).toEqual([
      "NOT_A_NUMBER",
      "entries.revenue[0]",
      true,
    ]);
    expect(errorOf(mutated((d) => ((d as Record<string, unknown>).options = [])))).toEqual([
      "INVALID_OPTION",
      "options",
      true,
    ]);
    expect(errorOf(mutated((d) => ((d.first as unknown[])[0] = "zz")))).toEqual([
      "NOT_A_NUMBER",
      "first[0]",
      true,
    ]);
    expect(errorOf(mutated((d) => ((d.first as unknown[])[0] = 1e20)))).toEqual([
      "OUT_OF_RANGE",
      "first[0]",
      true,
    ]);
    expect(errorOf(mutated((d) => ((d.cohortAt as unknown[])[0] = "x")))).toEqual([
      "NOT_A_NUMBER",
      "cohortAt[0]",
      true,
    ]);
    // key -5 (month -5 of year 0, a valid period) contradicts first[0]
    expect(errorOf(mutated((d) => ((d.entries.key as number[])[0] = -5)))).toEqual([
      "INCONSISTENT",
      "first[0]",
      true,
    ]);
  });

  it("names the path of every other kind of bad field", () => {
    const cases: [(d: Record<string, unknown> & CohortAccumulatorJSON) => void, string, string][] =
      [
        [(d) => ((d as { version: unknown }).version = 3), "INVALID_OPTION", "version"],
        [
          (d) => ((d.options as { period: unknown }).period = "hour"),
          "INVALID_OPTION",
          "options.period",
        ],
        [
          (d) => delete (d.options as { period?: unknown }).period,
          "INVALID_OPTION",
          "options.period",
        ],
        [
          (d) => ((d.options as { timeZone: unknown }).timeZone = "Mars/Base"),
          "INVALID_OPTION",
          "options.timeZone",
        ],
        [
          (d) => ((d.options as { weekStartsOn: unknown }).weekStartsOn = 7),
          "INVALID_OPTION",
          "options.weekStartsOn",
        ],
        [
          (d) => ((d.options as { asOf: unknown }).asOf = "2024-01-01"),
          "NOT_A_NUMBER",
          "options.asOf",
        ],
        [(d) => ((d.options as { asOf: unknown }).asOf = 9e15), "INVALID_DATE", "options.asOf"],
        [
          (d) => ((d.options as { minorUnits: unknown }).minorUnits = 1.5),
          "NOT_INTEGER",
          "options.minorUnits",
        ],
        [(d) => ((d.customers as unknown[])[1] = { id: 1 }), "NOT_A_NUMBER", "customers[1]"],
        [(d) => ((d.customers as unknown[])[1] = "a"), "INCONSISTENT", "customers[1]"],
        [(d) => (d.first as unknown[]).push(24288), "INCONSISTENT", "first"],
        [(d) => ((d.first as unknown[])[1] = 24288.5), "NOT_INTEGER", "first[1]"],
        [(d) => ((d.cohortAt as unknown[])[1] = 9e15), "OUT_OF_RANGE", "cohortAt[1]"],
        [(d) => ((d.entries.customer as unknown[])[0] = 2), "OUT_OF_RANGE", "entries.customer[0]"],
        [(d) => ((d.entries.customer as unknown[])[0] = -1), "OUT_OF_RANGE", "entries.customer[0]"],
        [(d) => ((d.entries.customer as unknown[])[0] = 0.5), "NOT_INTEGER", "entries.customer[0]"],
        [(d) => ((d.entries.customer as unknown[])[1] = 0), "INCONSISTENT", "customers[1]"],
        [(d) => (d.entries.key as unknown[]).pop(), "INCONSISTENT", "entries.key"],
        [(d) => ((d.entries.key as unknown[])[0] = Number.NaN), "NOT_A_NUMBER", "entries.key[0]"],
        [(d) => ((d.entries.key as unknown[])[1] = 24288), "INCONSISTENT", "first[1]"],
        [(d) => ((d.entries.revenue as unknown[])[0] = 150), "NOT_A_NUMBER", "entries.revenue[0]"],
        [
          (d) => ((d.entries.revenue as unknown[])[0] = "1e400"),
          "NOT_FINITE",
          "entries.revenue[0]",
        ],
      ];
    for (const [change, code, field] of cases) {
      const doc = JSON.parse(JSON.stringify(sample()));
      change(doc);
      expect(errorOf(doc)).toEqual([code, field, true]);
    }
    // a repeated (customer, period) entry
    const twice = JSON.parse(JSON.stringify(sample()));
    twice.entries.customer.push(0);
    twice.entries.key.push(24288);
    twice.entries.revenue.push("1");
    twice.entries.active.push(1);
    expect(errorOf(twice)).toEqual(["INCONSISTENT", "entries.key[2]", true]);
    // keys of a document with asOf must lie before it
    // (a date-only asOf names the last day observed: March is not observed after 2024-02-29)
    const acc = createCohortAccumulator({ period: "month", asOf: "2024-02-29" });
    acc.add([{ customerId: "a", at: "2024-02-10" }]);
    const late = JSON.parse(JSON.stringify(acc.toJSON()));
    late.entries.key[0] = 24290;
    expect(errorOf(late)).toEqual(["OUT_OF_RANGE", "entries.key[0]", true]);
    late.first[0] = 24290;
    expect(errorOf(late)).toEqual(["OUT_OF_RANGE", "first[0]", true]);
  });

  it("checks accessor options and options that must agree with the document", () => {
    const json = JSON.stringify(sample());
    expect(codeAndField(() => CohortAccumulator.fromJSON(json, { at: 5 as never }))).toBe(
      "INVALID_OPTION at",
    );
    expect(codeAndField(() => CohortAccumulator.fromJSON(json, { period: "week" }))).toBe(
      "INCONSISTENT period",
    );
    expect(codeAndField(() => CohortAccumulator.fromJSON(json, [] as never))).toBe(
      "INVALID_OPTION options",
    );
    expect(shape(CohortAccumulator.fromJSON(json, { period: "month" }).result())).toEqual(
      shape(CohortAccumulator.fromJSON(json).result()),
    );
  });

  it("restores the table of the document (round trip)", () => {
    expect(shape(CohortAccumulator.fromJSON(JSON.stringify(sample())).result())).toEqual([
      ["2024-01", 1, [1, 0], ["1.5", "0"]],
      ["2024-02", 1, [1], ["0"]],
    ]);
  });
});

describe("CohortAccumulator keeps every kind of customer id exactly", () => {
  // Short Latin-1 strings and int32 numbers are held in a packed form and made again from it;
  // the others are held as given. Each must come back as the same string or number.
  const ids: (string | number)[] = [
    "",
    "a",
    "\u0000",
    "\u0000\u0000",
    "ÿé ~",
    "12345678901",
    "123456789012",
    "ids-longer-than-eleven",
    "ü€",
    "😀",
    "7",
    7,
    0,
    -1,
    2147483647,
    -2147483648,
    2147483648,
    2 ** 53 - 1,
    -(2 ** 40),
    0.5,
    -1e-300,
  ];

  it("returns each id, string or number, in toJSON after add and after merge", () => {
    const rows = ids.map((customerId, i) => ({
      customerId,
      at: Date.UTC(2024, i % 3, 5),
      revenue: String(i + 1),
    }));
    const one = createCohortAccumulator({ period: "month" }).add(rows);
    const sorted = (list: readonly unknown[]) =>
      [...list].map((id) => `${typeof id}:${String(id)}`).sort();
    expect(sorted(one.toJSON().customers)).toEqual(sorted(ids));
    // shards that share customers: the second also has activity of the first ten
    const visits = rows.slice(0, 10).map((r) => ({ customerId: r.customerId, at: r.at + 1 }));
    const a = createCohortAccumulator({ period: "month" }).add(rows.slice(0, 10));
    const b = createCohortAccumulator({ period: "month" }).add([...rows.slice(10), ...visits]);
    const merged = a.merge(b).toJSON();
    expect(sorted(merged.customers)).toEqual(sorted(ids));
    expect(shape(CohortAccumulator.fromJSON(JSON.stringify(merged)).result())).toEqual(
      shape(one.result()),
    );
    // 21 customers: 7 in each of January, February and March 2024
    expect(one.result().cohorts.map((c) => c.size)).toEqual([7, 7, 7]);
  });

  it("tells apart ids that differ only in type or in a trailing NUL", () => {
    const acc = createCohortAccumulator({ period: "month" }).add([
      { customerId: "1", at: "2024-01-02" },
      { customerId: 1, at: "2024-02-02" },
      { customerId: "\u0000", at: "2024-03-02" },
      { customerId: "", at: "2024-03-03" },
    ]);
    expect(acc.result().cohorts.map((c) => c.size)).toEqual([1, 1, 2]);
    expect(
      acc
        .toJSON()
        .customers.map((id) => JSON.stringify(id))
        .sort(),
    ).toEqual(['""', '"1"', '"\\u0000"', "1"]);
  });
});

function codeAndField(f: () => unknown): string {
  const e = metricErrorOf(f);
  return `${e.code} ${e.field}`;
}

/** Every path (list of keys) of a JSON document, interior nodes included, root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const out: (string | number)[][] = [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function replaced(doc: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1] as string] = value;
  return copy;
}

/** Random valid documents: a few customers over a few months, any options. */
const documents = fc
  .record({
    period: fc.constantFrom("day", "week", "month", "quarter", "year"),
    boundaries: fc.constantFrom("calendar", "rolling"),
    timeZone: fc.constantFrom("UTC", "Asia/Kathmandu", "America/Los_Angeles"),
    minorUnits: fc.option(fc.constantFrom(0, 2), { nil: undefined }),
    cohortOf: fc.boolean(),
    events: fc.array(
      fc.record({
        customerId: fc.oneof(fc.constantFrom("a", "b", "c"), fc.integer({ min: 0, max: 3 })),
        day: fc.integer({ min: 0, max: 120 }),
        revenue: fc.oneof(fc.constant(undefined), fc.integer({ min: -500, max: 500 })),
        signup: fc.integer({ min: -60, max: 0 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ period, boundaries, timeZone, minorUnits, cohortOf, events }) => {
    const options = {
      period,
      timeZone,
      boundaries: period === "quarter" || period === "year" ? "calendar" : boundaries,
      ...(minorUnits === undefined ? {} : { minorUnits }),
      ...(cohortOf ? { cohortOf: (r: { signup: number }) => Date.UTC(2024, 0, 1 + r.signup) } : {}),
    } as never;
    const acc = createCohortAccumulator(options);
    acc.add(
      events.map((e) => ({
        customerId: e.customerId,
        at: Date.UTC(2024, 0, 1 + e.day, 10),
        revenue: e.revenue,
        signup: e.signup,
      })) as never,
    );
    return acc.toJSON();
  });

/** Values that are not valid anywhere in a document. */
const garbage = fc.oneof(
  fc.constantFrom(
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    true,
    false,
    Symbol("x"),
    () => 1,
    new Date(0),
    10n,
  ),
  fc.constant({}),
  fc.constant([[]]),
);

describe("CohortAccumulator.fromJSON on mutated documents (property)", () => {
  it("throws MetricInputError naming the function for any field replaced by garbage", () => {
    fc.assert(
      fc.property(
        documents.chain((doc) =>
          fc.tuple(fc.constant(doc), fc.constantFrom(...paths(doc)), garbage),
        ),
        ([doc, path, value]) => {
          const bad = replaced(doc, path, value);
          const e = metricErrorOf(() => CohortAccumulator.fromJSON(bad as never));
          expect(e.message.startsWith(`${FN}: `)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("either throws MetricInputError or restores an accumulator that round-trips, for any JSON value anywhere", () => {
    fc.assert(
      fc.property(
        documents.chain((doc) =>
          fc.tuple(fc.constant(doc), fc.constantFrom(...paths(doc)), fc.jsonValue()),
        ),
        ([doc, path, value]) => {
          const text = JSON.stringify(replaced(doc, path, value));
          let back: CohortAccumulator;
          try {
            back = CohortAccumulator.fromJSON(text);
          } catch (error) {
            expect(error).toBeInstanceOf(MetricInputError);
            expect((error as Error).message.startsWith(`${FN}: `)).toBe(true);
            return;
          }
          let table: CohortTable;
          try {
            table = back.result();
          } catch (error) {
            // only the documented refusal of a table beyond the size limit
            expect((error as MetricInputError).code).toBe("OUT_OF_RANGE");
            return;
          }
          const again = CohortAccumulator.fromJSON(JSON.stringify(back.toJSON())).result();
          expect(shape(again)).toEqual(shape(table));
          if (JSON.stringify(replaced(doc, path, value)) === JSON.stringify(doc)) {
            expect(shape(table)).toEqual(
              shape(CohortAccumulator.fromJSON(JSON.stringify(doc)).result()),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("round-trips every valid document to the same table", () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const a = CohortAccumulator.fromJSON(doc);
        const b = CohortAccumulator.fromJSON(JSON.stringify(doc));
        expect(shape(b.result())).toEqual(shape(a.result()));
        expect(b.toJSON()).toEqual(doc);
      }),
      { numRuns: 100 },
    );
  });
});

describe("CohortAccumulator.merge and the names in errors", () => {
  it("reproduces: merging an object made from the prototype threw a TypeError", () => {
    const acc = createCohortAccumulator();
    const e = metricErrorOf(() => acc.merge(Object.create(CohortAccumulator.prototype)));
    expect([e.code, e.field]).toEqual(["NOT_A_NUMBER", "other"]);
    expect(e.message).toMatch(/^CohortAccumulator\.merge: other must be a CohortAccumulator/);
    for (const other of [null, undefined, 5, {}, []]) {
      expect(codeAndField(() => acc.merge(other as never))).toBe("NOT_A_NUMBER other");
    }
  });
  it("refuses to merge accumulators of different options", () => {
    const acc = createCohortAccumulator({ period: "month" });
    for (const options of [
      { period: "week" },
      { timeZone: "Asia/Kathmandu" },
      { boundaries: "rolling" },
      { asOf: "2024-01-01" },
      { minorUnits: 2 },
      { period: "week", weekStartsOn: 0 },
    ] as const) {
      const e = metricErrorOf(() => acc.merge(createCohortAccumulator(options as never)));
      expect([e.code, e.field]).toEqual(["INCONSISTENT", "other"]);
      expect(e.message).toMatch(/^CohortAccumulator\.merge: other must have the same options/);
    }
  });
  it("reproduces: add() and fromJSON() named createCohortAccumulator", () => {
    const acc = createCohortAccumulator();
    expect(metricErrorOf(() => acc.add([{ customerId: 1, at: "x" }])).message).toBe(
      'CohortAccumulator.add: events[0].at must be an ISO-8601 date or date-time (received "x")',
    );
    expect(metricErrorOf(() => acc.add(5 as never)).message).toMatch(/^CohortAccumulator\.add: /);
    expect(
      metricErrorOf(() => acc.add({ customerId: [1], at: [0], revenue: ["x"] })).message,
    ).toMatch(/^CohortAccumulator\.add: events\[0\]\.revenue /);
    const doc = sample();
    expect(
      metricErrorOf(() =>
        CohortAccumulator.fromJSON({
          ...doc,
          options: { ...doc.options, period: "hour" as never },
        }),
      ).message,
    ).toMatch(/^CohortAccumulator\.fromJSON: options\.period /);
    // the accumulator keeps working, and names createCohortAccumulator for its own options
    acc.add([{ customerId: 1, at: 0 }]);
    expect(acc.result().cohorts[0]?.key).toBe("1970-01");
    expect(
      metricErrorOf(() => createCohortAccumulator({ period: "hour" as never })).message,
    ).toMatch(/^createCohortAccumulator: period /);
  });
});
