/**
 * The general aggregate table of start and return events and of the breakdown (the options
 * `startEvent`, `returnEvent`, `returnInStartPeriod`, `breakdownBy`): per customer the instant
 * of the first start event and the breakdown value it carries, per (customer, period) the
 * latest return event and the exact revenue. Every entry point with these options (rows,
 * columns with predicates, async batches, the accumulator) feeds this one table, so they agree
 * by construction; it merges exactly (`combine`: earliest start, latest return, summed revenue)
 * and serialises (document version 3, rolesDocument.ts). Batches are read by roleReading.ts
 * and the cells made by roleScan.ts; columns with names take the mask table instead when it
 * fits (roleColumns.ts), which gives the same table.
 */

import { fail } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import type { Columns } from "../read/input.js";
import type { Resolved, Roles } from "../read/options.js";
import type { CohortBreakdownValue, CustomerId } from "../types.js";
import { grown, MAX_CUSTOMERS, NO_RETURN, RETURN, START, SUMMED } from "./roleInput.js";
import { type ReadBatch, RoleReader } from "./roleReading.js";
import { type RoleScan, scanRoles } from "./roleScan.js";
import { compareValues } from "./values.js";

export type { RoleScan } from "./roleScan.js";

/** Entry keys are `customer * 2^28 + period + 2^27`: periods of the Date range fit in 28 bits. */
const PERIOD_SPAN = 268_435_456;
const PERIOD_BIAS = 134_217_728;
/** Integer ids below this are numbered through a direct table (dictionary codes), not a Map. */
const SMALL_IDS = 4_194_304;
/** Entries of a customer found by walking its chain; beyond, through a Map. */
const LONG_CHAIN = 16;

/** The serialised state (document version 3). */
export interface RolesDocument {
  readonly customers: readonly CustomerId[];
  /** Instant of each customer's first start event, or null. */
  readonly start: readonly (number | null)[];
  /** Breakdown value of each customer's first start event (with `breakdownBy` only). */
  readonly value?: readonly CohortBreakdownValue[];
  readonly entries: {
    readonly customer: readonly number[];
    readonly key: readonly number[];
    /** Instant of the latest return event of the entry, or null. */
    readonly lastReturn: readonly (number | null)[];
    /** Revenue in internal units as exact decimal strings. */
    readonly revenue: readonly string[];
  };
}

/** The event of the latest period: the path of its time and the instant (errors about the extent). */
export interface LastEvent {
  readonly period: number;
  readonly field: string;
  readonly at: number;
}

export class EventRoles {
  readonly roles: Roles;
  private readonly reader: RoleReader;
  /** Customer numbers of ids, but small non-negative integers (see `smallIds`). */
  private readonly ids = new Map<CustomerId, number>();
  /** Customer number + 1 (0: none) of each integer id in [0, SMALL_IDS), by id. */
  private smallIds = new Int32Array(1024);
  readonly customers: CustomerId[] = [];
  /** Per customer: instant of the first start event (Infinity: none). */
  startAt = new Float64Array(1024);
  readonly startValue: CohortBreakdownValue[] = [];
  /** Per customer: its latest entry (-1: none), the head of its chain through `entryNext`. */
  private head = new Int32Array(1024);
  /** Per customer: entries in its chain, while it is searched by walking it. */
  private chain = new Int32Array(1024);
  /** Entries of customers with long chains, by key `customer * 2^28 + period + 2^27`. */
  private readonly entryOf = new Map<number, number>();
  /** Number of entries. */
  entries = 0;
  entryCustomer = new Int32Array(1024);
  entryPeriod = new Int32Array(1024);
  /** Instant of the entry's latest return event (-Infinity: none). */
  entryReturn = new Float64Array(1024);
  private entryNext = new Int32Array(1024);
  revenue: ExactSums;
  /** The event of the latest period (errors about the extent name it). */
  last: LastEvent = { period: Number.NEGATIVE_INFINITY, field: "at", at: Number.NaN };

  constructor(options: Resolved) {
    this.roles = options.roles as Roles;
    this.reader = new RoleReader(options);
    this.revenue = new ExactSums(new Float64Array(1024), options.scale);
  }

  /** The options; `options.fn` names the public function of the call in progress. */
  get options(): Resolved {
    return this.reader.options;
  }

  set options(options: Resolved) {
    this.reader.options = options;
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return this.reader.periodOf(instant);
  }

  /** Add rows (any iterable); `offset` is the index of the first row in the whole input. */
  addRows(rows: Iterable<unknown>, prefix: string, offset = 0): void {
    const list = Array.isArray(rows) ? rows : Array.from(rows);
    this.apply(this.reader.readRows(list, prefix, offset), prefix, offset);
  }

  /** Add columns; `offset` is the index of their first event in the whole input. */
  addColumns(cols: Columns, prefix: string, offset = 0): void {
    this.apply(this.reader.readColumns(cols, prefix, offset), prefix, offset);
  }

  /** The customer number of an id, created when first seen. */
  private customer(id: CustomerId): number {
    const small = typeof id === "number" && id >= 0 && id < SMALL_IDS && (id | 0) === id;
    let c: number | undefined;
    if (small) {
      const x = id < this.smallIds.length ? (this.smallIds[id] as number) : 0;
      c = x === 0 ? undefined : x - 1;
    } else {
      c = this.ids.get(id);
    }
    if (c === undefined) {
      c = this.customers.length;
      if (c >= MAX_CUSTOMERS) {
        fail(
          this.options.fn,
          "events",
          "OUT_OF_RANGE",
          "must hold at most 33,554,432 customers with startEvent, returnEvent or breakdownBy",
          c + 1,
        );
      }
      if (small) {
        let table = this.smallIds;
        if (id >= table.length) {
          table = new Int32Array(Math.min(SMALL_IDS, Math.max(2 * table.length, id + 1)));
          table.set(this.smallIds);
          this.smallIds = table;
        }
        table[id] = c + 1;
      } else {
        this.ids.set(id, c);
      }
      this.customers.push(id);
      this.startValue.push(null);
      if (c === this.startAt.length) {
        this.startAt = grown(this.startAt);
        this.head = grown(this.head);
        this.chain = grown(this.chain);
      }
      this.startAt[c] = Infinity;
      this.head[c] = -1;
      this.chain[c] = 0;
    }
    return c;
  }

  /** The entry of (customer, period), created when first needed. */
  private entry(c: number, period: number): number {
    const length = this.chain[c] as number;
    if (length > LONG_CHAIN) {
      const found = this.entryOf.get(c * PERIOD_SPAN + period + PERIOD_BIAS);
      if (found !== undefined) return found;
    } else {
      const periods = this.entryPeriod;
      const next = this.entryNext;
      for (let e = this.head[c] as number; e >= 0; e = next[e] as number)
        if (periods[e] === period) return e;
    }
    const e = this.entries++;
    if (e === this.entryCustomer.length) {
      this.entryCustomer = grown(this.entryCustomer);
      this.entryPeriod = grown(this.entryPeriod);
      this.entryReturn = grown(this.entryReturn);
      this.entryNext = grown(this.entryNext);
      this.revenue.moveTo(new Float64Array(this.entryCustomer.length));
    }
    this.entryCustomer[e] = c;
    this.entryPeriod[e] = period;
    this.entryReturn[e] = NO_RETURN;
    this.entryNext[e] = this.head[c] as number;
    this.head[c] = e;
    this.chain[c] = length + 1;
    if (length + 1 > LONG_CHAIN) {
      // a long chain is searched through the Map from now on: bounded work per event
      if (length === LONG_CHAIN) {
        for (let x = e; x >= 0; x = this.entryNext[x] as number)
          this.entryOf.set(c * PERIOD_SPAN + (this.entryPeriod[x] as number) + PERIOD_BIAS, x);
      } else {
        this.entryOf.set(c * PERIOD_SPAN + period + PERIOD_BIAS, e);
      }
    }
    return e;
  }

  /** A start event at `at` with breakdown value `value`: the earliest (then least) wins. */
  private start(c: number, at: number, value: CohortBreakdownValue): void {
    const t = this.startAt[c] as number;
    if (at < t || (at === t && compareValues(value, this.startValue[c] ?? null) < 0)) {
      this.startAt[c] = at;
      this.startValue[c] = value;
    }
  }

  private apply(b: ReadBatch, prefix: string, offset: number): void {
    for (let i = 0; i < b.n; i++) {
      const f = b.flags[i] as number;
      if (f === 0) continue;
      const c = this.customer(b.ids[i] as CustomerId);
      const at = b.at[i] as number;
      const period = b.periods[i] as number;
      if ((f & START) !== 0) {
        const codes = b.codes;
        this.start(c, at, codes === null ? null : (b.valueList[codes[i] as number] ?? null));
      }
      if ((f & (RETURN | SUMMED)) !== 0) {
        const e = this.entry(c, period);
        if ((f & RETURN) !== 0 && at > (this.entryReturn[e] as number)) this.entryReturn[e] = at;
        if ((f & SUMMED) !== 0) this.revenue.add(e, b.units[i] as number, b.amounts?.get(i));
      }
      if (period > this.last.period) {
        this.last = { period, field: `${prefix}[${i + offset}].at`, at };
      }
    }
  }

  /** Add another table's state (same options) into this one; `other` is not changed. */
  combine(other: EventRoles): void {
    const map = other.customers.map((id, oc) => {
      const c = this.customer(id);
      const t = other.startAt[oc] as number;
      if (t !== Infinity) this.start(c, t, other.startValue[oc] ?? null);
      return c;
    });
    for (let oe = 0; oe < other.entries; oe++) {
      const e = this.entry(
        map[other.entryCustomer[oe] as number] as number,
        other.entryPeriod[oe] as number,
      );
      const r = other.entryReturn[oe] as number;
      if (r > (this.entryReturn[e] as number)) this.entryReturn[e] = r;
      this.revenue.addCell(e, other.revenue, oe);
    }
    if (other.last.period > this.last.period) this.last = { ...other.last };
  }

  /** The state as plain data. */
  toDocument(): RolesDocument {
    const entries = this.entries;
    const revenue: string[] = new Array(entries);
    for (let e = 0; e < entries; e++) revenue[e] = this.revenue.unitsText(e);
    const customers = this.customers.length;
    const hasValues = this.roles.breakdownName !== null || this.roles.breakdownAccessor !== null;
    return {
      customers: [...this.customers],
      start: Array.from(this.startAt.subarray(0, customers), (t) => (t === Infinity ? null : t)),
      ...(hasValues ? { value: [...this.startValue] } : {}),
      entries: {
        customer: Array.from(this.entryCustomer.subarray(0, entries)),
        key: Array.from(this.entryPeriod.subarray(0, entries)),
        lastReturn: Array.from(this.entryReturn.subarray(0, entries), (t) =>
          t === NO_RETURN ? null : t,
        ),
        revenue,
      },
    };
  }

  /** Restore state from a checked document (see rolesDocument.ts). */
  load(doc: {
    customers: readonly CustomerId[];
    start: readonly (number | null)[];
    value: readonly CohortBreakdownValue[] | null;
    customer: readonly number[];
    key: readonly number[];
    lastReturn: readonly (number | null)[];
    revenue: readonly Decimal[];
  }): void {
    doc.customers.forEach((id, c) => {
      this.customer(id);
      const t = doc.start[c] ?? null;
      if (t !== null) this.start(c, t, doc.value?.[c] ?? null);
    });
    for (let i = 0; i < doc.customer.length; i++) {
      const period = doc.key[i] as number;
      const e = this.entry(doc.customer[i] as number, period);
      const r = doc.lastReturn[i] ?? null;
      if (r !== null && r > (this.entryReturn[e] as number)) this.entryReturn[e] = r;
      this.revenue.addUnits(e, doc.revenue[i] as Decimal);
      if (period > this.last.period) this.last = { period, field: "at", at: Number.NaN };
    }
  }

  /** The cells of the total table and of each breakdown value's table. */
  scan(): RoleScan {
    return scanRoles(this);
  }
}
