/**
 * The codes a {@link MetricInputError} carries.
 *
 * - `NOT_A_NUMBER`: missing, `NaN`, an empty or non-numeric string, a value of the wrong type.
 * - `NOT_FINITE`: `±Infinity`, or a value beyond the float64 range (`'1e400'`).
 * - `NEGATIVE`: a count or amount that cannot be negative.
 * - `NOT_INTEGER`: a count with a fractional part.
 * - `OUT_OF_RANGE`: outside the allowed interval (a fraction above 1, a score off its scale).
 * - `ZERO_DENOMINATOR`: the quantity divided by is zero.
 * - `INCONSISTENT`: inputs contradict each other (more acquired than present at the end).
 * - `INVALID_DATE`: a date that cannot be read.
 * - `EMPTY`: an empty list where at least one item is needed.
 * - `INVALID_OPTION`: an option value outside its allowed set.
 *
 * @category Errors
 */
export type MetricInputErrorCode =
  | "NOT_A_NUMBER"
  | "NOT_FINITE"
  | "NEGATIVE"
  | "NOT_INTEGER"
  | "OUT_OF_RANGE"
  | "ZERO_DENOMINATOR"
  | "INCONSISTENT"
  | "INVALID_DATE"
  | "EMPTY"
  | "INVALID_OPTION";

/**
 * The mark every {@link MetricInputError} carries, shared through the global symbol registry
 * so that the ES module and CommonJS builds (or two copies of the package) recognise each
 * other's errors.
 */
const BRAND: unique symbol = /* @__PURE__ */ Symbol.for("customer-metrics.MetricInputError");

/**
 * Thrown for every input a metric cannot compute a meaningful number from.
 *
 * @remarks
 * Extends `RangeError`, so `catch (e) { if (e instanceof RangeError) … }` also works.
 * The message reads `"<function>: <field> <requirement> (received <value>)"`, for example
 * `churnRate: start must be greater than 0 (received 0)`.
 *
 * `error instanceof MetricInputError` is true for an error thrown by either build of the
 * package: an application that loads both the ES module (`import`) and the CommonJS
 * (`require`) build, directly or through its dependencies, has two copies of this class, and
 * each recognises the other's errors by a mark shared through `Symbol.for`. A subclass keeps
 * the ordinary prototype test. {@link isMetricInputError} is the same test as a type guard.
 *
 * @example
 * ```ts
 * try {
 *   churnRate({ start: 0, lost: 0 })
 * } catch (error) {
 *   if (error instanceof MetricInputError) error.code //=> 'ZERO_DENOMINATOR'
 * }
 * ```
 * @category Errors
 */
export class MetricInputError extends RangeError {
  /** What was wrong, as one of the {@link MetricInputErrorCode} values. */
  declare readonly code: MetricInputErrorCode;
  /** The name of the offending parameter or field (`'start'`, `'scores[3]'`, `'events[12].at'`). */
  declare readonly field: string;
  /** The offending value as it was received. */
  declare readonly value: unknown;

  constructor(code: MetricInputErrorCode, message: string, field: string, value: unknown) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
    this.name = "MetricInputError";
  }

  /** The shared mark (on the prototype, so every instance and subclass instance carries it). */
  get [BRAND](): true {
    return true;
  }

  /**
   * `value instanceof MetricInputError`: true for an error from either build of the package
   * (see the remarks); for a subclass, the ordinary prototype test.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class instanceof was asked about: MetricInputError or a subclass.
    // biome-ignore lint/complexity/noThisInStatic: a subclass inherits this method
    if (this === MetricInputError && isMetricInputError(value)) return true;
    // The ordinary test (prototype chain), which this method replaces.
    // biome-ignore lint/complexity/noThisInStatic: a subclass inherits this method
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * Whether a value is a {@link MetricInputError}, from this copy of the package or another
 * (its ES module and CommonJS builds each have their own class).
 *
 * @remarks
 * Recognises the mark every `MetricInputError` carries (a getter on its prototype, keyed by
 * `Symbol.for('customer-metrics.MetricInputError')`), so it is the same test as
 * `instanceof MetricInputError`, written as a type guard that also narrows `unknown` in a
 * `catch` clause.
 *
 * @example
 * ```ts
 * try {
 *   netPromoterScore([])
 * } catch (error) {
 *   if (isMetricInputError(error)) error.code //=> 'EMPTY'
 * }
 * ```
 * @category Errors
 */
export function isMetricInputError(value: unknown): value is MetricInputError {
  return (
    typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true
  );
}
