/**
 * The general aggregate table's state beyond `add`: merging a partition into another
 * (`combine`), and the plain-data document (the body of the accumulator's JSON, version 2),
 * for partitions of either form (Partition.ts, CompactPartition.ts). The document lists
 * customers and their (customer, period) entries and does not depend on the form.
 */
import type { Decimal } from "../../../_lib/decimal.js";
import { MAX_SAFE_UNITS } from "../../../_lib/exactSums.js";
import { exact, fromUnits, toUnits } from "../../../_lib/minor.js";
import type { CustomerId } from "../types.js";
import type { CompactPartition } from "./CompactPartition.js";
import { Partition } from "./Partition.js";

/**
 * A table as plain data (the body of the accumulator's JSON document): revenue per entry in
 * integer units as exact decimal strings (`Text`), or as Decimals once read.
 */
export interface TableDocument<Amount = string> {
  readonly customers: CustomerId[];
  /** First active key per customer, or null. */
  readonly first: (number | null)[];
  /** Explicit cohort instant per customer, or null. */
  readonly cohortAt: (number | null)[];
  readonly entries: {
    readonly customer: number[];
    readonly key: number[];
    readonly revenue: Amount[];
    readonly active: (0 | 1)[];
  };
}

type AnyPartition = Partition | CompactPartition;

/** Local number of customer `id` in `mine`, created when new; `first` its first active key. */
function customerIn(mine: AnyPartition, id: CustomerId, first: number): number {
  const c = mine.customer(id);
  if (mine instanceof Partition) mine.lowerFirst(c, first);
  return c;
}

/**
 * Add revenue (integer units, and an exact `amount` beyond them) to entry (c, key) of `mine`,
 * marking it active when `active`.
 */
function addEntry(
  mine: AnyPartition,
  c: number,
  key: number,
  active: boolean,
  units: number,
  amount: Decimal | undefined,
): void {
  if (!(mine instanceof Partition)) {
    mine.add(c, key, units, null, active);
    if (amount !== undefined) mine.addAmount(c, key, amount);
    return;
  }
  const e = mine.entry(c, key);
  if (active) mine.entryActive[e] = 1;
  if (units !== 0) mine.entryRevenue.add(e, units);
  if (amount !== undefined) mine.entryRevenue.addAmount(e, amount);
}

/** Add partition `theirs` (same options, same hash partition) into `mine`. */
export function combinePartition(mine: AnyPartition, theirs: AnyPartition): void {
  const local = new Int32Array(theirs.customers);
  for (let c = 0; c < theirs.customers; c++) {
    local[c] = customerIn(mine, theirs.idOf(c), theirs.firstOf(c));
    const at = theirs.cohortOf(c);
    if (at !== Number.POSITIVE_INFINITY) mine.setCohort(local[c] as number, at);
  }
  theirs.visitEntries((c, key, active, units, amount) =>
    addEntry(mine, local[c] as number, key, active, units, amount),
  );
}

/** The document of the partitions: customers in partition order, entries pointing at them. */
export function tableDocument(partitions: readonly AnyPartition[], scale: number): TableDocument {
  const doc: TableDocument = {
    customers: [],
    first: [],
    cohortAt: [],
    entries: { customer: [], key: [], revenue: [], active: [] },
  };
  const { entries } = doc;
  for (const p of partitions) {
    const base = doc.customers.length;
    for (let c = 0; c < p.customers; c++) {
      doc.customers.push(p.idOf(c));
      const first = p.firstOf(c);
      doc.first.push(first === Number.POSITIVE_INFINITY ? null : first);
      const at = p.cohortOf(c);
      doc.cohortAt.push(at === Number.POSITIVE_INFINITY ? null : at);
    }
    p.visitEntries((c, key, active, units, amount) => {
      entries.customer.push(base + c);
      entries.key.push(key);
      entries.revenue.push(
        amount === undefined ? String(units) : exact(units).plus(toUnits(amount, scale)).toFixed(),
      );
      entries.active.push(active ? 1 : 0);
    });
  }
  return doc;
}

/** Load a validated document into the partitions given by `partitionOf(id)`. */
export function loadDocument(
  doc: TableDocument<Decimal>,
  partitionOf: (id: CustomerId) => AnyPartition,
  scale: number,
): void {
  const where: [AnyPartition, number][] = doc.customers.map((id, c) => {
    const partition = partitionOf(id);
    const local = customerIn(partition, id, doc.first[c] ?? Number.POSITIVE_INFINITY);
    const at = doc.cohortAt[c];
    if (at !== null && at !== undefined) partition.setCohort(local, at);
    return [partition, local];
  });
  const { customer, key, revenue, active } = doc.entries;
  for (let e = 0; e < customer.length; e++) {
    const [partition, local] = where[customer[e] as number] as [AnyPartition, number];
    const units = revenue[e] as Decimal;
    if (partition instanceof Partition) {
      const entry = partition.entry(local, key[e] as number);
      if (active[e] === 1) partition.entryActive[entry] = 1;
      partition.entryRevenue.addUnits(entry, units);
    } else if (units.isInteger() && units.abs().lte(MAX_SAFE_UNITS)) {
      partition.add(local, key[e] as number, units.toNumber(), null, active[e] === 1);
    } else {
      partition.add(local, key[e] as number, 0, null, active[e] === 1);
      partition.addAmount(local, key[e] as number, fromUnits(units, scale));
    }
  }
}
