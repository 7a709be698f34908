import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { horizonFlag } from "../../src/cli/fit.js";
import { LogColumns } from "../../src/cli/log.js";
import {
  type CustomerSummary,
  fitBetaGeometricNBD,
  fitGammaGamma,
  fitModifiedBetaGeometricNBD,
  fitParetoNBD,
  summarizeTransactions,
} from "../../src/index.js";
import { run, SAMPLE, sampleRows, tempDir } from "./_run.js";

// frequency, recency and T (weeks) of the sample's five most valuable customers, computed with
// Python's standard library (csv, datetime, decimal): purchases are rows with amount > 0, days
// are UTC calendar days, the end is the day of the last event (2024-06-30), included.
//   python3 test/cli/reference/shop_orders_summary.py
const PYTHON_SUMMARY: Record<string, [string, string, string]> = {
  C0082: ["6", "15.86", "20.57"],
  C0024: ["9", "21.57", "23.14"],
  C0021: ["8", "24.14", "25.86"],
  C0193: ["5", "14.57", "14.57"],
  C0109: ["4", "17.57", "20.43"],
};

const tmp = tempDir();
afterAll(() => tmp.remove());

let summary: CustomerSummary[];
beforeAll(() => {
  summary = summarizeTransactions(sampleRows(), { observationEnd: "2024-06-30", unit: "week" });
});

function exactRows(rows: readonly { name: string; estimate: { toString(): string } }[]) {
  return rows.map((p) => [p.name, p.estimate.toString()]);
}

describe("customer-metrics fit", () => {
  it("fits BG/NBD to the sample with no flags: parameters, intervals, log-likelihood, top 20", async () => {
    const r = await run(["fit", SAMPLE, "--format", "json", "-q"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const bg = fitBetaGeometricNBD(summary);
    expect(doc).toMatchObject({
      model: "BG/NBD",
      unit: "week",
      timeZone: "UTC",
      observationEnd: "2024-06-30",
      customers: 540,
      converged: bg.converged,
      iterations: bg.iterations,
      logLikelihood: bg.logLikelihood.toString(),
      spendModel: null,
      horizon: { weeks: "52" },
      rankedBy: "expectedPurchases",
    });
    expect(doc.parameters).toEqual(
      bg.parameters().map((p) => ({
        name: p.name,
        estimate: p.estimate.toString(),
        standardError: p.standardError?.toString() ?? null,
        lower: p.lower?.toString() ?? null,
        upper: p.upper?.toString() ?? null,
      })),
    );
    const ranked = bg.rank(
      summary,
      { what: "conditionalExpectedPurchases", horizon: { weeks: 52 } },
      { top: 20 },
    );
    expect(doc.top).toHaveLength(20);
    expect(doc.top.map((c: { customerId: string }) => c.customerId)).toEqual(
      ranked.map((c) => c.customerId),
    );
    expect(doc.top[0].expectedPurchases).toBe(ranked[0]?.value.toString());
    const first = summary[ranked[0]?.index as number] as CustomerSummary;
    expect(doc.top[0].probabilityAlive).toBe(bg.probabilityAlive(first).toString());
  });

  it("ranks by expected value with --gamma-gamma; the summaries match a Python computation", async () => {
    const r = await run(["fit", SAMPLE, "--gamma-gamma", "--top", "5", "--format", "json", "-q"]);
    const doc = JSON.parse(r.stdout);
    const bg = fitBetaGeometricNBD(summary);
    const gg = fitGammaGamma(summary);
    expect(doc.rankedBy).toBe("expectedValue");
    expect(doc.spendModel.model).toBe("Gamma-Gamma");
    expect(doc.spendModel.customers).toBe(gg.customers);
    expect(exactRows(doc.spendModel.parameters)).toEqual(exactRows(gg.parameters()));
    expect(doc.top.map((c: { customerId: string }) => c.customerId)).toEqual(
      Object.keys(PYTHON_SUMMARY),
    );
    for (const c of doc.top) {
      const [frequency, recency, T] = PYTHON_SUMMARY[c.customerId] as [string, string, string];
      expect([c.frequency, Number(c.recency).toFixed(2), Number(c.T).toFixed(2)]).toEqual([
        frequency,
        recency,
        T,
      ]);
      const row = summary.find((s) => s.customerId === c.customerId) as CustomerSummary;
      // with no discount the value is the expected purchases times the expected spend
      const value = bg
        .conditionalExpectedPurchases(row, { weeks: 52 })
        .times(gg.conditionalExpectedSpend(row));
      expect(Math.abs(Number(c.expectedValue) / value.toNumber() - 1)).toBeLessThan(1e-9);
      expect(c.expectedPurchases).toBe(
        bg.conditionalExpectedPurchases(row, { weeks: 52 }).toString(),
      );
    }
  });

  it("prints the fit as aligned tables in the terminal", async () => {
    const r = await run(["fit", SAMPLE, "--gamma-gamma", "--top", "3"]);
    const bg = fitBetaGeometricNBD(summary);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(
      `BG/NBD fit of 540 customers (unit week, observation end 2024-06-30, converged in ${bg.iterations} iterations)`,
    );
    expect(lines[1]).toBe(`log-likelihood ${bg.logLikelihood.toSignificantDigits(8).toString()}`);
    expect(lines[3]).toBe("parameter  estimate  std. error  95% lower  95% upper");
    const r0 = bg.parameters()[0];
    expect(lines[4]?.split(/\s+/)).toEqual([
      "r",
      r0?.estimate.toSignificantDigits(6).toString(),
      r0?.standardError?.toSignificantDigits(6).toString(),
      r0?.lower?.toSignificantDigits(6).toString(),
      r0?.upper?.toSignificantDigits(6).toString(),
    ]);
    expect(r.stdout).toContain("\nTop 3 customers by expected value in the next 52 weeks\n\n");
    expect(r.stdout).toContain(
      "rank  customer  frequency  recency      T  P(alive)  purchases   value\n1     C0082             6    15.86  20.57",
    );
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^3 {5}C0021 {13}8 {4}24\.14 {2}25\.86 /);
    expect(r.stderr).toContain("columns customer = customer_id");
  });

  it("fits Pareto/NBD and MBG/NBD with --model, in days with --unit and a --horizon in days", async () => {
    const days = summarizeTransactions(sampleRows(), { observationEnd: "2024-06-30", unit: "day" });
    const pareto = JSON.parse(
      (await run(["fit", SAMPLE, "--model", "pareto", "--top", "2", "--format", "json", "-q"]))
        .stdout,
    );
    expect(pareto.model).toBe("Pareto/NBD");
    expect(exactRows(pareto.parameters)).toEqual(exactRows(fitParetoNBD(summary).parameters()));
    const mbg = JSON.parse(
      (
        await run([
          "fit",
          SAMPLE,
          "--model",
          "mbgnbd",
          "--unit",
          "day",
          "--horizon",
          "90d",
          "--top",
          "1",
          "--format",
          "json",
          "-q",
        ])
      ).stdout,
    );
    const model = fitModifiedBetaGeometricNBD(days);
    expect(mbg.model).toBe("MBG/NBD");
    expect(mbg.unit).toBe("day");
    expect(mbg.horizon).toEqual({ days: "90" });
    expect(exactRows(mbg.parameters)).toEqual(exactRows(model.parameters()));
    const [best] = model.rank(days, {
      what: "conditionalExpectedPurchases",
      horizon: { days: 90 },
    });
    expect(mbg.top[0].customerId).toBe(best?.customerId);
  });

  it("takes --observation-end and --tz as summarizeTransactions does", async () => {
    const doc = JSON.parse(
      (
        await run([
          "fit",
          SAMPLE,
          "--observation-end",
          "2024-05-31",
          "--tz",
          "Pacific/Auckland",
          "--format",
          "json",
          "-q",
        ])
      ).stdout,
    );
    const s = summarizeTransactions(sampleRows(), {
      observationEnd: "2024-05-31",
      unit: "week",
      timeZone: "Pacific/Auckland",
    });
    expect(doc.customers).toBe(s.length);
    expect(doc.logLikelihood).toBe(fitBetaGeometricNBD(s).logLikelihood.toString());
  });

  it("counts every row as a purchase when the log has no amount column", async () => {
    const rows = sampleRows();
    const f = tmp.file(
      "no-amount.csv",
      `customer_id,ordered_at\n${rows.map((x) => `${x.customerId},${x.at}`).join("\n")}\n`,
    );
    const doc = JSON.parse((await run(["fit", f, "--format", "json", "-q"])).stdout);
    const s = summarizeTransactions(
      rows.map((x) => ({ customerId: x.customerId, at: x.at })),
      { observationEnd: "2024-06-30", unit: "week", purchases: "all" },
    );
    expect(doc.customers).toBe(s.length);
    expect(doc.logLikelihood).toBe(fitBetaGeometricNBD(s).logLikelihood.toString());
    const r = await run(["fit", f, "--gamma-gamma", "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "customer-metrics: fit: --gamma-gamma needs an amount column (name it with --revenue)\n",
    );
  });

  it("explains a log without purchases and a base nobody bought twice in", async () => {
    const zero = tmp.file(
      "zero.csv",
      "customer_id,ordered_at,amount\na,2024-01-01,0\nb,2024-01-02,0\n",
    );
    const a = await run(["fit", zero, "-q"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      `customer-metrics: ${zero}: no customer has a purchase before the observation end (a purchase is a row with an amount above 0; --purchases all counts every row)\n`,
    );
    const once = tmp.file(
      "once.csv",
      "customer_id,ordered_at,amount\na,2024-01-01,5\nb,2024-01-02,6\n",
    );
    const b = await run(["fit", once, "--gamma-gamma", "-q"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      new RegExp(`^customer-metrics: ${once}: the model cannot be fitted: fitGammaGamma: `),
    );
    const late = await run(["fit", once, "--observation-end", "2023-12-31", "-q"]);
    expect(late.code).toBe(2);
    expect(late.stderr).toBe(
      `customer-metrics: ${once}: no customer has a purchase before the observation end (a purchase is a row with an amount above 0; --purchases all counts every row)\n`,
    );
  });

  it("reads horizons with their units", () => {
    expect(horizonFlag("52w")).toEqual({ duration: { weeks: "52" }, text: "52 weeks" });
    expect(horizonFlag("1y")).toEqual({ duration: { years: "1" }, text: "1 year" });
    expect(horizonFlag("12 months")).toEqual({ duration: { months: "12" }, text: "12 months" });
    expect(horizonFlag("90D")).toEqual({ duration: { days: "90" }, text: "90 days" });
    expect(horizonFlag("1.5w")).toEqual({ duration: { weeks: "1.5" }, text: "1.5 weeks" });
  });
});

describe("LogColumns", () => {
  it("keeps every event when the log outgrows its first columns", () => {
    const log = new LogColumns();
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `c${i % 7}`);
    const at = Float64Array.from({ length: n }, (_, i) => i);
    log.add(
      ids,
      at,
      ids.map(() => "2"),
    );
    log.add(
      ids,
      at.map((t) => t + n),
      ids.map(() => "1.5"),
    );
    expect(log.length).toBe(2 * n);
    expect(log.names).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(log.customerIds()[n + 8]).toBe("c1");
    expect(log.at[2 * n - 1]).toBe(2 * n - 1);
    expect(log.revenue).toHaveLength(2 * n);
    expect([log.revenue?.[n - 1], log.revenue?.[n]]).toEqual(["2", "1.5"]);
  });
});
