/**
 * The digamma function ψ(x) = d ln Γ(x)/dx for x > 0, the derivative the models' analytic
 * gradients need wherever their likelihoods hold ln Γ.
 *
 * Internal: used by the model fits, not part of the public API.
 */

/**
 * ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series
 * ```text
 * ψ(x) = ln x − 1/(2x) − Σ_{k≥1} B₂ₖ / (2k x^(2k))
 *      = ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰) + 691/(32760x¹²) − 1/(12x¹⁴)
 * ```
 * whose next term is below 1e-17 at x = 10. Relative error about 1e-15 away from the root
 * near 1.4616 (absolute error about 1e-16 there). NaN for x ≤ 0 or NaN (the models never ask).
 *
 * @see Abramowitz & Stegun (1964), "Handbook of Mathematical Functions", 6.3.5 and 6.3.18.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let shift = 0;
  // At most 10 steps of the recurrence.
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const u = 1 / (x * x);
  const series =
    u *
    (1 / 12 -
      u * (1 / 120 - u * (1 / 252 - u * (1 / 240 - u * (1 / 132 - u * (691 / 32760 - u / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/**
 * ψ(u + n) − ψ(u) for u > 0 and a whole n ≥ 0: Σ_{k<n} 1/(u + k) for n up to 64, else by
 * {@link digamma} (when u is huge against n the difference is formed as n/u-scaled sums, not
 * from two nearly equal values).
 */
export function digammaDifference(u: number, n: number): number {
  if (n <= 64) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += 1 / (u + k);
    return sum;
  }
  // For u ≫ n, ψ(u+n) − ψ(u) ≈ ln(1 + n/u) + …: use log1p for the leading term.
  if (u > 1e6 * n) return Math.log1p(n / u) + (0.5 * n) / (u * (u + n));
  return digamma(u + n) - digamma(u);
}
