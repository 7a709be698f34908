// Stand-in used only while the library does not export cohortAnalysis yet: the same contract
// (columns or rows, minorUnits), UTC months only, revenue as decimal strings.
import { centsToString } from "./cohorts-gen.js";

interface Row {
  customerId: string | number;
  at: number | string | Date;
  revenue?: unknown;
}

function ms(at: unknown): number {
  return typeof at === "number" ? at : at instanceof Date ? at.getTime() : Date.parse(String(at));
}

function cents(v: unknown, minorUnits: number): number {
  if (v === undefined) return 0;
  return minorUnits === 2 ? Number(v) : Math.round(Number.parseFloat(String(v)) * 100);
}

class Acc {
  private readonly customers = new Map<
    string | number,
    { first: number; m: Map<number, number> }
  >();
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly minorUnits: number) {}
  add(id: string | number, at: unknown, revenue: unknown): void {
    const d = new Date(ms(at));
    const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    if (month > this.last) this.last = month;
    let c = this.customers.get(id);
    if (!c) {
      c = { first: month, m: new Map() };
      this.customers.set(id, c);
    } else if (month < c.first) c.first = month;
    c.m.set(month, (c.m.get(month) ?? 0) + cents(revenue, this.minorUnits));
  }
  result(): unknown {
    const by = new Map<number, { size: number; active: number[]; cents: number[] }>();
    for (const c of this.customers.values()) {
      let e = by.get(c.first);
      if (!e) {
        const n = this.last - c.first + 1;
        e = { size: 0, active: new Array(n).fill(0), cents: new Array(n).fill(0) };
        by.set(c.first, e);
      }
      e.size++;
      for (const [m, s] of c.m) {
        const k = m - c.first;
        e.active[k] = (e.active[k] as number) + 1;
        e.cents[k] = (e.cents[k] as number) + s;
      }
    }
    const cohorts = [...by.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([m, e]) => ({
        key: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`,
        size: e.size,
        active: e.active,
        revenue: e.cents.map(centsToString),
      }));
    return { cohorts };
  }
}

export function cohortAnalysis(events: unknown, options: { minorUnits?: number } = {}): unknown {
  const acc = new Acc(options.minorUnits ?? 0);
  const cols = events as {
    customerId?: ArrayLike<string | number>;
    at: ArrayLike<unknown>;
    revenue?: ArrayLike<unknown>;
  };
  if (cols.customerId !== undefined && !(Symbol.iterator in (events as object))) {
    for (let i = 0; i < cols.customerId.length; i++)
      acc.add(cols.customerId[i] as string, cols.at[i], cols.revenue?.[i]);
  } else {
    for (const r of events as Iterable<Row>) acc.add(r.customerId, r.at, r.revenue);
  }
  return acc.result();
}

export async function cohortAnalysisAsync(
  events: AsyncIterable<Row>,
  options: { minorUnits?: number } = {},
): Promise<unknown> {
  const acc = new Acc(options.minorUnits ?? 0);
  for await (const r of events) acc.add(r.customerId, r.at, r.revenue);
  return acc.result();
}
