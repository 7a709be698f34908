import { CustomerPeriods } from "./aggregate/CustomerPeriods.js";
import { addEvents } from "./aggregate/feed.js";
import { EventRoles } from "./events/EventRoles.js";
import { roleColumnsTable, roleRowsTable } from "./events/roleColumns.js";
import { oneShotColumns, oneShotRows } from "./oneShot.js";
import { asColumns } from "./read/input.js";
import { resolveOptions } from "./read/options.js";
import { assembleRoles, assembleTable } from "./scan/Table.js";
import type {
  CohortColumns,
  CohortColumnsWithProperties,
  CohortEvent,
  CohortOptions,
  CohortTable,
} from "./types.js";

/**
 * Cohort table of an event log: customers grouped by the period of their first event, with
 * distinct active customers and exact revenue for every later period.
 *
 * @remarks
 * ```text
 * active event    = a row that is not a refund (revenue >= 0 or none)      active: 'events' (default)
 *                 | a row with revenue > 0                                 active: 'purchases'
 *                 | every row, refunds included                            active: 'rows'
 * cohort(c)       = period of c's first active event (or of cohortOf(c)); c is in no cohort
 *                   without an active event
 * k               = period(event) - cohort(c)            (whole calendar periods, in timeZone)
 * active[C][k]    = #{ c in C : c has an active event in period k }
 * revenue[C][k]   = Σ revenue of events of customers of C in period k   (exact; a refund is
 *                   netted in, refunds: 'net' (default), or left out, refunds: 'exclude')
 * retention[C][k] = active[C][k] / size[C]
 * average[k]      = Σ_C retained[C][k] / Σ_C size[C]    over cohorts with period k complete
 * ```
 * The event rules are the library's (a refund is a row with negative revenue: never
 * activity by default, its amount counted in the cell of its period, at or after the
 * customer's cohort; a refund before the first active event, or of a customer without one, is
 * left out). Without `asOf` every cohort has the periods up to the last one holding an active
 * event or counted revenue (zeros included). `asOf` is the end of the data: an instant (a Date,
 * epoch ms, a date-time string) is the first instant not observed, so an event exactly at it is
 * left out; a calendar date (`'2024-06-30'`) names the last day observed and includes it (the
 * end is the next day's start in `timeZone`, so June is then complete). The period holding the
 * end's last instant is the last one reported and is incomplete unless it ends there
 * (`complete[k] === false`, rates `null`). Periods and keys: `'2024-01'`, `'2024-W03'` (ISO
 * week; the start date when weeks do not start on Monday), `'2024-Q1'`, `'2024'`,
 * `'2024-01-15'`. Revenue is summed in integer hundredths (or `10^-minorUnits`) with an
 * exact Decimal fallback, never in binary floating point; a revenue of `undefined` or `null`
 * (a SQL or CSV NULL) is no revenue, in rows and columns alike, as in every event-log
 * function. A number is read as its shortest decimal form (`String(n)`), as everywhere in
 * the library; amounts beyond 2^53 minor units are exact as strings or bigints.
 *
 * Size: a table has one cell per cohort and reported period (Σ over cohorts of the periods
 * from the cohort's own to the last); one beyond 5,000,000 cells (a daily table over
 * thirteen years of cohorts) is refused with `OUT_OF_RANGE` before it is allocated, naming
 * the latest event's time (or `asOf`) and the first and last period: one stray date such as
 * `'9999-12-31'` would otherwise need gigabytes. Times run over the whole Date range
 * (±8.64e15 ms); keys and starts beyond the years 0–9999 use the ISO-8601 expanded form
 * (`'-271821-04'`, `'-271821-04-01T00:00:00.000Z'`).
 *
 * Start and return events (Amplitude's "starting" and "return" events, Mixpanel's
 * `born_event` and returning `event`, the start and return events of PostHog's retention
 * insight) and breakdowns:
 * ```text
 * eligible(e)     = e is active under the `active` rule (above)
 * start(e)        = eligible(e) and e matches startEvent        (default: every eligible row)
 * return(e)       = eligible(e) and e matches returnEvent       (default: every eligible row)
 * s(c)            = instant of c's first start event; c is in no cohort without one
 * cohort(c)       = period of s(c)
 * active[C][0]    = size[C]                                      returnInStartPeriod: false (default)
 *                 = #{ c in C : c has a return e in cohort(c) with at(e) >= s(c) }   true
 * active[C][k]    = #{ c in C : c has a return event in period k }            k >= 1
 * revenue[C][k]   = Σ revenue of every row of customers of C in period k >= 0 (returns or
 *                   not; the refund rule as above); rows before the cohort's period left out
 * breakdown[v]    = the table of the customers whose first start event has breakdownBy = v
 * ```
 * `active` selects among rows, and the start and return events further select among those:
 * under `active: 'purchases'` a zero-revenue signup is no start event. Events before the start
 * event never count as returns (in the start period they count only with
 * `returnInStartPeriod: true` and at or after the start). Names match the `event` field of
 * rows (or the `event` accessor, or the `event` column of columns) with `===`; a predicate
 * `(row, index) => boolean` is called for every eligible row (a column row is passed as
 * `{ customerId, at, revenue, event }`), and one that throws is rethrown as `INVALID_OPTION`
 * naming the row (`events[12].startEvent`) with the error as `cause`. With `breakdownBy` (a
 * property or column name, or an accessor of rows) the result's `breakdown` maps each value of
 * the customers' first start event (at one instant, the least value) to its own table over the
 * total's periods, so the tables sum to the total cell by cell, each with its own pooled
 * averages; values are strings, finite numbers, booleans or `null` (also for `undefined`), in
 * the order numbers, strings, `false`, `true`, `null`. These options take calendar periods and
 * no `cohortOf`, and go through one per-customer table (the same for rows, columns, async
 * batches and the accumulator); without them the table is the one described above.
 *
 * Speed: columns (or an array of rows) over calendar periods spanning at most 1,024 periods
 * take a column path that keeps one bit per customer and period (four bytes per customer up
 * to 32 periods); integer ids over a dense range (dictionary codes) skip id hashing. Columns
 * (or an array of rows without accessors) with `startEvent` / `returnEvent` given as names
 * (or absent) and `breakdownBy` as a column or property name take the same kind of path (each
 * distinct event name matched once, each distinct breakdown value read once; per customer its
 * start and a bit per period with a return) when the periods from the first event to the
 * last reported span at most 1,024 and breakdown values × periods² stay within 2,097,152.
 * Everything else (predicates and accessors with these options included) goes through the
 * general engine of {@link createCohortAccumulator}, which gives the same table.
 *
 * @example
 * ```ts
 * const table = cohortAnalysis([
 *   { customerId: 'a', at: '2024-01-03T09:00:00Z', revenue: '20.00' },
 *   { customerId: 'b', at: '2024-01-20T09:00:00Z', revenue: '5.00' },
 *   { customerId: 'a', at: '2024-02-11T09:00:00Z', revenue: '-2.50' }, // a refund
 *   { customerId: 'b', at: '2024-02-15T09:00:00Z', revenue: '8.00' },
 * ], { period: 'month' })
 * table.cohorts[0].active //=> [2, 1]
 * table.cohorts[0].revenue.map(String) //=> ['25', '5.5']
 * table.retention().cohorts[0].rates.map(String) //=> ['1', '0.5']
 * ```
 * A signup starts the cohort and a purchase is a return; the table is broken down by the
 * signup's channel:
 * ```ts
 * const log = [
 *   { customerId: 'a', at: '2024-01-02T09:00:00Z', event: 'view' },
 *   { customerId: 'a', at: '2024-02-02T09:00:00Z', event: 'signup', channel: 'ads' },
 *   { customerId: 'a', at: '2024-03-03T09:00:00Z', event: 'purchase', revenue: '10.00' },
 *   { customerId: 'b', at: '2024-02-10T09:00:00Z', event: 'signup', channel: 'seo' },
 * ]
 * const t = cohortAnalysis(log, { startEvent: 'signup', returnEvent: 'purchase', breakdownBy: 'channel' })
 * t.cohorts[0].key //=> '2024-02' (a's view in January does not start a cohort)
 * t.cohorts[0].active //=> [2, 1]
 * t.breakdown.get('ads').cohorts[0].active //=> [1, 1]
 * ```
 * @param events - rows `{ customerId, at, revenue? }` (or any shape with accessor options),
 *   or columns `{ customerId, at, revenue?, cohortOf? }` of arrays or typed arrays
 * @param options - period, timeZone, weekStartsOn, boundaries, asOf, active, refunds,
 *   minorUnits, accessors, startEvent, returnEvent, returnInStartPeriod, breakdownBy, event
 * @returns the {@link CohortTable}
 * @throws {@link MetricInputError} `INVALID_DATE` for an unreadable time (field
 *   `'events[12].at'`) or one outside the Date range, `NOT_A_NUMBER` for a missing or invalid
 *   customer id or non-numeric revenue, `NOT_FINITE` for infinite revenue, `NOT_INTEGER` for
 *   fractional minor units, `INCONSISTENT` for columns of different lengths, `INVALID_OPTION`
 *   for unknown periods, zones, boundaries, `active` or `refunds` values or accessors with
 *   columns, `INVALID_DATE` for an unreadable `asOf`, `OUT_OF_RANGE` for
 *   `minorUnits` above 15 or a table beyond 5,000,000 cells (field: the latest event's time,
 *   or `asOf`); `INVALID_OPTION` for a `startEvent` / `returnEvent` that is no name, list of
 *   names or function, a `breakdownBy` that is no name or function, these options with
 *   rolling boundaries or `cohortOf`, event names over columns without an `event` column
 *   (field `events.event`), a `breakdownBy` column the input lacks, and a predicate or
 *   breakdown accessor that throws (field `events[12].startEvent`); `NOT_A_NUMBER` for a
 *   breakdown value that is not a string, finite number, boolean or null (field
 *   `events[12].channel`).
 * @see Amplitude, "How the Retention Analysis chart calculates retention" (pooled average).
 * @see Amplitude, "Retention Analysis FAQ" (starting and return events, Return On),
 *   https://amplitude.com/docs/analytics/charts/retention-analysis/faq; Mixpanel, retention
 *   query (`born_event` and the returning `event`), https://docs.mixpanel.com/reference/retention-query.
 * @category Cohorts
 */
export function cohortAnalysis<Row = CohortEvent>(
  events: Iterable<Row> | CohortColumns | CohortColumnsWithProperties,
  options?: CohortOptions<Row>,
): CohortTable {
  const fn = "cohortAnalysis";
  const resolved = resolveOptions(options, fn);
  const columns = asColumns(resolved, events, fn);
  if (resolved.roles !== null) {
    // columns (or an array of rows) with names and a breakdown column or property may take
    // the mask table (events/roleColumns.ts)
    const fast =
      columns !== null
        ? roleColumnsTable(resolved, columns, "events")
        : Array.isArray(events)
          ? roleRowsTable(resolved, events, "events")
          : null;
    if (fast !== null) return fast;
    const roles = new EventRoles(resolved);
    if (columns !== null) roles.addColumns(columns, "events");
    else roles.addRows(events as Iterable<unknown>, "events");
    const { total, groups } = roles.scan();
    return assembleRoles(resolved, total, groups);
  }
  // Input held at once, over calendar periods and without explicit cohorts, may take the
  // period masks (see oneShot.ts); anything else goes through the general table.
  if (resolved.boundaries === "calendar" && resolved.getCohort === null) {
    if (columns !== null && columns.cohortOf === undefined)
      return oneShotColumns(resolved, columns, "events");
    if (columns === null && Array.isArray(events)) return oneShotRows(resolved, events, "events");
  }
  const table = new CustomerPeriods(resolved);
  addEvents(table, events, fn);
  return assembleTable(resolved, table.scan(true));
}
