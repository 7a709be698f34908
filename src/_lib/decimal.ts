import { Decimal as DecimalJs } from "decimal.js";

/**
 * The library's own Decimal class: a clone of decimal.js with 40 significant digits and
 * half-up rounding. The user's global decimal.js settings are never read or changed.
 *
 * @remarks
 * Every computed value the library returns is an instance of this class. Decimals from any
 * other copy of decimal.js are accepted as inputs.
 *
 * @example
 * ```ts
 * new Decimal('0.1').plus('0.2').toString() //=> '0.3'
 * ```
 * @category Numbers
 */
export const Decimal: typeof DecimalJs = /* @__PURE__ */ DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
  minE: -9e15,
  maxE: 9e15,
  modulo: DecimalJs.ROUND_DOWN,
  crypto: false,
});

/**
 * An instance of the library's {@link Decimal} class (structurally, a decimal.js Decimal).
 *
 * @category Numbers
 */
export type Decimal = DecimalJs;

/** Zero and one, shared. Decimals are immutable, so sharing is safe. */
export const ZERO: Decimal = /* @__PURE__ */ new Decimal(0);
export const ONE: Decimal = /* @__PURE__ */ new Decimal(1);
export const HUNDRED: Decimal = /* @__PURE__ */ new Decimal(100);

/** The largest finite float64, as a Decimal: values beyond it are `NOT_FINITE`. */
export const MAX_FINITE: Decimal = /* @__PURE__ */ new Decimal(Number.MAX_VALUE);

/**
 * The smallest positive float64 (`Number.MIN_VALUE`, printed 5e-324), as a Decimal: a non-zero
 * input of smaller magnitude is `OUT_OF_RANGE`.
 */
export const MIN_FINITE: Decimal = /* @__PURE__ */ new Decimal("5e-324");

/**
 * Normalise a computed result: `-0` becomes `0`; a non-finite value is a bug and throws.
 * Every public function passes its Decimal results through this.
 */
export function clean(value: Decimal): Decimal {
  if (!value.isFinite()) {
    throw new Error(`customer-metrics: internal error, non-finite result ${value.toString()}`);
  }
  return value.isZero() && value.isNegative() ? ZERO : value;
}

/** A float64 result of a numeric routine, as a clean Decimal. */
export function fromFloat(value: number): Decimal {
  if (!Number.isFinite(value)) {
    throw new Error(`customer-metrics: internal error, non-finite result ${value}`);
  }
  return value === 0 ? ZERO : new Decimal(value);
}
