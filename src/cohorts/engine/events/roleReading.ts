/**
 * Reading a batch for the general table of start and return events (EventRoles.ts): rows or
 * columns read and classified whole before the table changes, so a bad row or a throwing
 * predicate leaves the table as it was. Event names are matched once per distinct name
 * (`NameFlags`) and breakdown values read and checked once per distinct raw value; predicates
 * are called per event. Columns are read in place (ids are not copied).
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { RevenueReader } from "../../../_lib/minor.js";
import { MS_PER_DAY } from "../constants.js";
import { ACTIVE, COUNTED, EventKinds, revenueSign } from "../eventKinds.js";
import { DayPeriods, ZoneClock } from "../periods.js";
import { hashId } from "../read/ids.js";
import { type Columns, checkColumns, readRow } from "../read/input.js";
import { readInstant } from "../read/instants.js";
import type { EventMatch, Resolved, Roles } from "../read/options.js";
import type { CohortBreakdownValue } from "../types.js";
import {
  NameFlags,
  RETURN,
  roleColumns,
  START,
  SUMMED,
  selectsByName,
  threw,
} from "./roleInput.js";
import { readValue } from "./values.js";

/** A batch read and classified, before the state changes. */
export interface ReadBatch {
  readonly n: number;
  /** Each event's id: the column itself for columns (read, not copied), else the ids read. */
  readonly ids: ArrayLike<unknown>;
  readonly at: Float64Array;
  readonly periods: Int32Array;
  readonly units: Float64Array;
  amounts: Map<number, Decimal> | null;
  /** START, RETURN and SUMMED per event (0: the event changes nothing). */
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

/** Reads and classifies batches under one call's options. */
export class RoleReader {
  private readonly roles: Roles;
  private readonly kinds: EventKinds;
  private readonly clock: ZoneClock;
  private readonly days: DayPeriods;
  /** The flags of event names, when both selections are names or every event (else null). */
  private readonly names: NameFlags | null;

  /** @param options - the options; `options.fn` names the public function of the call */
  constructor(public options: Resolved) {
    this.roles = options.roles as Roles;
    this.kinds = new EventKinds(options);
    this.clock = new ZoneClock(options.zone);
    this.days = new DayPeriods(options.period, options.weekStartsOn);
    this.names = selectsByName(this.roles) ? new NameFlags(this.roles) : null;
  }

  /** The period index of an instant. */
  periodOf(instant: number): number {
    return this.days.of(Math.floor(this.clock.local(instant) / MS_PER_DAY));
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
      const names = this.names;
      if (names !== null) {
        flags |=
          roles.start === null && roles.returns === null
            ? START | RETURN
            : names.of(src.event(i, index));
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

  /** Read rows; `offset` is the index of the first row in the whole input. */
  readRows(rows: readonly unknown[], prefix: string, offset: number): ReadBatch {
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
        if (b.amounts === null) b.amounts = new Map();
        b.amounts.set(i, reader.extra as Decimal);
      }
      this.classify(b, i, src, index, prefix);
    }
    return b;
  }

  /** Read columns; `offset` is the index of their first event in the whole input. */
  readColumns(cols: Columns, prefix: string, offset: number): ReadBatch {
    const { options, roles } = this;
    const { fn, zone } = options;
    const n = checkColumns(options, cols, prefix);
    const { event, by } = roleColumns(fn, roles, cols, prefix, n);
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
        if (b.amounts === null) b.amounts = new Map();
        b.amounts.set(i, reader.extra as Decimal);
      }
      this.classify(b, i, src, index, prefix);
    }
    return b;
  }
}
