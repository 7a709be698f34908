// Small assertions shared by the test files.
import { MetricInputError } from "../src/index.js";

/** The code of the MetricInputError `f` throws, or `undefined` when it returns. */
export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    if (error instanceof MetricInputError) return error.code;
    throw error;
  }
  return undefined;
}

/** `'<code> <field>'` of the MetricInputError `f` throws, or `'no error'`. */
export function codeAndFieldOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof MetricInputError) return `${error.code} ${error.field}`;
    throw error;
  }
  return "no error";
}

/** The MetricInputError `f` throws; any other outcome fails the test. */
export function metricErrorOf(f: () => unknown): MetricInputError {
  try {
    f();
  } catch (error) {
    if (error instanceof MetricInputError) return error;
    throw error;
  }
  throw new Error("expected a MetricInputError");
}

/** How a test stream sends one part of a log: a row per item, an array of rows, or columns. */
export type StreamForm = "row" | "array" | "columns" | "typed";

/**
 * The log cut at `cuts`, each part sent as `forms[k]` (cycling through `forms`); a part sent
 * as `"columns"` or `"typed"` becomes `columns(part, form)`.
 */
export function streamItems<E>(
  log: readonly E[],
  cuts: readonly number[],
  forms: readonly StreamForm[],
  columns: (part: E[], form: StreamForm) => unknown,
): unknown[] {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, log.length)), log.length])].sort(
    (x, y) => x - y,
  );
  const items: unknown[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const part = log.slice(bounds[k], bounds[k + 1]);
    const form = forms[k % forms.length] ?? "array";
    if (form === "array") items.push(part);
    else if (form === "row") items.push(...part);
    else items.push(columns(part, form));
  }
  return items;
}

/** `items` as an async stream. */
export async function* stream(items: readonly unknown[]): AsyncGenerator<unknown> {
  for (const item of items) yield item;
}

/**
 * What `run` gives, as a string to compare: its result as JSON, or the MetricInputError's
 * code, field and message with the function's name (matched by `fn`) taken off.
 */
export async function outcomeOf(run: () => unknown, fn: RegExp): Promise<string> {
  try {
    return JSON.stringify(await run());
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error;
    return `${error.code} ${error.field} ${error.message.replace(fn, "")}`;
  }
}
