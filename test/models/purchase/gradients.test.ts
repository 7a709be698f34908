import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digamma } from "../../../src/models/_math/digamma.js";
import {
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  groupByFrequency,
} from "../../../src/models/purchase/_bgnbdMath.js";
import {
  paretoLogLikelihood,
  paretoLogLikelihoodGradient,
} from "../../../src/models/purchase/_paretoMath.js";
import { readSummary } from "../../../src/models/purchase/_rows.js";
import {
  logLikelihoodGradient as gammaGammaGradient,
  readSpendRows,
} from "../../../src/models/purchase/fitGammaGamma.js";
import { cdnowSummary } from "./_cdnow.js";

// Values computed with mpmath at 50 digits (gradients by mpmath.diff of the closed forms; the
// Pareto/NBD likelihood through its integral over the time of death, independent of our
// hypergeometric series): python3 test/fixtures/models/gradients.py > test/fixtures/models/gradients.json
const ref = JSON.parse(
  readFileSync(new URL("../../fixtures/models/gradients.json", import.meta.url), "utf8"),
) as {
  rows: [number, number, number][];
  weights: number[];
  spend: [number, number][];
  bgnbd: { point: number[]; logLikelihood: number; gradient: number[] }[];
  pareto: { point: number[]; logLikelihood: number; gradient: number[] }[];
  gammaGamma: { point: number[]; logLikelihood: number; gradient: number[] }[];
  digamma: [number, number][];
};

const rows = groupByFrequency(
  readSummary(
    ref.rows.map(([frequency, recency, T], i) => ({
      frequency,
      recency,
      T,
      weight: ref.weights[i],
    })),
    "test",
    "week",
  ),
);
const cdnowRows = groupByFrequency(readSummary(cdnowSummary(), "test", "week"));

const close = (actual: number, expected: number, relative: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    relative * Math.max(1, Math.abs(expected)),
  );
};

/** Central differences of f at p, step 1e-6 relative. */
function centralDifference(f: (p: number[]) => number, p: number[]): number[] {
  return p.map((v, i) => {
    const h = v * 1e-6;
    const up = [...p];
    const down = [...p];
    up[i] = v + h;
    down[i] = v - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

describe("digamma", () => {
  it("agrees with mpmath to 1e-14 relative (absolute near its root)", () => {
    for (const [x, value] of ref.digamma) close(digamma(x), value, 1e-14);
  });
});

describe("BG/NBD log-likelihood gradient", () => {
  it("agrees with mpmath's derivative of the closed form", () => {
    for (const e of ref.bgnbd) {
      const g = new Float64Array(4);
      close(bgnbdLogLikelihoodGradient(e.point, rows, g), e.logLikelihood, 1e-13);
      for (const [i, v] of e.gradient.entries()) close(g[i] as number, v, 1e-11);
    }
  });
  it("agrees with central differences of the log-likelihood on CDNOW", () => {
    for (const p of [
      [0.243, 4.414, 0.793, 2.426],
      [1.3, 0.5, 3, 7],
      [0.05, 30, 0.2, 0.4],
    ]) {
      const g = new Float64Array(4);
      expect(bgnbdLogLikelihoodGradient(p, cdnowRows, g)).toBe(bgnbdLogLikelihood(p, cdnowRows));
      const fd = centralDifference((q) => bgnbdLogLikelihood(q, cdnowRows), p);
      for (const [i, v] of fd.entries()) close(g[i] as number, v, 1e-4);
    }
  });
});

describe("Pareto/NBD log-likelihood gradient", () => {
  it("agrees with mpmath's derivative of the integral form", () => {
    for (const e of ref.pareto) {
      const g = new Float64Array(4);
      close(paretoLogLikelihoodGradient(e.point, rows, g), e.logLikelihood, 1e-12);
      for (const [i, v] of e.gradient.entries()) close(g[i] as number, v, 1e-9);
    }
  });
  it("agrees with central differences of the log-likelihood on CDNOW, on both branches of α against β", () => {
    for (const p of [
      [0.553, 10.578, 0.606, 11.669],
      [1.3, 5, 3, 7],
      [0.5, 30, 0.2, 4],
      [2, 3, 0.5, 1],
    ]) {
      const g = new Float64Array(4);
      close(paretoLogLikelihoodGradient(p, cdnowRows, g), paretoLogLikelihood(p, cdnowRows), 1e-14);
      const fd = centralDifference((q) => paretoLogLikelihood(q, cdnowRows), p);
      for (const [i, v] of fd.entries()) close(g[i] as number, v, 1e-4);
    }
  });
});

describe("Gamma-Gamma log-likelihood gradient", () => {
  it("agrees with mpmath's derivative, after the change of money unit", () => {
    const d = readSpendRows(
      ref.spend.map(([frequency, monetaryValue]) => ({ frequency, monetaryValue })),
    );
    for (const e of ref.gammaGamma) {
      const [p, q, gamma] = e.point as [number, number, number];
      const g = new Float64Array(3);
      // The rows are in units of d.scale: LL drops by n ln(scale), ∂/∂γ scales by 1/scale.
      const ll = gammaGammaGradient([p, q, gamma / d.scale], d, g) - d.total * Math.log(d.scale);
      close(ll, e.logLikelihood, 1e-13);
      close(g[0] as number, e.gradient[0] as number, 1e-11);
      close(g[1] as number, e.gradient[1] as number, 1e-11);
      close((g[2] as number) / d.scale, e.gradient[2] as number, 1e-11);
    }
  });
});
