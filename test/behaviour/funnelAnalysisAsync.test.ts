import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FunnelAnalysisOptions,
  funnelAnalysis,
  funnelAnalysisAsync,
  MetricInputError,
  type TypedEvent,
} from "../../src/index.js";
import { outcomeOf, type StreamForm, stream, streamItems } from "../_helpers.js";

const MINUTE = 60_000;
const BASE = Date.UTC(2024, 2, 1);

/** The log cut at `cuts`, each part sent as `forms[k]` (columns: "columns" only). */
function batches(
  log: readonly TypedEvent[],
  cuts: readonly number[],
  forms: readonly StreamForm[],
): unknown[] {
  return streamItems(log, cuts, forms, (part) => ({
    customerId: part.map((e) => e.customerId),
    at: part.every((e) => typeof e.at === "number")
      ? Float64Array.from(part, (e) => e.at as number)
      : part.map((e) => e.at),
    event: part.map((e) => e.event),
    revenue: part.map((e) => e.revenue),
  }));
}

/** The result or the error's code, field and message, as a string to compare. */
function outcome(run: () => unknown): Promise<string> {
  return outcomeOf(run, /^funnelAnalysis(Async)?: /);
}

const timeArb = fc.integer({ min: 0, max: 240 }).map((m) => BASE + m * MINUTE);
const eventArb = fc.record({
  customerId: fc.constantFrom("a", "b", "c", "a-rather-long-customer-id", 1, 2, -0),
  at: fc.oneof(
    { weight: 4, arbitrary: timeArb },
    { weight: 1, arbitrary: timeArb.map((t) => new Date(t).toISOString()) },
  ),
  event: fc.constantFrom("page_view", "add_to_cart", "purchase", "other"),
  revenue: fc.constantFrom(undefined, null, 10, "2.50", -1),
});
const optionsArb = fc.record({
  steps: fc.constantFrom(
    ["page_view", "add_to_cart", "purchase"],
    ["page_view", "purchase"],
    ["add_to_cart", "add_to_cart"],
  ),
  window: fc.constantFrom({ minutes: 30 }, { hours: 1 }, { hours: 3 }),
  order: fc.constantFrom("strict", "any-order" as const),
  entry: fc.constantFrom("furthest", "first" as const),
});
const formsArb = fc.array(fc.constantFrom<StreamForm>("row", "array", "columns"), {
  minLength: 1,
  maxLength: 3,
});

describe("funnelAnalysisAsync", () => {
  it("equals funnelAnalysis of the concatenated log for any batching into rows, arrays and column chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 80 }),
        optionsArb.filter((o) => o.order === "strict" || o.steps[0] !== o.steps[1]),
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 8 }),
        formsArb,
        async (events, o, cuts, forms) => {
          const log = events as TypedEvent[];
          const options = o as FunnelAnalysisOptions<TypedEvent>;
          const expected = await outcome(() => funnelAnalysis(log, options));
          const items = batches(log, cuts, forms);
          expect(
            await outcome(() =>
              funnelAnalysisAsync(stream(items) as AsyncIterable<TypedEvent>, options),
            ),
          ).toBe(expected);
          expect(
            await outcome(() => funnelAnalysisAsync(items as Iterable<TypedEvent>, options)),
          ).toBe(expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("gives predicates and breakdowns of rows their index in the whole stream", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        async (events, cuts) => {
          const log = events as TypedEvent[];
          const options: FunnelAnalysisOptions<TypedEvent> = {
            steps: [(e, i) => e.event === "page_view" && i % 2 === 0, "purchase"],
            window: { hours: 2 },
            breakdownBy: (_e, i) => i % 3,
          };
          const expected = await outcome(() => funnelAnalysis(log, options));
          const items = batches(log, cuts, ["array", "row"]);
          expect(
            await outcome(() =>
              funnelAnalysisAsync(stream(items) as AsyncIterable<TypedEvent>, options),
            ),
          ).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("names the bad event by its index in the whole stream, across batch boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 39 }),
        fc.constantFrom(
          ["customerId", { a: 1 }, "NOT_A_NUMBER"],
          ["at", "not a date", "INVALID_DATE"],
        ),
        fc.array(fc.integer({ min: 0, max: 41 }), { maxLength: 6 }),
        formsArb,
        async (bad, [field, value, code], cuts, forms) => {
          const log: TypedEvent[] = Array.from({ length: 41 }, (_, i) => ({
            customerId: i % 5,
            at: BASE + i * MINUTE,
            event: i % 2 === 0 ? "page_view" : "purchase",
            revenue: 10,
          }));
          log[bad] = { ...log[bad], [field]: value } as TypedEvent;
          // a later bad time: the first bad event is the one named
          log[40] = { ...log[40], at: "later" } as TypedEvent;
          const error = await funnelAnalysisAsync(
            stream(batches(log, cuts, forms)) as AsyncIterable<TypedEvent>,
            { steps: ["page_view", "purchase"], window: { hours: 1 } },
          ).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(MetricInputError);
          const e = error as MetricInputError;
          expect([e.code, e.field]).toEqual([code, `events[${bad}].${field}`]);
          expect(e.message).toMatch(/^funnelAnalysisAsync: /);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("names event 70000 of a stream of column chunks of 65,536", async () => {
    const n = 65_536;
    function* chunks() {
      for (let c = 0; c < 2; c++) {
        const at: unknown[] = Array.from({ length: n }, (_, i) => BASE + i);
        if (c === 1) at[70_000 - n] = "2024-13-45";
        yield {
          customerId: new Int32Array(n).fill(c),
          at,
          event: new Array(n).fill("page_view"),
        };
      }
    }
    const error = await funnelAnalysisAsync(chunks() as Iterable<TypedEvent>, {
      steps: ["page_view", "purchase"],
      window: { hours: 1 },
    }).catch((e: unknown) => e);
    expect([(error as MetricInputError).code, (error as MetricInputError).field]).toEqual([
      "INVALID_DATE",
      "events[70000].at",
    ]);
  });
});
