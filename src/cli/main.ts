/**
 * The `customer-metrics` command line: `cohorts`, `fit` and `report` over a CSV event log.
 *
 * Exit codes: 0 success; 1 internal error; 2 bad input or usage (the message names the file,
 * the line, the column and the value). {@link main} takes its streams as arguments, so that it
 * runs in-process in tests; run as a program, it uses the process's own.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMetricInputError } from "../errors.js";
import { cohortsCommand } from "./cohorts.js";
import { CliError, EXIT_INPUT, EXIT_INTERNAL, shown } from "./errors.js";
import { fitCommand } from "./fit.js";
import type { CliIo } from "./io.js";
import { VERSION } from "./version.js";

export type { CliIo, CliOutput } from "./io.js";

/** Help of the program. */
export const PROGRAM_HELP = `Usage: customer-metrics <command> <orders.csv> [flags]

Customer metrics of a CSV event log (one row per order or event: a customer id, a time
and, optionally, an amount).

Commands
  cohorts   the cohort retention (or lifetime-value) table
  fit       a BG/NBD, Pareto/NBD or MBG/NBD model (and Gamma-Gamma): parameters and top customers
  report    a self-contained HTML report

Run 'customer-metrics <command> --help' for the flags of a command.

  -h, --help      this help
  -v, --version   the version

Exit codes: 0 success, 1 internal error, 2 bad input or usage.
`;

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  cohorts: cohortsCommand,
  fit: fitCommand,
  // Loaded on demand: the report brings the chart code, which the other commands never need.
  report: async (argv, io) => (await import("./report.js")).reportCommand(argv, io),
};

/**
 * Runs the command line with `argv` (the arguments after the program name) and returns the
 * exit code. Output goes to `io.stdout`, messages to `io.stderr`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(PROGRAM_HELP);
      return command === undefined ? EXIT_INPUT : 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (run === undefined) {
      throw new CliError(
        `unknown command ${shown(command)}`,
        "Commands: cohorts, fit, report. Run 'customer-metrics --help'.",
      );
    }
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`customer-metrics: ${error.message}\n`);
      if (error.hint !== null) io.stderr.write(`${error.hint}\n`);
      return EXIT_INPUT;
    }
    if (isMetricInputError(error)) {
      io.stderr.write(`customer-metrics: ${error.message}\n`);
      return EXIT_INPUT;
    }
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`customer-metrics: internal error: ${text}\n`);
    return EXIT_INTERNAL;
  }
}

/** Whether this module is the program being run (not imported by a test). */
function isEntry(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
