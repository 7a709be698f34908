/**
 * Library-wide garbage-input property: every exported function, given any garbage as its
 * first and second argument, either returns a result whose Decimal leaves are finite and
 * not -0 (and whose number leaves are finite), or throws (or rejects with) a
 * MetricInputError with a known code, a field, and a message that starts with the name of
 * the function called. Inputs are never mutated; every call has a time budget. The list of
 * functions is taken from src/index.ts when the test runs, so new exports are covered
 * automatically; so are the methods of exported classes and of the objects functions return.
 *
 * Pure garbage mostly stops at a function's first check, so each function's arguments are
 * also learnt from its own errors (see _templates.ts) and then spoiled leaf by leaf.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnyFunction,
  callChecked,
  classes,
  Decimal,
  functions,
  MetricInputError,
  methodsOf,
  show,
  timed,
  WATCHDOG_SOURCE,
} from "./_harness.js";
import { discoverTemplate, garbage, jsonText, spoiled, withOwnKeys } from "./_templates.js";

// ---------------------------------------------------------------------------------------

/**
 * Runs per function, and a time cap per function (slow model fits stop early, counted as
 * passed when nothing failed so far): the whole file stays well under 20 s.
 */
const RUNS = 300;
const TIME_LIMIT_MS = 400;

/** The name a method's errors must carry: `Class.method` for exported classes, else `.method`. */
function methodName(owner: object, method: string): string {
  const ctor = (owner as { constructor?: unknown }).constructor;
  const exported = classes.find(([, c]) => c === ctor);
  return exported ? `${exported[0]}.${method}` : `.${method}`;
}

/** Methods not worth fuzzing: they take no input and are covered by the result checks. */
const NO_INPUT = new Set(["toString", "valueOf", "toLocaleString"]);

const FIXED_GARBAGE: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  "",
  "abc",
  "1e400",
  -1,
  1.5,
  null,
  undefined,
  {},
  [],
  10n ** 400n,
  " 1 2 ",
  Object.freeze({}),
  withOwnKeys([["__proto__", { start: 1 }]]),
  [Number.NaN],
  [{}],
  new Date(Number.NaN),
];

describe("garbage input to every exported function", () => {
  it("finds the library's functions", () => {
    expect(functions.length).toBeGreaterThan(20);
    const names = functions.map(([name]) => name);
    expect(names).toContain("netPromoterScore");
    expect(names).toContain("retentionRate");
    expect(names).not.toContain("Decimal");
    expect(classes.map(([name]) => name)).toContain("CohortAccumulator");
  });

  it("flags bad results, foreign errors, bad messages and mutation (checks of the harness itself)", async () => {
    const fails = async (fn: AnyFunction, first: unknown = {}, name = "probe") =>
      callChecked(name, fn, [first, undefined]).then(
        () => "passed",
        (error: Error) => error.message,
      );
    expect(await fails(() => ({ a: [new Decimal(1), { b: new Decimal(Number.NaN) }] }))).toContain(
      "result.a[1].b is Decimal(NaN)",
    );
    expect(await fails(() => new Map([["k", new Decimal(-0)]]))).toContain("Decimal(-0)");
    expect(await fails(() => ({ n: Number.POSITIVE_INFINITY }))).toContain("result.n");
    expect(await fails(() => Promise.reject(new TypeError("boom")))).toContain("TypeError: boom");
    expect(await fails(() => JSON.parse("{"))).toContain("non-MetricInputError");
    expect(await fails((input) => Object.assign(input as object, { x: 1 }))).toContain("mutated");
    expect(await fails((input) => (input as number[]).sort(), [2, 1])).toContain("mutated");
    const echo = (input: unknown) => ({ input });
    expect(await fails(echo, { x: new Decimal(Number.NaN) })).toBe("passed");
    const unwrap = (input: unknown) => ({ value: (input as { x: unknown }).x });
    expect(await fails(unwrap, { x: new Decimal(Number.NaN) })).toContain("result.value");
    const error =
      (message: string, field = "x", code = "EMPTY") =>
      () =>
        Promise.reject(new MetricInputError(code as "EMPTY", message, field, []));
    expect(await fails(error("probe: x must not be empty (received [])"))).toBe("passed");
    expect(await fails(error("other: x must not be empty"))).toContain("does not start with");
    expect(await fails(error("probe: x", ""))).toContain("field");
    expect(await fails(error("probe: x", "x", "WRONG"))).toContain("code");
    const add = "CohortAccumulator.add";
    expect(await fails(error("createCohortAccumulator: events must be…"), {}, add)).toContain(
      "does not start with",
    );
    expect(await fails(error("CohortAccumulator.add: events must be…"), {}, add)).toBe("passed");
    expect(await fails(error("fit.survival: t must be…"), {}, ".survival")).toBe("passed");
    expect(await fails(error("survival: t must be…"), {}, ".survival")).toBe("passed");
    expect(await fails(error("retention: t must be…"), {}, ".survival")).toContain(
      "does not start with",
    );
  });

  it("fails a slow call with its input, and stops an endless one with its input (the time rules)", async () => {
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {}
    };
    const slow = await timed(
      () => "probe(1)",
      () => busy(30),
      5,
    ).then(
      () => "passed",
      (error: Error) => error.message,
    );
    expect(slow).toMatch(/^probe\(1\) took \d+ ms of CPU time \(budget 5 ms\)$/);
    // The watchdog, in a process of its own: a call that never returns is reported on stderr
    // with its description, and the process is stopped.
    const script = `
      const { Worker } = require("node:worker_threads");
      const control = new Int32Array(new SharedArrayBuffer(16));
      const startedAt = new Float64Array(new SharedArrayBuffer(8));
      const text = new Uint8Array(new SharedArrayBuffer(1024));
      const { written } = new TextEncoder().encodeInto("endless({ n: 1 })", text);
      control[2] = written;
      startedAt[0] = Date.now();
      control[0] = 1;
      new Worker(${JSON.stringify(WATCHDOG_SOURCE)}, { eval: true, workerData: {
        control: control.buffer, startedAt: startedAt.buffer, text: text.buffer, limit: 50 } });
      for (;;) {}
    `;
    const child = spawnSync(process.execPath, ["-e", script], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal).toBe("SIGKILL");
    expect(child.stderr).toContain("[fuzz watchdog] endless({ n: 1 }) has not returned after");
  });

  it.each(functions)("%s returns clean Decimals or throws MetricInputError", async (name, fn) => {
    const template = await discoverTemplate(fn, name);
    const pure = fc.tuple(garbage, garbage);
    const args = template ? fc.oneof(pure, spoiled(template)) : pure;
    await fc.assert(
      fc.asyncProperty(args, (pair) => callChecked(name, fn, pair).then(() => undefined)),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  });

  it.each(functions)("%s handles the standard garbage values", async (name, fn) => {
    const template = await discoverTemplate(fn, name);
    for (const first of FIXED_GARBAGE) await callChecked(name, fn, [first, template?.[1]]);
    for (const second of FIXED_GARBAGE) {
      await callChecked(name, fn, [template?.[0] ?? {}, second]);
    }
  });

  it.each(functions)("the methods of what %s returns take garbage cleanly", async (name, fn) => {
    const template = await discoverTemplate(fn, name);
    if (!template) return;
    const outcome = await callChecked(name, fn, structuredClone(template));
    const owner = outcome.threw ? undefined : outcome.value;
    // Results that are Decimals, arrays or other built-ins have only the built-ins' methods.
    if (owner === null || typeof owner !== "object" || Decimal.isDecimal(owner)) return;
    if (Array.isArray(owner) || owner instanceof Map || owner instanceof Set) return;
    for (const method of methodsOf(owner).filter((m) => !NO_INPUT.has(m))) {
      const call = (owner as Record<string, AnyFunction>)[method] as AnyFunction;
      const label = methodName(owner, method);
      const made = `${name}(${template.map((a) => show(a)).join(", ")})`;
      for (const first of FIXED_GARBAGE) await callChecked(label, call, [first], owner, made);
      await fc.assert(
        fc.asyncProperty(fc.tuple(garbage, garbage), (pair) =>
          callChecked(label, call, pair, owner, made).then(() => undefined),
        ),
        { numRuns: 40, interruptAfterTimeLimit: 150, markInterruptAsFailure: false },
      );
    }
  });

  it.each(classes)("the static methods of %s take garbage cleanly", async (name, cls) => {
    const statics = Object.getOwnPropertyNames(cls).filter(
      (key) => typeof (cls as unknown as Record<string, unknown>)[key] === "function",
    );
    for (const method of statics) {
      const call = (cls as unknown as Record<string, AnyFunction>)[method] as AnyFunction;
      const label = `${name}.${method}`;
      const json = fc.oneof(garbage, garbage.map(jsonText));
      for (const first of [...FIXED_GARBAGE, "null", "abc", "{}", "[]", '{"version":1}']) {
        await callChecked(label, call, [first], cls);
      }
      await fc.assert(
        fc.asyncProperty(json, (first) =>
          callChecked(label, call, [first], cls).then(() => undefined),
        ),
        { numRuns: 200, interruptAfterTimeLimit: 500, markInterruptAsFailure: false },
      );
    }
  });
});
