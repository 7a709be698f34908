/**
 * The model sections of {@link customerReport}: a BG/NBD purchase model and a Gamma-Gamma
 * spend model, their parameters, their checks and the customers of most expected value.
 */
import type { Decimal } from "../../_lib/decimal.js";
import { dayNumber, MS_PER_DAY, wallClockToInstant } from "../../_lib/time.js";
import { isMetricInputError } from "../../errors.js";
import { calibrationVsHoldout } from "../../models/purchase/checks/calibrationVsHoldout.js";
import { periodTransactions } from "../../models/purchase/checks/periodTransactions.js";
import { fitBetaGeometricNBD } from "../../models/purchase/fitBetaGeometricNBD.js";
import { fitGammaGamma } from "../../models/purchase/fitGammaGamma.js";
import {
  type CustomerSummary,
  summarizeTransactions,
} from "../../models/purchase/summarizeTransactions.js";
import type {
  BetaGeometricNBDModel,
  GammaGammaModel,
  ModelParameterRow,
} from "../../models/purchase/types.js";
import { calibrationHoldoutChart } from "../calibrationHoldoutChart.js";
import { periodTransactionsChart } from "../periodTransactionsChart.js";
import { money, plain, significant } from "./_format.js";
import type { ReportColumns, Settings } from "./_settings.js";
import type { ReportSection } from "./types.js";

/** The time unit of the models: weeks, as Fader, Hardie & Lee fit them. */
const UNIT = "week";

/** The horizon of the predictions. */
const HORIZON = { months: 12 } as const;

/** Run a step that may not be possible on this data; its reason, as text, if not. */
function attempt<T>(step: () => T): T | string {
  try {
    return step();
  } catch (error) {
    if (isMetricInputError(error)) return error.message;
    throw error;
  }
}

/** A text section saying why a model or check is missing. */
function missing(heading: string, what: string, reason: string): ReportSection {
  return {
    kind: "text",
    heading,
    paragraphs: [`${what} could not be computed from these orders: ${reason}`],
  };
}

/** A parameter table (estimate, standard error, 95 % interval). */
function parameterSection<P extends string>(
  heading: string,
  caption: string,
  rows: readonly ModelParameterRow<P>[],
  note: string,
): ReportSection {
  return {
    kind: "table",
    heading,
    caption: `${caption} (${note})`,
    columns: [
      { label: "Parameter" },
      { label: "Estimate", align: "right" },
      { label: "Standard error", align: "right" },
      { label: "95% interval, lower", align: "right" },
      { label: "95% interval, upper", align: "right" },
    ],
    rows: rows.map((r) => [
      r.name,
      significant(r.estimate),
      significant(r.standardError),
      significant(r.lower),
      significant(r.upper),
    ]),
  };
}

function fitNote(model: { logLikelihood: Decimal; converged: boolean }, customers: number): string {
  return (
    `${customers} customers, log-likelihood ${plain(model.logLikelihood, 2)}` +
    (model.converged ? "" : ", the optimiser stopped before its tolerance")
  );
}

/** Expected versus actual customers by number of repeat purchases: a chart and its table. */
function periodCheck(
  bg: BetaGeometricNBDModel,
  summary: readonly CustomerSummary[],
  s: Settings,
): ReportSection[] {
  const check = periodTransactions(bg, summary);
  const chart: ReportSection = {
    kind: "chart",
    heading: "Model check: repeat purchases",
    svg: periodTransactionsChart(check, {
      title: "Customers by number of repeat purchases, actual and expected",
      theme: s.chartTheme,
    }),
    caption:
      "Bars: customers with 0, 1, 2, … repeat purchases, as observed and as the fitted BG/NBD " +
      "model expects for customers of the same ages. Close bars: the model describes the data.",
  };
  const table: ReportSection = {
    kind: "table",
    caption:
      "Customers by number of repeat purchases (purchase days after the first), as observed " +
      "and as the BG/NBD model expects for customers of the same ages",
    columns: [
      { label: "Repeat purchases" },
      { label: "Customers, actual", align: "right" },
      { label: "Customers, expected", align: "right" },
    ],
    rows: check.bins.map((b) => [
      b.orMore ? `${b.frequency} or more` : String(b.frequency),
      plain(b.actual, 0),
      plain(b.expected, 1),
    ]),
  };
  return [chart, table];
}

/** The holdout check: fit on the first two thirds, compare the last third. */
function holdoutCheck(cols: ReportColumns, s: Settings): ReportSection[] {
  const days = dayNumber(s.end - 1, s.timeZone) - dayNumber(s.start, s.timeZone) + 1;
  const calibrationDays = Math.floor((days * 2) / 3);
  const heading = "Model check: calibration and holdout";
  if (calibrationDays < 14 || days - calibrationDays < 7) {
    return [
      missing(
        heading,
        "The holdout check",
        `the orders span ${days} days, too few to hold a third of them out`,
      ),
    ];
  }
  const calibrationEnd = wallClockToInstant(
    (dayNumber(s.start, s.timeZone) + calibrationDays) * MS_PER_DAY,
    s.timeZone,
  );
  const result = attempt(() => {
    const summary = summarizeTransactions(cols, {
      observationEnd: s.end,
      calibrationEnd,
      unit: UNIT,
      timeZone: s.timeZone,
      purchases: s.purchases,
      refunds: s.refunds,
    });
    const model = fitBetaGeometricNBD(summary);
    return { bins: calibrationVsHoldout(model, summary).bins, customers: summary.length };
  });
  if (typeof result === "string") return [missing(heading, "The holdout check", result)];
  const two = (v: Decimal | null): string | null => (v === null ? null : plain(v, 2));
  const chart: ReportSection = {
    kind: "chart",
    heading,
    svg: calibrationHoldoutChart(
      { bins: result.bins },
      {
        title: "Purchases in the holdout days, actual and predicted",
        theme: s.chartTheme,
      },
    ),
    caption:
      `A BG/NBD model fitted to the first ${calibrationDays} days predicts each customer's ` +
      `purchases in the last ${days - calibrationDays}; the lines are the means by number of ` +
      "repeat purchases in the calibration days.",
  };
  const table: ReportSection = {
    kind: "table",
    caption:
      `A BG/NBD model fitted to the first ${calibrationDays} days (${result.customers} ` +
      `customers) predicts their purchases in the last ${days - calibrationDays} days: mean ` +
      "purchases per customer by number of repeat purchases in the calibration days",
    columns: [
      { label: "Repeat purchases, calibration" },
      { label: "Customers", align: "right" },
      { label: "Holdout purchases, actual", align: "right" },
      { label: "Holdout purchases, predicted", align: "right" },
    ],
    rows: result.bins.map((b) => [
      b.orMore ? `${b.frequency} or more` : String(b.frequency),
      plain(b.customers, 0),
      two(b.actual),
      two(b.predicted),
    ]),
  };
  return [chart, table];
}

/**
 * The `top` customers of largest expected revenue over the horizon: E[purchases] × E[spend]
 * (undiscounted, this is the model's customer lifetime value over the horizon, as the
 * increments of E[Y(t)] add up to E[Y(horizon)]), or of most expected purchases without a
 * spend model. One batch prediction of each kind ranks everyone; the values shown are then
 * recomputed exactly for the customers listed. Ties keep the order of the summary.
 */
function topCustomers(
  bg: BetaGeometricNBDModel,
  gg: GammaGammaModel | string,
  summary: readonly CustomerSummary[],
  s: Settings,
): ReportSection {
  const heading = "Top customers";
  const spend = typeof gg === "string" ? undefined : gg;
  const ranked = attempt(() => {
    const purchases = bg.predict(summary, {
      what: "conditionalExpectedPurchases",
      horizon: HORIZON,
    });
    const perPurchase = spend?.predict(summary);
    const order = Array.from(summary, (_, i) => i);
    const value = (i: number): number =>
      (purchases[i] as number) * (perPurchase === undefined ? 1 : (perPurchase[i] as number));
    order.sort((i, j) => value(j) - value(i) || i - j);
    return order.slice(0, s.top).map((i) => {
      const c = summary[i] as CustomerSummary;
      const expected = bg.conditionalExpectedPurchases(c, HORIZON);
      return {
        customer: c,
        purchases: expected,
        alive: bg.probabilityAlive(c),
        revenue: spend === undefined ? null : expected.times(spend.conditionalExpectedSpend(c)),
      };
    });
  });
  if (typeof ranked === "string") return missing(heading, "The ranking", ranked);
  const rows = ranked.map((r, k) => [
    String(k + 1),
    String(r.customer.customerId),
    plain(r.customer.frequency.plus(1), 0),
    plain(r.alive.times(100), 1),
    plain(r.purchases, 2),
    r.revenue === null ? null : money(r.revenue, s.money),
  ]);
  return {
    kind: "table",
    heading,
    caption:
      spend === undefined
        ? `The ${ranked.length} customers with the most purchases expected in the next 12 ` +
          "months (BG/NBD); no spend model, so no expected revenue"
        : `The ${ranked.length} customers of highest expected revenue in the next 12 months ` +
          "(BG/NBD expected purchases × Gamma-Gamma expected spend per purchase, undiscounted)",
    columns: [
      { label: "Rank" },
      { label: "Customer" },
      { label: "Purchase days", align: "right" },
      { label: "P(active), %", align: "right" },
      { label: "Expected purchases, 12 months", align: "right" },
      { label: "Expected revenue, 12 months", align: "right" },
    ],
    rows,
  };
}

/** The mean spend per purchase, when the fitted q gives one. */
function meanSpend(gg: GammaGammaModel, s: Settings): string {
  const mean = attempt(() => gg.expectedSpend());
  return typeof mean === "string" ? "" : `; mean spend per purchase ${money(mean, s.money)}`;
}

/** The model sections, in order; a model that cannot be fitted is a paragraph saying why. */
export function modelSections(cols: ReportColumns, s: Settings): ReportSection[] {
  const summary = summarizeTransactions(cols, {
    observationEnd: s.end,
    unit: UNIT,
    timeZone: s.timeZone,
    purchases: s.purchases,
    refunds: s.refunds,
  });
  const sections: ReportSection[] = [];
  const bg = attempt(() => fitBetaGeometricNBD(summary));
  if (typeof bg === "string") {
    sections.push(missing("Purchase model (BG/NBD)", "The BG/NBD model", bg));
  } else {
    sections.push(
      parameterSection(
        "Purchase model (BG/NBD)",
        "BG/NBD parameters, times in weeks: purchase rates λ ~ Gamma(r, α), drop-out " +
          "probability after each purchase p ~ Beta(a, b); 95% Wald intervals on the log scale",
        bg.parameters(),
        fitNote(bg, summary.length),
      ),
    );
  }
  const repeat = summary.filter((c) => c.frequency.gt(0));
  const gg = attempt(() => fitGammaGamma(repeat));
  if (typeof gg === "string") {
    sections.push(missing("Spend model (Gamma-Gamma)", "The Gamma-Gamma model", gg));
  } else {
    sections.push(
      parameterSection(
        "Spend model (Gamma-Gamma)",
        "Gamma-Gamma parameters of the spend per purchase (p, q unit-free; γ in money units); " +
          `fitted to the ${repeat.length} repeat buyers` +
          meanSpend(gg, s),
        gg.parameters(),
        fitNote(gg, repeat.length),
      ),
    );
  }
  if (typeof bg !== "string") {
    const check = attempt(() => periodCheck(bg, summary, s));
    if (typeof check === "string") {
      sections.push(missing("Model check: repeat purchases", "The model check", check));
    } else sections.push(...check);
    sections.push(...holdoutCheck(cols, s));
    sections.push(topCustomers(bg, gg, summary, s));
  }
  return sections;
}
