/**
 * Numbers at the edges, through every function of the core entry: Decimal exponents far beyond float64
 * ('1e-9000000000000000', '1e400'), objects that only look like Decimals, Decimals of another
 * decimal.js copy, confidence levels next to 1, and the user's own global decimal.js settings,
 * which must never change a result. Each function's arguments are learnt from its errors (see
 * _templates.ts); every numeric leaf of them is replaced in turn.
 */
import { Decimal as GlobalDecimal } from "decimal.js";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  callChecked,
  Decimal,
  coreFunctions as functions,
  type Outcome,
  succeeded,
} from "./_harness.js";
import { discoverTemplate, leafPaths, replaceAt } from "./_templates.js";

/** A second copy of decimal.js, as another library in the user's program would have. */
const OtherDecimal = GlobalDecimal.clone({ minE: -9e15, maxE: 9e15, precision: 20 });

/** Objects that look like Decimals to a careless check, and are not numbers. */
function lookalikes(): unknown[] {
  return [
    { toStringTag: "[object Decimal]" },
    { [Symbol.toStringTag]: "Decimal" },
    { constructor: { isDecimal: true }, d: [1], e: 0, s: 1 },
    { d: "x", e: "y", s: 1, toString: () => "1" },
    { d: [1], e: 0, s: 1, constructor: Decimal },
    Object.create(Decimal.prototype),
    Object.assign(Object.create(Decimal.prototype), { d: [Number.NaN], e: 0, s: 1 }),
    Object.assign(Object.create(Decimal.prototype), { d: [1], e: 1e20, s: 1 }),
  ];
}

/** Values at the edges of the numeric range, as strings, numbers, bigints and Decimals. */
const EDGE_VALUES: readonly (() => unknown)[] = [
  () => "1e-9000000000000000",
  () => "-1e-9000000000000000",
  () => "1e-100000000",
  () => "1e9000000000000000",
  () => "1e400",
  () => "1e-400",
  () => "1e308",
  () => "9.99e307",
  () => "1.7976931348623157e308",
  () => "0.9999999999999999999999999999999999999999999",
  () => "1.0000000000000000000000000000000000000000001",
  () => 5e-324,
  () => Number.MAX_VALUE,
  () => -Number.MIN_VALUE,
  () => -0,
  () => "-0",
  () => 10n ** 400n,
  () => 2n ** 64n,
  () => " 1 ",
  () => "1_000",
  () => "١٢",
  () => new OtherDecimal("1e-9000000000000000"),
  () => new OtherDecimal("1e9000000000000000"),
  () => new OtherDecimal("0.5"),
  () => new OtherDecimal("-0"),
  () => new OtherDecimal(Number.NaN),
  () => new GlobalDecimal("1e-400"),
  ...lookalikes().map((value) => () => value),
];

/** Confidence levels next to 1 and next to 0. */
const CONFIDENCES: readonly unknown[] = [
  0.9999999999999999,
  "0.99999999999999999999",
  "0.9999999999999999999999999999999999999999",
  "1e-400",
  1e-16,
  "0.000000000000000000001",
  1 - 2 ** -53,
];

interface Case {
  name: string;
  fn: (...args: unknown[]) => unknown;
  template: [unknown, unknown];
  leaves: (string | number)[][][];
}

/** Each function's learnt arguments, found once (a slow or failing discovery fails its test). */
const learnt = new Map<string, Promise<Case | undefined>>();
function caseOf(name: string): Promise<Case | undefined> {
  let found = learnt.get(name);
  if (!found) {
    const fn = functions.find(([n]) => n === name)?.[1] as Case["fn"];
    found = discoverTemplate(fn, name).then((template) =>
      template
        ? {
            name,
            fn,
            template,
            leaves: [leafPaths(template[0]), leafPaths(template[1])],
            // A counterexample prints the function's name, not its source.
            [fc.toStringMethod]: () => name,
          }
        : undefined,
    );
    learnt.set(name, found);
  }
  return found;
}
const names = functions.map(([name]) => name);

const EDGE_TIME_MS = 400;

function withLeaf(
  template: [unknown, unknown],
  which: 0 | 1,
  path: (string | number)[],
  leaf: unknown,
) {
  const args = structuredClone(template);
  args[which] = replaceAt(args[which], path, leaf);
  return args;
}

function outcomeText(outcome: Outcome): string {
  if (outcome.threw)
    return `error ${outcome.error.code} ${outcome.error.field}: ${outcome.error.message}`;
  // The replacer reads the raw value: a Decimal's toJSON would otherwise hide its class.
  return JSON.stringify(outcome.value, function (this: Record<string, unknown>, key, v) {
    const raw = key === "" ? outcome.value : this[key];
    if (Decimal.isDecimal(raw)) return `D${(raw as Decimal).toString()}`;
    return typeof v === "bigint" ? `${v}n` : v instanceof Map ? [...v] : v;
  });
}

describe("numbers at the edges, through every exported function", () => {
  it("learns the arguments of most functions", async () => {
    let known = 0;
    for (const name of names) if (await caseOf(name).catch(() => undefined)) known += 1;
    expect(known).toBeGreaterThan(names.length * 0.8);
  });

  it.each(names)(
    "%s: every numeric leaf at the edges gives a typed error or a clean result in bounded time",
    async (name) => {
      const c = await caseOf(name);
      if (!c) return;
      const combos: [0 | 1, (string | number)[], () => unknown][] = [];
      for (const which of [0, 1] as const) {
        if (c.template[which] === undefined) continue;
        for (const path of c.leaves[which] as (string | number)[][]) {
          for (const value of EDGE_VALUES) combos.push([which, path, value]);
        }
      }
      // Every combination, in a random order; a function whose calls are slow (a model fit)
      // stops after EDGE_TIME_MS, as fast-check's time limit does elsewhere.
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(combos, { minLength: combos.length }),
          async (order) => {
            const start = performance.now();
            for (const [which, path, value] of order) {
              if (performance.now() - start > EDGE_TIME_MS) break;
              await callChecked(name, c.fn, withLeaf(c.template, which, path, value()));
            }
          },
        ),
        { numRuns: 1 },
      );
    },
  );

  it.each(names)(
    "%s: confidence levels next to 1 give a typed error or a clean result",
    async (name) => {
      const c = await caseOf(name);
      if (!c) return;
      for (const confidence of CONFIDENCES) {
        for (const which of [0, 1] as const) {
          const target = c.template[which];
          const base = target === undefined ? {} : target;
          if (base === null || typeof base !== "object" || Array.isArray(base)) continue;
          const args = structuredClone(c.template);
          args[which] = { ...(structuredClone(base) as object), confidence };
          await callChecked(name, c.fn, args);
        }
      }
    },
  );
});

describe("the user's global decimal.js settings", () => {
  const saved = {
    precision: GlobalDecimal.precision,
    rounding: GlobalDecimal.rounding,
    minE: GlobalDecimal.minE,
    maxE: GlobalDecimal.maxE,
    toExpNeg: GlobalDecimal.toExpNeg,
    toExpPos: GlobalDecimal.toExpPos,
    modulo: GlobalDecimal.modulo,
  };
  afterEach(() => {
    GlobalDecimal.set(saved);
  });

  const SMALL_VALUES: readonly unknown[] = [
    "1e-30",
    "0.123456789012345678901234567890123",
    "1e-10",
    "987654321.123456789",
    "0.5",
    3,
  ];

  it("never change a result of any function", async () => {
    const cases: Case[] = [];
    for (const name of names) {
      const c = await caseOf(name).catch(() => undefined);
      if (c) cases.push(c);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.nat(),
        fc.constantFrom(...SMALL_VALUES),
        fc.record({
          precision: fc.integer({ min: 1, max: 60 }),
          rounding: fc.integer({ min: 0, max: 8 }),
          minE: fc.integer({ min: -40, max: -1 }),
          maxE: fc.integer({ min: 1, max: 40 }),
          toExpNeg: fc.integer({ min: -7, max: 0 }),
          toExpPos: fc.integer({ min: 0, max: 21 }),
        }),
        async (c, pick, value, settings) => {
          const all = [
            ...(c.template[0] === undefined
              ? []
              : (c.leaves[0] as (string | number)[][]).map((p) => [0, p] as const)),
            ...(c.template[1] === undefined
              ? []
              : (c.leaves[1] as (string | number)[][]).map((p) => [1, p] as const)),
          ];
          const [which, path] =
            all.length > 0 ? (all[pick % all.length] as (typeof all)[number]) : [0 as const, []];
          const args = all.length > 0 ? withLeaf(c.template, which, path, value) : c.template;
          GlobalDecimal.set(saved);
          const plain = outcomeText(await callChecked(c.name, c.fn, structuredClone(args)));
          GlobalDecimal.set(settings as Parameters<typeof GlobalDecimal.set>[0]);
          let changed: string;
          try {
            changed = outcomeText(await callChecked(c.name, c.fn, structuredClone(args)));
          } finally {
            GlobalDecimal.set(saved);
          }
          expect(changed, `${c.name} with Decimal.set(${JSON.stringify(settings)})`).toBe(plain);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 1_500, markInterruptAsFailure: false },
    );
  });

  it("convertRate of a tiny rate with Decimal.set({ minE: -20 }) keeps its value", async () => {
    const convertRate = functions.find(([n]) => n === "convertRate")?.[1] as (
      ...a: unknown[]
    ) => unknown;
    const args = ["1e-30", { from: "month", to: "year" }];
    // 1 − (1 − 1e-30)^12 = 1.2e-29 − 6.6e-59 + …, to 40 digits; from mpmath:
    // python3 -c "import mpmath as m; m.mp.dps=80; print(m.nstr(1-(1-m.mpf('1e-30'))**12, 40))"
    const reference = new Decimal("1.1999999999999999999999999999934e-29");
    const plain = (await succeeded("convertRate", convertRate, args)) as Decimal;
    GlobalDecimal.set({ minE: -20 });
    let changed: Decimal;
    try {
      changed = (await succeeded("convertRate", convertRate, args)) as Decimal;
    } finally {
      GlobalDecimal.set(saved);
    }
    expect(plain.toString()).toBe(reference.toString());
    expect(changed.toString()).toBe(reference.toString());
  });
});
