/**
 * The command line's failures and their exit codes.
 *
 * Exit codes: 0 success; 1 an internal error (a bug: please report it); 2 bad input or usage
 * (a missing file or column, an unreadable date or amount, an unknown flag or command).
 */

/** Exit code of a run that succeeded. */
export const EXIT_OK = 0;
/** Exit code of an internal error. */
export const EXIT_INTERNAL = 1;
/** Exit code of bad input or usage. */
export const EXIT_INPUT = 2;

/** Bad input or usage: one line on stderr, exit code 2. */
export class CliError extends Error {
  /** A second line to print after the message (a hint such as "run … --help"). */
  readonly hint: string | null;
  constructor(message: string, hint: string | null = null) {
    super(message);
    this.name = "CliError";
    this.hint = hint;
  }
}

/** A value shown in a message: quoted, control characters escaped, long values cut. */
export function shown(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(cut);
}
