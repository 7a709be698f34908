import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  activeUsersChart,
  calibrationHoldoutChart,
  cohortHeatmap,
  funnelChart,
  lifecycleChart,
  lifetimeValueCurves,
  matrixHeatmap,
  periodTransactionsChart,
  retentionCurves,
  retentionProjection,
  survivalChart,
  trackingChart,
} from "../../src/charts/index.js";
import {
  activeUsers,
  cohortAnalysis,
  funnelAnalysis,
  isMetricInputError,
  lifecycle,
} from "../../src/index.js";
import {
  activeUsersResult,
  alive,
  funnelSteps,
  lifecycleResult,
  sbg,
  survival,
  table,
} from "./_data.js";
import { checks } from "./_models.js";
import { wcagContrast } from "./_wcag.js";
import { byClass, child, descendants, parseXml, textOf, type XmlElement } from "./_xml.js";

const groups = [
  { name: "Monthly", result: survival.monthly },
  { name: "Annual", result: survival.annual },
];

/** Every chart, drawn with the given common options. */
const charts: Record<string, (o: Record<string, unknown>) => string> = {
  cohortHeatmap: (o) => cohortHeatmap(table, { value: "retention", ...o }),
  retentionCurves: (o) => retentionCurves(table, { intervals: true, ...o }),
  lifetimeValueCurves: (o) => lifetimeValueCurves(table, { currency: "$", ...o }),
  survivalChart: (o) => survivalChart(groups, { unit: "days", ...o }),
  retentionProjection: (o) => retentionProjection(sbg, alive, o),
  periodTransactionsChart: (o) => periodTransactionsChart(checks.periodTransactions, o),
  calibrationHoldoutChart: (o) => calibrationHoldoutChart(checks.calibrationVsHoldout, o),
  trackingChart: (o) => trackingChart(checks.tracking, { calibrationEnd: 39, ...o }),
  matrixHeatmap: (o) => matrixHeatmap(checks.aliveMatrix, { value: "probabilityAlive", ...o }),
  lifecycleChart: (o) => lifecycleChart(lifecycleResult, o),
  activeUsersChart: (o) => activeUsersChart(activeUsersResult, o),
  funnelChart: (o) => funnelChart(funnelSteps, o),
};

function error(f: () => unknown): [string, string, string] | undefined {
  try {
    f();
  } catch (e) {
    if (isMetricInputError(e)) return [e.code, e.field, e.message];
    throw e;
  }
  return undefined;
}

function titles(svg: XmlElement, className: string): string[] {
  return byClass(svg, className).map((e) => textOf(child(e, "title") as XmlElement));
}

describe("every chart", () => {
  for (const [name, draw] of Object.entries(charts)) {
    it(`${name}: is well-formed SVG named by its <title> and described by its <desc>`, () => {
      const text = draw({});
      const svg = parseXml(text);
      expect(svg.name).toBe("svg");
      expect(svg.attributes.role).toBe("img");
      const id = svg.attributes.id as string;
      expect(id).toMatch(/^cm-[0-9a-f]{8}$/);
      expect(svg.attributes["aria-labelledby"]).toBe(`${id}-title`);
      expect(svg.attributes["aria-describedby"]).toBe(`${id}-desc`);
      const title = child(svg, "title") as XmlElement;
      const desc = child(svg, "desc") as XmlElement;
      expect(title.attributes.id).toBe(`${id}-title`);
      expect(desc.attributes.id).toBe(`${id}-desc`);
      expect(textOf(title).length).toBeGreaterThan(3);
      expect(textOf(desc)).toMatch(/^[A-Z].{20,}\.$/);
      expect(svg.attributes.style).toBe("font-variant-numeric: tabular-nums");
      // No NaN, Infinity or undefined leaks into attributes or text.
      expect(text).not.toMatch(/NaN|Infinity|undefined/);
    });

    it(`${name}: gives the same bytes for the same input, and follows width, height, theme and id`, () => {
      expect(draw({})).toBe(draw({}));
      const svg = parseXml(draw({ width: 500, height: 300, theme: "dark", id: "chart-1" }));
      expect(svg.attributes.width).toBe("500");
      expect(svg.attributes.height).toBe("300");
      expect(svg.attributes.viewBox).toBe("0 0 500 300");
      expect(svg.attributes.id).toBe("chart-1");
      expect(svg.attributes["aria-labelledby"]).toBe("chart-1-title");
      const background = descendants(svg).find((e) => e.name === "rect") as XmlElement;
      expect(background.attributes.fill).toBe("#111827");
      // Another title gives another content hash, so two charts on one page never share ids.
      expect(parseXml(draw({ title: "Other" })).attributes.id).not.toBe(
        parseXml(draw({})).attributes.id,
      );
    });

    it(`${name}: writes every text outside the cells with at least 4.5:1 contrast, in both themes`, () => {
      for (const theme of ["light", "dark"] as const) {
        const svg = parseXml(draw({ theme }));
        const background = (descendants(svg).find((e) => e.name === "rect") as XmlElement)
          .attributes.fill as string;
        const inCells = new Set(byClass(svg, "cm-cell").flatMap((c) => descendants(c)));
        const texts = descendants(svg).filter((e) => e.name === "text" && !inCells.has(e));
        expect(texts.length).toBeGreaterThan(3);
        for (const t of texts)
          expect(wcagContrast(t.attributes.fill as string, background)).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`${name}: escapes a hostile title and description`, () => {
      const hostile = `</title><script>alert("x")</script> & 'q' <b>`;
      const text = draw({ title: hostile, description: hostile });
      expect(text).not.toContain("<script>");
      const svg = parseXml(text);
      expect(textOf(child(svg, "title") as XmlElement)).toBe(hostile);
      expect(textOf(child(svg, "desc") as XmlElement)).toBe(hostile);
      expect(textOf(byClass(svg, "cm-title")[0] as XmlElement)).toBe(hostile);
    });

    it(`${name}: rejects bad common options with the chart's name`, () => {
      expect(error(() => draw({ width: 50 }))).toEqual([
        "OUT_OF_RANGE",
        "width",
        `${name}: width must be at least 120 (received 50)`,
      ]);
      expect(error(() => draw({ height: 1.5 }))?.slice(0, 2)).toEqual(["NOT_INTEGER", "height"]);
      expect(error(() => draw({ width: 20_000 }))?.slice(0, 2)).toEqual(["OUT_OF_RANGE", "width"]);
      expect(error(() => draw({ width: "wide" }))?.slice(0, 2)).toEqual(["NOT_A_NUMBER", "width"]);
      expect(error(() => draw({ theme: "blue" }))?.slice(0, 2)).toEqual([
        "INVALID_OPTION",
        "theme",
      ]);
      expect(error(() => draw({ palette: "jet" }))?.slice(0, 2)).toEqual([
        "INVALID_OPTION",
        "palette",
      ]);
      expect(error(() => draw({ id: "1 x" }))?.slice(0, 2)).toEqual(["INVALID_OPTION", "id"]);
      expect(error(() => draw({ title: 42 }))?.slice(0, 2)).toEqual(["INVALID_OPTION", "title"]);
      expect(error(() => draw({ description: "x".repeat(1001) }))?.slice(0, 2)).toEqual([
        "INVALID_OPTION",
        "description",
      ]);
    });
  }

  it("rejects an options argument that is not an object", () => {
    // @ts-expect-error options must be an object
    expect(error(() => funnelChart(funnelSteps, "dark"))?.slice(0, 2)).toEqual([
      "INVALID_OPTION",
      "options",
    ]);
  });
});

describe("retentionCurves", () => {
  it("draws one line per cohort, the pooled line and a band each with intervals", () => {
    const svg = parseXml(retentionCurves(table, { intervals: true }));
    const series = byClass(svg, "cm-series");
    expect(series.map((s) => s.attributes["data-series"])).toEqual([
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
      "All cohorts",
    ]);
    expect(series.map((s) => byClass(s, "cm-point").length)).toEqual([4, 3, 2, 1, 4]);
    expect(byClass(svg, "cm-band")).toHaveLength(5);
    expect(textOf(child(svg, "desc") as XmlElement)).toBe(
      "Retention curves of 4 cohorts over 4 months, with 95 % Wilson intervals. All cohorts pooled: month 0 100.0%, month 1 44.4%, month 2 42.9%, month 3 25.0%.",
    );
  });

  it("draws no band without intervals, and reads a retention table", () => {
    expect(byClass(parseXml(retentionCurves(table)), "cm-band")).toHaveLength(0);
    const fromRates = parseXml(
      retentionCurves(table.retention({ intervals: {} }), { cohorts: false }),
    );
    expect(byClass(fromRates, "cm-series").map((s) => s.attributes["data-series"])).toEqual([
      "All cohorts",
    ]);
    expect(byClass(fromRates, "cm-band")).toHaveLength(1);
  });

  it("rejects what is not a table", () => {
    // @ts-expect-error not a table
    expect(error(() => retentionCurves(42))).toEqual([
      "NOT_A_NUMBER",
      "input",
      "retentionCurves: input must be a CohortTable or a retention table (received 42)",
    ]);
    const row = { cohorts: [{ key: "a" }], average: [] } as never; // a row without rates
    expect(error(() => retentionCurves(row))?.slice(0, 2)).toEqual([
      "NOT_A_NUMBER",
      "cohorts[0].rates",
    ]);
  });
});

describe("lifetimeValueCurves", () => {
  it("describes the pooled cumulative revenue per customer", () => {
    const svg = parseXml(lifetimeValueCurves(table, { currency: "€" }));
    // 2024-01: (10 + 7 + 12.5 + 3) / 4 = 8.125 … pooled month 1: 111.5 / 9 = 12.39 (see cohortHeatmap.test.ts).
    expect(textOf(child(svg, "desc") as XmlElement)).toBe(
      "Cumulative revenue per customer of 4 cohorts over 4 months. All cohorts pooled: month 0 €10.95, month 1 €12.39, month 2 €16.64, month 3 €13.88.",
    );
    expect(byClass(svg, "cm-series")).toHaveLength(5);
  });
});

describe("survivalChart", () => {
  it("draws a step curve with band and censoring ticks per group and names the medians", () => {
    const svg = parseXml(survivalChart(groups, { unit: "days" }));
    const series = byClass(svg, "cm-series");
    expect(series.map((s) => s.attributes["data-series"])).toEqual(["Monthly", "Annual"]);
    // Censored at 45 and 120 days (monthly), 200 and 400 days (annual).
    expect(series.map((s) => byClass(s, "cm-censor").length)).toEqual([2, 2]);
    expect(series.map((s) => byClass(s, "cm-band").length)).toEqual([1, 1]);
    // Kaplan–Meier by hand: monthly S = 5/6, 5/6·3/4 = 0.625, 0.625·2/3 = 0.417 ≤ 0.5 at 90 days;
    // annual S = 2/3 at 365, 0 at 730.
    expect(textOf(child(svg, "desc") as XmlElement)).toBe(
      "Kaplan–Meier survival curves. Monthly: 6 event times, median survival 90 days; Annual: 4 event times, median survival 730 days.",
    );
  });

  it("takes one result alone, and leaves out band and ticks on request", () => {
    const svg = parseXml(survivalChart(survival.monthly, { band: false, censored: false }));
    expect(byClass(svg, "cm-band")).toHaveLength(0);
    expect(byClass(svg, "cm-censor")).toHaveLength(0);
    expect(byClass(svg, "cm-series").map((s) => s.attributes["data-series"])).toEqual(["Survival"]);
  });

  it("escapes hostile group names and leaves the input untouched", () => {
    const name = `<g onload="x()">A & B's</g>`;
    const input = Object.freeze([Object.freeze({ name, result: survival.monthly })]);
    const svg = parseXml(survivalChart(input));
    expect(byClass(svg, "cm-series")[0]?.attributes["data-series"]).toBe(name);
    expect(byClass(svg, "cm-legend").map(textOf)[0]).toContain(name);
    expect(input[0]?.name).toBe(name);
  });

  it("rejects an empty list and a result that is not one", () => {
    expect(error(() => survivalChart([]))?.slice(0, 2)).toEqual(["EMPTY", "groups"]);
    const bad = { points: [{ time: "a" }] } as never; // not a result
    expect(error(() => survivalChart([{ name: "x", result: bad }]))?.slice(0, 2)).toEqual([
      "NOT_A_NUMBER",
      "groups[0].result.points[0].time",
    ]);
  });
});

describe("retentionProjection", () => {
  it("draws the projection to the horizon and one dot per observed year", () => {
    const svg = parseXml(retentionProjection(sbg, { alive }, { horizon: 12 }));
    const [line, dots] = byClass(svg, "cm-series");
    expect(byClass(dots as XmlElement, "cm-point")).toHaveLength(8);
    expect(byClass(line as XmlElement, "cm-line")).toHaveLength(1);
    expect(textOf(byClass(svg, "cm-marker")[0] as XmlElement)).toBe("end of data");
    // Fader & Hardie (2007), regular customers: α = 0.704, β = 1.182; 241 of 1,000 left after 7 years.
    expect(textOf(child(svg, "desc") as XmlElement)).toMatch(
      /^Shifted-beta-geometric projection \(α = 0\.70\d\d, β = 1\.18\d\) of a cohort of 1000 customers observed for 7 years: 24\.1% still active after 7, \d+\.\d% projected after 12\.$/,
    );
  });

  it("rejects a cohort of 0, a long horizon and something that is not a model", () => {
    expect(error(() => retentionProjection(sbg, [0, 0]))?.slice(0, 2)).toEqual([
      "ZERO_DENOMINATOR",
      "observed[0]",
    ]);
    expect(error(() => retentionProjection(sbg, alive, { horizon: 1001 }))?.slice(0, 2)).toEqual([
      "OUT_OF_RANGE",
      "horizon",
    ]);
    expect(error(() => retentionProjection(sbg, [10, 2.5]))?.slice(0, 2)).toEqual([
      "NOT_INTEGER",
      "observed[1]",
    ]);
    expect(error(() => retentionProjection(sbg, []))?.slice(0, 2)).toEqual(["EMPTY", "observed"]);
    // @ts-expect-error not a model
    expect(error(() => retentionProjection({ params: {} }, alive))?.slice(0, 2)).toEqual([
      "NOT_A_NUMBER",
      "model",
    ]);
  });
});

describe("model checks", () => {
  it("periodTransactionsChart draws actual and expected bars per frequency, the last as 7+", () => {
    const svg = parseXml(periodTransactionsChart(checks.periodTransactions));
    const bars = byClass(svg, "cm-bar");
    expect(bars).toHaveLength(16);
    expect(
      bars
        .filter((b) => b.attributes["data-series"] === "actual")
        .map((b) => b.attributes["data-category"]),
    ).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // CDNOW sample: 1,411 of the 2,357 customers made no repeat purchase in the 39 calibration
    // weeks (Fader, Hardie & Lee 2005, figure 1).
    expect(titles(svg, "cm-bar")[0]).toBe("actual, 0: 1,411");
  });

  it("calibrationHoldoutChart draws actual and predicted means per frequency", () => {
    const svg = parseXml(calibrationHoldoutChart(checks.calibrationVsHoldout));
    const series = byClass(svg, "cm-series");
    expect(series.map((s) => s.attributes["data-series"])).toEqual(["actual", "predicted (model)"]);
    expect(series.map((s) => byClass(s, "cm-point").length)).toEqual([8, 8]);
    expect(textOf(byClass(svg, "cm-axis-x")[0] as XmlElement)).toContain("7+");
  });

  it("trackingChart draws cumulative or per-period curves with the end of calibration", () => {
    const svg = parseXml(trackingChart(checks.tracking, { calibrationEnd: 39 }));
    expect(byClass(svg, "cm-series").map((s) => s.attributes["data-series"])).toEqual([
      "actual",
      "expected (model)",
    ]);
    expect(textOf(byClass(svg, "cm-marker")[0] as XmlElement)).toBe("end of calibration");
    const weekly = parseXml(trackingChart(checks.tracking, { cumulative: false }));
    expect(textOf(child(weekly, "title") as XmlElement)).toBe("Repeat purchases per period");
    expect(
      error(() =>
        trackingChart(checks.tracking, { calibrationEnd: Number.POSITIVE_INFINITY }),
      )?.slice(0, 2),
    ).toEqual(["NOT_FINITE", "calibrationEnd"]);
    // @ts-expect-error no points
    expect(error(() => trackingChart({ points: [] }))?.slice(0, 2)).toEqual(["EMPTY", "points"]);
  });

  it("periodTransactionsChart and calibrationHoldoutChart reject results without bins", () => {
    // @ts-expect-error no bins
    expect(error(() => periodTransactionsChart({ bins: [] }))?.slice(0, 2)).toEqual([
      "EMPTY",
      "bins",
    ]);
    // @ts-expect-error not a result
    expect(error(() => calibrationHoldoutChart(null))?.slice(0, 2)).toEqual([
      "NOT_A_NUMBER",
      "input",
    ]);
  });
});

describe("matrixHeatmap", () => {
  it("draws one cell per possible history, none where no customer can be", () => {
    const svg = parseXml(
      matrixHeatmap(checks.aliveMatrix, { value: "probabilityAlive", labels: "always" }),
    );
    const cells = byClass(svg, "cm-cell");
    // Frequency 0 has recency 0 only; frequencies 1–6 have all 9 recencies.
    expect(cells).toHaveLength(1 + 6 * 9);
    const zero = cells.find((c) => c.attributes["data-row"] === "0") as XmlElement;
    expect(textOf(child(zero, "text") as XmlElement)).toBe("100%"); // P(alive | x = 0) = 1 under BG/NBD
    expect(byClass(svg, "cm-row-label").map(textOf)).toEqual(["6", "5", "4", "3", "2", "1", "0"]);
  });

  it("labels expected purchases and rejects a missing value or ragged rows", () => {
    const svg = parseXml(matrixHeatmap(checks.expectedMatrix, { value: "expectedPurchases" }));
    expect(textOf(child(svg, "title") as XmlElement)).toBe(
      "Expected purchases by frequency and recency",
    );
    // @ts-expect-error value is required
    expect(error(() => matrixHeatmap(checks.aliveMatrix, {}))?.slice(0, 2)).toEqual([
      "INVALID_OPTION",
      "value",
    ]);
    const ragged = {
      ...checks.aliveMatrix,
      values: checks.aliveMatrix.values.map((r, i) => (i === 2 ? r.slice(1) : r)),
    };
    expect(error(() => matrixHeatmap(ragged, { value: "probabilityAlive" }))?.slice(0, 2)).toEqual([
      "INCONSISTENT",
      "matrix.values[2]",
    ]);
  });
});

describe("lifecycleChart", () => {
  it("stacks new, returning and resurrecting above the axis and dormant below", () => {
    const svg = parseXml(lifecycleChart(lifecycleResult));
    const bars = byClass(svg, "cm-bar");
    // Zero segments are not drawn: 2024-01 has new customers only, 2024-02 no resurrecting.
    expect(bars).toHaveLength(1 + 3 + 4 + 4);
    const axis = byClass(svg, "cm-axis-x")[0] as XmlElement;
    const baseline = Number((child(axis, "line") as XmlElement).attributes.y1);
    for (const b of bars) {
      const top = Number(b.attributes.y);
      const bottom = top + Number(b.attributes.height);
      if (b.attributes["data-series"] === "dormant") expect(top).toBeCloseTo(baseline, 1);
      else expect(bottom).toBeLessThanOrEqual(baseline + 0.01);
    }
    // April: J new; H returning (active in March); A and G resurrecting (away in March); B, D, E
    // and I dormant (active in March, not in April).
    expect(titles(svg, "cm-bar").filter((t) => t.includes("2024-04"))).toEqual([
      "new, 2024-04: 1",
      "returning, 2024-04: 1",
      "resurrecting, 2024-04: 2",
      "dormant, 2024-04: −4",
    ]);
  });
});

describe("activeUsersChart", () => {
  it("draws one line per window", () => {
    const svg = parseXml(activeUsersChart(activeUsersResult));
    expect(byClass(svg, "cm-series").map((s) => s.attributes["data-series"])).toEqual([
      "active that day",
      "active in the last 7 days",
      "active in the last 30 days",
    ]);
  });
});

describe("funnelChart", () => {
  it("labels each step with its count, share of the first and conversion from the previous", () => {
    const svg = parseXml(funnelChart(funnelSteps));
    // 420 / 1000, 180 / 1000 and 180 / 420 = 42.857…%, 150 / 1000 and 150 / 180 = 83.33…%.
    expect(titles(svg, "cm-step")).toEqual([
      "visited: 1,000 · 100.0%",
      "added to cart: 420 · 42.0% · 42.0% of previous",
      "checked out: 180 · 18.0% · 42.9% of previous",
      "purchased: 150 · 15.0% · 83.3% of previous",
    ]);
    const widths = byClass(svg, "cm-bar").map((b) => Number(b.attributes.width));
    expect(widths[1] as number).toBeCloseTo((widths[0] as number) * 0.42, 1);
    expect(error(() => funnelChart([]))?.slice(0, 2)).toEqual(["EMPTY", "steps"]);
  });
});

describe("empty results", () => {
  it("draw a valid chart whose description says there is no data", () => {
    const empty = cohortAnalysis([], { period: "week" });
    const desc = (svg: string) => textOf(child(parseXml(svg), "desc") as XmlElement);
    expect(desc(cohortHeatmap(empty, { value: "retention" }))).toBe(
      "Cohort retention: no cohorts.",
    );
    expect(
      byClass(parseXml(cohortHeatmap(empty, { value: "lifetimeValue" })), "cm-cell"),
    ).toHaveLength(0);
    expect(desc(retentionCurves(empty))).toBe("Retention curves of 0 cohorts over 0 weeks.");
    expect(desc(lifecycleChart(lifecycle([], { period: "month" })))).toBe(
      "Lifecycle of active customers: no complete period.",
    );
    expect(desc(activeUsersChart(activeUsers([], { period: "day" })))).toBe(
      "Active customers per day: no complete day.",
    );
  });
});

describe("incomplete periods", () => {
  it("are left out of lifecycle and active-user charts unless asked for", () => {
    const open = lifecycle(
      [
        { customerId: "a", at: "2024-01-05" },
        { customerId: "a", at: "2024-02-05" },
      ],
      { period: "month", asOf: "2024-02-10" },
    );
    const shown = (svg: string) => [
      ...new Set(byClass(parseXml(svg), "cm-bar").map((b) => b.attributes["data-category"])),
    ];
    expect(shown(lifecycleChart(open))).toEqual(["2024-01"]);
    expect(shown(lifecycleChart(open, { incomplete: true }))).toEqual(["2024-01", "2024-02*"]);
    const days = activeUsers([{ customerId: "a", at: "2024-01-05T10:00:00Z" }], {
      period: "day",
      asOf: "2024-01-05T12:00:00Z",
    });
    const points = (svg: string) =>
      byClass(parseXml(svg), "cm-series").map((s) => byClass(s, "cm-line").length);
    expect(textOf(child(parseXml(activeUsersChart(days)), "desc") as XmlElement)).toBe(
      "Active customers per day: no complete day.",
    );
    expect(points(activeUsersChart(days, { incomplete: true }))).toEqual([1, 1, 1]);
  });
});

describe("user text in the data", () => {
  it("is escaped in step names and cohort keys, in text and in attributes", () => {
    const name = `"><script>alert('x')</script>&amp;`;
    const text = funnelChart(
      Object.freeze([{ name, count: 5, fromPrevious: null, fromFirst: 1 }]) as never,
    );
    expect(text).not.toContain("<script>");
    const svg = parseXml(text);
    expect(byClass(svg, "cm-step")[0]?.attributes["data-step"]).toBe(name);
    expect(titles(svg, "cm-step")).toEqual([`${name}: 5 · 100.0%`]);
    const rates = {
      cohorts: [{ key: name, size: 1, rates: [1, 0.5] }],
      average: [1, 0.5],
    } as never;
    const curves = retentionCurves(rates);
    expect(curves).not.toContain("<script>");
    expect(byClass(parseXml(curves), "cm-series")[0]?.attributes["data-series"]).toBe(name);
  });
});

describe("funnelChart of a funnel analysis", () => {
  it("draws the overall steps with the Wilson interval of the share of the first step", () => {
    // funnelAnalysis's documented example: a reaches all three steps, b only the first within the hour.
    const result = funnelAnalysis(
      [
        { customerId: "a", at: "2024-03-01T10:00:00Z", event: "page_view" },
        { customerId: "a", at: "2024-03-01T10:05:00Z", event: "add_to_cart" },
        { customerId: "a", at: "2024-03-01T10:20:00Z", event: "purchase", revenue: "30.00" },
        { customerId: "b", at: "2024-03-01T11:00:00Z", event: "page_view" },
        { customerId: "b", at: "2024-03-01T13:00:00Z", event: "add_to_cart" },
      ],
      { steps: ["page_view", "add_to_cart", "purchase"], window: { hours: 1 } },
    );
    const svg = parseXml(funnelChart(result));
    // Wilson 95 % of 1 in 2 (python3, scipy.stats.norm.ppf(0.975), the score-interval formula):
    // 0.0945312… to 0.9054688…
    expect(titles(svg, "cm-step")).toEqual([
      "page_view: 2 · 100.0% (95 % interval of the share of the first step: 100.0% to 100.0%)",
      "add_to_cart: 1 · 50.0% · 50.0% of previous (95 % interval of the share of the first step: 9.5% to 90.5%)",
      "purchase: 1 · 50.0% · 100.0% of previous (95 % interval of the share of the first step: 9.5% to 90.5%)",
    ]);
    expect(byClass(svg, "cm-interval")).toHaveLength(2);
    expect(error(() => funnelChart({ steps: [] } as never))?.slice(0, 2)).toEqual([
      "EMPTY",
      "steps",
    ]);
  });
});

describe("golden files", () => {
  const golden: Record<string, () => string> = {
    "cohort-heatmap": () => cohortHeatmap(table, { value: "retention" }),
    "cohort-heatmap-ltv-dark": () =>
      cohortHeatmap(table, { value: "lifetimeValue", currency: "$", theme: "dark" }),
    survival: () => survivalChart(groups, { unit: "days" }),
    lifecycle: () => lifecycleChart(lifecycleResult),
    funnel: () => funnelChart(funnelSteps, { palette: "cividis" }),
  };
  for (const [name, draw] of Object.entries(golden)) {
    it(`${name} matches test/charts/golden/${name}.svg byte for byte`, () => {
      const url = new URL(`./golden/${name}.svg`, import.meta.url);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(url, draw());
      expect(draw()).toBe(readFileSync(url, "utf8"));
    });
  }
});
