/**
 * Validation of summary rows (frequency, recency, T, weight) into float arrays, with
 * identical rows merged into weights so that a likelihood evaluation touches each distinct
 * (x, t_x, T) once.
 */
import { count, describe, fail, isPlainDecimal, nonNegative, record } from "../../_lib/assert.js";
import { MetricInputError } from "../../errors.js";
import type { Period } from "../../types.js";
import { GrowingArray, PatternTable } from "./_patterns.js";
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

/** A finite number ≥ 0 (the fast path of the row readers; anything else is read in full). */
function plainNonNegative(v: unknown): v is number {
  return typeof v === "number" && v >= 0 && v <= Number.MAX_VALUE;
}

/**
 * Validate summary rows and merge identical (x, t_x, T) into weights. Rows of plain numbers
 * take a fast path without allocations; any other row is read by {@link readHistory} and the
 * shared validators (which also name the field of a bad value).
 */
export function readSummary(
  value: unknown,
  fn: string,
  optionUnit: unknown,
  field = "summary",
): WeightedRows {
  const rows = rowList(value, fn, field);
  if (rows.length === 0) fail(fn, field, "EMPTY", "must contain at least one customer", value);
  const table = new PatternTable(3, Math.min(rows.length, 1 << 22));
  const ws = new GrowingArray(Math.min(rows.length, 1 << 22));
  let rowUnit: unknown;
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown> | null | undefined;
    let x: number;
    let tx: number;
    let T: number;
    let weight: number;
    const f = row !== null && typeof row === "object" ? row.frequency : undefined;
    const r = row?.recency;
    const age = row?.T;
    const rw = row?.weight;
    const ru = row?.unit;
    if (
      plainNonNegative(f) &&
      Number.isInteger(f) &&
      plainNonNegative(r) &&
      plainNonNegative(age) &&
      r <= age &&
      (f > 0 || r === 0) &&
      (rw === undefined || plainNonNegative(rw)) &&
      (ru === undefined || (rowUnit !== undefined && ru === rowUnit))
    ) {
      x = f;
      tx = r;
      T = age;
      weight = rw === undefined ? 1 : rw;
    } else {
      const name = `${field}[${i}]`;
      const h = readHistory(row, fn, name);
      const o = row as Record<string, unknown>;
      x = h.x;
      tx = h.tx;
      T = h.T;
      weight = o.weight === undefined ? 1 : nonNegativeFloat(o.weight, fn, `${name}.weight`);
      if (o.unit !== undefined) {
        if (!(UNITS as readonly unknown[]).includes(o.unit)) {
          fail(
            fn,
            `${name}.unit`,
            "INVALID_OPTION",
            `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
            o.unit,
          );
        }
        if (rowUnit !== undefined && o.unit !== rowUnit) {
          fail(
            fn,
            `${name}.unit`,
            "INCONSISTENT",
            `must match the other rows (${String(rowUnit)})`,
            o.unit,
          );
        }
        rowUnit = o.unit;
      }
    }
    if (weight === 0) continue;
    total += weight;
    if (total === Number.POSITIVE_INFINITY) {
      fail(
        fn,
        `${field}[${i}].weight`,
        "OUT_OF_RANGE",
        "takes the sum of the weights beyond the float64 range (1.8e308)",
        (row as Record<string, unknown>).weight,
      );
    }
    const at = table.add(x, tx, T);
    if (at === ws.length) ws.push(weight);
    else ws.data[at] = (ws.data[at] as number) + weight;
  }
  const unit = resolveUnit(rowUnit, optionUnit, fn);
  if (total === 0) fail(fn, field, "EMPTY", "must contain a row with a weight above 0", value);
  return inPatternOrder(
    table.values("a"),
    table.values("b"),
    table.values("c"),
    ws.values(),
    total,
    unit,
  );
}

/**
 * The distinct rows sorted by (x, t_x, T): a fit then reads the same rows in the same order
 * however the customers were ordered (or compressed), so it gives the same estimates to the
 * last digit.
 */
function inPatternOrder(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array,
  total: number,
  unit: Period,
): WeightedRows {
  const n = x.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && comparePatterns(x, tx, T, i - 1, i) > 0) sorted = false;
  }
  if (sorted) return { x, tx, T, w, total, unit };
  order.sort((i, j) => comparePatterns(x, tx, T, i, j));
  const sx = new Float64Array(n);
  const stx = new Float64Array(n);
  const sT = new Float64Array(n);
  const sw = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    sx[k] = x[i] as number;
    stx[k] = tx[i] as number;
    sT[k] = T[i] as number;
    sw[k] = w[i] as number;
  }
  return { x: sx, tx: stx, T: sT, w: sw, total, unit };
}

function comparePatterns(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  i: number,
  j: number,
): number {
  return (
    (x[i] as number) - (x[j] as number) ||
    (tx[i] as number) - (tx[j] as number) ||
    (T[i] as number) - (T[j] as number)
  );
}

/**
 * The weighted mean age, the scale of α in the data's unit, within [1e-6, 1e6]: a start for
 * α of mean / 8 then stays inside the optimiser's bounds (ages of 1e-12 of a unit gave a start
 * below them, where every likelihood evaluation failed).
 */
export function meanAge(d: WeightedRows): number {
  let sum = 0;
  for (let i = 0; i < d.T.length; i++) sum += (d.w[i] as number) * (d.T[i] as number);
  const mean = sum / d.total;
  return mean > 0 ? Math.min(Math.max(mean, 1e-6), 1e6) : 1;
}
