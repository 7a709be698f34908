import { expect } from "vitest";
import { MetricInputError } from "../../../src/index.js";

/** Run `run` and check that it throws a MetricInputError with this code and field. */
export function expectError(run: () => unknown, code: string, field: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricInputError);
  expect((caught as MetricInputError).code).toBe(code);
  expect((caught as MetricInputError).field).toBe(field);
}
