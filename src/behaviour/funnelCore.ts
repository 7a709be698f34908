/**
 * The shared body of `funnelAnalysis` and `lifecycleStageFunnel`: option reading, the read of
 * the log (`readTypedEvents`), the scan (`funnelScan`) and the result.
 */
import { describe, fail, option } from "../_lib/assert.js";
import { Decimal } from "../_lib/decimal.js";
import { observationEnd } from "../_lib/eventRules.js";
import { readConfidence } from "../_lib/normal.js";
import { timeZoneOption } from "../_lib/time.js";
import { funnelScan } from "../cohorts/engine/group/funnelScan.js";
import { readTypedEvents } from "../cohorts/engine/group/readTypedEvents.js";
import type { EventView, TypedEvents, TypedPlan } from "../cohorts/engine/group/typedEvents.js";
import { wilsonInterval } from "../conversion/wilsonInterval.js";
import { quartiles } from "./quartiles.js";
import { accessor, predicateError } from "./read.js";
import type { FunnelAnalysisStep, FunnelBreakdown, FunnelResult, StepTimes } from "./types.js";
import { MS_PER_UNIT, readWindow } from "./window.js";

/** The most steps a funnel may have. */
export const MAX_STEPS = 30;

type Predicate = (event: unknown, index: number) => unknown;

/** A step as read: its label and either a name or a predicate. */
export interface StepSpec {
  readonly label: string;
  /** Field of the step in errors (`steps[2]`, `stages.purchase`). */
  readonly field: string;
  readonly match: string | Predicate;
}

/** Read a step matcher at `field`. */
export function readStep(value: unknown, field: string, fn: string, fallback: string): StepSpec {
  if (typeof value === "string") {
    if (value.length === 0)
      fail(fn, field, "INVALID_OPTION", "must be a non-empty event name", value);
    return { label: value, field, match: value };
  }
  if (typeof value === "function") {
    const name = (value as { name?: unknown }).name;
    return {
      label: typeof name === "string" && name.length > 0 ? name : fallback,
      field,
      match: value as Predicate,
    };
  }
  return fail(
    fn,
    field,
    "INVALID_OPTION",
    "must be an event name or a predicate (event, index) => boolean",
    value,
  );
}

/** The `steps` option: 1 to 30 event names or predicates. */
export function readFunnelSteps(raw: unknown, fn: string): StepSpec[] {
  if (!Array.isArray(raw)) {
    fail(fn, "steps", "INVALID_OPTION", "must be an array of event names or predicates", raw);
  }
  if (raw.length === 0) fail(fn, "steps", "EMPTY", "must have at least one step", raw);
  if (raw.length > MAX_STEPS) {
    fail(fn, "steps", "OUT_OF_RANGE", `must have at most ${MAX_STEPS} steps`, raw);
  }
  return raw.map((s, k) => readStep(s, `steps[${k}]`, fn, `step ${k + 1}`));
}

/** Run the funnel of `steps` (already read) on `events` with the options `o`. */
export function runFunnel(
  events: unknown,
  steps: readonly StepSpec[],
  o: Record<string, unknown>,
  order: "strict" | "any-order",
  fn: string,
): FunnelResult {
  const funnel = prepareFunnel(steps, o, order, fn);
  return funnel.finish(readTypedEvents(events, funnel.plan));
}

/** A funnel whose options are read: the plan to read its log with, and the step to finish. */
export interface PreparedFunnel {
  readonly plan: TypedPlan;
  finish(ev: TypedEvents): FunnelResult;
}

/** Read the options of a funnel of `steps` (already read), before any event is read. */
export function prepareFunnel(
  steps: readonly StepSpec[],
  o: Record<string, unknown>,
  order: "strict" | "any-order",
  fn: string,
): PreparedFunnel {
  const window = readWindow(o.window, fn, "window");
  const entry = option(o.entry, ["furthest", "first"] as const, "furthest", fn, "entry");
  const zone = timeZoneOption(o.timeZone, fn);
  const end =
    o.asOf === undefined ? Number.POSITIVE_INFINITY : observationEnd(o.asOf, zone, fn, "asOf");
  readConfidence(o.confidence, fn);
  const breakdownBy = accessor(o.breakdownBy, fn, "breakdownBy");
  if (order === "any-order") {
    const seen = new Map<unknown, string>();
    for (const s of steps) {
      const before = seen.get(s.match);
      if (before !== undefined) {
        fail(
          fn,
          s.field,
          "INVALID_OPTION",
          `must differ from ${before} in an any-order funnel (one event would reach both)`,
          s.match,
        );
      }
      seen.set(s.match, s.field);
    }
  }
  // Names to step masks; predicates tried one by one.
  const byName = new Map<unknown, number>();
  const predicates: { bit: number; test: Predicate; field: string }[] = [];
  steps.forEach((s, k) => {
    if (typeof s.match === "string") byName.set(s.match, (byName.get(s.match) ?? 0) | (1 << k));
    else predicates.push({ bit: 1 << k, test: s.match, field: s.field });
  });
  const groupIds = new Map<string | number | boolean | null, number>();
  const groupValues: (string | number | boolean | null)[] = [];
  const plan: TypedPlan = {
    fn,
    root: "events",
    zone,
    end,
    customerId: accessor(o.customerId, fn, "customerId"),
    at: accessor(o.at, fn, "at"),
    event: accessor(o.event, fn, "event"),
    revenue: null,
    readRevenue: false,
    classify: (name, _units, _sign, view, index) => {
      let mask = byName.get(name) ?? 0;
      for (const p of predicates) {
        let hit: unknown;
        try {
          hit = p.test(view(), index);
        } catch (error) {
          predicateError(fn, p.field, index, p.test, error);
        }
        if (hit === true) mask |= p.bit;
        else if (hit !== false) {
          fail(
            fn,
            p.field,
            "INVALID_OPTION",
            `must return true or false (returned ${describe(hit)} on events[${index}])`,
            p.test,
          );
        }
      }
      return mask === 0 ? -1 : mask;
    },
    group:
      breakdownBy === null
        ? null
        : (view: EventView, index: number) => {
            let value: unknown;
            try {
              value = breakdownBy(view(), index);
            } catch (error) {
              predicateError(fn, "breakdownBy", index, breakdownBy, error);
            }
            const key = breakdownKey(value, fn, index);
            let g = groupIds.get(key);
            if (g === undefined) {
              g = groupValues.length;
              groupIds.set(key, g);
              groupValues.push(key);
            }
            return g;
          },
  };
  const finish = (ev: TypedEvents): FunnelResult => {
    const m = steps.length;
    const groups = Math.max(1, groupValues.length);
    const scan = funnelScan(ev, { steps: m, window: window.ms, order, entry, groups });
    const per = MS_PER_UNIT[window.unit];
    const funnelOf = (pick: (g: number) => boolean): FunnelAnalysisStep[] => {
      const counts: number[] = [];
      for (let k = 0; k < m; k++) {
        let c = 0;
        for (let g = 0; g < groups; g++) if (pick(g)) c += scan.reached[g * m + k] as number;
        counts.push(c);
      }
      const first = counts[0] as number;
      return steps.map((s, k): FunnelAnalysisStep => {
        const count = counts[k] as number;
        const previous = k === 0 ? count : (counts[k - 1] as number);
        let times: StepTimes | null = null;
        if (k > 0) {
          const all = scan.gaps[k] as number[];
          const gs = scan.gapGroups[k] as number[];
          const picked: number[] = [];
          for (let i = 0; i < all.length; i++)
            if (pick(gs[i] as number)) picked.push(all[i] as number);
          if (picked.length > 0) {
            const values = Float64Array.from(picked);
            times = {
              customers: picked.length,
              ms: quartiles(values),
              inUnit: quartiles(values, per),
              unit: window.unit,
            };
          }
        }
        const interval = (successes: number, trials: number) =>
          trials === 0
            ? null
            : k === 0
              ? { rate: new Decimal(1), lower: new Decimal(1), upper: new Decimal(1) }
              : wilsonInterval(
                  o.confidence === undefined
                    ? { successes, trials }
                    : { successes, trials, confidence: o.confidence as never },
                );
        return {
          step: k + 1,
          name: s.label,
          count,
          fromPrevious: interval(count, previous),
          fromFirst: interval(count, first),
          timeFromPrevious: times,
        };
      });
    };
    let breakdown: FunnelBreakdown[] | null = null;
    if (breakdownBy !== null) {
      const order = groupValues
        .map((_, g) => g)
        .sort((a, b) => compareKeys(groupValues[a] ?? null, groupValues[b] ?? null));
      breakdown = order.map((g) => ({
        value: groupValues[g] ?? null,
        steps: funnelOf((h) => h === g),
      }));
    }
    return {
      order,
      entry,
      windowMs: window.ms,
      steps: funnelOf(() => true),
      breakdown,
    };
  };
  return { plan, finish };
}

/** A breakdown value as a key: a string, a finite number (never -0), a boolean or null. */
function breakdownKey(value: unknown, fn: string, index: number): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  return fail(
    fn,
    `events[${index}]`,
    "INVALID_OPTION",
    "must give breakdownBy a string, a finite number, a boolean or null",
    value,
  );
}

/** Numbers ascending, then strings by UTF-16 code units, false, true, then null. */
function compareKeys(
  a: string | number | boolean | null,
  b: string | number | boolean | null,
): number {
  const rank = (v: string | number | boolean | null) =>
    v === null ? 4 : v === true ? 3 : v === false ? 2 : typeof v === "string" ? 1 : 0;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}
