import { fail, record } from "../../_lib/assert.js";
import { Decimal } from "../../_lib/decimal.js";
import { MetricInputError } from "../../errors.js";
import type { Period } from "../../types.js";
import { hashId, type Resolved, resolveOptions } from "./ingest.js";
import { addColumns, addRows, PART_BITS, type State, State as StateClass } from "./state.js";
import { buildTable } from "./table.js";
import type {
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
  /** Format version, 1. */
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
  };
  /** Customer ids. */
  readonly customers: readonly CustomerId[];
  /** Per customer: first period index (calendar) or first event instant (rolling). */
  readonly first: readonly number[];
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
 * distinct active period with its revenue), never per event, so any number of events over a
 * given customer base fits in bounded memory. Merging unions the per-customer state, so
 * shards split by customer, by time or arbitrarily all merge to the single-pass table.
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export class CohortAccumulator<Row = CohortEvent> {
  readonly #s: State;

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
    addEvents(this.#s, events, "CohortAccumulator.add");
    return this;
  }

  /**
   * Add another accumulator's state (created with the same options) into this one.
   *
   * @param other - the accumulator to merge in; it is not changed
   * @returns this accumulator
   * @throws {@link MetricInputError} `INCONSISTENT` when the options differ or `other` is this.
   */
  merge(other: CohortAccumulator<never>): this {
    const fn = "CohortAccumulator.merge";
    if (!(other instanceof CohortAccumulator)) {
      fail(fn, "other", "NOT_A_NUMBER", "must be a CohortAccumulator", other);
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
        );
        const x = op.extra?.get(e);
        if (x !== undefined)
          part.add(map[op.eCust[e] as number] as number, op.eKey[e] as number, Number.NaN, x, pow);
      }
    }
    return this;
  }

  /** The cohort table of everything added so far (the accumulator can keep growing). */
  result(): CohortTable {
    return buildTable(this.#s);
  }

  /** The state as plain JSON data (exact; restore with {@link CohortAccumulator.fromJSON}). */
  toJSON(): CohortAccumulatorJSON {
    const s = this.#s;
    const r = s.r;
    const customers: CustomerId[] = [];
    const first: number[] = [];
    const cohortAt: (number | null)[] = [];
    const customer: number[] = [];
    const key: number[] = [];
    const revenue: string[] = [];
    for (const p of s.parts) {
      if (p === undefined) continue;
      const base = customers.length;
      for (let c = 0; c < p.nCust; c++) {
        customers.push(p.keys[c] as CustomerId);
        first.push(p.first[c] as number);
        const at = p.cohortAt === null ? Number.POSITIVE_INFINITY : (p.cohortAt[c] as number);
        cohortAt.push(at === Number.POSITIVE_INFINITY ? null : at);
      }
      for (let e = 0; e < p.nEnt; e++) {
        customer.push(base + (p.eCust[e] as number));
        key.push(p.eKey[e] as number);
        const x = p.extra?.get(e);
        const v = p.eVal[e] as number;
        revenue.push(x === undefined ? String(v) : new Decimal(v).plus(x.times(r.pow)).toFixed());
      }
    }
    return {
      format: FORMAT,
      version: 1,
      options: {
        period: r.period,
        timeZone: r.zone,
        weekStartsOn: r.weekStartsOn,
        boundaries: r.boundaries,
        asOf: r.hasAsOf ? r.asOf : null,
        minorUnits: r.minorUnits,
      },
      customers,
      first,
      cohortAt,
      entries: { customer, key, revenue },
    };
  }

  /**
   * Restore an accumulator from {@link CohortAccumulator.toJSON} output (accessor options
   * are not serialised: pass them again in `options` if rows of your own shape follow).
   *
   * @param json - the serialised state (an object or its JSON text)
   * @param options - accessors for later `add` calls
   * @returns the restored accumulator
   * @throws {@link MetricInputError} `INVALID_OPTION` when `json` is not a serialised accumulator.
   */
  static fromJSON<R = CohortEvent>(
    json: CohortAccumulatorJSON | string,
    options?: Pick<CohortOptions<R>, "customerId" | "at" | "revenue" | "cohortOf">,
  ): CohortAccumulator<R> {
    const fn = "CohortAccumulator.fromJSON";
    const j = (
      typeof json === "string" ? parseJson(json, fn) : record(json, fn, "json")
    ) as CohortAccumulatorJSON;
    if (
      j.format !== FORMAT ||
      j.version !== 1 ||
      typeof j.options !== "object" ||
      j.options === null
    ) {
      fail(
        fn,
        "json",
        "INVALID_OPTION",
        `must be a serialised CohortAccumulator (format '${FORMAT}', version 1)`,
        json,
      );
    }
    const o = j.options;
    const acc = new CohortAccumulator<R>({
      ...(options ?? {}),
      period: o.period,
      timeZone: o.timeZone,
      weekStartsOn: o.weekStartsOn as NonNullable<CohortOptions["weekStartsOn"]>,
      boundaries: o.boundaries,
      ...(o.asOf === null ? {} : { asOf: o.asOf }),
      ...(o.minorUnits === null ? {} : { minorUnits: o.minorUnits }),
    });
    const s = acc.#s;
    const pow = s.r.pow;
    const { customers, first, cohortAt, entries } = j;
    const n = customers.length;
    if (
      !Array.isArray(customers) ||
      first.length !== n ||
      cohortAt.length !== n ||
      entries.customer.length !== entries.key.length ||
      entries.key.length !== entries.revenue.length
    ) {
      fail(
        fn,
        "json",
        "INVALID_OPTION",
        "must hold customers, first, cohortAt and entries of matching lengths",
        json,
      );
    }
    const where: [number, number][] = [];
    const shift = 32 - PART_BITS;
    customers.forEach((id, c) => {
      const h = hashId(id, fn, c, "json.customers");
      const pi = h >>> shift;
      const part = s.part(pi);
      const local = part.customer(id, first[c] as number);
      where.push([pi, local]);
      const at = cohortAt[c];
      if (at !== null && at !== undefined) part.setCohort(local, at);
    });
    for (let e = 0; e < entries.customer.length; e++) {
      const [pi, local] = where[entries.customer[e] as number] as [number, number];
      const text = entries.revenue[e] as string;
      const d = new Decimal(text);
      const part = s.part(pi);
      if (d.isInteger() && d.abs().lte(Number.MAX_SAFE_INTEGER))
        part.add(local, entries.key[e] as number, d.toNumber(), null, pow);
      else part.add(local, entries.key[e] as number, Number.NaN, d.div(pow), pow);
    }
    return acc;
  }
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
  ]);
}
