import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENGAGEMENT_PRESETS, engagementRate } from "../../src/index.js";
import { metricErrorOf as errorOf } from "../_helpers.js";

describe("engagementRate", () => {
  it("sums the Instagram interactions over followers (documented example)", () => {
    expect(
      engagementRate({
        platform: "instagram",
        likes: 200,
        comments: 30,
        saves: 25,
        shares: 15,
        followers: 10000,
      }).toString(),
    ).toBe("0.027");
    expect(engagementRate({ engagements: 300, impressions: 20000 }).toString()).toBe("0.015");
  });

  // getmaito.com: 300 interactions over 20,000 impressions and 8,000 followers.
  it("divides by whichever denominator is given", () => {
    expect(engagementRate({ engagements: 300, impressions: 20000 }).toString()).toBe("0.015");
    expect(engagementRate({ engagements: 300, followers: 8000 }).toString()).toBe("0.0375");
    expect(engagementRate({ engagements: 300, audience: 8000 }).toString()).toBe("0.0375");
    expect(engagementRate({ engagements: 300, reach: 6000 }).toString()).toBe("0.05");
  });

  // getmaito.com: 1,157 interactions; its 4.63 % and 7.71 % imply 25,000
  // impressions and 15,000 followers.
  it("matches the getmaito second example", () => {
    expect(engagementRate({ engagements: 1157, impressions: 25000 }).toString()).toBe("0.04628");
    expect(
      engagementRate({ engagements: 1157, followers: 15000 }).toDecimalPlaces(6).toString(),
    ).toBe("0.077133");
  });

  // onesdr and schedulala TikTok engagement-rate examples: likes + comments + shares over views.
  it("counts TikTok likes, comments and shares over views", () => {
    expect(
      engagementRate({
        platform: "tiktok",
        likes: 500,
        comments: 100,
        shares: 50,
        views: 10000,
      }).toString(),
    ).toBe("0.065");
    expect(
      engagementRate({
        platform: "tiktok",
        likes: 3000,
        comments: 200,
        shares: 100,
        views: 50000,
      }).toString(),
    ).toBe("0.066");
  });

  // ytstudio.org "How to Calculate YouTube Engagement Rate": (450 + 85 + 25) / 10,000 = 5.6 %.
  it("counts YouTube likes, comments and shares over views", () => {
    expect(
      engagementRate({
        platform: "youtube",
        likes: 450,
        comments: 85,
        shares: 25,
        views: 10000,
      }).toString(),
    ).toBe("0.056");
  });

  // Dasheroo help (followers basis): 28 / 1,487 = 0.018830.
  it("matches the Dasheroo X example on followers", () => {
    expect(
      engagementRate({ platform: "x", likes: 20, replies: 3, reposts: 5, followers: 1487 })
        .toDecimalPlaces(6)
        .toString(),
    ).toBe("0.01883");
  });

  it("treats twitter as the same preset as x", () => {
    const fields = { likes: 10, replies: 2, reposts: 3, quotes: 1, follows: 1, clicks: 33 };
    const x = engagementRate({ platform: "x", ...fields, impressions: 1000 });
    expect(x.toString()).toBe("0.05");
    expect(engagementRate({ platform: "twitter", ...fields, impressions: 1000 }).eq(x)).toBe(true);
  });

  it("counts LinkedIn clicks, reactions, comments, reposts and follows over impressions", () => {
    expect(
      engagementRate({
        platform: "linkedin",
        clicks: 40,
        reactions: 30,
        comments: 5,
        reposts: 4,
        follows: 1,
        impressions: 2000,
      }).toString(),
    ).toBe("0.04");
  });

  it("counts Facebook reactions, comments and shares, and clicks when given", () => {
    const base = { platform: "facebook", reactions: 80, comments: 15, shares: 5 } as const;
    expect(engagementRate({ ...base, reach: 5000 }).toString()).toBe("0.02");
    expect(engagementRate({ ...base, clicks: 100, reach: 5000 }).toString()).toBe("0.04");
  });

  it("counts missing interactions as 0", () => {
    // Socialinsider uses likes + comments only when saves are not available.
    expect(
      engagementRate({
        platform: "instagram",
        likes: 90,
        comments: 10,
        followers: 4000,
      }).toString(),
    ).toBe("0.025");
  });

  it("publishes each preset's interaction set", () => {
    expect(ENGAGEMENT_PRESETS.instagram).toEqual(["likes", "comments", "saves", "shares"]);
    expect(ENGAGEMENT_PRESETS.youtube).toEqual(["likes", "comments", "shares"]);
    expect(Object.isFrozen(ENGAGEMENT_PRESETS)).toBe(true);
    expect(Object.isFrozen(ENGAGEMENT_PRESETS.tiktok)).toBe(true);
  });

  it("uses the by option to choose among several denominators", () => {
    const post = { engagements: 300, followers: 8000, reach: 6000, impressions: 20000 };
    expect(engagementRate(post, { by: "followers" }).toString()).toBe("0.0375");
    expect(engagementRate(post, { by: "reach" }).toString()).toBe("0.05");
    expect(engagementRate(post, { by: "impressions" }).toString()).toBe("0.015");
  });

  it("does not cap the rate when engagements exceed the audience", () => {
    expect(engagementRate({ engagements: 150, reach: 100 }).toString()).toBe("1.5");
  });

  it("returns 0 for no engagements and 1 for one per member", () => {
    expect(engagementRate({ engagements: 0, followers: 10 }).toString()).toBe("0");
    expect(engagementRate({ engagements: 10, followers: 10 }).toString()).toBe("1");
  });

  it("handles huge counts exactly", () => {
    expect(engagementRate({ engagements: 10n ** 30n, impressions: "4e30" }).toString()).toBe(
      "0.25",
    );
  });

  it("agrees across number, string, bigint and Decimal inputs", () => {
    const expected = engagementRate({ engagements: 3, followers: 8 }).toString();
    expect(expected).toBe("0.375");
    expect(engagementRate({ engagements: "3", followers: " 8 " }).toString()).toBe(expected);
    expect(engagementRate({ engagements: 3n, followers: 8n }).toString()).toBe(expected);
    expect(
      engagementRate({
        engagements: new ForeignDecimal(3),
        followers: new ForeignDecimal(8),
      }).toString(),
    ).toBe(expected);
  });

  it("accepts frozen input and options", () => {
    const input = Object.freeze({ engagements: 5, followers: 10, reach: 20 });
    const options = Object.freeze({ by: "reach" as const });
    expect(engagementRate(input, options).toString()).toBe("0.25");
  });

  it("throws NOT_A_NUMBER for a missing input, count or denominator", () => {
    expect(errorOf(() => engagementRate(null as never)).field).toBe("input");
    const noCount = errorOf(() => engagementRate({ followers: 10 } as never));
    expect([noCount.code, noCount.field]).toEqual(["NOT_A_NUMBER", "engagements"]);
    const noAudience = errorOf(() => engagementRate({ engagements: 1 }));
    expect([noAudience.code, noAudience.field]).toEqual(["NOT_A_NUMBER", "audience"]);
    const noFields = errorOf(() => engagementRate({ platform: "youtube", views: 10 }));
    expect(noFields.code).toBe("NOT_A_NUMBER");
    expect(noFields.message).toContain("at least one is required for youtube");
  });

  it("throws NOT_FINITE for an infinite count", () => {
    const error = errorOf(() => engagementRate({ engagements: Infinity, followers: 10 }));
    expect(error.code).toBe("NOT_FINITE");
  });

  it("throws NEGATIVE and NOT_INTEGER for bad counts", () => {
    const negative = errorOf(() => engagementRate({ engagements: -1, followers: 10 }));
    expect([negative.code, negative.field]).toEqual(["NEGATIVE", "engagements"]);
    const fractional = errorOf(() =>
      engagementRate({ platform: "instagram", likes: 1.5, followers: 10 }),
    );
    expect([fractional.code, fractional.field]).toEqual(["NOT_INTEGER", "likes"]);
  });

  it("throws ZERO_DENOMINATOR when the denominator is 0", () => {
    const error = errorOf(() => engagementRate({ engagements: 0, reach: 0 }));
    expect([error.code, error.field]).toEqual(["ZERO_DENOMINATOR", "reach"]);
    expect(error.message).toBe("engagementRate: reach must be greater than 0 (received 0)");
  });

  it("throws INCONSISTENT for ambiguous or contradictory input", () => {
    const ambiguous = errorOf(() => engagementRate({ engagements: 1, followers: 2, reach: 3 }));
    expect([ambiguous.code, ambiguous.field]).toEqual(["INCONSISTENT", "followers, reach"]);
    const both = errorOf(() =>
      engagementRate({ platform: "instagram", likes: 1, engagements: 5, followers: 10 } as never),
    );
    expect([both.code, both.field]).toEqual(["INCONSISTENT", "engagements"]);
    const foreign = errorOf(() =>
      engagementRate({ platform: "linkedin", clicks: 1, saves: 1, impressions: 10 }),
    );
    expect([foreign.code, foreign.field]).toEqual(["INCONSISTENT", "saves"]);
  });

  it("throws INVALID_OPTION for an unknown platform, by or options value", () => {
    const platform = errorOf(() =>
      engagementRate({ platform: "myspace" as never, likes: 1, followers: 10 }),
    );
    expect([platform.code, platform.field]).toEqual(["INVALID_OPTION", "platform"]);
    const by = errorOf(() =>
      engagementRate({ engagements: 1, followers: 2 }, { by: "fans" as never }),
    );
    expect([by.code, by.field]).toEqual(["INVALID_OPTION", "by"]);
    expect(errorOf(() => engagementRate({ engagements: 1, followers: 2 }, 5 as never)).code).toBe(
      "INVALID_OPTION",
    );
  });

  it("reports a by field that is missing from the input", () => {
    const error = errorOf(() => engagementRate({ engagements: 1, followers: 2 }, { by: "reach" }));
    expect([error.code, error.field]).toEqual(["NOT_A_NUMBER", "reach"]);
  });

  it("is non-negative, scales inversely with the denominator and sums per interaction", () => {
    const counts = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(
        counts,
        counts,
        counts,
        counts,
        fc.integer({ min: 1, max: 1_000_000 }),
        (a, b, c, d, reach) => {
          const rate = engagementRate({
            platform: "instagram",
            likes: a,
            comments: b,
            saves: c,
            shares: d,
            reach,
          });
          expect(rate.isNegative()).toBe(false);
          expect(
            rate
              .times(reach)
              .minus(a + b + c + d)
              .abs()
              .lt("1e-30"),
          ).toBe(true);
          const total = engagementRate({ engagements: a + b + c + d, reach });
          expect(total.eq(rate)).toBe(true);
        },
      ),
    );
  });

  it("does not mutate its input", () => {
    const input = { platform: "tiktok" as const, likes: 5, comments: 1, views: 100 };
    const copy = structuredClone(input);
    engagementRate(input);
    expect(input).toEqual(copy);
  });
});
