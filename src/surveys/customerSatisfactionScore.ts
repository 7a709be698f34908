import { fail, options as readOptions } from "../_lib/assert.js";
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

const FN = "customerSatisfactionScore";

/** Default top boxes by number of answer points (Zencity's table, 2 to 8 points). */
const TOP_BOXES: Readonly<Record<number, number>> = { 2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3 };

/**
 * Options of {@link customerSatisfactionScore}.
 *
 * @category Surveys
 */
export interface CustomerSatisfactionScoreOptions {
  /** The answer scale. Default `{ min: 1, max: 5 }`. */
  scale?: SurveyScale;
  /**
   * The lowest answer that counts as satisfied. Default: the top two boxes on 4- and
   * 5-point scales, the top box on 2- and 3-point scales, the top three on 6- to 8-point
   * scales; required on longer scales (1–10, 0–10), where conventions differ.
   */
  satisfiedFrom?: Numeric;
}

/**
 * Result of {@link customerSatisfactionScore}.
 *
 * @category Surveys
 */
export interface CustomerSatisfactionScoreResult {
  /** Share of answers at or above `satisfiedFrom`, a fraction. */
  readonly score: Decimal;
  /** Number of satisfied answers. */
  readonly satisfied: Decimal;
  /** Mean answer, on the survey's scale. */
  readonly mean: Decimal;
  /** Number of answers. */
  readonly responses: Decimal;
}

/**
 * Customer satisfaction score (CSAT): the share of respondents who chose one of the
 * satisfied answers, with the mean answer.
 *
 * @remarks
 * ```text
 * score = count(answers >= satisfiedFrom) / responses     (fraction, "top-box" CSAT)
 * mean  = sum(answers) / responses                        (on the survey's scale)
 * ```
 * Answers are whole numbers on `scale` (default 1–5), given as a list (any iterable but
 * a string, `Set` or `Map`) or as counts per answer (`{ 5: 10, 4: 20 }`). On the default
 * scale the satisfied answers are 4 and 5. Other scales take the top boxes of Zencity's
 * table (3 points: 3; 7 points: 5–7; 8 points: 6–8); on 9 or more points pass
 * `satisfiedFrom` (9 for QuestionPro's 1–10 top box, 8 for Formbricks' top three).
 * Skipped answers are not answers: leave them out rather than coding them as 0.
 *
 * @example
 * Intercom's example: 10 answers of 5, 20 of 4, 10 of 3, 5 of 2 and 5 of 1:
 * ```ts
 * const csat = customerSatisfactionScore({ 5: 10, 4: 20, 3: 10, 2: 5, 1: 5 })
 * csat.score.toString() //=> '0.6'
 * csat.mean.toString() //=> '3.5'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a non-numeric
 * answer or count (fields `scores[i]`, `counts[k]`), or a `Set`/`Map`/string as the list;
 * `NOT_INTEGER` for a fractional answer, count or threshold; `OUT_OF_RANGE` for an
 * answer or `satisfiedFrom` off the scale; `NEGATIVE` for a negative count; `EMPTY` for
 * no answers; `INVALID_OPTION` for a malformed `scale`, or a scale over 8 points without
 * `satisfiedFrom`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Intercom help, voice-of-the-customer (VoC) metrics (CSAT as the share of 4 and 5 answers).
 * @see Zencity help centre, CSAT scoring (satisfied answers by scale length); SoGoSurvey help, CSAT.
 * @category Surveys
 */
export function customerSatisfactionScore(
  responses: SurveyResponses,
  options?: CustomerSatisfactionScoreOptions,
): CustomerSatisfactionScoreResult {
  const opts = readOptions<CustomerSatisfactionScoreOptions>(options, FN);
  const scale = readScale(opts.scale, { min: 1, max: 5 }, FN);
  let from: number;
  if (opts.satisfiedFrom === undefined) {
    const top = TOP_BOXES[scale.max - scale.min + 1];
    if (top === undefined) {
      return fail(
        FN,
        "satisfiedFrom",
        "INVALID_OPTION",
        `is required for a scale of ${scale.max - scale.min + 1} points`,
        undefined,
      );
    }
    from = scale.max - top + 1;
  } else {
    from = readPoint(opts.satisfiedFrom, scale, FN, "satisfiedFrom");
  }
  const counts = tally(responses, scale, FN);
  const { n, sum } = totals(counts, scale);
  const satisfied = counts.slice(from - scale.min).reduce((a, b) => a.plus(b), ZERO);
  return Object.freeze({
    score: clean(satisfied.div(n)),
    satisfied,
    mean: clean(sum.div(n)),
    responses: n,
  });
}
