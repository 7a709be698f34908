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
