/**
 * Fitted models: every method of every fitted model, called with plausible and with extreme
 * arguments, returns finite values in the quantity's range (probabilities in [0, 1], survival
 * non-increasing, expected counts ≥ 0 and within the cohort or the number of opportunities,
 * expectations non-decreasing in the horizon) or throws a typed MetricInputError naming the
 * method. The data sets are random small ones, boundary ones (nobody repeats, everybody
 * repeats, one customer, identical customers) and known hard cases whose optimum lies on the
 * edge of the parameter space. Fitting functions (`fit…`) and methods are found at run time:
 * a new model or a new method without arguments here fails the suite until it is described.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnyFunction,
  callChecked,
  Decimal,
  functions,
  methodsOf,
  type Outcome,
  show,
} from "./_harness.js";

type Model = Record<string, unknown>;
type Check = (value: Decimal, args: readonly unknown[]) => string | undefined;
/** Arguments for one method, and what its value must satisfy. */
interface MethodSpec {
  args: fc.Arbitrary<unknown[]>;
  check?: (model: Model) => Check;
  /** Arguments in increasing order of a horizon, where the value must not decrease (or rise). */
  monotone?: { args: fc.Arbitrary<unknown[][]>; direction: 1 | -1 };
  /** The check of a value that is not a Decimal (a table, an array, a document). */
  verify?: (model: Model, value: unknown, args: readonly unknown[]) => string | undefined;
}

const D = (x: string | number) => new Decimal(x);
const ZERO = D(0);
const ONE = D(1);

function within(lo: Decimal | number, hi: Decimal | number | undefined): Check {
  return (value) => {
    if (value.lt(lo)) return `${value} is below ${lo}`;
    if (hi !== undefined && value.gt(hi)) return `${value} is above ${hi}`;
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------
// Argument values: plausible ones mostly, extreme ones sometimes

const extremeCount = fc.constantFrom(0, 1, 1e15, 1e300, 2 ** 31, 1e7);
const count = (max: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 1, arbitrary: extremeCount },
  );
const extremeTime = fc.constantFrom(0, 1e-9, 1e-300, 1e9, 1e15, 1e300);
const time = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: extremeTime },
);
const DURATION_KEYS = ["days", "weeks", "months", "quarters", "years"] as const;
const duration = fc
  .tuple(fc.constantFrom(...DURATION_KEYS), time)
  .map(([key, amount]) => ({ [key]: amount }));
const durationsInOrder = fc
  .tuple(fc.constantFrom(...DURATION_KEYS), fc.array(time, { minLength: 2, maxLength: 5 }))
  .map(([key, amounts]) => [...amounts].sort((a, b) => a - b).map((a) => ({ [key]: a })));
const discountRate = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 0.5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e-300, 1e-12, 1e6, 1e300) },
);

/** A customer of a continuous-time purchase model: recency ≤ T, recency 0 when frequency is 0. */
const purchaseHistory = fc
  .tuple(count(40), time, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
  .map(([frequency, T, share, atEnd]) => ({
    frequency,
    recency: frequency === 0 ? 0 : atEnd ? T : T * share,
    T,
  }));

const spend = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0.01, max: 5_000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e-300, 1e-9, 1e15, 1e300) },
);
const spendHistory = fc.record({ frequency: count(40), monetaryValue: spend });

/** A customer of the BG/BB model: frequency ≤ recency ≤ periods, recency 0 when frequency is 0. */
function opportunityHistory(maxPeriods: number) {
  return fc
    .tuple(
      count(maxPeriods),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([periods, a, b]) => {
      const n = Math.max(periods, 1);
      const recency = n >= 1e7 ? n : Math.round(a * n);
      const frequency = recency === 0 ? 0 : Math.max(1, Math.round(b * recency));
      return { frequency, recency, periods: n };
    });
}

const stubSpend = { conditionalExpectedSpend: () => D(25) };

// ---------------------------------------------------------------------------------------
// Methods, by name, across models

const purchaseMethods: Record<string, MethodSpec> = {
  expectedPurchases: {
    args: duration.map((t) => [t]),
    check: () => within(0, undefined),
    monotone: { args: durationsInOrder.map((ts) => ts.map((t) => [t])), direction: 1 },
  },
  conditionalExpectedPurchases: {
    args: fc.tuple(purchaseHistory, duration).map(([c, t]) => [c, t]),
    check: () => within(0, undefined),
    monotone: {
      args: fc.tuple(purchaseHistory, durationsInOrder).map(([c, ts]) => ts.map((t) => [c, t])),
      direction: 1,
    },
  },
  probabilityAlive: {
    args: fc
      .tuple(purchaseHistory, fc.option(duration, { nil: undefined }))
      .map(([c, at]) => (at === undefined ? [c] : [c, { at }])),
    check: () => within(0, 1),
  },
  customerLifetimeValue: {
    args: fc
      .tuple(purchaseHistory, spend, duration, discountRate, fc.constantFrom(...DURATION_KEYS))
      .map(([history, monetaryValue, horizon, rate, unitKey]) => [
        {
          spendModel: stubSpend,
          customer: { ...history, monetaryValue },
          horizon,
          discountRate: rate,
          discountRateUnit: unitKey.slice(0, -1),
        },
      ]),
    check: () => within(0, undefined),
  },
};

/** Problems of numbers that must be finite and within [lo, hi] (null cells allowed with `nulls`). */
function numbersProblem(
  values: Iterable<unknown>,
  lo: number,
  hi: number,
  nulls = false,
): string | undefined {
  for (const v of values) {
    if (v === null && nulls) continue;
    const x = Decimal.isDecimal(v) ? (v as Decimal).toNumber() : v;
    if (typeof x !== "number" || !Number.isFinite(x) || x < lo || x > hi) {
      return `holds ${show(v)}, not a finite number in [${lo}, ${hi}]`;
    }
  }
  return undefined;
}

/** The range of a batch prediction's values. */
function predictionRange(prediction: { what: string }): [number, number] {
  return prediction.what === "probabilityAlive" ? [0, 1] : [0, Number.POSITIVE_INFINITY];
}

const summaryRows = fc.array(purchaseHistory, { minLength: 0, maxLength: 8 });
const purchasePrediction = fc.oneof(
  duration.map((horizon) => ({ what: "conditionalExpectedPurchases", horizon })),
  fc.option(duration, { nil: undefined }).map((at) => ({ what: "probabilityAlive", at })),
  fc
    .tuple(duration, discountRate, fc.constantFrom(...DURATION_KEYS))
    .map(([horizon, rate, unitKey]) => ({
      what: "customerLifetimeValue",
      spendModel: stubSpend,
      horizon,
      discountRate: rate,
      discountRateUnit: unitKey.slice(0, -1),
    })),
);
const withSpend = (rows: readonly object[]) => rows.map((r) => ({ ...r, monetaryValue: 20 }));

/** Methods every model has: its parameter table and its document. */
const valueMethods: Record<string, MethodSpec> = {
  parameters: {
    args: fc.constant([]),
    verify: (_model, value) => {
      if (!Array.isArray(value) || value.length === 0) return `returned ${show(value)}`;
      for (const row of value as {
        estimate: Decimal;
        lower: Decimal | null;
        upper: Decimal | null;
      }[]) {
        if (!Decimal.isDecimal(row.estimate) || !row.estimate.gt(0) || !row.estimate.isFinite())
          return `estimate ${show(row.estimate)}`;
        if (row.lower !== null && row.upper !== null) {
          if (row.lower.gt(row.estimate) || row.upper.lt(row.estimate))
            return `interval [${row.lower}, ${row.upper}] leaves out ${row.estimate}`;
        }
      }
      return undefined;
    },
  },
  toJSON: {
    args: fc.constant([]),
    verify: (_model, value) => {
      const text = JSON.stringify(value);
      const doc = JSON.parse(text) as { format?: unknown; version?: unknown };
      return doc.format === "customer-metrics/model" && doc.version === 1
        ? undefined
        : `document ${text.slice(0, 200)}`;
    },
  },
};

const batchPurchaseMethods: Record<string, MethodSpec> = {
  ...valueMethods,
  probabilityOfPurchases: {
    args: fc.tuple(count(40), duration).map(([n, t]) => [n, t]),
    check: () => within(0, 1),
  },
  predict: {
    args: fc
      .tuple(summaryRows, purchasePrediction, fc.constantFrom("float", "decimal", undefined))
      .map(([rows, prediction, as]) => [
        prediction.what === "customerLifetimeValue" ? withSpend(rows) : rows,
        as === undefined ? prediction : { ...prediction, as },
      ]),
    verify: (_model, value, args) => {
      const [lo, hi] = predictionRange(args[1] as { what: string });
      const rows = args[0] as unknown[];
      const list = value as ArrayLike<unknown>;
      if (list.length !== rows.length) return `${list.length} values for ${rows.length} rows`;
      return numbersProblem(Array.from(list), lo, hi * (1 + 1e-12));
    },
  },
  rank: {
    args: fc
      .tuple(summaryRows, purchasePrediction, fc.option(count(10), { nil: undefined }))
      .map(([rows, by, top]) => [
        by.what === "customerLifetimeValue" ? withSpend(rows) : rows,
        by,
        top === undefined ? undefined : { top },
      ]),
    verify: (_model, value, args) => {
      const [lo, hi] = predictionRange(args[1] as { what: string });
      const ranked = value as { value: unknown }[];
      const problem = numbersProblem(
        ranked.map((r) => r.value),
        lo,
        hi * (1 + 1e-12),
      );
      if (problem) return problem;
      for (let i = 1; i < ranked.length; i++) {
        const a = Number((ranked[i - 1] as { value: unknown }).value);
        const b = Number((ranked[i] as { value: unknown }).value);
        if (b > a) return `rank ${i + 1} (${b}) above rank ${i} (${a})`;
      }
      return undefined;
    },
  },
  expectedPurchasesMatrix: {
    args: fc
      .tuple(fc.integer({ min: 0, max: 60 }), duration)
      .map(([T, horizon]) => [{ T, horizon, frequency: [0, 1, 2, 5] }]),
    verify: (_model, value) =>
      numbersProblem(
        (value as { values: unknown[][] }).values.flat(),
        0,
        Number.POSITIVE_INFINITY,
        true,
      ),
  },
  probabilityAliveMatrix: {
    args: fc.integer({ min: 0, max: 60 }).map((T) => [{ T, frequency: [0, 1, 2, 5] }]),
    verify: (_model, value) =>
      numbersProblem((value as { values: unknown[][] }).values.flat(), 0, 1, true),
  },
};

const discreteMethods: Record<string, MethodSpec> = {
  survival: {
    args: count(300).map((t) => [t]),
    check: () => within(0, 1),
    monotone: {
      args: fc
        .array(count(300), { minLength: 2, maxLength: 6 })
        .map((ts) => [...ts].sort((a, b) => a - b).map((t) => [t])),
      direction: -1,
    },
  },
  retentionRate: {
    args: count(300).map((t) => [Math.max(t, 1)]),
    check: () => within(0, 1),
  },
  expectedAlive: {
    args: count(300).map((t) => [t]),
    check: (model) => within(0, model.customers as number),
    monotone: {
      args: fc
        .array(count(300), { minLength: 2, maxLength: 6 })
        .map((ts) => [...ts].sort((a, b) => a - b).map((t) => [t])),
      direction: -1,
    },
  },
  discountedExpectedLifetime: {
    args: discountRate.map((d) => [{ discountRate: d }]),
    // Σ_{t≥0} S(t)/(1+d)^t with S(0) = 1 and S(t) ≤ 1: between 1 and (1 + d)/d.
    check: () => (value, args) => {
      const d = D((args[0] as { discountRate: number }).discountRate);
      return within(1, d.isZero() ? undefined : d.plus(1).div(d))(value, args);
    },
  },
  discountedExpectedResidualLifetime: {
    args: fc
      .tuple(discountRate, count(300))
      .map(([d, renewals]) => [{ discountRate: d, renewals }]),
    check: () => (value, args) => {
      const d = D((args[0] as { discountRate: number }).discountRate);
      return within(0, d.isZero() ? undefined : d.plus(1).div(d))(value, args);
    },
  },
  expectedTransactions: {
    args: count(200).map((n) => [n]),
    check: () => (value, args) => within(0, args[0] as number)(value, args),
    monotone: {
      args: fc
        .array(count(200), { minLength: 2, maxLength: 6 })
        .map((ns) => [...ns].sort((a, b) => a - b).map((n) => [n])),
      direction: 1,
    },
  },
  conditionalExpectedTransactions: {
    args: fc.tuple(opportunityHistory(30), count(200)).map(([c, n]) => [c, n]),
    check: () => (value, args) => within(0, args[1] as number)(value, args),
    monotone: {
      args: fc
        .tuple(opportunityHistory(30), fc.array(count(200), { minLength: 2, maxLength: 6 }))
        .map(([c, ns]) => [...ns].sort((a, b) => a - b).map((n) => [c, n])),
      direction: 1,
    },
  },
};

const bgbbAlive: MethodSpec = {
  args: fc
    .tuple(opportunityHistory(30), fc.option(count(50), { nil: undefined }))
    .map(([c, k]) => (k === undefined ? [c] : [c, { periodsAhead: k }])),
  check: () => within(0, 1),
  monotone: {
    args: fc
      .tuple(opportunityHistory(30), fc.array(count(50), { minLength: 2, maxLength: 5 }))
      .map(([c, ks]) => [...ks].sort((a, b) => a - b).map((k) => [c, { periodsAhead: k }])),
    direction: -1,
  },
};

const spendMethods: Record<string, MethodSpec> = {
  ...valueMethods,
  predict: {
    args: fc
      .tuple(
        fc.array(spendHistory, { maxLength: 8 }),
        fc.constantFrom("float", "decimal", undefined),
      )
      .map(([rows, as]) => (as === undefined ? [rows] : [rows, { as }])),
    verify: (_model, value, args) => {
      const rows = args[0] as unknown[];
      const list = value as ArrayLike<unknown>;
      if (list.length !== rows.length) return `${list.length} values for ${rows.length} rows`;
      return numbersProblem(Array.from(list), 0, Number.POSITIVE_INFINITY);
    },
  },
  rank: {
    args: fc
      .tuple(fc.array(spendHistory, { maxLength: 8 }), fc.option(count(10), { nil: undefined }))
      .map(([rows, top]) => (top === undefined ? [rows] : [rows, { top }])),
    verify: (_model, value) =>
      numbersProblem(
        (value as { value: unknown }[]).map((r) => r.value),
        0,
        Number.POSITIVE_INFINITY,
      ),
  },
  expectedSpend: { args: fc.constant([]), check: () => within(0, undefined) },
  conditionalExpectedSpend: {
    args: spendHistory.map((c) => [c]),
    // A weighted mean of the population mean and the customer's own mean z̄.
    check: (model) => (value, args) => {
      const z = D((args[0] as { monetaryValue: number }).monetaryValue);
      const p = (model.params as Record<string, Decimal>).p as Decimal;
      const q = (model.params as Record<string, Decimal>).q as Decimal;
      const gamma = (model.params as Record<string, Decimal>).gamma as Decimal;
      if (q.lte(1)) return within(0, undefined)(value, args);
      const mean = p.times(gamma).div(q.minus(1));
      const slack = D("1e-9");
      const lo = Decimal.min(z, mean).times(ONE.minus(slack));
      const hi = Decimal.max(z, mean).times(ONE.plus(slack));
      return within(lo, hi)(value, args);
    },
  },
};

// ---------------------------------------------------------------------------------------
// Data sets

const UNITS = ["day", "week", "month", "quarter", "year"] as const;
const weight = fc.oneof(
  { weight: 10, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e15, 1e300, 1e308) },
);
const withWeight = <T extends object>(row: T, w: number | undefined) =>
  w === undefined ? row : { ...row, weight: w };

/** Histories as a summary of real transactions gives them: times in [1, 78], to 1/7 of a unit. */
const plausibleHistory = fc
  .tuple(
    fc.integer({ min: 0, max: 15 }),
    fc.integer({ min: 7, max: 546 }),
    fc.integer({ min: 1, max: 7 }),
  )
  .map(([frequency, days, share]) => ({
    frequency,
    recency: frequency === 0 ? 0 : Math.max(frequency, Math.floor((days * share) / 7)) / 7,
    T: Math.max(days, frequency) / 7,
  }));

const purchaseData = fc
  .tuple(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(
          fc.tuple(plausibleHistory, weight).map(([r, w]) => withWeight(r, w)),
          { minLength: 1, maxLength: 25 },
        ),
      },
      { weight: 2, arbitrary: fc.array(purchaseHistory, { minLength: 1, maxLength: 6 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<unknown[]>(
          [
            { frequency: 3, recency: 10, T: 20 },
            { frequency: 0, recency: 0, T: 20 },
          ],
          [
            { frequency: 0, recency: 0, T: 30 },
            { frequency: 0, recency: 0, T: 10 },
          ],
          [
            { frequency: 5, recency: 30, T: 30 },
            { frequency: 9, recency: 29, T: 30 },
          ],
          [{ frequency: 2, recency: 5, T: 10 }],
          Array.from({ length: 20 }, () => ({ frequency: 1, recency: 4, T: 12 })),
        ),
      },
    ),
    fc.constantFrom(...UNITS),
  )
  .map(([rows, unit]) => [rows, { unit }] as unknown[]);

const spendData = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.array(
        fc
          .tuple(
            fc.integer({ min: 1, max: 20 }),
            fc.double({ min: 1, max: 500, noNaN: true }),
            weight,
          )
          .map(([frequency, monetaryValue, w]) => withWeight({ frequency, monetaryValue }, w)),
        { minLength: 1, maxLength: 25 },
      ),
    },
    { weight: 2, arbitrary: fc.array(spendHistory, { minLength: 1, maxLength: 6 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown[]>(
        [{ frequency: 1, monetaryValue: 10 }],
        Array.from({ length: 10 }, () => ({ frequency: 3, monetaryValue: 20 })),
        [
          { frequency: 1e15, monetaryValue: 1e300 },
          { frequency: 2, monetaryValue: 5 },
        ],
      ),
    },
  )
  .map((rows) => [rows] as unknown[]);

/** Non-rising survivor counts, at least two. */
const aliveCurve = fc
  .tuple(
    fc.integer({ min: 1, max: 100_000 }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
  )
  .map(([size, shares]) => {
    const alive = [size];
    for (const share of shares) alive.push(Math.floor((alive[alive.length - 1] as number) * share));
    return alive;
  });
const sbgData = fc
  .oneof(
    { weight: 6, arbitrary: aliveCurve },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        [21813, 21812, 9119, 9118, 5015],
        [1000, 1000, 1000],
        [1000, 0],
        [1000, 500],
        [1000, 500, 250, 125, 62],
        [1, 1],
        [1e15, 1e15 - 1],
      ),
    },
  )
  .map((alive) => [{ alive }] as unknown[]);

const bgbbRow = fc
  .tuple(
    fc.integer({ min: 1, max: 12 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    weight,
  )
  .map(([periods, a, b, w]) => {
    const recency = Math.round(a * periods);
    const frequency = recency === 0 ? 0 : Math.max(1, Math.round(b * recency));
    return withWeight({ frequency, recency, periods }, w);
  });
const bgbbData = fc
  .oneof(
    { weight: 6, arbitrary: fc.array(bgbbRow, { minLength: 1, maxLength: 25 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown[]>(
        [{ frequency: 0, recency: 0, periods: 6 }],
        [{ frequency: 6, recency: 6, periods: 6, weight: 40 }],
        [{ frequency: 3, recency: 5, periods: 6 }],
        [{ frequency: 1, recency: 1, periods: 1e7 }],
        [{ frequency: 2, recency: 4, periods: 6, weight: 1e308 }],
      ),
    },
  )
  .map((rows) => [rows] as unknown[]);

interface ModelSpec {
  data: fc.Arbitrary<unknown[]>;
  methods: Record<string, MethodSpec>;
}

const MODELS: Record<string, ModelSpec> = {
  fitBetaGeometricNBD: {
    data: purchaseData,
    methods: { ...purchaseMethods, ...batchPurchaseMethods },
  },
  fitModifiedBetaGeometricNBD: {
    data: purchaseData,
    methods: { ...purchaseMethods, ...batchPurchaseMethods },
  },
  fitParetoNBD: { data: purchaseData, methods: { ...purchaseMethods, ...batchPurchaseMethods } },
  fitGammaGamma: { data: spendData, methods: spendMethods },
  fitShiftedBetaGeometric: { data: sbgData, methods: discreteMethods },
  fitBetaGeometricBetaBinomial: {
    data: bgbbData,
    methods: { ...discreteMethods, probabilityAlive: bgbbAlive },
  },
};

// ---------------------------------------------------------------------------------------

/** Checks of the fields every fitted model has. */
function fieldProblem(model: Model): string | undefined {
  const params = model.params as Record<string, Decimal>;
  for (const [name, value] of Object.entries(params)) {
    if (!Decimal.isDecimal(value) || !value.isFinite() || !value.gt(0)) {
      return `params.${name} is ${show(value)}, not a positive finite Decimal`;
    }
  }
  const errors = model.standardErrors as Record<string, Decimal | null>;
  for (const [name, value] of Object.entries(errors)) {
    if (value !== null && (!value.isFinite() || value.isNegative())) {
      return `standardErrors.${name} is ${show(value)}`;
    }
  }
  if (typeof model.converged !== "boolean") return `converged is ${show(model.converged)}`;
  if (!Number.isSafeInteger(model.iterations)) return `iterations is ${show(model.iterations)}`;
  return undefined;
}

async function checkMethod(
  fitName: string,
  made: string,
  model: Model,
  method: string,
  spec: MethodSpec,
  args: unknown[],
): Promise<Outcome> {
  const fn = model[method] as AnyFunction;
  const outcome = await callChecked(`.${method}`, fn, args, model, made);
  if (!outcome.threw && spec.verify) {
    const problem = spec.verify(model, outcome.value, args);
    if (problem) {
      throw new Error(
        `${made}.${method}(${args.map((a) => show(a)).join(", ")}): ${problem} (${fitName})`,
      );
    }
  }
  if (!outcome.threw && spec.check) {
    const value = outcome.value as Decimal;
    const problem = Decimal.isDecimal(value)
      ? spec.check(model)(value, args)
      : `returned ${show(value)}, not a Decimal`;
    if (problem) {
      throw new Error(
        `${made}.${method}(${args.map((a) => show(a)).join(", ")}): ${problem} (${fitName})`,
      );
    }
  }
  return outcome;
}

const RUN_TIME_MS = 1_500;

describe("every method of every fitted model", () => {
  it("knows every fitting function the library exports", () => {
    const fits = functions.map(([name]) => name).filter((name) => /^fit[A-Z]/.test(name));
    expect(fits.sort()).toEqual(Object.keys(MODELS).sort());
  });

  it.each(Object.keys(MODELS))("%s: predictions are finite and in range", async (fitName) => {
    const spec = MODELS[fitName] as ModelSpec;
    const fit = functions.find(([name]) => name === fitName)?.[1] as AnyFunction;
    const perMethod = fc.record(
      Object.fromEntries(
        Object.entries(spec.methods).map(([method, m]) => [
          method,
          fc.record({
            calls: fc.array(m.args, { minLength: 1, maxLength: 3 }),
            series: m.monotone ? m.monotone.args : fc.constant([]),
          }),
        ]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(spec.data, perMethod, async (data, plan) => {
        const made = `${fitName}(${data.map((a) => show(a, 600)).join(", ")})`;
        const fitted = await callChecked(fitName, fit, data);
        if (fitted.threw) return;
        const model = fitted.value as Model;
        const problem = fieldProblem(model);
        if (problem) throw new Error(`${made}: ${problem}`);
        for (const method of methodsOf(model)) {
          const m = spec.methods[method];
          if (!m) throw new Error(`${fitName}: no plausible arguments known for method ${method}`);
          const { calls, series } = (
            plan as Record<string, { calls: unknown[][]; series: unknown[][] }>
          )[method] as { calls: unknown[][]; series: unknown[][] };
          for (const args of calls) await checkMethod(fitName, made, model, method, m, args);
          let previous: Decimal | undefined;
          let previousArgs: unknown[] | undefined;
          for (const args of series) {
            const outcome = await checkMethod(fitName, made, model, method, m, args);
            if (outcome.threw) continue;
            const value = outcome.value as Decimal;
            if (previous && m.monotone) {
              const slack = previous.abs().times("1e-9").plus("1e-300");
              const wrong =
                m.monotone.direction === 1
                  ? value.lt(previous.minus(slack))
                  : value.gt(previous.plus(slack));
              if (wrong) {
                throw new Error(
                  `${made}.${method}: ${show(previousArgs)} gives ${previous}, but ${show(args)} gives ${value} (should ${m.monotone.direction === 1 ? "not decrease" : "not increase"})`,
                );
              }
            }
            previous = value;
            previousArgs = args;
          }
        }
      }),
      { numRuns: 60, interruptAfterTimeLimit: RUN_TIME_MS, markInterruptAsFailure: false },
    );
  });
});

describe("fits whose optimum lies on the edge of the parameter space", () => {
  it("BG/NBD on one repeat buyer and one one-time buyer predicts finite, non-negative purchases", async () => {
    const fit = functions.find(([name]) => name === "fitBetaGeometricNBD")?.[1] as AnyFunction;
    const data = [
      { frequency: 3, recency: 10, T: 20 },
      { frequency: 0, recency: 0, T: 20 },
    ];
    const model = (await callChecked("fitBetaGeometricNBD", fit, [
      data,
      { unit: "week" },
    ])) as Outcome;
    expect(model.threw).toBe(false);
    const m = (model as { value: Model }).value;
    const made = "fitBetaGeometricNBD(<two customers>)";
    const expected = (await checkMethod(
      "fitBetaGeometricNBD",
      made,
      m,
      "expectedPurchases",
      purchaseMethods.expectedPurchases as MethodSpec,
      [{ weeks: 10 }],
    )) as Outcome;
    expect(expected.threw).toBe(false);
    const alive = await checkMethod(
      "fitBetaGeometricNBD",
      made,
      m,
      "probabilityAlive",
      purchaseMethods.probabilityAlive as MethodSpec,
      [data[0]],
    );
    expect(alive.threw).toBe(false);
  });

  it("sBG on a cohort that churns in steps keeps survival within [0, 1] and expected survivors within the cohort", async () => {
    const fit = functions.find(([name]) => name === "fitShiftedBetaGeometric")?.[1] as AnyFunction;
    const alive = [21813, 21812, 9119, 9118, 5015];
    const model = await callChecked("fitShiftedBetaGeometric", fit, [{ alive }]);
    expect(model.threw).toBe(false);
    const m = (model as { value: Model }).value;
    const survival = m.survival as (t: number) => Decimal;
    const expectedAlive = m.expectedAlive as (t: number) => Decimal;
    let previous = ONE;
    for (let t = 0; t <= 10; t += 1) {
      const s = survival(t);
      expect(s.gte(ZERO) && s.lte(previous), `survival(${t}) = ${s}`).toBe(true);
      previous = s;
      const e = expectedAlive(t);
      expect(e.gte(ZERO) && e.lte(21813), `expectedAlive(${t}) = ${e}`).toBe(true);
    }
  });
});
