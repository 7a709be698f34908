/**
 * The serialised form of a cohort accumulator: its type, and the validation of a document
 * before anything is built from it (format and version, options, the type and range of every
 * item, and the cross-references between the arrays).
 */
import { fail, toDecimal } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import type { TableDocument } from "./aggregate/CustomerPeriods.js";
import { MAX_MS } from "./constants.js";
import { periodIndex } from "./periods.js";
import { type Resolved, resolveOptions } from "./read/options.js";
import type { CohortActivity, CohortBoundaries, CustomerId } from "./types.js";

export const FORMAT = "customer-metrics/cohort-accumulator";

/**
 * Start or return events in a version 3 {@link CohortAccumulatorJSON}: event names, or a
 * predicate, given again to `CohortAccumulator.fromJSON`.
 *
 * @category Cohorts
 */
export type CohortEventsJSON =
  | {
      /** The event names (sorted, each once). */
      readonly names: readonly string[];
    }
  | {
      /** A predicate, given again to `fromJSON`. */
      readonly predicate: true;
    };

/**
 * The serialised state of a {@link CohortAccumulator} (plain JSON data).
 *
 * @category Cohorts
 */
export interface CohortAccumulatorJSON {
  /** Always `'customer-metrics/cohort-accumulator'`. */
  readonly format: string;
  /**
   * Format version: 2, or 3 for an accumulator with start and return events or a breakdown
   * (`startEvent`, `returnEvent`, `breakdownBy`), which adds their options, `start`, `value`
   * and `entries.lastReturn`. Version 1, written before the `active` and `refunds` options, is
   * still read, as `active: 'rows', refunds: 'net'`: what it meant when written.
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
    /**
     * Version 3: the start events, by name, or a predicate (given again to `fromJSON`), or
     * `null` for every active row.
     */
    readonly startEvent?: CohortEventsJSON | null;
    /** Version 3: the return events, as `startEvent`. */
    readonly returnEvent?: CohortEventsJSON | null;
    /** Version 3: whether period 0 counts return events. */
    readonly returnInStartPeriod?: boolean;
    /**
     * Version 3: the breakdown property or column by name, or an accessor (given again to
     * `fromJSON`), or `null`.
     */
    readonly breakdownBy?:
      | {
          /** The property or column name. */
          readonly name: string;
        }
      | {
          /** An accessor, given again to `fromJSON`. */
          readonly accessor: true;
        }
      | null;
  };
  /** Version 3: per customer, the instant (epoch ms) of the first start event, or `null`. */
  readonly start?: readonly (number | null)[];
  /** Version 3 with a breakdown: per customer, the breakdown value of the first start event. */
  readonly value?: readonly (string | number | boolean | null)[];
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
    /** Version 3: the instant of the entry's latest return event, or `null`. */
    readonly lastReturn?: readonly (number | null)[];
  };
}

/** The accessor options (not serialised). */
export const ACCESSORS: readonly string[] = ["customerId", "at", "revenue", "cohortOf", "event"];
/** The options that shape the state (serialised). */
export const STATE_OPTIONS: readonly string[] = [
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    Object.prototype.toString.call(value) === "[object Object]"
  );
}

/** A document field that must be an array of `n` items (`n` undefined: any length). */
export function arrayField(value: unknown, field: string, n?: number, of?: string): unknown[] {
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
export function numberField(value: unknown, field: string): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    fail(FROM_JSON, field, "NOT_A_NUMBER", "must be a number", value);
  }
  if (!Number.isFinite(value)) fail(FROM_JSON, field, "NOT_FINITE", "must be finite", value);
  return value === 0 ? 0 : value;
}

/** The serialised state after full validation: the options and the table's document. */
export interface Document extends TableDocument<Decimal> {
  readonly options: Resolved;
}

/**
 * Validate a serialised accumulator: format and version, options (through the same
 * validation as {@link createCohortAccumulator}), the types and ranges of every item, and the
 * cross-references between the arrays (entries point at customers, each customer's `first`
 * is its earliest entry, no customer or (customer, period) entry twice). Throws
 * `MetricInputError` naming the path of the first bad field (`entries.customer[3]`).
 */
export function readDocument(
  raw: unknown,
  accessors: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Document {
  return readDocumentParts(raw, accessors, extra, false) as Document;
}

/**
 * The checks of {@link readDocument} up to the options (`stop`: return the options and the
 * document's customers, for version 3, whose state rolesDocument.ts reads).
 */
export function readDocumentParts(
  raw: unknown,
  accessors: Record<string, unknown>,
  extra: Record<string, unknown>,
  stop: boolean,
): Document | { options: Resolved; raw: Record<string, unknown>; customers: CustomerId[] } {
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
  if (raw.version !== 1 && raw.version !== 2 && !(stop && raw.version === 3))
    fail(fn, "version", "INVALID_OPTION", "must be 1, 2 or 3", raw.version);
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
  const options = resolveOptions(
    {
      ...accessors,
      ...extra,
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
  if (options.zone !== o.timeZone) {
    fail(fn, "options.timeZone", "INVALID_OPTION", `must be '${options.zone}'`, o.timeZone);
  }
  const calendar = options.boundaries === "calendar";
  if (stop) return { options, raw, customers: readCustomers(raw) };
  // Keys are period indices of instants in the Date range (calendar), or the instants
  // themselves (rolling); all before asOf.
  const lastInstant = options.hasAsOf ? Math.min(options.asOf - 1, MAX_MS) : MAX_MS;
  const firstKey = calendar
    ? periodIndex(-MAX_MS, options.period, options.zone, options.weekStartsOn)
    : -MAX_MS;
  const lastKey = calendar
    ? periodIndex(lastInstant, options.period, options.zone, options.weekStartsOn)
    : lastInstant;
  const keyField = (value: unknown, field: string): number => {
    const k = numberField(value, field);
    if (calendar && !Number.isInteger(k)) {
      fail(fn, field, "NOT_INTEGER", "must be a whole period index", value);
    }
    if (k < firstKey || k > lastKey || lastInstant < -MAX_MS) {
      fail(
        fn,
        field,
        "OUT_OF_RANGE",
        calendar
          ? `must be a period index between ${firstKey} and ${lastKey}`
          : `must be an instant between ${firstKey} and ${lastKey} (epoch milliseconds)`,
        value,
      );
    }
    return k;
  };

  const customers = readCustomers(raw);
  const n = customers.length;
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
    options,
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
    if (options.minorUnits !== null && !d.isInteger()) {
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
    doc.entries.active.push(act ? 1 : 0);
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

/** The document's customer ids, each valid and none twice. */
function readCustomers(raw: Record<string, unknown>): CustomerId[] {
  const fn = FROM_JSON;
  const customers = arrayField(raw.customers, "customers") as CustomerId[];
  const seen = new Map<CustomerId, number>();
  for (let c = 0; c < customers.length; c++) {
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
  return customers;
}

export function parseJson(text: string, fn: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(fn, "json", "INVALID_OPTION", "must be valid JSON", text);
  }
}
