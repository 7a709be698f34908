import { fail, record } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import { lnGamma } from "../../_lib/special.js";
import type { Numeric } from "../../types.js";
import { digamma } from "../_math/digamma.js";
import { asDecimals, outputForm, rankRows, readBatch } from "./_batch.js";
import { LARGE_DATA, maximumLikelihood, readPenalizer, SAMPLE_ROWS } from "./_fit.js";
import type { LogLikelihoodGradient } from "./_modelMath.js";
import { type FitInfo, modelDocument, parameterRows } from "./_modelValue.js";
import { GrowingArray, PatternTable } from "./_patterns.js";
import { countFloat, namingCustomer, nonNegativeFloat, rowList } from "./_rows.js";
import type {
  GammaGammaModel,
  GammaGammaModelValue,
  GammaGammaParameter,
  SpendHistory,
} from "./types.js";

const FN = "fitGammaGamma";
export const NAMES: readonly GammaGammaParameter[] = ["p", "q", "gamma"];

/**
 * A row of the data {@link fitGammaGamma} is fitted to.
 *
 * @category Models
 */
export interface SpendSummaryRow extends SpendHistory {
  /** How many customers share this row (default 1); rows of weight 0 are skipped. */
  readonly weight?: Numeric | undefined;
}

/**
 * Options of {@link fitGammaGamma}.
 *
 * @category Models
 */
export interface SpendModelFitOptions {
  /**
   * An L2 penalty c ≥ 0 on the parameters, as lifetimes' `penalizer_coef` (default 0, none): the
   * fit maximises LL/N − c · (p² + q² + γ²), γ in money units. The estimates are then not
   * maximum-likelihood estimates; see {@link PurchaseModelFitOptions.penalizer}.
   */
  readonly penalizer?: Numeric | undefined;
}

/** Repeat buyers grouped by distinct (x, z̄), with the per-row constants precomputed. */
interface SpendRows {
  /** Distinct frequencies and, per row, the index of its frequency. */
  xs: Float64Array;
  lnXs: Float64Array;
  group: Int32Array;
  /** ln(z̄ / scale) and x·z̄ / scale, per row: spend in units of `scale`. */
  lnM: Float64Array;
  mx: Float64Array;
  w: Float64Array;
  total: number;
  /** The geometric mean of the distinct spends: the money unit the fit works in. */
  scale: number;
  /** The weighted mean spend, in units of `scale`. */
  meanSpend: number;
}

/** A finite number ≥ 0 (the fast path of the row reader). */
function plainNonNegative(v: unknown): v is number {
  return typeof v === "number" && v >= 0 && v <= Number.MAX_VALUE;
}

/**
 * Validate the rows and merge identical (x, z̄) into weights. Rows of plain numbers take a fast
 * path without allocations (identical rows found by a hash of the values, compared exactly);
 * any other row is read by the shared validators, which name the field and the customer.
 */
export function readSpendRows(value: unknown): SpendRows {
  const rows = rowList(value, FN, "summary");
  if (rows.length === 0) fail(FN, "summary", "EMPTY", "must contain at least one customer", value);
  const capacity = Math.min(rows.length, 1 << 22);
  const table = new PatternTable(2, capacity);
  const freq = new PatternTable(1);
  const group = new GrowingArray(capacity);
  const ws = new GrowingArray(capacity);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown> | null | undefined;
    let x: number;
    let weight: number;
    let m: number;
    const f = row !== null && typeof row === "object" ? row.frequency : undefined;
    const rw = row?.weight;
    if (plainNonNegative(f) && Number.isInteger(f) && (rw === undefined || plainNonNegative(rw))) {
      x = f;
      weight = rw === undefined ? 1 : rw;
      if (x === 0 || weight === 0) continue;
      const mv = (row as Record<string, unknown>).monetaryValue;
      if (plainNonNegative(mv) && mv > 0) m = mv;
      else m = readSpend(row as Record<string, unknown>, `summary[${i}]`);
    } else {
      const name = `summary[${i}]`;
      const o = record<Record<string, unknown>>(row, FN, name);
      const read = namingCustomer(o, name, () => {
        const x = countFloat(o.frequency, FN, `${name}.frequency`);
        const weight =
          o.weight === undefined ? 1 : nonNegativeFloat(o.weight, FN, `${name}.weight`);
        if (x === 0 || weight === 0) return null;
        return { x, weight, m: readSpend(o, name) };
      });
      if (read === null) continue;
      x = read.x;
      weight = read.weight;
      m = read.m;
    }
    total += weight;
    if (total === Number.POSITIVE_INFINITY) {
      fail(
        FN,
        `summary[${i}].weight`,
        "OUT_OF_RANGE",
        "takes the sum of the weights beyond the float64 range (1.8e308)",
        (row as Record<string, unknown>).weight,
      );
    }
    const at = table.add(x, m);
    if (at < ws.length) {
      ws.data[at] = (ws.data[at] as number) + weight;
      continue;
    }
    group.push(freq.add(x));
    ws.push(weight);
  }
  if (total === 0) {
    fail(FN, "summary", "EMPTY", "must contain a repeat buyer (frequency above 0)", value);
  }
  // Spend in units of its geometric mean, so that γ is found within the optimiser's bounds
  // whatever the currency (amounts of 1e12 as well as of 1e-6), and fits do not depend on it.
  const n = table.size;
  const xOf = table.a;
  const ms = table.b;
  const w = ws.values();
  let lnScale = 0;
  const lnM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = Math.log(ms[i] as number);
    lnM[i] = l;
    lnScale += l / n;
  }
  const scale = Math.exp(lnScale);
  let relativeSpend = 0;
  const mx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = ms[i] as number;
    relativeSpend += ((w[i] as number) / total) * (m / scale);
    lnM[i] = (lnM[i] as number) - lnScale;
    mx[i] = (m / scale) * (xOf[i] as number);
  }
  const xs = freq.values("a");
  return {
    xs,
    lnXs: Float64Array.from(xs, Math.log),
    group: Int32Array.from(group.values()),
    lnM,
    mx,
    w,
    total,
    scale,
    meanSpend: relativeSpend,
  };
}

/** A repeat buyer's mean spend: above 0 (the Gamma-Gamma model needs positive spend). */
function readSpend(row: Record<string, unknown>, name: string): number {
  return namingCustomer(row, name, () => {
    const m = nonNegativeFloat(row.monetaryValue, FN, `${name}.monetaryValue`);
    if (m === 0) {
      fail(
        FN,
        `${name}.monetaryValue`,
        "OUT_OF_RANGE",
        "must be greater than 0 for a repeat buyer (the Gamma-Gamma model needs positive spend)",
        row.monetaryValue,
      );
    }
    return m;
  });
}

/** The Gamma-Gamma log-likelihood of the rows at [p, q, gamma]. */
function logLikelihood(params: ArrayLike<number>, d: SpendRows): number {
  const p = params[0] as number;
  const q = params[1] as number;
  const gamma = params[2] as number;
  const nx = d.xs.length;
  const perX = new Float64Array(nx);
  const base = q * Math.log(gamma) - lnGamma(q);
  for (let g = 0; g < nx; g++) {
    const px = p * (d.xs[g] as number);
    perX[g] = lnGamma(px + q) - lnGamma(px) + px * (d.lnXs[g] as number) + base;
  }
  let total = 0;
  for (let i = 0; i < d.w.length; i++) {
    const px = p * (d.xs[d.group[i] as number] as number);
    total +=
      (d.w[i] as number) *
      ((perX[d.group[i] as number] as number) +
        (px - 1) * (d.lnM[i] as number) -
        (px + q) * Math.log(gamma + (d.mx[i] as number)));
  }
  return total;
}

/**
 * The log-likelihood at [p, q, gamma] and its gradient into `out`: per row, with ψ the digamma
 * function and m = x·z̄ (spend in units of the scale),
 * ```text
 * ∂/∂p = x [ψ(px+q) − ψ(px) + ln x + ln z̄ − ln(γ + m)]
 * ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + m)
 * ∂/∂γ = q/γ − (px+q)/(γ + m)
 * ```
 */
export const logLikelihoodGradient: LogLikelihoodGradient<SpendRows> = (params, d, out) => {
  const p = params[0] as number;
  const q = params[1] as number;
  const gamma = params[2] as number;
  const nx = d.xs.length;
  const perX = new Float64Array(nx);
  const dPerX = new Float64Array(nx);
  const dqPerX = new Float64Array(nx);
  const lnGammaValue = Math.log(gamma);
  const base = q * lnGammaValue - lnGamma(q);
  const psiQ = digamma(q);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    const px = p * x;
    const psiSum = digamma(px + q);
    perX[g] = lnGamma(px + q) - lnGamma(px) + px * (d.lnXs[g] as number) + base;
    dPerX[g] = x * (psiSum - digamma(px) + (d.lnXs[g] as number));
    dqPerX[g] = psiSum - psiQ + lnGammaValue;
  }
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.w.length; i++) {
    const g = d.group[i] as number;
    const w = d.w[i] as number;
    const x = d.xs[g] as number;
    const px = p * x;
    const shifted = gamma + (d.mx[i] as number);
    const lnShifted = Math.log(shifted);
    const lnM = d.lnM[i] as number;
    total += w * ((perX[g] as number) + (px - 1) * lnM - (px + q) * lnShifted);
    gp += w * ((dPerX[g] as number) + x * (lnM - lnShifted));
    gq += w * ((dqPerX[g] as number) - lnShifted);
    gg += w * (q / gamma - (px + q) / shifted);
  }
  out[0] = gp;
  out[1] = gq;
  out[2] = gg;
  return total;
};

/** Every k-th row of `d` (weights kept), about `size` rows; see the purchase models' sample. */
function sampleSpendRows(d: SpendRows, size: number): SpendRows {
  const n = d.w.length;
  const stride = Math.max(1, Math.floor(n / size));
  const pick = (a: Float64Array): Float64Array => {
    const outArr = new Float64Array(Math.ceil(n / stride));
    for (let j = 0, i = 0; i < n; j++, i += stride) outArr[j] = a[i] as number;
    return outArr;
  };
  const group = new Int32Array(Math.ceil(n / stride));
  let total = 0;
  for (let j = 0, i = 0; i < n; j++, i += stride) {
    group[j] = d.group[i] as number;
    total += d.w[i] as number;
  }
  return { ...d, group, lnM: pick(d.lnM), mx: pick(d.mx), w: pick(d.w), total };
}

/**
 * Fit the Gamma-Gamma model of spend per transaction to repeat buyers' number of repeat
 * purchases and mean repeat spend, by maximum likelihood.
 *
 * @remarks
 * A customer's transactions are worth z ~ Gamma(p, ν) each, with ν ~ Gamma(q, γ) across
 * customers (independent of the purchase process). Per repeat buyer (x, z̄):
 * ```text
 * L = Γ(px+q) / (Γ(px) Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q)
 * E[Z]          = pγ / (q − 1)
 * E[Z | x, z̄]   = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄
 * ```
 * Only repeat buyers carry information about spend: rows with `frequency` 0 are skipped (so
 * the whole output of {@link summarizeTransactions} can be passed), and a repeat buyer's
 * `monetaryValue` must be above 0 (a summary row whose refunds outweigh its repeat purchases
 * is refused, and the error names the row's `customerId` as well as its index). `monetaryValue`
 * is the mean of the repeat purchases, the
 * first purchase left out, as in Fader & Hardie. Fitting on float64 by Nelder–Mead on the
 * log-parameters with a BFGS polish; `converged: false` when the optimiser stopped at its
 * budget. γ is in money units, p and q are unit-free; the fit works with spend in units of
 * its geometric mean, so it is the same in any currency (γ scales with the amounts).
 * With `penalizer: c` the fit maximises LL/N − c · (p² + q² + γ²), γ in money units, as
 * lifetimes' `GammaGammaFitter(penalizer_coef=c)`: not maximum likelihood, and (γ in money)
 * not the same in every currency. Identical (x, z̄) rows are fitted once with their weight.
 *
 * @example
 * The 946 repeat buyers of the CDNOW sample, spend derived from the transaction log
 * (Fader & Hardie 2013: p 6.25, q 3.74, γ 15.44):
 * ```ts
 * const gg = fitGammaGamma(summary)
 * gg.params.p.toFixed(2)     //=> '6.25'
 * gg.params.gamma.toFixed(2) //=> '15.44'
 * gg.conditionalExpectedSpend({ frequency: 2, monetaryValue: '22.35' }).toFixed(2) //=> '24.66'
 * ```
 * @throws {@link MetricInputError} `EMPTY` when there is no repeat buyer; `OUT_OF_RANGE` when a
 *   repeat buyer's `summary[i].monetaryValue` is 0 or any value is a non-zero magnitude below
 *   5e-324; `NEGATIVE` / `NOT_INTEGER` / `NOT_A_NUMBER` for bad frequencies, amounts or weights
 *   (`NOT_A_NUMBER` also for an object that only claims to be a Decimal); `OUT_OF_RANGE` on
 *   `summary` when the weights are so large that the log-likelihood leaves the float64 range.
 *   `NEGATIVE` / `NOT_FINITE` / `NOT_A_NUMBER` for a bad `options.penalizer`, `INVALID_OPTION`
 *   when `options` is not an object.
 *   `expectedSpend()`, and
 *   `conditionalExpectedSpend` of a customer with frequency 0, throw `OUT_OF_RANGE` with field
 *   `q` when the fitted q is at most 1 (the mean spend pγ/(q − 1) does not exist), as does
 *   `conditionalExpectedSpend` when px + q ≤ 1; `OUT_OF_RANGE` on `customer.monetaryValue` when
 *   the expected spend exceeds the float64 range, on `gamma` when the mean spend does.
 * @see Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", brucehardie.com/notes/025;
 *   Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
 *   Analysis", Journal of Marketing Research 42(4).
 * @category Models
 */
export function fitGammaGamma(
  summary: Iterable<SpendSummaryRow>,
  options?: SpendModelFitOptions,
): GammaGammaModel {
  if (options !== undefined && (options === null || typeof options !== "object")) {
    fail(FN, "options", "INVALID_OPTION", "must be an object", options);
  }
  const coef = readPenalizer(options, FN);
  const d = readSpendRows(summary);
  // The mean spend starts γ (in units of the geometric mean), kept well inside the bounds
  // when spends span many orders of magnitude.
  const m = Math.min(d.meanSpend, 1e8);
  const sample = d.w.length >= LARGE_DATA ? sampleSpendRows(d, SAMPLE_ROWS) : undefined;
  const fit = maximumLikelihood(
    FN,
    NAMES,
    (p) => logLikelihood(p, d),
    [
      [1, 2, m],
      [5, 4, 2 * m],
    ],
    sample && {
      gradient: (p, out) => logLikelihoodGradient(p, d, out),
      sample: (p) => logLikelihood(p, sample),
      sampleGradient: (p, out) => logLikelihoodGradient(p, sample, out),
      sampleShare: sample.total / d.total,
    },
    // γ is fitted in units of the scale; the penalty is on γ in money, as lifetimes has it.
    coef === undefined ? undefined : { coef, scales: [1, 1, d.scale], total: d.total },
  );
  const p = fit.values[0] as number;
  const q = fit.values[1] as number;
  // Back to money: γ scales with the spend, and each customer's density of z̄ by 1/scale. γ
  // in money may exceed the float64 range (spends near 1e300): as a Decimal it is exact, and
  // the predictions multiply by the scale last.
  const scale = d.scale;
  const relativeGamma = fit.values[2] as number;
  const gammaError = fit.standardErrors.gamma;
  const params = Object.freeze({
    ...fit.params,
    gamma: fit.params.gamma.times(scale).toSignificantDigits(17),
  });
  const standardErrors = Object.freeze({
    ...fit.standardErrors,
    gamma: gammaError === null ? null : gammaError.times(scale).toSignificantDigits(17),
  });
  const ll = fit.logLikelihood.toNumber() - d.total * Math.log(d.scale);
  if (!Number.isFinite(ll)) {
    fail(
      FN,
      "summary",
      "OUT_OF_RANGE",
      "gives a log-likelihood beyond the float64 range (1.8e308): the weights are too large",
      d.total,
    );
  }
  return gammaGammaModel(params, p, q, relativeGamma, scale, {
    logLikelihood: fromFloat(ll),
    standardErrors,
    converged: fit.converged,
    iterations: fit.iterations,
    customers: d.total,
    penalizer: coef === undefined ? null : fromFloat(coef),
  }) as GammaGammaModel;
}

/**
 * A Gamma-Gamma model from its parameters: `params` as reported, p and q as floats, γ as
 * `relativeGamma` in units of `scale` (the money unit of the fit; 1 for a model built from
 * parameters), and what the fit found (`null`: none).
 */
export function gammaGammaModel(
  params: Readonly<Record<GammaGammaParameter, Decimal>>,
  p: number,
  q: number,
  relativeGamma: number,
  scale: number,
  fit: FitInfo<GammaGammaParameter> | null,
): GammaGammaModelValue {
  // The mean spend pγ/(q − 1) of the mixing distribution exists only for q > 1.
  const requireMean = (fn: string): void => {
    if (!(q > 1)) {
      fail(
        fn,
        "q",
        "OUT_OF_RANGE",
        "must be greater than 1 for the mean spend to exist (the fitted Gamma-Gamma has E[1/ν] = ∞)",
        q,
      );
    }
  };
  /** The mean spend pγ/(q − 1) as a Decimal; OUT_OF_RANGE beyond the float64 range. */
  const meanSpend = (fn: string): Decimal => {
    requireMean(fn);
    const value = ((p * relativeGamma) / (q - 1)) * scale;
    if (!Number.isFinite(value)) {
      fail(
        fn,
        "gamma",
        "OUT_OF_RANGE",
        "gives a mean spend beyond the float64 range (1.8e308)",
        params.gamma,
      );
    }
    return fromFloat(value);
  };
  /**
   * E[Z | x, z̄] for x > 0 on floats: (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄ =
   * pγ/(px+q−1) + px/(px+q−1) · z̄, the weights formed first so that neither p·x·z̄ nor x·z̄
   * overflows for a huge frequency.
   */
  const spendOf = (x: number, z: number, fn: string, field: string, raw: unknown): number => {
    const denominator = p * x + q - 1;
    if (!(denominator > 0)) {
      // Only when q < 1: the posterior of ν has no finite mean of 1/ν.
      fail(
        fn,
        "q",
        "OUT_OF_RANGE",
        `must exceed 1 − p·x (${1 - p * x}) for the expected spend of a customer with frequency ${x} to exist`,
        q,
      );
    }
    const value = ((p * relativeGamma) / denominator) * scale + ((p * x) / denominator) * z;
    if (!Number.isFinite(value)) {
      fail(
        fn,
        field,
        "OUT_OF_RANGE",
        "gives an expected spend beyond the float64 range (1.8e308)",
        raw,
      );
    }
    return value;
  };
  /** E[Z | x, z̄] for every row of a summary, identical (x, z̄) once. */
  const spendBatch = (summary: unknown, fn: string) => {
    const rows = readBatch(summary, fn, { history: false, spend: true });
    const m = rows.m as Float64Array;
    const table = new PatternTable(2, Math.min(rows.n, 1 << 22));
    const pattern = new Int32Array(rows.n);
    for (let i = 0; i < rows.n; i++) pattern[i] = table.add(rows.x[i] as number, m[i] as number);
    const distinct = new Float64Array(table.size);
    const first = new Int32Array(table.size).fill(-1);
    for (let i = 0; i < rows.n; i++)
      if ((first[pattern[i] as number] as number) < 0) first[pattern[i] as number] = i;
    let mean: number | undefined;
    for (let k = 0; k < table.size; k++) {
      const x = table.a[k] as number;
      const i = first[k] as number;
      if (x === 0) {
        mean ??= meanSpend(fn).toNumber();
        distinct[k] = mean;
      } else {
        distinct[k] = spendOf(x, table.b[k] as number, fn, rows.field(i, "monetaryValue"), m[i]);
      }
    }
    const values = new Float64Array(rows.n);
    for (let i = 0; i < rows.n; i++) values[i] = distinct[pattern[i] as number] as number;
    return { values, rows };
  };
  const model: GammaGammaModelValue = {
    params,
    logLikelihood: fit?.logLikelihood ?? null,
    standardErrors: fit?.standardErrors ?? Object.freeze({ p: null, q: null, gamma: null }),
    converged: fit?.converged ?? null,
    iterations: fit?.iterations ?? null,
    customers: fit?.customers ?? null,
    penalizer: fit?.penalizer ?? null,
    expectedSpend(): Decimal {
      return meanSpend("expectedSpend");
    },
    conditionalExpectedSpend(customer: SpendHistory): Decimal {
      const fn = "conditionalExpectedSpend";
      const c = record<Record<string, unknown>>(customer, fn, "customer");
      const x = countFloat(c.frequency, fn, "customer.frequency");
      if (x === 0) return meanSpend(fn);
      const z = nonNegativeFloat(c.monetaryValue, fn, "customer.monetaryValue");
      return fromFloat(spendOf(x, z, fn, "customer.monetaryValue", c.monetaryValue));
    },
    predict: ((summary: unknown, options?: unknown) => {
      const fn = "predict";
      const o = options === undefined ? {} : record<{ as?: unknown }>(options, fn, "options");
      const as = outputForm(o.as, fn, "options.as");
      const values = spendBatch(summary, fn).values;
      return as === "decimal" ? asDecimals(values) : values;
    }) as GammaGammaModelValue["predict"],
    rank(summary, options) {
      const fn = "rank";
      const { values, rows } = spendBatch(summary, fn);
      return rankRows(values, rows, options, fn);
    },
    parameters() {
      return parameterRows(NAMES, params, fit?.standardErrors ?? null);
    },
    toJSON() {
      return modelDocument("Gamma-Gamma", NAMES, params, undefined, fit, {
        scale: String(scale),
        gamma: String(relativeGamma),
      });
    },
  };
  return Object.freeze(model);
}
