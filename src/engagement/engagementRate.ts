import {
  count,
  denominatorCount,
  fail,
  option,
  options as readOptions,
  record,
} from "../_lib/assert.js";
import { clean, type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

const FN = "engagementRate";

/**
 * The audience an engagement rate divides by.
 *
 * - `audience`: a generic denominator you supply.
 * - `followers`: followers (fans, subscribers) of the account, ideally counted on the day of the post.
 * - `reach`: unique accounts that saw the content.
 * - `impressions`: times the content was shown (one account can count several times).
 * - `views`: video views (TikTok, YouTube).
 *
 * @category Engagement
 */
export type EngagementDenominator = "audience" | "followers" | "reach" | "impressions" | "views";

/**
 * A platform preset: names the interactions that are summed into the engagements.
 *
 * `'twitter'` is accepted as the former name of `'x'` and counts the same interactions.
 *
 * @category Engagement
 */
export type EngagementPlatform =
  | "instagram"
  | "facebook"
  | "x"
  | "twitter"
  | "linkedin"
  | "tiktok"
  | "youtube";

/** X (formerly Twitter) counts the same interactions under either name. */
const X_INTERACTIONS: readonly string[] = /* @__PURE__ */ Object.freeze([
  "likes",
  "replies",
  "reposts",
  "quotes",
  "follows",
  "clicks",
]);

/**
 * The interactions each platform preset counts, in the order they are summed.
 *
 * @remarks
 * - `instagram`: likes, comments, saves, shares.
 * - `facebook`: reactions, comments, shares, clicks (clicks count only when given).
 * - `x` / `twitter`: likes, replies, reposts, quotes, follows, clicks (all clicks: links,
 *   media, hashtags, profile, detail expansion).
 * - `linkedin`: clicks, reactions, comments, reposts, follows.
 * - `tiktok`: likes, comments, shares, saves.
 * - `youtube`: likes, comments, shares.
 *
 * @category Engagement
 */
export const ENGAGEMENT_PRESETS: Readonly<Record<EngagementPlatform, readonly string[]>> =
  /* @__PURE__ */ Object.freeze({
    instagram: /* @__PURE__ */ Object.freeze(["likes", "comments", "saves", "shares"]),
    facebook: /* @__PURE__ */ Object.freeze(["reactions", "comments", "shares", "clicks"]),
    x: X_INTERACTIONS,
    twitter: X_INTERACTIONS,
    linkedin: /* @__PURE__ */ Object.freeze([
      "clicks",
      "reactions",
      "comments",
      "reposts",
      "follows",
    ]),
    tiktok: /* @__PURE__ */ Object.freeze(["likes", "comments", "shares", "saves"]),
    youtube: /* @__PURE__ */ Object.freeze(["likes", "comments", "shares"]),
  });

const PLATFORMS = /* @__PURE__ */ Object.keys(ENGAGEMENT_PRESETS) as EngagementPlatform[];
const DENOMINATORS: readonly EngagementDenominator[] = [
  "audience",
  "followers",
  "reach",
  "impressions",
  "views",
];
const INTERACTIONS = /* @__PURE__ */ (() => [
  ...new Set(Object.values(ENGAGEMENT_PRESETS).flat()),
])();

/**
 * The denominator of an engagement rate: give exactly one of these fields, or several
 * together with the `by` option.
 *
 * @category Engagement
 */
export interface EngagementAudience {
  /** A generic denominator (any audience count). */
  audience?: Numeric;
  /** Followers (fans, subscribers) of the account. */
  followers?: Numeric;
  /** Unique accounts reached. */
  reach?: Numeric;
  /** Impressions (times shown). */
  impressions?: Numeric;
  /** Video views. */
  views?: Numeric;
}

/**
 * Engagements given as one total.
 *
 * @category Engagement
 */
export interface EngagementTotalInput extends EngagementAudience {
  /** Total engagements (interactions) counted. */
  engagements: Numeric;
}

/**
 * Engagements given per interaction for a platform preset; interactions that are not
 * given count as 0, and at least one must be given.
 *
 * @category Engagement
 */
export interface EngagementPlatformInput extends EngagementAudience {
  /** The platform whose interaction set is summed (see {@link ENGAGEMENT_PRESETS}). */
  platform: EngagementPlatform;
  /** Likes (Instagram, X, TikTok, YouTube). */
  likes?: Numeric;
  /** Comments (Instagram, Facebook, LinkedIn, TikTok, YouTube). */
  comments?: Numeric;
  /** Saves (Instagram, TikTok). */
  saves?: Numeric;
  /** Shares (Instagram, Facebook, TikTok, YouTube). */
  shares?: Numeric;
  /** Reactions (Facebook, LinkedIn). */
  reactions?: Numeric;
  /** Clicks (Facebook, X, LinkedIn). */
  clicks?: Numeric;
  /** Replies (X). */
  replies?: Numeric;
  /** Reposts (X, LinkedIn). */
  reposts?: Numeric;
  /** Quote posts (X). */
  quotes?: Numeric;
  /** Follows gained from the post (X, LinkedIn). */
  follows?: Numeric;
}

/**
 * Options of {@link engagementRate}.
 *
 * @category Engagement
 */
export interface EngagementRateOptions {
  /**
   * Which denominator field to divide by. Needed only when the input carries more than
   * one of `audience`, `followers`, `reach`, `impressions`, `views`.
   */
  by?: EngagementDenominator;
}

/**
 * Engagements per member of the audience: the share of followers, reach, impressions or
 * views that interacted with the content.
 *
 * @remarks
 * ```text
 * engagementRate = engagements / denominator
 * engagements    = sum of the platform's interactions (with `platform`), else `engagements`
 * denominator    = audience | followers | reach | impressions | views
 * ```
 * A fraction (0.035 is 3.5 %). The denominator is the one field given among `audience`,
 * `followers`, `reach`, `impressions` and `views`; with several, `options.by` picks one
 * (without it the input is ambiguous and throws `INCONSISTENT`). Hootsuite's "ER post" is
 * by followers, "ERR" by reach, "ER impressions" by impressions; TikTok and YouTube
 * divide by views.
 *
 * The result is not capped: one account can like, comment and share, so engagements may
 * exceed the reach, the followers or even the impressions, and the rate may exceed 1.
 * Averages over posts are not computed here: pool the counts (Σ engagements / Σ
 * denominators) or average per-post rates explicitly.
 *
 * With `platform`, the preset's interactions (see {@link ENGAGEMENT_PRESETS}) are summed;
 * interactions not given count as 0, at least one must be given, an interaction the
 * platform does not count (`saves` on LinkedIn) throws `INCONSISTENT`, and so does a
 * total `engagements` given next to the platform fields.
 *
 * @example
 * An Instagram post with 200 likes, 30 comments, 25 saves and 15 shares, on an account
 * with 10,000 followers:
 * ```ts
 * engagementRate({
 *   platform: 'instagram', likes: 200, comments: 30, saves: 25, shares: 15, followers: 10000,
 * }).toString() //=> '0.027'
 * engagementRate({ engagements: 300, impressions: 20000 }).toString() //=> '0.015'
 * ```
 * @throws {@link MetricInputError} `NOT_A_NUMBER` / `NOT_FINITE` for a missing or
 * non-numeric count or a missing denominator; `NEGATIVE` / `NOT_INTEGER` for a bad count;
 * `ZERO_DENOMINATOR` when the denominator is 0; `INCONSISTENT` when several denominators
 * are given without `by`, when `engagements` is given with `platform`, or when a field
 * the platform does not count is given; `INVALID_OPTION` for an unknown `platform` or `by`.
 * `OUT_OF_RANGE` also for a non-zero input below 5e-324 in magnitude (see {@link Numeric}).
 * @see Hootsuite, "Engagement rate calculator" (ER by reach, by followers, by impressions, daily ER).
 * @see Buffer, "Twitter metric descriptions"; Socialinsider engagement-rate guide (per-platform interactions).
 * @see ytstudio.org, "How to Calculate YouTube Engagement Rate" (likes + comments + shares over views).
 * @category Engagement
 */
export function engagementRate(
  input: EngagementTotalInput | EngagementPlatformInput,
  options?: EngagementRateOptions,
): Decimal {
  const data = record<Record<string, unknown>>(input, FN);
  const opts = readOptions<EngagementRateOptions>(options, FN);
  const by = option<EngagementDenominator | "">(opts.by, DENOMINATORS, "", FN, "by");

  let engagements: Decimal;
  if (data.platform !== undefined) {
    const platform = option(data.platform, PLATFORMS, "instagram", FN, "platform");
    if (data.engagements !== undefined) {
      fail(
        FN,
        "engagements",
        "INCONSISTENT",
        "must not be given with platform (the platform's interactions are summed)",
        data.engagements,
      );
    }
    const counted = ENGAGEMENT_PRESETS[platform];
    for (const name of INTERACTIONS) {
      if (data[name] !== undefined && !counted.includes(name)) {
        fail(FN, name, "INCONSISTENT", `is not an interaction counted for ${platform}`, data[name]);
      }
    }
    const given = counted.filter((name) => data[name] !== undefined);
    if (given.length === 0) {
      fail(
        FN,
        counted.join(" | "),
        "NOT_A_NUMBER",
        `at least one is required for ${platform}`,
        undefined,
      );
    }
    engagements = ZERO;
    for (const name of given) engagements = engagements.plus(count(data[name], FN, name));
  } else {
    engagements = count(data.engagements, FN, "engagements");
  }

  const present = DENOMINATORS.filter((name) => data[name] !== undefined);
  let field: EngagementDenominator;
  if (by !== "") {
    field = by;
  } else if (present.length === 1) {
    field = present[0] as EngagementDenominator;
  } else if (present.length === 0) {
    return fail(
      FN,
      "audience",
      "NOT_A_NUMBER",
      "is required (give one of audience, followers, reach, impressions, views)",
      undefined,
    );
  } else {
    return fail(
      FN,
      present.join(", "),
      "INCONSISTENT",
      "are given together: choose the denominator with options.by",
      undefined,
    );
  }
  const denominator = denominatorCount(data[field], FN, field);
  return clean(engagements.div(denominator));
}
