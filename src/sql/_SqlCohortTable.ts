/**
 * The table read back from SQL rows: the engine's own table (rows, classic and "k or later"
 * retention, lifetime value, JSON), with bracket retention counted from the rows' (k,
 * previous active period) counts, which a warehouse returns instead of every customer's
 * active periods.
 */
import { fail, options as optionsObject } from "../_lib/assert.js";
import { readIntervals } from "../cohorts/engine/scan/intervals.js";
import {
  type Bracket,
  readMode,
  retentionTable,
  retentionTrend,
} from "../cohorts/engine/scan/retention.js";
import type {
  CohortBoundaries,
  CohortBreakdownValue,
  CohortRow,
  CohortTable,
  CohortTableJSON,
  LifetimeValueTable,
  RetentionIntervalOptions,
  RetentionOptions,
  RetentionTable,
  RetentionTableWithIntervals,
  RetentionTrend,
  RetentionTrendWithIntervals,
} from "../cohorts/engine/types.js";
import type { Period } from "../types.js";

/** Per cohort row, the (k, previous active period, customers) counts, or null without them. */
export type Transitions = readonly (readonly (readonly [number, number, number])[])[] | null;

const NO_BRACKETS =
  "needs the rows of a query built with brackets: true (the rows read hold no bracket counts)";

/**
 * Customers of each row active in [from, to]: those whose first active period at or after
 * `from` is at most `to`, i.e. Σ over active periods k in [from, to] with previous < from.
 */
function bracketCounts(transitions: NonNullable<Transitions>, brackets: readonly Bracket[]) {
  const nb = brackets.length;
  const counts = new Float64Array(transitions.length * nb);
  transitions.forEach((list, row) => {
    for (const [k, previous, customers] of list) {
      for (let b = 0; b < nb; b++) {
        const [from, to] = brackets[b] as Bracket;
        if (k >= from && k <= to && previous < from)
          counts[row * nb + b] = (counts[row * nb + b] as number) + customers;
      }
    }
  });
  return counts;
}

export class SqlCohortTable implements CohortTable {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  readonly boundaries: CohortBoundaries;
  readonly asOf: string | null;
  readonly cohorts: readonly CohortRow[];
  /** With `breakdownBy`: one table per breakdown value, in value order. */
  declare readonly breakdown?: ReadonlyMap<CohortBreakdownValue, CohortTable>;
  readonly #inner: CohortTable;
  readonly #transitions: Transitions;

  constructor(
    inner: CohortTable,
    transitions: Transitions,
    breakdown?: ReadonlyMap<CohortBreakdownValue, CohortTable>,
  ) {
    this.period = inner.period;
    this.timeZone = inner.timeZone;
    this.weekStartsOn = inner.weekStartsOn;
    this.boundaries = inner.boundaries;
    this.asOf = inner.asOf;
    this.cohorts = inner.cohorts;
    this.#inner = inner;
    this.#transitions = transitions;
    if (breakdown !== undefined)
      Object.defineProperty(this, "breakdown", { value: breakdown, enumerable: true });
    Object.freeze(this);
  }

  /** The brackets of a bracket mode, or null for classic and unbounded (the engine's). */
  #brackets(options: unknown, fn: string): Bracket[] | null {
    const o = optionsObject<{ mode: unknown }>(options, fn);
    const mode = readMode(o.mode, fn);
    if (mode === "classic" || mode === "unbounded") return null;
    readIntervals((o as { intervals?: unknown }).intervals, fn);
    if (this.#transitions === null)
      fail(fn, "mode.brackets", "INVALID_OPTION", NO_BRACKETS, o.mode);
    return mode;
  }

  retention(options: RetentionIntervalOptions): RetentionTableWithIntervals;
  retention(options?: RetentionOptions): RetentionTable;
  retention(options?: unknown): RetentionTable | RetentionTableWithIntervals {
    const fn = "retention";
    const brackets = this.#brackets(options, fn);
    if (brackets === null) return this.#inner.retention(options as RetentionOptions);
    const counts = bracketCounts(this.#transitions as NonNullable<Transitions>, brackets);
    const intervals = readIntervals((options as { intervals?: unknown }).intervals, fn);
    return retentionTable(
      this.cohorts,
      brackets.map(([, to]) => to),
      (row, b) => counts[row * brackets.length + b] as number,
      intervals,
    );
  }

  retentionAt(k: number, options: RetentionIntervalOptions): RetentionTrendWithIntervals;
  retentionAt(k: number, options?: RetentionOptions): RetentionTrend;
  retentionAt(k: unknown, options?: unknown): RetentionTrend | RetentionTrendWithIntervals {
    const fn = "retentionAt";
    const brackets = this.#brackets(options, fn);
    if (brackets === null || typeof k !== "number" || brackets[k] === undefined) {
      // The engine's table checks k (and names a bracket index out of range) itself.
      return this.#inner.retentionAt(k as number, options as RetentionOptions);
    }
    const bracket = brackets[k] as Bracket;
    const counts = bracketCounts(this.#transitions as NonNullable<Transitions>, [bracket]);
    const intervals = readIntervals((options as { intervals?: unknown }).intervals, fn);
    return retentionTrend(this.cohorts, k, bracket[1], (row) => counts[row] as number, intervals);
  }

  lifetimeValue(): LifetimeValueTable {
    return this.#inner.lifetimeValue();
  }

  toJSON(): CohortTableJSON {
    const json = this.#inner.toJSON();
    if (this.breakdown === undefined) return json;
    return {
      ...json,
      breakdown: [...this.breakdown].map(([value, table]) => ({ value, table: table.toJSON() })),
    };
  }
}
