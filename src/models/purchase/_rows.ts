/**
 * Validation of summary rows (frequency, recency, T, weight) into float arrays, with
 * identical rows merged into weights so that a likelihood evaluation touches each distinct
 * (x, t_x, T) once.
 */
import { count, describe, fail, isPlainDecimal, nonNegative, record } from "../../_lib/assert.js";
import { MetricInputError } from "../../errors.js";
import type { Period } from "../../types.js";
import { UNITS } from "./_units.js";

/**
 * A non-negative float read from a Numeric; fast paths for plain numbers and for the library's
 * own well-formed Decimals ({@link isPlainDecimal}), everything else through the shared
 * conversion (an object that only claims to be a Decimal is NOT_A_NUMBER, a non-zero magnitude
 * below 5e-324 OUT_OF_RANGE).
 */
export function nonNegativeFloat(value: unknown, fn: string, field: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value + 0;
  if (isPlainDecimal(value) && !value.isNegative()) return value.toNumber();
  return withinFloat(nonNegative(value, fn, field).toNumber(), value, fn, field);
}

/** A value beyond the float64 range (a Decimal or string above 1.8e308) is OUT_OF_RANGE. */
function withinFloat(v: number, value: unknown, fn: string, field: string): number {
  if (!Number.isFinite(v)) {
    fail(fn, field, "OUT_OF_RANGE", "must be within the float64 range (1.8e308)", value);
  }
  return v;
}

/** A non-negative integer count as a float; the fast path for plain numbers. */
export function countFloat(value: unknown, fn: string, field: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value + 0;
  if (isPlainDecimal(value) && !value.isNegative() && value.isInteger()) return value.toNumber();
  return withinFloat(count(value, fn, field).toNumber(), value, fn, field);
}

/** One customer's (x, t_x, T), validated. */
export interface History {
  x: number;
  tx: number;
  T: number;
}

/** Read `{ frequency, recency, T }` with the model rules (recency ≤ T, x = 0 ⇒ recency = 0). */
export function readHistory(value: unknown, fn: string, field: string): History {
  const row = record<Record<string, unknown>>(value, fn, field);
  const x = countFloat(row.frequency, fn, `${field}.frequency`);
  const tx = nonNegativeFloat(row.recency, fn, `${field}.recency`);
  const T = nonNegativeFloat(row.T, fn, `${field}.T`);
  if (tx > T) {
    fail(fn, `${field}.recency`, "INCONSISTENT", `must not exceed T (${T})`, row.recency);
  }
  if (x === 0 && tx > 0) {
    fail(
      fn,
      `${field}.recency`,
      "INCONSISTENT",
      "must be 0 when frequency is 0 (recency is the time of the last repeat purchase)",
      row.recency,
    );
  }
  return { x, tx, T };
}

/** Distinct rows with their summed weights, as parallel arrays. */
export interface WeightedRows {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Σ weights (the number of customers). */
  total: number;
  /** The time unit the rows are measured in. */
  unit: Period;
}

/**
 * Run `check` on a summary row; an error it throws about one of the row's fields (`field.x`)
 * names the row's customer too, when the row has a `customerId` (a row of
 * `summarizeTransactions`): `summary[3].monetaryValue of customer "c042" must be …`.
 */
export function namingCustomer<T>(row: unknown, field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const id =
      row !== null && typeof row === "object"
        ? (row as { customerId?: unknown }).customerId
        : undefined;
    if (
      !(error instanceof MetricInputError) ||
      id === undefined ||
      error.field === undefined ||
      !error.field.startsWith(`${field}.`)
    ) {
      throw error;
    }
    const at = error.message.indexOf(`${error.field} `);
    // an error named by an inner call already names the customer
    if (at < 0 || error.message.startsWith(" of customer ", at + error.field.length)) throw error;
    const end = at + error.field.length;
    throw new MetricInputError(
      error.code,
      `${error.message.slice(0, end)} of customer ${describe(id)}${error.message.slice(end)}`,
      error.field,
      error.value,
    );
  }
}

/** Iterate an array-like or iterable of rows; anything else is rejected. */
export function rowList(value: unknown, fn: string, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function"
  ) {
    return Array.from(value as Iterable<unknown>);
  }
  return fail(fn, field, "NOT_A_NUMBER", "must be an array or iterable of rows", value);
}

/** Resolve the unit from the rows' `unit` fields and the `unit` option; one of them is required. */
export function resolveUnit(rowUnit: unknown, optionUnit: unknown, fn: string): Period {
  if (optionUnit !== undefined && !(UNITS as readonly unknown[]).includes(optionUnit)) {
    fail(
      fn,
      "options.unit",
      "INVALID_OPTION",
      `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
      optionUnit,
    );
  }
  if (rowUnit !== undefined && optionUnit !== undefined && rowUnit !== optionUnit) {
    fail(
      fn,
      "options.unit",
      "INCONSISTENT",
      `must match the unit the summary was made in (${String(rowUnit)})`,
      optionUnit,
    );
  }
  const unit = optionUnit ?? rowUnit;
  if (unit === undefined) {
    fail(
      fn,
      "options.unit",
      "INVALID_OPTION",
      "is required when the summary rows carry no unit (the time unit of recency and T)",
      unit,
    );
  }
  return unit as Period;
}

/** Validate summary rows and merge identical (x, t_x, T) into weights. */
export function readSummary(
  value: unknown,
  fn: string,
  optionUnit: unknown,
  field = "summary",
): WeightedRows {
  const rows = rowList(value, fn, field);
  if (rows.length === 0) fail(fn, field, "EMPTY", "must contain at least one customer", value);
  const index = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  let rowUnit: unknown;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const name = `${field}[${i}]`;
    const h = readHistory(rows[i], fn, name);
    const row = rows[i] as Record<string, unknown>;
    const weight =
      row.weight === undefined ? 1 : nonNegativeFloat(row.weight, fn, `${name}.weight`);
    if (row.unit !== undefined) {
      if (!(UNITS as readonly unknown[]).includes(row.unit)) {
        fail(
          fn,
          `${name}.unit`,
          "INVALID_OPTION",
          `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
          row.unit,
        );
      }
      if (rowUnit !== undefined && row.unit !== rowUnit) {
        fail(
          fn,
          `${name}.unit`,
          "INCONSISTENT",
          `must match the other rows (${String(rowUnit)})`,
          row.unit,
        );
      }
      rowUnit = row.unit;
    }
    if (weight === 0) continue;
    total += weight;
    if (total === Number.POSITIVE_INFINITY) {
      fail(
        fn,
        `${name}.weight`,
        "OUT_OF_RANGE",
        "takes the sum of the weights beyond the float64 range (1.8e308)",
        row.weight,
      );
    }
    const key = `${h.x} ${h.tx} ${h.T}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, xs.length);
      xs.push(h.x);
      txs.push(h.tx);
      Ts.push(h.T);
      ws.push(weight);
    } else {
      ws[at] = (ws[at] as number) + weight;
    }
  }
  const unit = resolveUnit(rowUnit, optionUnit, fn);
  if (total === 0) fail(fn, field, "EMPTY", "must contain a row with a weight above 0", value);
  return {
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    w: Float64Array.from(ws),
    total,
    unit,
  };
}

/** The weighted mean age, the scale of α in the data's unit. */
export function meanAge(d: WeightedRows): number {
  let sum = 0;
  for (let i = 0; i < d.T.length; i++) sum += (d.w[i] as number) * (d.T[i] as number);
  const mean = sum / d.total;
  return mean > 0 ? mean : 1;
}
