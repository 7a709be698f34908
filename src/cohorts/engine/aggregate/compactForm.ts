/**
 * The compact partition form as a value handed to {@link CustomerPeriods}: the accumulator
 * and the streams import it and pass it in, so that the one-shot `cohortAnalysis`, which
 * never takes compact partitions, does not carry their code.
 */
import type { Arena } from "../memory.js";
import { addCompact } from "./addCompact.js";
import { CompactPartition } from "./CompactPartition.js";
import type { CustomerPeriods } from "./CustomerPeriods.js";

/** How a table makes and fills compact partitions. */
export interface CompactForm {
  /** A new, empty compact partition. */
  create(arena: Arena, scale: number): CompactPartition;
  /** The compact add loop (addCompact.ts). */
  readonly add: typeof addCompact;
}

/** The compact form of {@link CustomerPeriods}' partitions (CompactPartition.ts). */
export const COMPACT: CompactForm = {
  create: (arena, scale) => new CompactPartition(arena, scale),
  add: addCompact,
};
