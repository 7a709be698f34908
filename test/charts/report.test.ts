import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReportSection } from "../../src/charts/report/index.js";
import { customerReport, htmlReport } from "../../src/charts/report/index.js";
import {
  cohortAnalysis,
  Decimal,
  fitBetaGeometricNBD,
  fitGammaGamma,
  MetricInputError,
  rfmSegments,
  summarizeTransactions,
} from "../../src/index.js";
import { codeAndFieldOf, metricErrorOf } from "../_helpers.js";
import { allElements, findAll, type HtmlElement, parseHtml, textOf } from "./_html.js";

// The bundled sample log, read as the example reads it.
const csv = readFileSync(join(__dirname, "../../examples/data/shop-orders.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","));
const orders = csv.map(([, customerId = "", at = "", revenue = ""]) => ({
  customerId,
  at,
  revenue,
}));

// One report with the models for the whole file (the fits take a moment).
const sample = customerReport(orders, { currency: "EUR", models: true, title: "Leaf & Kettle" });
const sampleTree = parseHtml(sample);

/** The section whose `<h2>` reads `heading`. */
function section(tree: HtmlElement, heading: string): HtmlElement {
  const found = findAll(tree, "section").find((s) =>
    findAll(s, "h2").some((h) => textOf(h) === heading),
  );
  if (found === undefined) throw new Error(`no section "${heading}"`);
  return found;
}

/** The body rows of the first table of an element, as text cells. */
function tableRows(node: HtmlElement): string[][] {
  const body = findAll(node, "tbody")[0] as HtmlElement;
  return findAll(body, "tr").map((tr) =>
    allElements(tr)
      .filter((e) => e.name === "th" || e.name === "td")
      .map(textOf),
  );
}

/** The KPI values by label. */
function kpis(tree: HtmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kpi of findAll(tree, "div", "kpi")) {
    out[textOf(findAll(kpi, "dt")[0] as HtmlElement)] = textOf(
      findAll(kpi, "dd", "value")[0] as HtmlElement,
    );
  }
  return out;
}

const svg = (id: string, extra = ""): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="${id}-t ${id}-d" id="${id}">` +
  `<title id="${id}-t">A chart</title><desc id="${id}-d">Two bars</desc>` +
  `<defs><clipPath id="clip"><rect width="10" height="10"/></clipPath></defs>` +
  `<g clip-path="url(#clip)"${extra}><rect width="5" height="5" fill="#440154"/></g></svg>`;

describe("htmlReport", () => {
  const sections: ReportSection[] = [
    {
      kind: "kpis",
      heading: "Sales",
      items: [{ label: "Net revenue", value: "€1,234.50", note: "net" }],
    },
    { kind: "chart", heading: "Chart", svg: svg("c1"), caption: "Bars" },
    {
      kind: "table",
      heading: "Segments",
      caption: "By segment",
      columns: [{ label: "Segment" }, { label: "Customers", align: "right" }],
      rows: [
        ["Champions", 12],
        ["At risk", null],
      ],
    },
    { kind: "text", heading: "Notes", paragraphs: ["First line\nsecond line", "Another"] },
  ];

  it("writes the documented example", () => {
    const html = htmlReport(
      [
        { kind: "kpis", heading: "Sales", items: [{ label: "Net revenue", value: "€1,234.50" }] },
        {
          kind: "table",
          columns: [{ label: "Segment" }, { label: "Customers", align: "right" }],
          rows: [
            ["Champions", 12],
            ["At risk", 30],
          ],
        },
      ],
      { title: "Leaf & Kettle, first half of 2024" },
    );
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.includes("<title>Leaf &amp; Kettle, first half of 2024</title>")).toBe(true);
  });

  it("gives a page with lang, one h1, a heading per section, and accessible tables", () => {
    const tree = parseHtml(
      htmlReport(sections, { title: "Report", lang: "de-CH", subtitle: "H1 2024" }),
    );
    const html = findAll(tree, "html")[0] as HtmlElement;
    expect(html.attributes.lang).toBe("de-CH");
    expect(findAll(tree, "h1").map(textOf)).toEqual(["Report"]);
    expect(findAll(tree, "h2").map(textOf)).toEqual(["Sales", "Chart", "Segments", "Notes"]);
    for (const s of findAll(tree, "section")) {
      const h2 = findAll(s, "h2")[0] as HtmlElement;
      expect(s.attributes["aria-labelledby"]).toBe(h2.attributes.id);
    }
    expect(findAll(tree, "th").map((th) => [textOf(th), th.attributes.scope])).toEqual([
      ["Segment", "col"],
      ["Customers", "col"],
      ["Champions", "row"],
      ["At risk", "row"],
    ]);
    expect(tableRows(tree)).toEqual([
      ["Champions", "12"],
      ["At risk", "–"],
    ]);
    expect(textOf(findAll(tree, "caption")[0] as HtmlElement)).toBe("By segment");
    expect(findAll(tree, "p").map(textOf)).toEqual(["H1 2024", "First linesecond line", "Another"]);
    expect(findAll(tree, "br")).toHaveLength(1);
    expect(findAll(tree, "dd", "note").map(textOf)).toEqual(["net"]);
  });

  it("keeps a chart's title and description, and its figure caption", () => {
    const tree = parseHtml(htmlReport(sections, { title: "Report" }));
    const figure = findAll(tree, "figure")[0] as HtmlElement;
    const chart = findAll(figure, "svg")[0] as HtmlElement;
    expect(chart.attributes.role).toBe("img");
    expect(findAll(chart, "title").map(textOf)).toEqual(["A chart"]);
    expect(findAll(chart, "desc").map(textOf)).toEqual(["Two bars"]);
    expect(textOf(findAll(figure, "figcaption")[0] as HtmlElement)).toBe("Bars");
    // The accessible name still points at the title and description.
    const [t, d] = (chart.attributes["aria-labelledby"] as string).split(" ");
    expect(findAll(chart, "title")[0]?.attributes.id).toBe(t);
    expect(findAll(chart, "desc")[0]?.attributes.id).toBe(d);
  });

  it("moves in-chart links along with the ids they point at", () => {
    const chart = svg("c").replace("</svg>", '<use href="#clip"/><use xlink:href="#clip"/></svg>');
    const tree = parseHtml(
      htmlReport([{ kind: "chart", svg: chart, caption: "c" }], { title: "R" }),
    );
    const clip = findAll(tree, "clippath")[0]?.attributes.id as string;
    expect(clip).not.toBe("clip");
    expect(
      findAll(tree, "use").map((u) => u.attributes.href ?? u.attributes["xlink:href"]),
    ).toEqual([`#${clip}`, `#${clip}`]);
  });

  it("gives two charts with the same ids distinct ids, and moves their references along", () => {
    const html = htmlReport(
      [
        { kind: "chart", svg: svg("c"), caption: "one" },
        { kind: "chart", svg: svg("c"), caption: "two" },
      ],
      { title: "Twice" },
    );
    const tree = parseHtml(html);
    const ids = allElements(tree)
      .map((e) => e.attributes.id)
      .filter((id) => id !== undefined);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    for (const g of findAll(tree, "g")) {
      const target = /^url\(#(.+)\)$/.exec(g.attributes["clip-path"] ?? "")?.[1];
      expect(ids).toContain(target);
      expect(findAll(tree, "clippath").find((c) => c.attributes.id === target)).toBeDefined();
    }
  });

  it("escapes every string it is given", () => {
    const hostile = `</title><script>alert("x")</script><img src=x onerror=alert(1)> & 'q'`;
    const html = htmlReport(
      [
        {
          kind: "kpis",
          heading: hostile,
          items: [{ label: hostile, value: hostile, note: hostile }],
        },
        { kind: "chart", heading: hostile, svg: svg("c"), caption: hostile },
        {
          kind: "table",
          heading: hostile,
          caption: hostile,
          columns: [{ label: hostile }],
          rows: [[hostile]],
        },
        { kind: "text", heading: hostile, paragraphs: [hostile] },
      ],
      { title: hostile, subtitle: hostile },
    );
    const tree = parseHtml(html);
    expect(findAll(tree, "script")).toHaveLength(0);
    expect(findAll(tree, "img")).toHaveLength(0);
    expect(textOf(findAll(tree, "title")[0] as HtmlElement)).toBe(hostile);
    for (const name of ["h1", "h2", "dt", "dd", "figcaption", "caption", "th", "p"]) {
      for (const e of findAll(tree, name)) expect(textOf(e)).toBe(hostile);
    }
    expect(
      allElements(tree).every((e) => Object.keys(e.attributes).every((a) => !a.startsWith("on"))),
    ).toBe(true);
  });

  it("escapes any text: a property over random strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme-ascii" }), (a, b) => {
        const title = `t${a}`;
        const tree = parseHtml(
          htmlReport([{ kind: "table", columns: [{ label: b }], rows: [[a]] }], { title }),
        );
        expect(textOf(findAll(tree, "title")[0] as HtmlElement)).toBe(title);
        expect(tableRows(tree)).toEqual([[a]]);
        expect(textOf(findAll(tree, "thead")[0] as HtmlElement)).toBe(b);
        expect(findAll(tree, "script")).toHaveLength(0);
      }),
      { numRuns: 100 },
    );
  });

  it("loads nothing: a policy that allows no request, and no link, source or script", () => {
    const html = htmlReport(sections, { title: "Report" });
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expectSelfContained(html);
  });

  it("writes the colours of each theme, with print rules", () => {
    const light = htmlReport(sections, { title: "R" });
    const dark = htmlReport(sections, { title: "R", theme: "dark" });
    const auto = htmlReport(sections, { title: "R", theme: "auto" });
    expect(light).toContain("--bg:#ffffff");
    expect(light).not.toContain("--bg:#111827");
    expect(dark).toContain(":root{--bg:#111827");
    expect(auto).toContain("@media (prefers-color-scheme: dark){:root{--bg:#111827");
    expect(auto).toContain('<meta name="color-scheme" content="light dark">');
    for (const html of [light, dark, auto])
      expect(html).toContain("@media print{\n:root{--bg:#ffffff");
  });

  it("refuses a chart that could run code or load anything", () => {
    const bad = [
      svg("a").replace("</svg>", "<script>alert(1)</script></svg>"),
      svg("a", ' onclick="alert(1)"'),
      svg("a").replace("</svg>", '<image href="https://example.com/x.png"/></svg>'),
      svg("a").replace("</svg>", '<a href="javascript:alert(1)"><rect/></a></svg>'),
      svg("a").replace("</svg>", '<use href="//example.com/s.svg#x"/></svg>'),
      svg("a").replace("</svg>", "<foreignObject><div>x</div></foreignObject></svg>"),
      svg("a").replace("</svg>", "<style>@import 'https://example.com/a.css';</style></svg>"),
      svg("a").replace('fill="#440154"', 'fill="url(https://example.com/p.svg#g)"'),
      "<div>not a chart</div>",
      `${svg("a")}${svg("b")}`,
    ];
    for (const chart of bad) {
      const error = metricErrorOf(() =>
        htmlReport([{ kind: "chart", svg: chart, caption: "c" }], { title: "R" }),
      );
      expect([error.code, error.field]).toEqual(["INVALID_OPTION", "sections[0].svg"]);
      expect(error.message).toMatch(/^htmlReport: sections\[0\]\.svg must /);
    }
  });

  it("gives the same bytes for the same sections, and leaves them as they were", () => {
    const frozen = JSON.parse(JSON.stringify(sections)) as ReportSection[];
    const deepFreeze = (o: unknown): void => {
      if (o !== null && typeof o === "object") {
        Object.freeze(o);
        for (const v of Object.values(o)) deepFreeze(v);
      }
    };
    deepFreeze(frozen);
    const a = htmlReport(frozen, { title: "R" });
    expect(htmlReport(frozen, { title: "R" })).toBe(a);
    expect(frozen).toEqual(sections);
  });

  it("throws MetricInputError naming the section and field", () => {
    const run =
      (s: unknown, o: unknown = { title: "R" }) =>
      () =>
        htmlReport(s as ReportSection[], o as { title: string });
    expect(codeAndFieldOf(run([]))).toBe("EMPTY sections");
    expect(codeAndFieldOf(run("x"))).toBe("INVALID_OPTION sections");
    expect(codeAndFieldOf(run([{ kind: "pie" }]))).toBe("INVALID_OPTION sections[0].kind");
    expect(codeAndFieldOf(run([null]))).toBe("INVALID_OPTION sections[0]");
    expect(codeAndFieldOf(run([{ kind: "text", paragraphs: [1] }]))).toBe(
      "INVALID_OPTION sections[0].paragraphs[0]",
    );
    expect(codeAndFieldOf(run([{ kind: "kpis", items: [{ label: "a" }] }]))).toBe(
      "INVALID_OPTION sections[0].items[0].value",
    );
    expect(codeAndFieldOf(run([{ kind: "table", columns: [], rows: [] }]))).toBe(
      "EMPTY sections[0].columns",
    );
    const table = (rows: unknown) => [
      { kind: "table", columns: [{ label: "a" }, { label: "b" }], rows },
    ];
    expect(codeAndFieldOf(run(table([["x"]])))).toBe("INCONSISTENT sections[0].rows[0]");
    expect(codeAndFieldOf(run(table([["x", Number.NaN]])))).toBe(
      "NOT_A_NUMBER sections[0].rows[0][1]",
    );
    expect(codeAndFieldOf(run(table([["x", Number.POSITIVE_INFINITY]])))).toBe(
      "NOT_FINITE sections[0].rows[0][1]",
    );
    expect(codeAndFieldOf(run(table([["x", {}]])))).toBe("INVALID_OPTION sections[0].rows[0][1]");
    expect(codeAndFieldOf(run([{ kind: "text", paragraphs: [] }], { title: " " }))).toBe(
      "EMPTY title",
    );
    expect(codeAndFieldOf(run([{ kind: "text", paragraphs: [] }], {}))).toBe(
      "INVALID_OPTION title",
    );
    expect(
      codeAndFieldOf(run([{ kind: "text", paragraphs: [] }], { title: "R", lang: "e n" })),
    ).toBe("INVALID_OPTION lang");
    expect(
      codeAndFieldOf(run([{ kind: "text", paragraphs: [] }], { title: "R", theme: "blue" })),
    ).toBe("INVALID_OPTION theme");
    expect(codeAndFieldOf(run([{ kind: "text", paragraphs: [] }], null))).toBe(
      "INVALID_OPTION options",
    );
    const e = metricErrorOf(run(table([["x"]])));
    expect(e).toBeInstanceOf(MetricInputError);
    expect(e.message).toBe(
      "htmlReport: sections[0].rows[0] must have one cell per column (2) (received an array of 1)",
    );
  });

  it("writes -0 as 0 and Decimals as their exact digits", () => {
    const tree = parseHtml(
      htmlReport(
        [
          {
            kind: "table",
            columns: [{ label: "a" }, { label: "b" }, { label: "c" }],
            rows: [[-0, 0.1, new Decimal("1.50")]],
          },
        ],
        { title: "R" },
      ),
    );
    expect(tableRows(tree)).toEqual([["0", "0.1", "1.5"]]);
  });
});

/** No script, no event handler, no reference to another document. */
function expectSelfContained(html: string): void {
  const tree = parseHtml(html);
  expect(findAll(tree, "script")).toHaveLength(0);
  for (const e of allElements(tree)) {
    for (const [name, value] of Object.entries(e.attributes)) {
      expect(name.startsWith("on")).toBe(false);
      if (name === "src" || name === "href" || name === "xlink:href" || name === "action") {
        expect(value.startsWith("#")).toBe(true);
      }
    }
  }
  expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:|\/\/)/i);
  expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:|\/\/)/i);
  expect(html).not.toMatch(/@import/i);
}

describe("customerReport", () => {
  it("is one self-contained page with the sections of the sample log", () => {
    expectSelfContained(sample);
    expect(findAll(sampleTree, "h1").map(textOf)).toEqual(["Leaf & Kettle"]);
    expect(findAll(sampleTree, "h2").map(textOf)).toEqual([
      "Key figures",
      "Cohort retention",
      "Cohort value",
      "Lifetime value curves",
      "Repeat purchases by month",
      "RFM segments",
      "Purchase model (BG/NBD)",
      "Spend model (Gamma-Gamma)",
      "Model check: repeat purchases",
      "Model check: calibration and holdout",
      "Top customers",
    ]);
    expect(textOf(findAll(sampleTree, "p", "subtitle")[0] as HtmlElement)).toBe(
      "Orders from 2024-01-01 to 2024-06-30 (UTC), by month, amounts in EUR",
    );
    for (const chart of findAll(sampleTree, "svg")) {
      expect(chart.attributes.role).toBe("img");
      expect(findAll(chart, "title").length).toBeGreaterThan(0);
      expect(findAll(chart, "desc").length).toBeGreaterThan(0);
    }
  });

  // Reference figures from plain Python on the same file (decimal arithmetic, half-up
  // rounding), independent of this library:
  //   python3 ref.py examples/data/shop-orders.csv
  // where ref.py sums the amounts (> 0 orders, < 0 refunds), counts distinct customers with an
  // order and those with two or more, and for each UTC month the customers with an order, the
  // new ones (first order in that month) and the customers new in earlier months.
  it("shows the key figures of the sample log (reference: Python decimal sums)", () => {
    expect(kpis(sampleTree)).toEqual({
      "Net revenue": "€31,829.98",
      "Gross revenue": "€32,942.50",
      Refunds: "€1,112.52",
      Orders: "980",
      Customers: "540",
      "Average order value": "€33.61",
      "Purchase frequency": "1.81",
      "Repeat customer rate": "45.6%",
    });
  });

  it("shows new, returning and repeat purchase rate by month (reference: Python)", () => {
    const rows = tableRows(section(sampleTree, "Repeat purchases by month"));
    expect(rows.map((r) => r.slice(0, 7))).toEqual([
      ["2024-01", "72", "60", "60", "0", "0", "–"],
      ["2024-02", "102", "86", "72", "14", "60", "23.3%"],
      ["2024-03", "154", "130", "84", "46", "132", "34.8%"],
      ["2024-04", "176", "155", "96", "59", "216", "27.3%"],
      ["2024-05", "227", "195", "108", "87", "312", "27.9%"],
      ["2024-06", "249", "226", "120", "106", "420", "25.2%"],
    ]);
  });

  it("shows the RFM segments rfmSegments gives, summing to the customers", () => {
    const rfm = rfmSegments(orders, { asOf: "2024-06-30" });
    const rows = tableRows(section(sampleTree, "RFM segments"));
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual(
      rfm.segments.map((s) => [s.name, s.customers]),
    );
    expect(rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(540);
  });

  // BG/NBD and Gamma-Gamma maximum-likelihood estimates on the same summaries (purchase days in
  // UTC, weeks; T to 2024-06-30), by scipy.optimize (Nelder–Mead on the log-parameters, the
  // likelihoods of Fader, Hardie & Lee 2005, eq. 6, and Fader & Hardie 2013), independent of
  // this library's optimiser:
  //   r 1.6019, alpha 18.8798, a 0.264339, b 0.983458 (LL −1576.697395, 540 customers)
  //   p 4.19403, q 29.6942, gamma 232.85 (LL −997.952551, 246 repeat buyers)
  it("shows the model parameters with intervals (reference: scipy fits)", () => {
    const estimates = (heading: string) =>
      Object.fromEntries(
        tableRows(section(sampleTree, heading)).map((r) => [r[0], r.slice(1).map(Number)]),
      );
    const bg = estimates("Purchase model (BG/NBD)");
    const close = (value: number | undefined, expected: number) =>
      expect(Math.abs((value as number) / expected - 1)).toBeLessThan(1.5e-3);
    close(bg.r?.[0], 1.6019);
    close(bg.alpha?.[0], 18.8798);
    close(bg.a?.[0], 0.264339);
    close(bg.b?.[0], 0.983458);
    const gg = estimates("Spend model (Gamma-Gamma)");
    close(gg.p?.[0], 4.19403);
    close(gg.q?.[0], 29.6942);
    close(gg.gamma?.[0], 232.85);
    // Each interval holds its estimate; a standard error is positive.
    for (const row of [...Object.values(bg), ...Object.values(gg)]) {
      const [estimate, se, lower, upper] = row as number[];
      expect(se).toBeGreaterThan(0);
      expect(lower).toBeLessThan(estimate as number);
      expect(upper).toBeGreaterThan(estimate as number);
    }
    const caption = textOf(
      findAll(section(sampleTree, "Purchase model (BG/NBD)"), "caption")[0] as HtmlElement,
    );
    expect(caption).toContain("540 customers, log-likelihood −1,576.70");
  });

  it("ranks the top customers by expected value, largest first", () => {
    const rows = tableRows(section(sampleTree, "Top customers"));
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    const values = rows.map((r) => Number((r[5] as string).replace(/[€,]/g, "")));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // The first row's figures are the models' own: 12-month purchases, and the undiscounted
    // customer lifetime value over 12 monthly steps (BG/NBD purchases × Gamma-Gamma spend).
    const summary = summarizeTransactions(orders, { observationEnd: "2024-06-30", unit: "week" });
    const bg = fitBetaGeometricNBD(summary);
    const gg = fitGammaGamma(summary);
    const top = rows[0] as string[];
    const c = summary.find((s) => s.customerId === top[1]) as (typeof summary)[number];
    expect(top[4]).toBe(bg.conditionalExpectedPurchases(c, { months: 12 }).toFixed(2));
    const clv = bg.customerLifetimeValue({
      spendModel: gg,
      customer: c,
      horizon: { months: 12 },
      discountRate: 0,
    });
    expect(top[5]).toBe(`€${clv.toFixed(2)}`);
    // Nobody outside the table is worth more than its last row.
    const purchases = bg.predict(summary, {
      what: "conditionalExpectedPurchases",
      horizon: { months: 12 },
    });
    const spend = gg.predict(summary);
    const listed = new Set(rows.map((r) => r[1]));
    const best = Math.max(
      ...summary.flatMap((s, i) =>
        listed.has(String(s.customerId)) ? [] : [(purchases[i] as number) * (spend[i] as number)],
      ),
    );
    expect(best).toBeLessThanOrEqual((values.at(-1) as number) + 0.005);
  });

  it("writes the documented example", () => {
    const html = customerReport(orders, { period: "month", currency: "EUR", models: true });
    expect(html.includes('<h2 id="s0">Key figures</h2>')).toBe(true);
  });

  it("buckets months in the report's time zone", () => {
    const log = [
      { customerId: "a", at: "2024-01-15T12:00:00Z", revenue: "10" },
      // 1 February 03:00 UTC is still 31 January in New York.
      { customerId: "a", at: "2024-02-01T03:00:00Z", revenue: "10" },
      { customerId: "b", at: "2024-02-10T12:00:00Z", revenue: "10" },
    ];
    const months = (timeZone: string) =>
      tableRows(
        section(parseHtml(customerReport(log, { timeZone })), "Repeat purchases by month"),
      ).map((r) => r.slice(0, 3));
    // The data end on 10 February: February is partial; January, where they start, is not.
    expect(months("UTC")).toEqual([
      ["2024-01", "1", "1"],
      ["2024-02 (partial)", "2", "2"],
    ]);
    expect(months("America/New_York")).toEqual([
      ["2024-01", "2", "1"],
      ["2024-02 (partial)", "1", "1"],
    ]);
    const tree = parseHtml(customerReport(log, { timeZone: "America/New_York" }));
    expect(textOf(findAll(tree, "p", "subtitle")[0] as HtmlElement)).toBe(
      "Orders from 2024-01-15 to 2024-02-10 (America/New_York), by month",
    );
  });

  it("leaves refunds out with refunds: 'exclude'", () => {
    const k = kpis(parseHtml(customerReport(orders, { currency: "EUR", refunds: "exclude" })));
    expect([k["Net revenue"], k["Gross revenue"], k.Refunds]).toEqual([
      "€32,942.50",
      "€32,942.50",
      "€0.00",
    ]);
  });

  it("reads amounts of any numeric form alike", () => {
    const log = (revenue: unknown[]) =>
      revenue.map((r, i) => ({
        customerId: `c${i % 2}`,
        at: `2024-01-0${i + 1}T10:00:00Z`,
        revenue: r,
      }));
    const plainText = customerReport(log(["100", "2.50", "-1.25", "0"]));
    expect(customerReport(log(["1e2", "2.5", new Decimal("-1.25"), 0]))).toBe(plainText);
    expect(customerReport(log([100, 2.5, -1.25, 0n]))).toBe(plainText);
    const k = kpis(parseHtml(plainText));
    expect([k["Net revenue"], k.Orders, k.Refunds]).toEqual(["101.25", "2", "1.25"]);
  });

  it("draws a dark page with dark charts", () => {
    const html = customerReport(orders.slice(0, 200), { theme: "dark" });
    expect(html).toContain('<meta name="color-scheme" content="dark">');
    expect(html).toContain(":root{--bg:#111827");
    // Every chart is drawn on the dark background.
    const charts = findAll(parseHtml(html), "svg");
    expect(charts.length).toBe(3);
    for (const chart of charts) {
      expect(allElements(chart).some((e) => e.attributes.fill === "#111827")).toBe(true);
    }
  });

  it("reads rows, columns, accessors and a one-pass iterable alike, to the same bytes", () => {
    const options = { currency: "EUR" } as const;
    const rows = customerReport(orders, options);
    expect(customerReport(orders, options)).toBe(rows);
    const columns = {
      customerId: orders.map((o) => o.customerId),
      at: orders.map((o) => o.at),
      revenue: orders.map((o) => o.revenue),
    };
    expect(customerReport(columns, options)).toBe(rows);
    const raw = csv.map(([, id, at, amount]) => ({ id, ordered_at: at, amount }));
    expect(
      customerReport(raw, {
        ...options,
        customerId: (r) => r.id,
        at: (r) => r.ordered_at,
        revenue: (r) => r.amount,
      }),
    ).toBe(rows);
    function* once() {
      yield* orders;
    }
    expect(customerReport(once(), options)).toBe(rows);
  });

  it("does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(orders, { minLength: orders.length, maxLength: orders.length }),
        (shuffled) => {
          expect(customerReport(shuffled, { currency: "EUR" })).toBe(
            customerReport(orders, { currency: "EUR" }),
          );
        },
      ),
      { numRuns: 3 },
    );
  });

  it("reads logs of any length: three copies of the sample, under new ids, triple every sum", () => {
    const tripled = [0, 1, 2].flatMap((copy) =>
      orders.map((o) => ({ ...o, customerId: `${o.customerId}-${copy}` })),
    );
    expect(tripled.length).toBeGreaterThan(3000);
    const k = kpis(parseHtml(customerReport(tripled, { currency: "EUR" })));
    expect([k["Net revenue"], k.Orders, k.Customers, k["Repeat customer rate"]]).toEqual([
      "€95,489.94",
      "2,940",
      "1,620",
      "45.6%",
    ]);
  });

  it("does not change its input", () => {
    const frozen = Object.freeze(orders.slice(0, 50).map((o) => Object.freeze({ ...o })));
    const copy = JSON.stringify(frozen);
    customerReport(frozen);
    expect(JSON.stringify(frozen)).toBe(copy);
  });

  it("escapes hostile customer ids and titles", () => {
    const evil = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    const log = orders.map((o) => (o.customerId === "C0082" ? { ...o, customerId: evil } : o));
    const html = customerReport(log, { models: true, top: 3, title: `${evil} & co` });
    const tree = parseHtml(html);
    expectSelfContained(html);
    expect(findAll(tree, "img")).toHaveLength(0);
    expect(textOf(findAll(tree, "title")[0] as HtmlElement)).toBe(`${evil} & co`);
    const top = tableRows(section(tree, "Top customers"));
    expect(top[0]?.[1]).toBe(evil);
  });

  it("ends the data at asOf, and counts a calendar date as its last day", () => {
    const tree = parseHtml(customerReport(orders, { asOf: "2024-03-31" }));
    const rows = tableRows(section(tree, "Repeat purchases by month"));
    expect(rows.map((r) => r[0])).toEqual(["2024-01", "2024-02", "2024-03"]);
    // The retention heatmap then has one cell per complete (cohort, k): 3 + 2 + 1, and the
    // pooled row's 3.
    const heat = findAll(section(tree, "Cohort retention"), "g", "cm-cell");
    const table = cohortAnalysis(orders, { asOf: "2024-03-31", active: "purchases" });
    const complete = table.cohorts.reduce((n, c) => n + c.complete.filter(Boolean).length, 0);
    expect(complete).toBe(6);
    expect(heat.filter((g) => !(g.attributes.class ?? "").includes("cm-pooled"))).toHaveLength(
      complete,
    );
  });

  it("writes a partial last period as such", () => {
    const tree = parseHtml(customerReport(orders, { asOf: "2024-06-15" }));
    const rows = tableRows(section(tree, "Repeat purchases by month"));
    expect(rows.at(-1)?.[0]).toBe("2024-06 (partial)");
  });

  it("says why a model cannot be fitted instead of failing the report", () => {
    const few = [
      { customerId: "a", at: "2024-01-01T10:00:00Z", revenue: "10" },
      { customerId: "b", at: "2024-01-02T10:00:00Z", revenue: "12" },
    ];
    const tree = parseHtml(customerReport(few, { models: true }));
    const spend = section(tree, "Spend model (Gamma-Gamma)");
    expect(textOf(findAll(spend, "p")[0] as HtmlElement)).toMatch(
      /^The Gamma-Gamma model could not be computed from these orders: fitGammaGamma: /,
    );
  });

  it("counts every row that is not a refund with purchases: 'all'", () => {
    const log = [
      { customerId: "a", at: "2024-01-01T10:00:00Z" },
      { customerId: "a", at: "2024-02-01T10:00:00Z" },
      { customerId: "b", at: "2024-01-05T10:00:00Z" },
    ];
    expect(codeAndFieldOf(() => customerReport(log))).toBe("INVALID_OPTION purchases");
    const k = kpis(parseHtml(customerReport(log, { purchases: "all" })));
    expect([k.Orders, k.Customers, k["Repeat customer rate"]]).toEqual(["3", "2", "50.0%"]);
  });

  it("throws MetricInputError naming customerReport and the field", () => {
    const at = "2024-01-01T00:00:00Z";
    const run = (o: unknown, opts?: unknown) => () => customerReport(o as never, opts as never);
    expect(codeAndFieldOf(run([{ customerId: "a", at: "nope", revenue: 1 }]))).toBe(
      "INVALID_DATE orders[0].at",
    );
    expect(codeAndFieldOf(run([{ customerId: null, at, revenue: 1 }]))).toBe(
      "NOT_A_NUMBER orders[0].customerId",
    );
    expect(codeAndFieldOf(run([{ customerId: "a", at, revenue: "x" }]))).toBe(
      "NOT_A_NUMBER orders[0].revenue",
    );
    expect(codeAndFieldOf(run([{ customerId: "a", at, revenue: Number.POSITIVE_INFINITY }]))).toBe(
      "NOT_FINITE orders[0].revenue",
    );
    expect(codeAndFieldOf(run({ customerId: ["a", "b"], at: [at] }))).toBe(
      "INCONSISTENT orders.at",
    );
    expect(codeAndFieldOf(run({ customerId: ["a"], at: ["bad"] }))).toBe(
      "INVALID_DATE orders.at[0]",
    );
    expect(codeAndFieldOf(run(42))).toBe("NOT_A_NUMBER orders");
    expect(codeAndFieldOf(run([7]))).toBe("NOT_A_NUMBER orders[0]");
    expect(codeAndFieldOf(run({ customerId: "ab", at: [at, at] }))).toBe(
      "NOT_A_NUMBER orders.customerId",
    );
    expect(codeAndFieldOf(run({ customerId: ["a"], at: 5 }))).toBe("NOT_A_NUMBER orders.at");
    expect(codeAndFieldOf(run({ customerId: ["a"], at: [at], revenue: [1, 2] }))).toBe(
      "INCONSISTENT orders.revenue",
    );
    expect(codeAndFieldOf(run({ customerId: [1.5, Number.NaN], at: [at, at] }))).toBe(
      "NOT_A_NUMBER orders.customerId[1]",
    );
    expect(codeAndFieldOf(run([]))).toBe("EMPTY orders");
    expect(codeAndFieldOf(run([{ customerId: "a", at, revenue: -5 }]))).toBe("EMPTY orders");
    const one = [{ customerId: "a", at, revenue: 1 }];
    expect(codeAndFieldOf(run(one, { period: "fortnight" }))).toBe("INVALID_OPTION period");
    expect(codeAndFieldOf(run(one, { timeZone: "Mars/Olympus" }))).toBe("INVALID_OPTION timeZone");
    expect(codeAndFieldOf(run(one, { currency: "euro" }))).toBe("INVALID_OPTION currency");
    expect(codeAndFieldOf(run(one, { top: 0 }))).toBe("OUT_OF_RANGE top");
    expect(codeAndFieldOf(run(one, { top: 1.5 }))).toBe("NOT_INTEGER top");
    expect(codeAndFieldOf(run(one, { top: 1001 }))).toBe("OUT_OF_RANGE top");
    expect(codeAndFieldOf(run(one, { models: "yes" }))).toBe("INVALID_OPTION models");
    expect(codeAndFieldOf(run(one, { asOf: "soon" }))).toBe("INVALID_DATE asOf");
    expect(codeAndFieldOf(run(one, { theme: "blue" }))).toBe("INVALID_OPTION theme");
    expect(codeAndFieldOf(run(one, { title: "" }))).toBe("EMPTY title");
    // The options are checked before the orders are read.
    expect(codeAndFieldOf(run([{ customerId: "a", at: "nope" }], { lang: "x y" }))).toBe(
      "INVALID_OPTION lang",
    );
    expect(codeAndFieldOf(run(one, { at: "at" }))).toBe("INVALID_OPTION at");
    expect(codeAndFieldOf(run({ customerId: ["a"], at: [at] }, { at: (r: never) => r }))).toBe(
      "INVALID_OPTION options",
    );
    expect(codeAndFieldOf(run(one, { asOf: "2023-12-31" }))).toBe("EMPTY orders");
    // 201 days of daily cohorts are too many for a page; 200 are drawn.
    expect(codeAndFieldOf(run(one, { period: "day", asOf: "2024-07-19" }))).toBe(
      "OUT_OF_RANGE period",
    );
    expect(metricErrorOf(run(one, { period: "day", asOf: "2024-07-19" })).message).toBe(
      "customerReport: period must split the orders into at most 200 periods (they span 201 " +
        'of that length, 2024-01-01 to 2024-07-19); choose a longer period (received "day")',
    );
    expect(customerReport(one, { period: "day", asOf: "2024-07-18" })).toContain("2024-07-18");
    expect(metricErrorOf(run([{ customerId: "a", at: "nope" }])).message).toBe(
      'customerReport: orders[0].at must be an ISO-8601 date or date-time (received "nope")',
    );
  });
});

describe("parseHtml, the tokenizer of these tests", () => {
  it("refuses markup that is not well formed, so the structure checks above can fail", () => {
    for (const bad of [
      "<p a=b></p>",
      "<p><b></p>",
      "<p>",
      "x > y",
      '<p a="1" a="2"></p>',
      "< p>",
    ]) {
      expect(() => parseHtml(bad)).toThrow();
    }
    const p = findAll(parseHtml('<p class="x">a &amp; <b>b&#39;s</b></p>'), "p")[0] as HtmlElement;
    expect([p.attributes.class, textOf(p)]).toEqual(["x", "a & b's"]);
  });
});
