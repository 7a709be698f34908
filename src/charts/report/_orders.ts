/**
 * The order log of {@link customerReport}, read once and checked row by row, as columns every
 * function of the report can take (an iterable is read only once; errors name the report).
 */
import { fail, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import { parseInstant } from "../../_lib/time.js";
import type { CustomerId, EventAccessors } from "../../cohorts/engine/types.js";

/** A revenue as kept: a checked primitive as given, a Decimal object as the library's own, or none. */
export type Revenue = string | number | bigint | Decimal | null;

/** Sign of a revenue: none, positive, zero, negative. */
export const NONE = 0;
export const POSITIVE = 1;
export const ZERO = 2;
export const NEGATIVE = 3;

/** The order log as checked columns. */
export type OrderColumns = {
  readonly customerId: CustomerId[];
  /** Epoch milliseconds. */
  readonly at: Float64Array;
  readonly revenue: Revenue[];
  /** {@link NONE}, {@link POSITIVE}, {@link ZERO} or {@link NEGATIVE} per row. */
  readonly sign: Uint8Array;
};

/** A plain decimal string: optional minus, digits, optional fraction (no exponent, no spaces). */
const PLAIN = /^-?\d{1,300}(?:\.\d{1,300})?$/;

/** The largest epoch milliseconds of a Date. */
const MAX_MS = 8.64e15;

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

/** A growing list of rows, in columns. */
class Builder {
  readonly customerId: CustomerId[] = [];
  at = new Float64Array(1024);
  readonly revenue: Revenue[] = [];
  sign = new Uint8Array(1024);
  length = 0;

  constructor(
    private readonly fn: string,
    private readonly zone: string,
  ) {}

  /**
   * Add one row; `index` and `columns` name its fields in errors (`orders[3].at` for rows,
   * `orders.at[3]` for columns).
   */
  add(id: unknown, at: unknown, revenue: unknown, index: number, columns: boolean): void {
    const { fn } = this;
    const field = (name: string): string =>
      columns ? `orders.${name}[${index}]` : `orders[${index}].${name}`;
    if (this.length === this.at.length) {
      const at2 = new Float64Array(this.length * 2);
      at2.set(this.at);
      this.at = at2;
      const sign2 = new Uint8Array(this.length * 2);
      sign2.set(this.sign);
      this.sign = sign2;
    }
    this.customerId.push(typeof id === "string" ? id : customerId(id, fn, field("customerId")));
    this.at[this.length] =
      typeof at === "number" && Number.isFinite(at) && Math.abs(at) <= MAX_MS
        ? at === 0
          ? 0
          : at
        : parseInstant(at, this.zone, fn, field("at"));
    if (revenue === undefined || revenue === null) {
      this.revenue.push(null);
      this.sign[this.length] = NONE;
    } else if (typeof revenue === "string" && PLAIN.test(revenue)) {
      // A plain decimal string (the common case, a CSV cell): its sign needs no Decimal.
      this.revenue.push(revenue);
      this.sign[this.length] = /[1-9]/.test(revenue)
        ? revenue.charCodeAt(0) === 45
          ? NEGATIVE
          : POSITIVE
        : ZERO;
    } else {
      const d = toDecimal(revenue, fn, field("revenue"));
      // Primitives are kept as given (each function reads them again, exactly); an object is
      // kept as the library's own Decimal, read once here.
      this.revenue.push(typeof revenue === "object" ? d : (revenue as string | number | bigint));
      this.sign[this.length] = d.isZero() ? ZERO : d.isNeg() ? NEGATIVE : POSITIVE;
    }
    this.length++;
  }

  done(): OrderColumns {
    return {
      customerId: this.customerId,
      at: this.at.subarray(0, this.length),
      revenue: this.revenue,
      sign: this.sign.subarray(0, this.length),
    };
  }
}

/** Read an order log (rows through the accessors, or columns) into checked columns. */
export function readOrders<Row>(
  orders: unknown,
  accessors: EventAccessors<Row>,
  timeZone: string,
  fn: string,
): OrderColumns {
  if (orders === null || typeof orders !== "object") {
    fail(fn, "orders", "NOT_A_NUMBER", SHAPE, orders);
  }
  const out = new Builder(fn, timeZone);
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
    if (!isColumn(cols.at)) {
      fail(fn, "orders.at", "NOT_A_NUMBER", "must be an array of instants", cols.at);
    }
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
      out.add(cols.customerId[i], cols.at[i], rev === undefined ? null : rev[i], i, true);
    }
    return out.done();
  }
  let i = 0;
  for (const row of orders as Iterable<Row>) {
    const o = row as { customerId?: unknown; at?: unknown; revenue?: unknown } | null;
    if ((o === null || typeof o !== "object") && (getId === undefined || getAt === undefined)) {
      fail(fn, `orders[${i}]`, "NOT_A_NUMBER", "must be an object", row);
    }
    out.add(
      getId === undefined ? o?.customerId : getId(row, i),
      getAt === undefined ? o?.at : getAt(row, i),
      getRevenue === undefined ? o?.revenue : getRevenue(row, i),
      i,
      false,
    );
    i++;
  }
  return out.done();
}
