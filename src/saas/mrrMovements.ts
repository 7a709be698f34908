import { fail, nonNegative, options as readOptions, record } from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * One row of an MRR snapshot given to {@link mrrMovements}: a customer (or one of their
 * subscriptions) and its monthly recurring revenue.
 *
 * @category SaaS
 */
export interface MrrRow {
  /** The customer's id: a string or a finite number (`'7'` and `7` are different customers). */
  customerId: string | number;
  /** Monthly recurring revenue, normalised to a month, not negative. */
  mrr: Numeric;
}

/**
 * Options of {@link mrrMovements}.
 *
 * @category SaaS
 */
export interface MrrMovementsOptions {
  /**
   * Ids of customers who paid at some time before the period and had churned by its start.
   * Such a customer paying at the end counts as `reactivation` instead of `new`.
   */
  previouslyChurned?: Iterable<string | number>;
}

/**
 * The result of {@link mrrMovements}: the MRR bridge from the start of a period to its end.
 * Losses are positive amounts.
 *
 * @category SaaS
 */
export interface MrrMovements {
  /** Total MRR at the start. */
  readonly startMrr: Decimal;
  /** Total MRR at the end. */
  readonly endMrr: Decimal;
  /** MRR at the end of customers absent at the start and not previously churned. */
  readonly new: Decimal;
  /** Increases of customers present at both ends. */
  readonly expansion: Decimal;
  /** Decreases of customers present at both ends, as a positive amount. */
  readonly contraction: Decimal;
  /** MRR at the start of customers absent at the end, as a positive amount. */
  readonly churned: Decimal;
  /** MRR at the end of previously churned customers absent at the start. */
  readonly reactivation: Decimal;
  /** `new + expansion + reactivation - contraction - churned`, equal to `endMrr - startMrr`. */
  readonly netNew: Decimal;
}

type Id = string | number;

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function customerId(value: unknown, fn: string, field: string): Id {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value === 0 ? 0 : value;
  return fail(fn, field, "NOT_A_NUMBER", "must be a string or a finite number", value);
}

function snapshot(rows: unknown, fn: string, field: string): Map<Id, Decimal> {
  if (!isIterable(rows)) {
    fail(fn, field, "NOT_A_NUMBER", "must be an iterable of { customerId, mrr } rows", rows);
  }
  const totals = new Map<Id, Decimal>();
  let index = 0;
  for (const row of rows) {
    const at = `${field}[${index}]`;
    const r = record<{ customerId?: unknown; mrr?: unknown }>(row, fn, at);
    const id = customerId(r.customerId, fn, `${at}.customerId`);
    const mrr = nonNegative(r.mrr, fn, `${at}.mrr`);
    totals.set(id, (totals.get(id) ?? ZERO).plus(mrr));
    index += 1;
  }
  for (const [id, mrr] of totals) if (mrr.isZero()) totals.delete(id);
  return totals;
}

/**
 * Classify the change in monthly recurring revenue between two snapshots into new,
 * expansion, contraction, churned and reactivation MRR.
 *
 * @remarks
 * ```text
 * per customer, with s = MRR at start and e = MRR at end (0 when absent):
 *   s = 0, e > 0  ->  new          += e    (reactivation += e if previously churned)
 *   s > 0, e = 0  ->  churned      += s
 *   e > s > 0     ->  expansion    += e - s
 *   s > e > 0     ->  contraction  += s - e
 * netNew = new + expansion + reactivation - contraction - churned = endMrr - startMrr
 * ```
 * Rows are summed per customer, so a snapshot may list one row per subscription (a customer
 * cancelling one of two subscriptions is contraction; cancelling the last is churn). A
 * customer whose rows total 0 counts as absent (a free plan or a paused subscription).
 * Ids are compared as Map keys (SameValueZero): strings and numbers are different ids, and
 * any string, `'__proto__'` and `''` included, is an ordinary id. `previouslyChurned`
 * matters only for customers absent at the start.
 *
 * Snapshots see only the net change over the period: a customer who upgraded and then
 * downgraded within it shows one movement. Amounts are whatever unit the rows use; MRR must
 * already be normalised to a month (an annual plan is its price / 12).
 *
 * @example
 * ```ts
 * const m = mrrMovements(
 *   [{ customerId: 'a', mrr: 100 }, { customerId: 'b', mrr: 50 }, { customerId: 'c', mrr: 30 }],
 *   [{ customerId: 'a', mrr: 120 }, { customerId: 'b', mrr: 40 }, { customerId: 'd', mrr: 70 },
 *    { customerId: 'e', mrr: 25 }],
 *   { previouslyChurned: ['e'] },
 * )
 * m.new.toString()          //=> '70'
 * m.expansion.toString()    //=> '20'
 * m.contraction.toString()  //=> '10'
 * m.churned.toString()      //=> '30'
 * m.reactivation.toString() //=> '25'
 * m.netNew.toString()       //=> '75'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` when a snapshot (or `previouslyChurned`)
 * is not an iterable, a row is not an object, or an id is not a string or a finite number;
 * `NEGATIVE` / `NOT_A_NUMBER` / `NOT_FINITE` for a bad `mrr` (the field names the row,
 * e.g. `end[3].mrr`); `INVALID_OPTION` when the options are not an object.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see ChartMogul Help Center, "Understanding MRR movements"; Stripe Docs, "Billing metric definitions" (MRR growth).
 * @category SaaS
 */
export function mrrMovements(
  start: Iterable<MrrRow>,
  end: Iterable<MrrRow>,
  options?: MrrMovementsOptions,
): MrrMovements {
  const fn = "mrrMovements";
  const o = readOptions<MrrMovementsOptions>(options, fn);
  const before = snapshot(start, fn, "start");
  const after = snapshot(end, fn, "end");
  const churnedBefore = new Set<Id>();
  if (o.previouslyChurned !== undefined) {
    if (!isIterable(o.previouslyChurned)) {
      fail(
        fn,
        "previouslyChurned",
        "NOT_A_NUMBER",
        "must be an iterable of ids",
        o.previouslyChurned,
      );
    }
    let index = 0;
    for (const id of o.previouslyChurned) {
      churnedBefore.add(customerId(id, fn, `previouslyChurned[${index}]`));
      index += 1;
    }
  }
  let startMrr = ZERO;
  let endMrr = ZERO;
  let added = ZERO;
  let expansion = ZERO;
  let contraction = ZERO;
  let churned = ZERO;
  let reactivation = ZERO;
  for (const [id, s] of before) {
    startMrr = startMrr.plus(s);
    const e = after.get(id);
    if (e === undefined) churned = churned.plus(s);
    else if (e.gt(s)) expansion = expansion.plus(e.minus(s));
    else contraction = contraction.plus(s.minus(e));
  }
  for (const [id, e] of after) {
    endMrr = endMrr.plus(e);
    if (before.has(id)) continue;
    if (churnedBefore.has(id)) reactivation = reactivation.plus(e);
    else added = added.plus(e);
  }
  const netNew = added.plus(expansion).plus(reactivation).minus(contraction).minus(churned);
  return Object.freeze({
    startMrr: clean(startMrr),
    endMrr: clean(endMrr),
    new: clean(added),
    expansion: clean(expansion),
    contraction: clean(contraction),
    churned: clean(churned),
    reactivation: clean(reactivation),
    netNew: clean(netNew),
  });
}
