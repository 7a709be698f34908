// Version 2 accumulator documents written before the accumulator's compact layout
// (fixtures/accumulator-v2.json: the events, four option sets, each document as toJSON wrote it
// and its result() table) read back to the same table, and serialise to the same state.
import { describe, expect, it } from "vitest";
import {
  CohortAccumulator,
  type CohortAccumulatorJSON,
  createCohortAccumulator,
} from "../../../src/index.js";
import fixture from "./fixtures/accumulator-v2.json" with { type: "json" };

interface Doc {
  customers: unknown[];
  first: (number | null)[];
  cohortAt: (number | null)[];
  entries: { customer: number[]; key: number[]; revenue: string[]; active: number[] };
}

/** The document's state as sorted lines, independent of customer and entry order. */
function state(json: CohortAccumulatorJSON): string[] {
  const d = json as unknown as Doc;
  const lines = d.customers.map(
    (id, c) => `customer ${JSON.stringify(id)} ${d.first[c]} ${d.cohortAt[c]}`,
  );
  d.entries.customer.forEach((c, e) => {
    lines.push(
      `entry ${JSON.stringify(d.customers[c])} ${d.entries.key[e]} ${d.entries.revenue[e]} ${d.entries.active[e]}`,
    );
  });
  return lines.sort();
}

describe("version 2 documents of the fixture", () => {
  for (const { options, events, json, table } of fixture.documents) {
    const name = JSON.stringify(options);
    it(`${name}: fromJSON gives the stored table and the same state`, () => {
      const doc = json as unknown as CohortAccumulatorJSON;
      const restored = CohortAccumulator.fromJSON(doc);
      expect(JSON.parse(JSON.stringify(restored.result()))).toEqual(table);
      const again = restored.toJSON();
      expect(again.version).toBe(2);
      expect(again.options).toEqual(doc.options);
      expect(state(again)).toEqual(state(doc));
      const text = CohortAccumulator.fromJSON(JSON.stringify(doc));
      expect(JSON.parse(JSON.stringify(text.result()))).toEqual(table);
    });
    it(`${name}: the events added today give the stored table and state`, () => {
      const acc = createCohortAccumulator(options as never);
      acc.add((events === "events" ? fixture.events : events) as never);
      expect(JSON.parse(JSON.stringify(acc.result()))).toEqual(table);
      expect(state(acc.toJSON())).toEqual(state(json as unknown as CohortAccumulatorJSON));
    });
  }
});
