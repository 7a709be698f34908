import { fail, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import type { Decimal } from "../../_lib/decimal.js";
import type { PurchaseRule, RefundRule } from "../../_lib/eventRules.js";
import {
  lastObservedDay,
  observationEnd,
  purchasesOption,
  refundsOption,
} from "../../_lib/eventRules.js";
import { timeZoneOption } from "../../_lib/time.js";
import { ResultDecimals, totalsInOrder } from "../engine/group/decimalCache.js";
import { type Customers, logSource, perCustomer } from "../engine/group/perCustomer.js";
import { RfmScan } from "../engine/group/rfmScan.js";
import { numberOrder } from "../engine/group/sortOrder.js";
import type {
  CohortColumns,
  CohortEvent,
  CustomerId,
  EventAccessors,
  InstantInput,
} from "../engine/types.js";
import { readRules, rfmRows, scoreValues } from "./rfmScores.js";

const FN = "rfmSegments";

/**
 * How equal values are scored by {@link rfmSegments} (n customers, b bins, rank r from 1).
 *
 * - `'min'` (default): `ceil(b·r/n)` with the lowest rank of the tie; equal values share a score.
 * - `'average'` / `'max'`: the same with the tie's average / highest rank.
 * - `'dense'`: `ceil(b·k/n)` with k the dense rank (1, 2, 3, … over distinct values).
 * - `'ntile'`: SQL `NTILE(b)` over the sorted customers, ties broken by customer id: equal
 *   bins (larger ones first), but equal values may get different scores.
 * - `'quantile'`: cut at the b − 1 quantile break values (numpy's linear interpolation); a
 *   value equal to a break goes to the lower bin.
 *
 * @category Cohorts
 */
export type RfmTies = "min" | "average" | "max" | "dense" | "ntile" | "quantile";

/**
 * One rule of a segment map: a customer whose three scores fall in the inclusive ranges gets
 * the segment `name`. The first matching rule wins.
 *
 * @category Cohorts
 */
export interface RfmSegmentRule {
  /** Segment name. */
  readonly name: string;
  /** Inclusive range of the recency score. */
  readonly r: readonly [number, number];
  /** Inclusive range of the frequency score. */
  readonly f: readonly [number, number];
  /** Inclusive range of the monetary score. */
  readonly m: readonly [number, number];
}

/**
 * Options of {@link rfmSegments}.
 *
 * @category Cohorts
 */
export interface RfmSegmentsOptions<Row = CohortEvent> extends EventAccessors<Row> {
  /**
   * The end of the observation, as every observation end of the library: a calendar date
   * (`'2024-03-31'`) names the last day observed, included in full; an instant (a Date, epoch
   * ms, a date-time string) is the first instant not observed (events at or after it are left
   * out). Recency is counted to the last observed day. Required.
   */
  asOf: InstantInput;
  /** Number of score bins per dimension, 2 to 100. Default 5 (quintiles). */
  bins?: number | undefined;
  /** Tie policy (see {@link RfmTies}). Default `'min'`. */
  ties?: RfmTies | undefined;
  /**
   * `'inverted'` (default): fewer days since the last purchase score higher.
   * `'raw'`: recency is scored like the other dimensions (more days, higher score).
   */
  recency?: "inverted" | "raw" | undefined;
  /** `'total'` (default): total spend; `'mean'`: spend per unit of `frequency`. */
  monetary?: "total" | "mean" | undefined;
  /** `'orders'` (default): purchases (rows); `'days'`: distinct purchase days. */
  frequency?: "orders" | "days" | undefined;
  /**
   * What a purchase is: `'positive'` (default) a row with revenue above 0; `'all'` every row
   * that is not a refund. A log in which no row has revenue needs `'all'`.
   */
  purchases?: PurchaseRule | undefined;
  /**
   * `'net'` (default): refunds (negative revenue) are subtracted from the customer's total;
   * `'exclude'`: they are left out.
   */
  refunds?: RefundRule | undefined;
  /**
   * Segment map, first matching rule wins, unmatched customers are `'Others'`. Default: the
   * built-in 11-segment map when `bins` is 5, none otherwise (segments are then `null`).
   */
  segments?: readonly RfmSegmentRule[] | undefined;
  /** IANA time zone in which calendar days are counted. Default `'UTC'`. */
  timeZone?: string | undefined;
}

/**
 * One customer's RFM figures.
 *
 * @category Cohorts
 */
export interface RfmCustomer {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Calendar days from the last purchase to the last observed day. */
  readonly recency: number;
  /** Purchases (rows), or distinct purchase days with `frequency: 'days'`, before the end. */
  readonly frequency: number;
  /** Total spend (refunds netted by default), or spend per unit of frequency with `monetary: 'mean'`. */
  readonly monetary: Decimal;
  /** Recency score, 1…bins. */
  readonly r: number;
  /** Frequency score, 1…bins. */
  readonly f: number;
  /** Monetary score, 1…bins. */
  readonly m: number;
  /** The three scores concatenated (`'545'`); joined with `-` when bins exceed 9. */
  readonly score: string;
  /** Segment name, or `null` when no segment map applies. */
  readonly segment: string | null;
}

/**
 * Size of one segment.
 *
 * @category Cohorts
 */
export interface RfmSegmentSummary {
  /** Segment name (`'Others'` for customers no rule matched). */
  readonly name: string;
  /** Customers in it. */
  readonly customers: number;
  /** Fraction of all customers. */
  readonly share: Decimal;
}

/**
 * Result of {@link rfmSegments}.
 *
 * @category Cohorts
 */
export interface RfmSegmentsResult {
  /** One row per customer, ordered by customer id (numbers first, then strings). */
  readonly customers: readonly RfmCustomer[];
  /** The same rows by customer id. */
  readonly byCustomer: ReadonlyMap<CustomerId, RfmCustomer>;
  /** Every segment of the map in rule order, then `'Others'`; empty without a map. */
  readonly segments: readonly RfmSegmentSummary[];
}

/**
 * Recency, frequency and monetary scores and named segments for every customer.
 *
 * @remarks
 * ```text
 * recency   = calendar days from the customer's last purchase to the last observed day
 * frequency = purchases (rows) before the end   (frequency: 'days': distinct purchase days)
 * monetary  = Σ purchase revenue − Σ refunds    (or monetary / frequency with monetary: 'mean')
 * score     = ceil(bins · rank / n) per dimension (ties: 'min' rank by default);
 *             recency is ranked on −days, so the most recent buyers score bins
 * RFM score = r, f and m concatenated: '555' best, '111' worst
 * ```
 * What a purchase is follows the library's event rules: a row with revenue above 0 is a
 * purchase, a row with revenue below 0 a refund (never a purchase or an order), a row with
 * revenue 0 or none (`undefined` / `null`) activity, which does not count. `purchases: 'all'`
 * counts every row that is not a refund (a log of orders without amounts; a log in which no
 * row has revenue is refused without it). Refunds are subtracted from the customer's total
 * (`refunds: 'net'`, the default) or left out (`'exclude'`); a customer without a purchase
 * before the end has no row. `asOf` is read as every observation end of the library: a
 * calendar date (`'2024-04-01'`) is the last day observed, included in full; an instant is the
 * first instant not observed (events at or after it are left out). Recency counts to the last
 * observed day (the day holding the last instant before the end), in `timeZone`. With distinct
 * values every bin holds n/bins customers (±1); ties follow `ties`.
 *
 * The default segment map (bins = 5) has 11 segments, first matching rule wins, narrowest
 * first; unmatched customers are `'Others'`:
 * ```text
 * segment             R     F     M
 * New customers       4–5   1     1
 * Promising           3–4   1     1
 * Lost                1     1     1
 * Can't lose them     1     4–5   4–5
 * Champions           4–5   4–5   4–5
 * Need attention      2–3   2–3   2–3
 * About to sleep      2–3   1–2   1–2
 * Hibernating         1–2   1–2   1–2
 * Potential loyalist  3–5   1–3   1–3
 * At risk             1–2   2–5   2–5
 * Loyal               2–5   3–5   3–5
 * ```
 *
 * @example
 * ```ts
 * const { customers, segments } = rfmSegments([
 *   { customerId: 'a', at: '2024-03-30', revenue: '120' },
 *   { customerId: 'a', at: '2024-02-01', revenue: '80' },
 *   { customerId: 'b', at: '2023-11-15', revenue: '15' },
 * ], { asOf: '2024-04-01', bins: 2 })
 * customers[0].recency //=> 2
 * customers[0].score   //=> '222'
 * customers[1].score   //=> '111'
 * ```
 * @throws {@link MetricInputError} `EMPTY` when no customer bought before the end;
 * `INVALID_DATE` for a bad event date (`'events[3].at'`) or a missing `asOf`;
 * `NOT_A_NUMBER` for a bad customer id or revenue; `OUT_OF_RANGE` / `NOT_INTEGER` for bad
 * `bins`; `INVALID_OPTION` for an unknown option value, a malformed segment rule, or a
 * non-empty log in which no row has revenue under `purchases: 'positive'` (field `purchases`).
 * @see Hughes (1994), "Strategic Database Marketing" (RFM quintile scoring); R package rfm
 * (Hebbali), vignette "RFM – Transaction Level Data" (segment table, after Putler's RFM segments).
 * @category Cohorts
 */
export function rfmSegments<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns,
  options: RfmSegmentsOptions<Row>,
): RfmSegmentsResult {
  const opts = readOptions<RfmSegmentsOptions<Row>>(options, FN);
  const timeZone = timeZoneOption(opts.timeZone, FN);
  if (opts.asOf === undefined) fail(FN, "asOf", "INVALID_DATE", "is required", undefined);
  const end = observationEnd(opts.asOf, timeZone, FN, "asOf");
  const bins = opts.bins === undefined ? 5 : intNumber(opts.bins, FN, "bins", 2);
  if (bins > 100) fail(FN, "bins", "OUT_OF_RANGE", "must be at most 100", opts.bins);
  const ties = option(
    opts.ties,
    ["min", "average", "max", "dense", "ntile", "quantile"] as const,
    "min",
    FN,
    "ties",
  );
  const recencyDirection = option(
    opts.recency,
    ["inverted", "raw"] as const,
    "inverted",
    FN,
    "recency",
  );
  const monetaryBasis = option(opts.monetary, ["total", "mean"] as const, "total", FN, "monetary");
  const frequencyBasis = option(
    opts.frequency,
    ["orders", "days"] as const,
    "orders",
    FN,
    "frequency",
  );
  const purchases = purchasesOption(opts.purchases, FN);
  const refunds = refundsOption(opts.refunds, FN);
  const rules = readRules(opts.segments, bins, FN);

  return perCustomer(
    events,
    logSource(FN, opts, "events", false),
    {
      zone: timeZone,
      end,
      cut: Number.POSITIVE_INFINITY,
      days: true,
      purchases,
      keepRefunds: refunds === "net",
    },
    (ev) => new RfmScan(ev.extra),
    (scan, customers) =>
      rfmResult(scan, customers, {
        lastDay: lastObservedDay(end, timeZone),
        bins,
        ties,
        sign: recencyDirection === "inverted" ? -1 : 1,
        days: frequencyBasis === "days",
        mean: monetaryBasis === "mean",
        rules,
      }),
  );
}

/** How {@link rfmResult} scores. */
interface Scoring {
  readonly lastDay: number;
  readonly bins: number;
  readonly ties: RfmTies;
  /** -1: fewer days score higher (`recency: 'inverted'`); 1: more days score higher. */
  readonly sign: number;
  /** Frequency in purchase days (else orders). */
  readonly days: boolean;
  /** Monetary per unit of frequency (else the total). */
  readonly mean: boolean;
  readonly rules: readonly RfmSegmentRule[] | null;
}

/** The result for the customers `scan` includes. */
function rfmResult(scan: RfmScan, found: Customers, how: Scoring): RfmSegmentsResult {
  const { lastDay, bins, ties, sign, rules } = how;
  // The figures are read in customer-number order (in sequence), each written to the
  // customer's place in id order.
  const { count, place } = found.placesInIdOrder(scan.included);
  if (count === 0) fail(FN, "events", "EMPTY", "must contain a purchase before the end (asOf)", 0);
  // Working columns from the call's scratch memory: new typed arrays of this size would each
  // count towards V8's next full collection (which marks every id string the caller holds).
  const scratch = found.scratch;
  const ids = new Array<CustomerId>(count);
  const recency = scratch.f64(count);
  const signedRecency = scratch.f64(count);
  const frequency = scratch.f64(count);
  const units = scratch.f64(count);
  const total = scan.total;
  // Totals in whole hundredths rank as numbers, and their Decimals are made once per distinct
  // total in that order; means and inexact totals are Decimals made one by one.
  const exactTotals = !how.mean && total.extra === null;
  const perCustomer: Decimal[] | null = exactTotals ? null : new Array(count);
  const decimals = new ResultDecimals();
  for (let g = 0; g < found.count; g++) {
    const i = place[g] as number;
    if (i < 0) continue;
    ids[i] = found.idOf(g);
    const days = lastDay - (scan.lastDay[g] as number);
    recency[i] = days;
    signedRecency[i] = sign * days;
    const f = how.days ? (scan.days[g] as number) : (scan.orders[g] as number);
    frequency[i] = f;
    units[i] = total.units[g] as number;
    if (perCustomer !== null) {
      perCustomer[i] = how.mean ? decimals.mean(total, g, f) : decimals.total(total, g);
    }
  }
  const rScores = scoreValues(signedRecency, bins, ties, undefined, scratch);
  const fScores = scoreValues(frequency, bins, ties, undefined, scratch);
  let monetary: (i: number) => Decimal;
  let mScores: number[];
  if (perCustomer === null) {
    const byTotal = numberOrder(units, count, scratch);
    const { index, values } = totalsInOrder(units, byTotal, count, scratch);
    monetary = (i) => values[index[i] as number] as Decimal;
    mScores = scoreValues(units, bins, ties, byTotal);
  } else {
    monetary = (i) => perCustomer[i] as Decimal;
    mScores = scoreValues(perCustomer, bins, ties);
  }

  return rfmRows({
    count,
    bins,
    rules,
    customerId: (i) => ids[i] as CustomerId,
    recency: (i) => recency[i] as number,
    frequency: (i) => frequency[i] as number,
    monetary,
    rScores,
    fScores,
    mScores,
  });
}
