/**
 * The scoring of RFM, shared by `rfmSegments` and the SQL reader `rfmFromRows`: the segment
 * rules (the built-in map and the `segments` option), scores 1…bins under each tie rule, and
 * the result's rows and segment counts.
 */
import { fail } from "../../_lib/assert.js";
import { clean, Decimal as D, type Decimal } from "../../_lib/decimal.js";
import { numberOrder } from "../engine/group/sortOrder.js";
import type { Arena } from "../engine/memory.js";
import type { CustomerId } from "../engine/types.js";
import type { RfmCustomer, RfmSegmentRule, RfmSegmentsResult, RfmTies } from "./rfmSegments.js";

const range = (lo: number, hi: number): readonly [number, number] =>
  Object.freeze([lo, hi] as const);
const rule = (
  name: string,
  r: readonly [number, number],
  f: readonly [number, number],
  m: readonly [number, number],
): RfmSegmentRule => Object.freeze({ name, r, f, m });

/**
 * The built-in segment map for 5 bins, narrowest rules first (see docs/survival-and-rfm.md).
 * Ranges from the 11-segment table of the R package rfm ("RFM – Transaction Level Data"),
 * which follows Putler's RFM segments; Lost is read as 111, its "lowest scores".
 */
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

let defaultMap: readonly RfmSegmentRule[] | undefined;

/** The built-in map as frozen rules, built on first use (nothing runs when the module loads). */
function defaultRules(): readonly RfmSegmentRule[] {
  defaultMap ??= Object.freeze(
    DEFAULT_RULES.map(([name, r0, r1, f0, f1, m0, m1]) =>
      rule(name, range(r0, r1), range(f0, f1), range(m0, m1)),
    ),
  );
  return defaultMap;
}

/** The segment of customers no rule matches. */
export const OTHERS = "Others";

/** The `segments` option: the rules given, the built-in map for 5 bins, or none. */
export function readRules(
  value: unknown,
  bins: number,
  fn: string,
): readonly RfmSegmentRule[] | null {
  if (value === undefined) return bins === 5 ? defaultRules() : null;
  if (!Array.isArray(value)) {
    return fail(
      fn,
      "segments",
      "INVALID_OPTION",
      "must be an array of { name, r, f, m } rules",
      value,
    );
  }
  const rules: RfmSegmentRule[] = [];
  value.forEach((item: unknown, i: number) => {
    const at = `segments[${i}]`;
    if (item === null || typeof item !== "object")
      fail(fn, at, "INVALID_OPTION", "must be a { name, r, f, m } rule", item);
    const { name, r, f, m } = item as Record<string, unknown>;
    if (typeof name !== "string" || name === "")
      fail(fn, `${at}.name`, "INVALID_OPTION", "must be a non-empty string", name);
    const ranges = [r, f, m].map((bounds, k) => {
      const where = `${at}.${"rfm"[k]}`;
      if (
        !Array.isArray(bounds) ||
        bounds.length !== 2 ||
        !bounds.every((b) => Number.isInteger(b) && b >= 1 && b <= bins) ||
        bounds[0] > bounds[1]
      ) {
        fail(
          fn,
          where,
          "INVALID_OPTION",
          `must be a range [low, high] of scores from 1 to ${bins}`,
          bounds,
        );
      }
      return range(bounds[0] as number, bounds[1] as number);
    }) as [readonly [number, number], readonly [number, number], readonly [number, number]];
    rules.push(rule(name as string, ...ranges));
  });
  return rules;
}

/**
 * Scores 1…bins for values, lower value → lower score. Values are in customer-id order; the
 * id breaks ties for `'ntile'`. `sorted` is the positions of numeric values in ascending
 * order, ties in position order (`numberOrder`), when the caller has it; `scratch` is memory
 * for the order when it is made here.
 */
export function scoreValues(
  input: readonly Decimal[] | ArrayLike<number>,
  bins: number,
  ties: RfmTies,
  sorted?: ArrayLike<number>,
  scratch: Arena | null = null,
): number[] {
  const n = input.length;
  const numeric = typeof input[0] === "number";
  const nums = input as ArrayLike<number>;
  const decs = input as readonly Decimal[];
  // Positions are in customer-id order, so ties in position order are ties broken by id.
  const order: ArrayLike<number> = numeric
    ? (sorted ?? numberOrder(nums, n, scratch))
    : Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => (decs[a] as Decimal).comparedTo(decs[b] as Decimal) || a - b,
      );
  const same = (a: number, b: number) =>
    numeric ? nums[a] === nums[b] : (decs[a] as Decimal).eq(decs[b] as Decimal);
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
    const values = numeric ? Array.from(nums, (x) => new D(x)) : decs;
    const sorted = Array.from(order, (i) => values[i] as Decimal);
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
    const first = order[start] as number;
    while (end < n && same(order[end] as number, first)) end++;
    dense++;
    // ranks are start+1 … end; score = ceil(bins · rank / n), rank doubled for the average
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

/** Each customer's figures and scores, in customer-id order (see {@link rfmRows}). */
export interface RfmFiguresInOrder {
  readonly count: number;
  readonly bins: number;
  readonly rules: readonly RfmSegmentRule[] | null;
  customerId(i: number): CustomerId;
  recency(i: number): number;
  frequency(i: number): number;
  monetary(i: number): Decimal;
  readonly rScores: readonly number[];
  readonly fScores: readonly number[];
  readonly mScores: readonly number[];
}

/** The result of RFM: a row per customer, its segment, and the count per segment (frozen). */
export function rfmRows(x: RfmFiguresInOrder): RfmSegmentsResult {
  const { count, bins, rules, rScores, fScores, mScores } = x;
  const counts = new Map<string, number>();
  if (rules !== null) {
    for (const r of rules) counts.set(r.name, 0);
    counts.set(OTHERS, 0);
  }
  const customers: RfmCustomer[] = new Array(count);
  // by cell (r, f, m): the score text and the segment, made once per cell
  const cells = bins * bins * bins;
  const scoreText = new Array<string | undefined>(cells).fill(undefined);
  const segmentOf = new Array<string | undefined>(cells).fill(undefined);
  // customers per cell, summed per segment at the end
  const inCell = new Int32Array(cells);
  for (let i = 0; i < count; i++) {
    const id = x.customerId(i);
    const customerId = id === 0 ? 0 : id;
    const r = rScores[i] as number;
    const f = fScores[i] as number;
    const m = mScores[i] as number;
    const code = ((r - 1) * bins + (f - 1)) * bins + (m - 1);
    let score = scoreText[code];
    if (score === undefined) {
      score = bins > 9 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
      scoreText[code] = score;
      if (rules !== null) {
        const hit = rules.find(
          (x) =>
            r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1] && m >= x.m[0] && m <= x.m[1],
        );
        segmentOf[code] = hit === undefined ? OTHERS : hit.name;
      }
    }
    inCell[code] = (inCell[code] as number) + 1;
    const segment = rules === null ? null : (segmentOf[code] as string);
    // not frozen, as freezing each of a million rows costs as much as making it (the fields
    // are readonly in the type; the array of rows is frozen)
    customers[i] = {
      customerId,
      recency: x.recency(i) + 0,
      frequency: x.frequency(i),
      monetary: x.monetary(i),
      r,
      f,
      m,
      score,
      segment,
    };
  }
  if (rules !== null) {
    for (let code = 0; code < cells; code++) {
      const n = inCell[code] as number;
      if (n === 0) continue;
      const segment = segmentOf[code] as string;
      counts.set(segment, (counts.get(segment) as number) + n);
    }
  }
  const segments = [...counts].map(([name, n]) =>
    Object.freeze({ name, customers: n, share: clean(new D(n).div(count)) }),
  );
  // The Map by customer is made when first read: a caller that reads the rows only does not
  // pay for hashing every id.
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
