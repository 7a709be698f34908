import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BetaGeometricNBD, GammaGamma, ParetoNBD } from "../../../src/index.js";
import { cdnowSummary } from "./_cdnow.js";
import { expectError } from "./_expectError.js";

// The published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2013).
const bg = BetaGeometricNBD.fromParams(
  { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  { unit: "week" },
);
const pnbd = ParetoNBD.fromParams(
  { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
  { unit: "week" },
);
const gg = GammaGamma.fromParams({ p: 6.25, q: 3.74, gamma: 15.44 });

const cdnow = cdnowSummary().map((c) => ({
  customerId: `c${c.id}`,
  frequency: c.frequency,
  recency: c.recency,
  T: c.T,
  monetaryValue: c.frequency === 0 ? 0 : 20 + (c.id % 7),
}));
const columns = {
  frequency: Int32Array.from(cdnow, (c) => c.frequency),
  recency: Float64Array.from(cdnow, (c) => c.recency),
  T: Float64Array.from(cdnow, (c) => c.T),
  monetaryValue: Float64Array.from(cdnow, (c) => c.monetaryValue),
  customerId: cdnow.map((c) => c.customerId),
};

describe("predict", () => {
  it("gives every customer the value of the single-customer method, rows or columns", () => {
    for (const model of [bg, pnbd]) {
      const floats = model.predict(cdnow, {
        what: "conditionalExpectedPurchases",
        horizon: { weeks: 39 },
      });
      const exact = model.predict(columns, {
        what: "conditionalExpectedPurchases",
        horizon: { weeks: 39 },
        as: "decimal",
      });
      expect(floats).toBeInstanceOf(Float64Array);
      expect(floats.length).toBe(cdnow.length);
      cdnow.forEach((c, i) => {
        const single = model.conditionalExpectedPurchases(c, { weeks: 39 });
        expect(exact[i]?.eq(single)).toBe(true);
        expect(floats[i]).toBe(single.toNumber());
      });
    }
  });

  it("predicts P(alive), now and later, as probabilityAlive does", () => {
    const now = pnbd.predict(cdnow, { what: "probabilityAlive", as: "decimal" });
    const later = pnbd.predict(columns, { what: "probabilityAlive", at: { days: 91 } });
    cdnow.forEach((c, i) => {
      expect(now[i]?.eq(pnbd.probabilityAlive(c))).toBe(true);
      expect(later[i]).toBe(pnbd.probabilityAlive(c, { at: { weeks: 13 } }).toNumber());
    });
  });

  it("values every customer as customerLifetimeValue does", () => {
    const options = {
      spendModel: gg,
      horizon: { months: 12 },
      discountRate: 0.01,
      discountRateUnit: "month",
      margin: "0.3",
    } as const;
    const values = bg.predict(cdnow.slice(0, 200), {
      what: "customerLifetimeValue",
      ...options,
      as: "decimal",
    });
    cdnow.slice(0, 200).forEach((c, i) => {
      expect(values[i]?.eq(bg.customerLifetimeValue({ ...options, customer: c }))).toBe(true);
    });
  });

  it("predicts expected spend for every customer as conditionalExpectedSpend does", () => {
    const floats = gg.predict(cdnow);
    const exact = gg.predict(columns, { as: "decimal" });
    cdnow.forEach((c, i) => {
      const single = gg.conditionalExpectedSpend(c);
      expect(exact[i]?.eq(single)).toBe(true);
      expect(floats[i]).toBe(single.toNumber());
    });
  });

  it("does not change its input", () => {
    const rows = Object.freeze(cdnow.slice(0, 5).map((c) => Object.freeze({ ...c })));
    expect(bg.predict(rows, { what: "probabilityAlive" }).length).toBe(5);
  });

  it("refuses a horizon without its unit, with a hint", () => {
    expectError(
      () => bg.predict(cdnow, { what: "conditionalExpectedPurchases", horizon: 39 as never }),
      "INVALID_OPTION",
      "prediction.horizon",
    );
    expect(() =>
      bg.predict(cdnow, { what: "conditionalExpectedPurchases", horizon: 39 as never }),
    ).toThrow("must name its unit, e.g. { weeks: 39 }");
    expectError(
      () => bg.predict(cdnow, { what: "probabilityAlive", at: 4 as never }),
      "INVALID_OPTION",
      "prediction.at",
    );
    expectError(
      () => pnbd.probabilityAlive(cdnow[0] as never, { at: 4 as never }),
      "INVALID_OPTION",
      "options.at",
    );
    expectError(
      () => bg.rank(cdnow, { what: "conditionalExpectedPurchases", horizon: "13" as never }),
      "INVALID_OPTION",
      "by.horizon",
    );
    expectError(
      () => bg.predict(cdnow, { what: "expectedSpend" } as never),
      "INVALID_OPTION",
      "prediction.what",
    );
    expectError(() => bg.predict(cdnow, {} as never), "INVALID_OPTION", "prediction.what");
    expectError(
      () => bg.predict(cdnow, { what: "probabilityAlive", as: "bigint" } as never),
      "INVALID_OPTION",
      "prediction.as",
    );
  });

  it("names the bad row of rows and of columns", () => {
    const rows = [
      { frequency: 1, recency: 2, T: 3 },
      { frequency: 1, recency: 4, T: 3 },
    ];
    expectError(
      () => bg.predict(rows, { what: "probabilityAlive" }),
      "INCONSISTENT",
      "summary[1].recency",
    );
    expectError(
      () =>
        bg.predict({ frequency: [1, 0], recency: [1, 2], T: [3, 3] }, { what: "probabilityAlive" }),
      "INCONSISTENT",
      "summary.recency[1]",
    );
    expectError(
      () =>
        bg.predict(
          { frequency: [1, -1], recency: [1, 0], T: [3, 3] },
          { what: "probabilityAlive" },
        ),
      "NEGATIVE",
      "summary.frequency[1]",
    );
    expectError(
      () =>
        bg.predict({ frequency: [1, 0], recency: [1, 0], T: [3] }, { what: "probabilityAlive" }),
      "INCONSISTENT",
      "summary.T",
    );
    expectError(
      () => gg.predict([{ frequency: 2, monetaryValue: "-3" }]),
      "NEGATIVE",
      "summary[0].monetaryValue",
    );
    expectError(
      () =>
        bg.predict([{ frequency: 1, recency: 1, T: 3 }], {
          what: "customerLifetimeValue",
          spendModel: gg,
          horizon: { months: 1 },
          discountRate: 0,
        }),
      "NOT_A_NUMBER",
      "summary[0].monetaryValue",
    );
  });
});

describe("predict and rank, any summary", () => {
  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 80, noNaN: true }),
    )
    .map(([frequency, share, T]) => ({
      frequency,
      recency: frequency === 0 ? 0 : share * T,
      T,
    }));

  it("gives each row the single-customer value, in the summary's order, and rank sorts them", () => {
    fc.assert(
      fc.property(
        // Repeated histories exercise the computation of identical rows once.
        fc
          .array(history, { minLength: 1, maxLength: 30 })
          .chain((rows) => fc.shuffledSubarray([...rows, ...rows], { minLength: rows.length })),
        (rows) => {
          const values = pnbd.predict(rows, { what: "probabilityAlive", at: { weeks: 2 } });
          rows.forEach((c, i) => {
            expect(values[i]).toBe(pnbd.probabilityAlive(c, { at: { weeks: 2 } }).toNumber());
          });
          const ranked = pnbd.rank(rows, { what: "probabilityAlive", at: { weeks: 2 } });
          expect(ranked.map((e) => e.index).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
          for (let k = 1; k < ranked.length; k++) {
            const before = ranked[k - 1] as (typeof ranked)[number];
            const after = ranked[k] as (typeof ranked)[number];
            expect(
              before.value.gt(after.value) ||
                (before.value.eq(after.value) && before.index < after.index),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("rank", () => {
  it("returns the top customers by a prediction, largest first, with their ids", () => {
    const top = pnbd.rank(
      cdnow,
      { what: "conditionalExpectedPurchases", horizon: { weeks: 52 } },
      {
        top: 10,
      },
    );
    const all = pnbd.predict(cdnow, {
      what: "conditionalExpectedPurchases",
      horizon: { weeks: 52 },
    });
    const sorted = Array.from(all).sort((a, b) => b - a);
    expect(top.length).toBe(10);
    top.forEach((entry, k) => {
      expect(entry.rank).toBe(k + 1);
      expect(entry.value.toNumber()).toBe(sorted[k]);
      expect(entry.customerId).toBe(cdnow[entry.index]?.customerId);
      expect(
        entry.value.eq(
          pnbd.conditionalExpectedPurchases(cdnow[entry.index] as never, { weeks: 52 }),
        ),
      ).toBe(true);
    });
  });

  it("keeps the order of the summary between equal values, and ids from columns", () => {
    // Every customer without a repeat purchase is alive with probability 1 under BG/NBD.
    const ranked = bg.rank(columns, { what: "probabilityAlive" });
    expect(ranked.length).toBe(cdnow.length);
    const ones = ranked.filter((e) => e.value.eq(1));
    expect(ones.map((e) => e.index)).toEqual(
      cdnow.flatMap((c, i) => (c.frequency === 0 ? [i] : [])),
    );
    expect(ranked[0]?.customerId).toBe(columns.customerId[ranked[0]?.index as number]);
    expect(
      bg.rank([{ frequency: 0, recency: 0, T: 1 }], { what: "probabilityAlive" })[0]?.customerId,
    ).toBeNull();
  });

  it("ranks by expected spend", () => {
    const ranked = gg.rank(cdnow, { top: 3 });
    const spend = gg.predict(cdnow);
    expect(ranked.map((e) => e.value.toNumber())).toEqual(
      Array.from(spend)
        .sort((a, b) => b - a)
        .slice(0, 3),
    );
  });

  it("refuses a top that is not a whole number ≥ 1", () => {
    expectError(() => gg.rank(cdnow, { top: 0 }), "OUT_OF_RANGE", "options.top");
    expectError(
      () => bg.rank(cdnow, { what: "probabilityAlive" }, { top: 1.5 }),
      "NOT_INTEGER",
      "options.top",
    );
  });
});
