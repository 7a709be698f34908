// Every formula metric against values at the edges of what it accepts: either a result in
// which every Decimal is finite and never -0, or a MetricInputError that names the public
// function. Never NaN, Infinity, a TypeError, a DecimalError or an internal error.
import { Decimal as ForeignDecimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { MetricInputError } from "../../src/index.js";

const Other = ForeignDecimal.clone({ precision: 20 });

/** Values near every boundary the validators draw, of every Numeric kind and some that are not. */
const EDGES: unknown[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  5e-324,
  -5e-324,
  Number.MIN_VALUE * 3,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  "0",
  "-0",
  "1e308",
  "9.99e307",
  "1.7976931348623157e308",
  "1.8e308",
  "1e-323",
  "1e-324",
  "4.9e-324",
  "1e-400",
  "-1e-400",
  "1e-9000000000000000",
  "1e+9000000000000000",
  "1e-90000000000000000000",
  " 12 ",
  "\u00a012\u00a0",
  "1_000",
  "١٢",
  "１２",
  "0.9999999999999999",
  "0.99999999999999999999",
  `0.${"9".repeat(60)}`,
  "1e-300",
  "0.0000001",
  10n ** 400n,
  10n ** 308n,
  2n ** 64n,
  -(2n ** 64n),
  0n,
  new Other("1e-9000000000000000"),
  new Other("1e308"),
  new Other("-0"),
  new Other("0.999999999999999999999"),
  new ForeignDecimal("5e-324"),
  { toStringTag: "[object Decimal]" },
  { [Symbol.toStringTag]: "Decimal" },
  { constructor: { isDecimal: () => true } },
  { d: "x", e: "y", s: 1 },
  Object.create(ForeignDecimal.prototype),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  "",
  true,
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.nat(1000) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 320n), max: 10n ** 320n }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -400, max: 400 }))
      .map(([m, e]) => `${m}e${e}`),
  },
);

/** Every Decimal in a result, with its path. */
function decimals(result: unknown, path = "result"): [string, lib.Decimal][] {
  if (lib.Decimal.isDecimal(result)) return [[path, result as lib.Decimal]];
  if (result === null || typeof result !== "object") return [];
  return Object.entries(result).flatMap(([key, inner]) => decimals(inner, `${path}.${key}`));
}

function check(fn: string, call: () => unknown): void {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error;
    expect(error.message.startsWith(`${fn}: `), error.message).toBe(true);
    return;
  }
  if (typeof result === "string") {
    expect(result).not.toMatch(/NaN|Infinity/);
    return;
  }
  for (const [path, d] of decimals(result)) {
    expect(d.isFinite(), `${fn} ${path} = ${d}`).toBe(true);
    expect(d.isZero() && d.isNegative(), `${fn} ${path} is -0`).toBe(false);
  }
}

type Case = [name: string, fields: string[], call: (v: Record<string, unknown>) => unknown];

const any = (f: unknown) => f as never;
const CASES: Case[] = [
  ["retentionRate", ["start", "end", "acquired"], (v) => lib.retentionRate(any(v))],
  ["churnRate", ["start", "lost"], (v) => lib.churnRate(any(v))],
  [
    "churnRate",
    ["start", "end", "acquired"],
    (v) => lib.churnRate(any(v), { denominator: "average" }),
  ],
  ["convertRate", ["rate"], (v) => lib.convertRate(any(v.rate), { from: "day", to: "year" })],
  ["convertRate", ["rate"], (v) => lib.convertRate(any(v.rate), { from: "year", to: "week" })],
  [
    "grossRevenueChurnRate",
    ["startRevenue", "churnedRevenue", "contractionRevenue"],
    (v) => lib.grossRevenueChurnRate(any(v)),
  ],
  [
    "netRevenueChurnRate",
    ["startRevenue", "churnedRevenue", "contractionRevenue", "expansionRevenue"],
    (v) => lib.netRevenueChurnRate(any(v)),
  ],
  [
    "netRevenueRetention",
    ["startRevenue", "churnedRevenue", "contractionRevenue", "expansionRevenue"],
    (v) => lib.netRevenueRetention(any(v)),
  ],
  [
    "grossRevenueRetention",
    ["startRevenue", "churnedRevenue", "contractionRevenue"],
    (v) => lib.grossRevenueRetention(any(v)),
  ],
  ["averageOrderValue", ["revenue", "orders"], (v) => lib.averageOrderValue(any(v))],
  ["purchaseFrequency", ["orders", "customers"], (v) => lib.purchaseFrequency(any(v))],
  ["repeatCustomerRate", ["repeatCustomers", "customers"], (v) => lib.repeatCustomerRate(any(v))],
  ["customerValue", ["averageOrderValue", "purchaseFrequency"], (v) => lib.customerValue(any(v))],
  ["averageCustomerLifespan", ["churnRate"], (v) => lib.averageCustomerLifespan(any(v))],
  [
    "customerLifetimeValue",
    ["averageOrderValue", "purchaseFrequency", "lifespan", "grossMargin"],
    (v) => lib.customerLifetimeValue(any(v)),
  ],
  [
    "discountedLifetimeValue",
    ["margin", "retentionRate", "discountRate"],
    (v) => lib.discountedLifetimeValue(any(v)),
  ],
  [
    "discountedLifetimeValue",
    ["margin", "retentionRate", "discountRate", "periods"],
    (v) => lib.discountedLifetimeValue(any(v), { timing: "start" }),
  ],
  ["saasLifetimeValue", ["arpa", "churnRate", "grossMargin"], (v) => lib.saasLifetimeValue(any(v))],
  [
    "customerAcquisitionCost",
    ["spend", "newCustomers"],
    (v) => lib.customerAcquisitionCost(any(v)),
  ],
  ["cacPaybackPeriod", ["cac", "arpa", "grossMargin"], (v) => lib.cacPaybackPeriod(any(v))],
  ["ltvToCacRatio", ["ltv", "cac"], (v) => lib.ltvToCacRatio(any(v))],
  ["costPerImpression", ["cost", "impressions"], (v) => lib.costPerImpression(any(v))],
  ["costPerMille", ["cost", "impressions"], (v) => lib.costPerMille(any(v))],
  ["conversionRate", ["conversions", "interactions"], (v) => lib.conversionRate(any(v))],
  ["cartAbandonmentRate", ["cartsCreated", "purchases"], (v) => lib.cartAbandonmentRate(any(v))],
  [
    "wilsonInterval",
    ["successes", "trials", "confidence"],
    (v) => lib.wilsonInterval(any(v), { method: "wilson-cc" }),
  ],
  [
    "wilsonInterval",
    ["successes", "trials", "confidence"],
    (v) => lib.wilsonInterval(any(v), { method: "agresti-coull" }),
  ],
  [
    "wilsonInterval",
    ["successes", "trials", "confidence"],
    (v) => lib.wilsonInterval(any(v), { method: "clopper-pearson" }),
  ],
  [
    "compareConversion",
    ["c", "n", "vc", "vn", "confidence"],
    (v) =>
      lib.compareConversion(
        any({
          control: { conversions: v.c, interactions: v.n },
          variant: { conversions: v.vc, interactions: v.vn },
          confidence: v.confidence,
        }),
        { alternative: "greater" },
      ),
  ],
  [
    "funnel",
    ["a", "b"],
    (v) =>
      lib.funnel(
        any([
          { name: "a", count: v.a },
          { name: "b", count: v.b },
        ]),
      ),
  ],
  ["engagementRate", ["engagements", "audience"], (v) => lib.engagementRate(any(v))],
  ["stickiness", ["dailyActive", "monthlyActive"], (v) => lib.stickiness(any(v))],
  ["referralRate", ["referred", "newCustomers"], (v) => lib.referralRate(any(v))],
  ["responseRate", ["responses", "invited"], (v) => lib.responseRate(any(v))],
  [
    "netPromoterScore",
    ["promoters", "passives", "detractors", "confidence"],
    (v) =>
      lib.netPromoterScore(any(v), { confidence: any(v.confidence), interval: "adjusted-wald" }),
  ],
  ["netPromoterScore", ["a", "b"], (v) => lib.netPromoterScore(any([v.a, v.b]))],
  [
    "customerSatisfactionScore",
    ["a", "b"],
    (v) => lib.customerSatisfactionScore(any({ 5: v.a, 1: v.b })),
  ],
  ["customerEffortScore", ["a", "b"], (v) => lib.customerEffortScore(any([v.a, v.b]))],
  [
    "quickRatio",
    ["newRevenue", "expansionRevenue", "churnedRevenue", "contractionRevenue"],
    (v) => lib.quickRatio(any(v)),
  ],
  [
    "averageRevenuePerAccount",
    ["revenue", "accounts"],
    (v) => lib.averageRevenuePerAccount(any(v)),
  ],
  [
    "mrrMovements",
    ["a", "b"],
    (v) =>
      lib.mrrMovements(any([{ customerId: "x", mrr: v.a }]), any([{ customerId: "x", mrr: v.b }])),
  ],
  ["toPercent", ["rate"], (v) => lib.toPercent(any(v.rate))],
  ["formatPercent", ["rate"], (v) => lib.formatPercent(any(v.rate), { decimals: 2 })],
  ["round", ["value"], (v) => lib.round(any(v.value), 3)],
  [
    "kaplanMeier",
    ["a", "b", "confidence"],
    (v) =>
      lib.kaplanMeier(
        any([
          { duration: v.a, churned: true },
          { duration: v.b, churned: false },
          { duration: 1, churned: true },
        ]),
        { confidence: any(v.confidence), band: "log-log" },
      ),
  ],
];

describe("formula metrics at the edges of their inputs", () => {
  it.each(CASES)(
    "%s(%j) gives finite Decimals or a MetricInputError naming it (property)",
    (name, fields, call) => {
      fc.assert(
        fc.property(fc.tuple(...fields.map(() => value)), (values) => {
          const input = Object.fromEntries(fields.map((field, k) => [field, values[k]]));
          check(name, () => call(input));
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(CASES)(
    "%s(%j) gives finite Decimals or a MetricInputError for each edge value in each field",
    (name, fields, call) => {
      // Each field takes each edge value while the others hold a plain 1 or 0.5.
      for (const field of fields) {
        for (const edge of EDGES) {
          const input = Object.fromEntries(
            fields.map((f) => [f, f === field ? edge : f === "confidence" ? 0.5 : 1]),
          );
          check(name, () => call(input));
        }
      }
    },
  );

  const LOOK_ALIKES: unknown[] = [
    { toStringTag: "[object Decimal]" },
    { toStringTag: "[object Decimal]", toString: () => "twelve" },
    { [Symbol.toStringTag]: "Decimal" },
    { constructor: { isDecimal: () => true } },
    { d: "x", e: "y", s: 1 },
    Object.create(ForeignDecimal.prototype),
  ];

  it.each(CASES)(
    "%s(%j) throws NOT_A_NUMBER for an object that only looks like a Decimal (once a TypeError)",
    (name, fields, call) => {
      for (const field of fields) {
        for (const fake of LOOK_ALIKES) {
          const input = Object.fromEntries(
            fields.map((f) => [f, f === field ? fake : f === "confidence" ? 0.5 : 1]),
          );
          let error: unknown;
          try {
            call(input);
          } catch (caught) {
            error = caught;
          }
          expect(error, `${name} ${field}`).toBeInstanceOf(MetricInputError);
          expect((error as MetricInputError).code, `${name} ${field}`).toBe("NOT_A_NUMBER");
          expect((error as MetricInputError).message.startsWith(`${name}: `)).toBe(true);
        }
      }
    },
  );
});
