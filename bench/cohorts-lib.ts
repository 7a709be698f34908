// The library side of the cohort benchmark: the engine's entry points (taken from the package
// index, with a stand-in while they are not exported yet) and the reduction of its table to
// comparison cells.
import * as lib from "../src/index.js";
import type { Cells } from "./cohorts-baseline.js";
import * as stub from "./cohorts-stub.js";

type Options = Record<string, unknown>;

export interface CohortApi {
  cohortAnalysis: (events: unknown, options: Options) => unknown;
  cohortAnalysisAsync: (events: AsyncIterable<unknown>, options: Options) => Promise<unknown>;
  /** True when the stand-in is used (the library does not export the functions yet). */
  stub: boolean;
}

export function cohortApi(): CohortApi {
  const l = lib as unknown as Partial<CohortApi>;
  if (typeof l.cohortAnalysis === "function" && typeof l.cohortAnalysisAsync === "function") {
    return {
      cohortAnalysis: l.cohortAnalysis,
      cohortAnalysisAsync: l.cohortAnalysisAsync,
      stub: false,
    };
  }
  return {
    cohortAnalysis: stub.cohortAnalysis,
    cohortAnalysisAsync: stub.cohortAnalysisAsync as CohortApi["cohortAnalysisAsync"],
    stub: true,
  };
}

/** An exact decimal amount (Decimal or string) as integer cents; NaN if not a whole cent. */
export function toCents(v: unknown): number {
  let s: string;
  if (typeof v === "string") s = v;
  else if (
    v !== null &&
    typeof v === "object" &&
    typeof (v as { toFixed?: unknown }).toFixed === "function"
  )
    s = (v as { toFixed(): string }).toFixed();
  else s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  const c = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" && c !== 0 ? -c : c;
}

interface TableLike {
  cohorts: readonly {
    key: string;
    size: unknown;
    active: ArrayLike<unknown>;
    revenue: ArrayLike<unknown>;
  }[];
}

/** The library's table as comparison cells (all periods the table has). */
export function libCells(table: unknown): Cells {
  const t = table as TableLike;
  const out: Cells = { keys: [], size: [], active: [], cents: [] };
  for (const c of t.cohorts) {
    out.keys.push(c.key);
    out.size.push(Number(String(c.size)));
    out.active.push(Array.from(c.active, (a) => Number(String(a))));
    out.cents.push(Array.from(c.revenue, toCents));
  }
  return out;
}
