/**
 * `customer-metrics fit orders.csv`: a purchase model (BG/NBD, Pareto/NBD or MBG/NBD, and
 * optionally Gamma-Gamma) fitted to a CSV event log; its parameters with 95 % intervals, its
 * log-likelihood and the top customers.
 *
 * The log is kept in compact columns (customer numbers in an Int32Array, epoch milliseconds in
 * a Float64Array, amounts as their exact strings), never as row objects, and summarised once.
 */
import type { Decimal } from "../_lib/decimal.js";
import { dayLabel, dayNumber } from "../_lib/time.js";
import { isMetricInputError } from "../errors.js";
import type { Duration } from "../models/purchase/_units.js";
import { fitBetaGeometricNBD } from "../models/purchase/fitBetaGeometricNBD.js";
import { fitGammaGamma } from "../models/purchase/fitGammaGamma.js";
import { fitModifiedBetaGeometricNBD } from "../models/purchase/fitModifiedBetaGeometricNBD.js";
import { fitParetoNBD } from "../models/purchase/fitParetoNBD.js";
import type {
  CustomerSummary,
  GammaGammaModel,
  ModelParameterRow,
  PurchaseModel,
  PurchasePrediction,
} from "../models/purchase/index.js";
import { summarizeTransactions } from "../models/purchase/summarizeTransactions.js";
import type { Period } from "../types.js";
import { CliError, shown } from "./errors.js";
import type { CliIo } from "./io.js";
import { LogColumns } from "./log.js";
import { choiceFlag, commandArgs, INPUT_FLAGS, inputArgs, PERIODS, stringFlag } from "./options.js";
import { readLog } from "./readLog.js";
import { textTable } from "./table.js";

/** Flags of the `fit` command. */
export const FIT_FLAGS = {
  ...INPUT_FLAGS,
  format: { type: "string" },
  model: { type: "string" },
  "gamma-gamma": { type: "boolean" },
  top: { type: "string" },
  horizon: { type: "string" },
  "observation-end": { type: "string" },
  unit: { type: "string" },
  purchases: { type: "string" },
} as const;

/** Help of the `fit` command. */
export const FIT_HELP = `Usage: customer-metrics fit <orders.csv> [flags]

Fits a purchase model to the customers of an event log (purchases grouped into calendar
days; frequency, recency and T as summarizeTransactions makes them) and prints its
parameters with 95 % intervals, the log-likelihood and the top customers.

Model
  --model bgnbd|pareto|mbgnbd   BG/NBD (default), Pareto/NBD or modified BG/NBD
  --gamma-gamma             also fit Gamma-Gamma spend; rank customers by expected value
  --unit day|week|month|quarter|year   time unit of the fit (default week)
  --observation-end DATE    the last day observed (default: the day of the last event)
  --purchases positive|all  what counts as a purchase: rows with an amount above 0
                            (default), or every row that is not a refund (default when
                            there is no amount column)

Output
  --top N                   how many customers to list (default 20)
  --horizon 52w             the forecast horizon, with its unit: d, w, m (months), y
                            (default 52w)
  --format table|json       table (default) or json (exact values)

Columns (detected from the header when not given)
  --customer NAME, --at NAME, --revenue NAME, --epoch ms|s, --tz ZONE (as for cohorts)

  -q, --quiet               no information lines on stderr
  -h, --help                this help

Example
  customer-metrics fit examples/data/shop-orders.csv --gamma-gamma --top 5
`;

const MODEL_NAMES = { bgnbd: "BG/NBD", pareto: "Pareto/NBD", mbgnbd: "MBG/NBD" } as const;
type ModelFlag = keyof typeof MODEL_NAMES;

const HORIZON_UNITS: Record<string, "days" | "weeks" | "months" | "years"> = {
  d: "days",
  day: "days",
  days: "days",
  w: "weeks",
  week: "weeks",
  weeks: "weeks",
  m: "months",
  month: "months",
  months: "months",
  y: "years",
  year: "years",
  years: "years",
};

/** `52w`, `90d`, `12m`, `2y` (or spelled out: `90days`) to a duration. */
export function horizonFlag(value: string): { duration: Duration; text: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
  const unit = m === null ? undefined : HORIZON_UNITS[(m[2] as string).toLowerCase()];
  if (m === null || unit === undefined || Number(m[1]) <= 0) {
    throw new CliError(
      `fit: --horizon must be a positive length with its unit, such as 52w, 90d, 12m or 1y (received ${shown(value)})`,
    );
  }
  const n = m[1] as string;
  const text = `${n} ${Number(n) === 1 ? unit.slice(0, -1) : unit}`;
  return { duration: { [unit]: n } as Duration, text };
}

function topFlag(value: string | undefined): number {
  if (value === undefined) return 20;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
    throw new CliError(
      `fit: --top must be a whole number from 1 to 1000000 (received ${shown(value)})`,
    );
  }
  return Number(value);
}

function sig(value: Decimal | null): string {
  return value === null ? "" : value.toSignificantDigits(6).toString();
}

function parameterRows(rows: readonly ModelParameterRow<string>[]): string[][] {
  return [
    ["parameter", "estimate", "std. error", "95% lower", "95% upper"],
    ...rows.map((p) => [p.name, sig(p.estimate), sig(p.standardError), sig(p.lower), sig(p.upper)]),
  ];
}

function parameterJson(rows: readonly ModelParameterRow<string>[]): object[] {
  return rows.map((p) => ({
    name: p.name,
    estimate: p.estimate.toString(),
    standardError: p.standardError?.toString() ?? null,
    lower: p.lower?.toString() ?? null,
    upper: p.upper?.toString() ?? null,
  }));
}

/** The `fit` command; returns the exit code. */
export async function fitCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = commandArgs("fit", argv, FIT_FLAGS, FIT_HELP, io);
  if (args === null) return 0;
  const input = inputArgs("fit", args);
  const { file, timeZone } = input;
  const format = choiceFlag("fit", args, "format", ["table", "json"], "table");
  const model = choiceFlag<ModelFlag>("fit", args, "model", ["bgnbd", "pareto", "mbgnbd"], "bgnbd");
  const unit = choiceFlag<Period>("fit", args, "unit", PERIODS, "week");
  const purchasesFlag = stringFlag(args, "purchases");
  choiceFlag("fit", args, "purchases", ["positive", "all"], "positive");
  const withSpend = args.values["gamma-gamma"] === true;
  const top = topFlag(stringFlag(args, "top"));
  const horizon = horizonFlag(stringFlag(args, "horizon") ?? "52w");
  const endFlag = stringFlag(args, "observation-end");

  const log = new LogColumns();
  const summaryOfRead = await readLog(input, args, io, (batch) =>
    log.add(batch.customerId, batch.at, batch.revenue),
  );
  if (summaryOfRead.rows === 0) throw new CliError(`${file}: no events to fit`);
  if (withSpend && log.revenue === null) {
    throw new CliError(`fit: --gamma-gamma needs an amount column (name it with --revenue)`);
  }
  const purchases = purchasesFlag ?? (log.revenue === null ? "all" : "positive");
  const observationEnd = endFlag ?? dayLabel(dayNumber(summaryOfRead.maxAt, timeZone));

  let summary: CustomerSummary[];
  try {
    summary = summarizeTransactions(
      {
        // the ids themselves (one string per customer, referenced from every event), so that
        // the summary's rows, and the fit, come in the library's id order
        customerId: log.customerIds(),
        at: log.at.subarray(0, log.length),
        ...(log.revenue === null ? {} : { revenue: log.revenue }),
      },
      { observationEnd, unit, timeZone, purchases: purchases as "positive" | "all" },
    );
  } catch (error) {
    if (isMetricInputError(error) && error.field === "options.observationEnd") {
      throw new CliError(
        `fit: --observation-end must be an ISO 8601 date or date-time (received ${shown(observationEnd)})`,
      );
    }
    if (isMetricInputError(error) && error.field === "options.purchases") {
      throw new CliError(
        `fit: no row of ${file} has an amount above 0; pass --purchases all to count every row`,
      );
    }
    throw error;
  }
  if (summary.length === 0) {
    throw new CliError(
      `${file}: no customer has a purchase before the observation end (${purchases === "all" ? "a purchase is any row that is not a refund" : "a purchase is a row with an amount above 0; --purchases all counts every row"})`,
    );
  }
  let fitted: PurchaseModel<string>;
  let spend: GammaGammaModel | null = null;
  try {
    fitted =
      model === "pareto"
        ? fitParetoNBD(summary)
        : model === "mbgnbd"
          ? fitModifiedBetaGeometricNBD(summary)
          : fitBetaGeometricNBD(summary);
    if (withSpend) spend = fitGammaGamma(summary);
  } catch (error) {
    if (isMetricInputError(error)) {
      throw new CliError(`${file}: the model cannot be fitted: ${error.message}`);
    }
    throw error;
  }
  const by: PurchasePrediction =
    spend === null
      ? { what: "conditionalExpectedPurchases", horizon: horizon.duration }
      : {
          what: "customerLifetimeValue",
          spendModel: spend,
          horizon: horizon.duration,
          discountRate: 0,
        };
  const ranked = fitted.rank(summary, by, { top });
  const customers = ranked.map((r) => {
    const row = summary[r.index] as CustomerSummary;
    return {
      rank: r.rank,
      customer: String(row.customerId),
      row,
      alive: fitted.probabilityAlive(row),
      purchases:
        spend === null ? r.value : fitted.conditionalExpectedPurchases(row, horizon.duration),
      value: spend === null ? null : r.value,
    };
  });
  const name = MODEL_NAMES[model];

  if (format === "json") {
    io.stdout.write(
      `${JSON.stringify(
        {
          model: name,
          unit,
          timeZone,
          observationEnd,
          customers: summary.length,
          converged: fitted.converged,
          iterations: fitted.iterations,
          logLikelihood: fitted.logLikelihood.toString(),
          parameters: parameterJson(fitted.parameters()),
          spendModel:
            spend === null
              ? null
              : {
                  model: "Gamma-Gamma",
                  customers: spend.customers,
                  converged: spend.converged,
                  logLikelihood: spend.logLikelihood.toString(),
                  parameters: parameterJson(spend.parameters()),
                },
          horizon: horizon.duration,
          rankedBy: spend === null ? "expectedPurchases" : "expectedValue",
          top: customers.map((c) => ({
            rank: c.rank,
            customerId: c.customer,
            frequency: c.row.frequency.toString(),
            recency: c.row.recency.toString(),
            T: c.row.T.toString(),
            probabilityAlive: c.alive.toString(),
            expectedPurchases: c.purchases.toString(),
            ...(c.value === null ? {} : { expectedValue: c.value.toString() }),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  const lines: string[] = [];
  lines.push(
    `${name} fit of ${summary.length.toLocaleString("en-US")} customers (unit ${unit}, observation end ${observationEnd}, ${fitted.converged ? "converged" : "NOT converged"} in ${fitted.iterations} iterations)`,
    `log-likelihood ${fitted.logLikelihood.toSignificantDigits(8).toString()}`,
    "",
    textTable(parameterRows(fitted.parameters())).trimEnd(),
  );
  if (spend !== null) {
    lines.push(
      "",
      `Gamma-Gamma spend fit of ${spend.customers.toLocaleString("en-US")} repeat buyers (${spend.converged ? "converged" : "NOT converged"}), log-likelihood ${spend.logLikelihood.toSignificantDigits(8).toString()}`,
      "",
      textTable(parameterRows(spend.parameters())).trimEnd(),
    );
  }
  lines.push(
    "",
    `Top ${customers.length} customers by expected ${spend === null ? "purchases" : "value"} in the next ${horizon.text}`,
    "",
    textTable(
      [
        [
          "rank",
          "customer",
          "frequency",
          "recency",
          "T",
          "P(alive)",
          "purchases",
          ...(spend === null ? [] : ["value"]),
        ],
        ...customers.map((c) => [
          String(c.rank),
          c.customer,
          c.row.frequency.toString(),
          c.row.recency.toFixed(2),
          c.row.T.toFixed(2),
          c.alive.toFixed(4),
          c.purchases.toFixed(4),
          ...(c.value === null ? [] : [c.value.toFixed(2)]),
        ]),
      ],
      2,
    ).trimEnd(),
  );
  io.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
