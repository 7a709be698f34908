/**
 * Adaptive Gauss–Kronrod quadrature on float64 (the 7/15-point pair of QUADPACK's `qk15`),
 * with a bounded number of subdivisions.
 *
 * Internal: used by the purchase models where their closed forms lose their digits (huge
 * parameters, huge frequencies), not part of the public API.
 */

/** Kronrod nodes on [−1, 1] (the non-negative half; the last is 0). */
const XK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945,
  0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
/** Kronrod weights, for the nodes of {@link XK}. */
const WK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592,
  0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
/** Gauss weights of the 7-point rule, for the odd-indexed nodes of {@link XK} (1, 3, 5, 7). */
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** One panel: its ends, its Kronrod estimate and the estimate's error. */
interface Panel {
  lo: number;
  hi: number;
  value: number;
  error: number;
}

function panel(f: (x: number) => number, lo: number, hi: number): Panel {
  const center = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  const fc = f(center);
  let kronrod = fc * (WK[7] as number);
  let gauss = fc * (WG[3] as number);
  for (let j = 0; j < 7; j++) {
    const dx = half * (XK[j] as number);
    const sum = f(center - dx) + f(center + dx);
    kronrod += (WK[j] as number) * sum;
    if (j % 2 === 1) gauss += (WG[(j - 1) / 2] as number) * sum;
  }
  return {
    lo,
    hi,
    value: kronrod * half,
    error: Math.abs((kronrod - gauss) * half),
  };
}

/**
 * ∫ f over [lo, hi], starting from the panels between consecutive `breaks` (sorted, inside
 * [lo, hi]) and bisecting the panel of largest error until the summed error is below
 * `relTol` × |integral| (the error estimate |K15 − G7| is pessimistic: K15 is then
 * accurate to about the rounding of f) or `maxPanels` panels are in use. f must be finite on [lo, hi];
 * the work is at most 15 × `maxPanels` evaluations of f.
 */
export function integrate(
  f: (x: number) => number,
  lo: number,
  hi: number,
  breaks: readonly number[] = [],
  relTol = 1e-13,
  maxPanels = 200,
): number {
  if (!(hi > lo)) return 0;
  const cuts = [lo, ...breaks.filter((b) => b > lo && b < hi).sort((x, y) => x - y), hi];
  const panels: Panel[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    if (b > a) panels.push(panel(f, a, b));
  }
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i] as Panel;
      value += p.value;
      error += p.error;
      if (p.error > (panels[worst] as Panel).error) worst = i;
    }
    if (error <= relTol * Math.abs(value) || panels.length >= maxPanels) return value;
    const w = panels[worst] as Panel;
    const mid = 0.5 * (w.lo + w.hi);
    // A panel too narrow to split in float64 cannot improve.
    if (!(mid > w.lo && mid < w.hi)) return value;
    panels[worst] = panel(f, w.lo, mid);
    panels.push(panel(f, mid, w.hi));
  }
}

/**
 * ln ∫ e^(logF) over [lo, hi] for a unimodal integrand whose peak is at `peak`: the integral
 * is scaled by the peak's value (no overflow whatever its size), cut where the integrand falls
 * e^−40 below the peak (found by 60 bisections on each side, so the work is bounded), and
 * integrated by {@link integrate} with a break at the peak. `tails` (relative to the peak's
 * value) are added before the logarithm: the caller's closed form for what lies beyond lo
 * and hi.
 */
export function logIntegralUnimodal(
  logF: (x: number) => number,
  peak: number,
  lo: number,
  hi: number,
  tails: (top: number) => number = () => 0,
): number {
  const top = logF(peak);
  const end = (to: number): number => {
    if (logF(to) - top >= -40) return to;
    let near = peak;
    let far = to;
    for (let k = 0; k < 60; k++) {
      const mid = 0.5 * (near + far);
      if (logF(mid) - top >= -40) near = mid;
      else far = mid;
    }
    return far;
  };
  const body = integrate((x) => Math.exp(logF(x) - top), end(lo), end(hi), [peak]);
  return top + Math.log(body + tails(top));
}

/** Gauss–Legendre nodes of order 10 on [−1, 1] (the positive half), from numpy's `leggauss(10)`. */
export const GL10_NODES: readonly number[] = [
  0.14887433898163122, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845,
  0.9739065285171717,
];
/** Gauss–Legendre weights of order 10, for the nodes of {@link GL10_NODES}. */
export const GL10_WEIGHTS: readonly number[] = [
  0.2955242247147528, 0.2692667193099965, 0.219086362515982, 0.1494513491505804,
  0.06667134430868814,
];

/** Gauss–Legendre nodes of order 20 on [−1, 1] (the positive half), from numpy's `leggauss(20)`. */
export const GL20_NODES: readonly number[] = [
  0.07652652113349734, 0.22778585114164507, 0.37370608871541955, 0.5108670019508271,
  0.636053680726515, 0.7463319064601508, 0.8391169718222188, 0.912234428251326, 0.9639719272779138,
  0.9931285991850949,
];
/** Gauss–Legendre weights of order 20, for the nodes of {@link GL20_NODES}. */
export const GL20_WEIGHTS: readonly number[] = [
  0.15275338713072584, 0.14917298647260374, 0.14209610931838204, 0.13168863844917664,
  0.11819453196151841, 0.10193011981724044, 0.08327674157670475, 0.06267204833410907,
  0.04060142980038694, 0.017614007139152118,
];
