import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortTable,
  cohortAnalysis,
  createCohortAccumulator,
  MetricInputError,
} from "../../../src/index.js";

const DAY = 86_400_000;
const shape = (t: CohortTable) =>
  t.cohorts.map((c) => [
    c.key,
    c.start,
    c.size,
    [...c.active],
    c.revenue.map(String),
    [...c.complete],
  ]);

const event = fc.record({
  customerId: fc.oneof(fc.constantFrom("a", "b", "c", "d"), fc.integer({ min: 0, max: 4 })),
  at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) }),
  revenue: fc.oneof(
    fc.integer({ min: -1000, max: 90_000 }).map((c) => (c / 100).toFixed(2)),
    fc.constant("0.005"),
  ),
});

describe("createCohortAccumulator", () => {
  it("computes the documented example", () => {
    const a = createCohortAccumulator({ period: "month" });
    const b = createCohortAccumulator({ period: "month" });
    a.add([{ customerId: "u1", at: "2024-01-05T10:00:00Z", revenue: "10.00" }]);
    b.add([{ customerId: "u1", at: "2024-02-07T10:00:00Z", revenue: "5.50" }]);
    expect(a.merge(b).result().cohorts[0]?.active).toEqual([1, 1]);
    expect(a).toBeInstanceOf(CohortAccumulator);
  });

  it("merges shards split by customer to the single-pass table (property)", () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("calendar", "rolling"),
        (events, shards, boundaries) => {
          const opts = { period: "week" as const, timeZone: "Europe/Berlin", boundaries } as const;
          const accs = Array.from({ length: shards }, () => createCohortAccumulator(opts));
          for (const e of events) {
            const h = [...(String(e.customerId) + typeof e.customerId)].reduce(
              (s, ch) => s + ch.charCodeAt(0),
              0,
            );
            accs[h % shards]?.add([e]);
          }
          const merged = accs.reduce((x, y) => x.merge(y));
          expect(shape(merged.result())).toEqual(shape(cohortAnalysis(events, opts)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("merges arbitrary shards that share customers exactly, in batches of rows or columns (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(event, fc.nat(3)), { minLength: 1, maxLength: 40 }),
        (tagged) => {
          const events = tagged.map(([e]) => e);
          const opts = { period: "month" as const, asOf: Date.UTC(2024, 9, 15) };
          const accs = [0, 1, 2, 3].map(() => createCohortAccumulator(opts));
          tagged.forEach(([e, s], i) => {
            if (i % 2 === 0) accs[s]?.add([e]);
            else accs[s]?.add({ customerId: [e.customerId], at: [e.at], revenue: [e.revenue] });
          });
          const merged = createCohortAccumulator(opts);
          for (const a of accs.reverse()) merged.merge(a);
          const expected = cohortAnalysis(events, opts);
          expect(shape(merged.result())).toEqual(shape(expected));
          expect(merged.result().retention({ mode: { brackets: [[1, 2]] } })).toEqual(
            expected.retention({ mode: { brackets: [[1, 2]] } }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("round-trips through JSON exactly", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 30 }),
        fc.constantFrom("calendar", "rolling"),
        (events, boundaries) => {
          const opts = { period: "day" as const, timeZone: "Asia/Kathmandu", boundaries } as const;
          const acc = createCohortAccumulator(opts).add(events);
          const text = JSON.stringify(acc);
          const back = CohortAccumulator.fromJSON(text);
          expect(shape(back.result())).toEqual(shape(acc.result()));
          expect(shape(CohortAccumulator.fromJSON(acc.toJSON()).result())).toEqual(
            shape(acc.result()),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps revenue beyond 2^53 units and cohort dates through JSON and merge", () => {
    type Row = { id: string; s: string; t: number; v: bigint };
    const opts = {
      minorUnits: 2,
      cohortOf: (r: Row) => r.s,
      customerId: (r: Row) => r.id,
      at: (r: Row) => r.t,
      revenue: (r: Row) => r.v,
    };
    const rows = [
      { id: "a", s: "2023-12-01T00:00:00Z", t: Date.UTC(2024, 0, 2), v: 2n ** 60n },
      { id: "a", s: "2023-12-01T00:00:00Z", t: Date.UTC(2024, 0, 3), v: 2n ** 60n },
    ];
    const acc = createCohortAccumulator(opts).add(rows);
    const back = CohortAccumulator.fromJSON<Row>(acc.toJSON(), opts);
    expect(back.result().cohorts[0]?.revenue.map(String)).toEqual(["0", "23058430092136939.52"]);
    expect(back.result().cohorts[0]?.key).toBe("2023-12");
    back.merge(
      createCohortAccumulator({ minorUnits: 2 }).add([
        { customerId: "a", at: Date.UTC(2024, 0, 9), revenue: 1 },
      ]),
    );
    expect(back.result().cohorts[0]?.revenue[1]?.toString()).toBe("23058430092136939.53");
  });

  it("can keep adding after result()", () => {
    const acc = createCohortAccumulator({ period: "day" });
    acc.add([{ customerId: 1, at: 0 }]);
    const first = acc.result();
    acc.add([{ customerId: 1, at: DAY }]);
    expect(first.cohorts[0]?.active).toEqual([1]);
    expect(acc.result().cohorts[0]?.active).toEqual([1, 1]);
  });

  it("handles many customers and events per partition (growth paths)", () => {
    const n = 50_000;
    const ids = new Float64Array(n);
    const at = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = (i * 7919) % 20_011;
      at[i] = Date.UTC(2024, 0, 1) + ((i * 104_729) % (200 * DAY));
    }
    const t = cohortAnalysis({ customerId: ids, at });
    expect(t.cohorts.reduce((s, c) => s + c.size, 0)).toBe(20_011);
  });

  it("rejects merging different options, itself, or non-accumulators", () => {
    const a = createCohortAccumulator({ period: "month" });
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MetricInputError);
        return (e as MetricInputError).code;
      }
      return "none";
    };
    expect(codeOf(() => a.merge(createCohortAccumulator({ period: "week" })))).toBe("INCONSISTENT");
    expect(codeOf(() => a.merge(a))).toBe("INCONSISTENT");
    expect(codeOf(() => a.merge({} as never))).toBe("NOT_A_NUMBER");
    expect(codeOf(() => CohortAccumulator.fromJSON("{"))).toBe("INVALID_OPTION");
    expect(codeOf(() => CohortAccumulator.fromJSON({ format: "x" } as never))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => CohortAccumulator.fromJSON({ ...a.toJSON(), first: [1] }))).toBe(
      "INCONSISTENT",
    );
    expect(codeOf(() => createCohortAccumulator({ period: "hour" as never }))).toBe(
      "INVALID_OPTION",
    );
    expect(codeOf(() => a.add(42 as never))).toBe("NOT_A_NUMBER");
  });
});
