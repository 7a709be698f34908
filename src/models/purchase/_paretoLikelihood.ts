/**
 * The Pareto/NBD log-likelihood on float64 (Fader & Hardie 2005, "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions"), in the log domain: from the closed form (A₀ by
 * ₂F₁) at moderate parameters and from the integral over the time of death elsewhere.
 * Parameters are [r, alpha, s, beta].
 */
import { lnGamma, lnGammaRatio } from "../../_lib/special.js";
import { logAddExp } from "../_math/logSpace.js";
import { type GroupedRows, logShiftedTimes, smallFrequencyTerms } from "./_bgnbdMath.js";
import { log1pRatio, logDropoutIntegral } from "./_paretoDropout.js";
import { logHyp2f1PlusOnePair } from "./_paretoHypergeometric.js";

/**
 * ln A₀ of Fader & Hardie (2005), eq. (A4)/(A5), from the logarithms ln(h + t_x) and ln(h + T)
 * where h = max(α, β): the branch is chosen so that the hypergeometric argument
 * |α − β| / (h + y) lies in [0, 1). A₀ is the difference of the term at t_x and at T; it is
 * formed as ln f(t_x) + log1p(−f(T)/f(t_x)) so that nothing overflows. −∞ when t_x = T
 * (A₀ = 0).
 */
function logA0(
  p: ArrayLike<number>,
  x: number,
  tx: number,
  T: number,
  lnHighTx: number,
  lnHighT: number,
): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const rsx = r + s + x;
  const high = alpha >= beta ? alpha : beta;
  const low = alpha >= beta ? beta : alpha;
  const second = alpha >= beta ? s + 1 : r + x;
  const diff = high - low;
  // z = (high − low)/(high + y) and 1 − z = (low + y)/(high + y), both without cancellation.
  const logs = logHyp2f1PlusOnePair(
    rsx,
    second,
    diff / (high + tx),
    (low + tx) / (high + tx),
    diff / (high + T),
    (low + T) / (high + T),
  );
  const lf1 = logs[0] as number;
  // ln f(T) − ln f(t_x)
  const gap = (logs[1] as number) - lf1 - rsx * (lnHighT - lnHighTx);
  if (!(gap < 0)) return Number.NEGATIVE_INFINITY;
  return lf1 - rsx * lnHighTx + Math.log1p(-Math.exp(gap));
}

/** ln A₀ for one customer (see the log-likelihood). */
export function paretoLogA0(p: ArrayLike<number>, x: number, tx: number, T: number): number {
  const high = Math.max(p[1] as number, p[3] as number);
  return logA0(p, x, tx, T, Math.log(high + tx), Math.log(high + T));
}

/** The Pareto/NBD log-likelihood of the rows at [r, alpha, s, beta]. */
export function paretoLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  return closedFormApplies(
    (p[0] as number) + d.maxX,
    p[1] as number,
    p[2] as number,
    p[3] as number,
  )
    ? closedFormLogLikelihood(p, d)
    : integralLogLikelihood(p, d);
}

/**
 * Whether the closed form (A₀ from ₂F₁) keeps its digits and its speed: the logarithms it
 * subtracts are of size (r + s + x)·ln(max(α, β) + T), and its series slow down when α and β
 * are many orders apart. Elsewhere (the boundary fits of small data sets, where r and α or s
 * and β run large together) the integral form is used.
 */
export function closedFormApplies(rx: number, alpha: number, s: number, beta: number): boolean {
  const ratio = alpha >= beta ? alpha / beta : beta / alpha;
  return rx + s <= CLOSED_FORM_SHAPES && ratio <= CLOSED_FORM_RATIO;
}

/** Largest r + s + x for the closed-form likelihood. */
const CLOSED_FORM_SHAPES = 200;
/** Largest max(α, β)/min(α, β) for the closed-form likelihood. */
const CLOSED_FORM_RATIO = 10;

/**
 * The log-likelihood in the integral form, each factor relative to its value at 0 so that
 * nothing cancels when parameters are huge:
 * ```text
 * ln L = ln Γ(r+x) − ln Γ(r) − x ln α + ln[ (1 + T/α)^−(r+x) (1 + T/β)^−s
 *        + s/(β+t_x) · (1 + t_x/α)^−(r+x) (1 + t_x/β)^−s · J ]
 * J = ∫_0^(T−t_x) (1 + u/(α+t_x))^−(r+x) (1 + u/(β+t_x))^−(s+1) du
 * ```
 * (Fader & Hardie 2005, eq. (A2) before the integral over the time of death is evaluated.)
 */
export function integralLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const lnAlpha = Math.log(alpha);
  const lnS = Math.log(s);
  const gammaTerms = smallFrequencyTerms(d, r, 0, 0);
  const nx = d.xs.length;
  const constant = new Float64Array(nx);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    // Σ_{k<x} ln((r + k)/α) by the recurrence, or ln Γ(r+x)/Γ(r) − x ln α.
    constant[g] =
      x === 0
        ? 0
        : gammaTerms === undefined
          ? lnGammaRatio(r, x) - x * lnAlpha
          : (gammaTerms[x] as number) - x * lnAlpha;
  }
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    const tx = d.tx[i] as number;
    const T = d.T[i] as number;
    const rx = r + x;
    const first = -rx * log1pRatio(T, alpha) - s * log1pRatio(T, beta);
    let second = Number.NEGATIVE_INFINITY;
    if (T > tx) {
      second =
        lnS -
        Math.log(beta + tx) -
        rx * log1pRatio(tx, alpha) -
        s * log1pRatio(tx, beta) +
        logDropoutIntegral(rx, alpha + tx, s + 1, beta + tx, T - tx);
    }
    total +=
      (d.w[i] as number) * ((constant[d.group[i] as number] as number) + logAddExp(first, second));
  }
  return total;
}

/** What the closed form needs per distinct frequency and per distinct time, at [r, alpha, s, beta]. */
export interface ClosedFormTerms {
  /** ln Γ(r+x) − ln Γ(r) + r ln α + s ln β per distinct frequency. */
  constant: Float64Array;
  /** ln(s/(r+s+x)) per distinct frequency. */
  lnShare: Float64Array;
  /** ln(α + t) per distinct time (in `d.scratch`). */
  lnAlpha: Float64Array;
  /** ln(β + t) per distinct time (in `d.scratch2`). */
  lnBeta: Float64Array;
}

/**
 * The closed form's terms at [r, alpha, s, beta]: per distinct frequency x, ln Γ(r+x) − ln Γ(r)
 * + r ln α + s ln β (the Γ ratio by the recurrence when x is small) and ln(s/(r+s+x)); per
 * distinct time t, ln(α + t) and ln(β + t).
 */
export function closedFormTerms(p: ArrayLike<number>, d: GroupedRows): ClosedFormTerms {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const gammaTerms = smallFrequencyTerms(d, r, 0, 0);
  const lnGammaR = gammaTerms === undefined ? lnGamma(r) : 0;
  const lnS = Math.log(s);
  const base = r * Math.log(alpha) + s * Math.log(beta);
  const nx = d.xs.length;
  const constant = new Float64Array(nx);
  const lnShare = new Float64Array(nx);
  for (let g = 0; g < nx; g++) {
    const x = d.xs[g] as number;
    const gammas =
      gammaTerms === undefined
        ? x === 0
          ? 0
          : lnGamma(r + x) - lnGammaR
        : (gammaTerms[x] as number);
    constant[g] = gammas + base;
    lnShare[g] = lnS - Math.log(r + s + x);
  }
  return {
    constant,
    lnShare,
    lnAlpha: logShiftedTimes(d, alpha, d.scratch),
    lnBeta: logShiftedTimes(d, beta, d.scratch2),
  };
}

/** The closed-form log-likelihood (A₀ from ₂F₁). */
export function closedFormLogLikelihood(p: ArrayLike<number>, d: GroupedRows): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const { constant, lnShare, lnAlpha, lnBeta } = closedFormTerms(p, d);
  const lnHigh = alpha >= beta ? lnAlpha : lnBeta;
  const { x: xArr, tx: txArr, T: TArr, w: wArr, group: groupArr, TIndex, txIndex } = d;
  let total = 0;
  const n = xArr.length;
  for (let i = 0; i < n; i++) {
    const g = groupArr[i] as number;
    const x = xArr[i] as number;
    const iT = TIndex[i] as number;
    const itx = txIndex[i] as number;
    const first = -(r + x) * (lnAlpha[iT] as number) - s * (lnBeta[iT] as number);
    const second =
      (lnShare[g] as number) +
      logA0(
        p,
        x,
        txArr[i] as number,
        TArr[i] as number,
        lnHigh[itx] as number,
        lnHigh[iT] as number,
      );
    total += (wArr[i] as number) * ((constant[g] as number) + logAddExp(first, second));
  }
  return total;
}
