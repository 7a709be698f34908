import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activeUsers,
  activeUsersAsync,
  type CohortEvent,
  lifecycle,
  lifecycleAsync,
} from "../../src/index.js";

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe("lifecycleAsync and activeUsersAsync", () => {
  it("give the documented examples", async () => {
    const lc = await lifecycleAsync(
      stream<unknown>([
        [{ customerId: "a", at: "2024-01-05T10:00:00Z" }],
        { customerId: ["a"], at: ["2024-03-05T10:00:00Z"] },
      ]) as AsyncIterable<CohortEvent>,
      { period: "month" },
    );
    expect(lc.periods.map((p) => [p.key, p.new, p.resurrecting, p.dormant])).toEqual([
      ["2024-01", 1, 0, 0],
      ["2024-02", 0, 0, -1],
      ["2024-03", 0, 1, 0],
    ]);
    const au = await activeUsersAsync(
      stream<unknown>([
        [{ customerId: "a", at: "2024-01-01T10:00:00Z" }],
        { customerId: ["b"], at: ["2024-01-02T10:00:00Z"] },
      ]) as AsyncIterable<CohortEvent>,
      { windows: [1, 7] },
    );
    expect(au.days.map((d) => [d.key, d.active, d.windows])).toEqual([
      ["2024-01-01", 1, [1, 1]],
      ["2024-01-02", 1, [1, 2]],
    ]);
  });

  it("agree with the one-shot functions for any split of the log into rows, arrays and column chunks", async () => {
    const event = fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d"),
      at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 3, 30) }),
      revenue: fc.oneof(fc.constantFrom("-2.00", "0", "5.00"), fc.constant(undefined)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }),
        async (log, forms) => {
          // split the log into runs of 1–3 events, each sent as a row, an array or columns
          const items: unknown[] = [];
          let i = 0;
          let run = 0;
          while (i < log.length) {
            const size = ((forms[run] as number) % 3) + 1;
            const part = log.slice(i, i + size);
            const form = forms[(run + 1) % forms.length] as number;
            if (form === 0) items.push(...part);
            else if (form === 1) items.push(part);
            else
              items.push({
                customerId: part.map((e) => e.customerId),
                at: Float64Array.from(part.map((e) => e.at)),
                revenue: part.map((e) => e.revenue),
              });
            i += size;
            run++;
          }
          const options = { timeZone: "Europe/Berlin", period: "week" as const };
          expect(
            await lifecycleAsync(stream(items) as AsyncIterable<CohortEvent>, options),
          ).toEqual(lifecycle(log, options));
          const daily = { timeZone: "Europe/Berlin", windows: [1, 3] };
          expect(
            await activeUsersAsync(stream(items) as AsyncIterable<CohortEvent>, daily),
          ).toEqual(activeUsers(log, daily));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("name the event's index in the whole stream and refuse what is not iterable", async () => {
    const items = [[{ customerId: "a", at: "2024-01-01" }], { customerId: "b", at: "later" }];
    await expect(lifecycleAsync(stream(items) as AsyncIterable<CohortEvent>)).rejects.toMatchObject(
      {
        code: "INVALID_DATE",
        field: "events[1].at",
      },
    );
    await expect(activeUsersAsync(42 as unknown as Iterable<CohortEvent>)).rejects.toMatchObject({
      code: "NOT_A_NUMBER",
      field: "input",
    });
    await expect(
      activeUsersAsync(stream([]) as AsyncIterable<CohortEvent>, { windows: [0] }),
    ).rejects.toMatchObject({ code: "OUT_OF_RANGE", field: "windows[0]" });
  });
});
