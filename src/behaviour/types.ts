import type { Decimal } from "../_lib/decimal.js";
import type { InstantInput } from "../cohorts/engine/types.js";
import type { ProportionInterval } from "../conversion/wilsonInterval.js";
import type { Numeric } from "../types.js";

/**
 * The unit of a conversion window. Fixed lengths: a day is 24 hours and a week 7 days (elapsed
 * time, so daylight-saving changes never stretch a window).
 *
 * @category Behaviour
 */
export type WindowUnit = "seconds" | "minutes" | "hours" | "days" | "weeks";

/**
 * A conversion window: one unit key and a positive amount, e.g. `{ days: 7 }` or
 * `{ hours: 1.5 }`. A bare number is refused: its unit would be a guess.
 *
 * @category Behaviour
 */
export type ConversionWindow = {
  readonly [U in WindowUnit]: { readonly [K in U]: Numeric };
}[WindowUnit];

/**
 * A funnel step: an event name (compared with `===` to the value the `event` accessor reads)
 * or a predicate `(event, index) => boolean` of the row (for columns: of a record
 * `{ customerId, at, event, revenue }` of the row's values) and its index in the log.
 *
 * @category Behaviour
 */
export type FunnelStepMatcher<Row> = string | ((event: Row, index: number) => boolean);

/**
 * Event-log columns with event names: `customerId`, `at` and `event` arrays of one length, and
 * optionally `revenue`.
 *
 * @category Behaviour
 */
export interface TypedEventColumns {
  /** Each event's customer id. */
  readonly customerId: ArrayLike<string | number>;
  /** Each event's time: a Date, an ISO-8601 string or epoch milliseconds. */
  readonly at: ArrayLike<Date | string | number>;
  /** Each event's name. */
  readonly event: ArrayLike<unknown>;
  /** Each event's revenue (negative: a refund; `null` / `undefined`: none). */
  readonly revenue?: ArrayLike<Numeric | null | undefined>;
}

/**
 * A row of a typed event log in the default shape.
 *
 * @category Behaviour
 */
export interface TypedEvent {
  /** The customer's id. */
  readonly customerId: string | number;
  /** The event's time: a Date, an ISO-8601 string or epoch milliseconds. */
  readonly at: Date | string | number;
  /** The event's name: `'page_view'`, `'add_to_cart'`, `'purchase'`, … */
  readonly event: string;
  /** Revenue: positive for a purchase, negative for a refund, absent for none. */
  readonly revenue?: Numeric | null;
}

/**
 * Accessors and time options shared by {@link funnelAnalysis} and {@link behaviourSegments}.
 *
 * @category Behaviour
 */
export interface TypedEventOptions<Row> {
  /** Reads a row's customer id (default `row.customerId`); rows only. */
  readonly customerId?: (row: Row, index: number) => unknown;
  /** Reads a row's time (default `row.at`); rows only. */
  readonly at?: (row: Row, index: number) => unknown;
  /** Reads a row's event name (default `row.event`); rows only. */
  readonly event?: (row: Row, index: number) => unknown;
  /** Reads a row's revenue (default `row.revenue`); rows only. */
  readonly revenue?: (row: Row, index: number) => Numeric | null | undefined;
  /**
   * IANA zone in which times without an offset (`'2024-03-05T10:00'`, `'2024-03-05'`) and a
   * date-only `asOf` are read. Default `'UTC'`; the host zone is never used. Windows are
   * elapsed time, so the zone changes nothing else.
   */
  readonly timeZone?: string;
}

/**
 * Options of {@link funnelAnalysis}.
 *
 * @category Behaviour
 */
export interface FunnelAnalysisOptions<Row> extends TypedEventOptions<Row> {
  /** The steps, in funnel order: 1 to 30 event names or predicates. */
  readonly steps: readonly FunnelStepMatcher<Row>[];
  /** The conversion window, from the entry (step 1) to the last step reached, end included. */
  readonly window: ConversionWindow;
  /**
   * `'strict'` (default): each step strictly after the previous one (a later instant; events at
   * the same instant are not in order). `'any-order'`: steps 2 … i at or after the entry, in
   * any order.
   */
  readonly order?: "strict" | "any-order";
  /**
   * Which entry (step-1 event) a customer is measured from: `'furthest'` (default) the
   * earliest entry reaching the customer's furthest step; `'first'` the first entry only.
   */
  readonly entry?: "furthest" | "first";
  /**
   * The end of the data: events at or after it are left out (a date-only string includes that
   * day in full, in `timeZone`). Default: no end.
   */
  readonly asOf?: InstantInput;
  /**
   * One funnel per value of this accessor, read on each customer's entry event: a string, a
   * finite number, a boolean, or `null` / `undefined` (the group `null`). The groups add up to
   * the total.
   */
  readonly breakdownBy?: (event: Row, index: number) => unknown;
  /** Confidence level of the Wilson intervals. Default `0.95`. */
  readonly confidence?: Numeric;
}

/**
 * Lower quartile, median and upper quartile of a sample (linear interpolation between order
 * statistics: NumPy's default `'linear'` method, Hyndman and Fan's type 7).
 *
 * @category Behaviour
 */
export interface Quartiles {
  /** The 25th percentile. */
  readonly lowerQuartile: Decimal;
  /** The 50th percentile. */
  readonly median: Decimal;
  /** The 75th percentile. */
  readonly upperQuartile: Decimal;
}

/**
 * Times between reaching one step and the next, over the customers who reached the later step.
 *
 * @category Behaviour
 */
export interface StepTimes {
  /** The number of times (customers who reached the step). */
  readonly customers: number;
  /** The quartiles in milliseconds. */
  readonly ms: Quartiles;
  /** The quartiles in the window's unit. */
  readonly inUnit: Quartiles;
  /** The window's unit. */
  readonly unit: WindowUnit;
}

/**
 * One step of a {@link FunnelResult}.
 *
 * @category Behaviour
 */
export interface FunnelAnalysisStep {
  /** The step's number, from 1. */
  readonly step: number;
  /** The event name, or for a predicate its function name (or `'step <n>'` when anonymous). */
  readonly name: string;
  /** Customers who reached this step. */
  readonly count: number;
  /**
   * count / previous step's count with its Wilson interval; `null` when the previous step has
   * no customers. Step 1: rate 1 and the interval [1, 1] by definition (`null` when empty).
   */
  readonly fromPrevious: ProportionInterval | null;
  /** count / step 1's count with its Wilson interval; `null` when step 1 has no customers. */
  readonly fromFirst: ProportionInterval | null;
  /** Time from reaching the previous step to reaching this one; `null` for step 1 or nobody. */
  readonly timeFromPrevious: StepTimes | null;
}

/**
 * One breakdown group of a {@link FunnelResult}.
 *
 * @category Behaviour
 */
export interface FunnelBreakdown {
  /** The value `breakdownBy` read on the customers' entry events. */
  readonly value: string | number | boolean | null;
  /** The funnel of the customers whose entry event has this value. */
  readonly steps: readonly FunnelAnalysisStep[];
}

/**
 * The result of {@link funnelAnalysis}.
 *
 * @category Behaviour
 */
export interface FunnelResult {
  /** The step order used. */
  readonly order: "strict" | "any-order";
  /** The entry rule used. */
  readonly entry: "furthest" | "first";
  /** The window in milliseconds. */
  readonly windowMs: number;
  /** The funnel over every customer. */
  readonly steps: readonly FunnelAnalysisStep[];
  /**
   * With `breakdownBy`: one funnel per value (numbers ascending, then strings by code units,
   * `false`, `true`, then `null`, as cohort breakdowns), whose counts add up to `steps`; else
   * `null`.
   */
  readonly breakdown: readonly FunnelBreakdown[] | null;
}

/**
 * The stage events of {@link lifecycleStageFunnel}.
 *
 * @category Behaviour
 */
export interface LifecycleStages<Row> {
  /** First contact, e.g. `'page_view'`. */
  readonly awareness: FunnelStepMatcher<Row>;
  /** Interest shown, e.g. `'add_to_cart'` or `'signup'`. */
  readonly engagement: FunnelStepMatcher<Row>;
  /** The first purchase, e.g. `'purchase'`. */
  readonly purchase: FunnelStepMatcher<Row>;
  /** A return, e.g. `'purchase'` again (a second purchase, strictly after the first). */
  readonly retention: FunnelStepMatcher<Row>;
  /** Advocacy, e.g. `'referral'` or `'review'`. */
  readonly advocacy: FunnelStepMatcher<Row>;
}

/**
 * Options of {@link lifecycleStageFunnel}: those of {@link funnelAnalysis} with `stages` in
 * place of `steps` (always strict order).
 *
 * @category Behaviour
 */
export interface LifecycleStageFunnelOptions<Row>
  extends Omit<FunnelAnalysisOptions<Row>, "steps" | "order"> {
  /** The event (name or predicate) of each stage; all five are required. */
  readonly stages: LifecycleStages<Row>;
}

/**
 * The names of the events {@link behaviourSegments} reads.
 *
 * @category Behaviour
 */
export interface BehaviourEventNames {
  /** Default `'page_view'`. */
  readonly pageView?: string;
  /** Default `'add_to_cart'`. */
  readonly addToCart?: string;
  /** Default `'checkout'`. */
  readonly checkout?: string;
  /** Default `'purchase'`. */
  readonly purchase?: string;
}

/**
 * Options of {@link behaviourSegments}.
 *
 * @category Behaviour
 */
export interface BehaviourSegmentsOptions<Row> extends TypedEventOptions<Row> {
  /**
   * The end of the data (required): events at or after it are left out; a date-only string
   * names the last day observed, included in full (in `timeZone`).
   */
  readonly asOf: InstantInput;
  /** The event names. */
  readonly names?: BehaviourEventNames;
  /**
   * How long a cart stays open: a cart counts as abandoned once this long has passed by `asOf`
   * without an order. Default: every cart without an order is abandoned.
   */
  readonly window?: ConversionWindow;
  /**
   * The order value splitting one-time buyers into low (below) and high (at or above). Default:
   * the median order value of the one-time buyers.
   */
  readonly orderValueThreshold?: Numeric;
  /** `'net'` (default) subtracts refunds from their customer's segment revenue; `'exclude'` leaves them out. */
  readonly refunds?: "net" | "exclude";
}

/**
 * A behaviour segment.
 *
 * @category Behaviour
 */
export type BehaviourSegmentName =
  | "repeat-buyer"
  | "one-time-buyer-high"
  | "one-time-buyer-low"
  | "cart-abandoner"
  | "browser"
  | "bouncer"
  | "other";

/**
 * One segment of a {@link BehaviourSegmentsResult}.
 *
 * @category Behaviour
 */
export interface BehaviourSegment {
  /** The segment's name. */
  readonly segment: BehaviourSegmentName;
  /** Customers in the segment. */
  readonly customers: number;
  /** customers / all customers; `null` when the log has no customer. */
  readonly share: Decimal | null;
  /** Orders of the segment's customers. */
  readonly orders: number;
  /** Their order revenue, refunds netted under `refunds: 'net'`, exact. */
  readonly revenue: Decimal;
}

/**
 * The result of {@link behaviourSegments}.
 *
 * @category Behaviour
 */
export interface BehaviourSegmentsResult {
  /** The end of the data, as an ISO-8601 UTC instant (exclusive). */
  readonly asOf: string;
  /** Customers with at least one event before `asOf`. */
  readonly customers: number;
  /** The order value splitting one-time buyers; `null` when there is none and no option. */
  readonly orderValueThreshold: Decimal | null;
  /** The seven segments, in precedence order, each customer in exactly one. */
  readonly segments: readonly BehaviourSegment[];
  /** Each customer's segment. */
  readonly segmentOf: ReadonlyMap<string | number, BehaviourSegmentName>;
}
