/**
 * The per-row work of reading a typed event log, shared by rows, columns and streams: each
 * event validated (customer id, then time, then revenue, then what the plan's `classify`
 * reads), given its code, and kept with its customer number (first appearance) in growable
 * columns in input order.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { IdCodes } from "../read/idCodes.js";
import { hashId } from "../read/ids.js";
import { readInstant } from "../read/instants.js";
import type { CustomerId } from "../types.js";
import type { EventView, TypedPlan } from "./typedEvents.js";

/** Growable columns in input order. */
export class Sink {
  n = 0;
  cust = new Int32Array(1024);
  at = new Float64Array(1024);
  code = new Int32Array(1024);
  units = new Float64Array(1024);
  group = new Int32Array(1024);
  row = new Int32Array(1024);

  constructor(capacity: number) {
    if (capacity > 1024) this.resize(capacity);
  }

  private resize(c: number): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.cust = grow(this.cust, (k) => new Int32Array(k));
    this.at = grow(this.at, (k) => new Float64Array(k));
    this.code = grow(this.code, (k) => new Int32Array(k));
    this.units = grow(this.units, (k) => new Float64Array(k));
    this.group = grow(this.group, (k) => new Int32Array(k));
    this.row = grow(this.row, (k) => new Int32Array(k));
  }

  push(cust: number, at: number, code: number, units: number, group: number, row: number): void {
    const j = this.n;
    if (j === this.cust.length) this.resize(2 * j);
    this.cust[j] = cust;
    this.at[j] = at;
    this.code[j] = code;
    this.units[j] = units;
    this.group[j] = group;
    this.row[j] = row;
    this.n = j + 1;
  }
}

/** Per-row work shared by rows and columns. */
export class TypedReader {
  readonly sink: Sink;
  readonly ids: CustomerId[] = [];
  extra: Map<number, Decimal> | null = null;
  /** Codes of the other ids (read/idCodes.ts), in order of first sight… */
  private readonly codes = new IdCodes();
  /** …and the customer number of each code. */
  private readonly codeNumbers: number[] = [];
  /** Customer number + 1 of small non-negative integer ids (0: not seen), the common case. */
  private small = new Int32Array(1024);
  /** Integer ids below this (4 per expected event, at least 4,096) go through `small`. */
  private readonly smallIds: number;
  private readonly reader: RevenueReader;

  constructor(
    private readonly plan: TypedPlan,
    capacity: number,
  ) {
    this.sink = new Sink(capacity);
    this.smallIds = Math.max(4096, 4 * capacity);
    this.reader = new RevenueReader({ fn: plan.fn, minorUnits: null, scale: 2, pow: 100 });
  }

  /** The number of customer `id` (numbered on first sight). */
  private customerNumber(id: CustomerId): number {
    if (typeof id === "number" && id >= 0 && id < this.smallIds && Number.isInteger(id)) {
      if (id >= this.small.length) {
        let c = this.small.length;
        while (c <= id) c *= 2;
        const grown = new Int32Array(c);
        grown.set(this.small);
        this.small = grown;
      }
      const known = this.small[id] as number;
      if (known !== 0) return known - 1;
      const g = this.ids.length;
      this.small[id] = g + 1;
      this.ids.push(id === 0 ? 0 : id);
      return g;
    }
    const code = this.codes.code(id);
    if (code === this.codeNumbers.length) {
      this.codeNumbers.push(this.ids.length);
      this.ids.push(id);
    }
    return this.codeNumbers[code] as number;
  }

  /**
   * Validate and keep one event; `view` is one function per read (it reads the row being
   * taken), never one per row.
   */
  take(
    id: unknown,
    at: unknown,
    name: unknown,
    revenue: unknown,
    view: EventView,
    i: number,
  ): void {
    const plan = this.plan;
    const { fn, root } = plan;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      hashId(id, fn, i, root); // throws NOT_A_NUMBER naming the row
    }
    let t: number;
    if (typeof at === "number" && at <= 8.64e15 && at >= -8.64e15) t = at === 0 ? 0 : at;
    else t = readInstant(at, plan.zone, fn, i, root, "at");
    let units = 0;
    let sign = 0;
    if (plan.readRevenue) {
      units = this.reader.read(revenue, i, root);
      sign = units;
      if (Number.isNaN(units)) {
        const d = this.reader.extra as Decimal;
        sign = d.isZero() ? 0 : d.isNegative() ? -1 : 1;
      }
    }
    const code = plan.classify(name, units, sign, view, i);
    if (code < 0 || !(t < plan.end)) return;
    const group = plan.group === null ? 0 : plan.group(view, i);
    if (Number.isNaN(units)) {
      if (this.extra === null) this.extra = new Map();
      this.extra.set(i, this.reader.extra as Decimal);
    }
    this.sink.push(this.customerNumber(id as CustomerId), t, code, units, group, i);
  }
}
