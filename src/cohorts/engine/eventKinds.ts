/**
 * What one event counts for in a cohort table, from the sign of its revenue (the rules of
 * `_lib/eventRules.ts`): whether it makes its customer active in its period (and can set the
 * customer's cohort), and whether its revenue goes into the cell of its period.
 */
import type { Decimal } from "../../_lib/decimal.js";
import type { Resolved } from "./read/options.js";

/** The event makes its customer active in its period. */
export const ACTIVE = 1;
/** The event's revenue is summed (a refund under `refunds: 'exclude'` is not). */
export const COUNTED = 2;

/** The sign of an event's revenue: `units` in integer units, or NaN with the exact `amount`. */
export function revenueSign(units: number, amount: Decimal | null | undefined): number {
  if (!Number.isNaN(units)) return units;
  return (amount as Decimal).isNegative() ? -1 : 1;
}

/** The flags ({@link ACTIVE}, {@link COUNTED}) of events by the sign of their revenue. */
export class EventKinds {
  /** A purchase (revenue > 0): active under every rule, revenue counted. */
  readonly purchase = ACTIVE | COUNTED;
  /** Activity (revenue 0 or none): active unless only purchases are. */
  readonly activity: number;
  /** A refund (revenue < 0): active only under `active: 'rows'`; revenue counted when netted. */
  readonly refund: number;
  /** Whether every event is active (`active: 'rows'`): the sign then never matters for activity. */
  readonly allActive: boolean;

  constructor(options: Pick<Resolved, "active" | "refunds">) {
    this.activity = options.active === "purchases" ? 0 : ACTIVE;
    this.refund =
      (options.active === "rows" ? ACTIVE : 0) | (options.refunds === "net" ? COUNTED : 0);
    this.allActive = options.active === "rows";
  }

  /** The flags of an event whose revenue has the sign of `sign`. */
  of(sign: number): number {
    return sign > 0 ? this.purchase : sign < 0 ? this.refund : this.activity;
  }
}
