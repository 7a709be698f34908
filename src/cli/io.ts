/**
 * What the command line reads and writes: passed in, so that tests run it in-process.
 */

/** A stream the command writes text to (process.stdout, or a test's collector). */
export interface CliOutput {
  write(text: string): unknown;
  /** True on a terminal: the progress bar is drawn only there. */
  readonly isTTY?: boolean | undefined;
  /** Width of the terminal, when it is one. */
  readonly columns?: number | undefined;
}

/** The streams and environment of one run. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Environment variables (default `process.env`): `CI` turns the progress bar off. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Clock in milliseconds (default `performance.now`), for the progress bar. */
  readonly now?: (() => number) | undefined;
}
