/**
 * Retention rates: one core over columns of "retained" counts, and the modes as views of it.
 * A column is a bracket of periods [from, to] of each cohort: a customer is retained in it when
 * active in at least one of its periods, and the column's rate needs its last period `to`
 * present and complete.
 *
 * - classic: column k is the bracket [k, k] (its counts are the active cells);
 * - unbounded: column k is "k or later", [k, ∞), complete when k is (its counts are the
 *   customers whose last active period is k or later);
 * - brackets: the given [from, to], counted from the active (customer, period) pairs.
 *
 * A new mode is a new view: its columns (the period each must have complete) and its count.
 */
import { fail } from "../../../_lib/assert.js";
import { clean, Decimal } from "../../../_lib/decimal.js";
import type {
  CohortRates,
  CohortRatesWithIntervals,
  CohortRow,
  RateInterval,
  RetentionPoint,
  RetentionPointWithInterval,
  RetentionTable,
  RetentionTableWithIntervals,
  RetentionTrend,
  RetentionTrendWithIntervals,
} from "../types.js";
import type { ActivePairs } from "./cells.js";
import { type IntervalSettings, rateIntervals } from "./intervals.js";

const FN = "retention";

export type Bracket = readonly [number, number];

function ratio(num: number, den: number): Decimal {
  return clean(new Decimal(num).div(den));
}

/**
 * The counts behind every retention view: per cell `retained[row * columns + column]` (NaN where
 * the column's period `through[column]` is beyond the row's data or incomplete), and per
 * column the pooled Σ retained (`num`) and Σ sizes (`den`) over the rows where it is not.
 */
interface RetentionCounts {
  readonly columns: number;
  readonly retained: Float64Array;
  readonly num: Float64Array;
  readonly den: Float64Array;
}

function retentionCounts(
  rows: readonly CohortRow[],
  through: readonly number[],
  retained: (row: number, column: number) => number,
): RetentionCounts {
  const columns = through.length;
  const cells = new Float64Array(rows.length * columns).fill(Number.NaN);
  const num = new Float64Array(columns);
  const den = new Float64Array(columns);
  rows.forEach((row, index) => {
    for (let q = 0; q < columns; q++) {
      const k = through[q] as number;
      if (k >= row.active.length || !row.complete[k]) continue;
      const count = retained(index, q);
      cells[index * columns + q] = count;
      num[q] = (num[q] as number) + count;
      den[q] = (den[q] as number) + row.size;
    }
  });
  return { columns, retained: cells, num, den };
}

/**
 * The core: per cohort row and column, `retained(row, column) / size` where the column's
 * period `through[column]` is present and complete (else `null`), and the pooled average
 * Σ retained / Σ sizes over the rows where it is; with `intervals`, the interval of each
 * (retained of size trials; Σ retained of Σ sizes trials).
 */
export function retentionTable(
  rows: readonly CohortRow[],
  through: readonly number[],
  retained: (row: number, column: number) => number,
  intervals: IntervalSettings | null,
): RetentionTable | RetentionTableWithIntervals {
  const { columns, retained: cells, num, den } = retentionCounts(rows, through, retained);
  const interval = intervals === null ? null : rateIntervals(intervals);
  const cohorts: (CohortRates | CohortRatesWithIntervals)[] = rows.map((row, index) => {
    const rates: (Decimal | null)[] = new Array(columns).fill(null);
    const bounds: (RateInterval | null)[] = new Array(columns).fill(null);
    for (let q = 0; q < columns; q++) {
      const count = cells[index * columns + q] as number;
      if (Number.isNaN(count)) continue;
      rates[q] = ratio(count, row.size);
      if (interval !== null) bounds[q] = interval(count, row.size);
    }
    const base = { key: row.key, size: row.size, rates: Object.freeze(rates) };
    return Object.freeze(interval === null ? base : { ...base, intervals: Object.freeze(bounds) });
  });
  const average = Array.from(den, (d, q) => (d === 0 ? null : ratio(num[q] as number, d)));
  const table = { cohorts: Object.freeze(cohorts), average: Object.freeze(average) };
  if (interval === null) return Object.freeze(table);
  const averageIntervals = Array.from(den, (d, q) =>
    d === 0 ? null : interval(num[q] as number, d),
  );
  return Object.freeze({ ...table, averageIntervals: Object.freeze(averageIntervals) });
}

/**
 * One column of the core as a series over the cohorts: `retained(row)` at the period
 * `through`, with the rate, the pooled average and, with `intervals`, their intervals.
 */
export function retentionTrend(
  rows: readonly CohortRow[],
  k: number,
  through: number,
  retained: (row: number) => number,
  intervals: IntervalSettings | null,
): RetentionTrend | RetentionTrendWithIntervals {
  const { retained: cells, num, den } = retentionCounts(rows, [through], (row) => retained(row));
  const intervalOf = intervals === null ? null : rateIntervals(intervals);
  const cohorts: (RetentionPoint | RetentionPointWithInterval)[] = rows.map((row, index) => {
    const count = cells[index] as number;
    const present = !Number.isNaN(count);
    const point = {
      key: row.key,
      start: row.start,
      size: row.size,
      retained: present ? count : null,
      rate: present ? ratio(count, row.size) : null,
    };
    if (intervalOf === null) return Object.freeze(point);
    const interval = present ? intervalOf(count, row.size) : null;
    return Object.freeze({ ...point, interval });
  });
  const d = den[0] as number;
  const n = num[0] as number;
  const trend = {
    k,
    cohorts: Object.freeze(cohorts),
    average: d === 0 ? null : ratio(n, d),
  };
  if (intervalOf === null) return Object.freeze(trend);
  const averageInterval = d === 0 ? null : intervalOf(n, d);
  return Object.freeze({ ...trend, averageInterval });
}

/**
 * Customers active in at least one period of each bracket, per row: `counts[row * brackets +
 * b]`. Customers are numbered below `customers`; each is counted once per bracket.
 */
export function countBrackets(
  pairs: ActivePairs,
  customers: number,
  rows: number,
  brackets: readonly Bracket[],
): Float64Array {
  const nb = brackets.length;
  const counts = new Float64Array(rows * nb);
  const counted = new Int32Array(customers);
  for (let b = 0; b < nb; b++) {
    const [from, to] = brackets[b] as Bracket;
    pairs((customer, row, k) => {
      if (k < from || k > to || counted[customer] === b + 1) return;
      counted[customer] = b + 1;
      const cell = row * nb + b;
      counts[cell] = (counts[cell] as number) + 1;
    });
  }
  return counts;
}

/** The retention mode option, validated: `'classic'`, `'unbounded'` or its brackets. */
export function readMode(mode: unknown, fn = FN): "classic" | "unbounded" | Bracket[] {
  if (mode === undefined || mode === "classic") return "classic";
  if (mode === "unbounded") return "unbounded";
  if (mode === null || typeof mode !== "object") {
    return fail(
      fn,
      "mode",
      "INVALID_OPTION",
      "must be 'classic', 'unbounded' or { brackets }",
      mode,
    );
  }
  const field = "mode.brackets";
  const list = (mode as { brackets?: unknown }).brackets;
  if (!Array.isArray(list) || list.length === 0) {
    fail(fn, field, "INVALID_OPTION", "must be a non-empty array of [from, to] period pairs", list);
  }
  return list.map((b: unknown, i: number) => {
    const ok =
      Array.isArray(b) &&
      b.length === 2 &&
      Number.isSafeInteger(b[0]) &&
      Number.isSafeInteger(b[1]) &&
      (b[0] as number) >= 0 &&
      (b[0] as number) <= (b[1] as number);
    if (!ok) {
      fail(
        fn,
        `${field}[${i}]`,
        "INVALID_OPTION",
        "must be [from, to] with integers 0 <= from <= to",
        b,
      );
    }
    return [b[0], b[1]] as const;
  });
}
