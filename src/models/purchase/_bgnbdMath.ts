/**
 * BG/NBD on float64 (Fader, Hardie & Lee 2005): the log-likelihood in the log domain and the
 * closed-form predictions. Parameters are [r, alpha, a, b].
 */
import { lnBetaRatio, lnGammaRatio } from "../../_lib/special.js";
import { digammaDifference } from "../_math/digamma.js";
import { softplus } from "../_math/logSpace.js";
import { logBetaExpectation } from "./_bgnbdExpectation.js";
import type { HistoryPrediction } from "./_modelMath.js";
import { PatternTable } from "./_patterns.js";
import type { WeightedRows } from "./_rows.js";

/**
 * Rows indexed for fast likelihoods: the distinct frequencies, recencies and ages, so that the
 * Γ terms are computed once per distinct x and the logarithms once per distinct t_x and T.
 */
export interface GroupedRows extends WeightedRows {
  /** The distinct frequencies. */
  xs: Float64Array;
  /** For each row, the index of its frequency in `xs`. */
  group: Int32Array;
  /** For each distinct frequency, the total weight of its rows (summed in row order). */
  weights: Float64Array;
  /** The distinct values of t_x and T together. */
  times: Float64Array;
  /** For each row, the index of its t_x in `times`. */
  txIndex: Int32Array;
  /** For each row, the index of its T in `times`. */
  TIndex: Int32Array;
  /** The largest frequency. */
  maxX: number;
  /** Scratch space for one logarithm per distinct time (two sets). */
  scratch: Float64Array;
  /** Second scratch set. */
  scratch2: Float64Array;
}

/** Index validated rows by distinct frequency and distinct time. */
export function groupByFrequency(rows: WeightedRows): GroupedRows {
  const n = rows.x.length;
  const freq = new PatternTable(1);
  const time = new PatternTable(1, Math.min(2 * n, 1 << 22));
  const group = new Int32Array(n);
  const txIndex = new Int32Array(n);
  const TIndex = new Int32Array(n);
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const x = rows.x[i] as number;
    if (x > maxX) maxX = x;
    group[i] = freq.add(x);
    txIndex[i] = time.add(rows.tx[i] as number);
    TIndex[i] = time.add(rows.T[i] as number);
  }
  const times = time.values("a");
  const weights = new Float64Array(freq.size);
  for (let i = 0; i < n; i++) {
    const g = group[i] as number;
    weights[g] = (weights[g] as number) + (rows.w[i] as number);
  }
  // An explicit literal (not a spread) keeps one object shape for every fit.
  return {
    x: rows.x,
    tx: rows.tx,
    T: rows.T,
    w: rows.w,
    total: rows.total,
    unit: rows.unit,
    xs: freq.values("a"),
    maxX,
    group,
    weights,
    times,
    txIndex,
    TIndex,
    scratch: new Float64Array(times.length),
    scratch2: new Float64Array(times.length),
  };
}

/** Fill `out` (default `d.scratch`) with ln(shift + time) for every distinct time. */
export function logShiftedTimes(d: GroupedRows, shift: number, out = d.scratch): Float64Array {
  const times = d.times;
  for (let k = 0; k < times.length; k++) out[k] = Math.log(shift + (times[k] as number));
  return out;
}

/** Frequencies up to this use the recurrence Γ(z + 1) = z Γ(z) instead of ln Γ. */
const RECURRENCE_LIMIT = 256;

/**
 * For x = 0 … max frequency (when it is at most {@link RECURRENCE_LIMIT}):
 * Σ_{k<x} [ln(u + k) + ln(v + k) − ln(w + k)], which is
 * ln Γ(u+x) − ln Γ(u) + ln Γ(v+x) − ln Γ(v) − ln Γ(w+x) + ln Γ(w). With v = w = 0 the last two
 * terms are left out. `undefined` when the frequencies are too large for the recurrence.
 */
export function smallFrequencyTerms(
  d: GroupedRows,
  u: number,
  v: number,
  w: number,
): Float64Array | undefined {
  const max = d.maxX;
  if (max > RECURRENCE_LIMIT) return undefined;
  const out = new Float64Array(max + 1);
  let sum = 0;
  const withBeta = w !== 0;
  for (let k = 0; k < max; k++) {
    sum += withBeta ? Math.log(((u + k) * (v + k)) / (w + k)) : Math.log(u + k);
    out[k + 1] = sum;
  }
  return out;
}

/** The BG/NBD log-likelihood of the rows at [r, alpha, a, b]. */
export function bgnbdLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  return betaGeometricLogLikelihood(p, d, 0, undefined);
}

/**
 * The BG/NBD log-likelihood at [r, alpha, a, b], as {@link bgnbdLogLikelihood} forms it, and its
 * gradient ∂LL/∂(r, α, a, b) into `out`. Per row, with L(y) = ln(1 + y/α), G = ln((α+T)/(α+t_x))
 * and v the log-odds of the bracket's second term:
 * ```text
 * ln L = ln Γ(r+x) − ln Γ(r) + ln B(a, b+x) − ln B(a, b) − x ln α − (r+x) L(T) + 1{x>0} softplus(v)
 * v    = ln a − ln(b+x−1) + (r+x) G
 * ∂/∂r = ψ(r+x) − ψ(r) − L(T) + σ(v) G
 * ∂/∂α = −x/α + (r+x) T/(α(α+T)) + σ(v) (r+x) (1/(α+T) − 1/(α+t_x))
 * ∂/∂a = ψ(a+b) − ψ(a+b+x) + σ(v)/a
 * ∂/∂b = ψ(b+x) − ψ(b) + ψ(a+b) − ψ(a+b+x) − σ(v)/(b+x−1)
 * ```
 * with σ the logistic function, the ψ differences as sums Σ_{k<x} 1/(u+k) for small x.
 */
export function bgnbdLogLikelihoodGradient(
  p: ArrayLike<number>,
  d: GroupedRows,
  out: Float64Array,
): number {
  return betaGeometricLogLikelihood(p, d, 0, out);
}

/**
 * ln Γ(r+x) − ln Γ(r) + ln B(a, b+x+k) − ln B(a, b) for every distinct frequency x (k the
 * `chances` of {@link betaGeometricLogLikelihood}): by the recurrence of Γ when the frequencies
 * are small (for k = 1 with the factor (b+x)/(a+b+x) of the one more chance to drop out), else
 * by ratios that keep their digits when r or b is huge (boundary fits).
 */
function betaGeometricFrequencyTerms(
  d: GroupedRows,
  r: number,
  a: number,
  b: number,
  chances: 0 | 1,
): Float64Array {
  const nx = d.xs.length;
  const out = new Float64Array(nx);
  const small = smallFrequencyTerms(d, r, b, a + b);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    if (chances === 0) {
      out[g] =
        small === undefined
          ? x === 0
            ? 0
            : lnGammaRatio(r, x) + lnBetaRatio(a, b, x)
          : (small[x] as number);
    } else {
      out[g] =
        small === undefined
          ? lnGammaRatio(r, x) + lnBetaRatio(a, b, x + 1)
          : (small[x] as number) + Math.log((b + x) / (a + b + x));
    }
  }
  return out;
}

/**
 * The log-likelihood of a BG/NBD-family model at [r, alpha, a, b] and, when `out` is given, its
 * gradient ∂LL/∂(r, α, a, b). `chances` = k is 0 for the BG/NBD (a
 * customer drops out only after a repeat purchase: the bracket's second term for x > 0 only,
 * with odds a/(b+x−1)) and 1 for the MBG/NBD (also right after the first purchase: every row,
 * odds a/(b+x)). Per row, with L(y) = ln(1 + y/α), G = ln((α+T)/(α+t_x)):
 * ```text
 * ln L = ln Γ(r+x) − ln Γ(r) + ln B(a, b+x+k) − ln B(a, b) − x ln α − (r+x) L(T) + softplus(v),   v = ln a − ln(b+x−1+k) + (r+x) G
 * ∂/∂r = ψ(r+x) − ψ(r) − L(T) + σ(v) G
 * ∂/∂α = −x/α + (r+x) T/(α(α+T)) + σ(v) (r+x) (1/(α+T) − 1/(α+t_x))
 * ∂/∂a = ψ(a+b) − ψ(a+b+x+k) + σ(v)/a
 * ∂/∂b = ψ(b+x+k) − ψ(b) + ψ(a+b) − ψ(a+b+x+k) − σ(v)/(b+x−1+k)
 * ```
 * α^r (α+T)^−(r+x) is written α^−x (1 + T/α)^−(r+x): no r ln α against (r+x) ln(α+T), which
 * would cancel to rounding noise when r and α are both huge; the bracket
 * (1+T/α)^−(r+x) + odds · (1+t_x/α)^−(r+x) as −(r+x) ln(1+T/α) + softplus(v), v from the gap
 * T − t_x itself. The Γ terms and their derivatives are formed once per distinct frequency, the
 * logarithms once per distinct time.
 */
export function betaGeometricLogLikelihood(
  p: ArrayLike<number>,
  d: GroupedRows,
  chances: 0 | 1,
  out: Float64Array | undefined,
): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  const nx = d.xs.length;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const everyRow = chances === 1;
  const withGradient = out !== undefined;
  const gammas = betaGeometricFrequencyTerms(d, r, a, b, chances);
  const constant = new Float64Array(nx);
  const lnOdds = new Float64Array(nx);
  // b + x − 1 + k, the denominator of the odds.
  const dropBase = new Float64Array(withGradient ? nx : 0);
  const dR = new Float64Array(withGradient ? nx : 0);
  const dA = new Float64Array(withGradient ? nx : 0);
  const dB = new Float64Array(withGradient ? nx : 0);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    constant[g] = (gammas[g] as number) - x * lnAlpha;
    lnOdds[g] = everyRow ? lnA - Math.log(b + x) : x > 0 ? lnA - Math.log(b + (x - 1)) : 0;
    if (withGradient) {
      const sum = digammaDifference(a + b, x + chances);
      dropBase[g] = everyRow ? b + x : b + x - 1;
      dR[g] = digammaDifference(r, x);
      dA[g] = -sum;
      dB[g] = digammaDifference(b, x + chances) - sum;
    }
  }
  const times = d.times;
  const lnTime = logRelativeTimes(d, alpha);
  // 1/(α + t) for every distinct time.
  const inverse = d.scratch2;
  if (withGradient) {
    for (let k = 0; k < times.length; k++) inverse[k] = 1 / (alpha + (times[k] as number));
  }
  const { x: xArr, tx: txArr, T: TArr, w: wArr, group: groupArr, TIndex, txIndex } = d;
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const n = xArr.length;
  for (let i = 0; i < n; i++) {
    const g = groupArr[i] as number;
    const x = xArr[i] as number;
    const w = wArr[i] as number;
    const rx = r + x;
    const iT = TIndex[i] as number;
    const T = TArr[i] as number;
    const lT = lnTime[iT] as number;
    const invT = withGradient ? (inverse[iT] as number) : 0;
    let term = -rx * lT;
    // ∂/∂r and ∂/∂α of −(r+x) ln(1 + T/α); T/(α(α+T)) = (1/α)·T/(α+T).
    let dr = -lT;
    let dAlpha = (rx * T * invT) / alpha;
    if (everyRow || x > 0) {
      const tx = txArr[i] as number;
      const G = T === tx ? 0 : Math.log1p((T - tx) / (alpha + tx));
      const v = (lnOdds[g] as number) + rx * G;
      let sigma: number;
      if (v > 35) {
        term += v + Math.exp(-v);
        sigma = 1;
      } else {
        const e = Math.exp(v);
        term += Math.log1p(e);
        sigma = e / (1 + e);
      }
      if (withGradient) {
        dr += sigma * G;
        dAlpha += sigma * rx * (invT - (inverse[txIndex[i] as number] as number));
        ga += (w * sigma) / a;
        gb -= (w * sigma) / (dropBase[g] as number);
      }
    }
    total += w * ((constant[g] as number) + term);
    if (withGradient) {
      gr += w * dr;
      gAlpha += w * dAlpha;
    }
  }
  if (out !== undefined) {
    const weights = d.weights;
    for (let g = 0; g < nx; g++) {
      const w = weights[g] as number;
      gr += w * (dR[g] as number);
      gAlpha -= (w * (d.xs[g] as number)) / alpha;
      ga += w * (dA[g] as number);
      gb += w * (dB[g] as number);
    }
    out[0] = gr;
    out[1] = gAlpha;
    out[2] = ga;
    out[3] = gb;
  }
  return total;
}

/**
 * A sample of about `size` distinct rows (every k-th, weights kept), for a cheap first fit on
 * large data: Σ over the sample of w·ln L is, up to the factor k, an unbiased estimate of the
 * full log-likelihood, so its maximum lies near the full one.
 */
export function sampleRows(d: GroupedRows, size: number): GroupedRows {
  const n = d.x.length;
  const stride = Math.max(1, Math.floor(n / size));
  const m = Math.ceil(n / stride);
  const x = new Float64Array(m);
  const tx = new Float64Array(m);
  const T = new Float64Array(m);
  const w = new Float64Array(m);
  let total = 0;
  for (let j = 0, i = 0; i < n; j++, i += stride) {
    x[j] = d.x[i] as number;
    tx[j] = d.tx[i] as number;
    T[j] = d.T[i] as number;
    w[j] = d.w[i] as number;
    total += d.w[i] as number;
  }
  return groupByFrequency({ x, tx, T, w, total, unit: d.unit });
}

/** Fill `d.scratch` with ln(1 + t/h) for every distinct time t (h > 0). */
function logRelativeTimes(d: GroupedRows, h: number): Float64Array {
  const times = d.times;
  const out = d.scratch;
  for (let k = 0; k < times.length; k++) {
    const q = (times[k] as number) / h;
    out[k] = q < 1e300 ? Math.log1p(q) : Math.log(times[k] as number) - Math.log(h);
  }
  return out;
}

/** E[X(t)]: expected purchases of a new customer in (0, t]. */
export function bgnbdExpected(p: ArrayLike<number>, t: number): number {
  return Math.exp(bgnbdLogExpected(p, t));
}

/** ln E[X(t)] = ln G(r, a, b, t/α) (see {@link logBetaExpectation}); −∞ at t = 0. */
export function bgnbdLogExpected(p: ArrayLike<number>, t: number): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  return logBetaExpectation(r, a, b, t / alpha);
}

/**
 * ln of the odds that a customer with history (x, t_x, T) has dropped out, for `chances` = k as
 * in {@link betaGeometricLogLikelihood}: a/(b+x−1+k) · ((α+T)/(α+t_x))^(r+x), −∞ for a BG/NBD
 * customer without repeat purchases (x = 0, k = 0). The ratio is formed as
 * log1p((T − t_x)/(α + t_x)), which keeps its digits when α is much larger than T or the
 * frequency is huge.
 */
export function betaGeometricLogDeadOdds(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  chances: 0 | 1,
): number {
  if (chances === 0 && x === 0) return Number.NEGATIVE_INFINITY;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  const growth = T === tx ? 0 : (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return Math.log(a) - Math.log(chances === 1 ? b + x : b + (x - 1)) + growth;
}

/** P(alive | x, t_x, T). */
export function bgnbdAlive(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  return Math.exp(-softplus(betaGeometricLogDeadOdds(p, x, tx, T, 0)));
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of a customer with that history. */
export const bgnbdConditional: HistoryPrediction = (p, x, tx, T, t) =>
  Math.exp(betaGeometricLogConditional(p, x, tx, T, t, 0));

/**
 * ln E[Y(t) | x, t_x, T] of a BG/NBD-family model (`chances` = k as in
 * {@link betaGeometricLogLikelihood}): ln P(alive) + ln G(r+x, a, b+x+k, t/(α+T)), a customer
 * alive at T having p ~ Beta(a, b+x+k) and λ ~ Gamma(r+x, α+T). Summed in logs so that a
 * vanishing P(alive) and a huge expectation given alive never meet as 0 · ∞; −∞ at t = 0.
 */
export function betaGeometricLogConditional(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  t: number,
  chances: 0 | 1,
): number {
  if (t === 0) return Number.NEGATIVE_INFINITY;
  const lnAlive = -softplus(betaGeometricLogDeadOdds(p, x, tx, T, chances));
  // A customer surely gone: nothing to expect, whatever the horizon.
  if (lnAlive === Number.NEGATIVE_INFINITY) return lnAlive;
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  const survived = chances === 1 ? b + x + 1 : b + x;
  return lnAlive + logBetaExpectation(r + x, a, survived, t / (alpha + T));
}
