/**
 * The aggregate table of start and return events and of the breakdown (the options
 * `startEvent`, `returnEvent`, `returnInStartPeriod`, `breakdownBy`): per customer the instant
 * of the first start event and the breakdown value it carries, per (customer, period) the
 * latest return event and the exact revenue. Every entry point with these options (rows,
 * columns, async batches, the accumulator) feeds this one table, so they agree by
 * construction; it merges exactly (`combine`: earliest start, latest return, summed revenue)
 * and serialises (document version 3).
 *
 * A batch is read and classified whole before the state changes, so a bad row or a throwing
 * predicate leaves the table as it was. Event names are matched once per distinct name
 * (`nameFlags`) and breakdown values read and checked once per distinct raw value (`valueCode`);
 * predicates are called per event. Columns are read in place (ids are not copied).
 */
import { describe, fail } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import { ExactSums } from "../../../_lib/exactSums.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { isoInstant } from "../../../_lib/time.js";
import { MetricInputError } from "../../../errors.js";
import { MAX_TABLE_CELLS, MS_PER_DAY } from "../constants.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "../eventKinds.js";
import { DayPeriods, ZoneClock } from "../periods.js";
import { hashId } from "../read/ids.js";
import { type Columns, checkColumns, readRow } from "../read/input.js";
import { readInstant } from "../read/instants.js";
import type { EventMatch, Resolved, Roles } from "../read/options.js";
import { type CohortParts, checkCells, rowOffsets } from "../scan/cells.js";
import type { CohortBreakdownValue, CustomerId } from "../types.js";
import { compareValues, readValue } from "./values.js";

/** The event is the customer's start event candidate. */
const START = 1;
/** The event is a return event. */
const RETURN = 2;
/** The event's revenue is summed (and is not zero). */
const SUMMED = 4;

/** No return event in an entry. */
const NO_RETURN = -Infinity;
/** Entry keys are `customer * 2^28 + period + 2^27`: periods of the Date range fit in 28 bits. */
const PERIOD_SPAN = 268_435_456;
const PERIOD_BIAS = 134_217_728;
/** Customers a table holds (entry keys stay below 2^53). */
const MAX_CUSTOMERS = 33_554_432;
/** Integer ids below this are numbered through a direct table (dictionary codes), not a Map. */
const SMALL_IDS = 4_194_304;
/** Entries of a customer found by walking its chain; beyond, through a Map. */
const LONG_CHAIN = 16;

/** A typed array of twice the length holding the same items. */
function grown<T extends Float64Array | Int32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(2 * a.length);
  next.set(a);
  return next;
}

/** A batch read and classified, before the state changes. */
interface ReadBatch {
  readonly n: number;
  /** Each event's id: the column itself for columns (read, not copied), else the ids read. */
  readonly ids: ArrayLike<unknown>;
  readonly at: Float64Array;
  readonly periods: Int32Array;
  readonly units: Float64Array;
  readonly amounts: Map<number, Decimal> | null;
  readonly flags: Uint8Array;
  /**
   * Per start event, the code of its breakdown value in `valueList` (with `breakdownBy` only):
   * each distinct raw value is read and checked once, then looked up.
   */
  readonly codes: Int32Array | null;
  readonly valueList: CohortBreakdownValue[];
  /** Code of each raw breakdown value already read (primitives only). */
  readonly valueCode: Map<unknown, number>;
}

/** Reads the rest of event `i` of a batch (`index`: its index in the whole input). */
interface Source {
  row(i: number): unknown;
  event(i: number, index: number): unknown;
  by(i: number, index: number): unknown;
}

/** One table of the scan: the total, or the customers of one breakdown value. */
export interface RoleScan {
  readonly total: CohortParts | null;
  /** Per breakdown value (in value order), null without `breakdownBy`. */
  readonly groups: readonly (readonly [CohortBreakdownValue, CohortParts])[] | null;
}

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

/** Throws a MetricInputError for a predicate or accessor that threw on a row. */
function threw(fn: string, field: string, what: string, error: unknown): never {
  const e = new MetricInputError(
    "INVALID_OPTION",
    `${fn}: ${field} could not be read: ${what} threw (received ${
      error instanceof Error ? `${error.name}: ${error.message}` : describe(error)
    })`,
    field,
    error,
  );
  Object.defineProperty(e, "cause", { value: error, configurable: true, writable: true });
  throw e;
}

export class EventRoles {
  /** The options; `options.fn` names the public function of the call in progress. */
  options: Resolved;
  readonly roles: Roles;
  private readonly kinds: EventKinds;
  private readonly clock: ZoneClock;
  private readonly days: DayPeriods;
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
  /** The event of the latest period: the path of its time and the instant (errors about the extent). */
  private last = { period: Number.NEGATIVE_INFINITY, field: "at", at: Number.NaN };

  constructor(options: Resolved) {
    this.options = options;
    this.roles = options.roles as Roles;
    this.kinds = new EventKinds(options);
    this.clock = new ZoneClock(options.zone);
    this.days = new DayPeriods(options.period, options.weekStartsOn);
    this.revenue = new ExactSums(new Float64Array(1024), options.scale);
    this.nameFlags = EventRoles.byName(this.roles);
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return this.days.of(Math.floor(this.clock.local(instant) / MS_PER_DAY));
  }

  /** Add rows (any iterable); `offset` is the index of the first row in the whole input. */
  addRows(rows: Iterable<unknown>, prefix: string, offset = 0): void {
    const list = Array.isArray(rows) ? rows : Array.from(rows);
    this.apply(this.readRows(list, prefix, offset), prefix, offset);
  }

  /** Add columns; `offset` is the index of their first event in the whole input. */
  addColumns(cols: Columns, prefix: string, offset = 0): void {
    this.apply(this.readColumns(cols, prefix, offset), prefix, offset);
  }

  private batch(n: number, ids: ArrayLike<unknown> | null): ReadBatch {
    return {
      n,
      ids: ids ?? new Array(n),
      at: new Float64Array(n),
      periods: new Int32Array(n),
      units: new Float64Array(n),
      amounts: null,
      flags: new Uint8Array(n),
      codes:
        this.roles.breakdownName !== null || this.roles.breakdownAccessor !== null
          ? new Int32Array(n)
          : null,
      valueList: [],
      valueCode: new Map(),
    };
  }

  /**
   * The start and return flags of each event name, when both selections are names or every
   * event (no predicate): the name is then read once per event and each distinct name is
   * matched once. Null when a predicate decides.
   */
  private readonly nameFlags: Map<unknown, number> | null;

  private static byName(roles: Roles): Map<unknown, number> | null {
    const { start, returns } = roles;
    if (start !== null && start.test !== null) return null;
    if (returns !== null && returns.test !== null) return null;
    return new Map();
  }

  /** The flags (START, RETURN) of an event name, when selections are names (see `nameFlags`). */
  private flagsOfName(cache: Map<unknown, number>, event: unknown): number {
    const known = cache.get(event);
    if (known !== undefined) return known;
    const { start, returns } = this.roles;
    const flags =
      (start === null || (start.names as readonly string[]).includes(event as string) ? START : 0) |
      (returns === null || (returns.names as readonly string[]).includes(event as string)
        ? RETURN
        : 0);
    // only primitives are kept: a distinct object each time must not grow the cache
    if (event === null || (typeof event !== "object" && typeof event !== "function")) {
      cache.set(event, flags);
    }
    return flags;
  }

  /** Whether a selection takes event `i` of `src` (the name is read only when names are matched). */
  private matches(
    match: EventMatch,
    which: "startEvent" | "returnEvent",
    src: Source,
    i: number,
    index: number,
    prefix: string,
  ): boolean {
    if (match === null) return true;
    if (match.test === null) {
      const event = src.event(i, index);
      const names = match.names;
      for (let j = 0; j < names.length; j++) if (names[j] === event) return true;
      return false;
    }
    let result: unknown;
    try {
      result = match.test(src.row(i), index);
    } catch (error) {
      threw(this.options.fn, `${prefix}[${index}].${which}`, `the ${which} predicate`, error);
    }
    return Boolean(result);
  }

  /** Classify event `i` of a batch from its read fields; `src` reads the rest. */
  private classify(b: ReadBatch, i: number, src: Source, index: number, prefix: string): void {
    const { roles, kinds, options } = this;
    const units = b.units[i] as number;
    const at = b.at[i] as number;
    if (!(at < options.asOf)) return;
    const kind = kinds.of(revenueSign(units, Number.isNaN(units) ? b.amounts?.get(i) : null));
    let flags = 0;
    if ((kind & COUNTED) !== 0 && units !== 0) flags |= SUMMED;
    if ((kind & ACTIVE) !== 0) {
      const byName = this.nameFlags;
      if (byName !== null) {
        flags |=
          roles.start === null && roles.returns === null
            ? START | RETURN
            : this.flagsOfName(byName, src.event(i, index));
      } else {
        if (this.matches(roles.start, "startEvent", src, i, index, prefix)) flags |= START;
        if (this.matches(roles.returns, "returnEvent", src, i, index, prefix)) flags |= RETURN;
      }
      const codes = b.codes;
      if ((flags & START) !== 0 && codes !== null) {
        let raw: unknown;
        try {
          raw = src.by(i, index);
        } catch (error) {
          threw(options.fn, `${prefix}[${index}].breakdownBy`, "the breakdownBy accessor", error);
        }
        let code = b.valueCode.get(raw);
        if (code === undefined) {
          const value = readValue(
            raw,
            options.fn,
            `${prefix}[${index}].${roles.breakdownName ?? "breakdownBy"}`,
          );
          code = b.valueList.length;
          b.valueList.push(value);
          // readValue accepts primitives only, so the map holds no objects
          b.valueCode.set(raw, code);
        }
        codes[i] = code;
      }
    }
    b.flags[i] = flags;
    if (flags !== 0) b.periods[i] = this.periodOf(at);
  }

  private readRows(rows: readonly unknown[], prefix: string, offset: number): ReadBatch {
    const { options, roles } = this;
    const n = rows.length;
    const b = this.batch(n, null);
    const ids = b.ids as unknown[];
    const reader = new RevenueReader(options);
    const out = new Float64Array(2);
    const { getEvent, breakdownName, breakdownAccessor } = roles;
    const src: Source = {
      row: (i) => rows[i],
      event: (i, index) =>
        getEvent === null ? (rows[i] as { event?: unknown })?.event : getEvent(rows[i], index),
      by: (i, index) =>
        breakdownAccessor !== null
          ? breakdownAccessor(rows[i], index)
          : (rows[i] as Record<string, unknown>)?.[breakdownName as string],
    };
    for (let i = 0; i < n; i++) {
      const index = i + offset;
      const id = readRow(options, reader, rows[i], index, prefix, out);
      hashId(id, options.fn, index, prefix);
      ids[i] = id;
      b.at[i] = out[0] as number;
      b.units[i] = out[1] as number;
      if (Number.isNaN(out[1])) {
        if (b.amounts === null) (b as { amounts: unknown }).amounts = new Map();
        b.amounts?.set(i, reader.extra as Decimal);
      }
      this.classify(b, i, src, index, prefix);
    }
    return b;
  }

  private readColumns(cols: Columns, prefix: string, offset: number): ReadBatch {
    const { options, roles } = this;
    const { fn, zone } = options;
    const n = checkColumns(options, cols, prefix);
    const all = cols as unknown as Record<string, ArrayLike<unknown> | undefined>;
    const needsName =
      (roles.start !== null && roles.start.test === null) ||
      (roles.returns !== null && roles.returns.test === null);
    const event = all.event;
    if (needsName && event === undefined) {
      fail(
        fn,
        `${prefix}.event`,
        "INVALID_OPTION",
        "must be a column of event names when startEvent or returnEvent names events",
        event,
      );
    }
    checkExtra(fn, prefix, "event", event, n);
    let by: ArrayLike<unknown> | undefined;
    if (roles.breakdownName !== null) {
      by = all[roles.breakdownName];
      if (by === undefined || by === null) {
        fail(
          fn,
          "breakdownBy",
          "INVALID_OPTION",
          `must name a column of the input (no column ${JSON.stringify(roles.breakdownName)})`,
          roles.breakdownName,
        );
      }
      checkExtra(fn, prefix, roles.breakdownName, by, n);
    }
    const { customerId, at, revenue } = cols;
    const b = this.batch(n, customerId);
    const reader = new RevenueReader(options);
    const src: Source = {
      row: (i) => ({
        customerId: customerId[i],
        at: at[i],
        revenue: revenue?.[i],
        event: event?.[i],
      }),
      event: (i) => event?.[i],
      by: (i) => by?.[i],
    };
    for (let i = 0; i < n; i++) {
      const index = i + offset;
      const id = customerId[i];
      hashId(id, fn, index, prefix);
      b.at[i] = readInstant(at[i], zone, fn, index, prefix, "at");
      const u = revenue === undefined ? 0 : reader.read(revenue[i], index, prefix);
      b.units[i] = u;
      if (Number.isNaN(u)) {
        if (b.amounts === null) (b as { amounts: unknown }).amounts = new Map();
        b.amounts?.set(i, reader.extra as Decimal);
      }
      this.classify(b, i, src, index, prefix);
    }
    return b;
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
    const { options, roles } = this;
    const total = this.customers.length;
    const cohort = new Float64Array(total).fill(Infinity);
    let members = 0;
    let lastPeriod = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < total; c++) {
      const t = this.startAt[c] as number;
      if (t === Infinity) continue;
      const k = this.periodOf(t);
      cohort[c] = k;
      members++;
      if (k > lastPeriod) lastPeriod = k;
    }
    const grouped = roles.breakdownName !== null || roles.breakdownAccessor !== null;
    if (members === 0) return { total: null, groups: grouped ? [] : null };
    const inStart = roles.returnInStartPeriod;
    // Entries by customer (a counting sort), and the last period that counts.
    const entries = this.entries;
    const first = new Int32Array(total + 1);
    for (let e = 0; e < entries; e++) {
      const c = (this.entryCustomer[e] as number) + 1;
      first[c] = (first[c] as number) + 1;
    }
    for (let c = 0; c < total; c++) first[c + 1] = (first[c + 1] as number) + (first[c] as number);
    const order = new Int32Array(entries);
    const fill = first.slice(0, total);
    for (let e = 0; e < entries; e++) {
      const c = this.entryCustomer[e] as number;
      order[fill[c] as number] = e;
      fill[c] = (fill[c] as number) + 1;
    }
    const isActive = (c: number, e: number, k: number): boolean => {
      const r = this.entryReturn[e] as number;
      if (r === NO_RETURN) return false;
      return k > 0 || (inStart && r >= (this.startAt[c] as number));
    };
    if (options.hasAsOf) {
      lastPeriod = this.periodOf(options.asOf - 1);
    } else {
      for (let e = 0; e < entries; e++) {
        const c = this.entryCustomer[e] as number;
        const p = this.entryPeriod[e] as number;
        const k = p - (cohort[c] as number);
        if (!(k >= 0) || p <= lastPeriod) continue;
        if (isActive(c, e, k) || !this.revenue.isZero(e)) lastPeriod = p;
      }
    }
    const extent = (): [string, unknown] =>
      options.hasAsOf && !(this.last.period >= lastPeriod)
        ? ["asOf", isoInstant(options.asOf)]
        : [this.last.field, Number.isNaN(this.last.at) ? undefined : isoInstant(this.last.at)];
    const parts = (list: Int32Array): CohortParts => {
      let firstCohort = Infinity;
      const size = list.length;
      for (let m = 0; m < size; m++) {
        const C = cohort[list[m] as number] as number;
        if (C < firstCohort) firstCohort = C;
      }
      const span = lastPeriod - firstCohort + 1;
      if (span > MAX_TABLE_CELLS) checkCells(options, span, firstCohort, lastPeriod, ...extent());
      const sizeAt = new Float64Array(span);
      for (let m = 0; m < size; m++) {
        const i = (cohort[list[m] as number] as number) - firstCohort;
        sizeAt[i] = (sizeAt[i] as number) + 1;
      }
      const rowOf = new Int32Array(span).fill(-1);
      const cohorts: number[] = [];
      const lengths: number[] = [];
      let cells = 0;
      for (let i = 0; i < span; i++) {
        if (sizeAt[i] === 0) continue;
        rowOf[i] = cohorts.length;
        cohorts.push(firstCohort + i);
        lengths.push(span - i);
        cells += span - i;
      }
      checkCells(options, cells, firstCohort, lastPeriod, ...extent());
      const offsets = rowOffsets(lengths);
      const active = new Float64Array(cells);
      const revenue = new ExactSums(cells, options.scale);
      const lastActive = new Float64Array(cells);
      let pairs = new Int32Array(3 * size + 48);
      let nPairs = 0;
      const pair = (c: number, row: number, k: number) => {
        if (nPairs + 3 > pairs.length) pairs = grown(pairs);
        pairs[nPairs] = c;
        pairs[nPairs + 1] = row;
        pairs[nPairs + 2] = k;
        nPairs += 3;
      };
      const entryPeriod = this.entryPeriod;
      for (let m = 0; m < size; m++) {
        const c = list[m] as number;
        const C = cohort[c] as number;
        const row = rowOf[C - firstCohort] as number;
        const o = offsets[row] as number;
        const length = lengths[row] as number;
        let lastK = -1;
        if (!inStart) {
          active[o] = (active[o] as number) + 1;
          pair(c, row, 0);
          lastK = 0;
        }
        for (let j = first[c] as number; j < (first[c + 1] as number); j++) {
          const e = order[j] as number;
          const k = (entryPeriod[e] as number) - C;
          if (k < 0 || k >= length) continue;
          revenue.addCell(o + k, this.revenue, e);
          if (!isActive(c, e, k)) continue;
          active[o + k] = (active[o + k] as number) + 1;
          pair(c, row, k);
          if (k > lastK) lastK = k;
        }
        if (lastK >= 0) lastActive[o + lastK] = (lastActive[o + lastK] as number) + 1;
      }
      return {
        cohorts,
        lengths,
        sizes: cohorts.map((C) => sizeAt[C - firstCohort] as number),
        offsets,
        active,
        revenue,
        lastActive,
        customers: total,
        activePairs: (visit) => {
          for (let i = 0; i < nPairs; i += 3)
            visit(pairs[i] as number, pairs[i + 1] as number, pairs[i + 2] as number);
        },
      };
    };
    const everyone = new Int32Array(members);
    for (let c = 0, m = 0; c < total; c++) if (cohort[c] !== Infinity) everyone[m++] = c;
    const totalParts = parts(everyone);
    if (!grouped) return { total: totalParts, groups: null };
    const byValue = new Map<CohortBreakdownValue, number[]>();
    for (const c of everyone) {
      const v = this.startValue[c] ?? null;
      let list = byValue.get(v);
      if (list === undefined) {
        list = [];
        byValue.set(v, list);
      }
      list.push(c);
    }
    const values = [...byValue.keys()].sort(compareValues);
    return {
      total: totalParts,
      groups: values.map((v) => [v, parts(Int32Array.from(byValue.get(v) as number[]))] as const),
    };
  }
}

/** Throws unless an extra column is an array of the columns' length. */
function checkExtra(
  fn: string,
  prefix: string,
  name: string,
  col: ArrayLike<unknown> | undefined,
  n: number,
): void {
  if (col === undefined) return;
  if (col === null || typeof col !== "object" || typeof col.length !== "number") {
    fail(fn, `${prefix}.${name}`, "INCONSISTENT", "must be an array", col);
  }
  if (col.length !== n) {
    fail(
      fn,
      `${prefix}.${name}`,
      "INCONSISTENT",
      `must have the same length as ${prefix}.customerId (${n})`,
      col,
    );
  }
}
