// The column types as a user's TypeScript sees them (`npm test` typechecks this file): columns
// typed by an interface of the user's own, and columns written in place with a breakdown
// column beside the library's own, are both accepted by every cohort entry point.
import { describe, expect, it } from "vitest";
import {
  cohortAnalysis,
  cohortAnalysisAsync,
  createCohortAccumulator,
} from "../../../src/index.js";

interface MyColumns {
  customerId: Int32Array;
  at: Float64Array;
}

describe("column types", () => {
  it("takes columns typed by an interface of the user's own", () => {
    const mine: MyColumns = {
      customerId: Int32Array.of(1, 2),
      at: Float64Array.of(Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 5)),
    };
    const table = cohortAnalysis(mine);
    expect(table.cohorts.map((r) => [r.key, r.size])).toEqual([
      ["2024-01", 1],
      ["2024-02", 1],
    ]);
  });

  it("takes columns written in place with the column breakdownBy names", async () => {
    const columns = () => ({
      customerId: [1, 2, 3],
      at: [Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6), Date.UTC(2024, 0, 7)],
      channel: ["ads", "ads", "mail"],
    });
    const table = cohortAnalysis(columns(), { breakdownBy: "channel" });
    expect([...(table.breakdown?.keys() ?? [])]).toEqual(["ads", "mail"]);
    expect(table.breakdown?.get("ads")?.cohorts[0]?.size).toBe(2);
    const accumulator = createCohortAccumulator({ breakdownBy: "channel" }).add(columns());
    expect(accumulator.result().breakdown?.get("mail")?.cohorts[0]?.size).toBe(1);
    const streamed = await cohortAnalysisAsync([columns()], { breakdownBy: "channel" });
    expect(streamed.breakdown?.get("ads")?.cohorts[0]?.size).toBe(2);
  });
});
