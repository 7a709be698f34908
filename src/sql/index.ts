/**
 * @packageDocumentation
 * `customer-metrics/sql`.
 */
export {};
