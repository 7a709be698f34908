/**
 * The event table of the model queries (`summaryQuery`, `rfmQuery`, `repeatQuery`), read and
 * quoted once, with the library's event rules written as SQL conditions on it.
 */
import { fail, record } from "../../_lib/assert.js";
import type { PurchaseRule, RefundRule } from "../../_lib/eventRules.js";
import { noRevenueError } from "../../_lib/eventRules.js";
import {
  columnName,
  type Dialect,
  dialectOf,
  type ParameterType,
  tableName,
} from "../dialects/index.js";
import type { SqlQuery, SqlSource } from "../types.js";

/**
 * The columns of a {@link SqlSource} that `summaryQuery`, `rfmQuery` and `repeatQuery` read:
 * the table, the customer id, the event time, the revenue and the raw `where` condition
 * (a cohort column is for `cohortQuery` only).
 *
 * @category SQL
 */
export type ModelSource = Pick<SqlSource, "table" | "customerId" | "at" | "revenue" | "where">;

/** The source's quoted parts. */
export interface QuotedSource {
  readonly dialect: Dialect;
  readonly table: string;
  readonly customerId: string;
  readonly at: string;
  readonly revenue: string | null;
  readonly where: string | null;
}

/** Read `source` for `fn` in the dialect of `options.dialect`. */
export function readSource(
  source: unknown,
  dialectValue: unknown,
  fn: string,
  dialectField = "options.dialect",
): QuotedSource {
  const dialect = dialectOf(dialectValue, fn, dialectField);
  if (Array.isArray(source)) fail(fn, "source", "NOT_A_NUMBER", "must be an object", source);
  const s = record<ModelSource>(source, fn, "source");
  const where = s.where;
  if (where !== undefined && (typeof where !== "string" || where.trim() === "")) {
    fail(fn, "source.where", "INVALID_OPTION", "must be a non-empty SQL condition", where);
  }
  return {
    dialect,
    table: tableName(dialect, s.table, fn, "source.table"),
    customerId: columnName(dialect, s.customerId, fn, "source.customerId"),
    at: columnName(dialect, s.at, fn, "source.at"),
    revenue: s.revenue === undefined ? null : columnName(dialect, s.revenue, fn, "source.revenue"),
    where: where === undefined ? null : where,
  };
}

/** SQL conditions of the event rules on the source's revenue column. */
export interface EventConditions {
  /** True for a purchase under the purchase rule. */
  readonly purchase: string;
  /** True for the rows a query keeps: purchases, and refunds when they are netted. */
  readonly keep: string;
  /** The revenue expression (a typed NULL without a revenue column). */
  readonly revenue: string;
}

/**
 * The purchase rule and the refund rule as SQL. A source without a revenue column has no
 * revenue anywhere, so `purchases: 'positive'` is refused for it (as the in-process functions
 * refuse a log in which no row has revenue).
 */
export function eventConditions(
  src: QuotedSource,
  purchases: PurchaseRule,
  refunds: RefundRule | null,
  fn: string,
  purchasesField: string,
): EventConditions {
  const rev = src.revenue;
  if (rev === null) {
    if (purchases === "positive") noRevenueError(fn, purchasesField, "source");
    return {
      purchase: "1 = 1",
      keep: "1 = 1",
      revenue: `CAST(NULL AS ${src.dialect.decimalType(38, 10)})`,
    };
  }
  const purchase = purchases === "positive" ? `${rev} > 0` : `(${rev} IS NULL OR ${rev} >= 0)`;
  const keep = refunds === "net" ? `(${purchase} OR ${rev} < 0)` : purchase;
  return { purchase, keep, revenue: rev };
}

/** Bound parameters of a query being built: each value gets the dialect's placeholder. */
export class Parameters {
  readonly values: (string | number)[] = [];
  readonly #dialect: Dialect;

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** The placeholder binding `value` (a new parameter at each call, as `?` requires). */
  add(value: string | number, type: ParameterType): string {
    this.values.push(value);
    return this.#dialect.parameter(this.values.length, type);
  }
}

/** A query's parameters and the pieces every model query starts from. */
export function startQuery(src: QuotedSource): {
  params: Parameters;
  ms: string;
  where: string;
} {
  return {
    params: new Parameters(src.dialect),
    ms: src.dialect.epochMs(src.at),
    where: `${src.where === null ? "" : `(${src.where}) AND `}${src.customerId} IS NOT NULL AND `,
  };
}

/** The finished query as a read-only object. */
export function finishQuery(sql: string, params: Parameters): SqlQuery {
  return Object.freeze({
    sql,
    params: Object.freeze([...params.values]),
  });
}
