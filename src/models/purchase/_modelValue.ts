/**
 * Models as values: parameter tables, and the versioned JSON document of a purchase or spend
 * model with its validation.
 */
import { fail, isPlainDecimal, positive, record } from "../../_lib/assert.js";
import { Decimal, fromFloat } from "../../_lib/decimal.js";
import type { Period } from "../../types.js";
import { UNITS } from "./_units.js";
import type { ModelJSON, ModelKind, ModelParameterRow } from "./types.js";

/** The `format` of every model document. */
export const MODEL_FORMAT = "customer-metrics/model";
/** The document version written today. */
export const MODEL_VERSION = 1;

/** z of the two-sided 95 % normal interval, Φ⁻¹(0.975). */
const Z95 = 1.959963984540054;

/** What a fit adds to a model: absent (`null`) on a model built from parameters. */
export interface FitInfo<P extends string> {
  readonly logLikelihood: Decimal;
  readonly standardErrors: Readonly<Record<P, Decimal | null>>;
  readonly converged: boolean;
  readonly iterations: number;
  readonly customers: number;
  /** The `penalizer` coefficient of the fit; `null` for an unpenalized one. */
  readonly penalizer: Decimal | null;
}

/**
 * The parameter table: estimate, standard error and the 95 % Wald interval on the log scale,
 * exp(ln θ ± 1.96 · se/θ) (the delta method: se(ln θ) = se(θ)/θ), which stays positive.
 */
export function parameterRows<P extends string>(
  names: readonly P[],
  params: Readonly<Record<P, Decimal>>,
  standardErrors: Readonly<Record<P, Decimal | null>> | null,
): readonly ModelParameterRow<P>[] {
  return Object.freeze(
    names.map((name) => {
      const estimate = params[name];
      const se = standardErrors?.[name] ?? null;
      let lower: Decimal | null = null;
      let upper: Decimal | null = null;
      if (se !== null) {
        const spread = Z95 * se.div(estimate).toNumber();
        if (Number.isFinite(spread)) {
          lower = estimate.times(fromFloat(Math.exp(-spread))).toSignificantDigits(17);
          const up = Math.exp(spread);
          upper = Number.isFinite(up)
            ? estimate.times(fromFloat(up)).toSignificantDigits(17)
            : null;
        }
      }
      return Object.freeze({ name, estimate, standardError: se, lower, upper });
    }),
  );
}

/** Positive parameters read for `fromParams`: exact Decimals and their floats. */
export function readParams<P extends string>(
  value: unknown,
  names: readonly P[],
  fn: string,
  field = "params",
): { params: Readonly<Record<P, Decimal>>; values: Float64Array } {
  const o = record<Record<string, unknown>>(value, fn, field);
  for (const key of Object.keys(o)) {
    if (!(names as readonly string[]).includes(key)) {
      fail(
        fn,
        `${field}.${key}`,
        "INVALID_OPTION",
        `is not a parameter (${names.join(", ")})`,
        o[key],
      );
    }
  }
  const params = {} as Record<P, Decimal>;
  const values = new Float64Array(names.length);
  names.forEach((name, i) => {
    const f = `${field}.${name}`;
    if (o[name] === undefined) fail(fn, f, "INVALID_OPTION", "is required", o[name]);
    const d = positive(o[name], fn, f);
    const v = d.toNumber();
    if (!Number.isFinite(v) || v === 0) {
      fail(fn, f, "OUT_OF_RANGE", "must be within the float64 range (5e-324 to 1.8e308)", o[name]);
    }
    params[name] = d;
    values[i] = v;
  });
  return { params: Object.freeze(params), values };
}

/** The document of a model. */
export function modelDocument<P extends string>(
  model: ModelKind,
  names: readonly P[],
  params: Readonly<Record<P, Decimal>>,
  unit: Period | undefined,
  fit: FitInfo<P> | null,
  extra?: Readonly<Record<string, string>>,
): ModelJSON<P> {
  const text = {} as Record<P, string>;
  for (const name of names) text[name] = params[name].toString();
  const errors = {} as Record<P, string | null>;
  if (fit !== null)
    for (const name of names) errors[name] = fit.standardErrors[name]?.toString() ?? null;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    model,
    ...(unit !== undefined && { unit }),
    params: text,
    ...(extra !== undefined && { spend: extra }),
    fit:
      fit === null
        ? null
        : {
            logLikelihood: fit.logLikelihood.toString(),
            standardErrors: errors,
            converged: fit.converged,
            iterations: fit.iterations,
            customers: fit.customers,
            ...(fit.penalizer !== null && { penalizer: fit.penalizer.toString() }),
          },
  } as ModelJSON<P>;
}

/** A finite number from a decimal string of a document; else a typed error naming the field. */
function documentNumber(value: unknown, fn: string, field: string): Decimal {
  if (typeof value !== "string" || !/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) {
    fail(fn, field, "NOT_A_NUMBER", "must be a decimal number as a string", value);
  }
  return new Decimal(value);
}

/** The parts of a validated model document. */
export interface ReadDocument<P extends string> {
  params: Readonly<Record<P, Decimal>>;
  values: Float64Array;
  unit: Period | undefined;
  fit: FitInfo<P> | null;
  spend: Record<string, Decimal> | undefined;
}

/**
 * Validate a model document (an object or its JSON text) of the given model: format, version,
 * model, unit, every parameter and every fit field, and no field it does not know.
 */
export function readModelDocument<P extends string>(
  json: unknown,
  model: ModelKind,
  names: readonly P[],
  fn: string,
  options: { unit: boolean; spend?: readonly string[] },
): ReadDocument<P> {
  let raw = json;
  if (typeof json === "string") {
    try {
      raw = JSON.parse(json);
    } catch {
      fail(fn, "json", "INVALID_OPTION", "must be valid JSON text", json);
    }
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || isPlainDecimal(raw)) {
    fail(
      fn,
      "json",
      "INVALID_OPTION",
      `must be a model document (an object or its JSON text, format '${MODEL_FORMAT}')`,
      raw,
    );
  }
  const o = raw as Record<string, unknown>;
  const known = ["format", "version", "model", "params", "fit", ...(options.unit ? ["unit"] : [])];
  if (options.spend) known.push("spend");
  for (const key of Object.keys(o)) {
    if (!known.includes(key))
      fail(fn, key, "INVALID_OPTION", "is not a field of the document", o[key]);
  }
  if (o.format !== MODEL_FORMAT)
    fail(fn, "format", "INVALID_OPTION", `must be '${MODEL_FORMAT}'`, o.format);
  if (o.version !== MODEL_VERSION) {
    fail(fn, "version", "INVALID_OPTION", `must be ${MODEL_VERSION}`, o.version);
  }
  if (o.model !== model) fail(fn, "model", "INVALID_OPTION", `must be '${model}'`, o.model);
  let unit: Period | undefined;
  if (options.unit) {
    if (!(UNITS as readonly unknown[]).includes(o.unit)) {
      fail(
        fn,
        "unit",
        "INVALID_OPTION",
        `must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
        o.unit,
      );
    }
    unit = o.unit as Period;
  }
  const p = record<Record<string, unknown>>(o.params, fn, "params");
  const parsed: Record<string, unknown> = {};
  for (const key of Object.keys(p)) parsed[key] = documentNumber(p[key], fn, `params.${key}`);
  const { params, values } = readParams(parsed, names, fn);
  let spend: Record<string, Decimal> | undefined;
  if (options.spend) {
    const s = record<Record<string, unknown>>(o.spend, fn, "spend");
    spend = {};
    for (const key of Object.keys(s)) {
      if (!options.spend.includes(key))
        fail(fn, `spend.${key}`, "INVALID_OPTION", "is not a field of the document", s[key]);
    }
    for (const key of options.spend) {
      const d = documentNumber(s[key], fn, `spend.${key}`);
      if (!(d.gt(0) && Number.isFinite(d.toNumber()))) {
        fail(fn, `spend.${key}`, "OUT_OF_RANGE", "must be a positive float64 value", s[key]);
      }
      spend[key] = d;
    }
  }
  let fit: FitInfo<P> | null = null;
  if (o.fit !== null) {
    const f = record<Record<string, unknown>>(o.fit, fn, "fit");
    for (const key of Object.keys(f)) {
      if (
        ![
          "logLikelihood",
          "standardErrors",
          "converged",
          "iterations",
          "customers",
          "penalizer",
        ].includes(key)
      ) {
        fail(fn, `fit.${key}`, "INVALID_OPTION", "is not a field of the document", f[key]);
      }
    }
    const ll = documentNumber(f.logLikelihood, fn, "fit.logLikelihood");
    if (!Number.isFinite(ll.toNumber())) {
      fail(
        fn,
        "fit.logLikelihood",
        "OUT_OF_RANGE",
        "must be within the float64 range",
        f.logLikelihood,
      );
    }
    const e = record<Record<string, unknown>>(f.standardErrors, fn, "fit.standardErrors");
    const errors = {} as Record<P, Decimal | null>;
    for (const key of Object.keys(e)) {
      if (!(names as readonly string[]).includes(key)) {
        fail(
          fn,
          `fit.standardErrors.${key}`,
          "INVALID_OPTION",
          `is not a parameter (${names.join(", ")})`,
          e[key],
        );
      }
    }
    for (const name of names) {
      const field = `fit.standardErrors.${name}`;
      const v = e[name];
      if (v === null) {
        errors[name] = null;
        continue;
      }
      if (v === undefined)
        fail(fn, field, "INVALID_OPTION", "is required (null when there is none)", v);
      const d = documentNumber(v, fn, field);
      if (!(d.gt(0) && Number.isFinite(d.toNumber()))) {
        fail(fn, field, "OUT_OF_RANGE", "must be a positive float64 value or null", v);
      }
      errors[name] = d;
    }
    if (typeof f.converged !== "boolean") {
      fail(fn, "fit.converged", "INVALID_OPTION", "must be true or false", f.converged);
    }
    if (
      typeof f.iterations !== "number" ||
      !Number.isSafeInteger(f.iterations) ||
      f.iterations < 0
    ) {
      fail(fn, "fit.iterations", "NOT_INTEGER", "must be a whole number ≥ 0", f.iterations);
    }
    if (typeof f.customers !== "number" || !Number.isFinite(f.customers) || !(f.customers > 0)) {
      fail(fn, "fit.customers", "OUT_OF_RANGE", "must be a positive number", f.customers);
    }
    let penalizer: Decimal | null = null;
    if (f.penalizer !== undefined) {
      penalizer = documentNumber(f.penalizer, fn, "fit.penalizer");
      if (!(penalizer.gt(0) && Number.isFinite(penalizer.toNumber()))) {
        fail(
          fn,
          "fit.penalizer",
          "OUT_OF_RANGE",
          "must be a positive float64 value (absent for an unpenalized fit)",
          f.penalizer,
        );
      }
    }
    fit = {
      logLikelihood: ll,
      standardErrors: Object.freeze(errors),
      converged: f.converged as boolean,
      iterations: f.iterations as number,
      customers: f.customers as number,
      penalizer,
    };
  }
  return { params, values, unit, fit, spend };
}
