/**
 * Flags shared by the commands, and their checks (a bad value is a usage error, exit 2).
 */
import { parseArgs } from "node:util";
import { timeZoneOption } from "../_lib/time.js";
import { isMetricInputError } from "../errors.js";
import type { Period } from "../types.js";
import type { ColumnMapping, TimeFormat } from "./csv.js";
import { CliError, shown } from "./errors.js";
import type { CliIo } from "./io.js";

/** A flag as `node:util` parseArgs describes it. */
export type FlagSpec = { readonly type: "string" | "boolean"; readonly short?: string };

/** Flags every command that reads a CSV file takes. */
export const INPUT_FLAGS = {
  customer: { type: "string" },
  at: { type: "string" },
  revenue: { type: "string" },
  epoch: { type: "string" },
  tz: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const satisfies Record<string, FlagSpec>;

/** The parsed flags of one command: strings and booleans by name, and the positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses `argv` for `command` with `flags`; an unknown flag or a missing value is a usage error. */
export function parseCommand(
  command: string,
  argv: readonly string[],
  flags: Record<string, FlagSpec>,
): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: flags,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    throw new CliError(
      `${command}: ${message.replace(/\. To specify a positional.*$/, "")}`,
      `Run 'customer-metrics ${command} --help' for the flags.`,
    );
  }
}

/**
 * The flags of `command`; with `--help`, its help is printed and the result is null (the
 * command then exits 0).
 */
export function commandArgs(
  command: string,
  argv: readonly string[],
  flags: Record<string, FlagSpec>,
  help: string,
  io: CliIo,
): ParsedArgs | null {
  const args = parseCommand(command, argv, flags);
  if (args.values.help !== true) return args;
  io.stdout.write(help);
  return null;
}

/** A string flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

/** One of `choices`, or `fallback` when the flag is absent. */
export function choiceFlag<T extends string>(
  command: string,
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new CliError(
    `${command}: --${name} must be one of ${choices.join(", ")} (received ${shown(v)})`,
    `Run 'customer-metrics ${command} --help' for the flags.`,
  );
}

/** The one input file of a command. */
export function inputFile(command: string, args: ParsedArgs): string {
  if (args.positionals.length !== 1) {
    throw new CliError(
      args.positionals.length === 0
        ? `${command}: an input file is required`
        : `${command}: one input file, not ${args.positionals.length} (received ${args.positionals.map((p) => shown(p)).join(" ")})`,
      `Usage: customer-metrics ${command} orders.csv [flags]; run 'customer-metrics ${command} --help'.`,
    );
  }
  return args.positionals[0] as string;
}

/** The column flags. */
export function mappingFlags(args: ParsedArgs): ColumnMapping {
  return {
    customer: stringFlag(args, "customer"),
    at: stringFlag(args, "at"),
    revenue: stringFlag(args, "revenue"),
  };
}

/** `--epoch ms|s`: how the time column is written (ISO 8601 without the flag). */
export function timeFormatFlag(command: string, args: ParsedArgs): TimeFormat {
  return choiceFlag<TimeFormat>(command, args, "epoch", ["ms", "s"], "iso" as TimeFormat);
}

/** `--tz`: an IANA zone, checked up front (default UTC). */
export function timeZoneFlag(command: string, args: ParsedArgs): string {
  const v = stringFlag(args, "tz") ?? "UTC";
  try {
    return timeZoneOption(v, `customer-metrics ${command}`, "--tz");
  } catch (error) {
    if (isMetricInputError(error)) {
      throw new CliError(
        `${command}: --tz must be an IANA time zone such as Europe/Berlin (received ${shown(v)})`,
      );
    }
    throw error;
  }
}

/** The calendar periods. */
export const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];

/** What every command that reads a log takes from its flags. */
export interface InputArgs {
  /** The CSV file. */
  readonly file: string;
  readonly timeZone: string;
  readonly timeFormat: TimeFormat;
  readonly quiet: boolean;
}

/** The file, `--tz`, `--epoch` and `--quiet` of `command`, checked. */
export function inputArgs(command: string, args: ParsedArgs): InputArgs {
  return {
    file: inputFile(command, args),
    timeZone: timeZoneFlag(command, args),
    timeFormat: timeFormatFlag(command, args),
    quiet: args.values.quiet === true,
  };
}
