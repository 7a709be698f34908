// Seeded simulation of BG/NBD and Gamma-Gamma customers, for robustness tests (no external randomness).

/**
 * A linear congruential generator on (0, 1), reproducible across platforms: the ANSI C
 * constants modulo 2^31, multiplied exactly in 32-bit integers (period 2^31).
 */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return (state + 0.5) / 2147483648;
  };
}

/** Gamma(k, 1) variates from `random` (Marsaglia & Tsang 2000, with the boost for k < 1). */
function gammaSampler(random: () => number): (k: number) => number {
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  const gamma = (k: number): number => {
    if (k < 1) return gamma(k + 1) * random() ** (1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v ** 3;
      if (Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return gamma;
}

/** Customers of a BG/NBD(r, α, a, b) process, ages spread over [0.3, 1] × maxAge. */
export function simulateBetaGeometricNBD(
  n: number,
  [r, alpha, a, b]: readonly [number, number, number, number],
  maxAge: number,
  seed = 12345,
): { frequency: number; recency: number; T: number }[] {
  const random = generator(seed);
  const gamma = gammaSampler(random);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const rate = gamma(r) / alpha;
    const g = gamma(a);
    const p = g / (g + gamma(b));
    const T = maxAge * (0.3 + 0.7 * random());
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(random()) / rate;
      if (t > T) break;
      frequency++;
      recency = t;
      if (random() < p) break;
    }
    rows.push({ frequency, recency, T });
  }
  return rows;
}

/**
 * Repeat buyers of a Gamma-Gamma(p, q, γ) spend process: ν ~ Gamma(q, rate γ) per customer,
 * each of x = 1 … maxFrequency repeat transactions worth Gamma(p, rate ν); `monetaryValue` is
 * their mean.
 */
export function simulateGammaGamma(
  n: number,
  [p, q, gamma]: readonly [number, number, number],
  maxFrequency: number,
  seed = 12345,
): { frequency: number; monetaryValue: number }[] {
  const random = generator(seed);
  const sample = gammaSampler(random);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const nu = sample(q) / gamma;
    const frequency = 1 + Math.floor(random() * maxFrequency);
    let sum = 0;
    for (let k = 0; k < frequency; k++) sum += sample(p) / nu;
    rows.push({ frequency, monetaryValue: sum / frequency });
  }
  return rows;
}

/**
 * Customers of a Pareto/NBD(r, α, s, β) process: purchases at rate λ ~ Gamma(r, rate α) until an
 * exponential lifetime of rate μ ~ Gamma(s, rate β); ages spread over [0.3, 1] × maxAge.
 */
export function simulateParetoNBD(
  n: number,
  [r, alpha, s, beta]: readonly [number, number, number, number],
  maxAge: number,
  seed = 12345,
): { frequency: number; recency: number; T: number }[] {
  const random = generator(seed);
  const gamma = gammaSampler(random);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const rate = gamma(r) / alpha;
    const lifetime = -Math.log(random()) / (gamma(s) / beta);
    const T = maxAge * (0.3 + 0.7 * random());
    const end = Math.min(T, lifetime);
    let t = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      t += -Math.log(random()) / rate;
      if (t > end) break;
      frequency++;
      recency = t;
    }
    rows.push({ frequency, recency, T });
  }
  return rows;
}
