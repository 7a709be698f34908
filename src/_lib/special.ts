/**
 * Special functions on float64, from @stdlib (bundled into dist; see THIRD-PARTY-NOTICES.md).
 * Accuracy was checked against mpmath: gammaln and betaln to ~1e-15 relative, hyp2f1 to
 * ~1e-12 on the arguments the purchase models use, erfc/erfcinv to ~1e-16.
 */
import betalnImpl from "@stdlib/math-base-special-betaln";
import erfcImpl from "@stdlib/math-base-special-erfc";
import erfcinvImpl from "@stdlib/math-base-special-erfcinv";
import gammalnImpl from "@stdlib/math-base-special-gammaln";
import hyp2f1Impl from "@stdlib/math-base-special-hyp2f1";

/** ln Γ(x). */
export const lnGamma: (x: number) => number = gammalnImpl;
/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), computed without cancellation. */
export const lnBeta: (a: number, b: number) => number = betalnImpl;
/** The Gauss hypergeometric function ₂F₁(a, b; c; z). */
export const hyp2f1: (a: number, b: number, c: number, z: number) => number = hyp2f1Impl;
/** The complementary error function. */
export const erfc: (x: number) => number = erfcImpl;
/** The inverse of {@link erfc} on (0, 2). */
export const erfcinv: (x: number) => number = erfcinvImpl;
