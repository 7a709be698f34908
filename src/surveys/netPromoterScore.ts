import { count, fail, option, options as readOptions } from "../_lib/assert.js";
import { clean, type Decimal, fromFloat, HUNDRED, ZERO } from "../_lib/decimal.js";
import { readConfidence } from "../_lib/normal.js";
import type { Numeric } from "../types.js";
import { isAnswerList, tallyList } from "./_responses.js";

const FN = "netPromoterScore";
const NPS_SCALE = { min: 0, max: 10 } as const;
const THREE = 3;
const THREE_QUARTERS = "0.75";

/**
 * Answers to the recommend question already counted by group.
 *
 * @category Surveys
 */
export interface NetPromoterCounts {
  /** Respondents who answered 9 or 10. */
  promoters: Numeric;
  /** Respondents who answered 7 or 8. */
  passives: Numeric;
  /** Respondents who answered 0 to 6. */
  detractors: Numeric;
  /** Optional total, checked against the sum of the three groups. */
  responses?: Numeric;
}

/**
 * How the confidence interval of the score is computed.
 *
 * - `wald`: score ± z·SE with the trinomial variance (the textbook margin of error).
 * - `adjusted-wald`: the same after adding 3 responses, ¾ of them promoters and ¾
 *   detractors (Rocks 2016): better coverage for small samples and extreme scores.
 *
 * @category Surveys
 */
export type NetPromoterInterval = "wald" | "adjusted-wald";

/**
 * Options of {@link netPromoterScore}.
 *
 * @category Surveys
 */
export interface NetPromoterScoreOptions {
  /** Confidence level of the interval, from 1e-300 to 1 − 1e-300. Default 0.95. */
  confidence?: Numeric;
  /** Interval method. Default `'wald'`. */
  interval?: NetPromoterInterval;
}

/**
 * Result of {@link netPromoterScore}. Counts are whole numbers; score, margin and bounds
 * are in points (−100…100); shares are fractions.
 *
 * @category Surveys
 */
export interface NetPromoterScoreResult {
  /** 100 × (promoters − detractors) / responses, in points. */
  readonly score: Decimal;
  /** Number of promoters (answers 9–10). */
  readonly promoters: Decimal;
  /** Number of passives (answers 7–8). */
  readonly passives: Decimal;
  /** Number of detractors (answers 0–6). */
  readonly detractors: Decimal;
  /** Number of answers. */
  readonly responses: Decimal;
  /** Each group's share of the answers, as fractions (summing to 1 up to the 40th digit). */
  readonly shares: {
    /** Share of promoters, a fraction. */
    readonly promoters: Decimal;
    /** Share of passives, a fraction. */
    readonly passives: Decimal;
    /** Share of detractors, a fraction. */
    readonly detractors: Decimal;
  };
  /** Half-width of the interval, in points (z × standard error). */
  readonly marginOfError: Decimal;
  /** Lower bound of the interval, in points, clamped to −100. */
  readonly lower: Decimal;
  /** Upper bound of the interval, in points, clamped to 100. */
  readonly upper: Decimal;
}

const MINUS_HUNDRED = /* @__PURE__ */ HUNDRED.neg();

/** Clamp a bound to the score's range [-100, 100]. */
function clamp(value: Decimal): Decimal {
  if (value.gt(HUNDRED)) return HUNDRED;
  if (value.lt(MINUS_HUNDRED)) return MINUS_HUNDRED;
  return clean(value);
}

/** Per-respondent variance of the +1 / 0 / −1 coding: p + d − (p − d)². */
function standardError(promoters: Decimal, detractors: Decimal, n: Decimal): Decimal {
  const p = promoters.div(n);
  const d = detractors.div(n);
  const variance = p.plus(d).minus(p.minus(d).pow(2));
  return variance.isNegative() ? ZERO : variance.div(n).sqrt().times(HUNDRED);
}

/**
 * Net Promoter Score: the percentage of promoters minus the percentage of detractors,
 * with its margin of error.
 *
 * @remarks
 * ```text
 * score         = 100 * (promoters - detractors) / responses        (points, -100..100)
 * variance      = p + d - (p - d)^2     with p = promoters / n, d = detractors / n
 * marginOfError = z * 100 * sqrt(variance / n)
 * adjusted-wald: the same with n + 3, promoters + 3/4, detractors + 3/4, centred on the
 *                adjusted score
 * ```
 * Answers are on the 0–10 scale of the question "How likely are you to recommend …?":
 * promoters 9–10, passives 7–8, detractors 0–6; passives count in the responses. The
 * score is in points (−100…100), never a percentage and never on the 0–10 answer scale.
 * The input is a list of answers (an array, a typed array or any other iterable; a `Set`
 * is refused because it drops repeated answers) or the three group counts.
 *
 * The margin of error treats each answer as +1, 0 or −1, whose mean is score / 100, with
 * the population variance of that trinomial variable; the interval is score ± margin
 * (`wald`) or the adjusted-Wald interval, both clamped to [−100, 100]. When every answer
 * is in one group the Wald margin is 0; prefer `adjusted-wald` for small samples.
 *
 * @example
 * 100 promoters, 60 passives and 40 detractors:
 * ```ts
 * const nps = netPromoterScore({ promoters: 100, passives: 60, detractors: 40 })
 * nps.score.toString() //=> '30'
 * round(nps.marginOfError, 3).toString() //=> '10.824'
 * netPromoterScore([10, 9, 8, 7, 6, 0]).score.toString() //=> '0'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a non-numeric answer
 * or count (field `scores[i]` for the i-th answer), or a `Set`/`Map`/string as the list;
 * `NOT_INTEGER` for a fractional answer or count; `OUT_OF_RANGE` for an answer outside
 * 0–10 or a confidence not between 0 and 1 with 1e-300 to spare on either side; `NEGATIVE` for a negative count;
 * `EMPTY` for an empty list or counts summing to 0; `INCONSISTENT` when `responses` is
 * given and differs from the sum of the groups; `INVALID_OPTION` for an unknown
 * `interval`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Reichheld (2003), "The One Number You Need to Grow", Harvard Business Review.
 * @see Rocks (2016), "Interval Estimation for the 'Net Promoter Score'", The American Statistician 70(4).
 * @category Surveys
 */
export function netPromoterScore(
  scores: Iterable<Numeric> | NetPromoterCounts,
  options?: NetPromoterScoreOptions,
): NetPromoterScoreResult {
  const opts = readOptions<NetPromoterScoreOptions>(options, FN);
  const interval = option(opts.interval, ["wald", "adjusted-wald"], "wald", FN, "interval");
  const { z } = readConfidence(opts.confidence, FN);

  let promoters: Decimal;
  let passives: Decimal;
  let detractors: Decimal;
  if (isAnswerList(scores)) {
    const tally = tallyList(scores, NPS_SCALE, FN);
    const sum = (from: number, to: number): Decimal =>
      tally.slice(from, to + 1).reduce((a, b) => a.plus(b), ZERO);
    detractors = sum(0, 6);
    passives = sum(7, 8);
    promoters = sum(9, 10);
  } else {
    if (scores === null || typeof scores !== "object") {
      return fail(
        FN,
        "scores",
        "NOT_A_NUMBER",
        "must be a list of 0-10 answers or { promoters, passives, detractors }",
        scores,
      );
    }
    const data = scores as unknown as Record<string, unknown>;
    promoters = count(data.promoters, FN, "promoters");
    passives = count(data.passives, FN, "passives");
    detractors = count(data.detractors, FN, "detractors");
    const total = promoters.plus(passives).plus(detractors);
    if (data.responses !== undefined) {
      const stated = count(data.responses, FN, "responses");
      if (!stated.eq(total)) {
        fail(
          FN,
          "responses",
          "INCONSISTENT",
          `must equal promoters + passives + detractors (${total.toString()})`,
          data.responses,
        );
      }
    }
    if (total.isZero()) {
      fail(FN, "scores", "EMPTY", "must count at least one response", scores);
    }
  }

  const n = promoters.plus(passives).plus(detractors);
  const score = promoters.minus(detractors).div(n).times(HUNDRED);
  const zDecimal = fromFloat(z);
  let centre = score;
  let se: Decimal;
  if (interval === "wald") {
    se = standardError(promoters, detractors, n);
  } else {
    const adjustedN = n.plus(THREE);
    const adjustedP = promoters.plus(THREE_QUARTERS);
    const adjustedD = detractors.plus(THREE_QUARTERS);
    centre = adjustedP.minus(adjustedD).div(adjustedN).times(HUNDRED);
    se = standardError(adjustedP, adjustedD, adjustedN);
  }
  const margin = se.times(zDecimal);
  return Object.freeze({
    score: clean(score),
    promoters,
    passives,
    detractors,
    responses: n,
    shares: Object.freeze({
      promoters: clean(promoters.div(n)),
      passives: clean(passives.div(n)),
      detractors: clean(detractors.div(n)),
    }),
    marginOfError: clean(margin),
    lower: clamp(centre.minus(margin)),
    upper: clamp(centre.plus(margin)),
  });
}
