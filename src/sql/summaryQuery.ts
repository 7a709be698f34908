import type { PurchaseRule, RefundRule } from "../_lib/eventRules.js";
import type { Period } from "../types.js";
import {
  eventConditions,
  finishQuery,
  type ModelSource,
  readSource,
  startQuery,
} from "./models/source.js";
import { readSummaryOptions } from "./models/summaryOptions.js";
import type { SqlDialect, SqlQuery } from "./types.js";

export {
  type SummaryFromRowsOptions,
  type SummaryPattern,
  summaryFromRows,
} from "./models/summaryFromRows.js";

const FN = "summaryQuery";

/**
 * Options of {@link summaryQuery} (and, without `dialect`, of {@link summaryFromRows}): those
 * of `summarizeTransactions`, plus the dialect and `compress`.
 *
 * @category SQL
 */
export interface SummaryQueryOptions {
  /**
   * The end of the observation: a calendar date (`'1997-09-30'`) names the last day observed,
   * included in full; an instant (a Date, epoch milliseconds, a date-time string) is the first
   * instant not observed. Required.
   */
  readonly observationEnd: Date | string | number;
  /**
   * The end of the calibration period, read as `observationEnd` is. When given, each row also
   * has the holdout figures (purchase days and their total from the calibration end to the
   * observation end).
   */
  readonly calibrationEnd?: Date | string | number | undefined;
  /** The unit recency, T and the holdout duration are measured in. Required. */
  readonly unit: Period;
  /**
   * `true`: the query returns one row per distinct (frequency, recency, T) with the number of
   * customers sharing it, the input of the model fits (`weight`), instead of one row per
   * customer. Holdout and money figures are then left out. Default `false`.
   */
  readonly compress?: boolean | undefined;
  /** What a purchase is: `'positive'` (default) revenue above 0; `'all'` every row that is not a refund. */
  readonly purchases?: PurchaseRule | undefined;
  /** `'net'` (default): a refund is subtracted from its purchase day's total; `'exclude'`: left out. */
  readonly refunds?: RefundRule | undefined;
  /** IANA time zone in which purchases are assigned to calendar days. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /** The SQL dialect to write: `'duckdb'`, `'postgres'`, `'bigquery'` or `'snowflake'`. Required. */
  readonly dialect: SqlDialect;
}

/**
 * The SQL of `summarizeTransactions`: each customer's frequency, recency, T and mean repeat
 * spend, computed in the warehouse, or compressed to distinct patterns with a count.
 *
 * @remarks
 * The query implements the library's event rules exactly as `summarizeTransactions` does:
 * purchases (revenue above 0, or every row that is not a refund with `purchases: 'all'`) are
 * grouped into calendar days in `timeZone` (and, with `calibrationEnd`, into the calibration
 * and holdout parts of a day); a day is a purchase day when it holds a purchase, and its total
 * is the sum of its purchases minus its refunds (`refunds: 'net'`; a refund on a day without
 * a purchase is left out) or of its purchases only (`'exclude'`). Events at or after the
 * end are left out. With d₀ the first purchase day, d_last the last one of the calibration
 * period and E the last day observed (in days since 1970-01-01, in the zone):
 * ```text
 * frequency    = calibration purchase days − 1
 * recency_days = d_last − d₀
 * t_days       = E − d₀
 * repeat_total = Σ totals of the calibration purchase days after d₀     (exact decimal, as text)
 * frequency_holdout, holdout_total: the same for the holdout purchase days (with calibrationEnd)
 * ```
 * One row per customer whose first purchase is before the calibration end: `customer_id`,
 * `frequency`, `recency_days`, `t_days`, `repeat_total` (and `frequency_holdout`,
 * `holdout_total`). With `compress: true`, one row per distinct (`frequency`, `recency_days`,
 * `t_days`) with `customers`, the number of customers sharing it. Days become the `unit`
 * (and means are taken) in {@link summaryFromRows}, with the library's own Decimals, so that
 * its result equals `summarizeTransactions` over the same events exactly.
 *
 * The observation end, the calibration end and the last observed day are computed here and
 * bound as parameters (epoch milliseconds and day numbers), as is the time zone; identifiers
 * are validated and quoted in the dialect; `source.where` is put in the query as written. The
 * instant column may be a timestamp with time zone or one without, holding UTC. DuckDB and
 * PostgreSQL are verified by execution in the tests; BigQuery and Snowflake are generated from
 * the same builder and checked by a SQL parser only.
 *
 * @example
 * ```ts
 * const { sql, params } = summaryQuery(
 *   { table: 'orders', customerId: 'customer_id', at: 'ordered_at', revenue: 'amount' },
 *   { observationEnd: '1997-09-30', unit: 'week', compress: true, dialect: 'duckdb' },
 * )
 * const rows = (await connection.runAndReadAll(sql, [...params])).getRowObjectsJson()
 * const model = fitBetaGeometricNBD(summaryFromRows(rows, { observationEnd: '1997-09-30', unit: 'week', compress: true }))
 * ```
 * @throws {@link index!MetricInputError} `INVALID_OPTION` for an unknown or missing `unit`,
 *   `dialect`, time zone, `purchases`, `refunds` or `compress`, a bad identifier in `source`
 *   (field `source.table`, `source.customerId`, …), an empty `source.where`, or
 *   `purchases: 'positive'` on a source without a revenue column (field `options.purchases`);
 *   `INVALID_DATE` for a missing or unreadable `observationEnd` or `calibrationEnd`;
 *   `INCONSISTENT` when `calibrationEnd` is after `observationEnd`; `NOT_A_NUMBER` when
 *   `source` or `options` is not an object.
 * @see Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science
 *   24(2) (the summary the models read).
 * @category SQL
 */
export function summaryQuery(source: ModelSource, options: SummaryQueryOptions): SqlQuery {
  const o = readSummaryOptions(options, FN);
  const src = readSource(source, o.raw.dialect, FN);
  const d = src.dialect;
  const q = (name: string) => d.quoteIdentifier(name);
  const ev = eventConditions(src, o.purchases, o.refunds, FN, "options.purchases");
  const { params, ms, where } = startQuery(src);
  const zone = params.add(o.timeZone, "text");
  const day = d.dayNumber(d.localTime(ms, zone));
  const phase = o.holdout
    ? `CASE WHEN ${ms} < ${params.add(o.cut, "integer")} THEN 0 ELSE 1 END`
    : "0";
  const end = params.add(o.end, "integer");
  const lastDay = params.add(o.lastDay, "integer");
  const cte = `WITH ev AS (
  SELECT ${src.customerId} AS customer_id, ${day} AS event_day, ${phase} AS phase,
    ${ev.revenue} AS revenue, CASE WHEN ${ev.purchase} THEN 1 ELSE 0 END AS purchase
  FROM ${src.table}
  WHERE ${where}${ms} < ${end} AND ${ev.keep}
), days AS (
  SELECT customer_id, event_day, phase, SUM(revenue) AS total
  FROM ev
  GROUP BY customer_id, event_day, phase
  HAVING MAX(purchase) = 1
), firsts AS (
  SELECT customer_id, event_day, phase, total, MIN(event_day) OVER (PARTITION BY customer_id) AS first_day
  FROM days
), per AS (
  SELECT customer_id,
    SUM(CASE WHEN phase = 0 THEN 1 ELSE 0 END) - 1 AS frequency,
    MAX(CASE WHEN phase = 0 THEN event_day END) - MIN(first_day) AS recency_days,
    ${lastDay} - MIN(first_day) AS t_days,
    SUM(CASE WHEN phase = 0 AND event_day > first_day THEN total END) AS repeat_total,
    SUM(phase) AS frequency_holdout,
    SUM(CASE WHEN phase = 1 THEN total END) AS holdout_total
  FROM firsts
  GROUP BY customer_id
  HAVING SUM(CASE WHEN phase = 0 THEN 1 ELSE 0 END) > 0
)
`;
  const sql = o.compress
    ? `${cte}SELECT frequency AS ${q("frequency")}, recency_days AS ${q("recency_days")}, t_days AS ${q("t_days")}, COUNT(*) AS ${q("customers")}
FROM per
GROUP BY frequency, recency_days, t_days
ORDER BY frequency, recency_days, t_days`
    : `${cte}SELECT customer_id AS ${q("customer_id")}, frequency AS ${q("frequency")}, recency_days AS ${q("recency_days")}, t_days AS ${q("t_days")},
  ${d.decimalText("repeat_total")} AS ${q("repeat_total")}${
    o.holdout
      ? `,
  frequency_holdout AS ${q("frequency_holdout")}, ${d.decimalText("holdout_total")} AS ${q("holdout_total")}`
      : ""
  }
FROM per
ORDER BY customer_id`;
  return finishQuery(sql, params);
}
