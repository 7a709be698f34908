/**
 * Version 3 of the accumulator document: the state of {@link EventRoles} (start and return
 * events, breakdown). Its options record event names and the breakdown property by name; a
 * predicate or accessor is recorded as such and must be passed again to `fromJSON`.
 */
import { fail, toDecimal } from "../../../_lib/assert.js";
import type { Decimal } from "../../../_lib/decimal.js";
import {
  arrayField,
  isPlainObject,
  numberField,
  readDocumentParts,
} from "../accumulatorDocument.js";
import { MAX_MS } from "../constants.js";
import { periodIndex } from "../periods.js";
import type { EventMatch, Resolved, Roles } from "../read/options.js";
import type { CohortBreakdownValue } from "../types.js";
import type { EventRoles } from "./EventRoles.js";
import { readValue } from "./values.js";

const FROM_JSON = "CohortAccumulator.fromJSON";

type MatchJSON = { readonly names: readonly string[] } | { readonly predicate: true } | null;

function matchJSON(match: EventMatch): MatchJSON {
  if (match === null) return null;
  return match.test === null ? { names: [...match.names] } : { predicate: true };
}

/** The options of version 3 beyond version 2's. */
export function rolesOptionsJSON(roles: Roles) {
  return {
    startEvent: matchJSON(roles.start),
    returnEvent: matchJSON(roles.returns),
    returnInStartPeriod: roles.returnInStartPeriod,
    breakdownBy:
      roles.breakdownName !== null
        ? { name: roles.breakdownName }
        : roles.breakdownAccessor !== null
          ? { accessor: true as const }
          : null,
  };
}

/** A key of the options that shape the state (equal for accumulators that merge). */
export function rolesKey(roles: Roles | null): unknown {
  return roles === null ? null : rolesOptionsJSON(roles);
}

/** The document's selection, with the predicate `given` when it records one. */
function readMatch(raw: unknown, given: unknown, field: string): unknown {
  const fn = FROM_JSON;
  if (raw === null) {
    if (given !== undefined)
      fail(fn, field, "INCONSISTENT", "must match the document's (none)", given);
    return undefined;
  }
  if (!isPlainObject(raw))
    fail(
      fn,
      `options.${field}`,
      "INVALID_OPTION",
      "must be { names }, { predicate: true } or null",
      raw,
    );
  if (raw.predicate === true) {
    if (typeof given !== "function") {
      fail(
        fn,
        field,
        "INVALID_OPTION",
        "must be given again as the predicate (the document records a predicate)",
        given,
      );
    }
    return given;
  }
  const names = raw.names;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string")) {
    fail(
      fn,
      `options.${field}.names`,
      "INVALID_OPTION",
      "must be a non-empty array of event names",
      names,
    );
  }
  if (given !== undefined) {
    const mine = typeof given === "string" ? [given] : given;
    const same =
      Array.isArray(mine) &&
      JSON.stringify([...new Set(mine as string[])].sort()) ===
        JSON.stringify([...new Set(names as string[])].sort());
    if (!same) {
      fail(
        fn,
        field,
        "INCONSISTENT",
        `must match the document's options.${field} (${JSON.stringify(names)})`,
        given,
      );
    }
  }
  return names;
}

/** What {@link readRolesDocument} checked: the options and the state to load. */
export interface RolesState {
  readonly options: Resolved;
  readonly load: Parameters<EventRoles["load"]>[0];
}

/** Validate a version 3 document (options given again may carry predicates and accessors). */
export function readRolesDocument(
  raw: Record<string, unknown>,
  accessors: Record<string, unknown>,
  given: Record<string, unknown>,
): RolesState {
  const fn = FROM_JSON;
  const o = isPlainObject(raw.options) ? raw.options : {};
  if (o.startEvent === undefined && o.returnEvent === undefined && o.breakdownBy === undefined) {
    fail(
      fn,
      "version",
      "INVALID_OPTION",
      "must be 1 or 2 for a document whose options record no startEvent, returnEvent or breakdownBy",
      raw.version,
    );
  }
  const start = readMatch(o.startEvent ?? null, given.startEvent, "startEvent");
  const returns = readMatch(o.returnEvent ?? null, given.returnEvent, "returnEvent");
  const by = o.breakdownBy ?? null;
  let breakdownBy: unknown;
  if (by !== null) {
    if (!isPlainObject(by) || (typeof by.name !== "string" && by.accessor !== true)) {
      fail(
        fn,
        "options.breakdownBy",
        "INVALID_OPTION",
        "must be { name }, { accessor: true } or null",
        by,
      );
    }
    if (by.accessor === true) {
      if (typeof given.breakdownBy !== "function") {
        fail(
          fn,
          "breakdownBy",
          "INVALID_OPTION",
          "must be given again as the accessor (the document records an accessor)",
          given.breakdownBy,
        );
      }
      breakdownBy = given.breakdownBy;
    } else {
      if (given.breakdownBy !== undefined && given.breakdownBy !== by.name) {
        fail(
          fn,
          "breakdownBy",
          "INCONSISTENT",
          `must match the document's (${JSON.stringify(by.name)})`,
          given.breakdownBy,
        );
      }
      breakdownBy = by.name;
    }
  }
  if (o.returnInStartPeriod !== true && o.returnInStartPeriod !== false) {
    fail(
      fn,
      "options.returnInStartPeriod",
      "INVALID_OPTION",
      "must be true or false",
      o.returnInStartPeriod,
    );
  }
  if (
    given.returnInStartPeriod !== undefined &&
    given.returnInStartPeriod !== o.returnInStartPeriod
  ) {
    fail(
      fn,
      "returnInStartPeriod",
      "INCONSISTENT",
      `must match the document's (${o.returnInStartPeriod})`,
      given.returnInStartPeriod,
    );
  }
  if (start === undefined && returns === undefined && by === null) {
    fail(
      fn,
      "options",
      "INVALID_OPTION",
      "must name startEvent, returnEvent or breakdownBy in version 3",
      o,
    );
  }
  const extra: Record<string, unknown> = { returnInStartPeriod: o.returnInStartPeriod };
  if (start !== undefined) extra.startEvent = start;
  if (returns !== undefined) extra.returnEvent = returns;
  if (breakdownBy !== undefined) extra.breakdownBy = breakdownBy;
  const parts = readDocumentParts(raw, accessors, extra, true) as {
    options: Resolved;
    customers: (string | number)[];
  };
  const { options, customers } = parts;
  const n = customers.length;
  const lastInstant = options.hasAsOf ? Math.min(options.asOf - 1, MAX_MS) : MAX_MS;
  const { period, zone, weekStartsOn } = options;
  const firstKey = periodIndex(-MAX_MS, period, zone, weekStartsOn);
  const lastKey = periodIndex(lastInstant, period, zone, weekStartsOn);
  const instant = (v: unknown, field: string): number => {
    const t = numberField(v, field);
    if (t < -MAX_MS || t > lastInstant) {
      fail(
        fn,
        field,
        "OUT_OF_RANGE",
        `must be an instant between ${-MAX_MS} and ${lastInstant} (epoch milliseconds), or null`,
        v,
      );
    }
    return t;
  };
  const startAt = arrayField(raw.start, "start", n, "customer").map((v, c) =>
    v === null ? null : instant(v, `start[${c}]`),
  );
  const grouped =
    options.roles?.breakdownName !== null || options.roles?.breakdownAccessor !== null;
  const value: CohortBreakdownValue[] | null = grouped
    ? arrayField(raw.value, "value", n, "customer").map((v, c) => readValue(v, fn, `value[${c}]`))
    : null;
  const first = arrayField(raw.first, "first", n, "customer");
  startAt.forEach((t, c) => {
    const want = t === null ? null : periodIndex(t, period, zone, weekStartsOn);
    if (first[c] !== want) {
      fail(
        fn,
        `first[${c}]`,
        "INCONSISTENT",
        `must be the period of start[${c}] (${want})`,
        first[c],
      );
    }
  });
  const entries = raw.entries;
  if (!isPlainObject(entries)) fail(fn, "entries", "NOT_A_NUMBER", "must be an object", entries);
  const customer = arrayField(entries.customer, "entries.customer");
  const m = customer.length;
  const of = "entries.customer item";
  const key = arrayField(entries.key, "entries.key", m, of);
  const revenue = arrayField(entries.revenue, "entries.revenue", m, of);
  const lastReturn = arrayField(entries.lastReturn, "entries.lastReturn", m, of);
  const pairs = new Set<string>();
  const load = {
    customers,
    start: startAt,
    value,
    customer: [] as number[],
    key: [] as number[],
    lastReturn: [] as (number | null)[],
    revenue: [] as Decimal[],
  };
  for (let e = 0; e < m; e++) {
    const cField = `entries.customer[${e}]`;
    const c = numberField(customer[e], cField);
    if (!Number.isInteger(c) || c < 0 || c >= n) {
      fail(fn, cField, "OUT_OF_RANGE", `must be an index into customers (0 to ${n - 1})`, c);
    }
    const kField = `entries.key[${e}]`;
    const k = numberField(key[e], kField);
    if (!Number.isInteger(k) || k < firstKey || k > lastKey) {
      fail(
        fn,
        kField,
        "OUT_OF_RANGE",
        `must be a period index between ${firstKey} and ${lastKey}`,
        k,
      );
    }
    const pair = `${c}:${k}`;
    if (pairs.has(pair)) {
      fail(
        fn,
        kField,
        "INCONSISTENT",
        `must not repeat a period of customer ${c} (one entry per customer and period)`,
        k,
      );
    }
    pairs.add(pair);
    const r = lastReturn[e];
    const rField = `entries.lastReturn[${e}]`;
    const t = r === null ? null : instant(r, rField);
    if (t !== null && periodIndex(t, period, zone, weekStartsOn) !== k) {
      fail(fn, rField, "INCONSISTENT", `must fall in the entry's period (${k})`, r);
    }
    const vField = `entries.revenue[${e}]`;
    const text = revenue[e];
    if (typeof text !== "string") {
      fail(fn, vField, "NOT_A_NUMBER", "must be a decimal string (internal units)", text);
    }
    const d = toDecimal(text, fn, vField);
    if (options.minorUnits !== null && !d.isInteger()) {
      fail(fn, vField, "NOT_INTEGER", "must be a whole number of minor units", text);
    }
    load.customer.push(c);
    load.key.push(k);
    load.lastReturn.push(t);
    load.revenue.push(d);
  }
  return { options, load };
}
