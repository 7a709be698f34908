import type { PeriodTransactions } from "../models/purchase/checks/periodTransactions.js";
import { barChart } from "./_svg/bars.js";
import { seriesColours } from "./_svg/colour.js";
import { type ChartOptions, readChartOptions } from "./_svg/options.js";
import { countFormat, list, num, object, shortNumber } from "./_svg/read.js";

const FN = "periodTransactionsChart";

/**
 * Options of {@link periodTransactionsChart}: the common {@link ChartOptions}.
 *
 * @category Charts
 */
export interface PeriodTransactionsChartOptions extends ChartOptions {}

/**
 * Customers by number of repeat purchases in the calibration period, actual next to what the
 * fitted model expects: the first check of a BG/NBD or Pareto/NBD fit.
 *
 * @remarks
 * One pair of bars per frequency bin of `periodTransactions(model, customers)`: `actual`
 * (customers with that many repeat purchases) and `expected` (Σ over customers of
 * P(X(T) = x) under the model). The last bin reads `x+` when it gathers higher frequencies.
 * The same picture as lifetimes' `plot_period_transactions`.
 *
 * Accessibility: `role="img"`, `<title>`, a `<desc>` with the bins' actual and expected
 * counts; every bar has its own `<title>`; palette colours and a legend.
 *
 * @example
 * ```ts
 * const svg = periodTransactionsChart(periodTransactions(model, summary, { maxFrequency: 7 }))
 * ```
 * @param input - the result of `periodTransactions`
 * @param options - the common {@link ChartOptions}
 * @returns the chart as an SVG document (a string)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `input` is not a `periodTransactions`
 * result; `EMPTY` when it has no bins; `INVALID_OPTION` for a bad `theme`, `palette`, `id` or
 * text option; `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a bad `width` or `height`.
 * @see Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2).
 * @category Charts
 */
export function periodTransactionsChart(
  input: PeriodTransactions,
  options?: PeriodTransactionsChartOptions,
): string {
  const { settings } = readChartOptions<PeriodTransactionsChartOptions>(options, FN, {
    width: 720,
    height: 400,
  });
  const bins = list(
    object(input, FN, "input", "a periodTransactions result").bins,
    FN,
    "bins",
    true,
  );
  const categories: string[] = [];
  const actual: number[] = [];
  const expected: number[] = [];
  for (const [i, b] of bins.entries()) {
    const bin = object(b, FN, `bins[${i}]`, "a frequency bin");
    const f = num(bin.frequency, FN, `bins[${i}].frequency`);
    categories.push(`${f}${bin.orMore === true ? "+" : ""}`);
    actual.push(num(bin.actual, FN, `bins[${i}].actual`));
    expected.push(num(bin.expected, FN, `bins[${i}].expected`));
  }
  const [a, e] = seriesColours(settings.palette, 2, settings.themeName) as [string, string];
  const pairs = categories
    .slice(0, 6)
    .map(
      (c, i) =>
        `${c}: ${countFormat(actual[i] ?? 0)} actual, ${shortNumber(expected[i] ?? 0)} expected`,
    );
  return barChart(settings, {
    kind: "period-transactions",
    title: "Repeat purchases: actual and expected",
    description: `Customers by repeat purchases in the calibration period, actual and expected by the model. ${pairs.join("; ")}${categories.length > 6 ? "; …" : ""}.`,
    categories,
    groups: [
      { name: "actual", colour: a, values: actual },
      { name: "expected (model)", colour: e, values: expected },
    ],
    stacked: false,
    xLabel: "Repeat purchases in the calibration period",
    yLabel: "Customers",
    yFormat: shortNumber,
  });
}
