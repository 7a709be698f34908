import { count, denominatorCount, notAbove, record } from "../_lib/assert.js";
import { clean, type Decimal } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

const FN = "responseRate";

/**
 * Input of {@link responseRate}.
 *
 * @category Surveys
 */
export interface ResponseRateInput {
  /** Completed responses received. */
  responses: Numeric;
  /** People the survey was sent to (delivered invitations). */
  invited: Numeric;
}

/**
 * Share of invited people who answered a survey.
 *
 * @remarks
 * ```text
 * responseRate = responses / invited
 * ```
 * A fraction in [0, 1]. Count `invited` as delivered invitations (bounced ones excluded)
 * and `responses` as completed answers from those invited; a response count above the
 * invitations is a contradiction. A low rate warns that NPS or CSAT may not represent
 * all customers.
 *
 * @example
 * 150 answers to 1,200 invitations:
 * ```ts
 * responseRate({ responses: 150, invited: 1200 }).toString() //=> '0.125'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a missing or
 * non-numeric count; `NEGATIVE` / `NOT_INTEGER` for a bad count; `ZERO_DENOMINATOR` when
 * `invited` is 0; `INCONSISTENT` when `responses` exceeds `invited`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see American Association for Public Opinion Research, "Standard Definitions" (response rates).
 * @category Surveys
 */
export function responseRate(input: ResponseRateInput): Decimal {
  const data = record<Record<string, unknown>>(input, FN);
  const responses = count(data.responses, FN, "responses");
  const invited = denominatorCount(data.invited, FN, "invited");
  notAbove(responses, invited, FN, "responses", "invited", data.responses);
  return clean(responses.div(invited));
}
