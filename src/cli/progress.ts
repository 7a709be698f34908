/**
 * The progress bar: drawn on stderr only when stderr is a terminal, not in CI, not with
 * `--quiet`, and only once reading has taken more than {@link PROGRESS_DELAY_MS}.
 */
import type { CliIo } from "./io.js";

/** Reading shorter than this draws no bar. */
export const PROGRESS_DELAY_MS = 2000;
/** The bar is redrawn at most this often. */
const REDRAW_MS = 100;
const WIDTH = 30;

/** A progress bar over the bytes of one file (or nothing, where none is wanted). */
export interface Progress {
  update(bytes: number, total: number): void;
  /** Clears the bar's line, if one was drawn. */
  done(): void;
}

/** Whether this run may draw a progress bar. */
export function wantsProgress(io: CliIo, quiet: boolean): boolean {
  const env = io.env ?? process.env;
  return !quiet && io.stderr.isTTY === true && (env.CI === undefined || env.CI === "");
}

/** A bar writing to `io.stderr`, or a no-op when the run wants none. */
export function createProgress(io: CliIo, label: string, quiet: boolean): Progress {
  if (!wantsProgress(io, quiet)) return { update() {}, done() {} };
  const now = io.now ?? (() => performance.now());
  const start = now();
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(bytes, total) {
      const t = now();
      if (t - start < PROGRESS_DELAY_MS || t - last < REDRAW_MS) return;
      last = t;
      const share = total > 0 ? Math.min(1, bytes / total) : 1;
      const filled = Math.round(share * WIDTH);
      const seconds = (t - start) / 1000;
      io.stderr.write(
        `\r${label} [${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${seconds.toFixed(0)} s`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write("\r\u001b[2K");
      drawn = false;
    },
  };
}
