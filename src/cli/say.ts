/**
 * Information lines on stderr (silenced by `--quiet`).
 */
import type { ReadSummary } from "./csv.js";

/** The line saying which columns were picked from the header. */
export function columnsMessage(
  file: string,
  picked: ReadSummary["columns"],
  detected: readonly string[],
): string {
  const flags = detected.map((d) => `--${d}`).join(", ");
  return `customer-metrics: ${file}: columns customer = ${picked.customer}, at = ${picked.at}, revenue = ${picked.revenue ?? "(none)"} (detected from the header; set with ${flags})\n`;
}
