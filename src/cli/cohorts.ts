/**
 * `customer-metrics cohorts orders.csv`: the retention (or lifetime-value) table of a CSV
 * event log, held in typed columns for one `cohortAnalysis` call, or read in batches into one
 * cohort accumulator (`--stream`, amounts beyond integer minor units, very long logs).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Decimal } from "../_lib/decimal.js";
import type { CohortAccumulator } from "../cohorts/engine/CohortAccumulator.js";
import { cohortAnalysis } from "../cohorts/engine/cohortAnalysis.js";
import { createCohortAccumulator } from "../cohorts/engine/createCohortAccumulator.js";
import type { CohortActivity, CohortTable, RetentionMode } from "../cohorts/engine/types.js";
import { isMetricInputError } from "../errors.js";
import { formatPercent } from "../format/formatPercent.js";
import { round } from "../format/round.js";
import type { Period } from "../types.js";
import { BATCH_ROWS } from "./csv.js";
import { CliError, shown } from "./errors.js";
import type { CliIo } from "./io.js";
import { TypedLog } from "./log.js";
import { choiceFlag, commandArgs, INPUT_FLAGS, inputArgs, PERIODS, stringFlag } from "./options.js";
import { readLog } from "./readLog.js";
import { csvText, textTable } from "./table.js";

/** Flags of the `cohorts` command. */
export const COHORTS_FLAGS = {
  ...INPUT_FLAGS,
  format: { type: "string" },
  period: { type: "string" },
  "as-of": { type: "string" },
  mode: { type: "string" },
  brackets: { type: "string" },
  active: { type: "string" },
  ltv: { type: "boolean" },
  currency: { type: "string" },
  stream: { type: "boolean" },
} as const;

/** Help of the `cohorts` command. */
export const COHORTS_HELP = `Usage: customer-metrics cohorts <orders.csv> [flags]

Prints the cohort retention table of an event log (one row per order or event): customers
grouped by the period of their first event, the share of each cohort active in each later
period, and the pooled average ("all").

Output
  --format table|csv|json   table (default): percentages, aligned; csv and json: exact fractions
  --ltv                     the lifetime-value table (cumulative revenue per customer) instead
  --currency CODE           ISO 4217 code for the table form of --ltv (such as USD, EUR)

Cohorts
  --period day|week|month|quarter|year   default month
  --tz ZONE                 IANA time zone of the calendar (default UTC)
  --as-of DATE              end of the data: a date is the last day observed, included in
                            full; periods not complete by then are left blank
  --mode classic|unbounded  classic (default): active in period k; unbounded: in k or later
  --brackets 1-3,4-6        retention over ranges of periods instead of single periods
  --active events|purchases|rows   what makes a customer active (default events: every row
                            that is not a refund)

Columns (detected from the header when not given)
  --customer NAME           customer id column (customer_id, customer, user_id, client_id)
  --at NAME                 time column (ordered_at, created_at, date, timestamp, at, time)
  --revenue NAME            amount column (amount, revenue, total, price, value); optional
  --epoch ms|s              the time column holds epoch milliseconds or seconds, not ISO 8601

Memory
  --stream                  read the log in batches into an accumulator (memory of the
                            customers and their periods) instead of holding the whole log in
                            typed columns (about 20 bytes an event, the fastest form)

  -q, --quiet               no information lines on stderr
  -h, --help                this help

Example
  customer-metrics cohorts examples/data/shop-orders.csv --period quarter
`;

/**
 * Events held in typed columns at most (about 20 bytes each, 1.2 GB); a longer log goes on
 * through the accumulator, as with --stream.
 */
export const ONE_SHOT_ROWS = 60_000_000;

const PERIOD_LETTER: Record<Period, string> = {
  day: "D",
  week: "W",
  month: "M",
  quarter: "Q",
  year: "Y",
};

function bracketsFlag(value: string): [number, number][] {
  const ranges = value.split(",").map((part) => {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (m === null || Number(m[1]) > Number(m[2])) {
      throw new CliError(
        `cohorts: --brackets must be ranges of periods such as 1-3,4-6 (received ${shown(value)})`,
      );
    }
    return [Number(m[1]), Number(m[2])] as [number, number];
  });
  return ranges;
}

/** Exact decimal text (no exponent), or '' for null. */
function exact(value: Decimal | null): string {
  return value === null ? "" : value.toFixed();
}

/** The `cohorts` command; returns the exit code. */
export async function cohortsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = commandArgs("cohorts", argv, COHORTS_FLAGS, COHORTS_HELP, io);
  if (args === null) return 0;
  const input = inputArgs("cohorts", args);
  const { file, timeZone } = input;
  const format = choiceFlag("cohorts", args, "format", ["table", "csv", "json"], "table");
  const period = choiceFlag("cohorts", args, "period", PERIODS, "month");
  const active = choiceFlag<CohortActivity>(
    "cohorts",
    args,
    "active",
    ["events", "purchases", "rows"],
    "events",
  );
  const modeName = choiceFlag("cohorts", args, "mode", ["classic", "unbounded"], "classic");
  const bracketText = stringFlag(args, "brackets");
  const ltv = args.values.ltv === true;
  if (bracketText !== undefined && (ltv || stringFlag(args, "mode") !== undefined)) {
    throw new CliError("cohorts: --brackets is a retention mode of its own (no --mode, no --ltv)");
  }
  if (ltv && stringFlag(args, "mode") !== undefined) {
    throw new CliError("cohorts: --mode applies to retention, not to --ltv");
  }
  const mode: RetentionMode =
    bracketText === undefined ? modeName : { brackets: bracketsFlag(bracketText) };
  const currency = currencyFlag(stringFlag(args, "currency"));
  const asOf = stringFlag(args, "as-of");

  const stream = args.values.stream === true;
  const options = { period, timeZone, active, ...(asOf === undefined ? {} : { asOf }) };

  // Made first: it checks the options (--as-of) before the file is read.
  let accumulator: CohortAccumulator;
  try {
    accumulator = createCohortAccumulator(options);
  } catch (error) {
    if (isMetricInputError(error) && error.field === "asOf") {
      throw new CliError(
        `cohorts: --as-of must be an ISO 8601 date or date-time (received ${shown(String(asOf))})`,
      );
    }
    throw error;
  }
  // The whole log in typed columns for one cohortAnalysis call (the engine's fastest form),
  // until an amount does not fit as integer minor units, or the log outgrows ONE_SHOT_ROWS:
  // then what was read goes into the accumulator, which reads the rest batch by batch.
  let log: TypedLog | null = stream ? null : new TypedLog();
  log?.reserve(Math.min(estimatedRows(file), ONE_SHOT_ROWS));
  const toAccumulator = (held: TypedLog): void => {
    for (let from = 0; from < held.length; from += BATCH_ROWS) {
      const to = Math.min(from + BATCH_ROWS, held.length);
      const revenue = held.revenueStrings(from, to);
      const at = held.at.subarray(from, to);
      const customerId = held.customerIds(from, to);
      accumulator.add(revenue === null ? { customerId, at } : { customerId, at, revenue });
    }
    log = null;
  };
  await readLog(input, args, io, (batch) => {
    if (log !== null) {
      const stop = log.add(batch.customerId, batch.at, batch.revenue);
      if (stop === batch.length && log.length <= ONE_SHOT_ROWS) return;
      toAccumulator(log);
      if (stop === batch.length) return;
      // the rest of this batch as it was read
      const customerId = batch.customerId.slice(stop);
      const at = batch.at.subarray(stop);
      const revenue = batch.revenue?.slice(stop) ?? null;
      accumulator.add(revenue === null ? { customerId, at } : { customerId, at, revenue });
      return;
    }
    accumulator.add(
      batch.revenue === null
        ? { customerId: batch.customerId, at: batch.at }
        : { customerId: batch.customerId, at: batch.at, revenue: batch.revenue },
    );
  });
  let table: CohortTable;
  try {
    const held = log as TypedLog | null;
    table =
      held === null
        ? accumulator.result()
        : cohortAnalysis(
            {
              customerId: held.codes.subarray(0, held.length),
              at: held.at.subarray(0, held.length),
              ...(held.units === null ? {} : { revenue: held.units.subarray(0, held.length) }),
            },
            { ...options, minorUnits: held.scale },
          );
  } catch (error) {
    if (isMetricInputError(error)) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  io.stdout.write(
    ltv
      ? lifetimeValueOutput(table, format, currency)
      : retentionOutput(table, format, mode, modeName),
  );
  return 0;
}

/** Bytes sampled from the start of a file to estimate its row count. */
const SAMPLE_BYTES = 1 << 20;

/**
 * The rows of `file` as its first MiB suggests (lines per byte × size, 2 % more), so that the
 * typed columns are allocated once rather than grown; 0 when the file cannot be read (the
 * reader then says why).
 */
export function estimatedRows(file: string): number {
  try {
    const fd = openSync(file, "r");
    try {
      const size = fstatSync(fd).size;
      const sample = Buffer.allocUnsafe(Math.min(SAMPLE_BYTES, size));
      const n = readSync(fd, sample, 0, sample.length, 0);
      let lines = 0;
      for (let i = sample.indexOf(10); i >= 0 && i < n; i = sample.indexOf(10, i + 1)) lines++;
      return n === 0 ? 0 : Math.ceil(((lines + 1) * size * 1.02) / n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return 0;
  }
}

function currencyFlag(value: string | undefined): string | null {
  if (value === undefined) return null;
  let valid = /^[A-Za-z]{3}$/.test(value);
  if (valid) {
    try {
      new Intl.NumberFormat("en-US", { style: "currency", currency: value });
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    throw new CliError(
      `cohorts: --currency must be an ISO 4217 code such as USD (received ${shown(value)})`,
    );
  }
  return value.toUpperCase();
}

function headerKeys(table: CohortTable, width: number, mode: RetentionMode): string[] {
  if (typeof mode === "object") return mode.brackets.map(([a, b]) => `${a}-${b}`);
  const letter = PERIOD_LETTER[table.period];
  return Array.from({ length: width }, (_, k) => `${letter}${k}`);
}

function retentionOutput(
  table: CohortTable,
  format: string,
  mode: RetentionMode,
  modeName: string,
): string {
  const r = table.retention({ mode });
  const width = r.average.length;
  const total = table.cohorts.reduce((s, c) => s + c.size, 0);
  if (format === "json") {
    return `${JSON.stringify(
      {
        table: "retention",
        mode: typeof mode === "object" ? { brackets: mode.brackets } : modeName,
        period: table.period,
        timeZone: table.timeZone,
        asOf: table.asOf,
        cohorts: r.cohorts.map((c, i) => ({
          key: c.key,
          start: table.cohorts[i]?.start,
          size: c.size,
          rates: c.rates.map((v) => (v === null ? null : v.toFixed())),
        })),
        average: r.average.map((v) => (v === null ? null : v.toFixed())),
      },
      null,
      2,
    )}\n`;
  }
  const keys = headerKeys(table, width, mode);
  if (format === "csv") {
    return csvText([
      ["cohort", "start", "size", ...keys],
      ...r.cohorts.map((c, i) => [
        c.key,
        table.cohorts[i]?.start ?? "",
        String(c.size),
        ...c.rates.map(exact),
      ]),
      ["all", "", String(total), ...r.average.map(exact)],
    ]);
  }
  const pct = (v: Decimal | null): string => (v === null ? "" : formatPercent(v, { decimals: 1 }));
  return textTable([
    ["cohort", "size", ...keys],
    ...r.cohorts.map((c) => [c.key, String(c.size), ...c.rates.map(pct)]),
    ["all", String(total), ...r.average.map(pct)],
  ]);
}

function lifetimeValueOutput(table: CohortTable, format: string, currency: string | null): string {
  const v = table.lifetimeValue();
  const width = v.average.length;
  const total = table.cohorts.reduce((s, c) => s + c.size, 0);
  if (format === "json") {
    return `${JSON.stringify(
      {
        table: "lifetimeValue",
        currency,
        period: table.period,
        timeZone: table.timeZone,
        asOf: table.asOf,
        cohorts: v.cohorts.map((c, i) => ({
          key: c.key,
          start: table.cohorts[i]?.start,
          size: c.size,
          values: c.values.map((x) => (x === null ? null : x.toFixed())),
        })),
        average: v.average.map((x) => (x === null ? null : x.toFixed())),
      },
      null,
      2,
    )}\n`;
  }
  const keys = headerKeys(table, width, "classic");
  if (format === "csv") {
    return csvText([
      ["cohort", "start", "size", ...keys],
      ...v.cohorts.map((c, i) => [
        c.key,
        table.cohorts[i]?.start ?? "",
        String(c.size),
        ...c.values.map(exact),
      ]),
      ["all", "", String(total), ...v.average.map(exact)],
    ]);
  }
  const money =
    currency === null
      ? (x: Decimal | null) => (x === null ? "" : round(x, 2).toFixed(2))
      : moneyFormatter(currency);
  return textTable([
    ["cohort", "size", ...keys],
    ...v.cohorts.map((c) => [c.key, String(c.size), ...c.values.map(money)]),
    ["all", String(total), ...v.average.map(money)],
  ]);
}

/** Money in `currency`, rounded half-up to the currency's minor unit, from its exact text. */
export function moneyFormatter(currency: string): (x: Decimal | null) => string {
  const nf = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const places = nf.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl formats a decimal string exactly (no float on the way).
  const format = nf.format as unknown as (value: string) => string;
  return (x) => (x === null ? "" : format(round(x, places).toFixed(places)));
}
