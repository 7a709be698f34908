/**
 * The fuzz suite's shared rules for one call: a typed MetricInputError (known code, non-empty
 * field, a message that names the function the user called) or a result whose Decimal leaves
 * are finite and not -0; inputs not mutated; and a time budget per call.
 *
 * Time: each call's CPU time (this process's user + system time, so that other processes on a
 * loaded machine do not count) fails the call, naming the function and the input, beyond
 * {@link CALL_BUDGET_MS}. The budget is far above any legitimate call (the slowest, a
 * Pareto/NBD fit of 20 random customers under coverage, takes under a second) and far below
 * the defects it is there for (a BG/BB fit once took 22 s; BG/NBD with frequency 1e300 never
 * returned). A synchronous endless loop never returns to be measured, so a watchdog thread
 * also watches the call in progress: after {@link HANG_LIMIT_MS} of wall time it writes the
 * function and the input to stderr and ends the test process, so a hang is reported with its
 * input instead of stalling the run.
 */
import { Worker } from "node:worker_threads";
import fc from "fast-check";

const core: Record<string, unknown> = await import("../../src/index.js");

/** The core and the subpaths `customer-metrics/sql` and `customer-metrics/charts`. */
export const lib: Record<string, unknown> = {
  ...core,
  ...(await import("../../src/sql/index.js")),
  ...(await import("../../src/charts/index.js")),
};
export const Decimal = lib.Decimal as typeof import("../../src/index.js").Decimal;
export type Decimal = import("../../src/index.js").Decimal;
export const MetricInputError =
  lib.MetricInputError as typeof import("../../src/index.js").MetricInputError;

/** The error codes of API.md. */
export const CODES: ReadonlySet<string> = new Set([
  "NOT_A_NUMBER",
  "NOT_FINITE",
  "NEGATIVE",
  "NOT_INTEGER",
  "OUT_OF_RANGE",
  "ZERO_DENOMINATOR",
  "INCONSISTENT",
  "INVALID_DATE",
  "EMPTY",
  "INVALID_OPTION",
]);

/** Exports that are classes or constructors, not metrics. */
const NOT_CALLABLE = new Set(["Decimal", "MetricInputError"]);

/** Class syntax cannot be called without `new`; such exports are not metrics either. */
export function isClassSyntax(value: unknown): boolean {
  return typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
}

export type AnyFunction = (...args: unknown[]) => unknown;

/** Every exported function of the package's entries, found when the suite runs. */
export const functions: [string, AnyFunction][] = Object.entries(lib).filter(
  (entry): entry is [string, AnyFunction] =>
    typeof entry[1] === "function" && !NOT_CALLABLE.has(entry[0]) && !isClassSyntax(entry[1]),
);

/** The exported functions of the core entry (src/index.ts): the metrics and event functions. */
export const coreFunctions: [string, AnyFunction][] = functions.filter(([name]) => name in core);

/** Exported classes other than Decimal and MetricInputError (their methods are fuzzed too). */
export const classes: [string, AnyFunction][] = Object.entries(lib).filter(
  (entry): entry is [string, AnyFunction] =>
    typeof entry[1] === "function" && !NOT_CALLABLE.has(entry[0]) && isClassSyntax(entry[1]),
);

// ---------------------------------------------------------------------------------------
// Time budget and watchdog

/** A call that uses more CPU time than this fails with its function and input. */
export const CALL_BUDGET_MS = 10_000;
/** A call that has not returned after this much wall time is a hang: the process is stopped. */
export const HANG_LIMIT_MS = 60_000;

const TEXT_BYTES = 1 << 16;
/** [0]: 1 while a call runs; [1]: call sequence number; [2]: length of the description. */
const control = new Int32Array(new SharedArrayBuffer(16));
const startedAt = new Float64Array(new SharedArrayBuffer(8));
const text = new Uint8Array(new SharedArrayBuffer(TEXT_BYTES));
const encoder = new TextEncoder();
let watchdog: Worker | undefined;

export const WATCHDOG_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const control = new Int32Array(workerData.control);
const startedAt = new Float64Array(workerData.startedAt);
const text = new Uint8Array(workerData.text);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  Atomics.wait(sleeper, 0, 0, 500);
  if (Atomics.load(control, 0) !== 1) continue;
  const elapsed = Date.now() - startedAt[0];
  if (elapsed < workerData.limit) continue;
  const length = Atomics.load(control, 2);
  const what = Buffer.from(text.slice(0, length)).toString("utf8");
  writeSync(2, "\\n[fuzz watchdog] " + what + " has not returned after " + Math.round(elapsed / 1000) + " s (an endless loop?); stopping the test process.\\n");
  process.kill(process.pid, "SIGKILL");
}
`;

function startWatchdog(): void {
  if (watchdog) return;
  watchdog = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: {
      control: control.buffer,
      startedAt: startedAt.buffer,
      text: text.buffer,
      limit: HANG_LIMIT_MS,
    },
  });
  watchdog.unref();
}

/**
 * Run `run` (sync or async) under the time budget and the watchdog; `describeCall` names the
 * function and its input for the reports. Returns the outcome without judging it.
 */
export async function timed(
  describeCall: () => string,
  run: () => unknown,
  budgetMs: number = CALL_BUDGET_MS,
): Promise<{ threw: boolean; value: unknown; ms: number }> {
  startWatchdog();
  const what = describeCall();
  const { written } = encoder.encodeInto(what, text);
  Atomics.store(control, 2, written);
  startedAt[0] = Date.now();
  Atomics.add(control, 1, 1);
  Atomics.store(control, 0, 1);
  const cpu0 = process.cpuUsage();
  let threw = false;
  let value: unknown;
  try {
    value = run();
    if (
      value !== null &&
      typeof value === "object" &&
      typeof (value as Promise<unknown>).then === "function"
    ) {
      value = await value;
    }
  } catch (error) {
    threw = true;
    value = error;
  } finally {
    Atomics.store(control, 0, 0);
  }
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  if (ms > budgetMs) {
    throw new Error(`${what} took ${Math.round(ms)} ms of CPU time (budget ${budgetMs} ms)`);
  }
  return { threw, value, ms };
}

// ---------------------------------------------------------------------------------------
// Snapshots (for the no-mutation check) and result checks

export function show(value: unknown, maxLength = 2_000): string {
  let s: string;
  try {
    s = fc.stringify(value);
  } catch {
    s = String(value);
  }
  return s.length > maxLength ? `${s.slice(0, maxLength)}…` : s;
}

/** A canonical string of a value's observable state, recursing into containers. */
export function snapshot(value: unknown, seen = new Set<unknown>()): string {
  switch (typeof value) {
    case "undefined":
      return "u";
    case "number":
      return Object.is(value, -0) ? "n:-0" : `n:${value}`;
    case "bigint":
      return `i:${value}`;
    case "string":
      return `s:${JSON.stringify(value)}`;
    case "boolean":
      return `b:${value}`;
    case "symbol":
      return `y:${String(value)}`;
    case "function":
      return "f";
  }
  if (value === null) return "null";
  if (seen.has(value)) return "cycle";
  seen.add(value);
  const object = value as object;
  const flags = `${Object.isExtensible(object) ? "" : "sealed"}${Object.isFrozen(object) ? "frozen" : ""}`;
  if (Decimal.isDecimal(object)) {
    // An object that only claims to be a Decimal is snapshot field by field below.
    try {
      const d = object as Decimal;
      return `D:${d.toString()}:${d.isNegative()}:${flags}`;
    } catch {}
  }
  if (object instanceof Date) return `T:${object.getTime()}`;
  if (ArrayBuffer.isView(object)) {
    const items = Array.from(object as unknown as ArrayLike<unknown>, (x) => snapshot(x, seen));
    return `A:${object.constructor.name}[${items.join(",")}]`;
  }
  if (object instanceof Map) {
    const entries = [...object].map(([k, v]) => `${snapshot(k, seen)}=>${snapshot(v, seen)}`);
    return `M{${entries.join(",")}}${flags}`;
  }
  if (object instanceof Set) {
    return `S{${[...object].map((v) => snapshot(v, seen)).join(",")}}${flags}`;
  }
  const parts = Reflect.ownKeys(object).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    const inner =
      descriptor && "value" in descriptor ? snapshot(descriptor.value, seen) : "accessor";
    return `${String(key)}:${inner}`;
  });
  const kind = Array.isArray(object) ? "[]" : "{}";
  return `${kind}${Object.getPrototypeOf(object) === null ? "null-proto" : ""}(${parts.join(",")})${flags}`;
}

/**
 * Every container reachable from the inputs: a result may hand these back as they are
 * (an accumulator's `options`). Decimals are not containers: they are always checked.
 */
export function reachable(value: unknown, into: Set<unknown>): Set<unknown> {
  if (value === null || typeof value !== "object" || into.has(value)) return into;
  if (Decimal.isDecimal(value)) return into;
  into.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      reachable(k, into);
      reachable(v, into);
    }
  } else if (value instanceof Set) {
    for (const v of value) reachable(v, into);
  } else if (!ArrayBuffer.isView(value)) {
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && "value" in descriptor) reachable(descriptor.value, into);
    }
  }
  return into;
}

/**
 * The first problem found in a result, or undefined. Objects in `seen` are skipped; it
 * starts with everything reachable from the inputs, which a result may echo back.
 */
export function problemIn(
  value: unknown,
  path: string,
  seen: Set<unknown>,
  depth = 0,
): string | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) ? undefined : `${path} is the number ${value}`;
  }
  if (value === null || typeof value !== "object") return undefined;
  // A Decimal in the result is checked even when it is one of the inputs' own Decimals.
  if (Decimal.isDecimal(value)) {
    const d = value as Decimal;
    // decimal.js sets `constructor` on every instance: the library's results are its own class.
    if ((d as { constructor?: unknown }).constructor !== Decimal) {
      return `${path} is not an instance of the library's Decimal class (${show(d)})`;
    }
    if (!d.isFinite()) return `${path} is Decimal(${d.toString()})`;
    if (d.isZero() && d.isNegative()) return `${path} is Decimal(-0)`;
    return undefined;
  }
  if (seen.has(value) || depth > 10) return undefined;
  seen.add(value);
  if (value instanceof Date || ArrayBuffer.isView(value)) {
    if (value instanceof Float64Array || value instanceof Float32Array) {
      const index = value.findIndex((x) => !Number.isFinite(x));
      return index >= 0 ? `${path}[${index}] is ${value[index]}` : undefined;
    }
    return undefined;
  }
  const check = (child: unknown, childPath: string): string | undefined =>
    problemIn(child, childPath, seen, depth + 1);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const found = check(k, `${path}.key`) ?? check(v, `${path}.get(${String(k)})`);
      if (found) return found;
    }
    return undefined;
  }
  if (Array.isArray(value) || value instanceof Set) {
    let index = 0;
    for (const item of value) {
      const found = check(item, `${path}[${index}]`);
      if (found) return found;
      index += 1;
    }
    return undefined;
  }
  // Own enumerable fields and getters of the result (class instances included).
  for (const key of Object.keys(value)) {
    const found = check((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  for (
    let proto = Object.getPrototypeOf(value);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get && key !== "__proto__") {
        const found = check((value as Record<string, unknown>)[key], `${path}.${key}`);
        if (found) return found;
      }
    }
  }
  // Other iterables (a table object that yields rows): walk their items, unless iterating
  // would consume a one-shot iterator.
  const iterate = (value as { [Symbol.iterator]?: () => Iterator<unknown> })[Symbol.iterator];
  if (typeof iterate === "function") {
    const iterator = iterate.call(value);
    if ((iterator as unknown) !== value) {
      let index = 0;
      for (let step = iterator.next(); !step.done && index < 10_000; step = iterator.next()) {
        const found = check(step.value, `${path}[${index}]`);
        if (found) return found;
        index += 1;
      }
    }
  }
  return undefined;
}

/** Regular-expression text matching `name` literally. */
function literal(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * What the message of an error thrown by `name` must start with. `name` is `'fn'` for an
 * exported function, `'Class.method'` for a method of an exported class, and
 * `'.method'` for a method of a plain result object (a fitted model, a cohort table): that
 * message names the method, alone or after its owner's name.
 */
export function messagePrefix(name: string): RegExp {
  if (name.startsWith("."))
    return new RegExp(`^(?:[A-Za-z_$][\\w$]*\\.)?${literal(name.slice(1))}: `);
  return new RegExp(`^${literal(name)}: `);
}

/** The problem with a thrown value, or undefined when it is a well-formed MetricInputError. */
export function errorProblem(thrown: unknown, name: string): string | undefined {
  if (!(thrown instanceof MetricInputError)) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : show(thrown);
    return `threw a non-MetricInputError: ${what}`;
  }
  if (!CODES.has(thrown.code)) return `threw a MetricInputError with code ${show(thrown.code)}`;
  if (typeof thrown.field !== "string" || thrown.field === "") {
    return `threw a MetricInputError with field ${show(thrown.field)} (${thrown.message})`;
  }
  const prefix = messagePrefix(name);
  if (!prefix.test(thrown.message)) {
    return `threw a MetricInputError whose message does not start with ${prefix.source}: ${show(thrown.message)}`;
  }
  return undefined;
}

export type Outcome =
  | { threw: true; error: InstanceType<typeof MetricInputError> }
  | { threw: false; value: unknown };

/**
 * Call `fn(...args)` (with `self` as `this`), check the outcome against the library-wide rules
 * and return it; throws a descriptive Error naming the call when a rule is broken. `name` is
 * as in {@link messagePrefix}; `owner`, for a method, says how `self` was made (the call that
 * returned it), for the reports.
 */
export async function callChecked(
  name: string,
  fn: AnyFunction,
  args: readonly unknown[],
  self?: unknown,
  owner?: string,
): Promise<Outcome> {
  const call = () =>
    `${owner ? `${owner}.` : ""}${name.startsWith(".") ? name.slice(1) : name}(${args.map((a) => show(a)).join(", ")})`;
  const before = args.map((a) => snapshot(a));
  const { threw, value } = await timed(call, () => fn.apply(self, args as unknown[]));
  if (threw) {
    const problem = errorProblem(value, name);
    if (problem) throw new Error(`${call()} ${problem}`);
  } else {
    let problem: string | undefined;
    try {
      const inputs = new Set<unknown>();
      for (const a of args) reachable(a, inputs);
      problem = problemIn(value, "result", inputs);
    } catch (error) {
      problem = `reading the result threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`;
    }
    if (problem) throw new Error(`${call()} returned a bad value: ${problem}`);
  }
  const after = args.map((a) => snapshot(a));
  if (after.some((s, i) => s !== before[i])) {
    throw new Error(
      `${call()} mutated its input: ${before.join(" | ")} became ${after.join(" | ")}`,
    );
  }
  return threw
    ? { threw: true, error: value as InstanceType<typeof MetricInputError> }
    : { threw: false, value };
}

/** The value of a checked call that must succeed; fails with the error otherwise. */
export async function succeeded(
  name: string,
  fn: AnyFunction,
  args: readonly unknown[],
  self?: unknown,
): Promise<unknown> {
  const outcome = await callChecked(name, fn, args, self);
  if (outcome.threw) {
    throw new Error(
      `${name}(${args.map((a) => show(a)).join(", ")}) threw ${outcome.error.message}`,
    );
  }
  return outcome.value;
}

/** Every function-valued property of an object (own and inherited, not Object's). */
export function methodsOf(value: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(o, key);
      if (descriptor && typeof descriptor.value === "function") names.add(key);
    }
  }
  return [...names].sort();
}

/** Freeze a value and everything inside it (typed arrays with elements cannot be frozen). */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value;
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
  return Object.freeze(value);
}
