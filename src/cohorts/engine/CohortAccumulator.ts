import { fail, options as optionsObject } from "../../_lib/assert.js";
import { isoInstant } from "../../_lib/time.js";
import { MetricInputError } from "../../errors.js";
import {
  ACCESSORS,
  type CohortAccumulatorJSON,
  FORMAT,
  parseJson,
  readDocument,
  STATE_OPTIONS,
} from "./accumulatorDocument.js";
import { CustomerPeriods } from "./aggregate/CustomerPeriods.js";
import { COMPACT } from "./aggregate/compactForm.js";
import { addEvents } from "./aggregate/feed.js";
import { EventRoles } from "./events/EventRoles.js";
import { readRolesDocument, rolesKey, rolesOptionsJSON } from "./events/rolesDocument.js";
import { asColumns } from "./read/input.js";
import { type Resolved, resolveOptions } from "./read/options.js";
import { assembleRoles, assembleTable } from "./scan/Table.js";
import type {
  CohortColumns,
  CohortColumnsWithProperties,
  CohortEvent,
  CohortOptions,
  CohortTable,
} from "./types.js";

export type { CohortAccumulatorJSON, CohortEventsJSON } from "./accumulatorDocument.js";

/**
 * A mergeable cohort aggregation: add events in batches, merge shards, serialise, and read
 * the table at any time. Created by {@link createCohortAccumulator}.
 *
 * @remarks
 * The state is per customer (cohort information and, for calendar periods, one entry per
 * distinct period with an event, its revenue and whether an event of it was active), never per
 * event, so any number of events over a given customer base fits in bounded memory. Memory:
 * for calendar months, quarters and years about 32 bytes per customer plus 4 per period with
 * an event (about 55 bytes for a customer active in 2 to 3 months, ids of at most 11 Latin-1
 * characters or int32 numbers included; other ids are also held as values); a customer whose
 * periods span more than 32 periods, and every customer for days, weeks or rolling periods,
 * takes the general entries, about 50 bytes per customer plus 35 per period. Reading the
 * table ({@link CohortAccumulator.result}) takes about 8 bytes per customer more while it
 * runs; its bracket retention reads the state until the accumulator next changes, and then
 * keeps its own copy of the active periods (12 bytes each). Merging
 * unions the per-customer state, so shards split by customer, by time or arbitrarily all merge
 * to the single-pass table under every `active` and `refunds` rule. Serialised documents are
 * version 2; a version 1 document (written before those options) reads as `active: 'rows',
 * refunds: 'net'`, what it meant when written. With start and return events or a breakdown
 * (`startEvent`, `returnEvent`, `breakdownBy`) the state is per customer the instant of the
 * first start event and its breakdown value, and per (customer, period) the latest return
 * event and the revenue; shards merge exactly (earliest start, latest return, summed
 * revenue), and documents are version 3, whose options record event names and the
 * breakdown property (a predicate or accessor is recorded as such and is given again to
 * {@link CohortAccumulator.fromJSON}). Accumulators merge only with the same options
 * (names compared as sets; two predicate accumulators are taken to hold the same predicate).
 *
 * @typeParam Row - the row shape read by the accessors
 * @category Cohorts
 */
export class CohortAccumulator<Row = CohortEvent> {
  #table: CustomerPeriods | EventRoles;

  /**
   * Prefer {@link createCohortAccumulator}.
   *
   * @param options - the analysis options
   */
  constructor(options?: CohortOptions<Row>) {
    const resolved = resolveOptions(options, "createCohortAccumulator");
    this.#table =
      resolved.roles === null ? new CustomerPeriods(resolved, COMPACT) : new EventRoles(resolved);
  }

  /**
   * Add a batch of events: an iterable of rows or `{ customerId, at, revenue? }` columns.
   *
   * @param events - the batch
   * @returns this accumulator
   * @throws {@link MetricInputError} as {@link cohortAnalysis}; a batch of more than 65,536
   * rows (2^21 column entries) that throws may have been added in part, except with start and
   * return events or a breakdown, where a batch is read whole before any of it is added.
   */
  add(events: Iterable<Row> | CohortColumns | CohortColumnsWithProperties): this {
    const table = this.#table;
    const fn = "CohortAccumulator.add";
    calling(table, fn, () => {
      if (table instanceof CustomerPeriods) {
        addEvents(table, events, fn);
        return;
      }
      const columns = asColumns(table.options, events, fn);
      if (columns !== null) table.addColumns(columns, "events");
      else table.addRows(events as Iterable<unknown>, "events");
    });
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
      !(#table in other) ||
      !(other.#table instanceof CustomerPeriods || other.#table instanceof EventRoles)
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
    const a = optionsKey(this.#table.options);
    const b = optionsKey(other.#table.options);
    if (a !== b) {
      throw new MetricInputError(
        "INCONSISTENT",
        `${fn}: other must have the same options (received ${b}, expected ${a})`,
        "other",
        other,
      );
    }
    const mine = this.#table;
    const theirs = other.#table;
    if (mine instanceof CustomerPeriods && theirs instanceof CustomerPeriods) mine.combine(theirs);
    else if (mine instanceof EventRoles && theirs instanceof EventRoles) mine.combine(theirs);
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
    const table = this.#table;
    return calling(table, "CohortAccumulator.result", () => {
      if (table instanceof CustomerPeriods) return assembleTable(table.options, table.scan(false));
      const { total, groups } = table.scan();
      return assembleRoles(table.options, total, groups);
    });
  }

  /** The state as plain JSON data (exact; restore with {@link CohortAccumulator.fromJSON}). */
  toJSON(): CohortAccumulatorJSON {
    const table = this.#table;
    const options = table.options;
    const common = {
      period: options.period,
      timeZone: options.zone,
      weekStartsOn: options.weekStartsOn,
      boundaries: options.boundaries,
      asOf: options.hasAsOf ? options.asOf : null,
      minorUnits: options.minorUnits,
      active: options.active,
      refunds: options.refunds,
    };
    if (table instanceof EventRoles) {
      const doc = table.toDocument();
      return {
        format: FORMAT,
        version: 3,
        options: { ...common, ...rolesOptionsJSON(table.roles) },
        customers: doc.customers,
        first: doc.start.map((t) => (t === null ? null : table.periodOf(t))),
        cohortAt: doc.start.map(() => null),
        start: doc.start,
        ...(doc.value === undefined ? {} : { value: doc.value }),
        entries: {
          customer: doc.entries.customer,
          key: doc.entries.key,
          revenue: doc.entries.revenue,
          active: doc.entries.lastReturn.map((t) => (t === null ? 0 : 1)),
          lastReturn: doc.entries.lastReturn,
        },
      };
    }
    return {
      format: FORMAT,
      version: 2,
      options: common,
      ...table.toDocument(),
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
   *   the document. Version 3 (start and return events, breakdown): `INVALID_OPTION` when
   *   the document records a predicate or accessor and `options` does not give it again;
   *   `INCONSISTENT` when `options` names other events, another breakdown property or
   *   another `returnInStartPeriod`, or names any of them for a version 1 or 2 document.
   */
  static fromJSON<R = CohortEvent>(
    json: CohortAccumulatorJSON | string,
    options?: CohortOptions<R>,
  ): CohortAccumulator<R> {
    const fn = "CohortAccumulator.fromJSON";
    const given = optionsObject<Record<string, unknown>>(options, fn);
    const accessors: Record<string, unknown> = {};
    for (const name of ACCESSORS) if (given[name] !== undefined) accessors[name] = given[name];
    const raw = typeof json === "string" ? parseJson(json, fn) : json;
    if (
      raw !== null &&
      typeof raw === "object" &&
      (raw as { version?: unknown }).version === 3 &&
      (raw as { format?: unknown }).format === FORMAT
    ) {
      return CohortAccumulator.#restoreRoles<R>(raw as Record<string, unknown>, accessors, given);
    }
    const doc = readDocument(raw, accessors);
    checkGiven(fn, given, doc.options);
    for (const name of ["startEvent", "returnEvent", "breakdownBy"]) {
      if (given[name] !== undefined) {
        fail(
          fn,
          name,
          "INCONSISTENT",
          `must match the document's (none: version ${String((raw as { version?: unknown }).version)} holds no start or return events or breakdown)`,
          given[name],
        );
      }
    }
    const acc = new CohortAccumulator<R>();
    acc.#table = CustomerPeriods.fromDocument(doc.options, doc, COMPACT);
    return acc;
  }

  /** Restore from a version 3 document (start and return events, breakdown). */
  static #restoreRoles<R>(
    raw: Record<string, unknown>,
    accessors: Record<string, unknown>,
    given: Record<string, unknown>,
  ): CohortAccumulator<R> {
    const fn = "CohortAccumulator.fromJSON";
    const { options, load } = readRolesDocument(raw, accessors, given);
    checkGiven(fn, given, options);
    const table = new EventRoles(options);
    table.load(load);
    const acc = new CohortAccumulator<R>();
    acc.#table = table;
    return acc;
  }
}

/** Options that shape the state come from the document; any also given must agree with it. */
function checkGiven(fn: string, given: Record<string, unknown>, doc: Resolved): void {
  const shaping = STATE_OPTIONS.filter((name) => given[name] !== undefined);
  if (shaping.length === 0) return;
  const mine = resolveOptions(given, fn);
  for (const name of shaping) {
    const field = name === "timeZone" ? "zone" : name;
    const a = mine[field as keyof Resolved];
    const b = doc[field as keyof Resolved];
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

/** Run `body` with `fn` as the public function named by the state's errors. */
function calling<T>(table: CustomerPeriods | EventRoles, fn: string, body: () => T): T {
  const options = table.options;
  if (options.fn === fn) return body();
  table.options = { ...options, fn };
  try {
    return body();
  } finally {
    table.options = options;
  }
}

function optionsKey(options: Resolved): string {
  return JSON.stringify([
    options.period,
    options.zone,
    options.weekStartsOn,
    options.boundaries,
    options.hasAsOf ? options.asOf : null,
    options.minorUnits,
    options.active,
    options.refunds,
    rolesKey(options.roles),
  ]);
}
