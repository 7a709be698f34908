"""Reference values of the special functions in src/_lib/special.ts, from mpmath at 50 digits.

Run from the repository root:

    python3 scripts/special-fixture.py > test/fixtures/special/special.json

The points cover the arguments the models use (BG/NBD, Pareto/NBD, sBG, BG/BB, Gamma-Gamma),
the confidence intervals (normal quantiles deep in the tails) and extreme arguments. The
random points come from a fixed seed so that the file is reproducible.
"""

import json
import random

import mpmath as mp

mp.mp.dps = 50
rng = random.Random(20240601)


def f(v):
    """The float64 nearest to an mpmath value, as a JSON number."""
    return float(v)


def logu(lo, hi):
    return 10 ** rng.uniform(lo, hi)


out = {"source": "mpmath %s, mp.dps = 50 (scripts/special-fixture.py)" % mp.__version__}

# ln |Γ(x)|
xs = [1e-300, 1e-20, 1e-8, 0.001, 0.1, 0.5, 0.9, 0.999999, 1, 1.000001, 1.25, 1.5, 1.75,
      1.999999, 2, 2.000001, 2.5, 3, 4.5, 7.25, 9.999, 10, 10.5, 33.3, 100, 171.5, 1e3, 1e5,
      1e8, 1e12, 1e16, 1e100, 1e300, -0.5, -1.5, -2.3, -10.7, -100.3, -1e-10, -0.999999]
xs += [logu(-12, 0) for _ in range(30)] + [rng.uniform(0, 12) for _ in range(40)]
xs += [logu(1, 20) for _ in range(20)] + [-rng.uniform(0, 30) for _ in range(20)]
out["lnGamma"] = [[x, f(mp.log(abs(mp.gamma(mp.mpf(x)))))] for x in xs]

# ln B(a, b)
pairs = [(1, 1), (0.5, 0.5), (1e-3, 5), (1e4, 3e4), (1e16, 1e16), (1e16, 2.5), (2.5, 1e16),
         (0.3, 1e12), (9.999, 10.001), (10, 10), (1e-200, 1e-200), (50, 1e-5), (1e17, 1e17)]
pairs += [(logu(-4, 3), logu(-4, 3)) for _ in range(60)]
pairs += [(logu(-1, 17), logu(-1, 17)) for _ in range(30)]
out["lnBeta"] = [[a, b, f(mp.log(mp.beta(mp.mpf(a), mp.mpf(b))))] for a, b in pairs]

# ln B(a, b + t) − ln B(a, b): the sBG survival and the BG/NBD likelihood at huge a and b.
triples = [(1e16, 1e16, 1), (1e16, 1e16, 2), (3e15, 1e16, 10), (1e16, 3e15, 100),
           (1e16, 1e16, 0.5), (1e8, 2e8, 1), (50, 80, 3), (2.5, 0.3, 7), (0.3, 2.5, 12),
           (1e12, 5, 3), (5, 1e12, 3), (1e16, 1, 1)]
triples += [(logu(-1, 17), logu(-1, 17), rng.choice([1, 2, 5, 20, 100])) for _ in range(30)]
out["lnBetaRatio"] = [
    [a, b, t, f(mp.log(mp.beta(mp.mpf(a), mp.mpf(b) + t)) - mp.log(mp.beta(mp.mpf(a), mp.mpf(b))))]
    for a, b, t in triples
]

# ₂F₁(a, b; c; z)
cases = []
# sBG: F(1, β + n; α + β + n; 1/(1 + d)).
for _ in range(40):
    al, be, n = logu(-1, 1.5), logu(-1, 1.5), rng.choice([0, 0, 1, 3, 10])
    d = rng.choice([logu(-3, 0), logu(-1, 0.5)])
    cases.append((1, be + n, al + be + n, 1 / (1 + d)))
# BG/NBD: F(a + b − 1 − r, a − 1; a + b + x − 1; z), z = t/(α + t) or t/(α + T + t).
for _ in range(60):
    r, al, a, b = logu(-1.3, 0.7), logu(-1, 1.7), logu(-1.3, 0.7), logu(-1, 1.3)
    x = rng.choice([0, 0, 1, 2, 5, 20, 60])
    t = rng.choice([logu(-1, 1), logu(0, 2.5), logu(2, 3)])
    cases.append((a + b - 1 - r, a - 1, a + b + x - 1, t / (al + t)))
# Pareto/NBD: F(a, b; a + 1; z), including b > a + 1 (the general routine's share).
for _ in range(40):
    A, B = logu(-1, 2), logu(-1, 2.3)
    cases.append((A, B, A + 1, rng.choice([rng.uniform(0, 0.9), 1 - logu(-4, -1)])))
# Negative z, near and far (Pfaff).
for _ in range(40):
    a, b, c = rng.uniform(-3, 8), rng.uniform(-3, 8), rng.uniform(0.2, 10)
    cases.append((a, b, c, -logu(-3, 3)))
cases += [(0.5, 1.5, 2.25, -50), (2.5, 3.1, 4.7, -20), (1.2, 0.7, 3.3, -0.99), (1.2, 0.7, 3.3, 0.99),
          (1.2, 0.7, 3.3, 0.999), (-3, 2.5, 4.5, 0.7), (-3, 2.5, 4.5, -7), (0.3, 0.4, 1.7, 0.9999),
          (2, 3, 5, 0.95), (1, 2.5, 3.5, 0.999)]
hyp = []
for a, b, c, z in cases:
    v = mp.hyp2f1(mp.mpf(a), mp.mpf(b), mp.mpf(c), mp.mpf(z))
    if mp.isfinite(v) and v != 0 and abs(v) < mp.mpf("1e300"):
        hyp.append([a, b, c, z, f(v)])
out["hyp2f1"] = hyp

# erfc(x): negative, central, tails down to the underflow.
exs = [-6, -2, -1, -0.46875, -0.1, 0, 1e-20, 0.1, 0.46875, 0.5, 1, 2, 3.999, 4, 4.001, 6, 10,
       20, 26, 26.5, 27]
exs += [rng.uniform(-5, 27) for _ in range(60)]
out["erfc"] = [[x, f(mp.erfc(mp.mpf(x)))] for x in exs if mp.erfc(mp.mpf(x)) > mp.mpf("1e-300")]

# erfc⁻¹(y) on (0, 2), with deep tails to 1e-300 and 2 − 1e-15.
ys = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.01, 0.05, 0.15, 0.5, 0.9, 0.999999,
      1.000001, 1.1, 1.5, 1.85, 1.95, 1.99, 1.9999, 2 - 1e-10, 2 - 1e-15]
ys += [logu(-300, 0) for _ in range(40)] + [rng.uniform(0, 2) for _ in range(40)]


def erfcinv_ref(y):
    # 1 − y keeps every digit of y at 400 digits.
    with mp.workdps(400):
        return mp.erfinv(1 - mp.mpf(y))


out["erfcinv"] = [[y, f(erfcinv_ref(y))] for y in ys if y != 1]

print(json.dumps(out, indent=0))
