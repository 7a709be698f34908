import { fail } from "../../_lib/assert.js";
import { clean, ZERO } from "../../_lib/decimal.js";
import type { RfmSegmentsResult } from "../../cohorts/helpers/rfmSegments.js";
import type { RfmQueryOptions } from "../rfmQuery.js";
import type { SqlDialect } from "../types.js";
import { type RfmFigures, readRfmOptions, rfmResult } from "./rfmScoring.js";
import { compareIds, idField, intField, moneyField, rowList, uniqueIds } from "./rows.js";

const FN = "rfmFromRows";

/**
 * Options of {@link rfmFromRows}: the options the query was made with (`dialect` may be left
 * out).
 *
 * @category SQL
 */
export interface RfmFromRowsOptions extends Omit<RfmQueryOptions, "dialect"> {
  /** Ignored (the rows are the same in every dialect). */
  readonly dialect?: SqlDialect | undefined;
}

/** A score column: null (not scored in SQL), or a whole number from 1 to bins. */
function scoreField(
  row: Record<string, unknown>,
  key: string,
  i: number,
  bins: number,
): number | null {
  const value = row[key];
  if (value === null || value === undefined) return null;
  const n = intField(row, key, i, FN, 1);
  if (n > bins)
    fail(FN, `rows[${i}].${key}`, "OUT_OF_RANGE", `must be at most ${bins} (bins)`, value);
  return n;
}

/**
 * The rows of {@link rfmQuery} as the result of `rfmSegments`: the same customers, figures,
 * scores, segments and shares.
 *
 * @remarks
 * ```text
 * recency   = recency_days
 * frequency = orders   (frequency: 'days': purchase_days)
 * monetary  = total    (monetary: 'mean': total / frequency, rounded once to 40 digits)
 * r, f, m   = computed here as rfmSegments computes them, and checked against the
 *             query's scores where it has them (NULL for 'ntile', 'quantile' and
 *             monetary 'mean')
 * ```
 * then the segment map (first matching rule wins, unmatched customers `'Others'`). Customers
 * are in the library's id order (numbers ascending, then strings by UTF-16 code units),
 * whatever order the engine returned. Integers may be numbers, bigints or digit strings; the
 * total a decimal string, number, bigint or Decimal. Give the same options as to the query.
 *
 * @example
 * ```ts
 * const { customers } = rfmFromRows(
 *   [
 *     { customer_id: 'a', recency_days: 2, orders: 2, purchase_days: 2, total: '200', r: 2, f: 2, m: 2 },
 *     { customer_id: 'b', recency_days: 138, orders: 1, purchase_days: 1, total: '15', r: 1, f: 1, m: 1 },
 *   ],
 *   { asOf: '2024-04-01', bins: 2 },
 * )
 * customers[0].score //=> '222'
 * ```
 * @throws {@link index!MetricInputError} the option errors of {@link rfmQuery} (except those of
 *   `dialect`); `EMPTY` when there is no row (no customer bought before the end);
 *   `NOT_A_NUMBER` for rows that are not an array of objects or a missing or unreadable
 *   field (field `rows[3].total`); `NOT_INTEGER` / `NEGATIVE` / `OUT_OF_RANGE` for a figure
 *   that is not a whole number in range (a score outside 1…bins, orders below 1);
 *   `INCONSISTENT` for two rows of one customer, purchase days above orders, or a score
 *   that differs from the one the options give (rows of a query made with other options).
 * @category SQL
 */
export function rfmFromRows(
  rows: Iterable<Record<string, unknown>>,
  options: RfmFromRowsOptions,
): RfmSegmentsResult {
  const o = readRfmOptions(options, FN);
  const list = rowList(rows, FN);
  if (list.length === 0) {
    fail(FN, "rows", "EMPTY", "must contain a customer with a purchase before the end (asOf)", 0);
  }
  const figures: RfmFigures[] = list.map((row, i) => {
    const orders = intField(row, "orders", i, FN, 1);
    const days = intField(row, "purchase_days", i, FN, 1);
    if (days > orders) {
      fail(FN, `rows[${i}].purchase_days`, "INCONSISTENT", "must not exceed orders", days);
    }
    const frequency = o.days ? days : orders;
    const total = moneyField(row, "total", i, FN);
    return {
      customerId: idField(row, i, FN),
      recency: intField(row, "recency_days", i, FN),
      frequency,
      monetary: o.mean ? (total.isZero() ? ZERO : clean(total.div(frequency))) : total,
      r: scoreField(row, "r", i, o.bins),
      f: scoreField(row, "f", i, o.bins),
      m: scoreField(row, "m", i, o.bins),
      row: i,
    };
  });
  figures.sort((a, b) => compareIds(a.customerId, b.customerId));
  uniqueIds(
    figures.map((x) => x.customerId),
    FN,
  );
  return rfmResult(figures, o, FN);
}
