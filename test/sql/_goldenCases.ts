// The queries kept as golden files (test/sql/golden/<name>.<dialect>.sql).
import type { CohortQueryOptions, SqlSource } from "../../src/sql/types.js";

export const GOLDEN_SOURCE: SqlSource = {
  table: "analytics.events",
  customerId: "customer_id",
  at: "event_at",
  revenue: "amount",
};

export const GOLDEN: readonly {
  readonly name: string;
  readonly source: SqlSource;
  readonly options: Omit<CohortQueryOptions, "dialect">;
}[] = [
  {
    name: "cohort-week-new-york",
    source: GOLDEN_SOURCE,
    options: { period: "week", timeZone: "America/New_York", asOf: "2024-06-30" },
  },
  {
    name: "cohort-month-brackets-cohortof",
    source: { ...GOLDEN_SOURCE, cohortOf: "signup_at", where: "country = 'DE'" },
    options: { period: "month", timeZone: "Asia/Kathmandu", brackets: true, refunds: "exclude" },
  },
];
