/**
 * A batch's events in partition order, as `CustomerPeriods.add` lays them out (its pass 2)
 * for the add loops of both partition forms (its pass 3 and addCompact.ts): per event its id
 * hash and id, period key, revenue and activity, and where it stood in the batch.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import type { IdTable } from "./IdTable.js";

export class SortedEvents {
  /** The id hash of each event. */
  readonly hash: Int32Array;
  /** Typed-array ids as numbers, or null (then `packed`). */
  readonly id: Int32Array | Float64Array | null;
  /** The packed ids, three Int32 per event (see read/ids.ts), or null (then `id`). */
  readonly packed: Int32Array | null;
  /** The period key of each event (calendar: period index; rolling: instant). */
  readonly key: Int32Array | Float64Array;
  /** Revenue in integer units (0 when not counted; NaN: the exact amount in `amountOf`). */
  readonly units: Float64Array;
  /** 1 when the event makes the customer active, else 0. */
  readonly active: Uint8Array;
  /** Each event's index in the batch, or null when nothing reads it. */
  readonly source: Int32Array | null;
  /** The batch's explicit cohort instants by batch index (NaN: none), or null. */
  readonly cohortAt: ArrayLike<number> | null;
  /** The batch's ids as given, by batch index. */
  readonly ids: ArrayLike<unknown>;
  /** Exact revenue beyond integer units, by event, or null while there is none. */
  readonly amountOf: Map<number, Decimal> | null;

  constructor(fields: Omit<SortedEvents, "explicitAt" | "leavesTrace" | "customerIn">) {
    this.hash = fields.hash;
    this.id = fields.id;
    this.packed = fields.packed;
    this.key = fields.key;
    this.units = fields.units;
    this.active = fields.active;
    this.source = fields.source;
    this.cohortAt = fields.cohortAt;
    this.ids = fields.ids;
    this.amountOf = fields.amountOf;
  }

  /** The explicit cohort instant of event `j`, or NaN when it has none. */
  explicitAt(j: number): number {
    const cohortAt = this.cohortAt;
    return cohortAt === null
      ? Number.NaN
      : (cohortAt[(this.source as Int32Array)[j] as number] as number);
  }

  /**
   * Whether event `j` leaves a trace: it makes active, adds revenue or carries an explicit
   * cohort date (an event that does none of these is skipped).
   */
  leavesTrace(j: number): boolean {
    return this.active[j] !== 0 || this.units[j] !== 0 || !Number.isNaN(this.explicitAt(j));
  }

  /** The local number in `table` of the customer of event `j`, created when new. */
  customerIn(table: IdTable, j: number): number {
    const hash = this.hash[j] as number;
    const id = this.id;
    if (id !== null) {
      // a typed-array id, packed as idHash packs numbers: an int32 as [id, 0, -2]
      const x = id[j] as number;
      const small = (x | 0) === x;
      return table.customerPacked(hash, small ? x : 0, 0, small ? -2 : -1, id, j);
    }
    const ids3 = this.packed as Int32Array;
    const at = 3 * j;
    const source = (this.source as Int32Array)[j] as number;
    return table.customerPacked(
      hash,
      ids3[at] as number,
      ids3[at + 1] as number,
      ids3[at + 2] as number,
      this.ids,
      source,
    );
  }
}
