/**
 * Predictions for a whole summary at once: the rows (or columns) validated into typed arrays,
 * identical (x, t_x, T) computed once, results as a Float64Array or as Decimals, and the
 * ranking of customers by a prediction.
 */
import { fail, intNumber, option, record, toDecimal } from "../../_lib/assert.js";
import { type Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import { discountedPurchases, readLifetimeValuePlan } from "./_lifetimeValue.js";
import { PatternTable } from "./_patterns.js";
import { countFloat, namingCustomer, nonNegativeFloat, rowList } from "./_rows.js";
import type { PredictionMatrix, RankedCustomer } from "./types.js";

/** A summary read for a batch: per row x, t_x, T (and z̄ when asked), ids, field names. */
export interface BatchRows {
  readonly n: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean repeat spend, when read. */
  readonly m: Float64Array | undefined;
  /** The `customerId` of each row, `null` where there is none. */
  id(i: number): unknown;
  /** The field of row i: `summary[3]` or `summary.frequency[3]` style. */
  field(i: number, name: string): string;
  /** The name of row i itself. */
  row(i: number): string;
}

/** A finite number ≥ 0 (the fast path). */
function plain(v: unknown): v is number {
  return typeof v === "number" && v >= 0 && v <= Number.MAX_VALUE;
}

/** The checks of one history on numbers (recency ≤ T; frequency 0 ⇒ recency 0). */
function checkHistory(
  x: number,
  tx: number,
  T: number,
  raw: unknown,
  fn: string,
  field: string,
): void {
  if (tx > T) fail(fn, field, "INCONSISTENT", `must not exceed T (${T})`, raw);
  if (x === 0 && tx > 0) {
    fail(
      fn,
      field,
      "INCONSISTENT",
      "must be 0 when frequency is 0 (recency is the time of the last repeat purchase)",
      raw,
    );
  }
}

/** Whether the value is a columns object: not iterable, with array-like `frequency`. */
function isColumns(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === "function") return false;
  const f = (value as { frequency?: unknown }).frequency;
  return (
    f !== null && typeof f === "object" && typeof (f as ArrayLike<unknown>).length === "number"
  );
}

/**
 * Read a summary for a batch: rows `{ frequency, recency, T, monetaryValue?, customerId? }` or
 * columns `{ frequency, recency, T, monetaryValue?, customerId? }` of equal length (arrays or
 * typed arrays). `spend` reads `monetaryValue` too; `history` false reads frequency and spend
 * only (the Gamma-Gamma model).
 */
export function readBatch(
  summary: unknown,
  fn: string,
  needs: { history: boolean; spend: boolean },
): BatchRows {
  if (isColumns(summary)) return readColumns(summary, fn, needs);
  const rows = rowList(summary, fn, "summary");
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(needs.history ? n : 0);
  const T = new Float64Array(needs.history ? n : 0);
  const m = needs.spend ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Record<string, unknown> | null | undefined;
    const f = row !== null && typeof row === "object" ? row.frequency : undefined;
    const r = needs.history ? row?.recency : 0;
    const age = needs.history ? row?.T : 0;
    const mv = needs.spend ? row?.monetaryValue : 0;
    if (
      plain(f) &&
      Number.isInteger(f) &&
      plain(r) &&
      plain(age) &&
      r <= age &&
      (f > 0 || r === 0) &&
      plain(mv)
    ) {
      x[i] = f + 0;
      if (needs.history) {
        tx[i] = r + 0;
        T[i] = age + 0;
      }
      if (m !== undefined) m[i] = mv + 0;
      continue;
    }
    const name = `summary[${i}]`;
    const o = record<Record<string, unknown>>(row, fn, name);
    namingCustomer(o, name, () => {
      x[i] = countFloat(o.frequency, fn, `${name}.frequency`);
      if (needs.history) {
        tx[i] = nonNegativeFloat(o.recency, fn, `${name}.recency`);
        T[i] = nonNegativeFloat(o.T, fn, `${name}.T`);
        checkHistory(
          x[i] as number,
          tx[i] as number,
          T[i] as number,
          o.recency,
          fn,
          `${name}.recency`,
        );
      }
      if (m !== undefined) m[i] = nonNegativeFloat(o.monetaryValue, fn, `${name}.monetaryValue`);
    });
  }
  return {
    n,
    x,
    tx,
    T,
    m,
    id: (i) => {
      const row = rows[i];
      const id =
        row !== null && typeof row === "object"
          ? (row as { customerId?: unknown }).customerId
          : undefined;
      return id === undefined ? null : id;
    },
    field: (i, name) => `summary[${i}].${name}`,
    row: (i) => `summary[${i}]`,
  };
}

function readColumns(
  c: Record<string, unknown>,
  fn: string,
  needs: { history: boolean; spend: boolean },
): BatchRows {
  const names = [
    "frequency",
    ...(needs.history ? ["recency", "T"] : []),
    ...(needs.spend ? ["monetaryValue"] : []),
  ];
  const columns: Record<string, ArrayLike<unknown>> = {};
  const n = (c.frequency as ArrayLike<unknown>).length;
  for (const name of [...names, ...(c.customerId === undefined ? [] : ["customerId"])]) {
    const col = c[name];
    if (
      col === null ||
      typeof col !== "object" ||
      typeof (col as ArrayLike<unknown>).length !== "number"
    ) {
      fail(
        fn,
        `summary.${name}`,
        "INVALID_OPTION",
        "must be an array or typed array (a column)",
        col,
      );
    }
    if ((col as ArrayLike<unknown>).length !== n) {
      fail(
        fn,
        `summary.${name}`,
        "INCONSISTENT",
        `must have as many entries as summary.frequency (${n})`,
        (col as ArrayLike<unknown>).length,
      );
    }
    columns[name] = col as ArrayLike<unknown>;
  }
  const x = new Float64Array(n);
  const tx = new Float64Array(needs.history ? n : 0);
  const T = new Float64Array(needs.history ? n : 0);
  const m = needs.spend ? new Float64Array(n) : undefined;
  const fc = columns.frequency as ArrayLike<unknown>;
  const rc = columns.recency;
  const Tc = columns.T;
  const mc = columns.monetaryValue;
  const ids = columns.customerId;
  for (let i = 0; i < n; i++) {
    const f = fc[i];
    x[i] = plain(f) && Number.isInteger(f) ? f + 0 : countFloat(f, fn, `summary.frequency[${i}]`);
    if (rc !== undefined && Tc !== undefined) {
      const r = rc[i];
      const age = Tc[i];
      tx[i] = plain(r) ? r + 0 : nonNegativeFloat(r, fn, `summary.recency[${i}]`);
      T[i] = plain(age) ? age + 0 : nonNegativeFloat(age, fn, `summary.T[${i}]`);
      checkHistory(x[i] as number, tx[i] as number, T[i] as number, r, fn, `summary.recency[${i}]`);
    }
    if (m !== undefined && mc !== undefined) {
      const v = mc[i];
      m[i] = plain(v) ? v + 0 : nonNegativeFloat(v, fn, `summary.monetaryValue[${i}]`);
    }
  }
  return {
    n,
    x,
    tx,
    T,
    m,
    id: (i) => (ids === undefined ? null : (ids[i] ?? null)),
    field: (i, name) => `summary.${name}[${i}]`,
    row: (i) => `summary.frequency[${i}]`,
  };
}

/** The float routines a batch of purchase predictions needs. */
export interface BatchMath {
  conditional(x: number, tx: number, T: number, t: number): number;
  alive(x: number, tx: number, T: number): number;
}

/** `{ as: 'float' | 'decimal' }`, default 'float'. */
export function outputForm(value: unknown, fn: string, field: string): "float" | "decimal" {
  return option(value, ["float", "decimal"] as const, "float", fn, field);
}

/**
 * A purchase-model prediction for every row of `summary` (see {@link PurchasePrediction}), as
 * floats; identical (x, t_x, T) are computed once. A value beyond the float64 range is
 * OUT_OF_RANGE naming its row.
 */
export function predictPurchases(
  summary: unknown,
  prediction: unknown,
  unit: Period,
  math: BatchMath,
  fn: string,
  readTime: (value: unknown, field: string) => number,
  label = "prediction",
): { values: Float64Array; rows: BatchRows } {
  const o = record<Record<string, unknown>>(prediction, fn, label);
  if (o.what === undefined) {
    fail(
      fn,
      `${label}.what`,
      "INVALID_OPTION",
      'is required: "conditionalExpectedPurchases", "probabilityAlive" or "customerLifetimeValue"',
      o.what,
    );
  }
  const what = option(
    o.what,
    ["conditionalExpectedPurchases", "probabilityAlive", "customerLifetimeValue"] as const,
    "conditionalExpectedPurchases",
    fn,
    `${label}.what`,
  );
  // Options first, so that a bad option is reported before any row is read.
  let perPattern: (x: number, tx: number, T: number) => number;
  let plan: ReturnType<typeof readLifetimeValuePlan> | undefined;
  if (what === "conditionalExpectedPurchases") {
    const t = readTime(o.horizon, `${label}.horizon`);
    perPattern = (x, tx, T) => math.conditional(x, tx, T, t);
  } else if (what === "probabilityAlive") {
    const at = o.at === undefined ? 0 : readTime(o.at, `${label}.at`);
    perPattern = (x, tx, T) => math.alive(x, tx, T + at);
  } else {
    const p = readLifetimeValuePlan(o, unit, fn, `${label}.`);
    plan = p;
    perPattern = (x, tx, T) => discountedPurchases(p, (t) => math.conditional(x, tx, T, t));
  }
  const rows = readBatch(summary, fn, { history: true, spend: plan !== undefined });
  const n = rows.n;
  // Identical (x, t_x, T) once.
  const table = new PatternTable(3, Math.min(n, 1 << 22));
  const pattern = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pattern[i] = table.add(rows.x[i] as number, rows.tx[i] as number, rows.T[i] as number);
  }
  const distinct = new Float64Array(table.size);
  for (let k = 0; k < table.size; k++) {
    distinct[k] = perPattern(table.a[k] as number, table.b[k] as number, table.c[k] as number);
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = distinct[pattern[i] as number] as number;
  if (plan !== undefined) {
    const spendModel = plan.spendModel;
    const m = rows.m as Float64Array;
    for (let i = 0; i < n; i++) {
      const spend = toDecimal(
        spendModel.conditionalExpectedSpend({ frequency: rows.x[i], monetaryValue: m[i] }),
        fn,
        `${label}.spendModel.conditionalExpectedSpend`,
      ).toNumber();
      values[i] = plan.margin * spend * (values[i] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i] as number)) {
      fail(
        fn,
        rows.row(i),
        "OUT_OF_RANGE",
        "gives a prediction beyond the float64 range (1.8e308)",
        rows.x[i],
      );
    }
  }
  return { values, rows };
}

/** Floats as the exact Decimals the single-customer methods return. */
export function asDecimals(values: Float64Array): readonly Decimal[] {
  const out: Decimal[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fromFloat(values[i] as number);
  return Object.freeze(out);
}

/**
 * The customers of the largest values, largest first (ties by row order), at most `top` of them
 * (default all).
 */
export function rankRows(
  values: Float64Array,
  rows: BatchRows,
  options: unknown,
  fn: string,
): readonly RankedCustomer[] {
  const o = options === undefined ? {} : record<Record<string, unknown>>(options, fn, "options");
  const top = o.top === undefined ? values.length : intNumber(o.top, fn, "options.top", 1);
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((i, j) => (values[j] as number) - (values[i] as number) || i - j);
  const count = Math.min(top, order.length);
  const out: RankedCustomer[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    out[k] = Object.freeze({
      rank: k + 1,
      index: i,
      customerId: rows.id(i),
      value: fromFloat(values[i] as number),
    });
  }
  return Object.freeze(out);
}

/** At most this many cells in a prediction matrix. */
const MAX_CELLS = 1_000_000;

/** A list of grid values, each read by `read`; a non-empty array. */
function gridList(
  value: unknown,
  fn: string,
  field: string,
  read: (v: unknown, f: string) => number,
): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail(fn, field, "INVALID_OPTION", "must be a non-empty array of numbers", value);
  }
  return value.map((v, i) => read(v, `${field}[${i}]`));
}

/**
 * A matrix of a prediction over a frequency × recency grid at age T: `values[i][j]` for
 * `frequency[i]` and `recency[j]`, `null` where no customer has that history (recency above T,
 * or a positive recency with frequency 0).
 */
export function predictionMatrix(
  grid: unknown,
  fn: string,
  cell: (x: number, tx: number, T: number) => number,
): PredictionMatrix {
  const o = record<Record<string, unknown>>(grid, fn, "grid");
  const T = nonNegativeFloat(o.T, fn, "grid.T");
  const frequency =
    o.frequency === undefined
      ? Array.from({ length: 21 }, (_, i) => i)
      : gridList(o.frequency, fn, "grid.frequency", (v, f) => countFloat(v, fn, f));
  let recency: number[];
  if (o.recency === undefined) {
    if (T > MAX_CELLS)
      fail(fn, "grid.T", "OUT_OF_RANGE", `must be at most ${MAX_CELLS} without grid.recency`, o.T);
    recency = Array.from({ length: Math.floor(T) + 1 }, (_, i) => i);
    if (!Number.isInteger(T)) recency.push(T);
  } else {
    recency = gridList(o.recency, fn, "grid.recency", (v, f) => nonNegativeFloat(v, fn, f));
  }
  if (frequency.length * recency.length > MAX_CELLS) {
    fail(
      fn,
      "grid",
      "OUT_OF_RANGE",
      `must have at most ${MAX_CELLS} cells (frequency × recency)`,
      frequency.length * recency.length,
    );
  }
  const values = frequency.map((x) =>
    Object.freeze(
      recency.map((tx) => {
        if (tx > T || (x === 0 && tx > 0)) return null;
        const v = cell(x, tx, T);
        if (!Number.isFinite(v)) {
          fail(
            fn,
            "grid.frequency",
            "OUT_OF_RANGE",
            "gives a prediction beyond the float64 range (1.8e308)",
            x,
          );
        }
        return v + 0;
      }),
    ),
  );
  return Object.freeze({
    T,
    frequency: Object.freeze(frequency),
    recency: Object.freeze(recency),
    values: Object.freeze(values),
  });
}
