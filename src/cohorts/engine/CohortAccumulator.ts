import { fail, options as optionsObject, record, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import { exact, fromUnits, toUnits } from "../../_lib/minor.js";
import { isoInstant } from "../../_lib/time.js";
import { MetricInputError } from "../../errors.js";
import type { Period } from "../../types.js";
import { idHash, type Resolved, resolveOptions } from "./ingest.js";
import { periodIndex } from "./periods.js";
import { addColumns, addRows, PART_BITS, type State, State as StateClass } from "./state.js";
import { buildTable } from "./table.js";
import type {
  CohortActivity,
  CohortBoundaries,
  CohortColumns,
  CohortEvent,
  CohortOptions,
  CohortTable,
  CustomerId,
} from "./types.js";

const FORMAT = "customer-metrics/cohort-accumulator";

/**
 * The serialised state of a {@link CohortAccumulator} (plain JSON data).
 *
 * @category Cohorts
 */
export interface CohortAccumulatorJSON {
  /** Always `'customer-metrics/cohort-accumulator'`. */
  readonly format: string;
  /**
   * Format version, 2 (version 1, written before the `active` and `refunds` options, is
   * still read, as `active: 'rows', refunds: 'net'`: what it meant when written).
   */
  readonly version: number;
  /** The options that shape the state. */
  readonly options: {
    /** The period the accumulator buckets by. */
    readonly period: Period;
    /** The IANA time zone of the calendar. */
    readonly timeZone: string;
    /** First day of the week (0 Sunday … 6 Saturday). */
    readonly weekStartsOn: number;
    /** Calendar or rolling periods. */
    readonly boundaries: CohortBoundaries;
    /** The exclusive end of the analysis, epoch milliseconds, or `null`. */
    readonly asOf: number | null;
    /** Decimal places of integer revenue input, or `null` for decimal amounts. */
    readonly minorUnits: number | null;
    /** What makes a customer active (absent in version 1: `'rows'`). */
    readonly active?: CohortActivity;
    /** How refunds count in revenue (absent in version 1: `'net'`). */
    readonly refunds?: "net" | "exclude";
  };
  /** Customer ids. */
  readonly customers: readonly CustomerId[];
  /**
   * Per customer: period index (calendar) or instant (rolling) of the first active event;
   * `null` (version 2) for a customer without an active event so far.
   */
  readonly first: readonly (number | null)[];
  /** Per customer: explicit cohort instant, or `null`. */
  readonly cohortAt: readonly (number | null)[];
  /** Entries: customer (index into `customers`), key (period index or instant), revenue in internal units as a decimal string. */
  readonly entries: {
    /** Index into `customers` of each entry. */
    readonly customer: readonly number[];
    /** Period index (calendar) or instant (rolling) of each entry. */
    readonly key: readonly number[];
    /** Revenue of each entry in internal units, as an exact decimal string. */
    readonly revenue: readonly string[];
    /**
     * 1 when the entry holds an active event, 0 when it holds only revenue of events that
     * are not active, such as refunds (version 2; in version 1 every entry is active).
     */
    readonly active?: readonly (0 | 1)[];
  };
}

/** An array, typed array or other array-like object (never a string: its characters are no column). */
function isColumn(value: unknown): value is ArrayLike<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof String) &&
    !(value instanceof DataView) &&
    typeof (value as { length?: unknown }).length === "number"
  );
}

const SHAPE = "must be an iterable of rows or { customerId, at, revenue? } columns";

/**
 * The input as columns after checking their shape, or null for rows (throws for anything
 * that is neither).
 */
export function asColumns(r: Resolved, events: unknown, fn: string): CohortColumns | null {
  const input = record<object>(events, fn);
  if (input instanceof String) fail(fn, "input", "NOT_A_NUMBER", SHAPE, events);
  if (!(Symbol.iterator in input) && "customerId" in input) {
    const cols = input as Partial<Record<keyof CohortColumns, unknown>>;
    if (!isColumn(cols.customerId)) {
      fail(
        fn,
        "events.customerId",
        "NOT_A_NUMBER",
        "must be an array of customer ids",
        cols.customerId,
      );
    }
    if (!isColumn(cols.at)) {
      fail(fn, "events.at", "NOT_A_NUMBER", "must be an array of instants", cols.at);
    }
    if (r.getId !== null || r.getAt !== null || r.getRevenue !== null || r.getCohort !== null) {
      fail(
        fn,
        "options",
        "INVALID_OPTION",
        "accessors apply to rows; columns name their own fields",
        "accessors",
      );
    }
    return input as CohortColumns;
  }
  if (Symbol.iterator in input) return null;
  return fail(fn, "input", "NOT_A_NUMBER", SHAPE, events);
}

/** Add rows or columns to a state (shared by every entry point). */
export function addEvents(s: State, events: unknown, fn: string): void {
  const cols = asColumns(s.r, events, fn);
  if (cols !== null) addColumns(s, cols, "events");
  else addRows(s, events as Iterable<unknown>, "events");
}

/**
 * A mergeable cohort aggregation: add events in batches, merge shards, serialise, and read
 * the table at any time. Created by {@link createCohortAccumulator}.
 *
 * @remarks
 * The state is per customer (cohort information and, for calendar periods, one entry per
 * distinct period with an event, its revenue and whether an event of it was active), never per
 * event, so any number of events over a given customer base fits in bounded memory. Merging
 * unions the per-customer state, so shards split by customer, by time or arbitrarily all merge
 * to the single-pass table under every `active` and `refunds` rule. Serialised documents are
 * version 2; a version 1 document (written before those options) reads as `active: 'rows',
 * refunds: 'net'`, what it meant when written.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export class CohortAccumulator<Row = CohortEvent> {
  #s: State;

  /**
   * Prefer {@link createCohortAccumulator}.
   *
   * @param options - the analysis options
   */
  constructor(options?: CohortOptions<Row>) {
    this.#s = new StateClass(resolveOptions(options, "createCohortAccumulator"));
  }

  /**
   * Add a batch of events: an iterable of rows or `{ customerId, at, revenue? }` columns.
   *
   * @param events - the batch
   * @returns this accumulator
   * @throws {@link MetricInputError} as {@link cohortAnalysis}; a batch of more than 65,536
   * rows (2^21 column entries) that throws may have been added in part.
   */
  add(events: Iterable<Row> | CohortColumns): this {
    const s = this.#s;
    calling(s, "CohortAccumulator.add", () => addEvents(s, events, "CohortAccumulator.add"));
    return this;
  }

  /**
   * Add another accumulator's state (created with the same options) into this one.
   *
   * @param other - the accumulator to merge in; it is not changed
   * @returns this accumulator
   * @throws {@link MetricInputError} `NOT_A_NUMBER` when `other` is not an accumulator made by
   *   {@link createCohortAccumulator} or {@link CohortAccumulator.fromJSON};
   *   `INCONSISTENT` when the options differ or `other` is this.
   */
  merge(other: CohortAccumulator<never>): this {
    const fn = "CohortAccumulator.merge";
    if (
      other === null ||
      typeof other !== "object" ||
      !(#s in other) ||
      !(other.#s instanceof StateClass)
    ) {
      fail(
        fn,
        "other",
        "NOT_A_NUMBER",
        "must be a CohortAccumulator made by createCohortAccumulator or CohortAccumulator.fromJSON",
        other,
      );
    }
    if (other === this)
      fail(fn, "other", "INCONSISTENT", "must not be the accumulator itself", "this");
    const a = optionsKey(this.#s);
    const b = optionsKey(other.#s);
    if (a !== b) {
      throw new MetricInputError(
        "INCONSISTENT",
        `${fn}: other must have the same options (received ${b}, expected ${a})`,
        "other",
        other,
      );
    }
    const s = this.#s;
    const pow = s.r.pow;
    const theirs = other.#s.parts;
    for (let pi = 0; pi < theirs.length; pi++) {
      const op = theirs[pi];
      if (op === undefined) continue;
      const part = s.part(pi);
      const map = new Int32Array(op.nCust);
      for (let c = 0; c < op.nCust; c++) {
        const local = part.customer(op.keys[c] as CustomerId, op.first[c] as number);
        map[c] = local;
        const at = op.cohortAt === null ? Number.POSITIVE_INFINITY : (op.cohortAt[c] as number);
        if (at !== Number.POSITIVE_INFINITY) part.setCohort(local, at);
      }
      for (let e = 0; e < op.nEnt; e++) {
        part.add(
          map[op.eCust[e] as number] as number,
          op.eKey[e] as number,
          op.eVal[e] as number,
          null,
          pow,
          op.eAct[e] === 1,
        );
        const x = op.extra?.get(e);
        if (x !== undefined)
          part.add(map[op.eCust[e] as number] as number, op.eKey[e] as number, Number.NaN, x, pow);
      }
    }
    if (other.#s.last.key > s.last.key) s.last = other.#s.last;
    return this;
  }

  /**
   * The cohort table of everything added so far (the accumulator can keep growing).
   *
   * @throws {@link MetricInputError} `OUT_OF_RANGE` when the table would exceed 5,000,000
   *   cells, cohorts × periods (see {@link cohortAnalysis}; field: the latest event's time, or
   *   `asOf`).
   */
  result(): CohortTable {
    const s = this.#s;
    return calling(s, "CohortAccumulator.result", () => buildTable(s));
  }

  /** The state as plain JSON data (exact; restore with {@link CohortAccumulator.fromJSON}). */
  toJSON(): CohortAccumulatorJSON {
    const s = this.#s;
    const r = s.r;
    const customers: CustomerId[] = [];
    const first: (number | null)[] = [];
    const cohortAt: (number | null)[] = [];
    const customer: number[] = [];
    const key: number[] = [];
    const revenue: string[] = [];
    const active: (0 | 1)[] = [];
    for (const p of s.parts) {
      if (p === undefined) continue;
      const base = customers.length;
      for (let c = 0; c < p.nCust; c++) {
        customers.push(p.keys[c] as CustomerId);
        const f = p.first[c] as number;
        first.push(f === Number.POSITIVE_INFINITY ? null : f);
        const at = p.cohortAt === null ? Number.POSITIVE_INFINITY : (p.cohortAt[c] as number);
        cohortAt.push(at === Number.POSITIVE_INFINITY ? null : at);
      }
      for (let e = 0; e < p.nEnt; e++) {
        customer.push(base + (p.eCust[e] as number));
        key.push(p.eKey[e] as number);
        const x = p.extra?.get(e);
        const v = p.eVal[e] as number;
        revenue.push(x === undefined ? String(v) : exact(v).plus(toUnits(x, r.scale)).toFixed());
        active.push(p.eAct[e] === 1 ? 1 : 0);
      }
    }
    return {
      format: FORMAT,
      version: 2,
      options: {
        period: r.period,
        timeZone: r.zone,
        weekStartsOn: r.weekStartsOn,
        boundaries: r.boundaries,
        asOf: r.hasAsOf ? r.asOf : null,
        minorUnits: r.minorUnits,
        active: r.active,
        refunds: r.refunds,
      },
      customers,
      first,
      cohortAt,
      entries: { customer, key, revenue, active },
    };
  }

  /**
   * Restore an accumulator from {@link CohortAccumulator.toJSON} output (accessor options
   * are not serialised: pass them again in `options` if rows of your own shape follow).
   *
   * @param json - the serialised state (an object or its JSON text)
   * @param options - accessors for later `add` calls; the same options object as the one the
   *   accumulator was created with may be passed (its period, zone, week start, boundaries,
   *   `asOf`, `minorUnits`, `active` and `refunds` must then match the document's)
   * @returns the restored accumulator
   * @throws {@link MetricInputError}, the field naming the path in the document
   *   (`entries.customer[3]`): `INVALID_OPTION` when `json` is not a serialised accumulator
   *   (not an object, wrong `format` or `version`, invalid `options` or accessor options);
   *   `NOT_A_NUMBER` / `NOT_FINITE` / `NOT_INTEGER` for an item of the wrong type;
   *   `OUT_OF_RANGE` for a period index, instant or customer index out of range;
   *   `INCONSISTENT` for arrays of mismatched lengths, a repeated customer or
   *   (customer, period) entry, a customer without entries or a `first` that is not its
   *   earliest active entry (`null` when it has none); also when `options` disagrees with
   *   the document.
   */
  static fromJSON<R = CohortEvent>(
    json: CohortAccumulatorJSON | string,
    options?: CohortOptions<R>,
  ): CohortAccumulator<R> {
    const fn = "CohortAccumulator.fromJSON";
    const given = optionsObject<Record<string, unknown>>(options, fn);
    const accessors: Record<string, unknown> = {};
    for (const name of ACCESSORS) if (given[name] !== undefined) accessors[name] = given[name];
    const doc = readDocument(typeof json === "string" ? parseJson(json, fn) : json, accessors);
    // Options that shape the state come from the document; any also given must agree with it.
    const shaping = STATE_OPTIONS.filter((name) => given[name] !== undefined);
    if (shaping.length > 0) {
      const mine = resolveOptions(given, fn);
      for (const name of shaping) {
        const field = name === "timeZone" ? "zone" : name;
        const a = mine[field as keyof Resolved];
        const b = doc.r[field as keyof Resolved];
        if (a !== b) {
          fail(
            fn,
            name,
            "INCONSISTENT",
            `must match the document's options.${name} (${String(name === "asOf" ? isoInstant(b as number) : b)})`,
            given[name],
          );
        }
      }
    }
    const acc = new CohortAccumulator<R>();
    const s = new StateClass(doc.r);
    acc.#s = s;
    const pow = s.r.pow;
    const where: [number, number][] = [];
    const shift = 32 - PART_BITS;
    doc.customers.forEach((id, c) => {
      const pi = idHash(id) >>> shift;
      const part = s.part(pi);
      const local = part.customer(id, doc.first[c] ?? Number.POSITIVE_INFINITY);
      where.push([pi, local]);
      const at = doc.cohortAt[c];
      if (at !== null && at !== undefined) part.setCohort(local, at);
    });
    const { customer, key, revenue, active } = doc.entries;
    for (let e = 0; e < customer.length; e++) {
      const [pi, local] = where[customer[e] as number] as [number, number];
      const d = revenue[e] as Decimal;
      const part = s.part(pi);
      const act = active[e] as boolean;
      if (d.isInteger() && d.abs().lte(Number.MAX_SAFE_INTEGER))
        part.add(local, key[e] as number, d.toNumber(), null, pow, act);
      else part.add(local, key[e] as number, Number.NaN, fromUnits(d, s.r.scale), pow, act);
    }
    return acc;
  }
}

const ACCESSORS: readonly string[] = ["customerId", "at", "revenue", "cohortOf"];
const STATE_OPTIONS: readonly string[] = [
  "period",
  "timeZone",
  "weekStartsOn",
  "boundaries",
  "asOf",
  "minorUnits",
  "active",
  "refunds",
];
const FROM_JSON = "CohortAccumulator.fromJSON";
const MAX_MS = 8.64e15;

/** Run `body` with `fn` as the public function named by the state's errors. */
function calling<T>(s: State, fn: string, body: () => T): T {
  const r = s.r;
  if (r.fn === fn) return body();
  s.r = { ...r, fn };
  try {
    return body();
  } finally {
    s.r = r;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    Object.prototype.toString.call(value) === "[object Object]"
  );
}

/** A document field that must be an array of `n` items (`n` undefined: any length). */
function arrayField(value: unknown, field: string, n?: number, of?: string): unknown[] {
  if (!Array.isArray(value)) fail(FROM_JSON, field, "NOT_A_NUMBER", "must be an array", value);
  if (n !== undefined && value.length !== n) {
    fail(
      FROM_JSON,
      field,
      "INCONSISTENT",
      `must have one item per ${of} (${n}, received ${value.length} items)`,
      value,
    );
  }
  return value;
}

/** A finite JSON number (no strings, no NaN). */
function numberField(value: unknown, field: string): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    fail(FROM_JSON, field, "NOT_A_NUMBER", "must be a number", value);
  }
  if (!Number.isFinite(value)) fail(FROM_JSON, field, "NOT_FINITE", "must be finite", value);
  return value === 0 ? 0 : value;
}

/** The serialised state after full validation. */
interface Document {
  readonly r: Resolved;
  readonly customers: CustomerId[];
  readonly first: (number | null)[];
  readonly cohortAt: (number | null)[];
  readonly entries: { customer: number[]; key: number[]; revenue: Decimal[]; active: boolean[] };
}

/**
 * Validate a serialised accumulator: format and version, options (through the same
 * validation as {@link createCohortAccumulator}), the types and ranges of every item, and the
 * cross-references between the arrays (entries point at customers, each customer's `first`
 * is its earliest entry, no customer or (customer, period) entry twice). Throws
 * `MetricInputError` naming the path of the first bad field (`entries.customer[3]`).
 */
function readDocument(raw: unknown, accessors: Record<string, unknown>): Document {
  const fn = FROM_JSON;
  if (!isPlainObject(raw)) {
    fail(
      fn,
      "json",
      "INVALID_OPTION",
      `must be a serialised CohortAccumulator (an object or its JSON text, format '${FORMAT}')`,
      raw,
    );
  }
  if (raw.format !== FORMAT)
    fail(fn, "format", "INVALID_OPTION", `must be '${FORMAT}'`, raw.format);
  if (raw.version !== 1 && raw.version !== 2)
    fail(fn, "version", "INVALID_OPTION", "must be 1 or 2", raw.version);
  const v1 = raw.version === 1;
  const o = raw.options;
  if (!isPlainObject(o)) fail(fn, "options", "INVALID_OPTION", "must be an object", o);
  for (const name of ["period", "timeZone", "weekStartsOn", "boundaries"]) {
    if (o[name] === undefined)
      fail(fn, `options.${name}`, "INVALID_OPTION", "is required", o[name]);
  }
  if (o.asOf !== null) numberField(o.asOf, "options.asOf");
  if (o.minorUnits !== null) numberField(o.minorUnits, "options.minorUnits");
  if (!v1) {
    for (const name of ["active", "refunds"]) {
      if (o[name] === undefined)
        fail(fn, `options.${name}`, "INVALID_OPTION", "is required", o[name]);
    }
  }
  const r = resolveOptions(
    {
      ...accessors,
      period: o.period,
      timeZone: o.timeZone,
      weekStartsOn: o.weekStartsOn,
      boundaries: o.boundaries,
      ...(o.asOf === null ? {} : { asOf: o.asOf }),
      ...(o.minorUnits === null ? {} : { minorUnits: o.minorUnits }),
      // version 1 counted every row as active and netted refunds
      active: v1 ? "rows" : o.active,
      refunds: v1 ? "net" : o.refunds,
    },
    fn,
    "options.",
  );
  // The serialised zone is the resolved one ('UTC' for its aliases).
  if (r.zone !== o.timeZone) {
    fail(fn, "options.timeZone", "INVALID_OPTION", `must be '${r.zone}'`, o.timeZone);
  }
  const calendar = r.boundaries === "calendar";
  // Keys are period indices of instants in the Date range (calendar), or the instants
  // themselves (rolling); all before asOf.
  const lastInstant = r.hasAsOf ? Math.min(r.asOf - 1, MAX_MS) : MAX_MS;
  const kLo = calendar ? periodIndex(-MAX_MS, r.period, r.zone, r.weekStartsOn) : -MAX_MS;
  const kHi = calendar ? periodIndex(lastInstant, r.period, r.zone, r.weekStartsOn) : lastInstant;
  const keyField = (value: unknown, field: string): number => {
    const k = numberField(value, field);
    if (calendar && !Number.isInteger(k)) {
      fail(fn, field, "NOT_INTEGER", "must be a whole period index", value);
    }
    if (k < kLo || k > kHi || lastInstant < -MAX_MS) {
      fail(
        fn,
        field,
        "OUT_OF_RANGE",
        calendar
          ? `must be a period index between ${kLo} and ${kHi}`
          : `must be an instant between ${kLo} and ${kHi} (epoch milliseconds)`,
        value,
      );
    }
    return k;
  };

  const customers = arrayField(raw.customers, "customers") as CustomerId[];
  const n = customers.length;
  const seen = new Map<CustomerId, number>();
  for (let c = 0; c < n; c++) {
    const id = customers[c];
    const field = `customers[${c}]`;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      fail(fn, field, "NOT_A_NUMBER", "must be a string or a finite number", id);
    }
    const before = seen.get(id);
    if (before !== undefined) {
      fail(fn, field, "INCONSISTENT", `must not repeat customers[${before}]`, id);
    }
    seen.set(id, c);
  }
  const first = arrayField(raw.first, "first", n, "customer").map((v, c) =>
    v === null && !v1 ? null : keyField(v, `first[${c}]`),
  );
  const cohortAt = arrayField(raw.cohortAt, "cohortAt", n, "customer").map((v, c) => {
    if (v === null) return null;
    const field = `cohortAt[${c}]`;
    const t = numberField(v, field);
    if (t < -MAX_MS || t > MAX_MS) {
      fail(fn, field, "OUT_OF_RANGE", "must be an instant within ±8.64e15 ms, or null", v);
    }
    return t;
  });
  const entries = raw.entries;
  if (!isPlainObject(entries)) fail(fn, "entries", "NOT_A_NUMBER", "must be an object", entries);
  const customer = arrayField(entries.customer, "entries.customer");
  const m = customer.length;
  const ofEntry = "entries.customer item";
  const key = arrayField(entries.key, "entries.key", m, ofEntry);
  const revenue = arrayField(entries.revenue, "entries.revenue", m, ofEntry);
  const activeFlags = v1 ? null : arrayField(entries.active, "entries.active", m, ofEntry);
  const earliest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const anyEntry = new Uint8Array(n);
  const pairs = calendar ? new Set<string>() : null;
  const doc: Document = {
    r,
    customers,
    first,
    cohortAt,
    entries: { customer: [], key: [], revenue: [], active: [] },
  };
  for (let e = 0; e < m; e++) {
    const cField = `entries.customer[${e}]`;
    const c = numberField(customer[e], cField);
    if (!Number.isInteger(c)) fail(fn, cField, "NOT_INTEGER", "must be an index into customers", c);
    if (c < 0 || c >= n) {
      fail(fn, cField, "OUT_OF_RANGE", `must be an index into customers (0 to ${n - 1})`, c);
    }
    const k = keyField(key[e], `entries.key[${e}]`);
    if (pairs !== null) {
      const pair = `${c}:${k}`;
      if (pairs.has(pair)) {
        fail(
          fn,
          `entries.key[${e}]`,
          "INCONSISTENT",
          `must not repeat a period of customer ${c} (one entry per customer and period)`,
          k,
        );
      }
      pairs.add(pair);
    }
    const rField = `entries.revenue[${e}]`;
    const text = revenue[e];
    if (typeof text !== "string") {
      fail(fn, rField, "NOT_A_NUMBER", "must be a decimal string (internal units)", text);
    }
    const d = toDecimal(text, fn, rField);
    if (r.minorUnits !== null && !d.isInteger()) {
      fail(fn, rField, "NOT_INTEGER", "must be a whole number of minor units", text);
    }
    const flag = activeFlags === null ? 1 : activeFlags[e];
    if (flag !== 0 && flag !== 1) {
      fail(fn, `entries.active[${e}]`, "NOT_A_NUMBER", "must be 1 (active) or 0", flag);
    }
    const act = flag === 1;
    if (act && k < (earliest[c] as number)) earliest[c] = k;
    anyEntry[c] = 1;
    doc.entries.customer.push(c);
    doc.entries.key.push(k);
    doc.entries.revenue.push(d);
    doc.entries.active.push(act);
  }
  for (let c = 0; c < n; c++) {
    if (anyEntry[c] === 0) {
      fail(fn, `customers[${c}]`, "INCONSISTENT", "must have at least one entry", customers[c]);
    }
    const k = earliest[c] as number;
    const want = k === Number.POSITIVE_INFINITY ? null : k;
    if (first[c] !== want) {
      fail(
        fn,
        `first[${c}]`,
        "INCONSISTENT",
        want === null
          ? `must be null: customer ${c} has no active entry`
          : `must be the earliest active entries.key of customer ${c} (${k})`,
        first[c],
      );
    }
  }
  return doc;
}

function parseJson(text: string, fn: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(fn, "json", "INVALID_OPTION", "must be valid JSON", text);
  }
}

function optionsKey(s: State): string {
  const r = s.r;
  return JSON.stringify([
    r.period,
    r.zone,
    r.weekStartsOn,
    r.boundaries,
    r.hasAsOf ? r.asOf : null,
    r.minorUnits,
    r.active,
    r.refunds,
  ]);
}
