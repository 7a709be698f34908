// The baseline of the cohort benchmark: what straightforward JavaScript does with the same
// in-memory columns (string ids, epoch ms, decimal-string revenue). One Map entry per customer
// holding its first month and a Map of month -> cents; then one pass over the customers.
// Revenue is parsed to integer cents with Math.round(parseFloat(s) * 100) (exact for two
// decimals), calendar months are read with the UTC getters.

/** Cohort cells in a form every implementation is reduced to for comparison. */
export interface Cells {
  /** Cohort keys 'YYYY-MM' in order. */
  keys: string[];
  /** Customers per cohort. */
  size: number[];
  /** active[c][k]: distinct customers of cohort c with an event in period k. */
  active: number[][];
  /** cents[c][k]: revenue of cohort c in period k, integer cents. */
  cents: number[][];
}

interface Customer {
  first: number;
  months: Map<number, number>;
}

export function monthKey(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}`;
}

/** The Map-based baseline over string columns. */
export function mapBaseline(
  ids: readonly string[],
  atMs: Float64Array,
  revenue: readonly string[],
): Cells {
  const customers = new Map<string, Customer>();
  const d = new Date(0);
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ids.length; i++) {
    d.setTime(atMs[i] as number);
    const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    if (month > last) last = month;
    const cents = Math.round(Number.parseFloat(revenue[i] as string) * 100);
    const id = ids[i] as string;
    let c = customers.get(id);
    if (c === undefined) {
      c = { first: month, months: new Map() };
      customers.set(id, c);
    } else if (month < c.first) {
      c.first = month;
    }
    c.months.set(month, (c.months.get(month) ?? 0) + cents);
  }
  let firstCohort = Number.POSITIVE_INFINITY;
  for (const c of customers.values()) if (c.first < firstCohort) firstCohort = c.first;
  const nCohorts = last - firstCohort + 1;
  const size = new Array<number>(nCohorts).fill(0);
  const active: number[][] = [];
  const cents: number[][] = [];
  for (let co = 0; co < nCohorts; co++) {
    active.push(new Array<number>(nCohorts - co).fill(0));
    cents.push(new Array<number>(nCohorts - co).fill(0));
  }
  for (const c of customers.values()) {
    const co = c.first - firstCohort;
    size[co] = (size[co] as number) + 1;
    const a = active[co] as number[];
    const r = cents[co] as number[];
    for (const [month, sum] of c.months) {
      const k = month - c.first;
      a[k] = (a[k] as number) + 1;
      r[k] = (r[k] as number) + sum;
    }
  }
  const keys: string[] = [];
  const out: Cells = { keys, size: [], active: [], cents: [] };
  for (let co = 0; co < nCohorts; co++) {
    if (size[co] === 0) continue; // a month in which nobody started has no cohort
    keys.push(monthKey(firstCohort + co));
    out.size.push(size[co] as number);
    out.active.push(active[co] as number[]);
    out.cents.push(cents[co] as number[]);
  }
  return out;
}

/** Cell-by-cell differences between two results (empty when equal). */
export function diffCells(a: Cells, b: Cells, nameA: string, nameB: string, limit = 10): string[] {
  const out: string[] = [];
  const push = (s: string): void => {
    if (out.length < limit) out.push(s);
  };
  const bi = new Map(b.keys.map((k, i) => [k, i]));
  for (const k of b.keys) if (!a.keys.includes(k)) push(`cohort ${k} only in ${nameB}`);
  a.keys.forEach((key, i) => {
    const j = bi.get(key);
    if (j === undefined) {
      push(`cohort ${key} only in ${nameA}`);
      return;
    }
    if (a.size[i] !== b.size[j]) push(`${key} size: ${nameA} ${a.size[i]} ${nameB} ${b.size[j]}`);
    const aa = a.active[i] as number[];
    const ba = b.active[j] as number[];
    const ac = a.cents[i] as number[];
    const bc = b.cents[j] as number[];
    if (aa.length !== ba.length)
      push(`${key} periods: ${nameA} ${aa.length} ${nameB} ${ba.length}`);
    for (let k = 0; k < Math.max(aa.length, ba.length); k++) {
      if (aa[k] !== ba[k]) push(`${key} k=${k} active: ${nameA} ${aa[k]} ${nameB} ${ba[k]}`);
      if (ac[k] !== bc[k]) push(`${key} k=${k} cents: ${nameA} ${ac[k]} ${nameB} ${bc[k]}`);
    }
  });
  return out;
}
