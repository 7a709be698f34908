import { fail } from "../../_lib/assert.js";
import { clean, Decimal, ZERO } from "../../_lib/decimal.js";
import { countDecimal } from "../../cohorts/engine/group/decimalCache.js";
import type { CustomerId } from "../../cohorts/engine/types.js";
import { DAYS_PER_UNIT } from "../../models/purchase/_units.js";
import type { CustomerSummary } from "../../models/purchase/summarizeTransactions.js";
import type { Period } from "../../types.js";
import type { SummaryQueryOptions } from "../summaryQuery.js";
import type { SqlDialect } from "../types.js";
import { compareIds, idField, intField, moneyField, rowList, uniqueIds } from "./rows.js";
import { readSummaryOptions } from "./summaryOptions.js";

const FN = "summaryFromRows";

/**
 * Options of {@link summaryFromRows}: the options the query was made with (`dialect` may be
 * left out).
 *
 * @category SQL
 */
export interface SummaryFromRowsOptions extends Omit<SummaryQueryOptions, "dialect"> {
  /** Ignored (the rows are the same in every dialect). */
  readonly dialect?: SqlDialect | undefined;
}

/**
 * One distinct (frequency, recency, T) of a compressed summary, with the number of customers
 * sharing it: a row the model fits read, with `weight`.
 *
 * @category SQL
 */
export interface SummaryPattern {
  /** x: purchase days after the first one. */
  readonly frequency: Decimal;
  /** t_x: time from the first to the last purchase day, in `unit`. */
  readonly recency: Decimal;
  /** Time from the first purchase day to the end of the calibration (or observation) period, in `unit`. */
  readonly T: Decimal;
  /** The number of customers with this history (the fits' `weight`). */
  readonly weight: number;
  /** The unit of `recency` and `T`. */
  readonly unit: Period;
}

/** Whole-day durations in `unit`, each Decimal made once per call (as summarizeTransactions makes them). */
function durationsIn(unit: Period): (days: number) => Decimal {
  const perUnit = new Decimal(DAYS_PER_UNIT[unit]);
  const made = new Map<number, Decimal>();
  return (days) => {
    let d = made.get(days);
    if (d === undefined) {
      d = days === 0 ? ZERO : clean(new Decimal(days).div(perUnit));
      made.set(days, d);
    }
    return d;
  };
}

/** `total / n` (0 when n is 0), rounded once as the in-process mean is. */
function mean(total: Decimal, n: number): Decimal {
  return n === 0 || total.isZero() ? ZERO : clean(total.div(n));
}

/**
 * The rows of {@link summaryQuery} as the result of `summarizeTransactions`: the same
 * customer rows (the same Decimals), or with `compress: true` the distinct histories with
 * their `weight`, ready for `fitBetaGeometricNBD` / `fitParetoNBD`.
 *
 * @remarks
 * ```text
 * recency       = recency_days / u        T = t_days / u       (u: days per unit)
 * monetaryValue = repeat_total / frequency                     (0 when frequency = 0)
 * monetaryValueHoldout = holdout_total / frequency_holdout     (0 when none)
 * durationHoldout      = (E_observation − E_calibration) / u   (from the options)
 * ```
 * with u = 1, 7, 30.436875, 91.310625 or 365.2425 days, each division rounded once to the
 * library's 40 digits, as `summarizeTransactions` does. Rows are returned in the library's
 * customer order (numbers ascending, then strings by UTF-16 code units), whatever order the
 * engine sorted them in; compressed rows by frequency, recency and T. Integers may be numbers,
 * bigints or digit strings, sums decimal strings (as the query writes them), numbers, bigints
 * or Decimals, and a NULL sum is 0 — what the DuckDB, PostgreSQL, BigQuery and Snowflake Node
 * clients return. Give the same options as to the query: the unit and the ends are read from
 * them.
 *
 * @example
 * Customer 1 of the CDNOW sample (purchases on 1997-01-01, 1997-01-18 and 1997-08-02), as the
 * query returns it:
 * ```ts
 * const [row] = summaryFromRows(
 *   [{ customer_id: 1, frequency: 2, recency_days: 213, t_days: 272, repeat_total: '44.69' }],
 *   { observationEnd: '1997-09-30', unit: 'week' },
 * )
 * row.recency.toFixed(4)       //=> '30.4286'
 * row.T.toFixed(4)             //=> '38.8571'
 * row.monetaryValue.toString() //=> '22.345'
 * ```
 * @throws {@link index!MetricInputError} the option errors of {@link summaryQuery} (except those of
 *   `dialect`); `NOT_A_NUMBER` for rows that are not an array of objects, or a missing or
 *   unreadable field (field `rows[3].t_days`); `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for
 *   a count or day difference that is not a whole number ≥ 0 (or a weight below 1);
 *   `INCONSISTENT` for two rows of one customer or one pattern, or a recency above T.
 * @category SQL
 */
export function summaryFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: SummaryFromRowsOptions & { readonly compress: true },
): SummaryPattern[];
export function summaryFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: SummaryFromRowsOptions & { readonly compress?: false | undefined },
): CustomerSummary[];
export function summaryFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: SummaryFromRowsOptions,
): CustomerSummary[] | SummaryPattern[];
export function summaryFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: SummaryFromRowsOptions,
): CustomerSummary[] | SummaryPattern[] {
  const o = readSummaryOptions(options, FN);
  const list = rowList(rows, FN);
  const inUnits = durationsIn(o.unit);
  const unit = o.unit;
  const history = (row: Record<string, unknown>, i: number) => {
    const frequency = intField(row, "frequency", i, FN);
    const recencyDays = intField(row, "recency_days", i, FN);
    const tDays = intField(row, "t_days", i, FN);
    if (recencyDays > tDays) {
      fail(FN, `rows[${i}].recency_days`, "INCONSISTENT", "must not exceed t_days", recencyDays);
    }
    if (frequency === 0 && recencyDays !== 0) {
      fail(
        FN,
        `rows[${i}].recency_days`,
        "INCONSISTENT",
        "must be 0 when frequency is 0",
        recencyDays,
      );
    }
    return { frequency, recencyDays, tDays };
  };
  if (o.compress) {
    const patterns = list.map((row, i) => {
      const h = history(row, i);
      return { ...h, weight: intField(row, "customers", i, FN, 1) };
    });
    patterns.sort(
      (a, b) => a.frequency - b.frequency || a.recencyDays - b.recencyDays || a.tDays - b.tDays,
    );
    for (let i = 1; i < patterns.length; i++) {
      const a = patterns[i - 1] as (typeof patterns)[number];
      const b = patterns[i] as (typeof patterns)[number];
      if (a.frequency === b.frequency && a.recencyDays === b.recencyDays && a.tDays === b.tDays) {
        fail(
          FN,
          "rows",
          "INCONSISTENT",
          "must hold one row per (frequency, recency_days, t_days)",
          b.frequency,
        );
      }
    }
    return patterns.map((p) =>
      Object.freeze({
        frequency: countDecimal(p.frequency),
        recency: inUnits(p.recencyDays),
        T: inUnits(p.tDays),
        weight: p.weight,
        unit,
      }),
    );
  }
  const duration = o.holdout ? inUnits(o.durationDays) : null;
  const made = list.map((row, i) => {
    const id: CustomerId = idField(row, i, FN);
    const h = history(row, i);
    const base = {
      customerId: id,
      frequency: countDecimal(h.frequency),
      recency: inUnits(h.recencyDays),
      T: inUnits(h.tDays),
      monetaryValue: mean(moneyField(row, "repeat_total", i, FN), h.frequency),
      unit,
    };
    if (duration === null) return Object.freeze(base) as CustomerSummary;
    const days = intField(row, "frequency_holdout", i, FN);
    return Object.freeze({
      ...base,
      frequencyHoldout: countDecimal(days),
      monetaryValueHoldout: mean(moneyField(row, "holdout_total", i, FN), days),
      durationHoldout: duration,
    }) as CustomerSummary;
  });
  made.sort((a, b) => compareIds(a.customerId, b.customerId));
  uniqueIds(
    made.map((r) => r.customerId),
    FN,
  );
  return made;
}
