// Checks the built package as an application that loads both of its builds would: the ES
// module (import) and the CommonJS build (require) each have their own MetricInputError class,
// and each must recognise the other's errors. Run after `npm run build`.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const esm = await import("../dist/index.js");
const cjs = createRequire(import.meta.url)("../dist/index.cjs");

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected a throw");
}

assert.notEqual(esm.MetricInputError, cjs.MetricInputError, "two builds, two classes");

const fromCjs = thrown(() => cjs.churnRate({ start: 0, lost: 0 }));
const fromEsm = thrown(() => esm.churnRate({ start: 0, lost: 0 }));
for (const [error, label] of [
  [fromCjs, "CommonJS"],
  [fromEsm, "ES module"],
]) {
  assert.equal(error.code, "ZERO_DENOMINATOR", label);
  assert.ok(error instanceof esm.MetricInputError, `${label} error instanceof ESM class`);
  assert.ok(error instanceof cjs.MetricInputError, `${label} error instanceof CJS class`);
  assert.ok(esm.isMetricInputError(error), `${label} error: ESM isMetricInputError`);
  assert.ok(cjs.isMetricInputError(error), `${label} error: CJS isMetricInputError`);
  assert.ok(error instanceof RangeError, `${label} error instanceof RangeError`);
}

// A subclass in either build keeps the ordinary prototype test.
class EsmSub extends esm.MetricInputError {}
class CjsSub extends cjs.MetricInputError {}
assert.ok(new EsmSub("EMPTY", "m", "x", []) instanceof cjs.MetricInputError);
assert.ok(!(fromCjs instanceof EsmSub));
assert.ok(!(new EsmSub("EMPTY", "m", "x", []) instanceof CjsSub));

// Look-alikes are not recognised.
const lookalike = Object.assign(new RangeError("m"), { code: "EMPTY", field: "x", value: [] });
assert.ok(!(lookalike instanceof esm.MetricInputError));
assert.ok(!cjs.isMetricInputError(lookalike));

// Both builds compute the same figures.
assert.equal(
  esm.churnRate({ start: 2000, lost: 150 }).toString(),
  cjs.churnRate({ start: 2000, lost: 150 }).toString(),
);
assert.equal(esm.churnRate({ start: 2000, lost: 150 }).toString(), "0.075");

console.log("dist: one MetricInputError across the ES module and CommonJS builds");

// The subpaths load in both builds and agree: customer-metrics/sql builds the same query, and
// customer-metrics/charts draws the same bytes (the CommonJS build carries its own copy of the
// d3 modules, which are ES modules only).
const require = createRequire(import.meta.url);
const sqlEsm = await import("../dist/sql.js");
const sqlCjs = require("../dist/sql.cjs");
const source = { table: "orders", customerId: "customer_id", at: "ordered_at", revenue: "amount" };
assert.deepEqual(
  sqlCjs.cohortQuery(source, { dialect: "postgres" }),
  sqlEsm.cohortQuery(source, { dialect: "postgres" }),
);
const chartsEsm = await import("../dist/charts.js");
const chartsCjs = require("../dist/charts.cjs");
const events = [
  { customerId: "a", at: "2024-01-05", revenue: "10" },
  { customerId: "a", at: "2024-02-05", revenue: "5" },
  { customerId: "b", at: "2024-01-09", revenue: "7" },
];
const svg = chartsEsm.cohortHeatmap(esm.cohortAnalysis(events), { value: "retention" });
assert.ok(svg.startsWith("<svg"), "a chart is an SVG document");
assert.equal(chartsCjs.cohortHeatmap(cjs.cohortAnalysis(events), { value: "retention" }), svg);
console.log("dist: customer-metrics/sql and customer-metrics/charts agree across both builds");
