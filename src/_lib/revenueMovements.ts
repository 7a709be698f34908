/**
 * Validation shared by the revenue churn and revenue retention metrics: reads the movement
 * amounts of one period and checks that the losses fit inside what existing customers had.
 */
import { denominatorAmount, fail, nonNegative, record } from "./assert.js";
import { type Decimal, ZERO } from "./decimal.js";

/** The validated amounts; optional movements default to 0. */
export interface RevenueMovementAmounts {
  start: Decimal;
  churned: Decimal;
  contraction: Decimal;
  expansion: Decimal;
  reactivation: Decimal;
}

interface RawRevenueMovements {
  startRevenue?: unknown;
  churnedRevenue?: unknown;
  contractionRevenue?: unknown;
  expansionRevenue?: unknown;
  reactivationRevenue?: unknown;
}

function optionalAmount(value: unknown, fn: string, field: string): Decimal {
  return value === undefined ? ZERO : nonNegative(value, fn, field);
}

/**
 * Read `startRevenue` (a non-zero denominator), `churnedRevenue` and the optional
 * contraction, expansion and reactivation amounts (all non-negative). With `checkLosses`,
 * throw `INCONSISTENT` when churned + contraction exceed start + expansion + reactivation:
 * customers cannot lose more revenue than they had at the start plus what they added.
 */
export function readRevenueMovements(
  input: unknown,
  fn: string,
  checkLosses: boolean,
): RevenueMovementAmounts {
  const i = record<RawRevenueMovements>(input, fn);
  const start = denominatorAmount(i.startRevenue, fn, "startRevenue");
  const churned = nonNegative(i.churnedRevenue, fn, "churnedRevenue");
  const contraction = optionalAmount(i.contractionRevenue, fn, "contractionRevenue");
  const expansion = optionalAmount(i.expansionRevenue, fn, "expansionRevenue");
  const reactivation = optionalAmount(i.reactivationRevenue, fn, "reactivationRevenue");
  if (checkLosses) {
    const available = start.plus(expansion).plus(reactivation);
    if (churned.plus(contraction).gt(available)) {
      fail(
        fn,
        "churnedRevenue",
        "INCONSISTENT",
        `plus contractionRevenue must not exceed startRevenue + expansionRevenue + reactivationRevenue (${available.toString()})`,
        i.churnedRevenue,
      );
    }
  }
  return { start, churned, contraction, expansion, reactivation };
}
