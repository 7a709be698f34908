// Runs the command line in-process and collects what it writes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { type CliIo, main } from "../../src/cli/main.js";

/** The bundled sample order log. */
export const SAMPLE = "examples/data/shop-orders.csv";

/** What one run wrote and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A collector standing in for a stream. */
export function collector(isTTY = false): {
  text: string;
  isTTY: boolean;
  write(s: string): boolean;
} {
  return {
    text: "",
    isTTY,
    write(s: string) {
      this.text += s;
      return true;
    },
  };
}

/** Runs `customer-metrics ...argv` with collectors for stdout and stderr, no CI variable. */
export async function run(argv: readonly string[], extra: Partial<CliIo> = {}): Promise<RunResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(argv, { stdout, stderr, env: {}, ...extra });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(): {
  dir: string;
  file(name: string, text: string): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), "customer-metrics-cli-"));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sample as rows { customerId, at, revenue } (revenue the file's exact string). */
export function sampleRows(): { customerId: string; at: string; revenue: string }[] {
  const records = parse(readFileSync(SAMPLE), { columns: true }) as Record<string, string>[];
  return records.map((r) => ({
    customerId: r.customer_id as string,
    at: r.ordered_at as string,
    revenue: r.amount as string,
  }));
}
