/**
 * Breakdown values: what a `breakdownBy` property may hold, and their one order (the order of
 * a result's `breakdown` map, and the tie-break between start events at the same instant).
 */
import { fail } from "../../../_lib/assert.js";
import type { CohortBreakdownValue } from "../types.js";

function rank(v: CohortBreakdownValue): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (v === false) return 2;
  return v === true ? 3 : 4;
}

/**
 * Numbers (ascending) < strings (by UTF-16 code unit) < `false` < `true` < `null`: the order of
 * funnel breakdowns too (numbers, strings, then null).
 */
export function compareValues(a: CohortBreakdownValue, b: CohortBreakdownValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  return 0;
}

/** A breakdown value as read from a row: `undefined` is `null`, `-0` is `0`; throws otherwise. */
export function readValue(value: unknown, fn: string, field: string): CohortBreakdownValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  return fail(
    fn,
    field,
    "NOT_A_NUMBER",
    "must be a string, a finite number, a boolean or null",
    value,
  );
}
