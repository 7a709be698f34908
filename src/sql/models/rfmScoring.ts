/**
 * The scoring of `rfmSegments` on per-customer figures read back from SQL: the options read as
 * `rfmSegments` reads them, and the scores, segments and result of the shared RFM scoring
 * (src/cohorts/helpers/rfmScores.ts).
 */
import { fail, intNumber, option, options as readOptions } from "../../_lib/assert.js";
import { Decimal as D, type Decimal } from "../../_lib/decimal.js";
import {
  observationEnd,
  type PurchaseRule,
  purchasesOption,
  type RefundRule,
  refundsOption,
} from "../../_lib/eventRules.js";
import { timeZoneOption } from "../../_lib/time.js";
import type { CustomerId } from "../../cohorts/engine/types.js";
import { readRules, rfmRows, scoreValues } from "../../cohorts/helpers/rfmScores.js";
import type {
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
  return rfmRows({
    count,
    bins,
    rules,
    customerId: (i) => (figures[i] as RfmFigures).customerId,
    recency: (i) => (figures[i] as RfmFigures).recency,
    frequency: (i) => (figures[i] as RfmFigures).frequency,
    monetary: (i) => (figures[i] as RfmFigures).monetary,
    rScores,
    fScores,
    mScores,
  });
}
