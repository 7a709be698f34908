// Correctness side of the event-log benchmark: the library's results compared with DuckDB's.
//   cohort tables: cell by cell (active customers and revenue cents), as bench/cohorts.ts does;
//   summaries: per customer frequency, recency and T exactly, monetary value to the cent;
//   RFM: per customer recency, frequency and monetary exactly (scores are not compared: they
//   depend on the tie policy).
// Each check returns the differences as short lines (empty when the results agree); the count
// of differing customers comes first.
import type { CohortTable, CustomerSummary, RfmSegmentsResult } from "../src/index.js";
import { type Cells, diffCells } from "./cohorts-baseline.js";
import { libCells, toCents } from "./cohorts-lib.js";
import type { RfmFigures, SummaryFigures } from "./eventlog-duckdb.js";

/** How many differences are listed in full. */
const SHOWN = 5;

/** A cohort table against DuckDB's cells. */
export function checkCohorts(table: CohortTable, reference: Cells): string[] {
  return diffCells(libCells(table), reference, "library", "duckdb");
}

/** A table as one canonical string (for exact equality of two tables). */
export function tableKey(table: CohortTable): string {
  return JSON.stringify(table.toJSON());
}

function report(differing: number, total: number, lines: string[]): string[] {
  return differing === 0
    ? []
    : [`${differing} of ${total} customers differ`, ...lines.slice(0, SHOWN)];
}

/** Summary rows against DuckDB's, by customer. */
export function checkSummary(
  rows: readonly CustomerSummary[],
  reference: Map<string, SummaryFigures>,
): string[] {
  let differing = 0;
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const id = String(row.customerId);
    seen.add(id);
    const d = reference.get(id);
    const ours = {
      frequency: row.frequency.toNumber(),
      recency: row.recency.toNumber(),
      T: row.T.toNumber(),
      monetary: row.monetaryValue.toNumber(),
    };
    if (d === undefined) {
      differing++;
      lines.push(`${id}: only in the library ${JSON.stringify(ours)}`);
    } else if (
      ours.frequency !== d.frequency ||
      ours.recency !== d.recency ||
      ours.T !== d.T ||
      !(Math.abs(ours.monetary - d.monetary) < 0.005)
    ) {
      differing++;
      lines.push(`${id}: library ${JSON.stringify(ours)}, duckdb ${JSON.stringify(d)}`);
    }
  }
  for (const [id, d] of reference)
    if (!seen.has(id)) {
      differing++;
      lines.push(`${id}: only in DuckDB ${JSON.stringify(d)}`);
    }
  return report(differing, Math.max(rows.length, reference.size), lines);
}

/** RFM figures against DuckDB's, by customer. */
export function checkRfm(result: RfmSegmentsResult, reference: Map<string, RfmFigures>): string[] {
  let differing = 0;
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of result.customers) {
    const id = String(c.customerId);
    seen.add(id);
    const d = reference.get(id);
    const ours = { recency: c.recency, frequency: c.frequency, cents: toCents(c.monetary) };
    if (d === undefined) {
      differing++;
      lines.push(`${id}: only in the library ${JSON.stringify(ours)}`);
    } else if (
      ours.recency !== d.recency ||
      ours.frequency !== d.frequency ||
      ours.cents !== d.cents
    ) {
      differing++;
      lines.push(`${id}: library ${JSON.stringify(ours)}, duckdb ${JSON.stringify(d)}`);
    }
  }
  for (const [id, d] of reference)
    if (!seen.has(id)) {
      differing++;
      lines.push(`${id}: only in DuckDB ${JSON.stringify(d)}`);
    }
  return report(differing, Math.max(result.customers.length, reference.size), lines);
}
