import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lnGamma } from "../../../src/_lib/special.js";
import { bfgs } from "../../../src/models/_math/bfgs.js";
import { hessian, standardErrors } from "../../../src/models/_math/hessian.js";
import { minimizePositive } from "../../../src/models/_math/minimizePositive.js";
import type { Objective } from "../../../src/models/_math/nelderMead.js";
import reference from "../../fixtures/discrete/scipy-nelder-mead.json" with { type: "json" };

const NBD_COUNTS = [0, 1, 2, 3, 4, 5, 6, 8];
const NBD_WEIGHTS = [271, 169, 88, 52, 29, 13, 8, 3];
/**
 * Negative log-likelihood of the NBD on the natural scale (r, alpha). ln Γ(r + k) − ln Γ(r) is
 * summed as Σ_{j<k} ln(r + j), exact for the integer counts: the difference of two lnΓ values
 * would leave their rounding (about 1e-16 of each) as noise in a likelihood this flat.
 */
const nbd: Objective = (theta) => {
  const r = theta[0] as number;
  const a = theta[1] as number;
  let s = 0;
  for (let i = 0; i < NBD_COUNTS.length; i++) {
    const k = NBD_COUNTS[i] as number;
    let gammaRatio = 0;
    for (let j = 0; j < k; j++) gammaRatio += Math.log(r + j);
    s -=
      (NBD_WEIGHTS[i] as number) *
      (gammaRatio - lnGamma(k + 1) + r * Math.log(a / (a + 1)) - k * Math.log(a + 1));
  }
  return s;
};
const mle = reference.nbdMle;

const rosen: Objective = (x) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const xi = x[i] as number;
    s += 100 * ((x[i + 1] as number) - xi * xi) ** 2 + (1 - xi) ** 2;
  }
  return s;
};

describe("minimizePositive", () => {
  it("finds the maximum-likelihood estimate of the NBD to 1e-8 (mpmath reference)", () => {
    const result = minimizePositive(nbd, [[1, 1]]);
    expect(result.converged).toBe(true);
    expect(Math.abs((result.x[0] as number) / (mle.theta[0] as number) - 1)).toBeLessThan(1e-8);
    expect(Math.abs((result.x[1] as number) / (mle.theta[1] as number) - 1)).toBeLessThan(1e-8);
    expect(result.fx).toBeCloseTo(mle.nll, 9);
  });

  it("returns the best of several starts and counts all their work", () => {
    // Two basins on the log scale: a shallow one near θ = 0.1 and the deepest near θ = 10.
    const f: Objective = (t) => {
      const y = Math.log(t[0] as number);
      return Math.min((y + 2.3) ** 2 + 1, (y - 2.3) ** 2);
    };
    const one = minimizePositive(f, [[0.05]]);
    expect(one.x[0]).toBeCloseTo(Math.exp(-2.3), 6);
    const both = minimizePositive(f, [[0.05], [20]]);
    expect(both.x[0]).toBeCloseTo(Math.exp(2.3), 6);
    expect(both.fx).toBeCloseTo(0, 12);
    expect(both.evaluations).toBeGreaterThan(one.evaluations);
  });

  it("minimises the four-dimensional Rosenbrock function over positive values", () => {
    const result = minimizePositive(rosen, [[0.5, 2, 0.3, 1.5]]);
    expect(result.converged).toBe(true);
    for (const v of result.x) expect(v).toBeCloseTo(1, 6);
  });

  it("can skip the BFGS polish and still converge", () => {
    const result = minimizePositive(nbd, [[1, 1]], { polish: false, adaptive: false });
    expect(result.converged).toBe(true);
    expect(Math.abs((result.x[0] as number) / (mle.theta[0] as number) - 1)).toBeLessThan(1e-6);
  });

  it("treats a non-finite objective as +Infinity and reports converged false when nowhere finite", () => {
    const result = minimizePositive(() => Number.NaN, [[1, 2]], { maxEvaluations: 100 });
    expect(result.converged).toBe(false);
    expect(result.fx).toBe(Number.POSITIVE_INFINITY);
    // Points where f overflows are avoided, not fatal.
    const partly: Objective = (t) => ((t[0] as number) > 5 ? Number.POSITIVE_INFINITY : nbd(t));
    const ok = minimizePositive(partly, [[4, 4]]);
    expect(ok.x[0]).toBeCloseTo(mle.theta[0] as number, 6);
  });

  it("reports converged false when the budget is too small", () => {
    const result = minimizePositive(rosen, [[0.5, 2, 0.3, 1.5]], {
      maxEvaluations: 20,
      polish: false,
    });
    expect(result.converged).toBe(false);
  });

  it("rejects an empty list of starts and starts of different lengths", () => {
    expect(() => minimizePositive(nbd, [])).toThrow(RangeError);
    expect(() => minimizePositive(nbd, [[1, 1], [1]])).toThrow(RangeError);
  });

  it("finds the minimum of any positive quadratic bowl on the log scale (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (a, b) => {
          const f: Objective = (t) =>
            (Math.log(t[0] as number) - Math.log(a)) ** 2 +
            2 * (Math.log(t[1] as number) - Math.log(b)) ** 2;
          const result = minimizePositive(f, [[1, 1]]);
          expect(Math.abs((result.x[0] as number) / a - 1)).toBeLessThan(1e-6);
          expect(Math.abs((result.x[1] as number) / b - 1)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("bfgs", () => {
  it("converges on Rosenbrock from (-1.2, 1)", () => {
    const result = bfgs(rosen, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it("stops at its iteration budget with converged false", () => {
    const result = bfgs(rosen, [-1.2, 1], { maxIterations: 3 });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
  });

  it("returns at once when f is not finite at the start", () => {
    const result = bfgs(() => Number.NaN, [1]);
    expect(result.fx).toBe(Number.POSITIVE_INFINITY);
    expect(result.iterations).toBe(0);
    expect(result.converged).toBe(false);
  });

  it("gives up when no step decreases f (a non-smooth kink)", () => {
    // The difference quotient across the jump at 0 points uphill to the right.
    const f: Objective = (x) => ((x[0] as number) < 0 ? 1 - (x[0] as number) : (x[0] as number));
    const result = bfgs(f, [1e-6]);
    expect(result.converged).toBe(false);
    expect(result.x[0]).toBe(1e-6);
    expect(result.iterations).toBe(0);
  });

  it("finds a local minimum of a function whose curvature changes sign", () => {
    const f: Objective = (x) => Math.cos(x[0] as number) + 0.01 * (x[0] as number) ** 2;
    const result = bfgs(f, [0.3]);
    expect(Number.isFinite(result.fx)).toBe(true);
    expect(result.fx).toBeLessThan(f(Float64Array.of(0.3)));
  });

  it("treats infinite values as a failed line-search step", () => {
    const f: Objective = (x) => ((x[0] as number) > 1.5 ? Number.NaN : ((x[0] as number) - 1) ** 2);
    const result = bfgs(f, [-3]);
    expect(result.x[0]).toBeCloseTo(1, 6);
  });

  it("rejects an empty starting point", () => {
    expect(() => bfgs(rosen, [])).toThrow(RangeError);
  });
});

describe("hessian and standardErrors", () => {
  it("matches mpmath's exact second derivatives of the NBD log-likelihood to 1e-6", () => {
    const H = hessian(nbd, mle.theta);
    const exact = mle.hessian.flat();
    for (let k = 0; k < 4; k++) {
      expect(Math.abs((H[k] as number) / (exact[k] as number) - 1)).toBeLessThan(1e-6);
    }
    const se = standardErrors(H, 2);
    expect(Math.abs((se[0] as number) / (mle.standardErrors[0] as number) - 1)).toBeLessThan(1e-6);
    expect(Math.abs((se[1] as number) / (mle.standardErrors[1] as number) - 1)).toBeLessThan(1e-6);
  });

  it("is exact on a quadratic, with a step where a coordinate is 0", () => {
    const f: Objective = (x) => {
      const a = x[0] as number;
      const b = x[1] as number;
      const c = x[2] as number;
      return 2 * a * a + 3 * a * b + 5 * b * b + c * c + b * c;
    };
    const H = Array.from(hessian(f, [0, 1, 2], { relativeStep: 1e-3 }));
    const exact = [4, 3, 0, 3, 10, 1, 0, 1, 2];
    for (let k = 0; k < 9; k++) expect(H[k]).toBeCloseTo(exact[k] as number, 5);
  });

  it("inverts the information: standard errors of a diagonal matrix", () => {
    expect(standardErrors([4, 0, 0, 25], 2)).toEqual([0.5, 0.2]);
    // [[2, 1], [1, 2]]⁻¹ = [[2, -1], [-1, 2]] / 3
    const se = standardErrors([2, 1, 1, 2], 2);
    expect(se[0]).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(se[1]).toBeCloseTo(Math.sqrt(2 / 3), 14);
  });

  it("gives null for every parameter when the matrix is not positive definite", () => {
    expect(standardErrors([1, 2, 2, 1], 2)).toEqual([null, null]);
    expect(standardErrors([0, 0, 0, 1], 2)).toEqual([null, null]);
    expect(standardErrors([1, Number.NaN, Number.NaN, 1], 2)).toEqual([null, null]);
    expect(standardErrors([Number.POSITIVE_INFINITY], 1)).toEqual([null]);
  });

  it("gives null when the inverse overflows", () => {
    expect(standardErrors([1e-320], 1)).toEqual([null]);
  });

  it("marks a probe where f is not finite with NaN, so the errors are null", () => {
    const f: Objective = (x) => ((x[0] as number) > 1 ? Number.NaN : (x[0] as number) ** 2);
    const H = hessian(f, [1]);
    expect(Number.isNaN(H[0])).toBe(true);
    expect(standardErrors(H, 1)).toEqual([null]);
  });
});
