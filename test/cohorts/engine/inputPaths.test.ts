// Every input path of the cohort engine gives the same, exactly correct table, for amounts
// around 2^53 minor units and spans around every internal size limit of the engine:
// 32 periods (one mask word), 1,024 periods (the column path's SPAN), 65,536 rows (the
// row chunk of addRows and cohortAnalysisAsync), 2^20 days (DayPeriods' lookup table) and
// 2^21 hours (ZoneClock's offset cache). The expected table is computed here, from the
// events, with BigInt sums: no part of the library is used for it.
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortOptions,
  type CohortTable,
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
} from "../../../src/index.js";

const DAY = 86_400_000;
const D0 = Date.UTC(2020, 0, 1) / DAY;

interface Event {
  customerId: number;
  at: number;
  revenue: number | string | bigint;
}

/** A decimal string (or number, bigint) as a BigInt count of 10^-scale units. */
function units(value: number | string | bigint, scale: number): bigint {
  if (typeof value === "bigint") return value * 10n ** BigInt(scale);
  const text = typeof value === "number" ? String(value) : value;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`test amount not plain: ${text}`);
  const frac = (m[3] ?? "").padEnd(scale, "0");
  if (frac.length > scale) throw new Error(`test amount too precise: ${text}`);
  const v = BigInt((m[2] as string) + frac);
  return m[1] === "-" ? -v : v;
}

/** A BigInt count of 10^-scale units as the shortest decimal string (Decimal#toString form). */
function decimal(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  const s = frac === "" ? int : `${int}.${frac}`;
  return neg && s !== "0" ? `-${s}` : s;
}

/**
 * The expected daily table (UTC days, or the days of a zone whose offset is `offsetMs`
 * throughout): per cohort day, size, active and revenue strings. `scale`: decimal places of
 * the currency amounts the events hold (with minorUnits the events are integers of
 * 10^-minorUnits). The default event rules: a refund (negative revenue) is netted into the
 * revenue of its day but makes no customer active; the cohort is the first other event's day.
 */
function expected(events: readonly Event[], minorUnits: number | null, offsetMs = 0, week = false) {
  const scale = minorUnits === null ? 12 : 0;
  // weeks starting on Sunday: 1970-01-01 was a Thursday, so Sunday 1969-12-28 is day -4
  const day = (t: number) =>
    week
      ? Math.floor((Math.floor((t + offsetMs) / DAY) + 4) / 7) * 7 - 4
      : Math.floor((t + offsetMs) / DAY);
  const step = week ? 7 : 1;
  const refund = (e: Event) => units(e.revenue, scale) < 0n;
  const first = new Map<number, number>();
  for (const e of events) {
    if (refund(e)) continue;
    const d = day(e.at);
    const f = first.get(e.customerId);
    if (f === undefined || d < f) first.set(e.customerId, d);
  }
  // events that count: of a customer with a cohort, on or after the cohort's day
  const counted = events.filter((e) => {
    const f = first.get(e.customerId);
    return f !== undefined && day(e.at) >= f;
  });
  const last = Math.max(...counted.map((e) => day(e.at)));
  const cohorts = [...new Set(first.values())].sort((a, b) => a - b);
  return cohorts.map((c) => {
    const len = (last - c) / step + 1;
    const active = Array.from({ length: len }, () => new Set<number>());
    const revenue = new Array<bigint>(len).fill(0n);
    for (const e of counted) {
      if (first.get(e.customerId) !== c) continue;
      const k = (day(e.at) - c) / step;
      if (!refund(e)) active[k]?.add(e.customerId);
      revenue[k] = (revenue[k] as bigint) + units(e.revenue, scale);
    }
    const shown = minorUnits === null ? scale : minorUnits;
    return {
      key: new Date(c * DAY).toISOString().slice(0, 10),
      size: [...first.values()].filter((f) => f === c).length,
      active: active.map((s) => s.size),
      revenue: revenue.map((v) => decimal(v, shown)),
    };
  });
}

function shape(t: CohortTable) {
  return t.cohorts.map((c) => ({
    key: c.key,
    size: c.size,
    active: [...c.active],
    revenue: c.revenue.map(String),
  }));
}

async function* asyncRows<T>(rows: readonly T[]) {
  for (const r of rows) yield r;
}

/** The table through every input path, each labelled. */
async function everyPath(
  events: readonly Event[],
  options: CohortOptions,
  typed: boolean,
): Promise<[string, ReturnType<typeof shape>][]> {
  const rows = events.map((e) => Object.freeze({ ...e }));
  const cols = {
    customerId: events.map((e) => e.customerId),
    at: events.map((e) => e.at),
    revenue: events.map((e) => e.revenue),
  };
  const out: [string, ReturnType<typeof shape>][] = [];
  out.push(["rows array", shape(cohortAnalysis(rows, options))]);
  out.push([
    "rows generator",
    shape(
      cohortAnalysis(
        (function* () {
          yield* rows;
        })(),
        options,
      ),
    ),
  ]);
  out.push(["columns of arrays", shape(cohortAnalysis(cols, options))]);
  out.push([
    "columns, strings",
    shape(cohortAnalysis({ ...cols, revenue: cols.revenue.map(String) }, options)),
  ]);
  if (typed) {
    const ids = Float64Array.from(cols.customerId);
    const at = Float64Array.from(cols.at);
    out.push([
      "columns, Float64Array",
      shape(
        cohortAnalysis(
          { customerId: ids, at, revenue: Float64Array.from(cols.revenue, Number) },
          options,
        ),
      ),
    ]);
    out.push([
      "columns, BigInt64Array",
      shape(
        cohortAnalysis(
          { customerId: ids, at, revenue: BigInt64Array.from(cols.revenue, (v) => BigInt(v)) },
          options,
        ),
      ),
    ]);
  }
  out.push(["cohortAnalysisAsync", shape(await cohortAnalysisAsync(asyncRows(rows), options))]);
  const chunked = createCohortAccumulator(options);
  const third = Math.ceil(rows.length / 3);
  for (let i = 0; i < rows.length; i += third) chunked.add(rows.slice(i, i + third));
  out.push(["accumulator add in chunks", shape(chunked.result())]);
  const shards = [0, 1, 2].map((s) =>
    createCohortAccumulator(options).add(rows.filter((_, i) => i % 3 === s)),
  );
  const merged = (shards[0] as CohortAccumulator)
    .merge(shards[1] as never)
    .merge(shards[2] as never);
  out.push(["accumulator merge of shards", shape(merged.result())]);
  const back = CohortAccumulator.fromJSON(JSON.stringify(merged.toJSON()));
  out.push(["toJSON / fromJSON", shape(back.result())]);
  return out;
}

/** Events on cohort days `days` (offsets from D0), with amounts cycled from `amounts`. */
function eventsOn(days: readonly number[], amounts: readonly (number | string | bigint)[]) {
  const events: Event[] = [];
  let a = 0;
  const next = () => amounts[a++ % amounts.length] as number | string | bigint;
  days.forEach((d, c) => {
    // customer c starts on day d; customer 0 is also active on every later day listed
    events.push({ customerId: c, at: (D0 + d) * DAY + 3_600_000, revenue: next() });
    events.push({ customerId: c, at: (D0 + d) * DAY + 7_200_000, revenue: next() });
    if (c > 0) events.push({ customerId: 0, at: (D0 + d) * DAY, revenue: next() });
  });
  const lastDay = Math.max(...days);
  events.push({ customerId: days.length - 1, at: (D0 + lastDay) * DAY + 5, revenue: next() });
  return events;
}

function daysFor(span: number): number[] {
  if (span > 4096) return [0, span - 1]; // two cohorts keep the table small
  return [...new Set([0, 1, Math.floor(span / 2), span - 2, span - 1])].filter(
    (d) => d >= 0 && d < span,
  );
}

const MAX = 2n ** 53n;
/**
 * Minor units around 2^53: exact as bigints and strings; numbers only where a double holds
 * them. (A number's amount is its shortest decimal form, `String(n)`, as everywhere in the
 * library: a double of 2^62 is read as 4611686018427388000, its BigInt as 2^62 exactly; the
 * typed-array amounts below are doubles whose decimal form is exact.)
 */
const MINOR: (number | string | bigint)[] = [
  Number(MAX - 1n),
  MAX,
  `${MAX + 1n}`,
  10n ** 19n,
  -(MAX - 1n),
  -MAX,
  `${-(MAX + 1n)}`,
  -(10n ** 19n),
  250,
  -1,
];
/** The same amounts as typed arrays can hold them (Float64Array rounds 2^53 + 1). */
const MINOR_TYPED: (number | bigint)[] = [
  Number(MAX - 1n),
  MAX,
  -(MAX - 1n),
  -MAX,
  MAX + 2n,
  10n ** 18n,
  -(10n ** 18n),
  MAX * 1000n,
  250,
  -1,
];
/** Currency amounts without minorUnits: around 2^53 cents, sub-cent, fractional. */
const MAJOR: (number | string)[] = [
  "90071992547409.91",
  "90071992547409.92",
  "90071992547409.93",
  "100000000000000000",
  "-90071992547409.91",
  "-90071992547409.93",
  "0.005",
  "2.5",
  12.34,
  "-0.000000000001",
];

const SPANS = [1, 2, 31, 32, 33, 63, 64, 65, 1023, 1024, 1025, 1026];

describe("cohortAnalysis: every input path, exact revenue", () => {
  it("reproduces: an array of rows over more than 1,024 days kept minor units as read", () => {
    const rows = [
      { customerId: "a", at: "2020-01-01T00:00:00Z", revenue: 100 },
      { customerId: "b", at: "2023-12-31T00:00:00Z", revenue: 200 },
      { customerId: "c", at: "2023-12-31T00:00:00Z", revenue: 10n ** 19n },
    ];
    const revenue = (t: CohortTable) => t.cohorts.map((c) => c.revenue[0]?.toString());
    // 100 + (200 + 10^19) cents: '1' and '100000000000000002' (divided by 100 once)
    expect(revenue(cohortAnalysis(rows, { period: "day", minorUnits: 2 }))).toEqual([
      "1",
      "100000000000000002",
    ]);
    expect(revenue(cohortAnalysis(rows.values(), { period: "day", minorUnits: 2 }))).toEqual([
      "1",
      "100000000000000002",
    ]);
    // 250 cents was refused as 'Decimal(2.5)' minor units
    const odd = [rows[0], { ...rows[2], revenue: 250 }, { ...rows[2], customerId: "d" }];
    expect(revenue(cohortAnalysis(odd as never, { period: "day", minorUnits: 2 }))).toEqual([
      "1",
      "100000000000000002.5",
    ]);
  });

  for (const span of SPANS) {
    it(`gives the same exact table on every path over ${span} days (minor units)`, async () => {
      const events = eventsOn(daysFor(span), MINOR);
      const want = expected(events, 2);
      for (const [path, got] of await everyPath(events, { period: "day", minorUnits: 2 }, false)) {
        expect({ path, got }).toEqual({ path, got: want });
      }
    });
    it(`gives the same exact table on every path over ${span} days (typed arrays)`, async () => {
      const events = eventsOn(daysFor(span), MINOR_TYPED);
      const want = expected(events, 2);
      for (const [path, got] of await everyPath(events, { period: "day", minorUnits: 2 }, true)) {
        expect({ path, got }).toEqual({ path, got: want });
      }
    });
    it(`gives the same exact table on every path over ${span} days (currency amounts)`, async () => {
      const events = eventsOn(daysFor(span), MAJOR);
      const want = expected(events, null);
      for (const [path, got] of await everyPath(events, { period: "day" }, false)) {
        expect({ path, got }).toEqual({ path, got: want });
      }
    });
  }

  for (const n of [65_535, 65_536, 65_537]) {
    it(`gives the same exact table on every path for ${n} rows (the row chunk)`, async () => {
      const events: Event[] = Array.from({ length: n }, (_, i) => ({
        customerId: i % 7,
        at: (D0 + ((i * 13) % 40)) * DAY,
        revenue: MINOR[i % MINOR.length] as number | string | bigint,
      }));
      const want = expected(events, 2);
      for (const [path, got] of await everyPath(events, { period: "day", minorUnits: 2 }, false)) {
        expect({ path, got }).toEqual({ path, got: want });
      }
    });
  }

  it("gives the same exact table on every path over 2^20 + 1 days (the day lookup table), in weeks", async () => {
    const span = 2 ** 20 + 1;
    for (const [amounts, minorUnits] of [
      [MINOR_TYPED, 2],
      [MAJOR, null],
    ] as const) {
      const events = eventsOn([0, 3, span - 1], amounts);
      const want = expected(events, minorUnits, 0, true);
      const options = {
        period: "week",
        weekStartsOn: 0,
        ...(minorUnits === null ? {} : { minorUnits }),
      } as const;
      for (const [path, got] of await everyPath(events, options, minorUnits !== null)) {
        expect({ path, got }).toEqual({ path, got: want });
      }
    }
  });

  it("gives the same exact table for 2^21 + 1 column entries (the column chunk)", () => {
    const n = 2 ** 21 + 1;
    const ids = new Float64Array(n);
    const at = new Float64Array(n);
    const cents = new Float64Array(n);
    const big = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = (i * 7919) % 5003;
      at[i] = (D0 + ((i * 31) % 40)) * DAY;
      // small amounts, and one in 997 from around 2^53
      const v =
        i % 997 === 0
          ? (MINOR_TYPED[(i / 997) % MINOR_TYPED.length] as number | bigint)
          : (i % 201) - 100;
      cents[i] = Number(v);
      big[i] = BigInt(v);
    }
    // the expected table in one pass: first day per customer, then BigInt sums per cell
    const first = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const d = (at[i] as number) / DAY;
      const id = ids[i] as number;
      if (!((first.get(id) as number) <= d)) first.set(id, d);
    }
    // cells (cohort day - D0) * 40 + k: distinct ids through a seen-mark per cell and id
    const seen = new Uint8Array(40 * 40 * 5003);
    const active = new Int32Array(40 * 40);
    const sums = new Array<bigint>(40 * 40).fill(0n);
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      const c = first.get(id) as number;
      const cell = (c - D0) * 40 + (at[i] as number) / DAY - c;
      if (seen[cell * 5003 + id] === 0) {
        seen[cell * 5003 + id] = 1;
        active[cell] = (active[cell] as number) + 1;
      }
      sums[cell] = (sums[cell] as bigint) + (big[i] as bigint);
    }
    const last = D0 + 39;
    const want = [...new Set(first.values())]
      .sort((a, b) => a - b)
      .map((c) => ({
        key: new Date(c * DAY).toISOString().slice(0, 10),
        size: [...first.values()].filter((f) => f === c).length,
        active: Array.from({ length: last - c + 1 }, (_, k) => active[(c - D0) * 40 + k]),
        revenue: Array.from({ length: last - c + 1 }, (_, k) =>
          decimal(sums[(c - D0) * 40 + k] as bigint, 2),
        ),
      }));
    const options = { period: "day", minorUnits: 2 } as const;
    const cols = { customerId: ids, at, revenue: cents };
    expect(shape(cohortAnalysis(cols, options))).toEqual(want);
    expect(shape(createCohortAccumulator(options).add(cols).result())).toEqual(want);
    expect(
      shape(
        createCohortAccumulator(options)
          .add({ ...cols, revenue: big })
          .result(),
      ),
    ).toEqual(want);
  });

  it("gives the same exact table on every path beyond the zone clock's 2^21-hour cache", async () => {
    // Asia/Kathmandu has been UTC+5:45 throughout since 1986 (IANA tz database).
    const span = 2 ** 21 / 24 + 2;
    const events = eventsOn([0, 1, span - 1], MINOR_TYPED);
    const want = expected(events, 2, (5 * 60 + 45) * 60_000);
    const options = { period: "day", minorUnits: 2, timeZone: "Asia/Kathmandu" } as const;
    for (const [path, got] of await everyPath(events, options, true)) {
      expect({ path, got }).toEqual({ path, got: want });
    }
  });
});
