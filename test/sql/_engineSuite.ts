// The suite both engine test files run: every case of _cohortCases.ts, SQL against in process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES, caseTables, fromSql, inProcess, views } from "./_cohortCases.js";
import type { Engine, LoadedEvent } from "./_engines.js";

/** Events per generated log (about 20 k with the boundary events). */
export const EVENTS = 20_000;

export function engineSuite(name: string, make: () => Promise<Engine>): void {
  describe(`cohortQuery on ${name} equals cohortAnalysis`, () => {
    let engine: Engine;
    const tables = new Map<string, LoadedEvent[]>();
    beforeAll(async () => {
      engine = await make();
      for (const [table, events, scale] of caseTables(EVENTS, 11)) {
        tables.set(table, events);
        await engine.load(table, events, scale);
      }
    }, 120_000);
    afterAll(async () => {
      await engine?.close();
    });
    for (const c of CASES) {
      it(`gives the same table, retention in every mode and LTV: ${c.name}`, async () => {
        const sql = await fromSql(engine, c);
        const memory = inProcess(tables.get(c.table) as LoadedEvent[], c);
        expect(sql.cohorts.length).toBeGreaterThan(0);
        expect(views(sql)).toEqual(views(memory));
      });
    }
  });
}
