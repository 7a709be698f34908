/**
 * Float64 building blocks of the discrete-time models that stay accurate for every positive
 * parameter (1e-300 … 1e300) and every horizon up to 2^53, with a cost that does not grow with
 * the horizon:
 *
 * - {@link lnSurvivalRatio}: ln[Γ(β+t)Γ(α+β) / (Γ(β)Γ(α+β+t))], the sBG survival S(t) and the
 *   building block of every beta-function ratio, without the cancellation of ln B(α, β+t) −
 *   ln B(α, β) at large α and β;
 * - {@link sumRatioTerms}: Σ_{i<m} T(i)/T(0) for terms whose ratio is a product of
 *   (b_k + i)/(a_k + i), summed term by term up to a budget, then by Euler–Maclaurin;
 * - {@link meanInverse}: E[1/(θ + d)] for θ ~ Beta(a, b), by the trapezoidal rule on the logit
 *   scale, the sBG discounted lifetimes for any discount rate.
 */
import { lnBeta } from "../../_lib/special.js";
import { logAddExp, softplus } from "../_math/logSpace.js";

/** ln σ(v) = −ln(1 + e^{−v}), σ the logistic function. */
function lnSigmoid(v: number): number {
  return -softplus(-v);
}

/**
 * ln Γ(y) − [(y − ½) ln y − y + ½ ln 2π]: the remainder of Stirling's series, for y ≥ 16
 * (truncated after the y^−13 term: error below 1e-19 there).
 */
function stirlingRemainder(y: number): number {
  const r = 1 / y;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))))
  );
}

/**
 * ln(rest / whole) = ln(1 − part/whole) for whole = part + rest (part, rest ≥ 0): log1p where the
 * fraction is near 1, a plain logarithm where it is near 0, exact to a few ulps either way.
 */
export function lnComplement(part: number, rest: number, whole: number): number {
  if (part <= rest) return Math.log1p(-part / whole);
  const share = rest / whole;
  // Below the normal range the quotient loses digits (or vanishes): logarithms first.
  return share > 1e-300 ? Math.log(share) : Math.log(rest) - Math.log(whole);
}

/** Where the Stirling form of {@link lnSurvivalRatio} takes over from the product. */
const STIRLING_FROM = 16;
/** Horizons up to this many steps are summed term by term. */
const DIRECT_STEPS = 8;

/**
 * ln[Γ(β + t) Γ(α + β) / (Γ(β) Γ(α + β + t))] = Σ_{i<t} ln(1 − α/(α + β + i)) for α, β > 0 and
 * real t ≥ 0: ln S(t) of the sBG model, always ≤ 0.
 *
 * @remarks
 * Whole t ≤ 8: the sum of the logarithms of the ratios. β ≥ 16: Stirling's series for all four Γ, arranged so
 * that nothing large cancels,
 * ```text
 * (β − ½) ln(1 + αt/(β(c + t))) − α ln(1 + t/c) + t ln(1 − α/(c + t)) + ω(β+t) − ω(β) − ω(c+t) + ω(c)
 * ```
 * with c = α + β and ω the remainder of Stirling's series. Otherwise (β < 16) the difference
 * ln B(α, β + t) − ln B(α, β), well conditioned there.
 */
export function lnSurvivalRatio(
  beta: number,
  alpha: number,
  t: number,
  directSteps = DIRECT_STEPS,
): number {
  if (t === 0) return 0;
  if (t <= directSteps && Number.isInteger(t)) {
    const c = alpha + beta;
    let s = 0;
    for (let i = 0; i < t; i++) s += lnComplement(alpha, beta + i, c + i);
    return s;
  }
  let value: number;
  if (beta >= STIRLING_FROM) {
    const c = alpha + beta;
    const ct = c + t;
    value =
      (beta - 0.5) * Math.log1p((alpha * (t / beta)) / ct) -
      alpha * Math.log1p(t / c) +
      t * lnComplement(alpha, beta + t, ct) +
      (stirlingRemainder(beta + t) -
        stirlingRemainder(beta) -
        stirlingRemainder(ct) +
        stirlingRemainder(c));
  } else {
    value = lnBeta(alpha, beta + t) - lnBeta(alpha, beta);
  }
  return Math.min(0, value);
}

/**
 * ln[B(a + x, b + y) / B(a, b)] = ln E[p^x (1 − p)^y] for p ~ Beta(a, b), a, b > 0, x, y ≥ 0.
 */
export function lnBetaRatio(a: number, b: number, x: number, y: number): number {
  // Γ(a+x)Γ(a+b)/(Γ(a)Γ(a+b+x)) · Γ(b+y)Γ(a+b+x)/(Γ(b)Γ(a+b+x+y))
  return lnSurvivalRatio(a, b, x) + lnSurvivalRatio(b, a + x, y);
}

/** ψ(b) − ψ(b + gap) for b ≥ 16 (asymptotic series), without cancelling the logarithms. */
function digammaDifference(b: number, gap: number): number {
  const a = b + gap;
  const ib = 1 / b;
  const ia = 1 / a;
  const ib2 = ib * ib;
  const ia2 = ia * ia;
  return (
    -Math.log1p(gap / b) -
    0.5 * (ib - ia) -
    (ib2 - ia2) / 12 +
    (ib2 * ib2 - ia2 * ia2) / 120 -
    (ib2 * ib2 * ib2 - ia2 * ia2 * ia2) / 252
  );
}

/** ψ'(b) − ψ'(a) and ψ''(b) − ψ''(a) for a, b ≥ 16 (leading terms; used in small corrections). */
function trigammaDifference(b: number, a: number): number {
  const f = (x: number) => 1 / x + 1 / (2 * x * x) + 1 / (6 * x * x * x);
  return f(b) - f(a);
}
function tetragammaDifference(b: number, a: number): number {
  const f = (x: number) => -1 / (x * x) - 1 / (x * x * x) - 1 / (2 * x * x * x * x);
  return f(b) - f(a);
}

/** Terms summed one by one before {@link sumRatioTerms} switches to Euler–Maclaurin. */
export const DIRECT_TERMS = 10_000;

/** 10-point Gauss–Legendre nodes and weights on [−1, 1]. */
const GL_X = [
  -0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472,
  -0.14887433898163122, 0.14887433898163122, 0.4333953941292472, 0.6794095682990244,
  0.8650633666889845, 0.9739065285171717,
];
const GL_W = [
  0.06667134430868814, 0.1494513491505806, 0.21908636251598204, 0.26926671930999635,
  0.2955242247147529, 0.2955242247147529, 0.26926671930999635, 0.21908636251598204,
  0.1494513491505806, 0.06667134430868814,
];

/**
 * Σ_{i=0}^{m−1} T(i)/T(0) for positive terms with T(i+1)/T(i) = Π_k (b_k + i)/(b_k + g_k + i),
 * b_k > 0 and gaps g_k > 0 (so the terms fall; the gaps are given apart, as a difference of
 * large a_k and b_k would lose them), m ≥ 0 (up to 2^53).
 *
 * @remarks
 * Term by term until the rest is below 1e-17 of the sum, at most {@link DIRECT_TERMS} terms;
 * the rest, from i₀, by the Euler–Maclaurin formula on the analytic continuation
 * T(j)/T(i₀) = Π_k exp(lnSurvivalRatio(b_k + i₀, g_k, j − i₀)):
 * ```text
 * Σ_{j=i₀}^{m−1} T(j) = ∫_{i₀}^{m−1} T + (T(i₀) + T(m−1))/2 + (T'(m−1) − T'(i₀))/12
 *                      − (T'''(m−1) − T'''(i₀))/720 + …
 * ```
 * By then the terms vary slowly (|T'/T| ≤ about 0.01), so the next correction is below 1e-14
 * of the sum. The integral is taken by 10-point Gauss–Legendre panels in ln(j − i₀ + u₀),
 * where T behaves like a power. The cost is bounded whatever m.
 */
export function sumRatioTerms(bs: readonly number[], gaps: readonly number[], m: number): number {
  const k = bs.length;
  let sum = 0;
  let term = 1;
  let i = 0;
  const direct = Math.min(m, DIRECT_TERMS);
  for (; i < direct; i++) {
    sum += term;
    let ratio = 1;
    for (let j = 0; j < k; j++) {
      const b = (bs[j] as number) + i;
      ratio *= b / (b + (gaps[j] as number));
    }
    term *= ratio;
    // Terms fall, so the rest is at most term · (m − i − 1).
    if (term * (m - i - 1) <= 1e-17 * sum) return sum;
  }
  if (i >= m) return sum;
  // Euler–Maclaurin over j = i … m − 1, with T(i) = term.
  const i0 = i;
  const last = m - 1;
  const b0 = bs.map((b) => b + i0);
  const lnRel = (j: number): number => {
    let s = 0;
    for (let q = 0; q < k; q++) s += lnSurvivalRatio(b0[q] as number, gaps[q] as number, j - i0);
    return s;
  };
  const derivatives = (j: number): [number, number, number] => {
    let g = 0;
    let g1 = 0;
    let g2 = 0;
    for (let q = 0; q < k; q++) {
      const b = (bs[q] as number) + j;
      const gap = gaps[q] as number;
      g += digammaDifference(b, gap);
      g1 += trigammaDifference(b, b + gap);
      g2 += tetragammaDifference(b, b + gap);
    }
    // T'/T = g, T'''/T = g³ + 3 g g' + g''.
    return [g, g1, g * g * g + 3 * g * g1 + g2];
  };
  const fLast = Math.exp(lnRel(last));
  const [gFirst, , hFirst] = derivatives(i0);
  const [gLast, , hLast] = derivatives(last);
  let rest = (1 + fLast) / 2 + (fLast * gLast - gFirst) / 12 - (fLast * hLast - hFirst) / 720;
  // ∫_{i0}^{last} T(j)/T(i0) dj with j = i0 + u0 (e^w − 1), dj = u0 e^w dw.
  let u0 = Number.POSITIVE_INFINITY;
  for (const b of b0) u0 = Math.min(u0, b);
  const wEnd = Math.log1p((last - i0) / u0);
  // Panels of width ≤ 1 and ≤ 1/|s − 1|, s the power T falls with.
  const s = -gFirst * u0;
  const width = Math.min(1, 1 / Math.max(Math.abs(s - 1), 1e-300));
  const panels = Math.ceil(wEnd / width);
  const step = wEnd / panels;
  let integral = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * step;
    let panel = 0;
    let edge = 0;
    for (let q = 0; q < GL_X.length; q++) {
      const w = mid + 0.5 * step * (GL_X[q] as number);
      const ew = Math.exp(w);
      const j = i0 + u0 * Math.expm1(w);
      const value = Math.exp(lnRel(j)) * u0 * ew;
      panel += (GL_W[q] as number) * value;
      edge = value;
    }
    integral += 0.5 * step * panel;
    // Past the peak the integrand falls at least like e^{−(s−1)w}: stop when the rest is negligible.
    if (s > 1 && edge * (1 / (s - 1)) <= 1e-18 * (sum / term + integral)) break;
  }
  rest += integral;
  return sum + term * rest;
}

/**
 * E[1/(θ + d)] for θ ~ Beta(a, b), a, b > 0, with d = e^{lnD} ≥ 0 (lnD = −Infinity for d = 0,
 * which needs a > 1). Returned as its logarithm, so that values beyond the float64 range
 * (d below 1e-308) stay representable.
 *
 * @remarks
 * With v = ln(θ/(1 − θ)) the density of v is φ(v) ∝ σ(v)^a σ(−v)^b and the integrand
 * φ(v)/(σ(v) + d) is analytic in the strip |Im v| < π; the trapezoidal rule with step
 * h = min(1/4, ½ √(1/a + 1/b)) then converges geometrically. It is applied as the ratio
 * Σ φ(v_i)/(σ(v_i) + d) / Σ φ(v_i), so ln B(a, b) never enters and only differences of
 * ln σ near the mode v_m of the integrand are formed (no cancellation at large a, b). Nodes
 * run outward from v_m until the rest is below 1e-19 of the sum, bounded from the decay rate,
 * or until the integrand is within 1e-18 of its exponential tail (e^{av} on the left, e^{−bv}
 * on the right), whose geometric sum is added in closed form. At most a few thousand nodes.
 */
export function lnMeanInverse(a: number, b: number, lnD: number): number {
  if (a >= MOMENTS_FROM) return lnMeanInverseByMoments(a, b, lnD);
  const lnDPlus = (lnTheta: number): number => logAddExp(lnTheta, lnD);
  // Tails: θ ≤ 1e-18/(a + b + 1 + 1/d) on the left, 1 − θ ≤ 1e-18/(a + b + 1) on the right.
  const lnAB = Math.log(a + b + 1);
  const vLow = Math.log(1e-18) - logAddExp(lnAB, lnD === Number.NEGATIVE_INFINITY ? lnD : -lnD);
  const vHigh = lnAB - Math.log(1e-18);
  // Slope of ln[φ(v)/(σ(v)+d)]: a σ(−v) − b σ(v) − σ(−v)/(1 + d/σ(v)); it falls once through 0.
  const slopeF = (v: number): number => {
    const lnT = lnSigmoid(v);
    const s = Math.exp(lnSigmoid(-v));
    const t = Math.exp(lnT);
    return a * s - b * t - s / (1 + Math.exp(lnD - lnT));
  };
  const slopePhi = (v: number): number => a * Math.exp(lnSigmoid(-v)) - b * Math.exp(lnSigmoid(v));
  let lo = vLow;
  let hi = vHigh;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (slopeF(mid) > 0) lo = mid;
    else hi = mid;
  }
  const vm = 0.5 * (lo + hi);
  const lnTm = lnSigmoid(vm);
  const lnGm = lnDPlus(lnTm);
  const sm = Math.exp(lnSigmoid(-vm));
  const tm = Math.exp(lnTm);
  // ln σ(v) − ln σ(vm) ("up") and ln σ(−v) − ln σ(−vm) ("down"), up − down = v − vm: one of
  // them by log1p of an argument above −½ (σ(vm) ≤ ½: down = −ln(1 + σ(vm)·expm1(v − vm));
  // else up = −ln(1 + σ(−vm)·expm1(vm − v))), exact near vm, where a and b multiply them.
  const small = tm <= 0.5;
  const downOf = (v: number): number => {
    const delta = v - vm;
    if (Math.abs(delta) > 700) return lnSigmoid(-v) - lnSigmoid(-vm);
    return small
      ? -Math.log1p(tm * Math.expm1(delta))
      : -Math.log1p(sm * Math.expm1(-delta)) - delta;
  };
  const upOf = (v: number): number => {
    const delta = v - vm;
    if (Math.abs(delta) > 700) return lnSigmoid(v) - lnTm;
    return small
      ? delta - Math.log1p(tm * Math.expm1(delta))
      : -Math.log1p(sm * Math.expm1(-delta));
  };
  const lnPhiRel = (v: number): number => a * upOf(v) + b * downOf(v);
  // ln(σ(vm) + d) − ln(σ(v) + d).
  const lnGRel = (v: number): number =>
    lnD === Number.NEGATIVE_INFINITY ? -upOf(v) : lnGm - lnDPlus(lnSigmoid(v));
  const h = Math.min(0.25, 0.5 * Math.sqrt(1 / a + 1 / b));
  // Sums of e^{lnφ} and e^{lnf} relative to the node at vm, kept as scale · e^{ln}: φ's own
  // mass may lie hundreds of e-folds above its value at vm.
  const sumPhi = new LogSum();
  const sumF = new LogSum();
  sumPhi.add(0);
  sumF.add(0);
  const maxNodes = Math.min(Math.ceil((vHigh - vLow) / h) + 2, MAX_NODES);
  const NEGLIGIBLE = Math.log(1e-19);
  // Right of the mode: f ≤ φ · (its value at vm) there, φ falls ever faster past its own mode.
  for (let k = 1; k <= maxNodes; k++) {
    const v = vm + k * h;
    const lp = lnPhiRel(v);
    const lf = lp + lnGRel(v);
    sumPhi.add(lp);
    sumF.add(lf);
    if (v >= vHigh) {
      // Tail e^{−b v}: Σ_{j≥1} e^{−b j h} = 1/expm1(b h).
      const tail = -Math.log(Math.expm1(b * h));
      sumPhi.add(lp + tail);
      sumF.add(lf + tail);
      break;
    }
    const rate = -slopePhi(v);
    if (
      rate > 0 &&
      lp - Math.log(Math.expm1(rate * h)) < sumPhi.log() + NEGLIGIBLE &&
      lf - Math.log(Math.expm1(rate * h)) < sumF.log() + NEGLIGIBLE
    ) {
      break;
    }
  }
  // Left of the mode: f and φ fall ever faster towards their tails e^{a v}/d and e^{a v}.
  for (let k = 1; k <= maxNodes; k++) {
    const v = vm - k * h;
    const lp = lnPhiRel(v);
    const lf = lp + lnGRel(v);
    sumPhi.add(lp);
    sumF.add(lf);
    if (v <= vLow) {
      // Tails e^{a v} (φ) and e^{a v}/d, or e^{(a−1) v} when d = 0 (f).
      sumPhi.add(lp - Math.log(Math.expm1(a * h)));
      sumF.add(lf - Math.log(Math.expm1((lnD === Number.NEGATIVE_INFINITY ? a - 1 : a) * h)));
      break;
    }
    const rateF = slopeF(v);
    const ratePhi = slopePhi(v);
    if (
      rateF > 0 &&
      lf - Math.log(Math.expm1(rateF * h)) < sumF.log() + NEGLIGIBLE &&
      lp - Math.log(Math.expm1(ratePhi * h)) < sumPhi.log() + NEGLIGIBLE
    ) {
      break;
    }
  }
  return sumF.log() - sumPhi.log() - lnGm;
}

/** From this a on, {@link lnMeanInverse} expands in the central moments of θ. */
const MOMENTS_FROM = 1e8;
/** A bound on the nodes of each side of the trapezoidal rule (a few thousand are used). */
const MAX_NODES = 100_000;

/**
 * ln E[1/(θ + d)] for a ≥ 1e8 from the central moments m_k of θ ~ Beta(a, b), μ = a/(a + b):
 * ```text
 * E[1/(θ + d)] = 1/(μ + d) · (1 + m₂/(μ + d)² − m₃/(μ + d)³ + m₄/(μ + d)⁴ − …)
 * ```
 * Each term is at most 1/√a times the one before (m₂/(μ + d)² ≤ b/(a(a + b + 1)) ≤ 1/a), so
 * the omitted ones are below 1e-20. Moments in μ, ν = 1 − μ and s = a + b, never a · b.
 */
function lnMeanInverseByMoments(a: number, b: number, lnD: number): number {
  const mu = 1 / (1 + b / a);
  const nu = 1 / (1 + a / b);
  const s = a + b;
  const d = Math.exp(lnD);
  const c = mu + d;
  // m_k/c^k from factors each at most about 1/a, so nothing overflows or underflows early:
  // m₂ = μν/(s+1), m₃ = 2μν(ν−μ)/((s+1)(s+2)),
  // m₄ = 3m₂² + 6m₂((ν−μ)²(s+1) − μν(s+2))/((s+1)(s+2)(s+3)), ν = 1 − μ.
  const A = mu / c;
  const Bn = nu / c / (s + 1);
  const D2 = (nu - mu) / c / (s + 2);
  const D3 = (nu - mu) / c / (s + 3);
  const r2 = A * Bn;
  const r3 = 2 * A * Bn * D2;
  const r4 = 3 * r2 * r2 + 6 * r2 * (D2 * D3 - (A * Bn) / (s + 3));
  const correction = r2 - r3 + r4;
  return -Math.log(c) + Math.log1p(correction);
}

/** A sum of positive terms given by their logarithms, without overflow. */
class LogSum {
  private scale = Number.NEGATIVE_INFINITY;
  private total = 0;
  add(ln: number): void {
    if (ln <= this.scale) {
      this.total += Math.exp(ln - this.scale);
    } else {
      this.total = this.total * Math.exp(this.scale - ln) + 1;
      this.scale = ln;
    }
  }
  log(): number {
    return this.scale + Math.log(this.total);
  }
}
