/**
 * The order log of {@link customerReport}, read once and checked row by row, as columns every
 * function of the report can take (an iterable is read only once; errors name the report).
 */
import { fail, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import { parseInstant } from "../../_lib/time.js";
import type { CustomerId, EventAccessors } from "../../cohorts/engine/types.js";

/** The order log as checked columns: ids, instants (epoch ms), revenue (`null`: none). */
export type OrderColumns = {
  readonly customerId: CustomerId[];
  readonly at: number[];
  readonly revenue: (Decimal | null)[];
};

const SHAPE = "must be an iterable of rows or { customerId, at, revenue? } columns";

function isColumn(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

function customerId(value: unknown, fn: string, field: string): CustomerId {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  return fail(fn, field, "NOT_A_NUMBER", "must be a string or a finite number", value);
}

function revenue(value: unknown, fn: string, field: string): Decimal | null {
  return value === undefined || value === null ? null : toDecimal(value, fn, field);
}

/** Read an order log (rows through the accessors, or columns) into checked columns. */
export function readOrders<Row>(
  orders: unknown,
  accessors: EventAccessors<Row>,
  timeZone: string,
  fn: string,
): OrderColumns {
  if (orders === null || typeof orders !== "object")
    fail(fn, "orders", "NOT_A_NUMBER", SHAPE, orders);
  const out: OrderColumns = { customerId: [], at: [], revenue: [] };
  const { customerId: getId, at: getAt, revenue: getRevenue } = accessors;
  for (const [name, f] of [
    ["customerId", getId],
    ["at", getAt],
    ["revenue", getRevenue],
  ] as const) {
    if (f !== undefined && typeof f !== "function") {
      fail(fn, name, "INVALID_OPTION", "must be a function (row, index) => value", f);
    }
  }
  if (!(Symbol.iterator in orders)) {
    const cols = orders as { customerId?: unknown; at?: unknown; revenue?: unknown };
    if (!isColumn(cols.customerId)) {
      fail(
        fn,
        "orders.customerId",
        "NOT_A_NUMBER",
        "must be an array of customer ids",
        cols.customerId,
      );
    }
    if (!isColumn(cols.at))
      fail(fn, "orders.at", "NOT_A_NUMBER", "must be an array of instants", cols.at);
    if (getId !== undefined || getAt !== undefined || getRevenue !== undefined) {
      fail(
        fn,
        "options",
        "INVALID_OPTION",
        "accessors apply to rows; columns name their own fields",
        "accessors",
      );
    }
    const n = cols.customerId.length;
    if (cols.at.length !== n) {
      fail(
        fn,
        "orders.at",
        "INCONSISTENT",
        `must have the same length as orders.customerId (${n})`,
        cols.at,
      );
    }
    const rev = cols.revenue;
    if (rev !== undefined && (!isColumn(rev) || rev.length !== n)) {
      fail(
        fn,
        "orders.revenue",
        "INCONSISTENT",
        `must be an array as long as orders.customerId (${n})`,
        rev,
      );
    }
    for (let i = 0; i < n; i++) {
      out.customerId.push(customerId(cols.customerId[i], fn, `orders.customerId[${i}]`));
      out.at.push(parseInstant(cols.at[i], timeZone, fn, `orders.at[${i}]`));
      out.revenue.push(rev === undefined ? null : revenue(rev[i], fn, `orders.revenue[${i}]`));
    }
    return out;
  }
  let i = 0;
  for (const row of orders as Iterable<Row>) {
    const o = row as { customerId?: unknown; at?: unknown; revenue?: unknown } | null;
    if ((o === null || typeof o !== "object") && (getId === undefined || getAt === undefined)) {
      fail(fn, `orders[${i}]`, "NOT_A_NUMBER", "must be an object", row);
    }
    const id = getId === undefined ? o?.customerId : getId(row, i);
    const at = getAt === undefined ? o?.at : getAt(row, i);
    const rv = getRevenue === undefined ? o?.revenue : getRevenue(row, i);
    out.customerId.push(customerId(id, fn, `orders[${i}].customerId`));
    out.at.push(parseInstant(at, timeZone, fn, `orders[${i}].at`));
    out.revenue.push(revenue(rv, fn, `orders[${i}].revenue`));
    i++;
  }
  return out;
}
