/**
 * The reader of `orderMetricsAsync`: each event of the stream (a row, read through the
 * accessors once, or an entry of a column chunk) is validated as it arrives, in stream order
 * (customer id, then time, then revenue, as every event-log function does), and kept only when
 * the report can use it (a purchase, or a refund under `refunds: 'net'`, in the report) as
 * three numbers in typed columns grown by doubling: a dense customer code (Int32Array, see
 * `cohorts/engine/read/idCodes.ts`), the time in epoch ms (Float64Array) and the revenue (Float64Array, a
 * number that the columns path reads back to the same integer hundredths). Of a customer's
 * purchases before the report, only whether there is one matters (new versus returning): one
 * time per customer is kept, and one purchase at that time is added to the columns at the
 * end. An amount that does not fit a float exactly turns the revenue column into a plain
 * array of the amounts as given. The report is then one call of the columns path
 * (`orderMetricsOf`).
 *
 * Memory is 20 bytes per kept event (up to twice that while a column has room to grow), and
 * a table slot (or Map entry) and 8 bytes per customer: no row object and no id string is
 * held per event.
 */
import { type Accessor, accessorOption, isArrayLike } from "../_lib/accessors.js";
import { fail } from "../_lib/assert.js";
import { isPurchase, noRevenueError } from "../_lib/eventRules.js";
import { isNoRevenue, RevenueReader } from "../_lib/minor.js";
import { MAX_MS } from "../cohorts/engine/constants.js";
import { IdCodes } from "../cohorts/engine/read/idCodes.js";
import { hashId } from "../cohorts/engine/read/ids.js";
import { readInstant } from "../cohorts/engine/read/instants.js";
import type { CustomerId } from "../cohorts/engine/types.js";
import {
  accessorsWithColumns,
  hasAccessors,
  type OrderPlan,
  orderMetricsOf,
} from "./orderMetricsCore.js";
import type { OrderMetricsResult } from "./orderMetricsTypes.js";

/** The parameter holding the log, in error fields. */
const ROOT = "orders";

/** Whether a stream item is a chunk of columns (an object whose `customerId` is an array). */
export function isColumnChunk(item: unknown): boolean {
  return (
    item !== null &&
    typeof item === "object" &&
    !Array.isArray(item) &&
    isArrayLike((item as { customerId?: unknown }).customerId)
  );
}

/** The kept events of a stream as typed columns, and what the report needs of the rest. */
export class OrderStream {
  /** Events read (kept or not): the index of the next one in the whole stream. */
  rows = 0;
  private readonly plan: OrderPlan;
  private readonly getId: Accessor | null;
  private readonly getAt: Accessor | null;
  private readonly getRevenue: Accessor | null;
  private readonly reader: RevenueReader;
  private readonly codes = new IdCodes();
  private anyRevenue = false;
  private n = 0;
  private id = new Int32Array(1024);
  private at = new Float64Array(1024);
  private revenue = new Float64Array(1024);
  /** Per customer code, the time of a purchase before the report (NaN when none). */
  private earlier = new Float64Array(1024);
  /** The amounts as given, once one does not fit {@link revenue} exactly. */
  private plain: unknown[] | null = null;

  constructor(plan: OrderPlan) {
    const { fn, options } = plan;
    this.plan = plan;
    this.getId = accessorOption(options.customerId, fn, "customerId");
    this.getAt = accessorOption(options.at, fn, "at");
    this.getRevenue = accessorOption(options.revenue, fn, "revenue");
    this.reader = new RevenueReader({ fn, minorUnits: null, scale: 2, pow: 100 });
  }

  /** Take the rows of `rows`, read through the accessors (or the fields) once each. */
  addRows(rows: Iterable<unknown>): void {
    const fn = this.plan.fn;
    const { getId, getAt, getRevenue } = this;
    const fieldsRead = getId !== null && getAt !== null;
    for (const row of rows) {
      const index = this.rows;
      // A row the default field names are read from must be an object (as in orderMetrics).
      if (!fieldsRead && (row === null || typeof row !== "object")) {
        fail(fn, `${ROOT}[${index}]`, "NOT_A_NUMBER", "must be an object", row);
      }
      const r = row as { customerId?: unknown; at?: unknown; revenue?: unknown };
      this.take(
        getId === null ? r.customerId : getId(row, index),
        getAt === null ? r.at : getAt(row, index),
        getRevenue === null ? r.revenue : getRevenue(row, index),
      );
    }
  }

  /** Take the events of a column chunk (refused with accessor options). */
  addColumns(chunk: Record<string, unknown>): void {
    const fn = this.plan.fn;
    if (hasAccessors(this.plan.options)) accessorsWithColumns(fn);
    const index = this.rows;
    const ids = chunk.customerId as ArrayLike<unknown>;
    const ats = chunk.at;
    const revenues = chunk.revenue;
    const n = ids.length;
    if (!isArrayLike(ats)) {
      fail(fn, `${ROOT}[${index}].at`, "NOT_A_NUMBER", "must be an array of dates", ats);
    }
    if (revenues !== undefined && !isArrayLike(revenues)) {
      fail(
        fn,
        `${ROOT}[${index}].revenue`,
        "NOT_A_NUMBER",
        "must be an array of amounts",
        revenues,
      );
    }
    const rev = revenues as ArrayLike<unknown> | undefined;
    for (const [field, column] of [
      ["at", ats],
      ["revenue", rev],
    ] as const) {
      if (column !== undefined && column.length !== n) {
        fail(
          fn,
          `${ROOT}[${index}].${field}`,
          "INCONSISTENT",
          `must have the same length as customerId (${n})`,
          column,
        );
      }
    }
    if (rev === undefined) for (let i = 0; i < n; i++) this.take(ids[i], ats[i], undefined);
    else for (let i = 0; i < n; i++) this.take(ids[i], ats[i], rev[i]);
  }

  /** The report of the events taken (one call of the columns path). */
  finish(): OrderMetricsResult {
    const plan = this.plan;
    if (this.rows > 0 && !this.anyRevenue && plan.purchases === "positive") {
      noRevenueError(plan.fn, "purchases", ROOT);
    }
    // One purchase before the report per customer who has one: all the report reads of them.
    const earlier = this.earlier;
    for (let code = 0; code < this.codes.size; code++) {
      const t = earlier[code] as number;
      if (Number.isNaN(t)) continue;
      const j = this.n;
      if (j === this.id.length) this.grow();
      this.id[j] = code;
      this.at[j] = t;
      if (this.plain === null) this.revenue[j] = 1;
      else this.plain.push(1);
      this.n = j + 1;
    }
    const n = this.n;
    const columns = {
      customerId: this.id.subarray(0, n),
      at: this.at.subarray(0, n),
      revenue: this.plain ?? this.revenue.subarray(0, n),
    };
    // The accessors have been applied: the columns path reads the columns' own fields.
    const options = { ...plan.options, customerId: undefined, at: undefined, revenue: undefined };
    return orderMetricsOf(columns, { ...plan, options });
  }

  /** Validate one event (the next of the stream) and keep it when the report needs it. */
  private take(id: unknown, at: unknown, revenue: unknown): void {
    const index = this.rows++;
    const plan = this.plan;
    const fn = plan.fn;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      hashId(id, fn, index, ROOT); // throws NOT_A_NUMBER naming the event
    }
    const t =
      typeof at === "number" && at <= MAX_MS && at >= -MAX_MS
        ? at
        : readInstant(at, plan.zone, fn, index, ROOT, "at");
    let units = 0;
    let refund = false;
    let purchase: boolean;
    if (isNoRevenue(revenue)) {
      purchase = plan.purchases === "all";
    } else {
      this.anyRevenue = true;
      units = this.reader.read(revenue, index, ROOT);
      let sign = units;
      if (Number.isNaN(units)) {
        const d = this.reader.extra as NonNullable<RevenueReader["extra"]>;
        sign = d.isZero() ? 0 : d.isNegative() ? -1 : 1;
      }
      refund = sign < 0;
      purchase = isPurchase(sign, true, plan.purchases);
    }
    if (!(t < plan.to) || !(purchase || (refund && plan.refunds === "net"))) return;
    const before = t < plan.from;
    // Before the report, a refund counts nowhere.
    if (before && refund) return;
    const customers = this.codes.size;
    const code = this.codes.code(id as CustomerId);
    if (code === customers) {
      if (code === this.earlier.length) this.growCustomers();
      this.earlier[code] = Number.NaN;
    }
    if (before) {
      // Of a customer's purchases before the report, only that there is one matters.
      this.earlier[code] = t;
      return;
    }
    const j = this.n;
    if (j === this.id.length) this.grow();
    this.id[j] = code;
    this.at[j] = t;
    this.n = j + 1;
    const plain = this.plain;
    if (plain !== null) {
      plain.push(revenue);
      return;
    }
    // No revenue is 0 here: the same order or not under either `purchases` rule (whether any
    // row has revenue is kept in `anyRevenue`). A number is kept as given; a parsed amount
    // as units / 100 when the columns path reads that back to the same units.
    if (typeof revenue === "number") {
      this.revenue[j] = revenue;
      return;
    }
    const amount = units / 100;
    if (
      !Number.isNaN(units) &&
      amount < 1e12 &&
      amount > -1e12 &&
      Math.round(amount * 100) === units
    ) {
      this.revenue[j] = amount;
      return;
    }
    const all: unknown[] = Array.from(this.revenue.subarray(0, j));
    all.push(revenue);
    this.plain = all;
    this.revenue = new Float64Array(0);
  }

  /** Twice the room for customers. */
  private growCustomers(): void {
    const earlier = new Float64Array(2 * this.earlier.length);
    earlier.set(this.earlier);
    this.earlier = earlier;
  }

  /** Twice the room for kept events. */
  private grow(): void {
    const c = 2 * this.id.length;
    const id = new Int32Array(c);
    id.set(this.id);
    this.id = id;
    const at = new Float64Array(c);
    at.set(this.at);
    this.at = at;
    if (this.plain === null) {
      const revenue = new Float64Array(c);
      revenue.set(this.revenue);
      this.revenue = revenue;
    }
  }
}
