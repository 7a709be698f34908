/**
 * The gradient of the Pareto/NBD log-likelihood on float64: analytic (Euler's series and its
 * derivatives) in the closed form's range, by central differences elsewhere.
 */
import { digammaDifference } from "../_math/digamma.js";
import type { GroupedRows } from "./_bgnbdMath.js";
import type { LogLikelihoodGradient } from "./_modelMath.js";
import { closedFormApplies, closedFormTerms, paretoLogLikelihood } from "./_paretoLikelihood.js";

/** Most terms of the Euler series in the gradient (the ratio of terms is at most 0.9). */
const MAX_SERIES_TERMS = 1000;

/**
 * Coefficients of Euler's series of ₂F₁(A, B; A + 1; z) = (1 − z)^(1−B) Σ c_k z^k and of its
 * derivatives, for one frequency: c_k = Π_{j<k} (A+1−B+j)/(A+1+j), D_k = ∂ln c_k/∂A and
 * E_k = −∂ln c_k/∂B, up to the term where c_k z_max^k (k + 1) falls below 1e-17.
 */
interface SeriesCoefficients {
  c: Float64Array;
  d: Float64Array;
  e: Float64Array;
  length: number;
}

function seriesCoefficients(A: number, B: number, zMax: number): SeriesCoefficients {
  const c = new Float64Array(MAX_SERIES_TERMS + 1);
  const d = new Float64Array(MAX_SERIES_TERMS + 1);
  const e = new Float64Array(MAX_SERIES_TERMS + 1);
  c[0] = 1;
  let coefficient = 1;
  let sumD = 0;
  let sumE = 0;
  let power = 1;
  let k = 0;
  while (k < MAX_SERIES_TERMS) {
    const up = 1 / (A + 1 - B + k);
    const down = 1 / (A + 1 + k);
    coefficient *= (A + 1 - B + k) * down;
    sumD += up - down;
    sumE += up;
    power *= zMax;
    k++;
    c[k] = coefficient;
    d[k] = sumD;
    e[k] = sumE;
    if (coefficient * power * (k + 1) * (1 + sumD + sumE) <= 1e-17) break;
  }
  return { c, d, e, length: k + 1 };
}

/**
 * One Euler series S = Σ c_k z^k at z ≤ z_max and its derivatives, into `series` at `offset`:
 * [ln S, ∂ln S/∂A, ∂ln S/∂B, ∂ln S/∂z].
 */
function eulerSeries(k: SeriesCoefficients, z: number, series: Float64Array, offset: number): void {
  let power = 1;
  let sum = 1;
  let sumD = 0;
  let sumE = 0;
  let sumZ = 0;
  const c = k.c;
  const d = k.d;
  const e = k.e;
  for (let j = 1; j < k.length; j++) {
    // (j)·c_j·z^(j−1) before the power moves on.
    const cj = c[j] as number;
    sumZ += j * cj * power;
    power *= z;
    const term = cj * power;
    sum += term;
    sumD += term * (d[j] as number);
    sumE += term * (e[j] as number);
    if (term * (j + 1) * (1 + (d[j] as number) + (e[j] as number)) <= 1e-17 * sum) break;
  }
  series[offset] = Math.log(sum);
  series[offset + 1] = sumD / sum;
  series[offset + 2] = -sumE / sum;
  series[offset + 3] = sumZ / sum;
}

/** Scratch for {@link eulerSeries}: two series of four values. */
const seriesOut = /* @__PURE__ */ new Float64Array(8);

/**
 * The Pareto/NBD log-likelihood at [r, alpha, s, beta] and its gradient ∂LL/∂(r, α, s, β) into
 * `out`. In the closed form's range (see {@link paretoLogLikelihood}) analytically: with h, l
 * the larger and smaller of α and β, y ∈ {t_x, T}, A = r+s+x, B = s+1 (α ≥ β) or r+x (α < β),
 * z = (h−l)/(h+y) and u = 1 − z = (l+y)/(h+y),
 * ```text
 * ln F(y) = (1−B) ln u + ln S(A, B, z) − A ln(h+y),  S = Σ c_k z^k (Euler's series)
 * ln A₀   = ln(F(t_x) − F(T)),  d ln A₀ = (d ln F(t_x) − e^g d ln F(T)) / (1 − e^g),  g = ln F(T) − ln F(t_x)
 * ∂ln F/∂A = ∂ln S/∂A − ln(h+y)         ∂ln F/∂B = −ln u + ∂ln S/∂B
 * ∂ln F/∂h = −(1−B)/(h+y) + ∂ln S/∂z · (l+y)/(h+y)² − A/(h+y)
 * ∂ln F/∂l = (1−B)/(l+y) − ∂ln S/∂z / (h+y)
 * ```
 * where ∂ln S/∂A, ∂ln S/∂B and ∂ln S/∂z are summed with S from the derivatives of the
 * coefficients (Σ_{j<k} 1/(A+1−B+j) − 1/(A+1+j) and −Σ_{j<k} 1/(A+1−B+j) times c_k), computed
 * once per frequency. Outside that range (the integral form) by central differences of the
 * log-likelihood.
 */
export const paretoLogLikelihoodGradient: LogLikelihoodGradient<GroupedRows> = (p, d, out) => {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  if (!closedFormApplies(r + d.maxX, alpha, s, beta)) {
    return numericGradient(p, d, out);
  }
  const nx = d.xs.length;
  const alphaHigh = alpha >= beta;
  const high = alphaHigh ? alpha : beta;
  const low = alphaHigh ? beta : alpha;
  const diff = high - low;
  let minTime = Number.POSITIVE_INFINITY;
  for (let k = 0; k < d.times.length; k++) minTime = Math.min(minTime, d.times[k] as number);
  const zMax = diff / (high + minTime);
  const { constant, lnShare, lnAlpha, lnBeta } = closedFormTerms(p, d);
  const dR = new Float64Array(nx);
  const series: SeriesCoefficients[] = [];
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    dR[g] = digammaDifference(r, x);
    series.push(seriesCoefficients(r + s + x, alphaHigh ? s + 1 : r + x, zMax));
  }
  const lnHigh = alphaHigh ? lnAlpha : lnBeta;
  const lnLow = alphaHigh ? lnBeta : lnAlpha;
  const { x: xArr, tx: txArr, T: TArr, w: wArr, group: groupArr, TIndex, txIndex } = d;
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let gs = 0;
  let gBeta = 0;
  const n = xArr.length;
  for (let i = 0; i < n; i++) {
    const g = groupArr[i] as number;
    const x = xArr[i] as number;
    const w = wArr[i] as number;
    const iT = TIndex[i] as number;
    const T = TArr[i] as number;
    const rx = r + x;
    const first = -rx * (lnAlpha[iT] as number) - s * (lnBeta[iT] as number);
    const invAT = 1 / (alpha + T);
    const invBT = 1 / (beta + T);
    // ∂first/∂(r, α, s, β)
    const fr = -(lnAlpha[iT] as number);
    const fAlpha = -rx * invAT;
    const fs = -(lnBeta[iT] as number);
    const fBeta = -s * invBT;
    const tx = txArr[i] as number;
    let second = Number.NEGATIVE_INFINITY;
    let sr = 0;
    let sAlpha = 0;
    let ss = 0;
    let sBeta = 0;
    if (T > tx) {
      const itx = txIndex[i] as number;
      const A = r + s + x;
      const B = alphaHigh ? s + 1 : rx;
      const coefficients = series[g] as SeriesCoefficients;
      const hTx = high + tx;
      const hT = high + T;
      const lTx = low + tx;
      const lT = low + T;
      eulerSeries(coefficients, diff / hTx, seriesOut, 0);
      eulerSeries(coefficients, diff / hT, seriesOut, 4);
      const lnU1 = (lnLow[itx] as number) - (lnHigh[itx] as number);
      const lnU2 = (lnLow[iT] as number) - (lnHigh[iT] as number);
      const l1 = (1 - B) * lnU1 + (seriesOut[0] as number) - A * (lnHigh[itx] as number);
      const l2 = (1 - B) * lnU2 + (seriesOut[4] as number) - A * (lnHigh[iT] as number);
      const gap = l2 - l1;
      if (gap < 0) {
        second = (lnShare[g] as number) + l1 + Math.log1p(-Math.exp(gap));
        // d ln A₀ = q d l1 − (q − 1) d l2, q = 1/(1 − e^gap).
        const q = -1 / Math.expm1(gap);
        const q2 = q - 1;
        const sz1 = seriesOut[3] as number;
        const sz2 = seriesOut[7] as number;
        const dA =
          q * ((seriesOut[1] as number) - (lnHigh[itx] as number)) -
          q2 * ((seriesOut[5] as number) - (lnHigh[iT] as number));
        const dB = q * (-lnU1 + (seriesOut[2] as number)) - q2 * (-lnU2 + (seriesOut[6] as number));
        const dHigh =
          q * ((-(1 - B) - A) / hTx + (sz1 * lTx) / (hTx * hTx)) -
          q2 * ((-(1 - B) - A) / hT + (sz2 * lT) / (hT * hT));
        const dLow = q * ((1 - B) / lTx - sz1 / hTx) - q2 * ((1 - B) / lT - sz2 / hT);
        const invA = 1 / A;
        sr = -invA + dA + (alphaHigh ? 0 : dB);
        ss = 1 / s - invA + dA + (alphaHigh ? dB : 0);
        sAlpha = alphaHigh ? dHigh : dLow;
        sBeta = alphaHigh ? dLow : dHigh;
      }
    }
    // ln(e^first + e^second) and the shares of its two terms.
    let lse: number;
    let share: number;
    if (second === Number.NEGATIVE_INFINITY) {
      lse = first;
      share = 1;
    } else if (first > second) {
      const e = Math.exp(second - first);
      lse = first + Math.log1p(e);
      share = 1 / (1 + e);
    } else {
      const e = Math.exp(first - second);
      lse = second + Math.log1p(e);
      share = e / (1 + e);
    }
    const other = 1 - share;
    total += w * ((constant[g] as number) + lse);
    gr += w * (share * fr + other * sr);
    gAlpha += w * (share * fAlpha + other * sAlpha);
    gs += w * (share * fs + other * ss);
    gBeta += w * (share * fBeta + other * sBeta);
  }
  let weightSum = 0;
  const weights = d.weights;
  for (let g = 0; g < nx; g++) {
    const w = weights[g] as number;
    weightSum += w;
    gr += w * (dR[g] as number);
  }
  const lnAlphaValue = Math.log(alpha);
  const lnBetaValue = Math.log(beta);
  out[0] = gr + weightSum * lnAlphaValue;
  out[1] = gAlpha + (weightSum * r) / alpha;
  out[2] = gs + weightSum * lnBetaValue;
  out[3] = gBeta + (weightSum * s) / beta;
  return total;
};

/** The log-likelihood and its gradient by central differences (step 1e-6 relative). */
function numericGradient(p: ArrayLike<number>, d: GroupedRows, out: Float64Array): number {
  const q = Float64Array.from(p as ArrayLike<number>);
  for (let i = 0; i < q.length; i++) {
    const v = q[i] as number;
    const h = v + 1e-6 * v - v;
    q[i] = v + h;
    const up = paretoLogLikelihood(q, d);
    q[i] = v - h;
    const down = paretoLogLikelihood(q, d);
    q[i] = v;
    out[i] = (up - down) / (2 * h);
  }
  return paretoLogLikelihood(q, d);
}
