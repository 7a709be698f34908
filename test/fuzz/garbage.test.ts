/**
 * Library-wide garbage-input property: every exported function, given any garbage as its
 * first and second argument, either returns a result whose Decimal leaves are finite and
 * not -0 (and whose number leaves are finite), or throws (or rejects with) a
 * MetricInputError. Inputs are never mutated. The list of functions is taken from
 * src/index.ts when the test runs, so new exports are covered automatically.
 *
 * Pure garbage mostly stops at a function's first check, so each function's arguments are
 * also learnt from its own errors: starting from `{}`, `[{}]` or a number, every field a
 * MetricInputError names is filled with a plausible value until the call succeeds. That
 * template is then spoiled leaf by leaf with garbage, to reach the deeper checks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const lib: Record<string, unknown> = await import("../../src/index.js");
const Decimal = lib.Decimal as typeof import("../../src/index.js").Decimal;
const MetricInputError =
  lib.MetricInputError as typeof import("../../src/index.js").MetricInputError;

/** Exports that are classes or constructors, not metrics. */
const NOT_CALLABLE = new Set(["Decimal", "MetricInputError", "CohortAccumulator"]);

const CODES = new Set([
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

/** Class syntax cannot be called without `new`; such exports are not metrics either. */
function isClassSyntax(value: unknown): boolean {
  return typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
}

const functions = Object.entries(lib).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] =>
    typeof entry[1] === "function" && !NOT_CALLABLE.has(entry[0]) && !isClassSyntax(entry[1]),
);

// ---------------------------------------------------------------------------------------
// Garbage generators

/** Field names the library's inputs and options use, plus hostile keys. */
const FIELD_NAMES = [
  "start",
  "end",
  "acquired",
  "lost",
  "startRevenue",
  "churnedRevenue",
  "contractionRevenue",
  "expansionRevenue",
  "reactivationRevenue",
  "newRevenue",
  "rate",
  "from",
  "to",
  "revenue",
  "orders",
  "customers",
  "repeatCustomers",
  "averageOrderValue",
  "purchaseFrequency",
  "churnRate",
  "lifespan",
  "grossMargin",
  "margin",
  "retentionRate",
  "discountRate",
  "periods",
  "arpa",
  "accounts",
  "spend",
  "newCustomers",
  "cac",
  "ltv",
  "cost",
  "impressions",
  "conversions",
  "interactions",
  "cartsCreated",
  "purchases",
  "successes",
  "trials",
  "confidence",
  "control",
  "variant",
  "name",
  "count",
  "steps",
  "engagements",
  "audience",
  "platform",
  "followers",
  "reach",
  "views",
  "likes",
  "comments",
  "shares",
  "dailyActive",
  "monthlyActive",
  "promoters",
  "passives",
  "detractors",
  "responses",
  "invited",
  "referred",
  "scale",
  "min",
  "max",
  "satisfiedFrom",
  "agreeFrom",
  "higherIsEasier",
  "interval",
  "by",
  "customerId",
  "mrr",
  "previouslyChurned",
  "period",
  "timeZone",
  "weekStartsOn",
  "asOf",
  "at",
  "mode",
  "brackets",
  "duration",
  "churned",
  "unit",
  "observationEnd",
  "frequency",
  "recency",
  "T",
  "monetaryValue",
  "weight",
  "alive",
  "minorUnits",
  "cohortOf",
  "decimals",
  "places",
  "subjects",
  "events",
  "transactions",
  "bins",
  "segments",
  "horizon",
  "spendModel",
  "customer",
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "length",
  "0",
  "1",
  "",
  " ",
  "then",
];

const garbageLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    "",
    " ",
    "abc",
    "1e400",
    "-1e400",
    "1e-400",
    "Infinity",
    "NaN",
    " 12 ",
    "1 2",
    "0x10",
    "-0",
    -1,
    -0,
    0,
    1,
    1.5,
    0.1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e308,
    1e21,
    10n ** 400n,
    -(10n ** 30n),
    -1n,
    0n,
    null,
    undefined,
    true,
    false,
    "2024-01-15",
    "2024-13-45",
    "not a date",
    "month",
    "week",
    "UTC",
    "Mars/Olympus",
    "__proto__",
  ),
  fc.constantFrom("NaN", "inf", "-5", "1e309", "  3  ", "9", "10", "0.5").map((s) => s),
  fc.double(),
  fc.integer({ min: -20, max: 20 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("0", "1", "7", "19.99", "0.95", "100").map((s) => new Decimal(s)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0).map((n) => new Decimal(n)),
  fc.integer({ min: -1e13, max: 4e12 }).map((t) => new Date(t)),
  fc.constant(null).map(() => new Date(Number.NaN)),
);

function withOwnKeys(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    // defineProperty makes "__proto__" an own data property, as JSON.parse would.
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value; // typed arrays with elements cannot be frozen
  for (const key of Reflect.ownKeys(value)) {
    deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
  return Object.freeze(value);
}

const { garbage } = fc.letrec<{
  garbage: unknown;
  object: Record<string, unknown>;
  list: unknown[];
}>((tie) => ({
  garbage: fc.oneof(
    { maxDepth: 3, depthIdentifier: "garbage" },
    { arbitrary: garbageLeaf, weight: 6 },
    { arbitrary: tie("object"), weight: 4 },
    { arbitrary: tie("list"), weight: 3 },
    {
      arbitrary: fc.array(fc.double(), { maxLength: 5 }).map((a) => Float64Array.from(a)),
      weight: 1,
    },
    {
      arbitrary: fc
        .array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 5 })
        .map((a) => BigInt64Array.from(a)),
      weight: 1,
    },
    { arbitrary: fc.array(garbageLeaf, { maxLength: 4 }).map((a) => new Set(a)), weight: 1 },
    {
      arbitrary: fc
        .array(fc.tuple(garbageLeaf, garbageLeaf), { maxLength: 4 })
        .map((a) => new Map(a)),
      weight: 1,
    },
  ),
  object: fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })),
          tie("garbage"),
        ),
        { maxLength: 6 },
      ),
      fc.boolean(),
    )
    .map(([entries, frozen]) => {
      const object = withOwnKeys(entries);
      return frozen ? deepFreeze(object) : object;
    }),
  list: fc
    .tuple(fc.array(tie("garbage"), { maxLength: 6 }), fc.boolean())
    .map(([items, frozen]) => (frozen ? deepFreeze(items) : items)),
}));

// ---------------------------------------------------------------------------------------
// Snapshots (for the no-mutation check) and result checks

/** A canonical string of a value's observable state, recursing into containers. */
function snapshot(value: unknown, seen = new Set<unknown>()): string {
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
    const d = object as InstanceType<typeof Decimal>;
    return `D:${d.toString()}:${d.isNegative()}:${flags}`;
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
function reachable(value: unknown, into: Set<unknown>): Set<unknown> {
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
function problemIn(
  value: unknown,
  path: string,
  seen: Set<unknown>,
  depth: number,
): string | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) ? undefined : `${path} is the number ${value}`;
  }
  if (value === null || typeof value !== "object") return undefined;
  // A Decimal in the result is checked even when it is one of the inputs' own Decimals.
  if (Decimal.isDecimal(value)) {
    const d = value as InstanceType<typeof Decimal>;
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

function show(value: unknown): string {
  try {
    return fc.stringify(value);
  } catch {
    return String(value);
  }
}

/** Call one function with two arguments and check the outcome; throws a descriptive Error. */
async function callChecked(
  name: string,
  fn: (...args: unknown[]) => unknown,
  first: unknown,
  second: unknown,
): Promise<void> {
  const call = `${name}(${show(first)}, ${show(second)})`;
  const before = [snapshot(first), snapshot(second)];
  let result: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    result = fn(first, second);
    if (
      result !== null &&
      typeof result === "object" &&
      typeof (result as Promise<unknown>).then === "function"
    ) {
      result = await result;
    }
  } catch (error) {
    threw = true;
    thrown = error;
  }
  if (threw) {
    if (!(thrown instanceof MetricInputError)) {
      const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : show(thrown);
      throw new Error(`${call} threw a non-MetricInputError: ${what}`);
    }
    if (!CODES.has(thrown.code) || typeof thrown.field !== "string") {
      throw new Error(
        `${call} threw a MetricInputError with code ${show(thrown.code)}, field ${show(thrown.field)}`,
      );
    }
  } else {
    let problem: string | undefined;
    try {
      const inputs = reachable(second, reachable(first, new Set()));
      problem = problemIn(result, "result", inputs, 0);
    } catch (error) {
      problem = `reading the result threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`;
    }
    if (problem) throw new Error(`${call} returned a bad value: ${problem}`);
  }
  const after = [snapshot(first), snapshot(second)];
  if (after[0] !== before[0] || after[1] !== before[1]) {
    throw new Error(`${call} mutated its input: ${before.join(" | ")} became ${after.join(" | ")}`);
  }
}

// ---------------------------------------------------------------------------------------
// Near-valid inputs: learn a function's fields from the errors it throws, then spoil them

/** Values tried, in order, for a field a function asks for. */
const CANDIDATES: readonly unknown[] = [
  1,
  10,
  100,
  "0.5",
  0,
  "2024-01-15T00:00:00Z",
  "month",
  true,
  [10, 5],
  [{}],
  {},
];

/** Split an error's field (`'control.conversions'`, `'events[0].at'`) into keys and indexes. */
function pathTokens(field: string): (string | number)[] | undefined {
  const tokens: (string | number)[] = [];
  const pattern = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\./gy;
  let consumed = 0;
  for (let match = pattern.exec(field); match; match = pattern.exec(field)) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push(match[1]);
    else if (match[2] !== undefined) tokens.push(Number(match[2]));
  }
  return consumed === field.length && tokens.length > 0 ? tokens : undefined;
}

/** Set a value at a field path inside the template; false when the path does not fit. */
function setPath(root: unknown, field: string, value: unknown): boolean {
  if (root === null || typeof root !== "object") return false;
  let tokens = pathTokens(field);
  if (!tokens) return false;
  // A list argument is named in the field ('steps[0].count'): the root is the list itself.
  if (Array.isArray(root) && typeof tokens[0] === "string" && typeof tokens[1] === "number") {
    tokens = tokens.slice(1);
  }
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const key = tokens[i] as string | number;
    const nextIsIndex = typeof tokens[i + 1] === "number";
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next) !== nextIsIndex) {
      node[key] = nextIsIndex ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
  node[tokens[tokens.length - 1] as string | number] = value;
  return true;
}

/** Where an error's field points: into the first argument or into the second (options). */
function target(
  args: [unknown, unknown],
  field: string,
  listNames: string[],
): { index: 0 | 1; field: string } {
  const tokens = pathTokens(field) ?? [];
  const head = tokens[0];
  if (head === "options") return { index: 1, field: field.replace(/^options\.?/, "") };
  if (typeof head === "string" && typeof tokens[1] === "number") {
    if (listNames.length === 0) listNames.push(head);
    return { index: listNames[0] === head ? 0 : 1, field };
  }
  const first = args[0];
  if (first !== null && typeof first === "object" && !Array.isArray(first))
    return { index: 0, field };
  return { index: 1, field };
}

/**
 * Build arguments the function accepts, by filling in each field its errors name with
 * plausible values (the first argument an object, a list of rows or a number; the second
 * an options object or a list); undefined when that does not work.
 */
async function discoverTemplate(
  fn: (...args: unknown[]) => unknown,
): Promise<[unknown, unknown] | undefined> {
  const starts: [unknown, unknown][] = [
    [{}, undefined],
    [[{}], undefined],
    [1, undefined],
    [1, 1],
  ];
  for (const start of starts) {
    const args = structuredClone(start);
    const tried = new Map<string, number>();
    const listNames: string[] = [];
    for (let step = 0; step < 60; step += 1) {
      let error: unknown;
      try {
        await fn(...structuredClone(args));
        return args;
      } catch (caught) {
        error = caught;
      }
      if (!(error instanceof MetricInputError)) break;
      const attempt = tried.get(error.field) ?? 0;
      if (attempt >= CANDIDATES.length) break;
      tried.set(error.field, attempt + 1);
      const where = target(args, error.field, listNames);
      if (/iterable|list|array/i.test(error.message) && pathTokens(where.field)?.length === 1) {
        // A second list argument ('end' of a pair of snapshots).
        if (where.index === 1 && args[1] === undefined) {
          args[1] = [{}];
          continue;
        }
      }
      if (where.field === "") {
        args[where.index] = attempt === 0 ? {} : [{}];
        continue;
      }
      if (args[where.index] === undefined || typeof args[where.index] !== "object") {
        args[where.index] = typeof pathTokens(where.field)?.[1] === "number" ? [{}] : {};
      }
      if (!setPath(args[where.index], where.field, CANDIDATES[attempt])) break;
    }
  }
  return undefined;
}

/** Every path to a primitive leaf of a template (keys and indexes). */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  if (keys.length === 0) return [prefix];
  return keys.flatMap((key) =>
    leafPaths((value as Record<string | number, unknown>)[key], [...prefix, key]),
  );
}

/** A copy of `value` with the leaf at `path` replaced (a path of [] replaces everything). */
function replaceAt(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    return value.map((item, i) => (i === head ? replaceAt(item, rest, leaf) : item));
  }
  const copy = withOwnKeys(Object.entries(value as Record<string, unknown>));
  copy[head] = replaceAt(copy[head], rest, leaf);
  return copy;
}

/** The template arguments with some leaves replaced by garbage, extra fields, maybe frozen. */
function spoiled(template: [unknown, unknown]): fc.Arbitrary<[unknown, unknown]> {
  return fc.tuple(
    spoiledOne(template[0]),
    fc.oneof(
      spoiledOne(template[1]),
      fc.constant(template[1]).map((v) => structuredClone(v)),
    ),
  );
}

function spoiledOne(template: unknown): fc.Arbitrary<unknown> {
  const paths = leafPaths(template);
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...paths), garbage), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), garbage), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([replacements, extra, frozen]) => {
      let value = structuredClone(template);
      for (const [path, leaf] of replacements) value = replaceAt(value, path, leaf);
      if (
        extra.length > 0 &&
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value)
      ) {
        value = withOwnKeys([...Object.entries(value), ...extra]);
      }
      return frozen ? deepFreeze(value) : value;
    });
}

// ---------------------------------------------------------------------------------------

/**
 * Runs per function, and a time cap per function (slow model fits stop early, counted as
 * passed when nothing failed so far): the whole file stays well under 20 s.
 */
const RUNS = 300;
const TIME_LIMIT_MS = 600;

describe("garbage input to every exported function", () => {
  it("finds the library's functions", () => {
    expect(functions.length).toBeGreaterThan(20);
    const names = functions.map(([name]) => name);
    expect(names).toContain("netPromoterScore");
    expect(names).toContain("retentionRate");
    expect(names).not.toContain("Decimal");
  });

  it("flags bad results, foreign errors and mutation (checks of the harness itself)", async () => {
    const fails = async (fn: (...args: unknown[]) => unknown, first: unknown = {}) =>
      callChecked("probe", fn, first, undefined).then(
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
    const rejects = () => Promise.reject(new MetricInputError("EMPTY", "probe: x", "x", []));
    expect(await fails(rejects)).toBe("passed");
  });

  it.each(functions)("%s returns clean Decimals or throws MetricInputError", async (name, fn) => {
    const template = await discoverTemplate(fn);
    const pure = fc.tuple(garbage, garbage);
    const args = template ? fc.oneof(pure, spoiled(template)) : pure;
    await fc.assert(
      fc.asyncProperty(args, ([a, b]) => callChecked(name, fn, a, b)),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  });

  it.each(functions)("%s handles the standard garbage values", async (name, fn) => {
    const fixed: unknown[] = [
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
    const template = await discoverTemplate(fn);
    for (const first of fixed) await callChecked(name, fn, first, template?.[1]);
    for (const second of fixed) await callChecked(name, fn, template?.[0] ?? {}, second);
  });
});
