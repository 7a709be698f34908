// The documented examples of summaryFromRows, rfmFromRows and repeatFromRows, on the rows the
// queries return (no engine needed).
import { describe, expect, it } from "vitest";
import { summarizeTransactions } from "../../../src/index.js";
import { repeatFromRows } from "../../../src/sql/repeatQuery.js";
import { rfmFromRows } from "../../../src/sql/rfmQuery.js";
import { summaryFromRows, summaryQuery } from "../../../src/sql/summaryQuery.js";
import { codeAndFieldOf } from "../../_helpers.js";

describe("documented examples", () => {
  it("summaryFromRows: CDNOW customer 1, as summarizeTransactions gives it", () => {
    const options = { observationEnd: "1997-09-30", unit: "week" } as const;
    const [row] = summaryFromRows(
      [{ customer_id: 1, frequency: 2, recency_days: 213, t_days: 272, repeat_total: "44.69" }],
      options,
    );
    expect(row?.recency.toFixed(4)).toBe("30.4286");
    expect(row?.T.toFixed(4)).toBe("38.8571");
    expect(row?.monetaryValue.toString()).toBe("22.345");
    const [same] = summarizeTransactions(
      [
        { customerId: 1, at: "1997-01-01", revenue: "29.33" },
        { customerId: 1, at: "1997-01-18", revenue: "29.73" },
        { customerId: 1, at: "1997-08-02", revenue: "14.96" },
      ],
      options,
    );
    expect(row).toEqual(same);
  });

  it("rfmFromRows: the query's scores and figures", () => {
    const { customers, segments } = rfmFromRows(
      [
        {
          customer_id: "a",
          recency_days: 2,
          orders: 2,
          purchase_days: 2,
          total: "200",
          r: 2,
          f: 2,
          m: 2,
        },
        {
          customer_id: "b",
          recency_days: 138,
          orders: 1,
          purchase_days: 1,
          total: "15",
          r: 1,
          f: 1,
          m: 1,
        },
      ],
      { asOf: "2024-04-01", bins: 2 },
    );
    expect(customers.map((c) => c.score)).toEqual(["222", "111"]);
    expect(segments).toEqual([]);
  });

  it("repeatFromRows: 900 of 2,000", () => {
    const r = repeatFromRows([{ eligible: "2000", returning: "900" }], {
      periodStart: "2024-01-01",
      periodThrough: "2024-02-29",
    });
    expect([r.rate.toString(), r.returning, r.eligible]).toEqual(["0.45", 900, 2000]);
  });
});

describe("the source", () => {
  it("must be an object", () => {
    const options = { observationEnd: "2024-01-09", unit: "day", dialect: "duckdb" } as const;
    expect(codeAndFieldOf(() => summaryQuery(null as never, options))).toBe("NOT_A_NUMBER source");
    expect(codeAndFieldOf(() => summaryQuery([] as never, options))).toBe("NOT_A_NUMBER source");
  });
});
