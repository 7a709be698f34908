/**
 * The scoring of `rfmSegments` (src/cohorts/helpers/rfmSegments.ts) on per-customer figures
 * read back from SQL: the same tie rules, the same quantile breaks (Decimals, numpy's linear
 * interpolation), the same segment map and result shape. Kept step for step with that file;
 * the tests compare the two on every tie rule.
 */
import { fail, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import { clean, Decimal as D, type Decimal } from "../../_lib/decimal.js";
import {
  observationEnd,
  type PurchaseRule,
  purchasesOption,
  type RefundRule,
  refundsOption,
} from "../../_lib/eventRules.js";
import { timeZoneOption } from "../../_lib/time.js";
import type { CustomerId } from "../../cohorts/engine/types.js";
import type {
  RfmCustomer,
  RfmSegmentRule,
  RfmSegmentsResult,
  RfmTies,
} from "../../cohorts/helpers/rfmSegments.js";

const TIES: readonly RfmTies[] = ["min", "average", "max", "dense", "ntile", "quantile"];

/** The read options of `rfmQuery` / `rfmFromRows`. */
export interface RfmSettings {
  readonly timeZone: string;
  readonly end: number;
  readonly bins: number;
  readonly ties: RfmTies;
  readonly inverted: boolean;
  readonly mean: boolean;
  readonly days: boolean;
  readonly purchases: PurchaseRule;
  readonly refunds: RefundRule;
  readonly rules: readonly RfmSegmentRule[] | null;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Read the options as `rfmSegments` reads them (the same fields and errors). */
export function readRfmOptions(value: unknown, fn: string): RfmSettings {
  const o = readOptions<Record<string, unknown>>(value, fn);
  const timeZone = timeZoneOption(o.timeZone, fn);
  if (o.asOf === undefined) fail(fn, "asOf", "INVALID_DATE", "is required", undefined);
  const end = observationEnd(o.asOf, timeZone, fn, "asOf");
  const bins = o.bins === undefined ? 5 : intNumber(o.bins, fn, "bins", 2);
  if (bins > 100) fail(fn, "bins", "OUT_OF_RANGE", "must be at most 100", o.bins);
  return {
    timeZone,
    end,
    bins,
    ties: option(o.ties, TIES, "min", fn, "ties"),
    inverted:
      option(o.recency, ["inverted", "raw"] as const, "inverted", fn, "recency") === "inverted",
    mean: option(o.monetary, ["total", "mean"] as const, "total", fn, "monetary") === "mean",
    days: option(o.frequency, ["orders", "days"] as const, "orders", fn, "frequency") === "days",
    purchases: purchasesOption(o.purchases, fn),
    refunds: refundsOption(o.refunds, fn),
    rules: readRules(o.segments, bins, fn),
    raw: o,
  };
}

const range = (lo: number, hi: number): readonly [number, number] =>
  Object.freeze([lo, hi] as const);
const rule = (
  name: string,
  r: readonly [number, number],
  f: readonly [number, number],
  m: readonly [number, number],
): RfmSegmentRule => Object.freeze({ name, r, f, m });

/** The built-in 11-segment map of `rfmSegments` for 5 bins (see docs/survival-and-rfm.md). */
const DEFAULT_RULES: readonly (readonly [
  string,
  number,
  number,
  number,
  number,
  number,
  number,
])[] = [
  ["New customers", 4, 5, 1, 1, 1, 1],
  ["Promising", 3, 4, 1, 1, 1, 1],
  ["Lost", 1, 1, 1, 1, 1, 1],
  ["Can't lose them", 1, 1, 4, 5, 4, 5],
  ["Champions", 4, 5, 4, 5, 4, 5],
  ["Need attention", 2, 3, 2, 3, 2, 3],
  ["About to sleep", 2, 3, 1, 2, 1, 2],
  ["Hibernating", 1, 2, 1, 2, 1, 2],
  ["Potential loyalist", 3, 5, 1, 3, 1, 3],
  ["At risk", 1, 2, 2, 5, 2, 5],
  ["Loyal", 2, 5, 3, 5, 3, 5],
];

const OTHERS = "Others";

function readRules(value: unknown, bins: number, fn: string): readonly RfmSegmentRule[] | null {
  if (value === undefined) {
    return bins === 5
      ? DEFAULT_RULES.map(([name, r0, r1, f0, f1, m0, m1]) =>
          rule(name, range(r0, r1), range(f0, f1), range(m0, m1)),
        )
      : null;
  }
  if (!Array.isArray(value)) {
    return fail(
      fn,
      "segments",
      "INVALID_OPTION",
      "must be an array of { name, r, f, m } rules",
      value,
    );
  }
  return value.map((item: unknown, i: number) => {
    const at = `segments[${i}]`;
    if (item === null || typeof item !== "object")
      fail(fn, at, "INVALID_OPTION", "must be a { name, r, f, m } rule", item);
    const { name, r, f, m } = item as Record<string, unknown>;
    if (typeof name !== "string" || name === "")
      fail(fn, `${at}.name`, "INVALID_OPTION", "must be a non-empty string", name);
    const ranges = [r, f, m].map((bounds, k) => {
      if (
        !Array.isArray(bounds) ||
        bounds.length !== 2 ||
        !bounds.every((b) => Number.isInteger(b) && b >= 1 && b <= bins) ||
        bounds[0] > bounds[1]
      ) {
        fail(
          fn,
          `${at}.${"rfm"[k]}`,
          "INVALID_OPTION",
          `must be a range [low, high] of scores from 1 to ${bins}`,
          bounds,
        );
      }
      return range(bounds[0] as number, bounds[1] as number);
    }) as [readonly [number, number], readonly [number, number], readonly [number, number]];
    return rule(name as string, ...ranges);
  });
}

/**
 * Scores 1…bins for values in customer-id order (lower value, lower score; the id breaks
 * ties for `'ntile'`), as `rfmSegments` scores them.
 */
export function scoreValues(values: readonly Decimal[], bins: number, ties: RfmTies): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as Decimal).comparedTo(values[b] as Decimal) || a - b,
  );
  const scores = new Array<number>(n).fill(1);
  if (ties === "ntile") {
    const q = Math.floor(n / bins);
    const rem = n % bins;
    const big = rem * (q + 1);
    for (let p = 0; p < n; p++) {
      scores[order[p] as number] =
        p < big ? Math.floor(p / (q + 1)) + 1 : rem + Math.floor((p - big) / q) + 1;
    }
    return scores;
  }
  if (ties === "quantile") {
    const sorted = order.map((i) => values[i] as Decimal);
    const breaks: Decimal[] = [];
    for (let k = 1; k < bins; k++) {
      const pos = new D(k * (n - 1)).div(bins);
      const lo = pos.floor().toNumber();
      const below = sorted[lo] as Decimal;
      const above = sorted[Math.min(lo + 1, n - 1)] as Decimal;
      breaks.push(below.plus(above.minus(below).times(pos.minus(lo))));
    }
    values.forEach((v, i) => {
      scores[i] = 1 + breaks.filter((b) => b.lt(v)).length;
    });
    return scores;
  }
  let dense = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    const first = values[order[start] as number] as Decimal;
    while (end < n && (values[order[end] as number] as Decimal).eq(first)) end++;
    dense++;
    const doubledRank =
      ties === "min"
        ? 2 * (start + 1)
        : ties === "max"
          ? 2 * end
          : ties === "average"
            ? start + 1 + end
            : 2 * dense;
    const score = Math.ceil((bins * doubledRank) / (2 * n));
    for (let p = start; p < end; p++) scores[order[p] as number] = score;
    start = end;
  }
  return scores;
}

/** One customer's figures, with the scores the query gave (null where it gave none). */
export interface RfmFigures {
  readonly customerId: CustomerId;
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: Decimal;
  readonly r: number | null;
  readonly f: number | null;
  readonly m: number | null;
  /** The index of its row in the rows read (for errors). */
  readonly row: number;
}

/** The result of `rfmSegments` from per-customer figures (in id order). */
export function rfmResult(
  figures: readonly RfmFigures[],
  how: RfmSettings,
  fn: string,
): RfmSegmentsResult {
  const { bins, ties, rules } = how;
  const count = figures.length;
  const sign = how.inverted ? -1 : 1;
  const rScores = scoreValues(
    figures.map((x) => new D(sign * x.recency + 0)),
    bins,
    ties,
  );
  const fScores = scoreValues(
    figures.map((x) => new D(x.frequency)),
    bins,
    ties,
  );
  const mScores = scoreValues(
    figures.map((x) => x.monetary),
    bins,
    ties,
  );
  // A score the query computed must be the one the options give (rows of a query made with
  // other options would otherwise pass unnoticed).
  figures.forEach((x, i) => {
    for (const [key, scores] of [
      ["r", rScores],
      ["f", fScores],
      ["m", mScores],
    ] as const) {
      const given = x[key];
      if (given !== null && given !== scores[i]) {
        fail(
          fn,
          `rows[${x.row}].${key}`,
          "INCONSISTENT",
          `must be the score the options give (${scores[i]}): were the rows made with other options?`,
          given,
        );
      }
    }
  });
  const counts = new Map<string, number>();
  if (rules !== null) {
    for (const x of rules) counts.set(x.name, 0);
    counts.set(OTHERS, 0);
  }
  const customers: RfmCustomer[] = figures.map((x, i) => {
    const r = rScores[i] as number;
    const f = fScores[i] as number;
    const m = mScores[i] as number;
    let segment: string | null = null;
    if (rules !== null) {
      const hit = rules.find(
        (u) =>
          r >= u.r[0] && r <= u.r[1] && f >= u.f[0] && f <= u.f[1] && m >= u.m[0] && m <= u.m[1],
      );
      segment = hit === undefined ? OTHERS : hit.name;
      counts.set(segment, (counts.get(segment) as number) + 1);
    }
    return Object.freeze({
      customerId: x.customerId,
      recency: x.recency,
      frequency: x.frequency,
      monetary: x.monetary,
      r,
      f,
      m,
      score: bins > 9 ? `${r}-${f}-${m}` : `${r}${f}${m}`,
      segment,
    });
  });
  const segments = [...counts].map(([name, n]) =>
    Object.freeze({ name, customers: n, share: clean(new D(n).div(count)) }),
  );
  let byCustomer: Map<CustomerId, RfmCustomer> | undefined;
  return Object.freeze({
    customers: Object.freeze(customers),
    get byCustomer(): ReadonlyMap<CustomerId, RfmCustomer> {
      if (byCustomer === undefined) {
        byCustomer = new Map();
        for (const row of customers) byCustomer.set(row.customerId, row);
      }
      return byCustomer;
    },
    segments: Object.freeze(segments),
  });
}
