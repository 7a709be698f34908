import { describe, expect, it } from "vitest";
import {
  bgnbdLogLikelihood,
  groupByFrequency,
  sampleRows,
} from "../../../src/models/purchase/_bgnbdMath.js";
import { LARGE_DATA, maximumLikelihood, SAMPLE_ROWS } from "../../../src/models/purchase/_fit.js";
import { meanAge, readSummary } from "../../../src/models/purchase/_rows.js";
import { fitBetaGeometricNBD, NAMES } from "../../../src/models/purchase/fitBetaGeometricNBD.js";
import { fitGammaGamma, readSpendRows } from "../../../src/models/purchase/fitGammaGamma.js";
import { simulateBetaGeometricNBD, simulateGammaGamma } from "./_simulate.js";

// Data of at least LARGE_DATA distinct rows take the gradient path (a fit on a sample, then BFGS
// with the analytic gradient on all rows). These tests pin that path against the search used
// below that size (Nelder–Mead from the same starting points and a BFGS polish, on all rows),
// on data simulated from known parameters, and run the path's fallback.

const TRUE_BGNBD = [0.243, 4.414, 0.793, 2.426] as const;
const customers = simulateBetaGeometricNBD(24_000, TRUE_BGNBD, 39, 97);
const rows = groupByFrequency(readSummary(customers, "test", "week"));
const c = meanAge(rows);
const starts = [
  [1, c / 8, 1, 1],
  [0.5, c / 2, 0.5, 2],
];
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("fitBetaGeometricNBD on large data", () => {
  // The search below LARGE_DATA rows, run on all rows.
  const search = maximumLikelihood("test", NAMES, (p) => bgnbdLogLikelihood(p, rows), starts);

  it("has enough distinct rows to take the gradient path", () => {
    expect(rows.x.length).toBeGreaterThanOrEqual(LARGE_DATA);
  });

  it("finds the maximum the search on all rows finds", () => {
    const fit = fitBetaGeometricNBD(customers, { unit: "week" });
    expect(fit.converged).toBe(true);
    expect(search.converged).toBe(true);
    NAMES.forEach((name, i) => {
      expect(relative(fit.params[name].toNumber(), search.values[i] as number)).toBeLessThan(1e-5);
    });
    expect(relative(fit.logLikelihood.toNumber(), search.logLikelihood.toNumber())).toBeLessThan(
      1e-10,
    );
    // And the parameters the data were simulated from, within sampling error.
    NAMES.forEach((name, i) => {
      expect(relative(fit.params[name].toNumber(), TRUE_BGNBD[i] as number)).toBeLessThan(0.25);
    });
  });

  it("falls back to the search when the gradient path fails", () => {
    const sample = sampleRows(rows, SAMPLE_ROWS);
    // A gradient that is never finite: neither the sample's BFGS nor the one on all rows can
    // move, and the fit must come from the search (from the sample's start, then the others).
    const broken = (_p: Float64Array, out: Float64Array): number => {
      out.fill(Number.NaN);
      return Number.NaN;
    };
    const fallback = maximumLikelihood("test", NAMES, (p) => bgnbdLogLikelihood(p, rows), starts, {
      gradient: broken,
      sample: (p) => bgnbdLogLikelihood(p, sample),
      sampleGradient: broken,
      sampleShare: sample.total / rows.total,
    });
    expect(fallback.converged).toBe(true);
    NAMES.forEach((_, i) => {
      expect(relative(fallback.values[i] as number, search.values[i] as number)).toBeLessThan(1e-5);
    });
    expect(fallback.standardErrors.r).not.toBeNull();
  });
});

describe("fitGammaGamma on large data", () => {
  const TRUE_GG = [6, 4, 15] as const;
  const spend = simulateGammaGamma(22_000, TRUE_GG, 12, 2026);

  it("merges identical rows exactly and fits like the search on all rows", () => {
    const d = readSpendRows(spend);
    expect(d.w.length).toBeGreaterThanOrEqual(LARGE_DATA);
    const fit = fitGammaGamma(spend);
    expect(fit.converged).toBe(true);
    // Every row twice, the second time with weight 2, and a row of weight 0: the same data
    // with weights 3 → the same estimates, the log-likelihood three times as large.
    const tripled = fitGammaGamma([
      ...spend,
      ...spend.map((r) => ({ ...r, weight: 2 })),
      { frequency: 3, monetaryValue: 1e6, weight: 0 },
    ]);
    expect(tripled.customers).toBe(3 * spend.length);
    for (const name of ["p", "q", "gamma"] as const) {
      expect(relative(tripled.params[name].toNumber(), fit.params[name].toNumber())).toBeLessThan(
        1e-6,
      );
    }
    expect(
      relative(tripled.logLikelihood.toNumber(), 3 * fit.logLikelihood.toNumber()),
    ).toBeLessThan(1e-10);
    // Recovers the simulated parameters within sampling error.
    ["p", "q", "gamma"].forEach((name, i) => {
      expect(relative(fit.params[name as "p"].toNumber(), TRUE_GG[i] as number)).toBeLessThan(0.2);
    });
  });
});
