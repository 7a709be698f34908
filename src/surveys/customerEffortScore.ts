import { flag, options as readOptions } from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";
import {
  readPoint,
  readScale,
  type SurveyResponses,
  type SurveyScale,
  tally,
  totals,
} from "./_responses.js";

const FN = "customerEffortScore";

/**
 * Options of {@link customerEffortScore}.
 *
 * @category Surveys
 */
export interface CustomerEffortScoreOptions {
  /** The answer scale. Default `{ min: 1, max: 7 }` (CES 2.0). */
  scale?: SurveyScale;
  /**
   * Whether a higher answer means less effort ("it was easy": agree). Default `true`
   * (CES 2.0). Set `false` for questions where 1 means "very little effort".
   */
  higherIsEasier?: boolean;
  /**
   * The answer from which a response counts as "easy" (agree), towards the easy end.
   * Default: every answer beyond the midpoint on the easy side (5–7 on 1–7).
   */
  agreeFrom?: Numeric;
}

/**
 * One answer of the scale with how often it was chosen.
 *
 * @category Surveys
 */
export interface EffortDistributionEntry {
  /** The answer. */
  readonly value: number;
  /** How many respondents chose it. */
  readonly count: Decimal;
  /** Its share of the answers, a fraction. */
  readonly share: Decimal;
}

/**
 * Result of {@link customerEffortScore}.
 *
 * @category Surveys
 */
export interface CustomerEffortScoreResult {
  /** Mean answer, on the survey's scale. */
  readonly score: Decimal;
  /** Share of answers on the easy side of `agreeFrom` (the "% agree" form), a fraction. */
  readonly agree: Decimal;
  /** Every answer of the scale, lowest first, with its count and share. */
  readonly distribution: readonly EffortDistributionEntry[];
  /** Number of answers. */
  readonly responses: Decimal;
}

/**
 * Customer effort score (CES): the mean answer to "the company made it easy to handle my
 * issue", with the share who agreed and the full distribution.
 *
 * @remarks
 * ```text
 * score = sum(answers) / responses                         (mean, on the scale)
 * agree = count(answers >= agreeFrom) / responses          (higherIsEasier)
 *       = count(answers <= agreeFrom) / responses          (otherwise)
 * ```
 * CES 2.0 asks for agreement on 1 (strongly disagree) to 7 (strongly agree), so a higher
 * mean is better and the default "agree" answers are 5–7. Some tools ask about effort
 * instead (1 = very little effort): pass `higherIsEasier: false`, and the mean is then
 * better when lower, while `agree` counts the low answers. Answers are whole numbers on
 * `scale`, as a list (any iterable but a string, `Set` or `Map`) or as counts per
 * answer. The distribution lists every point of the scale, including those nobody chose.
 *
 * @example
 * ```ts
 * const ces = customerEffortScore([7, 6, 5, 4, 2])
 * ces.score.toString() //=> '4.8'
 * ces.agree.toString() //=> '0.6'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a non-numeric
 * answer or count (fields `scores[i]`, `counts[k]`), or a `Set`/`Map`/string as the list;
 * `NOT_INTEGER` for a fractional answer, count or `agreeFrom`; `OUT_OF_RANGE` for an
 * answer or `agreeFrom` off the scale; `NEGATIVE` for a negative count; `EMPTY` for no
 * answers; `INVALID_OPTION` for a malformed `scale` or a non-boolean `higherIsEasier`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Dixon, Freeman & Toman (2010), "Stop Trying to Delight Your Customers", Harvard Business Review (the effort question).
 * @see Qualtrics XM Community, "How do you calculate the customer effort score?" (65 of 100 agreeing).
 * @category Surveys
 */
export function customerEffortScore(
  responses: SurveyResponses,
  options?: CustomerEffortScoreOptions,
): CustomerEffortScoreResult {
  const opts = readOptions<CustomerEffortScoreOptions>(options, FN);
  const scale = readScale(opts.scale, { min: 1, max: 7 }, FN);
  const higherIsEasier = flag(opts.higherIsEasier, true, FN, "higherIsEasier");
  const middle = (scale.min + scale.max) / 2;
  const agreeFrom =
    opts.agreeFrom === undefined
      ? higherIsEasier
        ? Math.floor(middle) + 1
        : Math.ceil(middle) - 1
      : readPoint(opts.agreeFrom, scale, FN, "agreeFrom");
  const counts = tally(responses, scale, FN);
  const { n, sum } = totals(counts, scale);
  let agreeing = ZERO;
  counts.forEach((c, k) => {
    const value = scale.min + k;
    if (higherIsEasier ? value >= agreeFrom : value <= agreeFrom) agreeing = agreeing.plus(c);
  });
  return Object.freeze({
    score: clean(sum.div(n)),
    agree: clean(agreeing.div(n)),
    distribution: Object.freeze(
      counts.map((c, k) =>
        Object.freeze({ value: scale.min + k, count: c, share: clean(c.div(n)) }),
      ),
    ),
    responses: n,
  });
}
