/**
 * Garbage values and near-valid templates of each exported function's arguments, shared by
 * the fuzz files. A function's arguments are learnt from its own errors: starting from `{}`,
 * `[{}]` or a number, every field a MetricInputError names is filled with a plausible value
 * until the call succeeds. That template can then be spoiled leaf by leaf, to reach the
 * deeper checks.
 */
import fc from "fast-check";
import {
  type AnyFunction,
  Decimal,
  deepFreeze,
  MetricInputError,
  show,
  timed,
} from "./_harness.js";

// ---------------------------------------------------------------------------------------
// Garbage generators

/** Field names the library's inputs and options use, plus hostile keys. */
export const FIELD_NAMES = [
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

export const garbageLeaf: fc.Arbitrary<unknown> = fc.oneof(
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

export function withOwnKeys(
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
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

export const { garbage } = fc.letrec<{
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
export function pathTokens(field: string): (string | number)[] | undefined {
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
export function discoverTemplate(
  fn: AnyFunction,
  name: string = fn.name,
): Promise<[unknown, unknown] | undefined> {
  // Learnt once per function and file; each caller gets its own copy.
  let learnt = templates.get(fn);
  if (!learnt) {
    learnt = learnTemplate(fn, name);
    templates.set(fn, learnt);
  }
  return learnt.then((t) => (t === undefined ? undefined : structuredClone(t)));
}

const templates = new Map<AnyFunction, Promise<[unknown, unknown] | undefined>>();

async function learnTemplate(
  fn: AnyFunction,
  name: string,
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
      const attempt = structuredClone(args);
      const outcome = await timed(
        () => `${name}(${attempt.map((a) => show(a)).join(", ")})`,
        () => fn(...attempt),
      );
      if (!outcome.threw) return args;
      const error = outcome.value;
      if (!(error instanceof MetricInputError)) break;
      const tries = tried.get(error.field) ?? 0;
      if (tries >= CANDIDATES.length) break;
      tried.set(error.field, tries + 1);
      const where = target(args, error.field, listNames);
      if (/iterable|list|array/i.test(error.message) && pathTokens(where.field)?.length === 1) {
        // A second list argument ('end' of a pair of snapshots).
        if (where.index === 1 && args[1] === undefined) {
          args[1] = [{}];
          continue;
        }
      }
      if (where.field === "") {
        args[where.index] = tries === 0 ? {} : [{}];
        continue;
      }
      if (args[where.index] === undefined || typeof args[where.index] !== "object") {
        args[where.index] = typeof pathTokens(where.field)?.[1] === "number" ? [{}] : {};
      }
      if (!setPath(args[where.index], where.field, CANDIDATES[tries])) break;
    }
  }
  return undefined;
}

/** Every path to a primitive leaf of a template (keys and indexes). */
export function leafPaths(
  value: unknown,
  prefix: (string | number)[] = [],
  within: ReadonlySet<object> = new Set(),
): (string | number)[][] {
  // An object met again on its own path (a cycle) counts as a leaf.
  if (value === null || typeof value !== "object" || within.has(value)) return [prefix];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  if (keys.length === 0) return [prefix];
  const path = new Set(within).add(value);
  return keys.flatMap((key) =>
    leafPaths((value as Record<string | number, unknown>)[key], [...prefix, key], path),
  );
}

/** A copy of `value` with the leaf at `path` replaced (a path of [] replaces everything). */
export function replaceAt(
  value: unknown,
  path: readonly (string | number)[],
  leaf: unknown,
): unknown {
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
export function spoiled(template: [unknown, unknown]): fc.Arbitrary<[unknown, unknown]> {
  return fc.tuple(
    spoiledOne(template[0]),
    fc.oneof(
      spoiledOne(template[1]),
      fc.constant(template[1]).map((v) => structuredClone(v)),
    ),
  );
}

export function spoiledOne(template: unknown): fc.Arbitrary<unknown> {
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

/** JSON text of a garbage value (bigints as numbers), or a broken text when it has none. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v)) ?? "undefined";
  } catch {
    return "{";
  }
}
