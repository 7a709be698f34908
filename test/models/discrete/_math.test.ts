import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lnLikelihood, survivalSum } from "../../../src/models/discrete/_bgbbMath.js";
import {
  DIRECT_TERMS,
  lnBetaRatio,
  lnMeanInverse,
  lnSurvivalRatio,
  sumRatioTerms,
} from "../../../src/models/discrete/_math.js";
import boundary from "../../fixtures/discrete/boundary-references.json" with { type: "json" };

/** ln(1 − α/(α+β+i)) summed term by term, the definition of lnSurvivalRatio. */
function directLnSurvival(beta: number, alpha: number, t: number): number {
  let s = 0;
  for (let i = 0; i < t; i++) s += Math.log((beta + i) / (alpha + beta + i));
  return s;
}

const positive = fc.oneof(
  fc.double({ min: 1e-6, max: 1, noNaN: true }),
  fc.double({ min: 1, max: 100, noNaN: true }),
  fc.double({ min: 100, max: 1e7, noNaN: true }),
);

describe("lnSurvivalRatio", () => {
  it("equals the sum of ln((β + i)/(α + β + i)) (property)", () => {
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: 0, max: 400 }), (beta, alpha, t) => {
        const expected = directLnSurvival(beta, alpha, t);
        const got = lnSurvivalRatio(beta, alpha, t);
        // The direct sum carries t rounding errors of its terms.
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(
          1e-13 * (1 + t) * (1 + Math.abs(expected)),
        );
        expect(got).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("stays accurate where ln B(α, β + t) − ln B(α, β) cancels: α, β ≈ 1e16", () => {
    // The sBG at the geometric limit: S(t) → (1 − p)^t, p = α/(α + β).
    const p = 0.2715399437457567;
    const k = 3e16;
    for (const t of [1, 2, 4, 100, 1000]) {
      expect(lnSurvivalRatio((1 - p) * k, p * k, t) / (t * Math.log1p(-p)) - 1).toBeLessThan(1e-12);
    }
  });
});

describe("lnBetaRatio", () => {
  it("is ln E[p^x (1 − p)^y], the sum of two survival ratios (property)", () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (a, b, x, y) => {
          // E[p^x (1−p)^y] = Π_{i<x} (a+i)/(a+b+i) · Π_{j<y} (b+j)/(a+b+x+j).
          let expected = 0;
          for (let i = 0; i < x; i++) expected += Math.log((a + i) / (a + b + i));
          for (let j = 0; j < y; j++) expected += Math.log((b + j) / (a + b + x + j));
          expect(Math.abs(lnBetaRatio(a, b, x, y) - expected)).toBeLessThanOrEqual(
            1e-12 * (1 + Math.abs(expected)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("sumRatioTerms", () => {
  it("agrees with the plain sum across the switch to Euler–Maclaurin (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.001, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.integer({ min: DIRECT_TERMS - 10, max: 4 * DIRECT_TERMS }),
        (b1, g1, b2, g2, m) => {
          let term = 1;
          let sum = 0;
          let carry = 0;
          for (let i = 0; i < m; i++) {
            // Kahan summation for the reference.
            const y = term - carry;
            const next = sum + y;
            carry = next - sum - y;
            sum = next;
            term *= ((b1 + i) / (b1 + g1 + i)) * ((b2 + i) / (b2 + g2 + i));
          }
          expect(Math.abs(sumRatioTerms([b1, b2], [g1, g2], m) / sum - 1)).toBeLessThan(1e-11);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("sums B(γ, δ+t)/B(γ, δ) over up to 2^53 periods as the closed form of FHS (2010) eq. 8 (mpmath)", () => {
    for (const [gamma, delta, from, count, value] of boundary.survivalSum as number[][]) {
      const got = survivalSum(gamma as number, delta as number, from as number, count as number);
      if (value === 0) expect(got).toBe(0);
      else expect(Math.abs(got / (value as number) - 1)).toBeLessThan(1e-12);
    }
  });
});

describe("lnLikelihood", () => {
  it("matches mpmath's ₃F₂ sum for up to 2^53 opportunities and parameters from 1e-6 to 1e7", () => {
    for (const [a, b, g, d, x, tx, n, value] of boundary.bgbbLikelihood as number[][]) {
      const got = lnLikelihood(
        a as number,
        b as number,
        g as number,
        d as number,
        x as number,
        tx as number,
        n as number,
      );
      expect(Math.abs(got - (value as number))).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(value as number)),
      );
    }
  });
});

describe("lnMeanInverse", () => {
  it("matches mpmath's ₂F₁(1, a; a + b; −1/d)/d for a, b from 1e-6 to 1e7 and d from 0 to 1e300", () => {
    const grid = boundary.meanInverse as number[][];
    expect(grid.length).toBeGreaterThan(700);
    for (const [a, b, d, value] of grid) {
      const lnD = d === 0 ? Number.NEGATIVE_INFINITY : Math.log(d as number);
      const got = lnMeanInverse(a as number, b as number, lnD);
      expect(Math.abs(got - (value as number))).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(value as number)),
      );
    }
  });
});

describe("at parameters from 1e-300 to 1e300", () => {
  const anyPositive = fc.double({ min: -300, max: 300, noNaN: true }).map((e) => 10 ** e);

  it("keeps E[1/(θ + d)] finite and between 1/(1 + d) and 1/d (property)", () => {
    fc.assert(
      fc.property(
        anyPositive,
        anyPositive,
        fc.oneof(fc.constant(5e-324), anyPositive, fc.constant(1.7e308)),
        (a, b, d) => {
          const value = lnMeanInverse(a, b, Math.log(d));
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(-Math.log1p(d) - 1e-12);
          expect(value).toBeLessThanOrEqual(-Math.log(d) + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the BG/BB log-likelihood finite and ≤ 0 (property)", () => {
    const history = fc
      .constantFrom(1, 6, 2 ** 31, 2 ** 53 - 1)
      .chain((n) =>
        fc
          .constantFrom(0, 1, n)
          .chain((tx) =>
            fc.constantFrom(...(tx === 0 ? [0] : [1, tx])).map((x) => [x, tx, n] as const),
          ),
      );
    fc.assert(
      fc.property(
        fc.tuple(anyPositive, anyPositive, anyPositive, anyPositive),
        history,
        ([a, b, g, d], [x, tx, n]) => {
          const value = lnLikelihood(a, b, g, d, x, tx, n);
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
