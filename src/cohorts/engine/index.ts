/*
 * The cohort engine: event logs in, cohort tables out.
 *
 *   cohortAnalysis.ts, cohortAnalysisAsync.ts, createCohortAccumulator.ts, CohortAccumulator.ts
 *       public entry points; accumulatorDocument.ts is the accumulator's JSON and its checks
 *   read/          reading input: options.ts (validated options), input.ts (rows or columns),
 *                  ids.ts (hash and packed form of ids), customerNumbers.ts (the one numbering
 *                  step: events in partition order to dense customer numbers, partition by
 *                  partition), instants.ts (times), periodKeys.ts (the one pass computing every
 *                  event's period), idCodes.ts (dense codes of ids read one at a time: the
 *                  typed-event reader, the order-log stream of src/analytics/, the command line)
 *   events/        start and return events and the breakdown (options startEvent, returnEvent,
 *                  returnInStartPeriod, breakdownBy), two sibling tables like aggregate/:
 *                  RoleMasks.ts (fast: per customer its start, breakdown value rank and one bit
 *                  per period with a return; revenue per (value, cohort, period) cell) fed by
 *                  roleColumns.ts (columns, or an array of rows without accessors, with event
 *                  names and a breakdown column; the named check `roleMasksFit`), and
 *                  EventRoles.ts (general: entries per (customer, period), `combine`; rows,
 *                  predicates, async batches, the accumulator) read by roleReading.ts and
 *                  scanned per breakdown value by roleScan.ts; roleInput.ts (the event and
 *                  breakdown columns and their checks, the START / RETURN / SUMMED flags, event
 *                  names matched once per distinct name), values.ts (breakdown values and their
 *                  order), rolesDocument.ts (accumulator document version 3)
 *   eventKinds.ts  what an event counts for (active, revenue) under the `active` / `refunds` rules
 *   aggregate/     the two aggregate tables, siblings built by `add` and read by `scan`:
 *                  PeriodMasks.ts (fast: one bit per customer and period, one-shot calendar
 *                  tables) fed by maskNumbering.ts (numbered by read/customerNumbers.ts);
 *                  CustomerPeriods.ts (general: entries per (customer, period), `combine` and
 *                  the JSON form; fed by feed.ts and stream.ts) in one of two partition forms
 *                  chosen up front by `compactFits`: Partition.ts (hashed entries) or, for the
 *                  accumulator and streams over calendar months, quarters and years,
 *                  CompactPartition.ts (per customer a 32-byte record with period masks; a
 *                  customer spanning more than 32 periods moves to a Partition), whose revenue
 *                  is RevenueRuns.ts (integer runs, Int32 then Float64, with free lists) and
 *                  whose add loop is addCompact.ts; both forms extend IdTable.ts (the customer
 *                  id table over per-customer records: lookup, creation, growth); `add` lays a
 *                  batch out as SortedEvents (sortedEvents.ts: the rule for events that leave
 *                  no trace, the id lookup per event) for either form's add loop (addGeneral
 *                  in CustomerPeriods.ts, addCompact.ts); customerPeriodsState.ts reads either
 *                  form for `combine` and the version 2 document, customerPeriodsScan.ts for
 *                  tables; every scan (customerPeriodsScan.ts, PeriodMasks.ts,
 *                  events/roleScan.ts, events/RoleMasks.ts) starts from emptyTable
 *                  (tableCells.ts: rows and zeroed cells)
 *   oneShot.ts     the path choice, made before any aggregation: scratch memory up front, the
 *                  key pass, then the named check `periodMasksFit` (masks) or the general table
 *   scan/          from aggregates to the table: cells.ts (the cells every scan produces),
 *                  Table.ts (rows, lifetime value, JSON), retention.ts (one core; classic,
 *                  unbounded and brackets are views of it: add a retention mode there),
 *                  activeKeys.ts (each customer's active periods in order), lifecycle.ts and
 *                  activeUsers.ts (the event-analytics scans, public in src/analytics/; they
 *                  read the general table, the period masks or the active runs),
 *                  activeMasks.ts (their period-mask path for columns of dense integer ids),
 *                  activeRuns.ts (their path for other columns: each customer's distinct
 *                  periods, grouped per id-hash partition)
 *   group/         per-customer scans (summarizeTransactions, rfmSegments,
 *                  repeatPurchaseRetention, orderMetrics, trackingCurves), entered through
 *                  perCustomer.ts: eventColumns.ts says what is read and kept (ReadPlan,
 *                  EventColumns, the per-event EventReader), readEvents.ts reads rows or
 *                  columns once into those columns in partition order, groupByCustomer.ts
 *                  numbers the customers (read/customerNumbers.ts) and lays each customer's
 *                  events out together in time order, sortOrder.ts orders customers by id
 *                  (radix sort), decimalCache.ts makes each distinct output Decimal once
 *                  (whole columns by sorting: meanColumn, totalsInOrder); the scans
 *                  summaryScan.ts, rfmScan.ts, repeatScan.ts, orderScan.ts, trackingScan.ts
 *                  extend CustomerScan.ts (add a per-customer scan there). All their memory is the
 *                  call's scratch memory. Typed events (an event name per row: funnelAnalysis,
 *                  behaviourSegments in src/behaviour/) are read by readTypedEvents.ts (entry
 *                  points, rows and columns; typedEvents.ts the plan and result shapes,
 *                  typedReader.ts the per-row checks, typedRuns.ts the layout by customer)
 *                  and scanned by funnelScan.ts and segmentScan.ts
 *   periods.ts     calendar periods in a zone; memory.ts the one allocator and scratch memory;
 *                  constants.ts every tunable with its reason; types.ts the public types
 *
 * A new scan of the aggregates (another figure per cohort cell) starts from `CohortParts` in
 * scan/cells.ts; a new input form ends in a `Batch` (general) or `KeyedEvents` (masks).
 *
 * Fastest input form (for benchmarks): columns
 *   { customerId: Int32Array (integer ids or dictionary codes),
 *     at: Float64Array (epoch ms), revenue: Float64Array (integer cents) }
 * with the option `minorUnits: 2`; call cohortAnalysis(columns, { minorUnits: 2 }).
 * Next: string ids in a plain array (ids of at most 11 Latin-1 characters compare fastest)
 * with the same typed `at` column and decimal-string revenue (parsed by a char-code loop,
 * no option needed). ISO strings `YYYY-MM-DDTHH:MM:SS(.sss)Z` take a fast parser but cost
 * more than epoch ms; rows ({ customerId, at, revenue }) cost one property read per field.
 */
export {
  CohortAccumulator,
  type CohortAccumulatorJSON,
  type CohortEventsJSON,
} from "./CohortAccumulator.js";
export { cohortAnalysis } from "./cohortAnalysis.js";
export { type CohortStreamItem, cohortAnalysisAsync } from "./cohortAnalysisAsync.js";
export { createCohortAccumulator } from "./createCohortAccumulator.js";
export type {
  CohortActivity,
  CohortBoundaries,
  CohortBreakdownValue,
  CohortColumns,
  CohortColumnsWithProperties,
  CohortEvent,
  CohortEventMatch,
  CohortOptions,
  CohortRates,
  CohortRatesWithIntervals,
  CohortRow,
  CohortTable,
  CohortTableJSON,
  CohortValues,
  CustomerId,
  EventAccessors,
  InstantInput,
  LifetimeValueTable,
  RateInterval,
  RateIntervalOptions,
  RetentionIntervalOptions,
  RetentionMode,
  RetentionOptions,
  RetentionPoint,
  RetentionPointWithInterval,
  RetentionTable,
  RetentionTableWithIntervals,
  RetentionTrend,
  RetentionTrendWithIntervals,
} from "./types.js";
