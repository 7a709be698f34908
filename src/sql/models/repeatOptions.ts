/** The options of `repeatQuery` and `repeatFromRows`, read as `repeatPurchaseRetention` reads them. */
import { fail, options as readOptions } from "../../_lib/assert.js";
import {
  isCalendarDate,
  observationEnd,
  type PurchaseRule,
  purchasesOption,
  refundsOption,
} from "../../_lib/eventRules.js";
import { parseInstant, timeZoneOption } from "../../_lib/time.js";

/** The read options: the period as exclusive instants (epoch ms). */
export interface RepeatSettings {
  readonly timeZone: string;
  readonly purchases: PurchaseRule;
  readonly start: number;
  readonly end: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

export function readRepeatOptions(value: unknown, fn: string): RepeatSettings {
  const o = readOptions<Record<string, unknown>>(value, fn);
  const timeZone = timeZoneOption(o.timeZone, fn);
  const purchases = purchasesOption(o.purchases, fn);
  refundsOption(o.refunds, fn);
  if (o.periodStart === undefined)
    fail(fn, "periodStart", "INVALID_DATE", "is required", undefined);
  const start = parseInstant(o.periodStart, timeZone, fn, "periodStart");
  if (o.periodEnd !== undefined && o.periodThrough !== undefined) {
    fail(
      fn,
      "periodThrough",
      "INCONSISTENT",
      "cannot be given together with periodEnd",
      o.periodThrough,
    );
  }
  let end: number;
  if (o.periodEnd !== undefined) {
    if (isCalendarDate(o.periodEnd)) {
      fail(
        fn,
        "periodEnd",
        "INVALID_DATE",
        "must be an instant (a date-time such as '2024-03-01T00:00:00Z'); name the last day " +
          "of the period with periodThrough instead",
        o.periodEnd,
      );
    }
    end = parseInstant(o.periodEnd, timeZone, fn, "periodEnd");
  } else if (o.periodThrough !== undefined) {
    end = observationEnd(o.periodThrough, timeZone, fn, "periodThrough");
  } else {
    return fail(fn, "periodEnd", "INCONSISTENT", "or periodThrough is required", undefined);
  }
  if (end <= start) {
    fail(
      fn,
      "periodEnd",
      "INCONSISTENT",
      "must be after periodStart",
      o.periodEnd ?? o.periodThrough,
    );
  }
  return { timeZone, purchases, start, end, raw: o };
}
