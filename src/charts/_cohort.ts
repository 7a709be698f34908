/**
 * Reading a {@link CohortTable} (or its retention / lifetime-value tables) for the charts.
 */
import { fail, intNumber, option } from "../_lib/assert.js";
import type { CohortTable, RetentionMode } from "../cohorts/engine/types.js";
import { list, object } from "./_svg/read.js";

/** Whether `value` looks like a cohort table (has the `retention` method). */
export function isCohortTable(value: unknown): value is CohortTable {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { retention?: unknown }).retention === "function" &&
    typeof (value as { lifetimeValue?: unknown }).lifetimeValue === "function"
  );
}

/** The table argument: a {@link CohortTable}. */
export function readTable(value: unknown, fn: string): CohortTable {
  if (!isCohortTable(value))
    fail(fn, "table", "NOT_A_NUMBER", "must be a CohortTable (from cohortAnalysis)", value);
  list(value.cohorts, fn, "table.cohorts");
  return value;
}

/** The `mode` option: `'classic'`, `'unbounded'` or `{ brackets }` of whole-number pairs. */
export function readMode(value: unknown, fn: string): RetentionMode {
  if (value === undefined || typeof value === "string")
    return option(value, ["classic", "unbounded"] as const, "classic", fn, "mode");
  const o = object(value, fn, "mode", "'classic', 'unbounded' or { brackets }");
  const brackets = list(o.brackets, fn, "mode.brackets", true);
  for (const [i, b] of brackets.entries()) {
    const pair = list(b, fn, `mode.brackets[${i}]`);
    if (pair.length !== 2)
      fail(fn, `mode.brackets[${i}]`, "INVALID_OPTION", "must be a pair [from, to]", b);
    const from = intNumber(pair[0], fn, `mode.brackets[${i}][0]`);
    const to = intNumber(pair[1], fn, `mode.brackets[${i}][1]`);
    if (to < from)
      fail(fn, `mode.brackets[${i}]`, "INVALID_OPTION", "must not end before it starts", b);
  }
  return value as RetentionMode;
}

/** Column headers: `Month 0`, … or the brackets `Month 1–3`. */
export function columnHeads(table: CohortTable, mode: RetentionMode, count: number): string[] {
  const unit = table.period.charAt(0).toUpperCase() + table.period.slice(1);
  if (typeof mode === "object") {
    return mode.brackets.map(([a, b]) => (a === b ? `${unit} ${a}` : `${unit} ${a}–${b}`));
  }
  return Array.from({ length: count }, (_, k) => `${unit} ${k}`);
}
