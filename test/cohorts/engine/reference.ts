/**
 * A straightforward cohort table for tests: Intl-based calendar dates, a Map of Maps, Decimal
 * sums. Slow but obviously right; shares no code with the engine.
 */
import { Decimal } from "decimal.js";

export interface RefEvent {
  customerId: string | number;
  at: number;
  revenue: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** [year, month 1-12, day] of an instant in a zone, via Intl. */
export function civil(at: number, zone: string): [number, number, number] {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hourCycle: "h23",
    });
    formatters.set(zone, f);
  }
  const parts = f.formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return [get("year"), get("month"), get("day")];
}

/** Period number of an instant: months as year*12+month, days since epoch, weeks from a start day. */
export function refPeriod(at: number, zone: string, period: string, weekStartsOn = 1): number {
  const [y, m, d] = civil(at, zone);
  const day = Date.UTC(y, m - 1, d) / 86_400_000;
  if (period === "month") return y * 12 + m - 1;
  if (period === "quarter") return y * 4 + Math.floor((m - 1) / 3);
  if (period === "year") return y;
  if (period === "day") return day;
  // Week: count back to the start day; weekday of day number `day` is (day + 4) mod 7.
  const weekday = (((day + 4) % 7) + 7) % 7;
  const back = (weekday - weekStartsOn + 7) % 7;
  return (day - back + 4 - weekStartsOn) / 7;
}

export interface RefCohort {
  period: number;
  size: number;
  active: number[];
  revenue: string[];
}

/** The event rules of the cohort table (see `src/_lib/eventRules.ts`). */
export interface RefRules {
  /** What makes active and sets the cohort: default `'events'` (every row but refunds). */
  active?: "events" | "purchases" | "rows";
  /** Whether refunds are netted into revenue (default) or left out. */
  refunds?: "net" | "exclude";
}

/** Whether an event of revenue `amount` makes its customer active under `rules`. */
export function refActive(amount: Decimal, rules: RefRules = {}): boolean {
  const sign = amount.isZero() ? 0 : amount.isNegative() ? -1 : 1;
  const active = rules.active ?? "events";
  return active === "rows" ? true : active === "events" ? sign >= 0 : sign > 0;
}

/**
 * The calendar cohort table: a customer's cohort is the period of their first active event
 * (customers without one are left out); `active[k]` counts customers with an active event in
 * period k; `revenue[k]` sums the counted revenue (refunds netted unless excluded) of events in
 * period k >= 0; the triangle runs to the last period holding an active event or counted,
 * non-zero revenue of a customer in the table.
 */
export function referenceTable(
  events: readonly RefEvent[],
  zone: string,
  period: string,
  weekStartsOn = 1,
  rules: RefRules = {},
): RefCohort[] {
  const net = (rules.refunds ?? "net") === "net";
  const first = new Map<string | number, number>();
  for (const e of events) {
    if (!refActive(new Decimal(e.revenue), rules)) continue;
    const p = refPeriod(e.at, zone, period, weekStartsOn);
    const f = first.get(e.customerId);
    if (f === undefined || p < f) first.set(e.customerId, p);
  }
  // Per customer: period -> [active, revenue]
  const byCustomer = new Map<string | number, Map<number, [boolean, Decimal]>>();
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const cohort = first.get(e.customerId);
    if (cohort === undefined) continue;
    const p = refPeriod(e.at, zone, period, weekStartsOn);
    if (p < cohort) continue;
    const amount = new Decimal(e.revenue);
    const active = refActive(amount, rules);
    const counted = net || !amount.isNegative() ? amount : new Decimal(0);
    if (!active && counted.isZero()) continue;
    if (p > last) last = p;
    let periods = byCustomer.get(e.customerId);
    if (periods === undefined) {
      periods = new Map();
      byCustomer.set(e.customerId, periods);
    }
    const cell = periods.get(p) ?? [false, new Decimal(0)];
    periods.set(p, [cell[0] || active, cell[1].plus(counted)]);
  }
  const cohorts = new Map<number, RefCohort>();
  for (const [id, periods] of byCustomer) {
    const start = first.get(id) as number;
    let c = cohorts.get(start);
    if (c === undefined) {
      const n = last - start + 1;
      c = { period: start, size: 0, active: new Array(n).fill(0), revenue: new Array(n).fill("0") };
      cohorts.set(start, c);
    }
    c.size++;
    for (const [p, [active, rev]] of periods) {
      const k = p - start;
      if (active) c.active[k] = (c.active[k] as number) + 1;
      c.revenue[k] = new Decimal(c.revenue[k] as string).plus(rev).toString();
    }
  }
  return [...cohorts.values()].sort((a, b) => a.period - b.period);
}
