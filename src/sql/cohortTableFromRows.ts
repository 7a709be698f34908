import { fail } from "../_lib/assert.js";
import type { Decimal } from "../_lib/decimal.js";
import { ExactSums } from "../_lib/exactSums.js";
import { compareValues, readValue } from "../cohorts/engine/events/values.js";
import type { Resolved } from "../cohorts/engine/read/options.js";
import { checkCells, rowOffsets } from "../cohorts/engine/scan/cells.js";
import { assembleTable } from "../cohorts/engine/scan/Table.js";
import type { CohortBreakdownValue, CohortTable } from "../cohorts/engine/types.js";
import { sqlCohortOptions } from "./_cohortOptions.js";
import { rowDecimal, rowInteger } from "./_rowValues.js";
import { SqlCohortTable, type Transitions } from "./_SqlCohortTable.js";
import type { CohortQueryRow, CohortTableFromRowsOptions } from "./types.js";

const FN = "cohortTableFromRows";

interface Cell {
  readonly k: number;
  readonly active: number;
  readonly lastActive: number;
  readonly revenue: Decimal;
}

interface Cohort {
  size: number;
  readonly cells: Cell[];
  readonly transitions: [number, number, number][];
  /** Index of the row that gave the size (for error paths). */
  sizeRow: number;
}

function rowObject(value: unknown, i: number): Record<string, unknown> {
  if (value === null || typeof value !== "object") {
    fail(FN, `rows[${i}]`, "NOT_A_NUMBER", "must be an object (a result row)", value);
  }
  return value as Record<string, unknown>;
}

/**
 * Reads the rows of a {@link cohortQuery} result into the same `CohortTable` as
 * `cohortAnalysis` gives over the same events.
 *
 * @remarks
 * Rows are objects with the columns of {@link CohortQueryRow} (`cohort`, `k`, `previous`,
 * `size`, `active`, `last_active`, `revenue`, `last_period`), in any order, as DuckDB's
 * (`getRowObjects()`, `getRowObjectsJson()`) and PostgreSQL's (`pg`, PGlite) Node clients
 * return them: integers as numbers, bigints or digit strings, revenue as an exact decimal
 * string. Pass the options the query was built with: they set the period labels and starts,
 * which periods are complete (`asOf`) and the unit of revenue (`minorUnits`: revenue sums
 * are integers of minor units, divided by 10^minorUnits).
 *
 * ```text
 * row of cohort C: size, active[k], revenue[k] for k = 0 … last_period − C (0 where no row)
 * "k or later"[k] = Σ_{j ≥ k} last_active[j]
 * bracket [from, to] (brackets: true) = Σ customers over bracket rows with from ≤ k ≤ to and
 *                                       previous < from
 * ```
 * `retention()` in every mode, `retentionAt()`, `lifetimeValue()`, `toJSON()` and `cohorts`
 * then equal `cohortAnalysis`'s exactly (the same Decimals). With `breakdownBy` every row
 * carries a `breakdown` value (as the client returns it; a bigint is read as a number): the
 * table's `breakdown` map holds one table per value, in the library's value order (numbers,
 * strings, `false`, `true`, `null`), and the total adds them up. Bracket retention needs a query
 * built with `brackets: true` (give `brackets: true` here too, so that a result without any
 * bracket row, an empty table, still offers it).
 *
 * @example
 * With PostgreSQL (`pg`):
 * ```ts
 * const query = cohortQuery(source, { dialect: 'postgres', period: 'week', timeZone: 'America/New_York' });
 * const { rows } = await client.query(query.sql, [...query.params]);
 * const table = cohortTableFromRows(rows, { period: 'week', timeZone: 'America/New_York' });
 * table.cohorts[0]?.key; //=> '2024-W01'
 * ```
 * @param rows - the query's result rows
 * @param options - the options given to {@link cohortQuery}
 * @returns the cohort table (read-only)
 * @throws {@link index!MetricInputError} `NOT_A_NUMBER` when `rows` is not an array, a row is not an
 *   object or a value is not a number; `NOT_INTEGER`, `NEGATIVE`, `OUT_OF_RANGE` for a count,
 *   period or `k` that is not a non-negative safe integer in the table's range (and when the
 *   table would exceed the cell limit of `cohortAnalysis`); `INCONSISTENT` for rows that
 *   disagree (two sizes of one cohort, a repeated cell, another `last_period`, a
 *   `last_period` other than the one `asOf` gives, more active customers than the cohort
 *   holds, bracket rows of a cohort without cells, a row without `breakdown` when
 *   `breakdownBy` is given); `INVALID_OPTION` / `INVALID_DATE` for
 *   invalid options (as {@link cohortQuery}).
 * @see docs/warehouse.md
 * @category SQL
 */
export function cohortTableFromRows(
  rows: readonly (CohortQueryRow | Readonly<Record<string, unknown>>)[],
  options?: CohortTableFromRowsOptions,
): CohortTable {
  const { resolved, lastPeriod: asOfPeriod, brackets } = sqlCohortOptions(options, FN);
  if (!Array.isArray(rows)) {
    fail(FN, "rows", "NOT_A_NUMBER", "must be an array of result rows", rows);
  }
  const grouped = resolved.roles !== null && resolved.roles.breakdownName !== null;
  /** The cohorts of each breakdown value (one group, under null, without a breakdown). */
  const groups = new Map<CohortBreakdownValue, Map<number, Cohort>>();
  let last: number | null = null;
  let withBrackets = brackets;
  const cohortOf = (value: CohortBreakdownValue, c: number): Cohort => {
    let cohorts = groups.get(value);
    if (cohorts === undefined) {
      cohorts = new Map();
      groups.set(value, cohorts);
    }
    let entry = cohorts.get(c);
    if (entry === undefined) {
      entry = { size: 0, cells: [], transitions: [], sizeRow: -1 };
      cohorts.set(c, entry);
    }
    return entry;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rowObject(rows[i], i);
    const at = (name: string) => `rows[${i}].${name}`;
    const lp = rowInteger(row.last_period, FN, at("last_period"), Number.MIN_SAFE_INTEGER);
    if (last === null) {
      last = lp;
      if (asOfPeriod !== null && lp !== asOfPeriod) {
        fail(
          FN,
          at("last_period"),
          "INCONSISTENT",
          `must be the last period of options.asOf (${asOfPeriod}): were the rows made with other options?`,
          row.last_period,
        );
      }
    } else if (lp !== last) {
      fail(
        FN,
        at("last_period"),
        "INCONSISTENT",
        `must be the same in every row (${last})`,
        row.last_period,
      );
    }
    const cohort = rowInteger(row.cohort, FN, at("cohort"), Number.MIN_SAFE_INTEGER);
    if (cohort > lp) {
      fail(FN, at("cohort"), "OUT_OF_RANGE", `must be at most last_period (${lp})`, row.cohort);
    }
    const k = rowInteger(row.k, FN, at("k"), 0);
    if (k > lp - cohort) {
      fail(
        FN,
        at("k"),
        "OUT_OF_RANGE",
        `must be at most last_period − cohort (${lp - cohort})`,
        row.k,
      );
    }
    const entry = cohortOf(grouped ? breakdownValue(row, i) : null, cohort);
    const active = rowInteger(row.active, FN, at("active"), 0);
    if (row.previous !== null && row.previous !== undefined) {
      const previous = rowInteger(row.previous, FN, at("previous"), -1);
      if (previous >= k) {
        fail(FN, at("previous"), "OUT_OF_RANGE", `must be below k (${k})`, row.previous);
      }
      withBrackets = true;
      entry.transitions.push([k, previous, active]);
      continue;
    }
    const size = rowInteger(row.size, FN, at("size"), 1);
    if (entry.sizeRow >= 0 && entry.size !== size) {
      fail(
        FN,
        at("size"),
        "INCONSISTENT",
        `must be the cohort's size in every row (${entry.size})`,
        row.size,
      );
    }
    entry.size = size;
    entry.sizeRow = i;
    if (active > size) {
      fail(
        FN,
        at("active"),
        "INCONSISTENT",
        `must be at most the cohort's size (${size})`,
        row.active,
      );
    }
    const lastActive = rowInteger(row.last_active, FN, at("last_active"), 0);
    if (lastActive > active) {
      fail(
        FN,
        at("last_active"),
        "INCONSISTENT",
        `must be at most active (${active})`,
        row.last_active,
      );
    }
    const revenue = rowDecimal(row.revenue ?? 0, FN, at("revenue"));
    entry.cells.push({ k, active, lastActive, revenue });
  }
  if (last === null) {
    const empty = assembleTable(resolved, null);
    return new SqlCohortTable(empty, withBrackets ? [] : null, grouped ? new Map() : undefined);
  }
  const lastPeriod = last;
  const table = (cohorts: ReadonlyMap<number, Cohort>, breakdown?: Breakdown) =>
    tableOf(resolved, cohorts, lastPeriod, rows.length, withBrackets, breakdown);
  if (!grouped) return table(groups.get(null) ?? new Map());
  const values = [...groups.keys()].sort(compareValues);
  const breakdown: Breakdown = new Map();
  for (const value of values) breakdown.set(value, table(groups.get(value) as Map<number, Cohort>));
  return table(merged(groups.values()), breakdown);
}

type Breakdown = Map<CohortBreakdownValue, CohortTable>;

/** The breakdown value of a row, as the client returns it (a bigint as a number). */
function breakdownValue(row: Record<string, unknown>, i: number): CohortBreakdownValue {
  const value = row.breakdown;
  if (value === undefined) {
    fail(
      FN,
      `rows[${i}].breakdown`,
      "INCONSISTENT",
      "must be present with options.breakdownBy (were the rows made with other options?)",
      value,
    );
  }
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      fail(FN, `rows[${i}].breakdown`, "OUT_OF_RANGE", "must be a safe integer", value);
    return Number(value);
  }
  return readValue(value, FN, `rows[${i}].breakdown`);
}

/** The cohorts of every breakdown value added up: the total table's. */
function merged(groups: Iterable<ReadonlyMap<number, Cohort>>): Map<number, Cohort> {
  const total = new Map<number, Cohort>();
  // Where each cohort's cell of period k stands in its `cells` (a lookup, not a search).
  const places = new Map<number, Map<number, number>>();
  for (const cohorts of groups) {
    for (const [C, entry] of cohorts) {
      let sum = total.get(C);
      let place = places.get(C);
      if (sum === undefined || place === undefined) {
        sum = { size: 0, cells: [], transitions: [], sizeRow: entry.sizeRow };
        place = new Map();
        total.set(C, sum);
        places.set(C, place);
      }
      sum.size += entry.size;
      if (entry.sizeRow < 0) sum.sizeRow = -1;
      for (const cell of entry.cells) {
        const at = place.get(cell.k);
        const old = at === undefined ? undefined : sum.cells[at];
        if (at === undefined || old === undefined) {
          place.set(cell.k, sum.cells.length);
          sum.cells.push(cell);
        } else
          sum.cells[at] = {
            k: cell.k,
            active: old.active + cell.active,
            lastActive: old.lastActive + cell.lastActive,
            revenue: old.revenue.plus(cell.revenue),
          };
      }
      for (const transition of entry.transitions) sum.transitions.push(transition);
    }
  }
  return total;
}

/** The table of one group's cohorts (every group has the same last period). */
function tableOf(
  resolved: Resolved,
  cohorts: ReadonlyMap<number, Cohort>,
  lastPeriod: number,
  nRows: number,
  withBrackets: boolean,
  breakdown?: Breakdown,
): CohortTable {
  const order = [...cohorts.keys()].sort((a, b) => a - b);
  const lengths: number[] = [];
  let cells = 0;
  for (const C of order) {
    const entry = cohorts.get(C) as Cohort;
    if (entry.sizeRow < 0) {
      fail(
        FN,
        "rows",
        "INCONSISTENT",
        `must hold a cell row (previous null) of cohort ${C}`,
        nRows,
      );
    }
    lengths.push(lastPeriod - C + 1);
    cells += lastPeriod - C + 1;
  }
  checkCells(resolved, cells, order[0] as number, lastPeriod, "rows", nRows);
  const offsets = rowOffsets(lengths);
  const active = new Float64Array(cells);
  const lastActive = new Float64Array(cells);
  const revenue = new ExactSums(cells, resolved.scale);
  const seen = new Uint8Array(cells);
  const transitions: [number, number, number][][] = [];
  const pow = resolved.minorUnits === null ? null : 10 ** resolved.minorUnits;
  order.forEach((C, row) => {
    const entry = cohorts.get(C) as Cohort;
    const o = offsets[row] as number;
    for (const cell of entry.cells) {
      const at = o + cell.k;
      if (seen[at] === 1) {
        fail(
          FN,
          "rows",
          "INCONSISTENT",
          `must hold one cell row per cohort and k (cohort ${C}, k ${cell.k} repeats)`,
          nRows,
        );
      }
      seen[at] = 1;
      active[at] = cell.active;
      lastActive[at] = cell.lastActive;
      if (!cell.revenue.isZero()) {
        revenue.addAmount(at, pow === null ? cell.revenue : cell.revenue.div(pow));
      }
    }
    transitions.push(entry.transitions);
  });
  const parts = {
    cohorts: order,
    lengths,
    sizes: order.map((C) => (cohorts.get(C) as Cohort).size),
    offsets,
    active,
    revenue,
    lastActive,
    customers: 0,
    activePairs: () => {},
  };
  const inner = assembleTable(resolved, parts);
  return new SqlCohortTable(inner, withBrackets ? (transitions as Transitions) : null, breakdown);
}
