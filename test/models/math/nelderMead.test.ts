import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lnGamma } from "../../../src/_lib/special.js";
import { nelderMead, type Objective } from "../../../src/models/_math/nelderMead.js";
import reference from "../../fixtures/discrete/scipy-nelder-mead.json" with { type: "json" };

// The same floating-point operations as in test/fixtures/discrete/optimizer_references.py.
const rosen: Objective = (x) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) {
    const xi = x[i] as number;
    const a = (x[i + 1] as number) - xi * xi;
    const b = 1 - xi;
    s += 100 * a * a + b * b;
  }
  return s;
};

const quadratic4: Objective = (x) => {
  const c = [1, 10, 100, 1000];
  let s = 0;
  for (let i = 0; i < 4; i++) {
    const d = (x[i] as number) - (i + 1);
    s += (c[i] as number) * d * d;
  }
  return s + (x[0] as number) * (x[1] as number);
};

const NBD_COUNTS = [0, 1, 2, 3, 4, 5, 6, 8];
const NBD_WEIGHTS = [271, 169, 88, 52, 29, 13, 8, 3];
const nbdNll: Objective = (y) => {
  const r = Math.exp(y[0] as number);
  const a = Math.exp(y[1] as number);
  let s = 0;
  for (let i = 0; i < NBD_COUNTS.length; i++) {
    const k = NBD_COUNTS[i] as number;
    const ll =
      lnGamma(r + k) -
      lnGamma(r) -
      lnGamma(k + 1) +
      r * Math.log(a / (a + 1)) -
      k * Math.log(a + 1);
    s -= (NBD_WEIGHTS[i] as number) * ll;
  }
  return s;
};

function scipyCase(name: string) {
  const found = reference.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no reference case ${name}`);
  return found;
}

describe("nelderMead against scipy.optimize.minimize(method='Nelder-Mead')", () => {
  it("reproduces scipy's Rosenbrock run from (-1.2, 1) with default options step for step", () => {
    const ref = scipyCase("rosenbrock2-default");
    const result = nelderMead(rosen, ref.x0);
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.fx).toBe(ref.fun);
    expect(result.iterations).toBe(ref.nit);
    expect(result.evaluations).toBe(ref.nfev);
    expect(result.converged).toBe(true);
  });

  it("reproduces scipy with tight xatol and fatol", () => {
    const ref = scipyCase("rosenbrock2-tight");
    const result = nelderMead(rosen, ref.x0, {
      xatol: 1e-10,
      fatol: 1e-12,
      maxIterations: 5000,
      maxEvaluations: 5000,
    });
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.fx).toBe(ref.fun);
    expect(result.iterations).toBe(ref.nit);
    expect(result.evaluations).toBe(ref.nfev);
  });

  it("reproduces scipy's adaptive coefficients in five dimensions", () => {
    const ref = scipyCase("rosenbrock5-adaptive");
    const result = nelderMead(rosen, ref.x0, {
      xatol: 1e-8,
      fatol: 1e-8,
      adaptive: true,
      maxIterations: 20000,
      maxEvaluations: 20000,
    });
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.iterations).toBe(ref.nit);
    expect(result.evaluations).toBe(ref.nfev);
    expect(result.converged).toBe(true);
  });

  it("stops at the evaluation budget as scipy does and reports converged false", () => {
    const ref = scipyCase("rosenbrock5-maxfev");
    const result = nelderMead(rosen, ref.x0, { maxEvaluations: 137, maxIterations: 100000 });
    expect(result.evaluations).toBe(137);
    expect(result.iterations).toBe(ref.nit);
    expect(result.fx).toBe(ref.fun);
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.converged).toBe(false);
  });

  it("stops at the iteration budget as scipy does and reports converged false", () => {
    const ref = scipyCase("rosenbrock5-maxiter");
    const result = nelderMead(rosen, ref.x0, { maxIterations: 40 });
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.iterations).toBe(40);
    expect(result.evaluations).toBe(ref.nfev);
    expect(result.converged).toBe(false);
  });

  it("builds the initial simplex from per-coordinate absolute steps like scipy's initial_simplex", () => {
    const ref = scipyCase("quadratic4-simplex");
    const result = nelderMead(quadratic4, ref.x0, {
      initialStep: [0.5, 0.5, 0.5, 0.5],
      xatol: 1e-6,
      fatol: 1e-8,
      maxIterations: 10000,
      maxEvaluations: 10000,
    });
    expect(Array.from(result.x)).toEqual(ref.x);
    expect(result.iterations).toBe(ref.nit);
    expect(result.evaluations).toBe(ref.nfev);
  });

  it("finds scipy's optimum of a gamma-Poisson log-likelihood on log-parameters", () => {
    // lgamma in Python and @stdlib's gammaln differ in the last bits, so the runs may part;
    // the optimum agrees far inside the tolerance.
    const ref = scipyCase("nbd-loglik");
    const result = nelderMead(nbdNll, ref.x0, {
      initialStep: 0.5,
      xatol: 1e-10,
      fatol: 1e-10,
      maxIterations: 2000,
      maxEvaluations: 2000,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(ref.x[0] as number, 7);
    expect(result.x[1]).toBeCloseTo(ref.x[1] as number, 7);
    expect(result.fx).toBeCloseTo(ref.fun, 9);
  });
});

describe("nelderMead", () => {
  it("treats NaN and infinite values of f as +Infinity and backs away from them", () => {
    // Defined only for x > 0; minimum at x = 2.
    const f: Objective = (x) => {
      const v = x[0] as number;
      return v <= 0 ? Number.NaN : (Math.log(v) - Math.log(2)) ** 2;
    };
    const result = nelderMead(f, [0.1], { initialStep: -1, xatol: 1e-10, fatol: 1e-14 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 6);

    const g: Objective = (x) =>
      (x[0] as number) > 3 ? Number.NEGATIVE_INFINITY : ((x[0] as number) - 1) ** 2;
    expect(nelderMead(g, [2.9], { initialStep: 0.5, xatol: 1e-9, fatol: 1e-12 }).x[0]).toBeCloseTo(
      1,
      5,
    );
  });

  it("returns fx Infinity and converged false when f is nowhere finite", () => {
    const result = nelderMead(() => Number.NaN, [1, 2]);
    expect(result.fx).toBe(Number.POSITIVE_INFINITY);
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(400);
  });

  it("uses 0.00025 for zero coordinates in the default simplex", () => {
    const seen: number[][] = [];
    nelderMead(
      (x) => {
        seen.push(Array.from(x));
        return (x[0] as number) ** 2 + (x[1] as number) ** 2;
      },
      [0, 2],
      { maxEvaluations: 3 },
    );
    expect(seen).toEqual([
      [0, 2],
      [0.00025, 2],
      [0, 2.1],
    ]);
  });

  it("stops inside the initial simplex when the budget is smaller than the simplex", () => {
    const result = nelderMead(rosen, [1, 1, 1], { maxEvaluations: 2 });
    expect(result.evaluations).toBe(2);
    expect(result.converged).toBe(false);
    expect(result.fx).toBe(0);
  });

  it("returns fx = f(x) and respects the budget whatever the budget", () => {
    // |x| has a kink the simplex must shrink onto.
    const f: Objective = (x) => Math.abs(x[0] as number) + Math.abs(x[1] as number);
    for (let budget = 4; budget < 60; budget++) {
      const result = nelderMead(f, [0.3, -0.2], { maxEvaluations: budget, maxIterations: 1e6 });
      expect(result.evaluations).toBeLessThanOrEqual(budget);
      expect(result.fx).toBe(f(result.x));
    }
  });

  it("stops in the middle of a shrink step when the budget runs out", () => {
    // A constant f fails every reflection and contraction, so each iteration shrinks:
    // 4 evaluations for the simplex, then reflection + contraction + 3 shrink evaluations.
    const result = nelderMead(() => 1, [0, 0, 0], { maxEvaluations: 7 });
    expect(result.evaluations).toBe(7);
    expect(result.converged).toBe(false);
    expect(result.fx).toBe(1);
  });

  it("rejects an empty starting point", () => {
    expect(() => nelderMead(rosen, [])).toThrow(RangeError);
  });

  it("never returns a point worse than the start (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (x0) => {
          const start = rosen(Float64Array.from(x0));
          const result = nelderMead(rosen, x0, { maxEvaluations: 300 });
          expect(result.fx).toBeLessThanOrEqual(start);
          expect(result.fx).toBe(rosen(result.x));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("does not modify the starting point", () => {
    const x0 = Object.freeze([-1.2, 1]);
    nelderMead(rosen, x0);
    expect(x0).toEqual([-1.2, 1]);
  });
});
