/**
 * The kept events of a typed event log laid out customer by customer (a stable counting sort
 * by customer number), each customer's run sorted by time with ties in input order.
 */
import type { TypedEvents } from "./typedEvents.js";
import type { TypedReader } from "./typedReader.js";

/** Lay the kept events out customer by customer, each run in time order (ties: input order). */
export function groupRuns(reader: TypedReader, rows: number): TypedEvents {
  const s = reader.sink;
  const n = s.n;
  const customers = reader.ids.length;
  const runStart = new Int32Array(customers + 1);
  for (let j = 0; j < n; j++) {
    const g = (s.cust[j] as number) + 1;
    runStart[g] = (runStart[g] as number) + 1;
  }
  for (let g = 0; g < customers; g++) {
    runStart[g + 1] = (runStart[g + 1] as number) + (runStart[g] as number);
  }
  const fill = runStart.slice(0, customers);
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const g = s.cust[j] as number;
    const p = fill[g] as number;
    fill[g] = p + 1;
    order[p] = j;
  }
  const at = new Float64Array(n);
  const code = new Int32Array(n);
  const units = new Float64Array(n);
  const group = new Int32Array(n);
  const row = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const j = order[p] as number;
    at[p] = s.at[j] as number;
    code[p] = s.code[j] as number;
    units[p] = s.units[j] as number;
    group[p] = s.group[j] as number;
    row[p] = s.row[j] as number;
  }
  const cols = { at, code, units, group, row };
  for (let g = 0; g < customers; g++) {
    const lo = runStart[g] as number;
    const hi = runStart[g + 1] as number;
    let sorted = true;
    for (let p = lo + 1; p < hi && sorted; p++) sorted = (at[p - 1] as number) <= (at[p] as number);
    if (!sorted) sortRun(cols, lo, hi);
  }
  return {
    n,
    customers,
    ids: reader.ids,
    runStart,
    at,
    code,
    units,
    group,
    row,
    extra: reader.extra,
    rows,
  };
}

/** Sort positions lo … hi − 1 of the columns by time, stably (ties keep input order). */
function sortRun(
  c: {
    at: Float64Array;
    code: Int32Array;
    units: Float64Array;
    group: Int32Array;
    row: Int32Array;
  },
  lo: number,
  hi: number,
): void {
  const { at, code, units, group, row } = c;
  if (hi - lo <= 32) {
    for (let p = lo + 1; p < hi; p++) {
      const t = at[p] as number;
      if ((at[p - 1] as number) <= t) continue;
      const k = code[p] as number;
      const u = units[p] as number;
      const gr = group[p] as number;
      const r = row[p] as number;
      let q = p - 1;
      while (q >= lo && (at[q] as number) > t) {
        at[q + 1] = at[q] as number;
        code[q + 1] = code[q] as number;
        units[q + 1] = units[q] as number;
        group[q + 1] = group[q] as number;
        row[q + 1] = row[q] as number;
        q--;
      }
      at[q + 1] = t;
      code[q + 1] = k;
      units[q + 1] = u;
      group[q + 1] = gr;
      row[q + 1] = r;
    }
    return;
  }
  const len = hi - lo;
  const idx = Int32Array.from({ length: len }, (_, i) => i);
  const t = at.slice(lo, hi);
  idx.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  const k = code.slice(lo, hi);
  const u = units.slice(lo, hi);
  const gr = group.slice(lo, hi);
  const r = row.slice(lo, hi);
  for (let i = 0; i < len; i++) {
    const from = idx[i] as number;
    at[lo + i] = t[from] as number;
    code[lo + i] = k[from] as number;
    units[lo + i] = u[from] as number;
    group[lo + i] = gr[from] as number;
    row[lo + i] = r[from] as number;
  }
}
