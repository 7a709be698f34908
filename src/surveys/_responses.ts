/**
 * Internal readers shared by the survey metrics: answer lists, answer counts and scales.
 */
import { count, fail, toDecimal } from "../_lib/assert.js";
import { type Decimal, ZERO } from "../_lib/decimal.js";
import type { Numeric } from "../types.js";

/**
 * The answer scale of a survey question: whole numbers from `min` to `max` inclusive.
 *
 * @category Surveys
 */
export interface SurveyScale {
  /** The lowest answer (for example 1 on a 1–5 scale, 0 on a 0–10 scale). */
  min: number;
  /** The highest answer. */
  max: number;
}

/**
 * Survey answers: a list of scores (any iterable except a string, `Set` or `Map`), or an
 * object counting the answers per score (`{ 5: 10, 4: 20, 3: 10 }`).
 *
 * @category Surveys
 */
export type SurveyResponses = Iterable<Numeric> | Readonly<Record<number, Numeric>>;

/** A validated scale. */
export interface Scale {
  readonly min: number;
  readonly max: number;
}

/** Longest scale accepted (points minus one), to keep tallies small. */
const MAX_SPAN = 100;

function scaleEnd(value: unknown, fn: string, field: string): number {
  const d = toDecimal(value, fn, field);
  if (!d.isInteger()) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  if (d.abs().gt(1000)) fail(fn, field, "OUT_OF_RANGE", "must be between -1000 and 1000", value);
  return d.toNumber();
}

/** Read the `scale` option: `{ min, max }` whole numbers, max > min, at most 101 points. */
export function readScale(value: unknown, fallback: Scale, fn: string): Scale {
  if (value === undefined) return fallback;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(fn, "scale", "INVALID_OPTION", "must be an object { min, max }", value);
  }
  const raw = value as Record<string, unknown>;
  const min = scaleEnd(raw.min, fn, "scale.min");
  const max = scaleEnd(raw.max, fn, "scale.max");
  if (max <= min) {
    fail(fn, "scale", "INVALID_OPTION", `must have max greater than min (min ${min})`, raw.max);
  }
  if (max - min > MAX_SPAN) {
    fail(fn, "scale", "INVALID_OPTION", `must span at most ${MAX_SPAN + 1} points`, raw.max);
  }
  return { min, max };
}

/** A whole-number point on the scale (a threshold option). */
export function readPoint(value: unknown, scale: Scale, fn: string, field: string): number {
  const d = toDecimal(value, fn, field);
  if (!d.isInteger()) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  if (d.lt(scale.min) || d.gt(scale.max)) {
    fail(fn, field, "OUT_OF_RANGE", `must be between ${scale.min} and ${scale.max}`, value);
  }
  return d.toNumber();
}

/** Whether a value is a list of answers (any non-string iterable). */
export function isAnswerList(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** Check one answer: a whole number on the scale. */
const SMALL_INTEGER = /^\s*[+-]?\d{1,4}\s*$/;

function answer(value: unknown, scale: Scale, fn: string, field: string): number {
  // Fast paths for whole numbers and for answers exported as text ("9"); same results as
  // the Decimal path below.
  const quick =
    typeof value === "number" && Number.isInteger(value)
      ? value
      : typeof value === "string" && SMALL_INTEGER.test(value)
        ? Number(value)
        : undefined;
  if (quick !== undefined) {
    if (quick < scale.min || quick > scale.max) {
      fail(fn, field, "OUT_OF_RANGE", `must be between ${scale.min} and ${scale.max}`, value);
    }
    return quick === 0 ? 0 : quick;
  }
  const d = toDecimal(value, fn, field);
  if (!d.isInteger()) fail(fn, field, "NOT_INTEGER", "must be a whole number", value);
  if (d.lt(scale.min) || d.gt(scale.max)) {
    fail(fn, field, "OUT_OF_RANGE", `must be between ${scale.min} and ${scale.max}`, value);
  }
  return d.toNumber();
}

/**
 * Tally a list of answers: `tally[k]` counts the answers equal to `scale.min + k`.
 * Sets and Maps are refused (a Set silently drops repeated answers).
 */
export function tallyList(values: Iterable<unknown>, scale: Scale, fn: string): Decimal[] {
  if (values instanceof Set || values instanceof Map) {
    fail(
      fn,
      "scores",
      "NOT_A_NUMBER",
      "must be a list of answers, not a Set or Map (a Set drops repeated answers)",
      values,
    );
  }
  const tally = new Array<number>(scale.max - scale.min + 1).fill(0);
  let index = 0;
  for (const value of values) {
    const point = answer(value, scale, fn, `scores[${index}]`);
    tally[point - scale.min] = (tally[point - scale.min] ?? 0) + 1;
    index += 1;
  }
  if (index === 0) fail(fn, "scores", "EMPTY", "must contain at least one answer", values);
  return tally.map((n) => (n === 0 ? ZERO : toDecimal(n, fn, "scores")));
}

/** Tally an object of counts per answer (`{ 5: 10, 4: 20 }`); missing answers count 0. */
export function tallyCounts(
  counts: Readonly<Record<string, unknown>>,
  scale: Scale,
  fn: string,
): Decimal[] {
  const tally = new Array<Decimal>(scale.max - scale.min + 1).fill(ZERO);
  let total = ZERO;
  for (const key of Object.keys(counts)) {
    const field = `counts[${key}]`;
    const point = answer(key, scale, fn, field);
    const n = count(counts[key], fn, field);
    tally[point - scale.min] = (tally[point - scale.min] ?? ZERO).plus(n);
    total = total.plus(n);
  }
  if (total.isZero()) fail(fn, "counts", "EMPTY", "must count at least one answer", counts);
  return tally;
}

/** Tally answers given either as a list or as counts per answer. */
export function tally(responses: unknown, scale: Scale, fn: string): Decimal[] {
  if (isAnswerList(responses)) return tallyList(responses, scale, fn);
  if (responses === null || typeof responses !== "object") {
    return fail(
      fn,
      "scores",
      "NOT_A_NUMBER",
      "must be a list of scores or an object of counts per score",
      responses,
    );
  }
  return tallyCounts(responses as Record<string, unknown>, scale, fn);
}

/** Sum of a tally and the sum of value × count. */
export function totals(tally: readonly Decimal[], scale: Scale): { n: Decimal; sum: Decimal } {
  let n = ZERO;
  let sum = ZERO;
  tally.forEach((c, k) => {
    n = n.plus(c);
    sum = sum.plus(c.times(scale.min + k));
  });
  return { n, sum };
}
