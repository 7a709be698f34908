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
  ["event", "must not be given: name the column of event names in source.event"],
];

/** Options that take names in SQL but also accept a predicate or accessor in process. */
const NAMES =
  "must be an event name or a non-empty array of event names in SQL (a predicate cannot be compiled: select the rows with source.where or a view)";
const NAMES_ONLY: readonly (readonly [string, string])[] = [
  ["startEvent", NAMES],
  ["returnEvent", NAMES],
  [
    "breakdownBy",
    "must be a column name of the source in SQL (an accessor cannot be compiled: compute the value in a view)",
  ],
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
  for (const [name, requirement] of NAMES_ONLY) {
    if (typeof raw[name] === "function")
      fail(fn, `options.${name}`, "INVALID_OPTION", requirement, raw[name]);
  }
  const brackets = flag(raw.brackets, false, fn, "options.brackets");
  const resolved = resolveOptions(raw, fn, "options.");
  const lastPeriod = resolved.hasAsOf
    ? periodIndex(resolved.asOf - 1, resolved.period, resolved.zone, resolved.weekStartsOn)
    : null;
  return { resolved, brackets, lastPeriod, raw };
}
