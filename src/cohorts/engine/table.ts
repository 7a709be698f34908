/**
 * Turning the per-customer state into the cohort table, and the table's derived views.
 */
import { fail, options as optionsObject } from "../../_lib/assert.js";
import { clean, Decimal, ZERO } from "../../_lib/decimal.js";
import { exact, fromUnits, toLibrary } from "../../_lib/minor.js";
import { isoInstant } from "../../_lib/time.js";
import type { Period } from "../../types.js";
import type { Resolved } from "./ingest.js";
import { periodKey, periodStart } from "./periods.js";
import type { State } from "./state.js";
import type {
  CohortBoundaries,
  CohortRates,
  CohortRow,
  CohortTable,
  CohortTableJSON,
  CohortValues,
  LifetimeValueTable,
  RetentionTable,
} from "./types.js";

const MAX_SAFE = 9_007_199_254_740_991; // Number.MAX_SAFE_INTEGER, as a literal that bundlers can drop
const MS_PER_DAY = 86_400_000;

/**
 * The most cells a cohort table may have: the sum over its cohorts of the periods reported
 * for each (a cohort has the periods from its own up to the last one of the data, or the one
 * holding `asOf`). Five million cells are a daily table over thirteen years of cohorts, or a
 * few hundred cohorts over decades of days; a table beyond it needs gigabytes, and usually
 * comes from one stray date (`'9999-12-31'`) or a distant `asOf`. Such a table is refused
 * with `OUT_OF_RANGE` before anything is allocated for it.
 */
export const MAX_TABLE_CELLS = 5_000_000;

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Throws `OUT_OF_RANGE` when a table of `cells` cells over the periods `first..last` exceeds
 * {@link MAX_TABLE_CELLS}. `field` names what stretched the table: `asOf`, the event path of
 * the latest event (`events[12].at`), or `cohortOf` when an explicit cohort date precedes
 * every event.
 */
export function checkCells(
  r: Resolved,
  cells: number,
  first: number,
  last: number,
  field: string,
  value: unknown,
): void {
  if (cells <= MAX_TABLE_CELLS) return;
  const { period, weekStartsOn } = r;
  const from = periodKey(first, period, weekStartsOn);
  const to = periodKey(last, period, weekStartsOn);
  fail(
    r.fn,
    field,
    "OUT_OF_RANGE",
    `must keep the cohort table within ${grouped(MAX_TABLE_CELLS)} cells (cohorts × periods): ` +
      `periods ${from} to ${to} would give ${cells > 1e15 ? "more than 10^15" : grouped(cells)}`,
    value,
  );
}

/** The field and value that set the last period of a state's table: `asOf` or the latest event. */
function extentField(s: State, L: number): [string, unknown] {
  const r = s.r;
  if (r.hasAsOf) {
    const k = s.calendar ? s.last.key : s.periodOf(s.last.at);
    if (!(k >= L)) return ["asOf", isoInstant(r.asOf)];
  }
  return [s.last.field, Number.isNaN(s.last.at) ? undefined : isoInstant(s.last.at)];
}

interface TableData {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  readonly boundaries: CohortBoundaries;
  readonly asOf: string | null;
  readonly rows: CohortRow[];
  readonly unbounded: Float64Array;
  readonly offsets: Int32Array;
  /**
   * Per row and bracket (`row * brackets.length + b`), the customers active in at least one
   * period of the bracket (computed on demand).
   */
  readonly bracketCounts: (brackets: readonly (readonly [number, number])[]) => Float64Array;
}

/** Window length of rolling periods in ms. */
export function rollingWindow(period: Period): number {
  return period === "day" ? MS_PER_DAY : period === "week" ? 7 * MS_PER_DAY : 30 * MS_PER_DAY;
}

/** The table of no events. */
export function emptyTable(r: Resolved): CohortTable {
  return new Table({
    period: r.period,
    timeZone: r.zone,
    weekStartsOn: r.weekStartsOn,
    boundaries: r.boundaries,
    asOf: r.hasAsOf ? isoInstant(r.asOf) : null,
    rows: [],
    unbounded: new Float64Array(0),
    offsets: new Int32Array(1),
    bracketCounts: () => new Float64Array(0),
  });
}

/** Cohort rows, per-cell counts and exact revenue: the parts every table is made of. */
export interface TableParts {
  /** Cohort period index of each row. */
  readonly rowC: readonly number[];
  /** Number of periods of each row. */
  readonly lens: readonly number[];
  /** Customers of each row. */
  readonly sizes: readonly number[];
  /** Offset of each row's first cell (length rows + 1). */
  readonly offsets: Int32Array;
  /** Distinct active customers per cell. */
  readonly active: Float64Array;
  /** Revenue per cell in integer units of `10^-scale`. */
  readonly minor: Float64Array;
  /** Per cell, exact revenue beyond `minor` in currency units. */
  readonly extras: Map<number, Decimal> | null;
  /** Per cell, customers whose last active period (within the row) is that cell's. */
  readonly lastActive: Float64Array;
  readonly bracketCounts: TableData["bracketCounts"];
}

/** Assemble the table (rows of exact values and flags) from its parts. */
export function assembleTable(r: Resolved, t: TableParts): CohortTable {
  const calendar = r.boundaries === "calendar";
  const { rowC, lens, sizes, offsets, active, minor, extras } = t;
  const W = rollingWindow(r.period);
  const { period, zone, weekStartsOn } = r;
  const pow = r.pow;
  const nRows = rowC.length;
  const unbounded = t.lastActive;
  for (let row = 0; row < nRows; row++) {
    const o = offsets[row] as number;
    for (let k = (lens[row] as number) - 2; k >= 0; k--) {
      unbounded[o + k] = (unbounded[o + k] as number) + (unbounded[o + k + 1] as number);
    }
  }
  const rows: CohortRow[] = [];
  for (let row = 0; row < nRows; row++) {
    const C = rowC[row] as number;
    const len = lens[row] as number;
    const o = offsets[row] as number;
    const startMs = periodStart(C, period, zone, weekStartsOn);
    const complete: boolean[] = new Array(len).fill(true);
    if (r.hasAsOf) {
      if (calendar) {
        complete[len - 1] = periodStart(C + len, period, zone, weekStartsOn) <= r.asOf;
      } else {
        const lastStart = periodStart(C + 1, period, zone, weekStartsOn);
        for (let k = 0; k < len; k++) complete[k] = lastStart + (k + 1) * W <= r.asOf;
      }
    }
    const activeRow: number[] = new Array(len);
    const revenueRow: Decimal[] = new Array(len);
    for (let k = 0; k < len; k++) {
      activeRow[k] = active[o + k] as number;
      const m = minor[o + k] as number;
      const x = extras?.get(o + k);
      let d = m === 0 ? ZERO : new Decimal(m).div(pow);
      if (x !== undefined) d = toLibrary(fromUnits(m, r.scale).plus(x));
      revenueRow[k] = clean(d);
    }
    rows.push(
      Object.freeze({
        key: periodKey(C, period, weekStartsOn),
        start: isoInstant(startMs),
        size: sizes[row] as number,
        active: Object.freeze(activeRow),
        revenue: Object.freeze(revenueRow),
        complete: Object.freeze(complete),
      }),
    );
  }
  return new Table({
    period,
    timeZone: zone,
    weekStartsOn,
    boundaries: r.boundaries,
    asOf: r.hasAsOf ? isoInstant(r.asOf) : null,
    rows,
    unbounded,
    offsets,
    bracketCounts: t.bracketCounts,
  });
}

/** Bracket counts from (customer, period k) pairs of the active cells. */
function pairBrackets(
  custRow: Int32Array,
  nRows: number,
  pairs: () => { pairCust: Int32Array; pairK: Int32Array },
) {
  return (brackets: readonly (readonly [number, number])[]): Float64Array => {
    const nb = brackets.length;
    const counts = new Float64Array(nRows * nb);
    const { pairCust, pairK } = pairs();
    const mark = new Int32Array(custRow.length);
    for (let b = 0; b < nb; b++) {
      const [from, to] = brackets[b] as readonly [number, number];
      for (let i = 0; i < pairCust.length; i++) {
        const k = pairK[i] as number;
        const gc = pairCust[i] as number;
        if (k >= from && k <= to && mark[gc] !== b + 1) {
          mark[gc] = b + 1;
          const cell = (custRow[gc] as number) * nb + b;
          counts[cell] = (counts[cell] as number) + 1;
        }
      }
    }
    return counts;
  };
}

/**
 * Build the table from the state (the state is only read). With `owned` the state will not
 * change any more, so the table may read it later instead of copying what brackets need.
 */
export function buildTable(s: State, owned = false): CohortTable {
  const r = s.r;
  const calendar = s.calendar;
  const parts = s.parts.filter((p) => p !== undefined);
  let total = 0;
  for (const p of parts) total += p.nCust;
  if (total === 0) return emptyTable(r);
  // Cohort period (and rolling start instant) per customer, numbered globally.
  // A one-shot analysis carves its per-customer arrays from the slack of the state's arena
  // when they fit there (see Arena), so that they allocate nothing new.
  const fromArena = owned && s.arena.room() >= total * (calendar ? 16 : 24) + 64;
  const f64 = (n: number) => (fromArena ? s.arena.f64(n) : new Float64Array(n));
  const i32 = (n: number) => (fromArena ? s.arena.i32(n) : new Int32Array(n));
  const cohort = f64(total);
  const t0 = calendar ? null : f64(total);
  const bases: number[] = [];
  let g = 0;
  let cMin = Number.POSITIVE_INFINITY;
  // The earliest period of an event, and the earliest explicit cohort date before it: when
  // such a date sets the first cohort, errors about the table's extent name `cohortOf`.
  let eventMin = Number.POSITIVE_INFINITY;
  let early = Number.NaN;
  let earlyK = Number.POSITIVE_INFINITY;
  for (const p of parts) {
    bases.push(g);
    for (let c = 0; c < p.nCust; c++, g++) {
      const explicit = p.cohortAt === null ? Number.POSITIVE_INFINITY : (p.cohortAt[c] as number);
      const first = p.first[c] as number;
      if (first === Number.POSITIVE_INFINITY) {
        // no active event: not in the table (and neither are the customer's refunds)
        cohort[g] = Number.POSITIVE_INFINITY;
        continue;
      }
      let k: number;
      const fk = calendar ? first : s.periodOf(first);
      if (fk < eventMin) eventMin = fk;
      if (explicit !== Number.POSITIVE_INFINITY) {
        k = s.periodOf(explicit);
        if (t0 !== null) t0[g] = explicit;
        if (k < earlyK) {
          earlyK = k;
          early = explicit;
        }
      } else if (calendar) {
        k = first;
      } else {
        k = s.periodOf(first);
        (t0 as Float64Array)[g] = first;
      }
      cohort[g] = k;
    }
  }
  // The last key that counts: an active entry, or revenue at or after the customer's cohort.
  let lastKey = Number.NEGATIVE_INFINITY;
  parts.forEach((p, pi) => {
    const base = bases[pi] as number;
    const { eCust, eKey, eVal, eAct, extra } = p;
    for (let e = 0; e < p.nEnt; e++) {
      const key = eKey[e] as number;
      if (key <= lastKey) continue;
      const gc = base + (eCust[e] as number);
      const k = cohort[gc] as number;
      if (k === Number.POSITIVE_INFINITY) continue;
      if (eAct[e] === 0) {
        if (eVal[e] === 0 && extra?.get(e) === undefined) continue;
        if (calendar ? key < k : key < ((t0 as Float64Array)[gc] as number)) continue;
      }
      lastKey = key;
    }
  });
  if (lastKey === Number.NEGATIVE_INFINITY) return emptyTable(r);
  const lastT = r.hasAsOf ? r.asOf - 1 : calendar ? Number.NaN : lastKey;
  const L = r.hasAsOf || !calendar ? s.periodOf(lastT) : lastKey;
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    if (k < cMin && k <= L) cMin = k;
  }
  if (cMin === Number.POSITIVE_INFINITY) return emptyTable(r);
  const span = L - cMin + 1;
  const extent = (): [string, unknown] =>
    earlyK === cMin && earlyK < eventMin ? ["cohortOf", isoInstant(early)] : extentField(s, L);
  // The first cohort alone has about `span` cells: refuse before the per-period arrays.
  if (span > MAX_TABLE_CELLS) checkCells(r, span, cMin, L, ...extent());
  const sizeAt = new Float64Array(span);
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    if (k <= L) sizeAt[k - cMin] = (sizeAt[k - cMin] as number) + 1;
  }
  const rowOf = new Int32Array(span).fill(-1);
  const rowC: number[] = [];
  const lens: number[] = [];
  const offsetList: number[] = [0];
  const W = rollingWindow(r.period);
  const { period, zone, weekStartsOn } = r;
  for (let i = 0; i < span; i++) {
    if (sizeAt[i] === 0) continue;
    const C = cMin + i;
    rowOf[i] = rowC.length;
    rowC.push(C);
    const len = calendar
      ? L - C + 1
      : Math.max(1, Math.floor((lastT - periodStart(C, period, zone, weekStartsOn)) / W) + 1);
    lens.push(len);
    offsetList.push((offsetList[offsetList.length - 1] as number) + len);
  }
  const nRows = rowC.length;
  checkCells(r, offsetList[nRows] as number, cMin, L, ...extent());
  const rowCs = Float64Array.from(rowC);
  const lensA = Int32Array.from(lens);
  const offsets = Int32Array.from(offsetList);
  const cells = offsets[nRows] as number;
  const active = new Float64Array(cells);
  const minor = new Float64Array(cells);
  let cellExtra: Map<number, Decimal> | null = null;
  const addExtra = (cell: number, d: Decimal) => {
    if (cellExtra === null) cellExtra = new Map();
    const prev = cellExtra.get(cell);
    cellExtra.set(cell, prev === undefined ? exact(d) : prev.plus(d));
  };
  const addValue = (cell: number, v: number) => {
    const sum = (minor[cell] as number) + v;
    if (sum <= MAX_SAFE && sum >= -MAX_SAFE) minor[cell] = sum;
    else addExtra(cell, fromUnits(v, r.scale));
  };
  const custRow = i32(total);
  for (let i = 0; i < total; i++) {
    const k = cohort[i] as number;
    custRow[i] = k <= L ? (rowOf[k - cMin] as number) : -1;
  }
  const maxK = i32(total).fill(-1);
  let entries = 0;
  for (const p of parts) entries += p.nEnt;
  const lazy = calendar && owned;
  let pairCust = new Int32Array(lazy ? 0 : calendar ? entries : 1024);
  let pairK = new Int32Array(lazy ? 0 : calendar ? entries : 1024);
  let nPairs = 0;
  const pushPair = (gc: number, k: number) => {
    if (nPairs === pairCust.length) {
      const a = new Int32Array(nPairs * 2);
      a.set(pairCust);
      pairCust = a;
      const b = new Int32Array(nPairs * 2);
      b.set(pairK);
      pairK = b;
    }
    pairCust[nPairs] = gc;
    pairK[nPairs] = k;
    nPairs++;
    if (k > (maxK[gc] as number)) maxK[gc] = k;
  };
  parts.forEach((p, pi) => {
    const base = bases[pi] as number;
    const extra = p.extra;
    if (calendar) {
      const { eCust, eKey, eVal, eAct } = p;
      for (let e = 0; e < p.nEnt; e++) {
        const gc = base + (eCust[e] as number);
        const row = custRow[gc] as number;
        if (row < 0) continue;
        const k = (eKey[e] as number) - (rowCs[row] as number);
        if (k < 0 || k >= (lensA[row] as number)) continue;
        const cell = (offsets[row] as number) + k;
        const sum = (minor[cell] as number) + (eVal[e] as number);
        if (sum <= MAX_SAFE && sum >= -MAX_SAFE) minor[cell] = sum;
        else addExtra(cell, fromUnits(eVal[e] as number, r.scale));
        if (extra !== null) {
          const x = extra.get(e);
          if (x !== undefined) addExtra(cell, x);
        }
        if (eAct[e] === 0) continue;
        active[cell] = (active[cell] as number) + 1;
        if (!lazy) {
          pairCust[nPairs] = gc;
          pairK[nPairs] = k;
          nPairs++;
        }
        if (k > (maxK[gc] as number)) maxK[gc] = k;
      }
    } else {
      // Group the partition's entries by customer, then count distinct windows per customer.
      const start = new Int32Array(p.nCust + 1);
      for (let e = 0; e < p.nEnt; e++) {
        const i = (p.eCust[e] as number) + 1;
        start[i] = (start[i] as number) + 1;
      }
      for (let c = 0; c < p.nCust; c++)
        start[c + 1] = (start[c + 1] as number) + (start[c] as number);
      const fill = start.slice();
      const order = new Int32Array(p.nEnt);
      for (let e = 0; e < p.nEnt; e++) {
        const c = p.eCust[e] as number;
        order[fill[c] as number] = e;
        fill[c] = (fill[c] as number) + 1;
      }
      const seen = new Map<number, true>();
      for (let c = 0; c < p.nCust; c++) {
        const gc = base + c;
        const row = custRow[gc] as number;
        if (row < 0) continue;
        const from = (t0 as Float64Array)[gc] as number;
        seen.clear();
        for (let j = start[c] as number; j < (start[c + 1] as number); j++) {
          const e = order[j] as number;
          const k = Math.floor(((p.eKey[e] as number) - from) / W);
          if (k < 0 || k >= (lens[row] as number)) continue;
          const cell = (offsets[row] as number) + k;
          if (p.eAct[e] !== 0 && !seen.has(k)) {
            seen.set(k, true);
            active[cell] = (active[cell] as number) + 1;
            pushPair(gc, k);
          }
          addValue(cell, p.eVal[e] as number);
          const x = extra?.get(e);
          if (x !== undefined) addExtra(cell, x);
        }
      }
    }
  });
  // Customers whose last active period is k (summed into "k or later" by assembleTable).
  const lastActive = new Float64Array(cells);
  for (let i = 0; i < total; i++) {
    const k = maxK[i] as number;
    if (k >= 0) {
      const cell = (offsets[custRow[i] as number] as number) + k;
      lastActive[cell] = (lastActive[cell] as number) + 1;
    }
  }
  const pairs = lazy
    ? () => {
        const pc = new Int32Array(entries);
        const pk = new Int32Array(entries);
        let m = 0;
        parts.forEach((p, pi) => {
          const base = bases[pi] as number;
          for (let e = 0; e < p.nEnt; e++) {
            const gc = base + (p.eCust[e] as number);
            const row = custRow[gc] as number;
            if (row < 0) continue;
            const k = (p.eKey[e] as number) - (rowCs[row] as number);
            if (k < 0 || k >= (lensA[row] as number) || p.eAct[e] === 0) continue;
            pc[m] = gc;
            pk[m] = k;
            m++;
          }
        });
        return { pairCust: pc.subarray(0, m), pairK: pk.subarray(0, m) };
      }
    : () => ({ pairCust: pairCust.subarray(0, nPairs), pairK: pairK.subarray(0, nPairs) });
  return assembleTable(r, {
    rowC,
    lens,
    sizes: rowC.map((C) => sizeAt[C - cMin] as number),
    offsets,
    active,
    minor,
    extras: cellExtra as Map<number, Decimal> | null,
    lastActive,
    bracketCounts: pairBrackets(custRow, nRows, pairs),
  });
}

const FN = "retention";

function ratio(num: number, den: number): Decimal {
  return clean(new Decimal(num).div(den));
}

function readBrackets(mode: unknown): [number, number][] {
  const field = "mode.brackets";
  const list = (mode as { brackets?: unknown }).brackets;
  if (!Array.isArray(list) || list.length === 0) {
    fail(FN, field, "INVALID_OPTION", "must be a non-empty array of [from, to] period pairs", list);
  }
  return list.map((b: unknown, i: number) => {
    const ok =
      Array.isArray(b) &&
      b.length === 2 &&
      Number.isSafeInteger(b[0]) &&
      Number.isSafeInteger(b[1]) &&
      (b[0] as number) >= 0 &&
      (b[0] as number) <= (b[1] as number);
    if (!ok) {
      fail(
        FN,
        `${field}[${i}]`,
        "INVALID_OPTION",
        "must be [from, to] with integers 0 <= from <= to",
        b,
      );
    }
    return [b[0], b[1]] as [number, number];
  });
}

class Table implements CohortTable {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  readonly boundaries: CohortBoundaries;
  readonly asOf: string | null;
  readonly cohorts: readonly CohortRow[];
  readonly #d: TableData;

  constructor(d: TableData) {
    this.period = d.period;
    this.timeZone = d.timeZone;
    this.weekStartsOn = d.weekStartsOn;
    this.boundaries = d.boundaries;
    this.asOf = d.asOf;
    this.cohorts = Object.freeze(d.rows);
    this.#d = d;
  }

  private width(): number {
    let w = 0;
    for (const row of this.cohorts) if (row.active.length > w) w = row.active.length;
    return w;
  }

  retention(options?: { mode?: unknown }): RetentionTable {
    const o = optionsObject<{ mode: unknown }>(options, FN);
    const mode = o.mode === undefined ? "classic" : o.mode;
    const rows = this.cohorts;
    if (mode === "classic" || mode === "unbounded") {
      const width = this.width();
      const num = new Float64Array(width);
      const den = new Float64Array(width);
      const unb = this.#d.unbounded;
      const cohorts: CohortRates[] = rows.map((row, ri) => {
        const o2 = this.#d.offsets[ri] as number;
        const rates: (Decimal | null)[] = new Array(width).fill(null);
        for (let k = 0; k < row.active.length; k++) {
          if (!row.complete[k]) continue;
          const count = mode === "classic" ? (row.active[k] as number) : (unb[o2 + k] as number);
          rates[k] = ratio(count, row.size);
          num[k] = (num[k] as number) + count;
          den[k] = (den[k] as number) + row.size;
        }
        return Object.freeze({ key: row.key, size: row.size, rates: Object.freeze(rates) });
      });
      const average = Array.from(den, (d, k) => (d === 0 ? null : ratio(num[k] as number, d)));
      return Object.freeze({ cohorts: Object.freeze(cohorts), average: Object.freeze(average) });
    }
    if (mode === null || typeof mode !== "object") {
      return fail(
        FN,
        "mode",
        "INVALID_OPTION",
        "must be 'classic', 'unbounded' or { brackets }",
        mode,
      );
    }
    const brackets = readBrackets(mode);
    const nb = brackets.length;
    const counts = this.#d.bracketCounts(brackets);
    const num = new Float64Array(nb);
    const den = new Float64Array(nb);
    const cohorts: CohortRates[] = rows.map((row, ri) => {
      const rates = brackets.map(([, to], b) => {
        if (to >= row.active.length || !row.complete[to]) return null;
        const count = counts[ri * nb + b] as number;
        num[b] = (num[b] as number) + count;
        den[b] = (den[b] as number) + row.size;
        return ratio(count, row.size);
      });
      return Object.freeze({ key: row.key, size: row.size, rates: Object.freeze(rates) });
    });
    const average = Array.from(den, (d, b) => (d === 0 ? null : ratio(num[b] as number, d)));
    return Object.freeze({ cohorts: Object.freeze(cohorts), average: Object.freeze(average) });
  }

  lifetimeValue(): LifetimeValueTable {
    const width = this.width();
    const num: Decimal[] = new Array(width).fill(ZERO);
    const den = new Float64Array(width);
    const cohorts: CohortValues[] = this.cohorts.map((row) => {
      const values: (Decimal | null)[] = new Array(width).fill(null);
      let cum = ZERO;
      for (let k = 0; k < row.revenue.length; k++) {
        cum = cum.plus(row.revenue[k] as Decimal);
        if (!row.complete[k]) continue;
        values[k] = clean(cum.div(row.size));
        num[k] = (num[k] as Decimal).plus(cum);
        den[k] = (den[k] as number) + row.size;
      }
      return Object.freeze({ key: row.key, size: row.size, values: Object.freeze(values) });
    });
    const average = Array.from(den, (d, k) => (d === 0 ? null : clean((num[k] as Decimal).div(d))));
    return Object.freeze({ cohorts: Object.freeze(cohorts), average: Object.freeze(average) });
  }

  toJSON(): CohortTableJSON {
    return {
      period: this.period,
      timeZone: this.timeZone,
      weekStartsOn: this.weekStartsOn,
      boundaries: this.boundaries,
      asOf: this.asOf,
      cohorts: this.cohorts.map((row) => ({
        key: row.key,
        start: row.start,
        size: row.size,
        active: [...row.active],
        revenue: row.revenue.map((d) => d.toFixed()),
        complete: [...row.complete],
      })),
    };
  }
}
