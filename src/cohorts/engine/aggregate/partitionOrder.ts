/**
 * Scattering events into partition order (the partition is the top bits of the id hash):
 * counts per partition become start offsets, and each event is written at its partition's
 * next free place. Used by both aggregate tables, so that the working set of one partition
 * stays in the CPU cache while it is aggregated.
 */
import { PARTITIONS } from "../constants.js";

/** Start offset of each partition from the events counted per partition (length PARTITIONS + 1). */
export function partitionStarts(counts: Int32Array): Int32Array {
  const starts = new Int32Array(PARTITIONS + 1);
  let sum = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    starts[p] = sum;
    sum += counts[p] as number;
  }
  starts[PARTITIONS] = sum;
  return starts;
}

/** The largest number of events of one partition. */
export function largestPartition(starts: Int32Array): number {
  let largest = 0;
  for (let p = 0; p < PARTITIONS; p++) {
    const size = (starts[p + 1] as number) - (starts[p] as number);
    if (size > largest) largest = size;
  }
  return largest;
}
