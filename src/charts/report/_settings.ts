/**
 * What {@link customerReport} has read from its options and orders, shared by its sections.
 */
import type { Decimal } from "../../_lib/decimal.js";
import type { CustomerId } from "../../cohorts/engine/types.js";
import type { Period, WeekStartsOn } from "../../types.js";
import type { MoneyFormat } from "./_format.js";

/** The options of the report once read. */
export interface Settings {
  readonly period: Period;
  readonly timeZone: string;
  readonly weekStartsOn: WeekStartsOn;
  readonly purchases: "positive" | "all";
  readonly refunds: "net" | "exclude";
  readonly models: boolean;
  readonly top: number;
  readonly money: MoneyFormat;
  /** The end of the data: the first instant not observed (epoch ms). */
  readonly end: number;
  /** The first day with an order, at midnight in the zone (epoch ms). */
  readonly start: number;
  /** The theme of the charts: the report's, with `'auto'` drawn light. */
  readonly chartTheme: "light" | "dark";
}

/** The checked orders before the end, as columns every function of the library reads. */
export type ReportColumns = {
  readonly customerId: CustomerId[];
  /** Epoch milliseconds. */
  readonly at: Float64Array;
  /** Checked amounts as given (or the library's Decimals); `null` for none. */
  readonly revenue: (string | number | bigint | Decimal | null)[];
};
