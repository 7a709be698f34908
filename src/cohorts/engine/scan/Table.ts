/**
 * The cohort table users receive: rows of exact values and completeness flags, assembled from
 * the cells of a scan, with its derived views (retention in every mode, lifetime value, JSON).
 */
import { fail, intNumber, options as optionsObject } from "../../../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../../../_lib/decimal.js";
import { isoInstant } from "../../../_lib/time.js";
import type { Period } from "../../../types.js";
import { periodKey, periodStart, rollingWindowMs } from "../periods.js";
import type { Resolved } from "../read/options.js";
import type {
  CohortBoundaries,
  CohortBreakdownValue,
  CohortRow,
  CohortTable,
  CohortTableJSON,
  CohortValues,
  LifetimeValueTable,
  RetentionIntervalOptions,
  RetentionOptions,
  RetentionTable,
  RetentionTableWithIntervals,
  RetentionTrend,
  RetentionTrendWithIntervals,
} from "../types.js";
import type { CohortParts } from "./cells.js";
import { readIntervals } from "./intervals.js";
import {
  type Bracket,
  countBrackets,
  readMode,
  retentionTable,
  retentionTrend,
} from "./retention.js";

/** What a table keeps besides its rows: the counts the retention views read. */
interface Counts {
  /** Per cell, customers whose last active period is that cell's or later. */
  readonly activeOrLater: Float64Array;
  readonly offsets: Int32Array;
  readonly brackets: (brackets: readonly Bracket[]) => Float64Array;
}

/** The table of no events. */
export function emptyTable(options: Resolved): CohortTable {
  return new Table(options, [], {
    activeOrLater: new Float64Array(0),
    offsets: new Int32Array(1),
    brackets: () => new Float64Array(0),
  });
}

/** The table from the cells of a scan (null: no cohort). */
export function assembleTable(options: Resolved, parts: CohortParts | null): CohortTable {
  if (parts === null) return emptyTable(options);
  const { cohorts, lengths, sizes, offsets, active, revenue } = parts;
  const { period, zone, weekStartsOn, hasAsOf, asOf } = options;
  const calendar = options.boundaries === "calendar";
  const windowMs = rollingWindowMs(period);
  // "k or later": customers whose last active period is k, summed from the end of each row.
  const activeOrLater = parts.lastActive;
  const rows: CohortRow[] = cohorts.map((C, row) => {
    const length = lengths[row] as number;
    const o = offsets[row] as number;
    for (let k = length - 2; k >= 0; k--)
      activeOrLater[o + k] =
        (activeOrLater[o + k] as number) + (activeOrLater[o + k + 1] as number);
    const complete: boolean[] = new Array(length).fill(true);
    if (hasAsOf) {
      if (calendar) {
        complete[length - 1] = periodStart(C + length, period, zone, weekStartsOn) <= asOf;
      } else {
        const lastStart = periodStart(C + 1, period, zone, weekStartsOn);
        for (let k = 0; k < length; k++) complete[k] = lastStart + (k + 1) * windowMs <= asOf;
      }
    }
    const activeRow: number[] = new Array(length);
    const revenueRow: Decimal[] = new Array(length);
    for (let k = 0; k < length; k++) {
      activeRow[k] = active[o + k] as number;
      revenueRow[k] = revenue.value(o + k);
    }
    return Object.freeze({
      key: periodKey(C, period, weekStartsOn),
      start: isoInstant(periodStart(C, period, zone, weekStartsOn)),
      size: sizes[row] as number,
      active: Object.freeze(activeRow),
      revenue: Object.freeze(revenueRow),
      complete: Object.freeze(complete),
    });
  });
  return new Table(options, rows, {
    activeOrLater,
    offsets,
    brackets: (brackets) =>
      countBrackets(parts.activePairs, parts.customers, rows.length, brackets),
  });
}

/**
 * The table of start and return events: the total, and with `breakdownBy` its `breakdown`
 * map of one table per value (in value order).
 */
export function assembleRoles(
  options: Resolved,
  total: CohortParts | null,
  groups: readonly (readonly [CohortBreakdownValue, CohortParts])[] | null,
): CohortTable {
  const table = assembleTable(options, total);
  if (groups === null) return table;
  const breakdown = new Map<CohortBreakdownValue, CohortTable>();
  for (const [value, parts] of groups) breakdown.set(value, assembleTable(options, parts));
  Object.defineProperty(table, "breakdown", { value: breakdown, enumerable: true });
  return table;
}

class Table implements CohortTable {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  readonly boundaries: CohortBoundaries;
  readonly asOf: string | null;
  readonly cohorts: readonly CohortRow[];
  declare readonly breakdown?: ReadonlyMap<CohortBreakdownValue, CohortTable>;
  readonly #counts: Counts;

  constructor(options: Resolved, rows: CohortRow[], counts: Counts) {
    this.period = options.period;
    this.timeZone = options.zone;
    this.weekStartsOn = options.weekStartsOn;
    this.boundaries = options.boundaries;
    this.asOf = options.hasAsOf ? isoInstant(options.asOf) : null;
    this.cohorts = Object.freeze(rows);
    this.#counts = counts;
  }

  /** The periods of the widest row. */
  #width(): number {
    let width = 0;
    for (const row of this.cohorts) if (row.active.length > width) width = row.active.length;
    return width;
  }

  retention(options: RetentionIntervalOptions): RetentionTableWithIntervals;
  retention(options?: RetentionOptions): RetentionTable;
  retention(options?: unknown): RetentionTable | RetentionTableWithIntervals {
    const fn = "retention";
    const o = optionsObject<{ mode: unknown; intervals: unknown }>(options, fn);
    const mode = readMode(o.mode, fn);
    const intervals = readIntervals(o.intervals, fn);
    const rows = this.cohorts;
    if (mode === "classic" || mode === "unbounded") {
      const periods = Array.from({ length: this.#width() }, (_, k) => k);
      return retentionTable(rows, periods, (row, k) => this.#retained(mode, row, k), intervals);
    }
    const counts = this.#counts.brackets(mode);
    return retentionTable(
      rows,
      mode.map(([, to]) => to),
      (row, b) => counts[row * mode.length + b] as number,
      intervals,
    );
  }

  retentionAt(k: number, options: RetentionIntervalOptions): RetentionTrendWithIntervals;
  retentionAt(k: number, options?: RetentionOptions): RetentionTrend;
  retentionAt(k: unknown, options?: unknown): RetentionTrend | RetentionTrendWithIntervals {
    const fn = "retentionAt";
    const column = intNumber(k, fn, "k");
    const o = optionsObject<{ mode: unknown; intervals: unknown }>(options, fn);
    const mode = readMode(o.mode, fn);
    const intervals = readIntervals(o.intervals, fn);
    const rows = this.cohorts;
    if (mode === "classic" || mode === "unbounded") {
      return retentionTrend(
        rows,
        column,
        column,
        (row) => this.#retained(mode, row, column),
        intervals,
      );
    }
    const bracket = mode[column];
    if (bracket === undefined) {
      fail(
        fn,
        "k",
        "OUT_OF_RANGE",
        `must be a bracket index below ${mode.length} in mode { brackets }`,
        k,
      );
    }
    const counts = this.#counts.brackets([bracket]);
    return retentionTrend(rows, column, bracket[1], (row) => counts[row] as number, intervals);
  }

  /** Customers of `row` retained at period k (present in the row) in classic or unbounded mode. */
  #retained(mode: "classic" | "unbounded", row: number, k: number): number {
    return mode === "classic"
      ? (this.cohorts[row]?.active[k] as number)
      : (this.#counts.activeOrLater[(this.#counts.offsets[row] as number) + k] as number);
  }

  lifetimeValue(): LifetimeValueTable {
    const width = this.#width();
    const num: Decimal[] = new Array(width).fill(ZERO);
    const den = new Float64Array(width);
    const cohorts: CohortValues[] = this.cohorts.map((row) => {
      const values: (Decimal | null)[] = new Array(width).fill(null);
      let cumulative = ZERO;
      for (let k = 0; k < row.revenue.length; k++) {
        cumulative = cumulative.plus(row.revenue[k] as Decimal);
        if (!row.complete[k]) continue;
        values[k] = clean(cumulative.div(row.size));
        num[k] = (num[k] as Decimal).plus(cumulative);
        den[k] = (den[k] as number) + row.size;
      }
      return Object.freeze({ key: row.key, size: row.size, values: Object.freeze(values) });
    });
    const average = Array.from(den, (d, k) => (d === 0 ? null : clean((num[k] as Decimal).div(d))));
    return Object.freeze({ cohorts: Object.freeze(cohorts), average: Object.freeze(average) });
  }

  toJSON(): CohortTableJSON {
    return {
      period: this.period,
      timeZone: this.timeZone,
      weekStartsOn: this.weekStartsOn,
      boundaries: this.boundaries,
      asOf: this.asOf,
      cohorts: this.cohorts.map((row) => ({
        key: row.key,
        start: row.start,
        size: row.size,
        active: [...row.active],
        revenue: row.revenue.map((d) => d.toFixed()),
        complete: [...row.complete],
      })),
      ...(this.breakdown === undefined
        ? {}
        : {
            breakdown: [...this.breakdown].map(([value, table]) => ({
              value,
              table: table.toJSON(),
            })),
          }),
    };
  }
}
