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

/** The calendar cohort table (first-event cohorts, triangle to the last event's period). */
export function referenceTable(
  events: readonly RefEvent[],
  zone: string,
  period: string,
  weekStartsOn = 1,
): RefCohort[] {
  const byCustomer = new Map<string | number, Map<number, Decimal>>();
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const p = refPeriod(e.at, zone, period, weekStartsOn);
    if (p > last) last = p;
    let periods = byCustomer.get(e.customerId);
    if (periods === undefined) {
      periods = new Map();
      byCustomer.set(e.customerId, periods);
    }
    periods.set(p, (periods.get(p) ?? new Decimal(0)).plus(e.revenue));
  }
  const cohorts = new Map<number, RefCohort>();
  for (const periods of byCustomer.values()) {
    const first = Math.min(...periods.keys());
    let c = cohorts.get(first);
    if (c === undefined) {
      const n = last - first + 1;
      c = { period: first, size: 0, active: new Array(n).fill(0), revenue: new Array(n).fill("0") };
      cohorts.set(first, c);
    }
    c.size++;
    for (const [p, rev] of periods) {
      const k = p - first;
      c.active[k] = (c.active[k] as number) + 1;
      c.revenue[k] = new Decimal(c.revenue[k] as string).plus(rev).toString();
    }
  }
  return [...cohorts.values()].sort((a, b) => a.period - b.period);
}
