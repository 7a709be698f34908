/** Bound parameters of a query being built: each value gets the dialect's placeholder. */
import type { Dialect, ParameterType } from "./dialects/index.js";

export class Parameters {
  readonly values: unknown[] = [];
  readonly #dialect: Dialect;

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** The placeholder binding `value` (a new parameter at each call, as `?` requires). */
  add(value: string | number, type: ParameterType): string {
    this.values.push(value);
    return this.#dialect.parameter(this.values.length, type);
  }
}
