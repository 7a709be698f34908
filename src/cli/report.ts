/**
 * `customer-metrics report orders.csv -o report.html`: the self-contained HTML report of
 * `customerReport`, written atomically (a temporary file in the same folder, then renamed over
 * the target), so that a failed run leaves no file and no half file.
 */
import { randomBytes } from "node:crypto";
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { customerReport } from "../charts/report/index.js";
import { isMetricInputError } from "../errors.js";
import type { Period } from "../types.js";
import { CliError, shown } from "./errors.js";
import type { CliIo } from "./io.js";
import { LogColumns } from "./log.js";
import { choiceFlag, commandArgs, INPUT_FLAGS, inputArgs, PERIODS, stringFlag } from "./options.js";
import { readLog } from "./readLog.js";

/** Flags of the `report` command. */
export const REPORT_FLAGS = {
  ...INPUT_FLAGS,
  output: { type: "string", short: "o" },
  period: { type: "string" },
  "as-of": { type: "string" },
  currency: { type: "string" },
  models: { type: "boolean" },
  top: { type: "string" },
  title: { type: "string" },
  theme: { type: "string" },
  purchases: { type: "string" },
} as const;

/** Help of the `report` command. */
export const REPORT_HELP = `Usage: customer-metrics report <orders.csv> -o <report.html> [flags]

Writes one self-contained HTML file (inline SVG and CSS, no network, no script): key figures,
cohort retention and value heatmaps, figures by period and, with --models, a BG/NBD and
Gamma-Gamma fit with its checks and the top customers. The file is written whole or not at
all (a temporary file in the same folder, renamed when complete).

Output
  -o, --output FILE         the HTML file to write (required; - writes to stdout)
  --title TEXT              the report's title
  --theme light|dark|auto   colours (default light)
  --currency CODE           ISO 4217 code of the amounts (such as USD, EUR)

Content
  --period day|week|month|quarter|year   cohort period (default month)
  --tz ZONE                 IANA time zone of the calendar (default UTC)
  --as-of DATE              end of the data: a date is the last day observed, included in
                            full (default: the day of the last order)
  --purchases positive|all  what counts as a purchase (default positive: an amount above 0;
                            all when there is no amount column)
  --models                  add the BG/NBD and Gamma-Gamma fit and the top customers
  --top N                   customers listed with --models (default 10)

Columns (detected from the header when not given)
  --customer NAME, --at NAME, --revenue NAME, --epoch ms|s (as for cohorts)

  -q, --quiet               no information lines on stderr
  -h, --help                this help

Example
  customer-metrics report examples/data/shop-orders.csv -o report.html --currency USD
`;

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") {
      throw new CliError(
        `report: cannot write ${shown(file)} (${code}: ${(error as Error).message.split(",")[0]})`,
      );
    }
    throw error;
  }
}

/** The `report` command; returns the exit code. */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = commandArgs("report", argv, REPORT_FLAGS, REPORT_HELP, io);
  if (args === null) return 0;
  const input = inputArgs("report", args);
  const { file, timeZone } = input;
  const output = stringFlag(args, "output");
  if (output === undefined || output === "") {
    throw new CliError(
      "report: an output file is required (-o report.html)",
      "Run 'customer-metrics report --help' for the flags.",
    );
  }
  const period = choiceFlag<Period>("report", args, "period", PERIODS, "month");
  const theme = choiceFlag("report", args, "theme", ["light", "dark", "auto"], "light");
  const purchasesFlag = stringFlag(args, "purchases");
  choiceFlag("report", args, "purchases", ["positive", "all"], "positive");
  const topText = stringFlag(args, "top");
  if (topText !== undefined && (!/^\d+$/.test(topText) || +topText < 1 || +topText > 1000)) {
    throw new CliError(
      `report: --top must be a whole number from 1 to 1000 (received ${shown(topText)})`,
    );
  }
  const asOf = stringFlag(args, "as-of");
  const currency = stringFlag(args, "currency");
  const title = stringFlag(args, "title");

  const log = new LogColumns();
  await readLog(input, args, io, (batch) => log.add(batch.customerId, batch.at, batch.revenue));
  if (log.length === 0) throw new CliError(`${file}: no orders (the file has only a header)`);
  const purchases = purchasesFlag ?? (log.revenue === null ? "all" : "positive");
  let html: string;
  try {
    html = customerReport(
      {
        customerId: log.customerIds(),
        at: log.at.subarray(0, log.length),
        ...(log.revenue === null ? {} : { revenue: log.revenue }),
      },
      {
        period,
        timeZone,
        theme: theme as "light" | "dark" | "auto",
        purchases: purchases as "positive" | "all",
        models: args.values.models === true,
        ...(topText === undefined ? {} : { top: Number(topText) }),
        ...(asOf === undefined ? {} : { asOf }),
        ...(currency === undefined ? {} : { currency }),
        ...(title === undefined ? {} : { title }),
      },
    );
  } catch (error) {
    if (isMetricInputError(error)) {
      const flag =
        error.field === "asOf"
          ? "--as-of"
          : error.field === "currency"
            ? "--currency"
            : error.field === "title"
              ? "--title"
              : null;
      throw new CliError(
        flag === null
          ? `${file}: ${error.message}`
          : `report: ${flag} ${error.message.replace(/^[^:]*: \S+ /, "")}`,
      );
    }
    throw error;
  }
  if (output === "-") {
    io.stdout.write(html);
    return 0;
  }
  await writeAtomically(output, html);
  if (!input.quiet) io.stderr.write(`customer-metrics: wrote ${output}\n`);
  return 0;
}
