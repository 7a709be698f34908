// Readers for the CDNOW fixtures (copied from the lifetimes datasets; see
// test/fixtures/models/reference.py for how the reference values were computed).
import { readFileSync } from "node:fs";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/models/${name}`, import.meta.url), "utf8");

/** cdnow_customers_summary.csv: ID, frequency, recency, T (weeks, rounded to 2 decimals). */
export function cdnowSummary(): { id: number; frequency: number; recency: number; T: number }[] {
  return fixture("cdnow_customers_summary.csv")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [id, frequency, recency, T] = line.split(",").map(Number);
      return {
        id: id as number,
        frequency: frequency as number,
        recency: recency as number,
        T: T as number,
      };
    });
}

/** CDNOW_sample.txt as transactions: whitespace-separated, YYYYMMDD dates, dollars. */
export function cdnowTransactions(): { customerId: number; at: string; revenue: string }[] {
  return fixture("CDNOW_sample.txt")
    .trim()
    .split("\n")
    .map((line) => {
      const [, id, date, , spent] = line.trim().split(/\s+/) as [
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        customerId: Number(id),
        at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
        revenue: spent,
      };
    });
}

/** The scipy / mpmath reference values (reference.json). */
export const reference = JSON.parse(fixture("reference.json")) as {
  bgnbd: { params: Record<string, number>; logLikelihood: number; llAtPublished: number };
  paretoNbd: { params: Record<string, number>; logLikelihood: number };
  gammaGamma: { params: Record<string, number>; logLikelihood: number; repeatBuyers: number };
  predictions: {
    bg: {
      expected: Record<string, number>;
      conditional: [[number, number, number], number, number][];
      alive: [[number, number, number], number][];
    };
    pareto: {
      expected: Record<string, number>;
      conditional: [[number, number, number], number, number][];
      alive: [[number, number, number], number][];
      aliveAltBranch: [[number, number, number], number][];
    };
    gammaGamma: { spend: [number, number, number][] };
  };
  clv: { bgMonthly12: number; bgLifetimesFactor: number; paretoMonthly12: number; spend: number };
};

/** |actual / expected − 1| */
export function relativeError(actual: { toNumber(): number } | number, expected: number): number {
  const a = typeof actual === "number" ? actual : actual.toNumber();
  return Math.abs(a / expected - 1);
}
