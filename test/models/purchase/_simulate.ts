// Seeded simulation of BG/NBD customers, for robustness tests (no external randomness).

/** A linear congruential generator on (0, 1), reproducible across platforms. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 0.5) / 2147483648;
  };
}

/** Customers of a BG/NBD(r, α, a, b) process, ages spread over [0.3, 1] × maxAge. */
export function simulateBetaGeometricNBD(
  n: number,
  [r, alpha, a, b]: readonly [number, number, number, number],
  maxAge: number,
  seed = 12345,
): { frequency: number; recency: number; T: number }[] {
  const random = generator(seed);
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  // Marsaglia & Tsang (2000), with the boost for shapes below 1.
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
