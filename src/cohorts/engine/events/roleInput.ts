/**
 * What start and return events and the breakdown read besides the cohort fields: the extra
 * columns (`event`, the `breakdownBy` column) and their checks, the flags an event gets, the
 * one match of event names (each distinct name matched once), and the error of a predicate or
 * accessor that throws. Shared by the general table (EventRoles.ts, through roleReading.ts)
 * and the column path (roleColumns.ts), so both check and classify alike.
 */
import { describe, fail } from "../../../_lib/assert.js";
import { MetricInputError } from "../../../errors.js";
import type { Columns } from "../read/input.js";
import type { Roles } from "../read/options.js";

/** The event is the customer's start event candidate. */
export const START = 1;
/** The event is a return event. */
export const RETURN = 2;
/** The event's revenue is summed (and is not zero). */
export const SUMMED = 4;

/** No return event in an entry of the general table. */
export const NO_RETURN = Number.NEGATIVE_INFINITY;

/** A typed array of twice the length holding the same items. */
export function grown<T extends Float64Array | Int32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(2 * a.length);
  next.set(a);
  return next;
}

/** Customers a table of start and return events holds (the general table's entry keys stay below 2^53). */
export const MAX_CUSTOMERS = 33_554_432;

/** Throws a MetricInputError for a predicate or accessor that threw on a row. */
export function threw(fn: string, field: string, what: string, error: unknown): never {
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

/** The extra columns of start and return events and of the breakdown. */
export interface RoleColumns {
  /** The `event` column (undefined: absent, allowed while no selection names events). */
  readonly event: ArrayLike<unknown> | undefined;
  /** The `breakdownBy` column, or undefined without one. */
  readonly by: ArrayLike<unknown> | undefined;
}

/**
 * The `event` and `breakdownBy` columns of columns of `n` events, checked: an `event` column
 * when a selection names events, the named breakdown column, each of length `n`.
 */
export function roleColumns(
  fn: string,
  roles: Roles,
  cols: Columns,
  prefix: string,
  n: number,
): RoleColumns {
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
  return { event, by };
}

/** Whether both selections are names or every event (no predicate decides). */
export function selectsByName(roles: Roles): boolean {
  const { start, returns } = roles;
  return (start === null || start.test === null) && (returns === null || returns.test === null);
}

/**
 * The START and RETURN flags of event names, each distinct name matched once (selections by
 * name only, see {@link selectsByName}).
 */
export class NameFlags {
  private readonly cache = new Map<unknown, number>();
  private readonly start: readonly string[] | null;
  private readonly returns: readonly string[] | null;

  constructor(roles: Roles) {
    this.start = roles.start === null ? null : roles.start.names;
    this.returns = roles.returns === null ? null : roles.returns.names;
  }

  /** The flags of an event named `event` (any value; only strings match names). */
  of(event: unknown): number {
    const known = this.cache.get(event);
    if (known !== undefined) return known;
    const { start, returns } = this;
    const flags =
      (start === null || start.includes(event as string) ? START : 0) |
      (returns === null || returns.includes(event as string) ? RETURN : 0);
    // only primitives are kept: a distinct object each time must not grow the cache
    if (event === null || (typeof event !== "object" && typeof event !== "function")) {
      this.cache.set(event, flags);
    }
    return flags;
  }
}
