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
 * Thrown for every input a metric cannot compute a meaningful number from.
 *
 * @remarks
 * Extends `RangeError`, so `catch (e) { if (e instanceof RangeError) … }` also works.
 * The message reads `"<function>: <field> <requirement> (received <value>)"`, for example
 * `churnRate: start must be greater than 0 (received 0)`.
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
  readonly code: MetricInputErrorCode;
  /** The name of the offending parameter or field (`'start'`, `'scores[3]'`, `'events[12].at'`). */
  readonly field: string;
  /** The offending value as it was received. */
  readonly value: unknown;

  constructor(code: MetricInputErrorCode, message: string, field: string, value: unknown) {
    super(message);
    this.name = "MetricInputError";
    this.code = code;
    this.field = field;
    this.value = value;
  }
}
