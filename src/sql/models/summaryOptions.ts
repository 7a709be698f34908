/** The options of `summaryQuery` and `summaryFromRows`, read the way `summarizeTransactions` reads them. */
import { fail, flag, options as readOptions, record } from "../../_lib/assert.js";
import {
  lastObservedDay,
  observationEnd,
  type PurchaseRule,
  purchasesOption,
  type RefundRule,
  refundsOption,
} from "../../_lib/eventRules.js";
import { timeZoneOption } from "../../_lib/time.js";
import { unitOption } from "../../models/purchase/_units.js";
import type { Period } from "../../types.js";

/** The read options. */
export interface SummarySettings {
  readonly unit: Period;
  readonly timeZone: string;
  readonly purchases: PurchaseRule;
  readonly refunds: RefundRule;
  /** The observation end, an exclusive instant (epoch ms). */
  readonly end: number;
  /** The calibration end (the observation end without a holdout), exclusive (epoch ms). */
  readonly cut: number;
  readonly holdout: boolean;
  /** The last observed day of the calibration period (days since 1970-01-01 in the zone). */
  readonly lastDay: number;
  /** Days from the calibration's last observed day to the observation's. */
  readonly durationDays: number;
  readonly compress: boolean;
}

function endOption(value: unknown, timeZone: string, fn: string, field: string): number {
  if (value === undefined) fail(fn, field, "INVALID_DATE", "is required", value);
  return observationEnd(value, timeZone, fn, field);
}

/** Read the summary options of `fn` (`summaryQuery` or `summaryFromRows`). */
export function readSummaryOptions(
  value: unknown,
  fn: string,
): SummarySettings & {
  readonly raw: Readonly<Record<string, unknown>>;
} {
  const o = readOptions<Record<string, unknown>>(record(value, fn, "options"), fn);
  const unit = unitOption(o.unit, fn, "options.unit");
  const timeZone = timeZoneOption(o.timeZone, fn, "options.timeZone");
  const purchases = purchasesOption(o.purchases, fn, "options.purchases");
  const refunds = refundsOption(o.refunds, fn, "options.refunds");
  const compress = flag(o.compress, false, fn, "options.compress");
  const end = endOption(o.observationEnd, timeZone, fn, "options.observationEnd");
  const holdout = o.calibrationEnd !== undefined;
  const cut = holdout ? endOption(o.calibrationEnd, timeZone, fn, "options.calibrationEnd") : end;
  if (cut > end) {
    fail(
      fn,
      "options.calibrationEnd",
      "INCONSISTENT",
      "must not be after observationEnd",
      o.calibrationEnd,
    );
  }
  const lastDay = lastObservedDay(cut, timeZone);
  return {
    unit,
    timeZone,
    purchases,
    refunds,
    end,
    cut,
    holdout,
    lastDay,
    durationDays: lastObservedDay(end, timeZone) - lastDay,
    compress,
    raw: o,
  };
}
