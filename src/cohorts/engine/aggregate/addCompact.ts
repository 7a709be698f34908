/**
 * The last pass of `CustomerPeriods.add` for a compact partition: the events of one hash
 * partition, already in partition order (`lo .. hi - 1` of the sorted arrays), each one id
 * lookup and one update of the customer's masks and revenue run.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import type { CompactPartition } from "./CompactPartition.js";
import { customerAt } from "./IdTable.js";

export function addCompact(
  partition: CompactPartition,
  lo: number,
  hi: number,
  sortedHash: Int32Array,
  sortedId: Int32Array | Float64Array | null,
  sortedPacked: Int32Array | null,
  sortedKey: Int32Array | Float64Array,
  sortedUnits: Float64Array,
  sortedActive: Uint8Array,
  sortedSource: Int32Array | null,
  cohortAt: ArrayLike<number> | null,
  ids: ArrayLike<unknown>,
  amountOf: Map<number, Decimal> | null,
): void {
  for (let j = lo; j < hi; j++) {
    const units = sortedUnits[j] as number;
    const active = sortedActive[j] as number;
    const source = sortedSource === null ? -1 : (sortedSource[j] as number);
    const explicit = cohortAt === null ? Number.NaN : (cohortAt[source] as number);
    // An event that neither makes active nor adds revenue leaves no trace, unless it
    // carries an explicit cohort date.
    if (active === 0 && units === 0 && Number.isNaN(explicit)) continue;
    const c = customerAt(partition, j, sortedHash, sortedId, sortedPacked, ids, source);
    partition.add(c, sortedKey[j] as number, units, amountOf?.get(j), active !== 0);
    if (!Number.isNaN(explicit)) partition.setCohort(c, explicit);
  }
}
