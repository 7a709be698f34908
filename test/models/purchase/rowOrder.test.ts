import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBetaGeometricNBD, fitParetoNBD } from "../../../src/index.js";
import { cdnowSummary } from "./_cdnow.js";

const cdnow = cdnowSummary().map(({ frequency, recency, T }) => ({ frequency, recency, T }));

/** The summary as distinct (frequency, recency, T) rows with a customer count as weight. */
function compressed(
  rows: typeof cdnow,
): { frequency: number; recency: number; T: number; weight: number }[] {
  const counts = new Map<
    string,
    { frequency: number; recency: number; T: number; weight: number }
  >();
  for (const row of rows) {
    const key = `${row.frequency},${row.recency},${row.T}`;
    const seen = counts.get(key);
    if (seen) seen.weight += 1;
    else counts.set(key, { ...row, weight: 1 });
  }
  return [...counts.values()];
}

const digits = (params: Record<string, { toString(): string }>) =>
  Object.entries(params).map(([name, value]) => `${name}=${value.toString()}`);

describe("fits do not depend on the order of the rows", () => {
  const plain = fitBetaGeometricNBD(cdnow, { unit: "week" });
  const pareto = fitParetoNBD(cdnow, { unit: "week" });

  it("gives the same estimates to the last digit for any order of the customers", () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (stream) => {
        // A random permutation (Fisher–Yates driven by the stream).
        const rows = [...cdnow];
        const draws = stream.take(rows.length - 1);
        let i = rows.length - 1;
        for (const r of draws) {
          const j = r % (i + 1);
          [rows[i], rows[j]] = [rows[j] as (typeof rows)[number], rows[i] as (typeof rows)[number]];
          i -= 1;
        }
        const fit = fitBetaGeometricNBD(rows, { unit: "week" });
        expect(digits(fit.params)).toEqual(digits(plain.params));
        expect(fit.logLikelihood.toString()).toBe(plain.logLikelihood.toString());
      }),
      { numRuns: 5 },
    );
  });

  it("gives the same estimates from customers and from their patterns with counts", () => {
    const patterns = compressed(cdnow).reverse();
    expect(patterns.length).toBeLessThan(cdnow.length);
    const fit = fitBetaGeometricNBD(patterns, { unit: "week" });
    expect(digits(fit.params)).toEqual(digits(plain.params));
    expect(fit.customers).toBe(cdnow.length);
    const fromPatterns = fitParetoNBD(patterns, { unit: "week" });
    expect(digits(fromPatterns.params)).toEqual(digits(pareto.params));
  });
});
