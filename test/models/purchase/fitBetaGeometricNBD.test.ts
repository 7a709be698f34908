import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, fitBetaGeometricNBD } from "../../../src/index.js";
import {
  bgnbdAlive,
  bgnbdConditional,
  bgnbdExpected,
} from "../../../src/models/purchase/_bgnbdMath.js";
import { cdnowSummary, reference, relativeError } from "./_cdnow.js";
import { expectError } from "./_expectError.js";
import { simulateBetaGeometricNBD } from "./_simulate.js";

const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));
const bg = fitBetaGeometricNBD(cdnow, { unit: "week" });
const exact = [
  reference.bgnbd.params.r,
  reference.bgnbd.params.alpha,
  reference.bgnbd.params.a,
  reference.bgnbd.params.b,
] as number[];

describe("fitBetaGeometricNBD", () => {
  it("reproduces Fader, Hardie & Lee (2005) on CDNOW to the printed precision", () => {
    // Marketing Science 24(2), p. 280: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4.
    expect(bg.params.r.toFixed(3)).toBe("0.243");
    expect(bg.params.alpha.toFixed(3)).toBe("4.414");
    expect(bg.params.a.toFixed(3)).toBe("0.793");
    expect(bg.params.b.toFixed(3)).toBe("2.426");
    expect(bg.logLikelihood.toFixed(1)).toBe("-9582.4");
    expect(bg.converged).toBe(true);
    expect(bg.iterations).toBeGreaterThan(0);
    expect(bg.unit).toBe("week");
    expect(bg.customers).toBe(2357);
  });

  it("agrees with the scipy maximum-likelihood fit to 1e-5 relative", () => {
    // reference.py: scipy Nelder–Mead + BFGS on the same file.
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relativeError(bg.params[name], reference.bgnbd.params[name] as number)).toBeLessThan(
        1e-5,
      );
    }
    expect(relativeError(bg.logLikelihood, reference.bgnbd.logLikelihood)).toBeLessThan(1e-10);
  });

  it("gives the standard errors lifetimes reports for CDNOW", () => {
    // lifetimes README, BetaGeoFitter summary on cdnow_customers_summary.csv:
    // se(r) 0.012557, se(α) 0.378221, se(a) 0.185719, se(b) 0.705345.
    const se = bg.standardErrors;
    expect(relativeError(se.r as Decimal, 0.012557)).toBeLessThan(2e-3);
    expect(relativeError(se.alpha as Decimal, 0.378221)).toBeLessThan(2e-3);
    expect(relativeError(se.a as Decimal, 0.185719)).toBeLessThan(2e-3);
    expect(relativeError(se.b as Decimal, 0.705345)).toBeLessThan(2e-3);
  });

  it("shows the documented example", () => {
    expect(bg.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }).toFixed(4)).toBe(
      "0.7266",
    );
  });

  it("predicts as the closed forms evaluated with mpmath", () => {
    // reference.py evaluates E[X(t)], E[Y(t)|…] and P(alive) at the scipy estimates, 30 digits.
    for (const [t, value] of Object.entries(reference.predictions.bg.expected)) {
      expect(relativeError(bgnbdExpected(exact, Number(t)), value)).toBeLessThan(1e-10);
      expect(relativeError(bg.expectedPurchases({ weeks: Number(t) }), value)).toBeLessThan(1e-5);
    }
    for (const [[x, tx, T], t, value] of reference.predictions.bg.conditional) {
      expect(relativeError(bgnbdConditional(exact, x, tx, T, t), value)).toBeLessThan(1e-10);
      const model = bg.conditionalExpectedPurchases({ frequency: x, recency: tx, T }, { weeks: t });
      expect(relativeError(model, value)).toBeLessThan(1e-5);
    }
    for (const [[x, tx, T], value] of reference.predictions.bg.alive) {
      expect(relativeError(bgnbdAlive(exact, x, tx, T), value)).toBeLessThan(1e-12);
      expect(
        relativeError(bg.probabilityAlive({ frequency: x, recency: tx, T }), value),
      ).toBeLessThan(1e-5);
    }
  });

  it("stays finite and accurate for frequent buyers over long horizons", () => {
    // mpmath at 30 digits; the untransformed ₂F₁ overflows here (∞ · 0 without Euler's
    // transformation).
    expect(
      relativeError(bgnbdConditional(exact, 50, 30, 39, 5000), 0.23076127285502807),
    ).toBeLessThan(1e-12);
    expect(
      relativeError(
        bgnbdConditional(exact, 661, 693.5295997494835, 1819.7233700370748, 36231.68224235495),
        2.980236068142212e-270,
      ),
    ).toBeLessThan(1e-12);
    expect(
      bg
        .conditionalExpectedPurchases(
          { frequency: 1427, recency: 1503.8, T: 8250.8 },
          { weeks: 8042.9 },
        )
        .toString(),
    ).toBe("0");
  });

  it("matches the population expectation for a customer with no history", () => {
    for (const t of [0.5, 1, 10, 39, 52, 500]) {
      const population = bg.expectedPurchases({ weeks: t });
      const conditional = bg.conditionalExpectedPurchases(
        { frequency: 0, recency: 0, T: 0 },
        { weeks: t },
      );
      expect(relativeError(conditional, population.toNumber())).toBeLessThan(1e-14);
    }
    expect(bg.expectedPurchases({ weeks: 0 }).toString()).toBe("0");
    expect(
      bg.conditionalExpectedPurchases({ frequency: 3, recency: 5, T: 9 }, { days: 0 }).toString(),
    ).toBe("0");
  });

  it("keeps a customer without repeat purchases alive with probability 1", () => {
    for (const T of [0, 1, 38.86, 1000]) {
      expect(bg.probabilityAlive({ frequency: 0, recency: 0, T }).toString()).toBe("1");
    }
  });

  it("converts named durations into the model's unit", () => {
    expect(
      relativeError(
        bg.expectedPurchases({ days: 273 }),
        bg.expectedPurchases({ weeks: 39 }).toNumber(),
      ),
    ).toBeLessThan(1e-14);
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    expect(
      relativeError(
        bg.conditionalExpectedPurchases(c, { years: 1 }),
        bg.conditionalExpectedPurchases(c, { weeks: 365.2425 / 7 }).toNumber(),
      ),
    ).toBeLessThan(1e-14);
    expect(
      relativeError(
        bg.conditionalExpectedPurchases(c, { months: 3 }),
        bg.conditionalExpectedPurchases(c, { quarters: 1 }).toNumber(),
      ),
    ).toBeLessThan(1e-14);
    // Strings, bigints and Decimals as amounts.
    expect(bg.expectedPurchases({ weeks: "39" }).eq(bg.expectedPurchases({ weeks: 39 }))).toBe(
      true,
    );
    expect(bg.expectedPurchases({ weeks: 39n }).eq(bg.expectedPurchases({ weeks: 39 }))).toBe(true);
    expect(
      bg.expectedPurchases({ weeks: new Decimal(39) }).eq(bg.expectedPurchases({ weeks: 39 })),
    ).toBe(true);
  });

  it("rejects a horizon that does not name its unit, with a hint", () => {
    // A bare 39 on a weekly model would silently mean 39 weeks; on a daily one, 39 days.
    for (const bare of [39, "39", 39n, new Decimal(39)]) {
      expectError(() => bg.expectedPurchases(bare as never), "INVALID_OPTION", "t");
      expectError(
        () =>
          bg.conditionalExpectedPurchases(
            { frequency: 2, recency: 30.43, T: 38.86 },
            bare as never,
          ),
        "INVALID_OPTION",
        "t",
      );
    }
    expect(() => bg.expectedPurchases(90 as never)).toThrow(
      "expectedPurchases: t must name its unit, e.g. { weeks: 90 } (a bare number would silently be in the model's unit, weeks) (received 90)",
    );
    expect(() =>
      bg.conditionalExpectedPurchases({ frequency: 0, recency: 0, T: 1 }, 1 as never),
    ).toThrow("conditionalExpectedPurchases: t must name its unit, e.g. { weeks: 1 }");
    const daily = fitBetaGeometricNBD(
      cdnow.slice(0, 200).map((row) => ({ ...row, recency: row.recency * 7, T: row.T * 7 })),
      { unit: "day" },
    );
    expect(() => daily.expectedPurchases(90 as never)).toThrow(
      "t must name its unit, e.g. { days: 90 } (a bare number would silently be in the model's unit, days)",
    );
  });

  it("predicts non-negative purchases that grow with t and a probability in [0, 1]", () => {
    const customer = fc
      .record({
        frequency: fc.integer({ min: 0, max: 40 }),
        T: fc.double({ min: 0, max: 200, noNaN: true }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ frequency, T, share }) => ({
        frequency,
        T,
        recency: frequency === 0 ? 0 : T * share,
      }));
    const times = fc.tuple(
      fc.double({ min: 0, max: 500, noNaN: true }),
      fc.double({ min: 0, max: 500, noNaN: true }),
    );
    fc.assert(
      fc.property(customer, times, (c, [t1, t2]) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = bg.conditionalExpectedPurchases(c, { weeks: lo });
        const b = bg.conditionalExpectedPurchases(c, { weeks: hi });
        expect(a.gte(0)).toBe(true);
        // Increasing up to rounding: about 1e-13 relative in ₂F₁, 1e-15 absolute near t = 0.
        expect(b.gte(a.times(1 - 1e-10).minus(1e-12))).toBe(true);
        expect(
          bg.expectedPurchases({ weeks: hi }).gte(
            bg
              .expectedPurchases({ weeks: lo })
              .times(1 - 1e-10)
              .minus(1e-12),
          ),
        ).toBe(true);
        const p = bg.probabilityAlive(c);
        expect(p.gte(0) && p.lte(1)).toBe(true);
      }),
    );
  });

  it("fits weighted rows as the same rows repeated", () => {
    const counts = new Map<string, number>();
    for (const row of cdnow) {
      const key = `${row.frequency},${row.recency},${row.T}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const weighted = [...counts].map(([key, weight]) => {
      const [frequency, recency, T] = key.split(",").map(Number) as [number, number, number];
      return { frequency, recency, T, weight };
    });
    expect(weighted.length).toBeLessThan(cdnow.length);
    const fit = fitBetaGeometricNBD(weighted, { unit: "week" });
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relativeError(fit.params[name], bg.params[name].toNumber())).toBeLessThan(1e-5);
    }
    expect(relativeError(fit.logLikelihood, bg.logLikelihood.toNumber())).toBeLessThan(1e-12);
  });

  it("scales alpha with the time unit and leaves the other parameters alone", () => {
    const days = cdnow.map((row) => ({ ...row, recency: row.recency * 7, T: row.T * 7 }));
    const fit = fitBetaGeometricNBD(days, { unit: "day" });
    expect(fit.unit).toBe("day");
    expect(relativeError(fit.params.alpha, bg.params.alpha.toNumber() * 7)).toBeLessThan(1e-5);
    expect(relativeError(fit.params.r, bg.params.r.toNumber())).toBeLessThan(1e-5);
    expect(relativeError(fit.params.b, bg.params.b.toNumber())).toBeLessThan(1e-5);
    expect(
      relativeError(
        fit.expectedPurchases({ weeks: 39 }),
        bg.expectedPurchases({ days: 273 }).toNumber(),
      ),
    ).toBeLessThan(1e-5);
  });

  it("rejects objects that only claim to be Decimals, and Decimals below the float64 range", () => {
    const fake = { toStringTag: "[object Decimal]" };
    for (const field of ["frequency", "recency", "T", "weight"] as const) {
      expectError(
        () =>
          fitBetaGeometricNBD([{ frequency: 1, recency: 1, T: 2, [field]: fake as never }], {
            unit: "week",
          }),
        "NOT_A_NUMBER",
        `summary[0].${field}`,
      );
    }
    // A Decimal 1e-400 is not 0: it has no float64 and is out of range.
    expectError(
      () =>
        fitBetaGeometricNBD([{ frequency: 1, recency: new Decimal("1e-400"), T: 2 }], {
          unit: "week",
        }),
      "OUT_OF_RANGE",
      "summary[0].recency",
    );
    expectError(
      () => bg.probabilityAlive({ frequency: 1, recency: 1, T: new Decimal("1e-400") }),
      "OUT_OF_RANGE",
      "customer.T",
    );
    expectError(
      () => bg.expectedPurchases({ weeks: new Decimal("1e-400") }),
      "OUT_OF_RANGE",
      "t.weeks",
    );
    expectError(() => bg.expectedPurchases({ weeks: fake as never }), "NOT_A_NUMBER", "t.weeks");
    // A Proxy that throws on every trap is an invalid horizon, not a TypeError.
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error("get");
        },
        getPrototypeOf() {
          throw new Error("getPrototypeOf");
        },
      },
    );
    expectError(() => bg.expectedPurchases(trap as never), "INVALID_OPTION", "t");
  });

  it("reads strings, bigints and Decimals, and frozen rows, as numbers", () => {
    const some = cdnow.slice(0, 300);
    const plain = fitBetaGeometricNBD(some, { unit: "week" });
    const typed = fitBetaGeometricNBD(
      Object.freeze(
        some.map((row) =>
          Object.freeze({
            frequency: BigInt(row.frequency),
            recency: String(row.recency),
            T: new Decimal(row.T),
            unit: "week" as const,
          }),
        ),
      ),
    );
    expect(typed.params.r.eq(plain.params.r)).toBe(true);
    expect(typed.logLikelihood.eq(plain.logLikelihood)).toBe(true);
  });

  it("recovers the parameters of simulated customers", () => {
    // 5,000 customers simulated from r 0.8, α 100, a 2, b 8 over two years in days.
    const rows = simulateBetaGeometricNBD(5000, [0.8, 100, 2, 8], 730, 2024);
    const fit = fitBetaGeometricNBD(rows, { unit: "day" });
    expect(fit.converged).toBe(true);
    expect(relativeError(fit.params.r, 0.8)).toBeLessThan(0.15);
    expect(relativeError(fit.params.alpha, 100)).toBeLessThan(0.15);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const se = fit.standardErrors[name] as Decimal;
      const truth = { r: 0.8, alpha: 100, a: 2, b: 8 }[name];
      // Within four standard errors of the truth.
      expect(Math.abs(fit.params[name].toNumber() - truth)).toBeLessThan(4 * se.toNumber());
    }
  });

  it("reports converged: false when the data cannot identify the model", () => {
    const none = fitBetaGeometricNBD(
      [
        { frequency: 0, recency: 0, T: 10 },
        { frequency: 0, recency: 0, T: 20 },
      ],
      { unit: "week" },
    );
    expect(none.converged).toBe(false);
    expect(none.standardErrors.r).toBeNull();
  });

  it("rejects bad summaries with the row in the field", () => {
    const rows = cdnow.slice(0, 6);
    const bad = (i: number, patch: object) =>
      rows.map((row, k) => (k === i ? { ...row, ...patch } : row));
    const opts = { unit: "week" } as const;
    expectError(() => fitBetaGeometricNBD([], opts), "EMPTY", "summary");
    expectError(
      () => fitBetaGeometricNBD(bad(5, { recency: 40 }), opts),
      "INCONSISTENT",
      "summary[5].recency",
    );
    expectError(
      () => fitBetaGeometricNBD(bad(1, { frequency: -1 }), opts),
      "NEGATIVE",
      "summary[1].frequency",
    );
    expectError(
      () => fitBetaGeometricNBD(bad(2, { frequency: 1.5 }), opts),
      "NOT_INTEGER",
      "summary[2].frequency",
    );
    expectError(
      () => fitBetaGeometricNBD(bad(3, { frequency: 0, recency: 1 }), opts),
      "INCONSISTENT",
      "summary[3].recency",
    );
    expectError(() => fitBetaGeometricNBD(bad(0, { T: -1 }), opts), "NEGATIVE", "summary[0].T");
    expectError(
      () => fitBetaGeometricNBD(bad(0, { T: "x" }), opts),
      "NOT_A_NUMBER",
      "summary[0].T",
    );
    expectError(
      () => fitBetaGeometricNBD(bad(4, { weight: -2 }), opts),
      "NEGATIVE",
      "summary[4].weight",
    );
    expectError(
      () =>
        fitBetaGeometricNBD(
          rows.map((r) => ({ ...r, weight: 0 })),
          opts,
        ),
      "EMPTY",
      "summary",
    );
    expectError(() => fitBetaGeometricNBD([null] as never, opts), "NOT_A_NUMBER", "summary[0]");
    expectError(() => fitBetaGeometricNBD(42 as never, opts), "NOT_A_NUMBER", "summary");
  });

  it("requires a unit, from the rows or the options, and consistent", () => {
    const rows = cdnow.slice(0, 6);
    expectError(() => fitBetaGeometricNBD(rows), "INVALID_OPTION", "options.unit");
    expectError(
      () => fitBetaGeometricNBD(rows, { unit: "fortnight" } as never),
      "INVALID_OPTION",
      "options.unit",
    );
    expectError(() => fitBetaGeometricNBD(rows, 3 as never), "INVALID_OPTION", "options");
    const withUnit = rows.map((row) => ({ ...row, unit: "week" as const }));
    expectError(
      () => fitBetaGeometricNBD(withUnit, { unit: "day" }),
      "INCONSISTENT",
      "options.unit",
    );
    expectError(
      () =>
        fitBetaGeometricNBD(
          withUnit.map((row, i) => (i === 2 ? { ...row, unit: "day" as const } : row)),
        ),
      "INCONSISTENT",
      "summary[2].unit",
    );
    expectError(
      () => fitBetaGeometricNBD([{ ...withUnit[0], unit: "days" }] as never),
      "INVALID_OPTION",
      "summary[0].unit",
    );
    expect(fitBetaGeometricNBD(withUnit).unit).toBe("week");
  });

  it("rejects bad prediction inputs", () => {
    expectError(() => bg.expectedPurchases(-1 as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases({ weeks: 1, days: 2 } as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases({ weeks: -1 }), "NEGATIVE", "t.weeks");
    expectError(() => bg.expectedPurchases({ fortnights: 1 } as never), "INVALID_OPTION", "t");
    // Inherited names are not units.
    expectError(() => bg.expectedPurchases({ constructor: 1 } as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases({ toString: 1 } as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases([39] as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases(null as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases(undefined as never), "INVALID_OPTION", "t");
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    expectError(() => bg.expectedPurchases(hostile as never), "INVALID_OPTION", "t");
    expectError(() => bg.expectedPurchases({ weeks: "1e400" }), "NOT_FINITE", "t.weeks");
    expectError(() => bg.expectedPurchases({ years: 1e307 }), "OUT_OF_RANGE", "t");
    expectError(
      () => bg.conditionalExpectedPurchases({ frequency: 1, recency: 5, T: 4 }, { weeks: 1 }),
      "INCONSISTENT",
      "customer.recency",
    );
    expectError(() => bg.probabilityAlive(undefined as never), "NOT_A_NUMBER", "customer");
    expectError(
      () => bg.probabilityAlive({ frequency: 1.5, recency: 1, T: 2 }),
      "NOT_INTEGER",
      "customer.frequency",
    );
  });
});
