/**
 * The last pass of `CustomerPeriods.add` for a compact partition: the events of one hash
 * partition, already in partition order (`lo .. hi - 1` of `events`), each one id lookup and
 * one update of the customer's masks and revenue run.
 */
import type { CompactPartition } from "./CompactPartition.js";
import type { SortedEvents } from "./sortedEvents.js";

export function addCompact(
  partition: CompactPartition,
  lo: number,
  hi: number,
  events: SortedEvents,
): void {
  const { key, units, active, amountOf } = events;
  for (let j = lo; j < hi; j++) {
    if (!events.leavesTrace(j)) continue;
    const c = events.customerIn(partition, j);
    partition.add(c, key[j] as number, units[j] as number, amountOf?.get(j), active[j] !== 0);
    const explicit = events.explicitAt(j);
    if (!Number.isNaN(explicit)) partition.setCohort(c, explicit);
  }
}
