import { fail } from "../../_lib/assert.js";
import { clean, Decimal } from "../../_lib/decimal.js";
import type { RepeatPurchaseRetentionResult } from "../../cohorts/helpers/repeatPurchaseRetention.js";
import type { RepeatQueryOptions } from "../repeatQuery.js";
import type { SqlDialect } from "../types.js";
import { readRepeatOptions } from "./repeatOptions.js";
import { intField, rowList } from "./rows.js";

const FN = "repeatFromRows";

/**
 * Options of {@link repeatFromRows}: the options the query was made with (`dialect` may be
 * left out).
 *
 * @category SQL
 */
export interface RepeatFromRowsOptions extends Omit<RepeatQueryOptions, "dialect"> {
  /** Ignored (the row is the same in every dialect). */
  readonly dialect?: SqlDialect | undefined;
}

/**
 * The row of {@link repeatQuery} as the result of `repeatPurchaseRetention`.
 *
 * @remarks
 * ```text
 * rate = returning / eligible
 * ```
 * A fraction in [0, 1], with the counts as read. `eligible` and `returning` may be numbers,
 * bigints or digit strings. The options are read (and checked) as the query read them.
 *
 * @example
 * ```ts
 * const r = repeatFromRows([{ eligible: '2000', returning: '900' }], {
 *   periodStart: '2024-01-01',
 *   periodThrough: '2024-02-29',
 * })
 * r.rate.toString() //=> '0.45'
 * ```
 * @throws {@link index!MetricInputError} the option errors of {@link repeatQuery} (except those of
 *   `dialect`); `NOT_A_NUMBER` for rows that are not one object or a missing count;
 *   `NOT_INTEGER` / `NEGATIVE` for a count that is not a whole number ≥ 0; `INCONSISTENT`
 *   for more or fewer than one row, or `returning` above `eligible`; `ZERO_DENOMINATOR`
 *   when nobody bought before the period.
 * @see Kpitree, "Customer Repeat Rate" (Shopify metrics).
 * @category SQL
 */
export function repeatFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: RepeatFromRowsOptions,
): RepeatPurchaseRetentionResult {
  readRepeatOptions(options, FN);
  const list = rowList(rows, FN);
  if (list.length !== 1) fail(FN, "rows", "INCONSISTENT", "must hold exactly one row", list.length);
  const row = list[0] as Record<string, unknown>;
  const eligible = intField(row, "eligible", 0, FN);
  const returning = intField(row, "returning", 0, FN);
  if (returning > eligible) {
    fail(FN, "rows[0].returning", "INCONSISTENT", "must not exceed eligible", returning);
  }
  if (eligible === 0) {
    fail(
      FN,
      "rows[0].eligible",
      "ZERO_DENOMINATOR",
      "must be above 0 (a purchase before periodStart)",
      0,
    );
  }
  return Object.freeze({ rate: clean(new Decimal(returning).div(eligible)), returning, eligible });
}
