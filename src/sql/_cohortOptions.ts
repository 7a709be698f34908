/** The options shared by cohortQuery and cohortTableFromRows, validated. */
import { fail, flag, options as optionsObject } from "../_lib/assert.js";
import { periodIndex } from "../cohorts/engine/periods.js";
import { type Resolved, resolveOptions } from "../cohorts/engine/read/options.js";

/** Options of `cohortAnalysis` that have no SQL form here, and what to use instead. */
const NOT_IN_SQL: readonly (readonly [string, string])[] = [
  ["customerId", "must not be given: name the column in source.customerId"],
  ["at", "must not be given: name the column in source.at"],
  ["revenue", "must not be given: name the column in source.revenue"],
  ["cohortOf", "must not be given: name a column of cohort instants in source.cohortOf"],
  [
    "event",
    "is not offered by the SQL queries yet (start and return events are computed in process)",
  ],
  [
    "startEvent",
    "is not offered by the SQL queries yet (start and return events are computed in process)",
  ],
  [
    "returnEvent",
    "is not offered by the SQL queries yet (start and return events are computed in process)",
  ],
  ["breakdownBy", "is not offered by the SQL queries yet (breakdowns are computed in process)"],
];

export interface SqlCohortOptions {
  readonly resolved: Resolved;
  readonly brackets: boolean;
  /** The last period of the table when `asOf` fixes it, else null (the data decides). */
  readonly lastPeriod: number | null;
  readonly raw: Record<string, unknown>;
}

export function sqlCohortOptions(value: unknown, fn: string): SqlCohortOptions {
  const raw = optionsObject<Record<string, unknown>>(value, fn) as Record<string, unknown>;
  for (const [name, requirement] of NOT_IN_SQL) {
    if (raw[name] !== undefined)
      fail(fn, `options.${name}`, "INVALID_OPTION", requirement, raw[name]);
  }
  if (raw.boundaries !== undefined && raw.boundaries !== "calendar") {
    fail(
      fn,
      "options.boundaries",
      "INVALID_OPTION",
      "must be 'calendar' (rolling windows are computed in process)",
      raw.boundaries,
    );
  }
  const brackets = flag(raw.brackets, false, fn, "options.brackets");
  const resolved = resolveOptions(raw, fn, "options.");
  const lastPeriod = resolved.hasAsOf
    ? periodIndex(resolved.asOf - 1, resolved.period, resolved.zone, resolved.weekStartsOn)
    : null;
  return { resolved, brackets, lastPeriod, raw };
}
