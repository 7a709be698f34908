import { describe, expect, it } from "vitest";
import { cohortHeatmap } from "../../src/charts/index.js";
import { isMetricInputError } from "../../src/index.js";
import { table } from "./_data.js";
import { wcagContrast } from "./_wcag.js";
import { byClass, child, parseXml, textOf, type XmlElement } from "./_xml.js";

// Reference: the test log in _data.ts counted in plain Python (no library code):
//   first month per customer → cohort; active distinct customers in month cohort + k; pooled
//   over cohorts whose month k ended by 2024-04-30 (python3 script in the commit that added
//   this test: sets of customers per (cohort, k), then Σ retained / Σ size).
const RETENTION: Record<string, string[]> = {
  "2024-01": ["100.0%", "50.0%", "50.0%", "25.0%"],
  "2024-02": ["100.0%", "33.3%", "33.3%"],
  "2024-03": ["100.0%", "50.0%"],
  "2024-04": ["100.0%"],
};
const POOLED = ["100.0%", "44.4%", "42.9%", "25.0%"];
const SIZES: Record<string, string> = {
  "2024-01": "4",
  "2024-02": "3",
  "2024-03": "2",
  "2024-04": "1",
  pooled: "10",
};
// Cumulative revenue / size, exact: 2024-01 is 8.125, 10.125, 12.625, 13.875 (rounded half-up,
// the library's rounding, for display); pooled 10.95, 12.39 (111.5 / 9), 16.64 (116.5 / 7), 13.875.
const LTV: Record<string, string[]> = {
  "2024-01": ["$8.13", "$10.13", "$12.63", "$13.88"],
  "2024-02": ["$12.33", "$19.00", "$22.00"],
  "2024-03": ["$5.00", "$7.00"],
  "2024-04": ["$30.00"],
};
const LTV_POOLED = ["$10.95", "$12.39", "$16.64", "$13.88"];

function cells(svg: XmlElement, pooled: boolean): XmlElement[] {
  return byClass(svg, "cm-cell").filter(
    (c) => (c.attributes.class ?? "").includes("cm-pooled") === pooled,
  );
}

function cellTexts(svg: XmlElement): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of cells(svg, false)) {
    const row = c.attributes["data-row"] as string;
    const k = Number(c.attributes["data-column"]);
    out[row] ??= [];
    (out[row] as string[])[k] = textOf(child(c, "text") as XmlElement);
  }
  return out;
}

describe("cohortHeatmap", () => {
  it("draws one labelled cell per complete (cohort, k) and none for the incomplete ones", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "retention" }));
    expect(cells(svg, false)).toHaveLength(10); // 4 + 3 + 2 + 1: the triangle
    expect(cellTexts(svg)).toEqual(RETENTION);
    // 2024-02 has months 0–2 only: month 3 ends after asOf, so no shape at all.
    expect(
      cells(svg, false).some(
        (c) => c.attributes["data-row"] === "2024-02" && c.attributes["data-column"] === "3",
      ),
    ).toBe(false);
  });

  it("draws the pooled row and the cohort-size column", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "retention" }));
    expect(cells(svg, true).map((c) => textOf(child(c, "text") as XmlElement))).toEqual(POOLED);
    const sizes = Object.fromEntries(
      byClass(svg, "cm-row").map((r) => [
        r.attributes["data-row"],
        textOf(byClass(r, "cm-extra")[0] as XmlElement),
      ]),
    );
    expect(sizes).toEqual(SIZES);
    expect(byClass(svg, "cm-row-label").map(textOf)).toEqual([
      "All cohorts",
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
    ]);
  });

  it("leaves the pooled row out with pooled: false", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "retention", pooled: false }));
    expect(cells(svg, true)).toHaveLength(0);
    expect(cells(svg, false)).toHaveLength(10);
  });

  it("shows lifetime value per customer with a currency sign", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "lifetimeValue", currency: "$" }));
    expect(cellTexts(svg)).toEqual(LTV);
    expect(cells(svg, true).map((c) => textOf(child(c, "text") as XmlElement))).toEqual(LTV_POOLED);
  });

  it("writes percentages with the asked decimals and unbounded retention", () => {
    const svg = parseXml(
      cohortHeatmap(table, { value: "retention", mode: "unbounded", decimals: 0 }),
    );
    // Unbounded: active in k or later. 2024-01 month 1: A, B, D (3 of 4); month 2: A, B, D; month 3: A.
    expect(cellTexts(svg)["2024-01"]).toEqual(["100%", "75%", "75%", "25%"]);
  });

  it("heads bracket columns with their ranges", () => {
    const svg = parseXml(
      cohortHeatmap(table, {
        value: "retention",
        mode: {
          brackets: [
            [0, 0],
            [1, 2],
          ],
        },
      }),
    );
    const heads = byClass(svg, "cm-column-heads")[0] as XmlElement;
    expect(textOf(heads)).toBe("Month 0Month 1–2");
  });

  it("gives every label a contrast of at least 4.5:1 on its cell, in both themes and palettes", () => {
    for (const theme of ["light", "dark"] as const) {
      for (const palette of ["viridis", "cividis"] as const) {
        for (const value of ["retention", "lifetimeValue"] as const) {
          const svg = parseXml(cohortHeatmap(table, { value, theme, palette }));
          const all = byClass(svg, "cm-cell");
          expect(all.length).toBe(14);
          for (const c of all) {
            const fill = (child(c, "rect") as XmlElement).attributes.fill as string;
            const ink = (child(c, "text") as XmlElement).attributes.fill as string;
            expect(wcagContrast(fill, ink)).toBeGreaterThanOrEqual(4.5);
          }
        }
      }
    }
  });

  it("can leave the labels out, keeping each cell's title", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "retention", labels: "never" }));
    const first = cells(svg, false)[0] as XmlElement;
    expect(child(first, "text")).toBeUndefined();
    expect(textOf(child(first, "title") as XmlElement)).toBe("2024-01, Month 0: 100.0%");
  });

  it("describes the data in its accessible description", () => {
    const svg = parseXml(cohortHeatmap(table, { value: "retention" }));
    expect(textOf(child(svg, "desc") as XmlElement)).toBe(
      "Cohort retention by month since the first month: 4 cohorts from 2024-01 to 2024-04, 10 customers, 4 periods. " +
        "All cohorts pooled: Month 0 100.0%, Month 1 44.4%, Month 2 42.9%, Month 3 25.0%.",
    );
  });

  it("sizes itself to its rows unless a height is given", () => {
    expect(parseXml(cohortHeatmap(table, { value: "retention" })).attributes.height).toBe("250");
    expect(
      parseXml(cohortHeatmap(table, { value: "retention", height: 600 })).attributes.height,
    ).toBe("600");
  });

  it("rejects a missing value, a bad mode, decimals and a table that is not one", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (isMetricInputError(e)) return [e.code, e.field, e.message];
        throw e;
      }
      return undefined;
    };
    // @ts-expect-error value is required
    expect(code(() => cohortHeatmap(table, {}))?.slice(0, 2)).toEqual(["INVALID_OPTION", "value"]);
    // @ts-expect-error an unknown value
    expect(code(() => cohortHeatmap(table, { value: "revenue" }))?.slice(0, 2)).toEqual([
      "INVALID_OPTION",
      "value",
    ]);
    const rolling = "rolling" as never; // an unknown mode
    expect(
      code(() => cohortHeatmap(table, { value: "retention", mode: rolling }))?.slice(0, 2),
    ).toEqual(["INVALID_OPTION", "mode"]);
    expect(
      code(() => cohortHeatmap(table, { value: "retention", mode: { brackets: [[2, 1]] } }))?.slice(
        0,
        2,
      ),
    ).toEqual(["INVALID_OPTION", "mode.brackets[0]"]);
    expect(
      code(() =>
        cohortHeatmap(table, { value: "retention", mode: { brackets: [[0, 1.5]] } }),
      )?.slice(0, 2),
    ).toEqual(["NOT_INTEGER", "mode.brackets[0][1]"]);
    const triple = { brackets: [[0, 1, 2]] } as never;
    expect(
      code(() => cohortHeatmap(table, { value: "retention", mode: triple }))?.slice(0, 2),
    ).toEqual(["INVALID_OPTION", "mode.brackets[0]"]);
    expect(code(() => cohortHeatmap(table, { value: "retention", decimals: 5 }))).toEqual([
      "OUT_OF_RANGE",
      "decimals",
      "cohortHeatmap: decimals must be at most 4 (received 5)",
    ]);
    // @ts-expect-error not a cohort table
    expect(code(() => cohortHeatmap({ cohorts: [] }, { value: "retention" }))).toEqual([
      "NOT_A_NUMBER",
      "table",
      "cohortHeatmap: table must be a CohortTable (from cohortAnalysis) (received an object)",
    ]);
  });
});
