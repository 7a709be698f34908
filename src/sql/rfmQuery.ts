import type { PurchaseRule, RefundRule } from "../_lib/eventRules.js";
import { lastObservedDay } from "../_lib/eventRules.js";
import type { RfmSegmentRule, RfmTies } from "../cohorts/helpers/rfmSegments.js";
import { CEIL_DIV } from "./models/dialectExtras.js";
import { readRfmOptions } from "./models/rfmScoring.js";
import {
  eventConditions,
  finishQuery,
  type ModelSource,
  readSource,
  startQuery,
} from "./models/source.js";
import type { SqlDialect, SqlQuery } from "./types.js";

export { type RfmFromRowsOptions, rfmFromRows } from "./models/rfmFromRows.js";

const FN = "rfmQuery";

/**
 * Options of {@link rfmQuery} (and, without `dialect`, of {@link rfmFromRows}): those of
 * `rfmSegments`, plus the dialect.
 *
 * @category SQL
 */
export interface RfmQueryOptions {
  /**
   * The end of the observation: a calendar date (`'2024-03-31'`) names the last day observed,
   * included in full; an instant is the first instant not observed. Recency is counted to the
   * last observed day. Required.
   */
  readonly asOf: Date | string | number;
  /** Number of score bins per dimension, 2 to 100. Default 5. */
  readonly bins?: number | undefined;
  /** Tie policy, as `rfmSegments`'s `ties`. Default `'min'`. */
  readonly ties?: RfmTies | undefined;
  /** `'inverted'` (default): fewer days since the last purchase score higher; `'raw'`: more days score higher. */
  readonly recency?: "inverted" | "raw" | undefined;
  /** `'total'` (default): total spend; `'mean'`: spend per unit of `frequency`. */
  readonly monetary?: "total" | "mean" | undefined;
  /** `'orders'` (default): purchases (rows); `'days'`: distinct purchase days. */
  readonly frequency?: "orders" | "days" | undefined;
  /** What a purchase is: `'positive'` (default) revenue above 0; `'all'` every row that is not a refund. */
  readonly purchases?: PurchaseRule | undefined;
  /** `'net'` (default): refunds are subtracted from the customer's total; `'exclude'`: left out. */
  readonly refunds?: RefundRule | undefined;
  /** Segment map, as `rfmSegments`'s (applied by {@link rfmFromRows}). */
  readonly segments?: readonly RfmSegmentRule[] | undefined;
  /** IANA time zone in which calendar days are counted. Default `'UTC'`. */
  readonly timeZone?: string | undefined;
  /** The SQL dialect to write: `'duckdb'`, `'postgres'`, `'bigquery'` or `'snowflake'`. Required. */
  readonly dialect: SqlDialect;
}

/** The score of one dimension from its rank columns, for the tie rules SQL ranks exactly. */
function scoreSql(dialect: SqlDialect, ties: RfmTies, bins: number, prefix: string): string | null {
  const ceil = CEIL_DIV[dialect];
  const lo = `${prefix}_lo`;
  const hi = `(n + 1 - ${prefix}_rev)`;
  switch (ties) {
    case "min":
      return ceil(`${bins} * ${lo}`, "n");
    case "max":
      return ceil(`${bins} * ${hi}`, "n");
    case "average":
      return ceil(`${bins} * (${lo} + ${hi})`, "2 * n");
    case "dense":
      return ceil(`${bins} * ${prefix}_dense`, "n");
    default:
      return null;
  }
}

/**
 * The SQL of `rfmSegments`: each customer's recency, frequency and monetary figures, and
 * their scores where SQL ranks them exactly, computed in the warehouse.
 *
 * @remarks
 * The query implements the library's event rules as `rfmSegments` does: purchases (revenue
 * above 0, or every row that is not a refund with `purchases: 'all'`) before the end `asOf`;
 * refunds subtracted from the customer's total (`refunds: 'net'`) or left out; a customer
 * without a purchase has no row. Per customer, in days of `timeZone`:
 * ```text
 * recency_days  = E − the last purchase day       (E: the last observed day)
 * orders        = purchases (rows);  purchase_days = distinct purchase days
 * total         = Σ purchase revenue − Σ refunds   (exact decimal, as text)
 * r, f, m       = ceil(bins · rank / n)            (n customers; rank per `ties`)
 * ```
 * Scores are computed in SQL with the same rule as `rfmSegments` for `ties` `'min'` (RANK),
 * `'max'` (n + 1 − RANK of the reversed order), `'average'` (the two halved) and `'dense'`
 * (DENSE_RANK), on recency (`recency: 'inverted'` ranks the most recent highest), on orders or
 * purchase days, and on the total. The others are NULL in the query and computed by
 * {@link rfmFromRows} from the figures: `'ntile'` breaks ties by the library's customer-id
 * order (numbers, then strings by UTF-16 code units), which no engine's collation gives for
 * every text; `'quantile'` cuts at breaks interpolated in 40-digit Decimals; and
 * `monetary: 'mean'` ranks quotients that SQL would round (DuckDB divides decimals in double
 * precision). {@link rfmFromRows} checks the scores the query gives against those the options
 * give, and names the segments. The result columns are
 * `customer_id`, `recency_days`, `orders`, `purchase_days`, `total`, `r`, `f`, `m`.
 *
 * The end and the last observed day are computed here and bound as parameters, as is the
 * time zone; identifiers are validated and quoted; `source.where` is put in the query as
 * written. DuckDB and PostgreSQL are verified by execution in the tests; BigQuery and
 * Snowflake are generated from the same builder and checked by a SQL parser only.
 *
 * @example
 * ```ts
 * const options = { asOf: '2024-03-31', dialect: 'postgres' } as const
 * const { sql, params } = rfmQuery({ table: 'orders', customerId: 'customer_id', at: 'ordered_at', revenue: 'amount' }, options)
 * const { rows } = await client.query(sql, [...params])
 * const { customers, segments } = rfmFromRows(rows, options)
 * ```
 * @throws {@link index!MetricInputError} `INVALID_DATE` for a missing or unreadable `asOf`;
 *   `OUT_OF_RANGE` / `NOT_INTEGER` for bad `bins`; `INVALID_OPTION` for an unknown option
 *   value or `dialect`, a malformed segment rule, a bad identifier in `source` (field
 *   `source.table`, …), an empty `source.where`, or `purchases: 'positive'` on a source
 *   without a revenue column (field `purchases`); `NOT_A_NUMBER` when `source` is not an object.
 * @see Hughes (1994), "Strategic Database Marketing" (RFM quintile scoring).
 * @category SQL
 */
export function rfmQuery(source: ModelSource, options: RfmQueryOptions): SqlQuery {
  const o = readRfmOptions(options, FN);
  const src = readSource(source, o.raw.dialect, FN, "dialect");
  const d = src.dialect;
  const q = (name: string) => d.quoteIdentifier(name);
  const ev = eventConditions(src, o.purchases, o.refunds, FN, "purchases");
  const { params, ms, where } = startQuery(src);
  const zone = params.add(o.timeZone, "text");
  const day = d.dayNumber(d.localTime(ms, zone));
  const end = params.add(o.end, "integer");
  const lastDay = params.add(lastObservedDay(o.end, o.timeZone), "integer");
  const frequency = o.days ? "purchase_days" : "orders";
  const dims: [string, string | null, string][] = [
    ["r", "recency_days", o.inverted ? "DESC" : "ASC"],
    ["f", frequency, "ASC"],
    ["m", o.mean ? null : "total", "ASC"],
  ];
  const ranked = o.ties !== "ntile" && o.ties !== "quantile";
  const ranks: string[] = [];
  const scores: string[] = [];
  for (const [name, column, dir] of dims) {
    const score = column !== null && ranked ? scoreSql(d.name, o.ties, o.bins, name) : null;
    if (score === null || column === null) {
      scores.push(`CAST(NULL AS ${d.integerType}) AS ${q(name)}`);
      continue;
    }
    const rev = dir === "ASC" ? "DESC" : "ASC";
    ranks.push(
      `RANK() OVER (ORDER BY ${column} ${dir}) AS ${name}_lo`,
      `RANK() OVER (ORDER BY ${column} ${rev}) AS ${name}_rev`,
      `DENSE_RANK() OVER (ORDER BY ${column} ${dir}) AS ${name}_dense`,
    );
    scores.push(`${score} AS ${q(name)}`);
  }
  const sql = `WITH ev AS (
  SELECT ${src.customerId} AS customer_id, ${day} AS event_day, ${ev.revenue} AS revenue,
    CASE WHEN ${ev.purchase} THEN 1 ELSE 0 END AS purchase
  FROM ${src.table}
  WHERE ${where}${ms} < ${end} AND ${ev.keep}
), per AS (
  SELECT customer_id,
    ${lastDay} - MAX(CASE WHEN purchase = 1 THEN event_day END) AS recency_days,
    SUM(purchase) AS orders,
    COUNT(DISTINCT CASE WHEN purchase = 1 THEN event_day END) AS purchase_days,
    COALESCE(SUM(revenue), 0) AS total
  FROM ev
  GROUP BY customer_id
  HAVING SUM(purchase) > 0
), ranked AS (
  SELECT customer_id, recency_days, orders, purchase_days, total,
    ${["COUNT(*) OVER () AS n", ...ranks].join(",\n    ")}
  FROM per
)
SELECT customer_id AS ${q("customer_id")}, recency_days AS ${q("recency_days")}, orders AS ${q("orders")},
  purchase_days AS ${q("purchase_days")}, ${d.decimalText("total")} AS ${q("total")},
  ${scores.join(",\n  ")}
FROM ranked
ORDER BY customer_id`;
  return finishQuery(sql, params);
}
